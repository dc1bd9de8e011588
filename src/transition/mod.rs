//! STS transitions, in a fixed order: GetSessionToken or GetFederationToken, then the
//! assume-role chain. Every check that can be made from the command line is made in
//! [`Plan::new`], before any network call; the one that needs the starting credentials
//! (long-term keys only) is [`Plan::check_source`], still before the first STS call.

use anyhow::{Result, anyhow};

use crate::arn::RoleArn;
use crate::creds::Creds;
use crate::env::Env;
use crate::mfa::Codes;

mod build;
pub mod controls;
mod fit;
mod policy;
mod run;

pub use controls::Given;
use controls::{Controls, Sent};
use policy::SessionPolicy;

/// One `role_arn` profile along a `source_profile` chain, as a transition.
#[derive(Debug, Clone)]
pub struct ProfileHop {
    pub arn: RoleArn,
    pub external_id: Option<String>,
    pub mfa_serial: Option<String>,
    pub session_name: Option<String>,
    pub duration: Option<i32>,
    /// `source_identity`, `session_tags` and `transitive_session_tags` (aws-vault's names).
    pub controls: Controls,
}

pub const DEFAULT_SESSION_NAME: &str = "aws-login";
/// AWS caps a role session assumed with role credentials ("role chaining") at one hour.
pub const CHAINED_MAX: i32 = 3600;
const ASSUME_ROLE_RANGE: (i32, i32) = (900, 43200);
const TOKEN_RANGE: (i32, i32) = (900, 129_600);

/// The transition options as given, not yet checked.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub get_session_token: bool,
    pub get_federation_token: bool,
    /// The role chain as written: a list, JSON, or `file://PATH` (see [`crate::roles::parse`]).
    pub assume_roles: Option<String>,
    pub role_session_name: Option<String>,
    pub duration_seconds: Option<i32>,
    pub mfa_serial: Option<String>,
    pub mfa_code: Option<String>,
    pub external_id: Option<String>,
    /// `--source-identity`, else AWS_SOURCE_IDENTITY (see [`Options::with_env`]).
    pub source_identity: Option<Given>,
    /// `--tags`, else AWS_SESSION_TAGS.
    pub tags: Option<Given>,
    /// `--transitive-tags`, else AWS_TRANSITIVE_TAGS.
    pub transitive_tags: Option<Given>,
    /// `--policy`: JSON or `file://PATH`.
    pub policy: Option<String>,
    /// `--policy-arns`.
    pub policy_arns: Option<String>,
    /// `session_tags` of the profile whose own keys start the run: GetFederationToken's
    /// tags when neither `--tags` nor AWS_SESSION_TAGS gives any (a `role_arn` profile's
    /// go on its own hop instead).
    pub profile_tags: Option<Given>,
}

/// The variables that give a session control the command line left out.
const CONTROL_VARS: [&str; 3] = [
    "AWS_SOURCE_IDENTITY",
    "AWS_SESSION_TAGS",
    "AWS_TRANSITIVE_TAGS",
];

impl Options {
    /// The session controls the command line left out, from the environment (the one
    /// precedence rule: command line, then environment, then the profile's keys). An
    /// empty variable is unset, as `Env::get` reads it. The values are checked where a
    /// hop uses them.
    pub fn with_env(mut self, env: &crate::env::Env) -> Options {
        let [si, tags, transitive] = CONTROL_VARS;
        let var = |name: &str| env.get(name).map(|v| Given::new(name, v));
        self.source_identity = self.source_identity.or_else(|| var(si));
        self.tags = self.tags.or_else(|| var(tags));
        self.transitive_tags = self.transitive_tags.or_else(|| var(transitive));
        self
    }
}

#[derive(Debug, Default, Clone)]
pub struct Plan {
    session_token: Option<Option<i32>>,
    federation: Option<Federation>,
    /// GetFederationToken for long-term IAM user keys that no other transition changes
    /// (what the console needs: such keys cannot sign in to it).
    federate_keys: Option<Federation>,
    /// The profile's role hops first, then the command line's.
    hops: Vec<Hop>,
    /// How many of `hops` come from the profile.
    profile_hops: usize,
    /// `--mfa-serial`.
    mfa_serial: Option<String>,
    codes: Codes,
    /// `--policy` and `--policy-arns`, for the final hop, or GetFederationToken when
    /// there is no hop.
    policy: SessionPolicy,
}

#[derive(Debug, Clone)]
struct Federation {
    name: String,
    duration: Option<i32>,
    tags: Vec<controls::Tag>,
}

#[derive(Debug, Clone)]
pub struct Hop {
    pub arn: RoleArn,
    session_name: String,
    external_id: Option<String>,
    duration: Option<i32>,
    /// A profile's `mfa_serial`.
    mfa_serial: Option<String>,
    /// Source identity and session tags, as this hop sends them.
    controls: Sent,
}

impl Plan {
    /// No MFA prompt, and no code given earlier (one code serves one call): a run nobody
    /// watches that needs MFA fails with a message saying so.
    pub fn unattended(&mut self) {
        self.codes.unattended();
    }

    /// Before any call: a plan that may need an MFA code has a way to get one.
    pub fn check_mfa(&mut self, env: &Env) -> Result<()> {
        if self.mfa_serial.is_some() || self.hops.iter().any(|h| h.mfa_serial.is_some()) {
            self.codes.check_askable(self.mfa_serial.is_some(), env)?;
        }
        Ok(())
    }

    /// Get a federation token (named [`DEFAULT_SESSION_NAME`], lasting `duration`) when
    /// the source gives long-term IAM user keys and no other transition changes them.
    pub fn federate_long_term_keys(&mut self, duration: Option<i32>) {
        let name = DEFAULT_SESSION_NAME.to_string();
        self.federate_keys = Some(Federation {
            name,
            duration,
            tags: Vec::new(),
        });
    }

    fn is_empty(&self) -> bool {
        self.session_token.is_none() && self.federation.is_none() && self.hops.is_empty()
    }

    /// Whether [`Plan::federate_long_term_keys`] applies to `start`.
    pub fn federates_keys(&self, start: &Creds) -> bool {
        self.federate_keys.is_some() && self.is_empty() && start.is_long_term()
    }

    /// The transitions with every option that changes their result, for the session
    /// cache's key (crate::cache): never the MFA code.
    pub fn describe(&self) -> serde_json::Value {
        let federation = |f: &Federation| {
            serde_json::json!({
                "name": f.name,
                "duration": f.duration,
                "tags": f.tags.iter().map(|t| [&t.key, &t.value]).collect::<Vec<_>>(),
            })
        };
        let hops: Vec<_> = self
            .hops
            .iter()
            .map(|h| {
                serde_json::json!({
                    "role_arn": h.arn.as_str(),
                    "session_name": h.session_name,
                    "external_id": h.external_id,
                    "duration": h.duration,
                    "mfa_serial": h.mfa_serial,
                    "source_identity": h.controls.source_identity,
                    "tags": h.controls.tags.iter().map(|t| [&t.key, &t.value]).collect::<Vec<_>>(),
                    "transitive_tags": h.controls.transitive,
                })
            })
            .collect();
        serde_json::json!({
            "session_token": self.session_token.map(|d| serde_json::json!({"duration": d})),
            "federation": self.federation.as_ref().map(federation),
            "federate_keys": self.federate_keys.as_ref().map(federation),
            "hops": hops,
            "mfa_serial": self.mfa_serial,
            "policy": self.policy.policy,
            "policy_arns": self.policy.arns,
        })
    }

    /// Whether the final credentials from `start` come from GetFederationToken.
    pub fn federates(&self, start: &Creds) -> bool {
        self.federation.is_some() || self.federates_keys(start)
    }

    /// Whether the final credentials come from role chaining (an AssumeRole signed with
    /// role credentials), which AWS caps at one hour.
    pub fn chains(&self, start: &Creds) -> bool {
        self.hops.len() >= 2
            || (self.hops.len() == 1 && !start.is_long_term() && self.session_token.is_none())
    }

    /// The role ARNs of the command line's chain, in order.
    pub fn hop_arns(&self) -> Vec<String> {
        self.hops[self.profile_hops..]
            .iter()
            .map(|h| h.arn.to_string())
            .collect()
    }

    /// The final role, when the chain ends in one.
    pub fn final_role(&self) -> Option<&RoleArn> {
        self.hops.last().map(|h| &h.arn)
    }

    /// The partition of the final role, when the chain ends in one.
    pub fn final_partition(&self) -> Option<&str> {
        self.final_role().map(|a| a.partition.as_str())
    }

    /// GetSessionToken and GetFederationToken take long-term IAM user keys only: say so
    /// before calling, instead of relaying STS's AccessDenied.
    pub fn check_source(&self, creds: &Creds) -> Result<()> {
        if creds.is_long_term() {
            return Ok(());
        }
        let flag = match (&self.session_token, &self.federation) {
            (Some(_), _) => "--get-session-token",
            (_, Some(_)) => "--get-federation-token",
            _ => return Ok(()),
        };
        Err(anyhow!(
            "{flag} needs long-term IAM user keys, but the source gave temporary credentials: use a profile or keys of an IAM user, or drop {flag}"
        ))
    }
}
