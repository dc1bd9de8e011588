//! The credentials the endpoint hands out, and the one refresh at a time that replaces them.
//!
//! The rule: credentials with at least [`margin`] left are served as they are. Below it a
//! refresh starts (one at a time: every request arriving meanwhile joins it). A request
//! waits for that refresh, for [`PATIENCE`] only while the current credentials still have
//! more than [`floor`] left (then it gets those: a slow STS or SSO does not hold requests
//! up while working credentials exist), for as long as it takes below the floor.
//!
//! The refresh runs on a blocking thread: the chain may wait for another process's lock
//! (a session cache entry, the SSO token), and that wait must not hold up the thread that
//! answers requests.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::creds::Creds;
use crate::inert::{LINE_MAX, for_terminal};

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Re-acquires the whole chain, never signing in or prompting: the one way the endpoint
/// gets credentials after the first.
pub type Acquire = Arc<dyn Fn() -> BoxFuture<Result<Creds>> + Send + Sync>;

/// SDKs refresh container credentials this long before they expire (botocore's advisory
/// window): what they get when they ask must last longer.
const SDK_REFRESH: Duration = Duration::from_secs(15 * 60);
/// botocore's mandatory window: below it every call blocks on a refresh of its own.
const SDK_MANDATORY: Duration = Duration::from_secs(10 * 60);
/// Credentials that barely outlive [`SDK_REFRESH`] are still used this long before the
/// chain runs again: STS is not asked every few seconds.
const MIN_INTERVAL: Duration = Duration::from_secs(60);
/// How long a request waits for a refresh while the current credentials still work.
pub const PATIENCE: Duration = Duration::from_millis(500);

/// Credentials and when they were obtained (their lifetime scales the margins).
#[derive(Clone)]
struct Held {
    creds: Creds,
    expiration: DateTime<Utc>,
    obtained: DateTime<Utc>,
}

impl Held {
    fn new(creds: Creds) -> Option<Held> {
        let expiration = creds.expiration?;
        Some(Held {
            creds,
            expiration,
            obtained: Utc::now(),
        })
    }

    fn left(&self, now: DateTime<Utc>) -> Duration {
        (self.expiration - now).to_std().unwrap_or_default()
    }

    fn lifetime(&self) -> Duration {
        (self.expiration - self.obtained)
            .to_std()
            .unwrap_or_default()
    }

    fn usable(&self, now: DateTime<Utc>) -> Usable {
        usable(self.left(now), self.lifetime())
    }
}

/// What a request may do with the current credentials.
#[derive(Debug, PartialEq, Eq)]
enum Usable {
    AsTheyAre,
    /// A refresh is due; meanwhile these may be served.
    DuringRefresh,
    /// Only a refresh can answer.
    No,
}

fn usable(left: Duration, lifetime: Duration) -> Usable {
    if left >= margin(lifetime) {
        Usable::AsTheyAre
    } else if left > floor(lifetime) {
        Usable::DuringRefresh
    } else {
        Usable::No
    }
}

/// Refresh below this much time left: 15 minutes whenever the credentials had more than
/// that when they came (so STS can give more), yet no sooner than a minute after they came;
/// half the lifetime of credentials that never had 15 minutes to give.
fn margin(lifetime: Duration) -> Duration {
    if lifetime > SDK_REFRESH {
        SDK_REFRESH.min(lifetime.saturating_sub(MIN_INTERVAL))
    } else {
        lifetime / 2
    }
}

/// Serve current credentials during a slow refresh only above this: botocore's mandatory
/// window, or a quarter of a lifetime that never reached 15 minutes.
fn floor(lifetime: Duration) -> Duration {
    if lifetime > SDK_REFRESH {
        SDK_MANDATORY
    } else {
        lifetime / 4
    }
}

struct Inner {
    current: Option<Held>,
    refreshing: bool,
    /// Counts finished refreshes; waiters watch it.
    generation: u64,
    last_error: Option<String>,
}

pub struct State {
    inner: Mutex<Inner>,
    done: watch::Sender<u64>,
    acquire: Acquire,
    /// Nothing is served after this (`--max-lifetime`): credentials that last until
    /// then need no refresh.
    deadline: Option<DateTime<Utc>>,
}

impl State {
    /// `first`: the credentials acquired before serving (with an expiry: checked by the
    /// caller); `deadline`: when the endpoint stops serving (`--max-lifetime`), if ever.
    pub fn new(first: Creds, acquire: Acquire, deadline: Option<DateTime<Utc>>) -> Arc<State> {
        Arc::new(State {
            inner: Mutex::new(Inner {
                current: Held::new(first),
                refreshing: false,
                generation: 0,
                last_error: None,
            }),
            done: watch::channel(0).0,
            acquire,
            deadline,
        })
    }

    /// Credentials to serve, or the message saying why there are none.
    pub async fn get(self: &Arc<Self>) -> Result<Creds, String> {
        let (generation, usable) = {
            let mut inner = self.inner.lock().unwrap();
            let now = Utc::now();
            let usable = match &inner.current {
                Some(h) => match self.usable(h, now) {
                    Usable::AsTheyAre => return Ok(h.creds.clone()),
                    Usable::DuringRefresh => Some(h.creds.clone()),
                    Usable::No => None,
                },
                None => None,
            };
            if !inner.refreshing {
                inner.refreshing = true;
                tokio::spawn(self.clone().refresh());
            }
            (inner.generation, usable)
        };
        let mut rx = self.done.subscribe();
        let finished = rx.wait_for(|g| *g > generation);
        match &usable {
            Some(_) => {
                let _ = tokio::time::timeout(PATIENCE, finished).await;
            }
            None => {
                let _ = finished.await;
            }
        }
        let inner = self.inner.lock().unwrap();
        let now = Utc::now();
        match &inner.current {
            Some(h) if self.usable(h, now) != Usable::No => Ok(h.creds.clone()),
            _ => Err(inner
                .last_error
                .clone()
                .unwrap_or_else(|| "the credentials expired and no refresh finished".into())),
        }
    }

    fn usable(&self, held: &Held, now: DateTime<Utc>) -> Usable {
        if self
            .deadline
            .is_some_and(|d| held.expiration >= d && now < d)
        {
            return Usable::AsTheyAre;
        }
        held.usable(now)
    }

    async fn refresh(self: Arc<Self>) {
        tracing::info!("re-acquiring the credentials");
        let acquire = self.acquire.clone();
        let runtime = tokio::runtime::Handle::current();
        // The chain's I/O still runs on the runtime (its thread keeps driving it); only
        // the waiting is done here.
        let got = tokio::task::spawn_blocking(move || runtime.block_on(acquire()))
            .await
            .unwrap_or_else(|_| Err(anyhow!("the refresh stopped unexpectedly")));
        let mut inner = self.inner.lock().unwrap();
        match got.map(Held::new) {
            Ok(Some(held)) => {
                inner.current = Some(held);
                inner.last_error = None;
            }
            outcome => {
                let message = match outcome {
                    Err(e) => format!("cannot refresh the credentials: {e:#}"),
                    _ => "cannot refresh the credentials: the new ones carry no expiry".into(),
                };
                let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
                // One line per failure streak; the next request tries again.
                if inner.last_error.is_none() {
                    eprintln!("aws-login: {}", for_terminal(&message, LINE_MAX));
                }
                inner.last_error = Some(message);
            }
        }
        inner.refreshing = false;
        inner.generation += 1;
        self.done.send_replace(inner.generation);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn mins(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn credentials_with_more_than_15_minutes_are_served_with_15_minutes_left() {
        // 16-minute credentials: as they are for their first minute, refreshed after it
        // (at 90 s they have 870 s left: too few for an SDK that refreshes at 15 minutes).
        let sixteen = mins(16);
        assert_eq!(margin(sixteen), SDK_REFRESH);
        assert_eq!(usable(sixteen, sixteen), Usable::AsTheyAre);
        assert_eq!(
            usable(sixteen - Duration::from_secs(59), sixteen),
            Usable::AsTheyAre
        );
        assert_eq!(
            usable(sixteen - Duration::from_secs(61), sixteen),
            Usable::DuringRefresh
        );
        assert_eq!(
            usable(Duration::from_secs(870), sixteen),
            Usable::DuringRefresh
        );
        // A session cache entry with 20 or 30 minutes left, or an hour's credentials.
        for lifetime in [mins(20), mins(30), mins(60), mins(12 * 60)] {
            assert_eq!(margin(lifetime), SDK_REFRESH, "{lifetime:?}");
            assert_eq!(usable(mins(15), lifetime), Usable::AsTheyAre);
            assert_eq!(
                usable(mins(15) - Duration::from_secs(1), lifetime),
                Usable::DuringRefresh
            );
        }
    }

    #[test]
    fn the_chain_runs_at_most_once_a_minute() {
        for secs in [901, 930, 959, 960, 961, 1200, 3600] {
            let lifetime = Duration::from_secs(secs);
            assert!(lifetime - margin(lifetime) >= MIN_INTERVAL, "{secs} s");
        }
        assert_eq!(margin(Duration::from_secs(930)), Duration::from_secs(870));
    }

    #[test]
    fn during_a_refresh_current_credentials_are_served_only_above_the_mandatory_window() {
        for lifetime in [mins(16), mins(60)] {
            assert_eq!(floor(lifetime), SDK_MANDATORY);
            assert_eq!(
                usable(SDK_MANDATORY + Duration::from_secs(1), lifetime),
                Usable::DuringRefresh
            );
            assert_eq!(usable(SDK_MANDATORY, lifetime), Usable::No);
            assert_eq!(usable(mins(6), lifetime), Usable::No);
        }
    }

    #[test]
    fn credentials_that_never_had_15_minutes_scale_by_their_lifetime() {
        let fifteen = mins(15);
        assert_eq!(margin(fifteen), fifteen / 2);
        assert_eq!(floor(fifteen), fifteen / 4);
        let short = Duration::from_secs(20);
        assert_eq!(margin(short), Duration::from_secs(10));
        assert_eq!(floor(short), Duration::from_secs(5));
        assert_eq!(usable(Duration::from_secs(11), short), Usable::AsTheyAre);
        assert_eq!(usable(Duration::from_secs(9), short), Usable::DuringRefresh);
        assert_eq!(usable(Duration::from_secs(5), short), Usable::No);
    }

    #[tokio::test]
    async fn credentials_that_outlast_the_deadline_are_never_refreshed() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let calls = Arc::new(AtomicUsize::new(0));
        let acquire: Acquire = Arc::new({
            let calls = calls.clone();
            move || {
                calls.fetch_add(1, Ordering::Relaxed);
                Box::pin(async { Err(anyhow!("not to be called")) })
            }
        });
        let now = Utc::now();
        let creds = |secs| Creds {
            access_key_id: "ASIA".into(),
            secret_access_key: "s".into(),
            session_token: Some("t".into()),
            expiration: Some(now + chrono::Duration::seconds(secs)),
            account_id: None,
        };
        // 2 s credentials, past their 1 s margin after 1.2 s: a refresh is due, unless
        // the endpoint stops serving before they expire.
        let capped = State::new(
            creds(2),
            acquire.clone(),
            Some(now + chrono::Duration::milliseconds(1500)),
        );
        let uncapped = State::new(creds(2), acquire, None);
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert!(capped.get().await.is_ok());
        assert_eq!(calls.load(Ordering::Relaxed), 0);
        let _ = uncapped.get().await;
        assert_eq!(calls.load(Ordering::Relaxed), 1);
    }
}
