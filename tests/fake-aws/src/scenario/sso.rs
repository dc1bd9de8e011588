//! The IAM Identity Center part of a scenario: the portal's user, its account
//! and permission-set assignments, and the lifetimes and quirks of the
//! OIDC flows.

use super::org::{self, MAX_ACCOUNTS, MAX_ROLES_PER_ACCOUNT, SsoOrganisation};
use crate::arn::is_account_id;
use anyhow::bail;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SsoConfig {
    /// The only start URL StartDeviceAuthorization accepts.
    pub start_url: String,
    /// The Identity Center region; informational (requests are unsigned, so
    /// the emulator cannot see which region a client resolved).
    pub region: String,
    /// The signed-in user: the session name of every portal role session.
    pub user: String,
    pub assignments: Vec<SsoAssignment>,
    pub access_token_ttl: i64,
    pub role_credentials_ttl: i64,
    pub registration_ttl: i64,
    pub device_code_ttl: i64,
    /// Seconds a device-code client must wait between CreateToken polls.
    pub device_interval: i64,
    /// The first N polls of each device authorization answer slow_down.
    pub slow_down_polls: u32,
    /// The user refuses every device and browser authorization.
    pub deny_authorization: bool,
    /// Largest page ListAccounts/ListAccountRoles return.
    pub page_size: usize,
    /// Portal requests allowed in any one-second window; more get 429.
    pub portal_tps: Option<u32>,
    /// Generated accounts appended to `assignments` when the server starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<SsoOrganisation>,
    /// Hostile-portal mode: serve the assignments' account ids and role names as
    /// written, unchecked (newlines, `[profile x]`, ...), so tests can show that a
    /// client refuses or skips what a real portal should never send.
    pub hostile_names: bool,
}

impl Default for SsoConfig {
    fn default() -> Self {
        SsoConfig {
            start_url: "https://example.awsapps.com/start".into(),
            region: "us-east-1".into(),
            user: "alice@example.com".into(),
            assignments: Vec::new(),
            access_token_ttl: 28_800,
            role_credentials_ttl: 3600,
            registration_ttl: 90 * 24 * 3600,
            device_code_ttl: 600,
            device_interval: 1,
            slow_down_polls: 0,
            deny_authorization: false,
            page_size: 20,
            portal_tps: None,
            organisation: None,
            hostile_names: false,
        }
    }
}

/// One account the user can see in the portal, with its permission sets.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SsoAssignment {
    pub account_id: String,
    /// Free text: real account names contain spaces and odd characters.
    #[serde(default)]
    pub account_name: String,
    #[serde(default)]
    pub email: String,
    /// Permission-set names.
    #[serde(default)]
    pub roles: Vec<String>,
}

impl SsoConfig {
    pub fn validate(&self) -> anyhow::Result<()> {
        if self.start_url.is_empty() {
            bail!("sso.start_url must not be empty");
        }
        let mut seen = std::collections::HashSet::new();
        for a in &self.assignments {
            if self.hostile_names {
                if !seen.insert(a.account_id.as_str()) {
                    bail!("sso assignment: account {:?} is listed twice", a.account_id);
                }
                continue;
            }
            if !is_account_id(&a.account_id) {
                bail!(
                    "sso assignment: account id {:?} is not 12 digits",
                    a.account_id
                );
            }
            if !seen.insert(a.account_id.as_str()) {
                bail!("sso assignment: account {} is listed twice", a.account_id);
            }
            for role in &a.roles {
                if !is_permission_set_name(role) {
                    bail!("sso assignment {}: bad role name {role:?}", a.account_id);
                }
            }
        }
        let positive = [
            ("access_token_ttl", self.access_token_ttl),
            ("role_credentials_ttl", self.role_credentials_ttl),
            ("registration_ttl", self.registration_ttl),
            ("device_code_ttl", self.device_code_ttl),
            ("page_size", self.page_size as i64),
        ];
        for (name, value) in positive {
            if value < 1 {
                bail!("sso.{name} must be at least 1");
            }
        }
        if self.device_interval < 0 {
            bail!("sso.device_interval must not be negative");
        }
        if self.role_credentials_ttl > 43_200 {
            bail!("sso.role_credentials_ttl must be at most 43200 (12 hours)");
        }
        if self.portal_tps == Some(0) {
            bail!("sso.portal_tps must be at least 1 (or null for no limit)");
        }
        let too_big = |o: &SsoOrganisation| {
            o.accounts > MAX_ACCOUNTS || o.roles_per_account > MAX_ROLES_PER_ACCOUNT
        };
        if self.organisation.as_ref().is_some_and(too_big) {
            bail!(
                "sso.organisation: at most {MAX_ACCOUNTS} accounts and \
                 {MAX_ROLES_PER_ACCOUNT} roles_per_account"
            );
        }
        Ok(())
    }

    /// This config with `organisation` turned into assignments after the
    /// hand-written ones, whose account ids it avoids.
    pub(crate) fn expanded(&self) -> SsoConfig {
        let mut cfg = self.clone();
        if let Some(o) = cfg.organisation.take() {
            let taken = cfg.assignments.iter().map(|a| a.account_id.clone());
            let taken = taken.collect();
            let generated = org::generate(o.accounts, o.roles_per_account, o.seed, &taken);
            cfg.assignments.extend(generated);
        }
        cfg
    }

    pub fn assignment(&self, account_id: &str) -> Option<&SsoAssignment> {
        self.assignments.iter().find(|a| a.account_id == account_id)
    }
}

/// Permission-set names as IAM Identity Center allows them: `[\w+=,.@-]{1,32}`.
pub(super) fn is_permission_set_name(s: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c);
    (1..=32).contains(&s.len()) && s.chars().all(ok)
}

/// The IAM role Identity Center provisions for a permission set in an
/// account. The suffix is stable per account and permission set, as in AWS,
/// so scenarios can name the role in trust lists before the server starts.
pub fn sso_role_arn(partition: &str, account_id: &str, role: &str) -> String {
    let suffix = crate::ids::stable_hex(&format!("{account_id}/{role}"));
    format!(
        "arn:{partition}:iam::{account_id}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_{role}_{suffix}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arn_is_stable_and_parses() {
        let a = sso_role_arn("aws", "111111111111", "Admin");
        assert_eq!(a, sso_role_arn("aws", "111111111111", "Admin"));
        assert_ne!(a, sso_role_arn("aws", "222222222222", "Admin"));
        let name = a.rsplit('/').next().unwrap();
        let hex = name.strip_prefix("AWSReservedSSO_Admin_").unwrap();
        assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
        let parsed = crate::arn::RoleArn::parse(&a).unwrap();
        assert_eq!(parsed.name, name);
    }

    #[test]
    fn validates() {
        let mut c = SsoConfig::default();
        c.validate().unwrap();
        c.assignments.push(SsoAssignment {
            account_id: "1234".into(),
            ..Default::default()
        });
        assert!(c.validate().is_err());
        c.assignments[0].account_id = "111111111111".into();
        c.assignments[0].roles = vec!["has space".into()];
        assert!(c.validate().is_err());
        c.hostile_names = true;
        c.validate().unwrap();
    }

    #[test]
    fn organisation_appends_after_hand_written_assignments() {
        let json = r#"{"assignments": [{"account_id": "111111111111"}],
                       "organisation": {"accounts": 4, "seed": 7}}"#;
        let c: SsoConfig = serde_json::from_str(json).unwrap();
        c.validate().unwrap();
        let all = c.expanded().assignments;
        assert_eq!(all.len(), 5);
        assert_eq!(all[0].account_id, "111111111111");
        assert!(all[1..].iter().all(|a| a.roles.len() == 3));
        let mut huge = c.clone();
        huge.organisation.as_mut().unwrap().accounts = MAX_ACCOUNTS + 1;
        assert!(huge.validate().is_err());
    }
}
