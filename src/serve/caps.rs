//! How long the endpoint may serve: `--max-lifetime` (then every request is refused and
//! nothing is acquired again; what is served never lasts past it) and `--idle-timeout`
//! (the endpoint stops after no request for that long).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::creds::Creds;

pub struct Caps {
    /// `--max-lifetime` as given, for the refusal.
    max_lifetime: Option<Duration>,
    /// When it ends: monotonic for refusing, wall-clock for expirations and STS.
    until: Option<(Instant, DateTime<Utc>)>,
    idle: Option<Duration>,
    last_request: Mutex<Instant>,
}

impl Caps {
    /// Caps counted from now (the endpoint's start: the first acquisition is part of it).
    pub fn new(max_lifetime: Option<Duration>, idle: Option<Duration>) -> Caps {
        let now = Instant::now();
        let until = max_lifetime.map(|d| {
            let wall = chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
            (now + d, Utc::now() + wall)
        });
        Caps {
            max_lifetime,
            until,
            idle,
            last_request: Mutex::new(now),
        }
    }

    /// When nothing may be served any more, if ever.
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.until.map(|(_, wall)| wall)
    }

    /// Why every request is refused now, once `--max-lifetime` has passed.
    pub fn refusal(&self) -> Option<String> {
        let (until, _) = self.until?;
        (Instant::now() >= until).then(|| {
            format!(
                "this endpoint's --max-lifetime of {} has passed: start a new one for more credentials",
                humantime::format_duration(self.max_lifetime.unwrap_or_default())
            )
        })
    }

    /// The most seconds STS may be asked for now (rounded up), when there is a cap.
    pub fn seconds_left(&self) -> Option<i32> {
        let (until, _) = self.until?;
        let left = until.saturating_duration_since(Instant::now());
        let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        Some(i32::try_from(secs).unwrap_or(i32::MAX))
    }

    /// The credentials as served: their expiry no later than the cap, so that a client
    /// stops using them when the endpoint stops serving.
    pub fn clamp(&self, mut creds: Creds) -> Creds {
        if let Some(deadline) = self.deadline() {
            creds.expiration = creds.expiration.map(|e| e.min(deadline));
        }
        creds
    }

    /// A request was answered: the idle time starts again.
    pub fn touch(&self) {
        *self.last_request.lock().unwrap() = Instant::now();
    }

    /// Resolves once no request came for `--idle-timeout` (never without one).
    pub async fn idle(&self) {
        let Some(idle) = self.idle else {
            return std::future::pending().await;
        };
        loop {
            let due = *self.last_request.lock().unwrap() + idle;
            if Instant::now() >= due {
                return;
            }
            tokio::time::sleep_until(due.into()).await;
        }
    }

    /// `--idle-timeout` as given, for the line saying the endpoint stopped.
    pub fn idle_timeout(&self) -> Option<Duration> {
        self.idle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(expiration: DateTime<Utc>) -> Creds {
        Creds {
            access_key_id: "ASIA".into(),
            secret_access_key: "s".into(),
            session_token: Some("t".into()),
            expiration: Some(expiration),
            account_id: None,
        }
    }

    #[test]
    fn a_cap_clamps_the_expiry_and_refuses_once_passed() {
        let caps = Caps::new(Some(Duration::from_millis(50)), None);
        assert!(caps.refusal().is_none());
        assert_eq!(caps.seconds_left(), Some(1));
        let later = Utc::now() + chrono::Duration::hours(1);
        let served = caps.clamp(creds(later));
        assert!(served.expiration.unwrap() <= caps.deadline().unwrap());
        std::thread::sleep(Duration::from_millis(60));
        let refusal = caps.refusal().expect("refused after the cap");
        assert!(refusal.contains("--max-lifetime of 50ms"), "{refusal}");
        assert_eq!(caps.seconds_left(), Some(0));
    }

    #[test]
    fn without_a_cap_nothing_changes() {
        let caps = Caps::new(None, None);
        assert!(caps.refusal().is_none() && caps.seconds_left().is_none());
        let later = Utc::now() + chrono::Duration::hours(1);
        assert_eq!(caps.clamp(creds(later)).expiration, Some(later));
    }

    #[tokio::test]
    async fn idle_ends_only_after_a_quiet_spell() {
        let ms = Duration::from_millis;
        let caps = std::sync::Arc::new(Caps::new(None, Some(ms(1000))));
        let watch = tokio::spawn({
            let caps = caps.clone();
            async move { caps.idle().await }
        });
        tokio::time::sleep(ms(600)).await;
        caps.touch();
        tokio::time::sleep(ms(600)).await;
        assert!(!watch.is_finished(), "a request 600 ms ago");
        tokio::time::sleep(ms(800)).await;
        assert!(watch.is_finished());
    }
}
