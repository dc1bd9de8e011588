//! The static world the emulator serves: accounts, IAM users with keys and
//! MFA devices, roles with trust lists, the instance/container roles, and the
//! IAM Identity Center portal.

mod hostile;
mod org;
mod sso;

pub use hostile::Hostile;
pub use org::{SsoOrganisation, generated_assignments};
pub use sso::{SsoAssignment, SsoConfig};

use crate::arn::{RoleArn, is_account_id};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    pub accounts: Vec<Account>,
    pub users: Vec<User>,
    pub roles: Vec<Role>,
    pub imds: Option<ImdsConfig>,
    pub container: Option<ContainerConfig>,
    /// IAM Identity Center (SSO portal and SSO OIDC); absent means a portal
    /// with default settings and no assignments.
    pub sso: Option<SsoConfig>,
    /// Every temporary credential issued (STS, SSO GetRoleCredentials, IMDS, container)
    /// lasts at most this long: below AWS's 900 s minimum, for tests of refreshing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_lifetime_seconds: Option<i64>,
    /// Hostile-server mode: what the endpoints send back is made hostile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostile: Option<Hostile>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Partition for this account's IAM users (roles carry theirs in the ARN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub account: String,
    pub name: String,
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    #[serde(default)]
    pub mfa: Option<Mfa>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessKey {
    pub id: String,
    pub secret: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mfa {
    pub serial: String,
    /// The one code the device "shows"; a fixed value keeps tests deterministic.
    pub code: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub arn: String,
    /// Principals allowed to assume the role: user ARN, role ARN (any session
    /// of it), assumed-role session ARN, `arn:PART:iam::ACCT:root` or a bare
    /// account id (any principal of that account), or `*`.
    #[serde(default)]
    pub trust: Vec<String>,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub require_mfa: bool,
    #[serde(default = "default_max_session_duration")]
    pub max_session_duration: i64,
}

fn default_max_session_duration() -> i64 {
    43200
}

impl Default for Role {
    fn default() -> Self {
        Role {
            arn: String::new(),
            trust: Vec::new(),
            external_id: None,
            require_mfa: false,
            max_session_duration: default_max_session_duration(),
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImdsConfig {
    pub role_arn: String,
    /// Answer for `/latest/meta-data/placement/region` (default us-east-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerConfig {
    pub role_arn: String,
    /// When set, requests must carry exactly this `Authorization` header.
    #[serde(default)]
    pub auth_token: Option<String>,
}

impl Scenario {
    pub fn from_json(s: &str) -> anyhow::Result<Scenario> {
        let scenario: Scenario = serde_json::from_str(s).context("parsing scenario JSON")?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Catches typos in hand-written scenarios early instead of as puzzling
    /// AccessDenied answers later.
    pub fn validate(&self) -> anyhow::Result<()> {
        for a in &self.accounts {
            if !is_account_id(&a.id) {
                bail!("account id {:?} is not 12 digits", a.id);
            }
        }
        let mut keys = std::collections::HashSet::new();
        for u in &self.users {
            if !is_account_id(&u.account) {
                bail!(
                    "user {:?}: account {:?} is not 12 digits",
                    u.name,
                    u.account
                );
            }
            for k in &u.access_keys {
                if !keys.insert(k.id.as_str()) {
                    bail!("access key {} is listed twice", k.id);
                }
            }
        }
        let extra_roles = self.imds.iter().map(|i| &i.role_arn);
        let extra_roles = extra_roles.chain(self.container.iter().map(|c| &c.role_arn));
        for arn in self.roles.iter().map(|r| &r.arn).chain(extra_roles) {
            if RoleArn::parse(arn).is_none() {
                bail!("{arn:?} is not a role ARN (arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME)");
            }
        }
        for r in &self.roles {
            if !(900..=43200).contains(&r.max_session_duration) {
                bail!("role {}: max_session_duration must be 900..=43200", r.arn);
            }
        }
        if self.credential_lifetime_seconds.is_some_and(|s| s < 1) {
            bail!("credential_lifetime_seconds must be at least 1");
        }
        if let Some(sso) = &self.sso {
            sso.validate()?;
        }
        if let Some(hostile) = &self.hostile {
            hostile.validate()?;
        }
        Ok(())
    }

    pub fn role(&self, arn: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.arn == arn)
    }

    /// The user owning a long-term access key, with that key's secret.
    pub fn user_by_key(&self, key_id: &str) -> Option<(&User, &str)> {
        self.users.iter().find_map(|u| {
            u.access_keys
                .iter()
                .find(|k| k.id == key_id)
                .map(|k| (u, k.secret.as_str()))
        })
    }

    pub fn user_by_mfa_serial(&self, serial: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.mfa.as_ref().is_some_and(|m| m.serial == serial))
    }

    pub fn user(&self, account: &str, name: &str) -> Option<&User> {
        self.users
            .iter()
            .find(|u| u.account == account && u.name == name)
    }

    /// The `AWSReservedSSO_…` role whose sessions the SSO portal hands out for
    /// a permission set, for trust lists and assertions.
    pub fn sso_role_arn(&self, account_id: &str, role: &str) -> String {
        sso::sso_role_arn(&self.partition_of(account_id), account_id, role)
    }

    pub fn partition_of(&self, account: &str) -> String {
        self.accounts
            .iter()
            .find(|a| a.id == account)
            .and_then(|a| a.partition.clone())
            .unwrap_or_else(|| "aws".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_documented_shape() {
        let s = Scenario::from_json(
            r#"{
              "accounts": [{"id": "111111111111", "name": "dev"}],
              "users": [{"account": "111111111111", "name": "alice",
                         "access_keys": [{"id": "AKIAALICE0000000001", "secret": "s"}],
                         "mfa": {"serial": "arn:aws:iam::111111111111:mfa/alice", "code": "123456"}}],
              "roles": [{"arn": "arn:aws:iam::222222222222:role/Admin",
                         "trust": ["arn:aws:iam::111111111111:user/alice"],
                         "external_id": null, "require_mfa": false}],
              "imds": {"role_arn": "arn:aws:iam::111111111111:role/Ec2Role"},
              "container": {"role_arn": "arn:aws:iam::111111111111:role/TaskRole", "auth_token": null}
            }"#,
        )
        .unwrap();
        assert_eq!(s.roles[0].max_session_duration, 43200);
        assert_eq!(s.user_by_key("AKIAALICE0000000001").unwrap().1, "s");
        assert!(Scenario::from_json("{}").unwrap().users.is_empty());
        assert!(Scenario::from_json(r#"{"roles":[{"arn":"nope"}]}"#).is_err());
    }
}
