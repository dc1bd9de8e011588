//! The local credentials endpoint (`runas --serve`, `serve`): SDKs and the AWS CLI read
//! credentials from it through `AWS_CONTAINER_CREDENTIALS_FULL_URI` (or, with `--imds`,
//! as instance metadata through `AWS_EC2_METADATA_SERVICE_ENDPOINT`), and it re-acquires
//! the chain before they run out.

mod auth;
mod conns;
mod imds;
mod peer;
mod server;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::{Result, anyhow};

pub use imds::{DEFAULT_ROLE, short_for_botocore};
pub use state::Acquire;

use crate::creds::Creds;

pub const URI_VAR: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
pub const TOKEN_VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

/// What the endpoint speaks.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Container credentials: a bearer token shared with the client.
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

/// A listening endpoint; it serves until the runtime it was started on ends.
pub struct Endpoint {
    addr: SocketAddr,
    guard: Arc<auth::Guard>,
    imds: Option<Arc<imds::Imds>>,
    _task: tokio::task::JoinHandle<()>,
}

impl Endpoint {
    /// Listen on `bind` (port 0: any free one) and serve `first` until it needs
    /// replacing, then what `acquire` gives.
    pub async fn start(
        bind: SocketAddr,
        first: Creds,
        acquire: Acquire,
        kind: Kind,
    ) -> Result<Endpoint> {
        check_servable(&first)?;
        let conns = conns::Conns::new(conns::cap(raise_fd_limit()));
        let listener = server::bind(bind).await?;
        let addr = listener.local_addr()?;
        let guard = Arc::new(auth::Guard::new(addr));
        let state = state::State::new(first, acquire);
        let imds = match kind {
            Kind::Container => None,
            Kind::Imds { role } => Some(imds::Imds::new(&role, addr)),
        };
        let served = server::run(listener, guard.clone(), imds.clone(), state, conns);
        let task = tokio::spawn(served);
        Ok(Endpoint {
            addr,
            guard,
            imds,
            _task: task,
        })
    }

    pub fn url(&self) -> String {
        match self.imds {
            None => format!("http://{}{}", self.addr, auth::PATH),
            Some(_) => format!("http://{}", self.addr),
        }
    }

    /// The variables a client needs (`None`: to be unset). The token is a secret: it goes
    /// into a child's environment or onto stdout, never into argv or a log.
    pub fn vars(&self) -> Vec<(&'static str, Option<String>)> {
        match self.imds {
            None => vec![
                (URI_VAR, Some(self.url())),
                (TOKEN_VAR, Some(self.guard.token().to_string())),
            ],
            Some(_) => std::iter::once((imds::ENDPOINT_VAR, Some(self.url())))
                .chain(NOT_FOR_IMDS.iter().map(|name| (*name, None)))
                .collect(),
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
