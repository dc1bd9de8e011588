//! In-memory IAM Identity Center state shared by the SSO OIDC service (which
//! issues clients, codes and tokens) and the SSO portal (which accepts the
//! access tokens).

use crate::ids;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::collections::{HashMap, VecDeque};
use std::time::Instant;

pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
pub const AUTH_CODE_GRANT: &str = "authorization_code";
pub const REFRESH_GRANT: &str = "refresh_token";

/// A client registration as RegisterClient recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoRegistration {
    pub client_id: String,
    pub client_name: String,
    pub client_type: String,
    pub scopes: Vec<String>,
    pub grant_types: Vec<String>,
    pub redirect_uris: Vec<String>,
    pub issuer_url: Option<String>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl SsoRegistration {
    /// Registrations without grantTypes (how the AWS CLI registers for the
    /// device flow) may use the device-code grant, and refresh when they
    /// asked for scopes; explicit grantTypes allow exactly those.
    pub fn allows(&self, grant: &str) -> bool {
        if self.grant_types.is_empty() {
            return grant == DEVICE_CODE_GRANT
                || (grant == REFRESH_GRANT && !self.scopes.is_empty());
        }
        self.grant_types.iter().any(|g| g == grant)
    }
}

/// What a test needs to write an AWS-CLI-format SSO token cache file.
#[derive(Clone, Debug)]
pub struct SsoToken {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    pub registration_expires_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub struct Client {
    pub reg: SsoRegistration,
    pub secret: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceStatus {
    Pending,
    Approved,
    Denied,
    /// Approved and already exchanged for a token.
    Redeemed,
}

pub struct DeviceAuth {
    pub client_id: String,
    pub user_code: String,
    pub expires_at: DateTime<Utc>,
    pub status: DeviceStatus,
    pub last_poll: Option<Instant>,
    pub polls: u32,
}

pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

struct AccessToken {
    expires_at: DateTime<Utc>,
    revoked: bool,
}

pub struct RefreshToken {
    pub client_id: String,
    pub scopes: Vec<String>,
    pub revoked: bool,
}

/// Tokens handed out by one successful CreateToken.
pub struct Issued {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct SsoStore {
    pub clients: HashMap<String, Client>,
    /// By device code.
    pub devices: HashMap<String, DeviceAuth>,
    pub codes: HashMap<String, AuthCode>,
    access: HashMap<String, AccessToken>,
    pub refresh: HashMap<String, RefreshToken>,
    /// The runtime value of the scenario's `deny_authorization`.
    pub deny: bool,
    /// Arrival times of the portal requests admitted in the last second.
    portal_window: VecDeque<Instant>,
}

/// Whole seconds: the cache files and the wire formats have none.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

impl SsoStore {
    pub fn new(deny: bool) -> SsoStore {
        SsoStore {
            deny,
            ..SsoStore::default()
        }
    }

    /// Records a registration; `reg.client_id` and the dates are filled in here.
    pub fn register(&mut self, mut reg: SsoRegistration, ttl_secs: i64) -> &Client {
        reg.client_id = ids::oidc_client_id();
        reg.issued_at = now();
        reg.expires_at = reg.issued_at + Duration::seconds(ttl_secs);
        let id = reg.client_id.clone();
        let client = Client {
            reg,
            secret: ids::oidc_client_secret(),
        };
        self.clients.entry(id).or_insert(client)
    }

    pub fn issue(
        &mut self,
        client_id: &str,
        scopes: &[String],
        ttl_secs: i64,
        refreshable: bool,
    ) -> Issued {
        let access_token = ids::sso_access_token();
        let expires_at = now() + Duration::seconds(ttl_secs);
        let token = AccessToken {
            expires_at,
            revoked: false,
        };
        self.access.insert(access_token.clone(), token);
        let refresh_token = refreshable.then(|| {
            let t = ids::sso_refresh_token();
            let rt = RefreshToken {
                client_id: client_id.to_string(),
                scopes: scopes.to_vec(),
                revoked: false,
            };
            self.refresh.insert(t.clone(), rt);
            t
        });
        Issued {
            access_token,
            refresh_token,
            expires_at,
        }
    }

    /// Whether the portal accepts this bearer token.
    pub fn access_token_valid(&self, token: &str) -> bool {
        self.access
            .get(token)
            .is_some_and(|t| !t.revoked && t.expires_at > Utc::now())
    }

    /// Logout: the token stops working at once; false if it was not valid.
    pub fn revoke_access_token(&mut self, token: &str) -> bool {
        let valid = self.access_token_valid(token);
        if let Some(t) = self.access.get_mut(token) {
            t.revoked = true;
        }
        valid
    }

    pub fn expire_access_tokens(&mut self) {
        let past = now() - Duration::seconds(1);
        for t in self.access.values_mut() {
            t.expires_at = t.expires_at.min(past);
        }
    }

    /// Access tokens, refresh tokens and client secrets issued so far.
    pub fn secrets(&self) -> Vec<String> {
        let access = self.access.keys().cloned();
        let refresh = self.refresh.keys().cloned();
        let secrets = self.clients.values().map(|c| c.secret.clone());
        access.chain(refresh).chain(secrets).collect()
    }

    pub fn registrations(&self) -> Vec<SsoRegistration> {
        let mut regs: Vec<_> = self.clients.values().map(|c| c.reg.clone()).collect();
        regs.sort_by(|a, b| (a.issued_at, &a.client_id).cmp(&(b.issued_at, &b.client_id)));
        regs
    }

    /// Counts a portal request against `tps`; false means it must be throttled.
    /// Throttled requests are not counted, so a client that backs off recovers.
    pub fn admit_portal_request(&mut self, tps: Option<u32>) -> bool {
        let Some(tps) = tps else { return true };
        let now = Instant::now();
        while self
            .portal_window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= std::time::Duration::from_secs(1))
        {
            self.portal_window.pop_front();
        }
        if self.portal_window.len() >= tps as usize {
            return false;
        }
        self.portal_window.push_back(now);
        true
    }

    /// The device authorization a user code (any case, dash optional) names.
    pub fn device_by_user_code(&mut self, user_code: &str) -> Option<&mut DeviceAuth> {
        let wanted: String = user_code
            .chars()
            .filter(|c| *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        self.devices
            .values_mut()
            .find(|d| d.user_code.replace('-', "") == wanted)
    }
}

/// `FakeAws::issue_sso_token`: what a completed PKCE sign-in leaves behind.
pub fn issue_for_tests(state: &crate::state::State, ttl_secs: i64, refreshable: bool) -> SsoToken {
    let mut grant_types = vec![AUTH_CODE_GRANT.to_string()];
    grant_types.push(REFRESH_GRANT.to_string());
    let scopes = vec!["sso:account:access".to_string()];
    let reg = SsoRegistration {
        client_id: String::new(),
        client_name: "fake-aws-test-client".into(),
        client_type: "public".into(),
        scopes: scopes.clone(),
        grant_types,
        redirect_uris: vec!["http://127.0.0.1/oauth/callback".into()],
        issuer_url: Some(state.sso_config.start_url.clone()),
        issued_at: now(),
        expires_at: now(),
    };
    let mut store = state.sso.lock().unwrap();
    let client = store.register(reg, state.sso_config.registration_ttl);
    let (client_id, client_secret) = (client.reg.client_id.clone(), client.secret.clone());
    let registration_expires_at = client.reg.expires_at;
    let issued = store.issue(&client_id, &scopes, ttl_secs, refreshable);
    SsoToken {
        access_token: issued.access_token,
        refresh_token: issued.refresh_token,
        client_id,
        client_secret,
        registration_expires_at,
        expires_at: issued.expires_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(grants: &[&str], scopes: &[&str]) -> SsoRegistration {
        SsoRegistration {
            client_id: String::new(),
            client_name: "t".into(),
            client_type: "public".into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            grant_types: grants.iter().map(|s| s.to_string()).collect(),
            redirect_uris: Vec::new(),
            issuer_url: None,
            issued_at: now(),
            expires_at: now(),
        }
    }

    #[test]
    fn grant_rules() {
        let legacy = reg(&[], &["sso:account:access"]);
        assert!(legacy.allows(DEVICE_CODE_GRANT) && legacy.allows(REFRESH_GRANT));
        assert!(!legacy.allows(AUTH_CODE_GRANT));
        assert!(!reg(&[], &[]).allows(REFRESH_GRANT));
        let pkce = reg(&[AUTH_CODE_GRANT], &["sso:account:access"]);
        assert!(pkce.allows(AUTH_CODE_GRANT) && !pkce.allows(REFRESH_GRANT));
    }

    #[test]
    fn tokens_expire_and_revoke() {
        let mut s = SsoStore::new(false);
        let a = s.issue("c", &[], 60, true);
        assert!(s.access_token_valid(&a.access_token));
        assert!(a.refresh_token.is_some());
        s.expire_access_tokens();
        assert!(!s.access_token_valid(&a.access_token));
        let b = s.issue("c", &[], 60, false);
        assert!(s.revoke_access_token(&b.access_token));
        assert!(!s.revoke_access_token(&b.access_token));
        assert_eq!(s.secrets().len(), 3);
    }

    #[test]
    fn portal_window() {
        let mut s = SsoStore::new(false);
        assert!(s.admit_portal_request(Some(2)));
        assert!(s.admit_portal_request(Some(2)));
        assert!(!s.admit_portal_request(Some(2)));
        assert!(s.admit_portal_request(None));
    }
}
