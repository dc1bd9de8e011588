//! STS transitions, in a fixed order: GetSessionToken or GetFederationToken, then the
//! assume-role chain. Every check that can be made from the command line is made in
//! [`Plan::new`], before any network call; the one that needs the starting credentials
//! (long-term keys only) is [`Plan::check_source`], still before the first STS call.

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use aws_sdk_sts::types::PolicyDescriptorType;

use crate::arn::RoleArn;
use crate::aws::{Service, call_error, sts};
use crate::creds::Creds;
use crate::env::Env;
use crate::error::{Usage, bail_usage};
use crate::mfa::Codes;
use crate::mfa::session::{self as mfa_session, cached_mfa_session};
use crate::roles::{self, HopSpec};
use crate::source::chain::{MfaProcess, ProfileHop};
use crate::validate;

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
    /// The role chain as written: a list, JSON, or `file://PATH` (see [`roles::parse`]).
    pub assume_roles: Option<String>,
    pub role_session_name: Option<String>,
    pub duration_seconds: Option<i32>,
    pub mfa_serial: Option<String>,
    pub mfa_code: Option<String>,
    pub external_id: Option<String>,
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
}

#[derive(Debug, Clone)]
struct Federation {
    name: String,
    duration: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct Hop {
    pub arn: RoleArn,
    session_name: String,
    external_id: Option<String>,
    duration: Option<i32>,
    /// A profile's `mfa_serial`.
    mfa_serial: Option<String>,
}

impl Plan {
    /// Validate the transition options and build the plan. Errors are input errors.
    pub fn new(t: &Options) -> Result<Plan> {
        Plan::with_profile(t, Vec::new(), None)
    }

    /// The plan with a profile's role hops first (checked where they were read) and the
    /// profile's `mfa_process`.
    pub fn with_profile(
        t: &Options,
        profile_hops: Vec<ProfileHop>,
        mfa_process: Option<MfaProcess>,
    ) -> Result<Plan> {
        let specs = match &t.assume_roles {
            Some(raw) => roles::parse(raw)?,
            None => Vec::new(),
        };
        let has_hops = !specs.is_empty();
        if t.role_session_name.is_some() && !has_hops && !t.get_federation_token {
            bail_usage!(
                "--role-session-name has no effect without --assume-roles or --get-federation-token: drop it"
            );
        }
        if t.external_id.is_some() && !has_hops {
            bail_usage!("--external-id is used only by role hops: add --assume-roles or drop it");
        }
        if t.duration_seconds.is_some()
            && !has_hops
            && !t.get_session_token
            && !t.get_federation_token
        {
            bail_usage!(
                "--duration-seconds has no effect without an STS transition (--assume-roles, --get-session-token, --get-federation-token)"
            );
        }
        if t.mfa_serial.is_some() && !has_hops && profile_hops.is_empty() && !t.get_session_token {
            bail_usage!(
                "--mfa-serial is used by --get-session-token or the first role hop: add one of them or drop it"
            );
        }

        if t.mfa_code.is_some()
            && t.mfa_serial.is_none()
            && !profile_hops.iter().any(|h| h.mfa_serial.is_some())
        {
            bail_usage!(
                "--mfa-code is of no use without --mfa-serial or a profile with mfa_serial: add --mfa-serial ARN"
            );
        }
        let session_name = t
            .role_session_name
            .clone()
            .unwrap_or_else(|| DEFAULT_SESSION_NAME.to_string());
        let mut plan = Plan::default();

        if t.get_session_token {
            if let Some(d) = t.duration_seconds {
                validate::duration("GetSessionToken", d, TOKEN_RANGE.0, TOKEN_RANGE.1)?;
            }
            plan.session_token = Some(t.duration_seconds);
        }
        if t.get_federation_token {
            validate::session_name(
                "--role-session-name (the GetFederationToken Name)",
                &session_name,
                32,
            )?;
            if let Some(d) = t.duration_seconds {
                validate::duration("GetFederationToken", d, TOKEN_RANGE.0, TOKEN_RANGE.1)?;
            }
            plan.federation = Some(Federation {
                name: session_name.clone(),
                duration: t.duration_seconds,
            });
        }
        if has_hops && t.role_session_name.is_some() {
            validate::session_name("--role-session-name", &session_name, 64)?;
        }
        if let Some(id) = &t.external_id {
            validate::external_id(id)?;
        }
        plan.profile_hops = profile_hops.len();
        for h in profile_hops {
            plan.hops.push(Hop {
                arn: h.arn,
                session_name: h
                    .session_name
                    .unwrap_or_else(|| DEFAULT_SESSION_NAME.to_string()),
                external_id: h.external_id,
                duration: h.duration,
                mfa_serial: h.mfa_serial,
            });
        }
        for (i, spec) in specs.into_iter().enumerate() {
            plan.hops.push(hop(i, spec, &session_name, t)?);
        }
        plan.mfa_serial = t.mfa_serial.clone();
        plan.codes = Codes::new(t.mfa_serial.as_deref(), t.mfa_code.as_deref(), mfa_process)?;
        Ok(plan)
    }

    /// No MFA prompt, and no code given earlier (one code serves one call): a run nobody
    /// watches that needs MFA fails with a message saying so.
    pub fn unattended(&mut self) {
        self.codes.unattended();
    }

    /// Get a federation token (named [`DEFAULT_SESSION_NAME`], lasting `duration`) when
    /// the source gives long-term IAM user keys and no other transition changes them.
    pub fn federate_long_term_keys(&mut self, duration: Option<i32>) {
        let name = DEFAULT_SESSION_NAME.to_string();
        self.federate_keys = Some(Federation { name, duration });
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
        let federation =
            |f: &Federation| serde_json::json!({"name": f.name, "duration": f.duration});
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
                })
            })
            .collect();
        serde_json::json!({
            "session_token": self.session_token.map(|d| serde_json::json!({"duration": d})),
            "federation": self.federation.as_ref().map(federation),
            "federate_keys": self.federate_keys.as_ref().map(federation),
            "hops": hops,
            "mfa_serial": self.mfa_serial,
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

    /// Run the transitions; each call is signed with the previous stage's credentials.
    ///
    /// MFA: from an IAM user's long-term keys, one MFA session (GetSessionToken with the
    /// code) serves every hop that follows, with no code on them. From temporary
    /// credentials, as the AWS CLI does, the code goes on the hop that names the device
    /// (`--mfa-serial`: the first hop).
    pub async fn run(
        mut self,
        env: &Env,
        sdk: &SdkConfig,
        region: &str,
        start: Creds,
    ) -> Result<Creds> {
        if self.federates_keys(&start) {
            self.federation = self.federate_keys.take();
        }
        let mut creds = start;
        let session_serial = self
            .mfa_serial
            .clone()
            .or_else(|| self.hops.iter().find_map(|h| h.mfa_serial.clone()));
        let mut mfa_proven = false;
        if creds.is_long_term()
            && let Some(serial) = &session_serial
            && (self.session_token.is_some() || !self.hops.is_empty())
        {
            let duration = self
                .session_token
                .flatten()
                .unwrap_or(mfa_session::DEFAULT_SECS);
            let session =
                cached_mfa_session(env, sdk, &creds, serial, &mut self.codes, duration).await?;
            tracing::debug!(expires = %session.expiration, "MFA session");
            creds = session.creds;
            mfa_proven = true;
        } else if let Some(duration) = self.session_token {
            tracing::info!("calling GetSessionToken");
            let out = sts(sdk, &creds)
                .get_session_token()
                .set_duration_seconds(duration)
                .send()
                .await
                .map_err(|e| call_error(Service::STS, "GetSessionToken", e))?;
            creds = stage_creds(out.credentials(), "GetSessionToken")?;
        }
        if let Some(fed) = &self.federation {
            let policy = format!(
                "arn:{}:iam::aws:policy/AdministratorAccess",
                crate::partition::for_region(region).name
            );
            tracing::info!(name = %fed.name, %policy, "calling GetFederationToken");
            let out = sts(sdk, &creds)
                .get_federation_token()
                .name(&fed.name)
                .policy_arns(PolicyDescriptorType::builder().arn(policy).build())
                .set_duration_seconds(fed.duration)
                .send()
                .await
                .map_err(|e| call_error(Service::STS, "GetFederationToken", e))?;
            creds = stage_creds(out.credentials(), "GetFederationToken")?;
        }
        let total = self.hops.len();
        let mut cli_serial = self.mfa_serial.take();
        for (i, hop) in self.hops.iter().enumerate() {
            let serial = match (mfa_proven, cli_serial.take()) {
                (true, _) => None,
                (false, Some(serial)) => Some(serial),
                (false, None) => hop.mfa_serial.clone(),
            };
            let code = match &serial {
                Some(serial) => Some(self.codes.next(serial).await?),
                None => None,
            };
            tracing::info!(role = %hop.arn, session = %hop.session_name, "assuming role (hop {}/{total})", i + 1);
            let out = sts(sdk, &creds)
                .assume_role()
                .role_arn(hop.arn.as_str())
                .role_session_name(&hop.session_name)
                .set_external_id(hop.external_id.clone())
                .set_duration_seconds(hop.duration)
                .set_serial_number(serial)
                .set_token_code(code)
                .send()
                .await
                .map_err(|e| {
                    call_error(
                        Service::STS,
                        &format!("AssumeRole (hop {}, {})", i + 1, hop.arn),
                        e,
                    )
                })?;
            creds = stage_creds(out.credentials(), "AssumeRole")?;
        }
        Ok(creds)
    }
}

fn hop(i: usize, spec: HopSpec, default_name: &str, t: &Options) -> Result<Hop> {
    let n = i + 1;
    let session_name = spec
        .session_name
        .unwrap_or_else(|| default_name.to_string());
    validate::session_name(&format!("RoleSessionName of hop {n}"), &session_name, 64)?;
    let external_id = spec.external_id.or_else(|| t.external_id.clone());
    if let Some(id) = &external_id {
        validate::external_id(id).map_err(|e| Usage(format!("hop {n}: {e}")))?;
    }
    let duration = spec.duration.or(t.duration_seconds);
    if let Some(d) = duration {
        let max = if i == 0 {
            ASSUME_ROLE_RANGE.1
        } else {
            CHAINED_MAX
        };
        let what = if i == 0 {
            format!("AssumeRole of hop {n}")
        } else {
            format!("hop {n}, a chained hop that AWS caps at 1 hour")
        };
        validate::duration(&what, d, ASSUME_ROLE_RANGE.0, max)?;
    }
    Ok(Hop {
        arn: spec.arn,
        session_name,
        external_id,
        duration,
        mfa_serial: None,
    })
}

fn stage_creds(c: Option<&aws_sdk_sts::types::Credentials>, op: &str) -> Result<Creds> {
    c.map(Creds::from_sts)
        .ok_or_else(|| anyhow!("sts {op} returned no credentials"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "arn:aws:iam::111111111111:role/A";
    const B: &str = "arn:aws:iam::222222222222:role/B";

    fn args(f: impl FnOnce(&mut Options)) -> Options {
        let mut t = Options::default();
        f(&mut t);
        t
    }

    #[test]
    fn chained_hops_are_capped_at_one_hour_before_any_call() {
        let ok = args(|t| {
            t.assume_roles = Some(format!("{A},{B}"));
            t.duration_seconds = Some(3600);
        });
        assert!(Plan::new(&ok).is_ok());
        let too_long = args(|t| {
            t.assume_roles = Some(format!("{A},{B}"));
            t.duration_seconds = Some(7200);
        });
        let err = Plan::new(&too_long).unwrap_err().to_string();
        assert!(err.contains("hop 2"), "{err}");
        let first_hop_long = args(|t| {
            t.assume_roles = Some(A.to_string());
            t.duration_seconds = Some(43200);
        });
        assert!(Plan::new(&first_hop_long).is_ok());
    }

    #[test]
    fn federation_names_are_limited_to_32_characters() {
        let t = args(|t| {
            t.get_federation_token = true;
            t.role_session_name = Some("x".repeat(40));
        });
        assert!(Plan::new(&t).is_err());
        let t = args(|t| {
            t.assume_roles = Some(A.to_string());
            t.role_session_name = Some("x".repeat(40));
        });
        assert!(Plan::new(&t).is_ok());
    }

    #[test]
    fn options_without_a_transition_to_use_them_are_rejected() {
        assert!(Plan::new(&args(|t| t.external_id = Some("abc".into()))).is_err());
        assert!(Plan::new(&args(|t| t.duration_seconds = Some(900))).is_err());
        assert!(Plan::new(&args(|t| t.role_session_name = Some("abc".into()))).is_err());
    }

    #[test]
    fn token_calls_need_long_term_keys() {
        let plan = Plan::new(&args(|t| t.get_session_token = true)).unwrap();
        let mut creds = Creds {
            access_key_id: "AKIA".into(),
            secret_access_key: "s".into(),
            session_token: None,
            expiration: None,
        };
        assert!(plan.check_source(&creds).is_ok());
        creds.session_token = Some("t".into());
        assert!(plan.check_source(&creds).is_err());
    }
}
