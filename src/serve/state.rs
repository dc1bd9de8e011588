//! The credentials the endpoint hands out, and the one refresh at a time that replaces them.
//!
//! The rule: credentials with at least [`margin`] left are served as they are. Below it a
//! refresh starts (one at a time: every request arriving meanwhile joins it). A request
//! waits for that refresh, for [`PATIENCE`] only while the current credentials still have
//! more than [`floor`] left (then it gets those: a slow STS or SSO does not hold requests
//! up while working credentials exist), for as long as it takes below the floor.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::creds::Creds;
use crate::inert::{LINE_MAX, for_terminal};

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Re-acquires the whole chain, never signing in or prompting: the one way the endpoint
/// gets credentials after the first.
pub type Acquire = Arc<dyn Fn() -> BoxFuture<Result<Creds>> + Send + Sync>;

/// SDKs refresh container credentials this long before they expire: what they get when
/// they ask must last longer.
const SDK_REFRESH: Duration = Duration::from_secs(15 * 60);
/// The SDKs' mandatory window: below it they refuse to use credentials.
const SDK_MANDATORY: Duration = Duration::from_secs(5 * 60);
/// How long a request waits for a refresh while the current credentials still work.
pub const PATIENCE: Duration = Duration::from_secs(1);

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
}

/// Refresh below this much time left: 15 minutes, or half the lifetime of credentials that
/// never had 15 minutes to give (AWS's shortest last exactly 15 minutes).
fn margin(lifetime: Duration) -> Duration {
    SDK_REFRESH.min(lifetime / 2)
}

/// Serve current credentials during a slow refresh only above this.
fn floor(lifetime: Duration) -> Duration {
    SDK_MANDATORY.min(lifetime / 4)
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
}

impl State {
    /// `first`: the credentials acquired before serving (with an expiry: checked by the caller).
    pub fn new(first: Creds, acquire: Acquire) -> Arc<State> {
        Arc::new(State {
            inner: Mutex::new(Inner {
                current: Held::new(first),
                refreshing: false,
                generation: 0,
                last_error: None,
            }),
            done: watch::channel(0).0,
            acquire,
        })
    }

    /// Credentials to serve, or the message saying why there are none.
    pub async fn get(self: &Arc<Self>) -> Result<Creds, String> {
        let (generation, usable) = {
            let mut inner = self.inner.lock().unwrap();
            let now = Utc::now();
            let usable = match &inner.current {
                Some(h) if h.left(now) >= margin(h.lifetime()) => return Ok(h.creds.clone()),
                Some(h) if h.left(now) > floor(h.lifetime()) => Some(h.creds.clone()),
                _ => None,
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
            Some(h) if h.left(now) > floor(h.lifetime()) => Ok(h.creds.clone()),
            _ => Err(inner
                .last_error
                .clone()
                .unwrap_or_else(|| "the credentials expired and no refresh finished".into())),
        }
    }

    async fn refresh(self: Arc<Self>) {
        tracing::info!("re-acquiring the credentials");
        let got = (self.acquire)().await;
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

    #[test]
    fn margins_are_the_sdks_for_an_hour_and_scale_for_short_lifetimes() {
        let hour = Duration::from_secs(3600);
        assert_eq!(margin(hour), SDK_REFRESH);
        assert_eq!(floor(hour), SDK_MANDATORY);
        let short = Duration::from_secs(20);
        assert_eq!(margin(short), Duration::from_secs(10));
        assert_eq!(floor(short), Duration::from_secs(5));
    }
}
