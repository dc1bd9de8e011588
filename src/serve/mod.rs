//! The local container-credentials endpoint (`runas --serve`, `serve`): SDKs and the AWS
//! CLI read credentials from it through `AWS_CONTAINER_CREDENTIALS_FULL_URI`, and it
//! re-acquires the chain before they run out.

mod auth;
pub mod caps;
mod conns;
pub mod log;
mod server;
mod state;
mod token_file;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use tokio::sync::watch;

pub use state::Acquire;

use crate::creds::Creds;
use crate::env::Env;
use caps::Caps;
use log::RequestLog;
use token_file::TokenFile;

pub const URI_VAR: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
pub const TOKEN_VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
pub const TOKEN_FILE_VAR: &str = token_file::VAR;

/// How an endpoint is kept: how long it may serve, where its requests are recorded,
/// where its token goes (`--token-file`, else a file of its own).
pub struct Setup<'a> {
    pub caps: Arc<Caps>,
    pub log: RequestLog,
    pub token_file: Option<&'a Path>,
    pub env: &'a Env,
}

/// What every request goes through besides the [`auth::Guard`].
struct Policy {
    caps: Arc<Caps>,
    log: RequestLog,
}

/// A listening endpoint; it serves until `--idle-timeout` stops it, it is dropped, or the
/// runtime it was started on ends.
pub struct Endpoint {
    addr: SocketAddr,
    token_file: Arc<TokenFile>,
    ended: watch::Receiver<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl Endpoint {
    /// Listen on `bind` (port 0: any free one) and serve `first` until it needs
    /// replacing, then what `acquire` gives.
    pub async fn start(
        bind: SocketAddr,
        first: Creds,
        acquire: Acquire,
        setup: Setup<'_>,
    ) -> Result<Endpoint> {
        check_servable(&first)?;
        let conns = conns::Conns::new(conns::cap(raise_fd_limit()));
        let listener = server::bind(bind).await?;
        let addr = listener.local_addr()?;
        let guard = Arc::new(auth::Guard::new(addr));
        let token_file = Arc::new(TokenFile::write(
            setup.token_file,
            guard.token(),
            addr.port(),
            setup.env,
        )?);
        let caps = setup.caps;
        let state = state::State::new(first, acquire, caps.deadline());
        let policy = Arc::new(Policy {
            caps: caps.clone(),
            log: setup.log,
        });
        let (ended_tx, ended) = watch::channel(false);
        let file = token_file.clone();
        let task = tokio::spawn(async move {
            tokio::select! {
                _ = server::run(listener, guard, state, conns, policy) => {}
                _ = caps.idle() => {
                    eprintln!(
                        "aws-login: no request for {} (--idle-timeout): the endpoint stopped",
                        humantime::format_duration(caps.idle_timeout().unwrap_or_default())
                    );
                }
            }
            // The listener is closed: nothing answers on the port any more.
            file.remove();
            ended_tx.send_replace(true);
        });
        Ok(Endpoint {
            addr,
            token_file,
            ended,
            task,
        })
    }

    /// Resolves when the endpoint has stopped by itself (`--idle-timeout`).
    pub async fn ended(&mut self) {
        let _ = self.ended.wait_for(|ended| *ended).await;
    }

    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, auth::PATH)
    }

    /// The two variables a client needs: the token itself stays in its file, out of
    /// every environment, argv and log.
    pub fn vars(&self) -> [(&'static str, String); 2] {
        [
            (URI_VAR, self.url()),
            (
                TOKEN_FILE_VAR,
                self.token_file.path().to_string_lossy().into_owned(),
            ),
        ]
    }
}

/// The endpoint ends with its owner, its token file with it (a process that exits does
/// not run the runtime's task destructors).
impl Drop for Endpoint {
    fn drop(&mut self) {
        self.task.abort();
        self.token_file.remove();
    }
}

/// The protocol carries temporary credentials with an expiry (the SDKs need both).
fn check_servable(c: &Creds) -> Result<()> {
    if c.session_token.is_none() || c.expiration.is_none() {
        return Err(anyhow!(
            "the endpoint serves temporary credentials with an expiry, and the source gave long-term keys: add --get-session-token or --assume-roles"
        ));
    }
    Ok(())
}

/// Every connection is a descriptor: take the hard limit so a burst of clients is served.
/// The limit now in force (unlimited when it cannot be read).
fn raise_fd_limit() -> u64 {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return u64::MAX;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    lim.rlim_cur
}
