//! Principals and the in-memory store of temporary credentials issued so far.

use crate::arn::RoleArn;
use crate::ids;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::collections::HashMap;

/// AWS caps sessions obtained by role chaining at one hour, and console
/// sessions signed in with such credentials too.
pub const CHAINED_MAX_SECS: i64 = 3600;

/// Temporary credentials handed out by the emulator.
#[derive(Clone, Debug)]
pub struct IssuedCreds {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: DateTime<Utc>,
}

/// Who a set of credentials acts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    User {
        partition: String,
        account: String,
        name: String,
    },
    AssumedRole {
        /// The IAM role ARN (with path), as trust entries name it.
        role_arn: String,
        role: RoleArn,
        session_name: String,
    },
    Federated {
        partition: String,
        account: String,
        name: String,
    },
}

impl Principal {
    pub fn account(&self) -> &str {
        match self {
            Principal::User { account, .. } | Principal::Federated { account, .. } => account,
            Principal::AssumedRole { role, .. } => &role.account,
        }
    }

    pub fn partition(&self) -> &str {
        match self {
            Principal::User { partition, .. } | Principal::Federated { partition, .. } => partition,
            Principal::AssumedRole { role, .. } => &role.partition,
        }
    }

    /// The ARN GetCallerIdentity reports and AccessDenied messages quote.
    pub fn arn(&self) -> String {
        let (part, acct) = (self.partition(), self.account());
        match self {
            Principal::User { name, .. } => format!("arn:{part}:iam::{acct}:user/{name}"),
            Principal::AssumedRole {
                role, session_name, ..
            } => format!(
                "arn:{part}:sts::{acct}:assumed-role/{}/{session_name}",
                role.name
            ),
            Principal::Federated { name, .. } => {
                format!("arn:{part}:sts::{acct}:federated-user/{name}")
            }
        }
    }

    /// GetCallerIdentity's UserId.
    pub fn user_id(&self) -> String {
        match self {
            Principal::User { .. } => ids::stable_unique_id("AIDA", &self.arn()),
            Principal::AssumedRole {
                role_arn,
                session_name,
                ..
            } => format!("{}:{session_name}", role_unique_id(role_arn)),
            Principal::Federated { account, name, .. } => format!("{account}:{name}"),
        }
    }
}

/// `AROA…` id of a role, stable per role ARN.
pub fn role_unique_id(role_arn: &str) -> String {
    ids::stable_unique_id("AROA", role_arn)
}

/// How a temporary credential came to be; decides which STS calls it may make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredKind {
    SessionToken,
    AssumedRole,
    Federated,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub creds: IssuedCreds,
    pub principal: Principal,
    pub kind: CredKind,
    /// Whether MFA was proven when this session (or the one it came from) was created.
    pub mfa: bool,
    /// Made by role chaining (AssumeRole signed by an assumed-role session);
    /// AWS caps such sessions, and console sessions made from them, at 1 hour.
    pub chained: bool,
    /// SourceIdentity, set once along a role chain.
    pub source_identity: Option<String>,
    /// Transitive session tags, inherited by sessions made from this one.
    pub transitive: Vec<(String, String)>,
}

#[derive(Default)]
pub struct SessionStore {
    by_key: HashMap<String, Session>,
    /// The scenario's `credential_lifetime_seconds`.
    lifetime_cap: Option<i64>,
}

impl SessionStore {
    pub fn with_lifetime_cap(cap: Option<i64>) -> SessionStore {
        SessionStore {
            lifetime_cap: cap,
            ..SessionStore::default()
        }
    }

    pub fn issue(&mut self, principal: Principal, kind: CredKind, mfa: bool, secs: i64) -> Session {
        self.issue_with(principal, kind, mfa, false, secs)
    }

    /// `issue` for AssumeRole, which knows whether it is chaining.
    pub fn issue_with(
        &mut self,
        principal: Principal,
        kind: CredKind,
        mfa: bool,
        chained: bool,
        secs: i64,
    ) -> Session {
        // Whole seconds: the wire format has none, and tests compare IssuedCreds
        // with what clients parsed.
        let secs = self.lifetime_cap.map_or(secs, |cap| cap.min(secs));
        let expiration = Utc::now().trunc_subsecs(0) + Duration::seconds(secs);
        let creds = IssuedCreds {
            access_key_id: ids::temp_access_key_id(),
            secret_access_key: ids::secret_access_key(),
            session_token: ids::session_token(),
            expiration,
        };
        let session = Session {
            creds,
            principal,
            kind,
            mfa,
            chained,
            source_identity: None,
            transitive: Vec::new(),
        };
        self.by_key
            .insert(session.creds.access_key_id.clone(), session.clone());
        session
    }

    /// Record what a role chain carries on from the session `access_key_id`.
    pub fn carry(
        &mut self,
        access_key_id: &str,
        source_identity: Option<String>,
        transitive: Vec<(String, String)>,
    ) {
        if let Some(s) = self.by_key.get_mut(access_key_id) {
            s.source_identity = source_identity;
            s.transitive = transitive;
        }
    }

    pub fn get(&self, access_key_id: &str) -> Option<&Session> {
        self.by_key.get(access_key_id)
    }

    /// Every secret key and session token issued so far.
    pub fn secrets(&self) -> Vec<String> {
        self.by_key
            .values()
            .flat_map(|s| {
                [
                    s.creds.secret_access_key.clone(),
                    s.creds.session_token.clone(),
                ]
            })
            .collect()
    }

    pub fn expire_all(&mut self) {
        let past = Utc::now().trunc_subsecs(0) - Duration::seconds(1);
        for s in self.by_key.values_mut() {
            s.creds.expiration = s.creds.expiration.min(past);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_and_ids() {
        let role_arn = "arn:aws:iam::222222222222:role/team/Deploy";
        let p = Principal::AssumedRole {
            role_arn: role_arn.into(),
            role: RoleArn::parse(role_arn).unwrap(),
            session_name: "s1".into(),
        };
        assert_eq!(p.arn(), "arn:aws:sts::222222222222:assumed-role/Deploy/s1");
        assert!(p.user_id().starts_with("AROA") && p.user_id().ends_with(":s1"));
        let f = Principal::Federated {
            partition: "aws".into(),
            account: "111111111111".into(),
            name: "bob".into(),
        };
        assert_eq!(f.user_id(), "111111111111:bob");
        assert_eq!(f.arn(), "arn:aws:sts::111111111111:federated-user/bob");
    }
}
