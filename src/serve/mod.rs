//! The local credentials endpoint (`runas --serve`, `serve`): SDKs and the AWS CLI read
//! credentials from it through `AWS_CONTAINER_CREDENTIALS_FULL_URI` (or, with `--imds`,
//! as instance metadata through `AWS_EC2_METADATA_SERVICE_ENDPOINT`), and it re-acquires
//! the chain before they run out.

mod auth;
pub mod caps;
mod conns;
mod imds;
pub mod log;
mod peer;
mod server;
mod state;
mod token_file;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use tokio::sync::watch;

pub use imds::{DEFAULT_ROLE, short_for_botocore};
pub use state::Acquire;

use crate::creds::Creds;
use crate::env::Env;
use caps::Caps;
use log::RequestLog;
use token_file::TokenFile;

pub const URI_VAR: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
pub const TOKEN_VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
pub const TOKEN_FILE_VAR: &str = token_file::VAR;

/// What the endpoint speaks.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Container credentials: a bearer token shared with the client through a file.
    Container,
    /// EC2 instance metadata (IMDSv2), serving the credentials under `role`.
    Imds { role: String },
}

/// Variables that make an SDK prefer the container provider, or skip instance metadata:
/// a client of the instance-metadata endpoint must not see them.
const NOT_FOR_IMDS: [&str; 5] = [
    URI_VAR,
    TOKEN_VAR,
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_EC2_METADATA_DISABLED",
];

/// How an endpoint is kept: what it speaks, how long it may serve, where its requests are
/// recorded, where its token goes (`--token-file`, else a file of its own).
pub struct Setup<'a> {
    pub kind: Kind,
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
    /// The container token's file; instance metadata hands out tokens of its own.
    token_file: Option<Arc<TokenFile>>,
    imds: Option<Arc<imds::Imds>>,
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
        let token_file = match setup.kind {
            Kind::Container => Some(Arc::new(TokenFile::write(
                setup.token_file,
                guard.token(),
                addr.port(),
                setup.env,
            )?)),
            Kind::Imds { .. } => None,
        };
        let imds = match &setup.kind {
            Kind::Container => None,
            Kind::Imds { role } => Some(imds::Imds::new(role, addr)),
        };
        let caps = setup.caps;
        let state = state::State::new(first, acquire, caps.deadline());
        let policy = Arc::new(Policy {
            caps: caps.clone(),
            log: setup.log,
        });
        let (ended_tx, ended) = watch::channel(false);
        let file = token_file.clone();
        let served = server::run(listener, guard, imds.clone(), state, conns, policy);
        let task = tokio::spawn(async move {
            tokio::select! {
                _ = served => {}
                _ = caps.idle() => {
                    eprintln!(
                        "aws-login: no request for {} (--idle-timeout): the endpoint stopped",
                        humantime::format_duration(caps.idle_timeout().unwrap_or_default())
                    );
                }
            }
            // The listener is closed: nothing answers on the port any more.
            if let Some(file) = file {
                file.remove();
            }
            ended_tx.send_replace(true);
        });
        Ok(Endpoint {
            addr,
            token_file,
            imds,
            ended,
            task,
        })
    }

    /// Resolves when the endpoint has stopped by itself (`--idle-timeout`).
    pub async fn ended(&mut self) {
        let _ = self.ended.wait_for(|ended| *ended).await;
    }

    pub fn url(&self) -> String {
        match self.imds {
            None => format!("http://{}{}", self.addr, auth::PATH),
            Some(_) => format!("http://{}", self.addr),
        }
    }

    /// The variables a client needs (`None`: to be unset). The container token stays in
    /// its file, out of every environment, argv and log.
    pub fn vars(&self) -> Vec<(&'static str, Option<String>)> {
        match &self.token_file {
            Some(file) => vec![
                (URI_VAR, Some(self.url())),
                (
                    TOKEN_FILE_VAR,
                    Some(file.path().to_string_lossy().into_owned()),
                ),
            ],
            None => std::iter::once((imds::ENDPOINT_VAR, Some(self.url())))
                .chain(NOT_FOR_IMDS.iter().map(|name| (*name, None)))
                .collect(),
        }
    }
}

/// The endpoint ends with its owner, its token file with it (a process that exits does
/// not run the runtime's task destructors).
impl Drop for Endpoint {
    fn drop(&mut self) {
        self.task.abort();
        if let Some(file) = &self.token_file {
            file.remove();
        }
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
