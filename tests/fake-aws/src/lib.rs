//! AWS emulator for aws-login's tests and demo.
//!
//! One HTTP server on 127.0.0.1 serves STS (every request SigV4-verified),
//! IMDSv2, container credentials, IAM Identity Center (the SSO portal and
//! SSO OIDC with its device and PKCE flows) and the console federation
//! endpoint with a stand-in console page, routed by path, so the binary
//! under test reaches it purely through the standard endpoint environment
//! variables. Everything is in memory and driven by a [`Scenario`]. Beside it, a TLS
//! listener (a private CA's certificate) with a CONNECT proxy, which also plays a company's
//! own sign-in host that redirects to the portal (a vanity start URL).

mod arn;
mod container;
mod faults;
mod html;
mod http;
mod ids;
mod imds;
mod log;
mod oidc;
mod router;
mod scenario;
mod server;
mod sessions;
mod signin;
mod sigv4;
mod sso;
mod sso_store;
mod state;
mod sts;
mod tls;
mod vanity;

pub use faults::Fault;
pub use log::LogEntry;
pub use router::Service;
pub use scenario::{
    AccessKey, Account, ContainerConfig, Hostile, ImdsConfig, Mfa, Role, Scenario, SsoAssignment,
    SsoConfig, SsoOrganisation, User, generated_assignments,
};
pub use sessions::IssuedCreds;
pub use signin::ConsoleSignin;
pub use signin::oauth::LoginSession;
pub use sso_store::{SsoRegistration, SsoToken};
pub use tls::TlsListener;

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
        let base_url = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        let state = Arc::new(State::new(scenario, base_url));
        let handler: Handler = {
            let state = state.clone();
            Arc::new(move |req| -> Reply { router::handle(&state, req) })
        };
        let server = Server::start(listener, handler).context("starting server thread")?;
        Ok(FakeAws { state, server })
    }

    /// A second listener on 127.0.0.1 that serves the same emulator over TLS, with a
    /// certificate for `localhost` and `127.0.0.1` signed by a CA made for it.
    pub fn serve_tls(&self) -> TlsListener {
        let state = self.state.clone();
        let handler: Handler = Arc::new(move |req| -> Reply { router::handle(&state, req) });
        TlsListener::start(handler).expect("starting the fake-aws TLS listener")
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

    /// Every response's `Date` header is `secs` ahead of the clock (behind when negative),
    /// as seen from a machine whose clock is off by as much the other way.
    pub fn set_date_offset(&self, secs: i64) {
        self.state
            .date_offset_secs
            .store(secs, std::sync::atomic::Ordering::Relaxed);
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

    /// Every secret the emulator has issued (secret access keys, session
    /// tokens, SSO OIDC access tokens, refresh tokens and client secrets, and
    /// console sign-in tokens), so tests can check that none of them leaked
    /// (e.g. onto stderr).
    pub fn issued_secrets(&self) -> Vec<String> {
        let mut secrets = self.state.sessions.lock().unwrap().secrets();
        secrets.extend(self.state.sso.lock().unwrap().secrets());
        secrets.extend(self.state.signin.lock().unwrap().secrets());
        secrets.extend(self.state.login.lock().unwrap().secrets());
        secrets
    }

    /// Every successful `getSigninToken` so far, oldest first, with the
    /// Issuer and Destination of the login that used its token, if any.
    pub fn console_signins(&self) -> Vec<ConsoleSignin> {
        self.state.signin.lock().unwrap().signins()
    }

    /// Makes every console sign-in token issued so far older than its 15
    /// minutes, so `login` rejects it; open console sessions are unaffected.
    pub fn expire_signin_tokens(&self) {
        self.state.signin.lock().unwrap().expire_tokens();
    }

    /// Registers a client (grant types authorization_code + refresh_token) and
    /// issues an access token living `ttl_secs` (negative: already expired),
    /// with a refresh token when `refreshable`, as a finished sign-in to the
    /// scenario's start URL would leave it. Not logged.
    pub fn issue_sso_token(&self, ttl_secs: i64, refreshable: bool) -> SsoToken {
        sso_store::issue_for_tests(&self.state, ttl_secs, refreshable)
    }

    /// A finished `aws login` whose credentials live `ttl_secs`: the cache file's JSON
    /// (the AWS CLI's format, with a fresh DPoP key) and the refresh token bound to it.
    pub fn issue_login_session(&self, ttl_secs: i64) -> LoginSession {
        signin::oauth::issue_for_tests(&self.state, ttl_secs)
    }

    /// Every SSO access token issued so far is expired; refresh tokens stay valid.
    pub fn expire_sso_tokens(&self) {
        self.state.sso.lock().unwrap().expire_access_tokens();
    }

    /// Switches the scenario's `sso.deny_authorization` at runtime.
    pub fn set_sso_deny(&self, deny: bool) {
        self.state.sso.lock().unwrap().deny = deny;
    }

    /// The `AWSReservedSSO_…` role ARN whose sessions the portal hands out for
    /// permission set `role` in `account_id`.
    pub fn sso_role_arn(&self, account_id: &str, role: &str) -> String {
        self.state.scenario.sso_role_arn(account_id, role)
    }

    /// Every SSO OIDC client registration so far, oldest first.
    pub fn sso_registrations(&self) -> Vec<SsoRegistration> {
        self.state.sso.lock().unwrap().registrations()
    }

    /// Makes `host` a company's own sign-in host (a vanity start URL) that answers every
    /// request with `status` and `location` (none: a redirect without a `Location`). It is
    /// served over TLS only: through [`TlsListener::proxy_url`] as `HTTPS_PROXY`.
    pub fn redirect(&self, host: &str, status: u16, location: Option<&str>) {
        self.state.redirects.set(host, status, location);
    }

    /// Makes a vanity host answer HEAD with 405 Method Not Allowed (its redirect comes to GET).
    pub fn refuse_head(&self, host: &str) {
        self.state.redirects.refuse_head(host);
    }

    /// `METHOD host path` of every request a vanity host answered, oldest first.
    pub fn redirects_served(&self) -> Vec<String> {
        self.state.redirects.seen()
    }

    /// Answers name `account` as the caller's account (STS's AssumedRoleUser and
    /// FederatedUser ARNs, the container's and IMDS's AccountId), whatever it is: a
    /// misbehaving AWS for tests of what clients let through. `None` restores the truth.
    pub fn set_account_override(&self, account: Option<&str>) {
        self.state.set_account_override(account.map(str::to_string));
    }

    /// Prints a one-line summary of each request to stderr (no secrets).
    pub fn echo_requests(&self, on: bool) {
        self.state.set_echo(on);
    }
}
