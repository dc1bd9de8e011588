//! AWS emulator for aws-login's tests and demo.
//!
//! One HTTP server on 127.0.0.1 serves STS (every request SigV4-verified),
//! IMDSv2 and container credentials, routed by method and path, so the binary
//! under test reaches it purely through the standard endpoint environment
//! variables. Everything is in memory and driven by a [`Scenario`].

mod arn;
mod container;
mod faults;
mod http;
mod ids;
mod imds;
mod log;
mod router;
mod scenario;
mod server;
mod sessions;
mod sigv4;
mod state;
mod sts;

pub use faults::Fault;
pub use log::LogEntry;
pub use router::Service;
pub use scenario::{AccessKey, Account, ContainerConfig, ImdsConfig, Mfa, Role, Scenario, User};
pub use sessions::IssuedCreds;

use anyhow::Context;
use server::{Handler, Reply, Server};
use state::State;
use std::net::TcpListener;
use std::sync::Arc;

/// A running emulator. Dropping it stops the server and joins its threads.
pub struct FakeAws {
    state: Arc<State>,
    server: Server,
}

impl FakeAws {
    /// Starts on an ephemeral port. Panics if the loopback socket cannot be
    /// bound, which only happens on a broken test machine.
    pub fn start(scenario: Scenario) -> FakeAws {
        FakeAws::start_on(scenario, 0).expect("starting fake-aws on 127.0.0.1")
    }

    pub fn start_on(scenario: Scenario, port: u16) -> anyhow::Result<FakeAws> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .with_context(|| format!("binding 127.0.0.1:{port}"))?;
        let state = Arc::new(State::new(scenario));
        let handler: Handler = {
            let state = state.clone();
            Arc::new(move |req| -> Reply { router::handle(&state, req) })
        };
        let server = Server::start(listener, handler).context("starting server thread")?;
        Ok(FakeAws { state, server })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.server.addr().port())
    }

    /// Endpoint overrides that point every emulated service at this server.
    pub fn endpoint_env(&self) -> Vec<(String, String)> {
        let url = self.url();
        [
            "AWS_ENDPOINT_URL_STS",
            "AWS_ENDPOINT_URL_SSO",
            "AWS_ENDPOINT_URL_SSO_OIDC",
            "AWS_ENDPOINT_URL_SIGNIN",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        ]
        .into_iter()
        .map(|k| (k.to_string(), url.clone()))
        .collect()
    }

    /// Value for `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
    pub fn container_uri(&self) -> String {
        format!("{}{}", self.url(), container::PATH)
    }

    /// Every request so far, including rejected and faulted ones, in order.
    pub fn log(&self) -> Vec<LogEntry> {
        self.state.log()
    }

    pub fn clear_log(&self) {
        self.state.clear_log();
    }

    /// Replaces the service's fault and restarts its "every Nth" counter.
    pub fn set_fault(&self, service: Service, fault: Fault) {
        self.state.faults.set(service, fault);
    }

    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// Makes every temporary credential issued so far expired; IMDS and the
    /// container endpoint then vend fresh ones.
    pub fn expire_all_sessions(&self) {
        self.state.sessions.lock().unwrap().expire_all();
    }

    /// A live assumed-role session created without an STS call (not logged,
    /// no trust checks). Panics if `role_arn` is not a role ARN.
    pub fn mint_role_session(&self, role_arn: &str, session_name: &str, secs: i64) -> IssuedCreds {
        self.state
            .mint_role_session(role_arn, session_name, secs, false)
            .unwrap_or_else(|| panic!("mint_role_session: {role_arn:?} is not a role ARN"))
            .creds
    }

    /// Every secret access key and session token the emulator has issued, so tests can
    /// check that none of them leaked (e.g. onto stderr).
    pub fn issued_secrets(&self) -> Vec<String> {
        self.state.sessions.lock().unwrap().secrets()
    }

    /// Prints a one-line summary of each request to stderr (no secrets).
    pub fn echo_requests(&self, on: bool) {
        self.state.set_echo(on);
    }
}
