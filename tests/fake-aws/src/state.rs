//! Shared mutable state behind the server: scenario, sessions, log, faults,
//! the Identity Center store and console sign-ins.

use crate::arn::RoleArn;
use crate::faults::Faults;
use crate::log::LogEntry;
use crate::router::Service;
use crate::scenario::{Scenario, SsoConfig};
use crate::sessions::{CredKind, Principal, Session, SessionStore};
use crate::signin::SigninStore;
use crate::sso_store::SsoStore;
use crate::vanity::Redirects;
use chrono::{Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Lifetime of instance/container role sessions; IMDS rotates well before
/// its roughly six-hour credentials expire.
const INSTANCE_SESSION_SECS: i64 = 6 * 3600;
/// Hand out a fresh instance session once the cached one gets this close to expiry.
const INSTANCE_REFRESH_MARGIN_SECS: i64 = 15 * 60;

pub struct State {
    pub scenario: Scenario,
    /// `http://127.0.0.1:PORT`, for URLs the emulator hands out (device verification).
    pub base_url: String,
    /// The scenario's `sso` section, or the defaults when it has none.
    pub sso_config: SsoConfig,
    pub sso: Mutex<SsoStore>,
    pub sessions: Mutex<SessionStore>,
    /// Console sign-in tokens and the console sessions opened with them.
    pub signin: Mutex<SigninStore>,
    /// Sign-In's OAuth codes and refresh tokens (`aws login`).
    pub login: Mutex<crate::signin::oauth::LoginStore>,
    pub faults: Faults,
    /// Vanity start URL hosts and their redirects.
    pub redirects: Redirects,
    log: Mutex<Vec<LogEntry>>,
    /// Current instance-role session key per credential-vending service.
    instance_keys: Mutex<HashMap<Service, String>>,
    /// IMDSv2 session tokens and their expiry.
    pub imds_tokens: Mutex<HashMap<String, chrono::DateTime<Utc>>>,
    echo: AtomicBool,
    /// When set, the account every answer names (see [`State::reported_account`]).
    account_override: Mutex<Option<String>>,
    /// Seconds added to the clock in every response's `Date` header (a server whose clock
    /// is off, as a client with a skewed clock sees it).
    pub date_offset_secs: std::sync::atomic::AtomicI64,
}

impl State {
    pub fn new(scenario: Scenario, base_url: String) -> State {
        let sso_config = scenario.sso.as_ref().map(SsoConfig::expanded);
        let sso_config = sso_config.unwrap_or_default();
        let lifetime_cap = scenario.credential_lifetime_seconds;
        State {
            sso: Mutex::new(SsoStore::new(sso_config.deny_authorization)),
            sso_config,
            scenario,
            base_url,
            sessions: Mutex::new(SessionStore::with_lifetime_cap(lifetime_cap)),
            signin: Mutex::default(),
            login: Mutex::default(),
            faults: Faults::default(),
            redirects: Redirects::default(),
            log: Mutex::default(),
            instance_keys: Mutex::default(),
            imds_tokens: Mutex::default(),
            echo: AtomicBool::new(false),
            account_override: Mutex::default(),
            date_offset_secs: Default::default(),
        }
    }

    /// Answers name `account` (any text, even one that is no account id) instead of the
    /// principal's: an AWS that misbehaves, for clients that must check what they get.
    pub fn set_account_override(&self, account: Option<String>) {
        *self.account_override.lock().unwrap() = account;
    }

    /// The account an answer names for a principal of `real`.
    pub fn reported_account(&self, real: &str) -> String {
        let over = self.account_override.lock().unwrap();
        over.clone().unwrap_or_else(|| real.to_string())
    }

    /// `arn` with its account field as an answer names it.
    pub fn reported_arn(&self, arn: &str) -> String {
        let mut parts: Vec<&str> = arn.splitn(6, ':').collect();
        let account = self.reported_account(parts.get(4).copied().unwrap_or_default());
        if parts.len() == 6 {
            parts[4] = &account;
        }
        parts.join(":")
    }

    pub fn record(&self, entry: LogEntry) {
        if self.echo.load(Ordering::Relaxed) {
            eprintln!("{}", entry.summary());
        }
        self.log.lock().unwrap().push(entry);
    }

    pub fn log(&self) -> Vec<LogEntry> {
        self.log.lock().unwrap().clone()
    }

    pub fn clear_log(&self) {
        self.log.lock().unwrap().clear();
    }

    pub fn set_echo(&self, on: bool) {
        self.echo.store(on, Ordering::Relaxed);
    }

    /// Issues a role session as if the role had been assumed (no trust checks).
    pub fn mint_role_session(
        &self,
        role_arn: &str,
        session_name: &str,
        secs: i64,
        mfa: bool,
    ) -> Option<Session> {
        let role = RoleArn::parse(role_arn)?;
        let principal = Principal::AssumedRole {
            role_arn: role_arn.into(),
            role,
            session_name: session_name.into(),
        };
        let mut sessions = self.sessions.lock().unwrap();
        Some(sessions.issue(principal, CredKind::AssumedRole, mfa, secs))
    }

    /// The role session the SSO portal hands out for a permission set, named
    /// after the portal user as Identity Center does.
    pub fn mint_sso_session(&self, account_id: &str, role: &str) -> Option<Session> {
        let role_arn = self.scenario.sso_role_arn(account_id, role);
        let cfg = &self.sso_config;
        self.mint_role_session(&role_arn, &cfg.user, cfg.role_credentials_ttl, false)
    }

    /// A live session of an instance/container role, reused until close to
    /// expiry the way IMDS and ECS agents rotate credentials.
    pub fn instance_session(&self, service: Service, role_arn: &str) -> Option<Session> {
        let mut keys = self.instance_keys.lock().unwrap();
        if let Some(key) = keys.get(&service) {
            let sessions = self.sessions.lock().unwrap();
            if let Some(s) = sessions.get(key) {
                let fresh_until = Utc::now() + Duration::seconds(INSTANCE_REFRESH_MARGIN_SECS);
                if s.creds.expiration > fresh_until {
                    return Some(s.clone());
                }
            }
        }
        // Session name as EC2 uses it (instance id); the container agent uses a task id.
        let name = match service {
            Service::Imds => "i-0fake0instance00001",
            _ => "fake-task-00000000000000000001",
        };
        let session = self.mint_role_session(role_arn, name, INSTANCE_SESSION_SECS, false)?;
        keys.insert(service, session.creds.access_key_id.clone());
        Some(session)
    }
}
