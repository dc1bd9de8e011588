//! STS transitions, in a fixed order: GetSessionToken or GetFederationToken, then the
//! assume-role chain. Every check that can be made from the command line is made in
//! [`Plan::new`], before any network call; the one that needs the starting credentials
//! (long-term keys only) is [`Plan::check_source`], still before the first STS call.

use std::io::{BufRead, BufReader, Write};

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use aws_sdk_sts::types::PolicyDescriptorType;

use crate::arn::RoleArn;
use crate::aws::{sts, sts_error};
use crate::cli::TransitionArgs;
use crate::creds::Creds;
use crate::error::{bail_usage, usage};
use crate::roles::{self, HopSpec};
use crate::validate;

pub const DEFAULT_SESSION_NAME: &str = "aws-login";
/// AWS caps a role session assumed with role credentials ("role chaining") at one hour.
pub const CHAINED_MAX: i32 = 3600;
const ASSUME_ROLE_RANGE: (i32, i32) = (900, 43200);
const TOKEN_RANGE: (i32, i32) = (900, 129_600);

#[derive(Debug, Default)]
pub struct Plan {
    session_token: Option<Option<i32>>,
    federation: Option<Federation>,
    hops: Vec<Hop>,
    mfa: Option<Mfa>,
}

#[derive(Debug)]
struct Federation {
    name: String,
    duration: Option<i32>,
}

#[derive(Debug)]
pub struct Hop {
    pub arn: RoleArn,
    session_name: String,
    external_id: Option<String>,
    duration: Option<i32>,
}

#[derive(Debug)]
struct Mfa {
    serial: String,
    code: Option<String>,
}

impl Plan {
    /// Validate the transition options and build the plan. Errors are usage errors.
    ///
    /// For `console`, `--duration-seconds` also sets the console session's length and
    /// `--role-session-name` names the federated user that long-term keys sign in as, so
    /// both have a use without a transition.
    pub fn new(t: &TransitionArgs, console: bool) -> Result<Plan> {
        let specs = match &t.assume_roles {
            Some(raw) => roles::parse(raw).map_err(usage)?,
            None => Vec::new(),
        };
        let has_hops = !specs.is_empty();
        if console && t.get_session_token && !has_hops {
            bail_usage!(
                "the console does not accept GetSessionToken credentials: drop --get-session-token, or add --assume-roles"
            );
        }
        if t.role_session_name.is_some() && !has_hops && !t.get_federation_token && !console {
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
            && !console
        {
            bail_usage!(
                "--duration-seconds has no effect without an STS transition (--assume-roles, --get-session-token, --get-federation-token)"
            );
        }
        if t.mfa_serial.is_some() && !has_hops && !t.get_session_token {
            bail_usage!(
                "--mfa-serial is used by --get-session-token or the first role hop: add one of them or drop it"
            );
        }

        let session_name = t
            .role_session_name
            .clone()
            .unwrap_or_else(|| DEFAULT_SESSION_NAME.to_string());
        let mut plan = Plan::default();

        if t.get_session_token {
            if let Some(d) = t.duration_seconds {
                validate::duration("GetSessionToken", d, TOKEN_RANGE.0, TOKEN_RANGE.1)
                    .map_err(usage)?;
            }
            plan.session_token = Some(t.duration_seconds);
        }
        if t.get_federation_token || (console && !has_hops && t.role_session_name.is_some()) {
            validate::session_name(
                "--role-session-name (the GetFederationToken Name)",
                &session_name,
                32,
            )
            .map_err(usage)?;
            if let Some(d) = t.duration_seconds {
                validate::duration("GetFederationToken", d, TOKEN_RANGE.0, TOKEN_RANGE.1)
                    .map_err(usage)?;
            }
            plan.federation = Some(Federation {
                name: session_name.clone(),
                duration: t.duration_seconds,
            });
        }
        if has_hops && t.role_session_name.is_some() {
            validate::session_name("--role-session-name", &session_name, 64).map_err(usage)?;
        }
        if let Some(id) = &t.external_id {
            validate::external_id(id).map_err(usage)?;
        }
        for (i, spec) in specs.into_iter().enumerate() {
            plan.hops.push(hop(i, spec, &session_name, t)?);
        }
        if let Some(serial) = &t.mfa_serial {
            validate::mfa_serial(serial).map_err(usage)?;
            if let Some(code) = &t.mfa_code {
                validate::mfa_code(code).map_err(usage)?;
            } else if std::fs::File::open("/dev/tty").is_err() {
                bail_usage!(
                    "--mfa-serial needs --mfa-code here: there is no terminal to ask for the code on"
                );
            }
            plan.mfa = Some(Mfa {
                serial: serial.clone(),
                code: t.mfa_code.clone(),
            });
        }
        Ok(plan)
    }

    /// Add a GetFederationToken step (what lets long-term IAM user keys into the console).
    pub fn federate(&mut self, name: Option<&str>, duration: Option<i32>) {
        let name = name.unwrap_or(DEFAULT_SESSION_NAME).to_string();
        self.federation = Some(Federation { name, duration });
    }

    pub fn is_empty(&self) -> bool {
        self.session_token.is_none() && self.federation.is_none() && self.hops.is_empty()
    }

    pub fn federates(&self) -> bool {
        self.federation.is_some()
    }

    /// Whether the final credentials come from role chaining (an AssumeRole signed with
    /// role credentials), which AWS caps at one hour.
    pub fn chains(&self, start: &Creds) -> bool {
        self.hops.len() >= 2
            || (self.hops.len() == 1 && !start.is_long_term() && self.session_token.is_none())
    }

    /// The role ARNs of the chain, in order.
    pub fn hop_arns(&self) -> Vec<String> {
        self.hops.iter().map(|h| h.arn.to_string()).collect()
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
    pub async fn run(mut self, sdk: &SdkConfig, region: &str, start: Creds) -> Result<Creds> {
        let mut creds = start;
        // One MFA code serves one call: GetSessionToken if requested, else the first hop.
        let mut mfa = self.mfa.take();
        if let Some(duration) = self.session_token {
            let (serial, code) = take_mfa(&mut mfa)?;
            tracing::info!("calling GetSessionToken");
            let out = sts(sdk, &creds)
                .get_session_token()
                .set_duration_seconds(duration)
                .set_serial_number(serial)
                .set_token_code(code)
                .send()
                .await
                .map_err(|e| sts_error("GetSessionToken", e))?;
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
                .map_err(|e| sts_error("GetFederationToken", e))?;
            creds = stage_creds(out.credentials(), "GetFederationToken")?;
        }
        let total = self.hops.len();
        for (i, hop) in self.hops.iter().enumerate() {
            let (serial, code) = take_mfa(&mut mfa)?;
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
                .map_err(|e| sts_error(&format!("AssumeRole (hop {}, {})", i + 1, hop.arn), e))?;
            creds = stage_creds(out.credentials(), "AssumeRole")?;
        }
        Ok(creds)
    }
}

fn hop(i: usize, spec: HopSpec, default_name: &str, t: &TransitionArgs) -> Result<Hop> {
    let n = i + 1;
    let session_name = spec
        .session_name
        .unwrap_or_else(|| default_name.to_string());
    validate::session_name(&format!("RoleSessionName of hop {n}"), &session_name, 64)
        .map_err(usage)?;
    let external_id = spec.external_id.or_else(|| t.external_id.clone());
    if let Some(id) = &external_id {
        validate::external_id(id).map_err(|e| usage(format!("hop {n}: {e}")))?;
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
        validate::duration(&what, d, ASSUME_ROLE_RANGE.0, max).map_err(usage)?;
    }
    Ok(Hop {
        arn: spec.arn,
        session_name,
        external_id,
        duration,
    })
}

fn stage_creds(c: Option<&aws_sdk_sts::types::Credentials>, op: &str) -> Result<Creds> {
    c.map(Creds::from_sts)
        .ok_or_else(|| anyhow!("sts {op} returned no credentials"))
}

/// The MFA serial and code for the next call that takes them (once), prompting on the
/// terminal when the code was not given.
fn take_mfa(mfa: &mut Option<Mfa>) -> Result<(Option<String>, Option<String>)> {
    let Some(m) = mfa.take() else {
        return Ok((None, None));
    };
    let code = match m.code {
        Some(code) => code,
        None => prompt_mfa(&m.serial)?,
    };
    Ok((Some(m.serial), Some(code)))
}

fn prompt_mfa(serial: &str) -> Result<String> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| anyhow!("cannot ask for the MFA code: no terminal; pass --mfa-code"))?;
    let mut out = &tty;
    write!(out, "MFA code for {serial}: ")?;
    out.flush()?;
    let mut line = String::new();
    BufReader::new(&tty).read_line(&mut line)?;
    let code = line.trim().to_string();
    validate::mfa_code(&code).map_err(|e| anyhow!(e))?;
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "arn:aws:iam::111111111111:role/A";
    const B: &str = "arn:aws:iam::222222222222:role/B";

    fn args(f: impl FnOnce(&mut TransitionArgs)) -> TransitionArgs {
        let mut t = TransitionArgs::default();
        f(&mut t);
        t
    }

    #[test]
    fn chained_hops_are_capped_at_one_hour_before_any_call() {
        let ok = args(|t| {
            t.assume_roles = Some(format!("{A},{B}"));
            t.duration_seconds = Some(3600);
        });
        assert!(Plan::new(&ok, false).is_ok());
        let too_long = args(|t| {
            t.assume_roles = Some(format!("{A},{B}"));
            t.duration_seconds = Some(7200);
        });
        let err = Plan::new(&too_long, false).unwrap_err().to_string();
        assert!(err.contains("hop 2"), "{err}");
        let first_hop_long = args(|t| {
            t.assume_roles = Some(A.to_string());
            t.duration_seconds = Some(43200);
        });
        assert!(Plan::new(&first_hop_long, false).is_ok());
    }

    #[test]
    fn federation_names_are_limited_to_32_characters() {
        let t = args(|t| {
            t.get_federation_token = true;
            t.role_session_name = Some("x".repeat(40));
        });
        assert!(Plan::new(&t, false).is_err());
        let t = args(|t| {
            t.assume_roles = Some(A.to_string());
            t.role_session_name = Some("x".repeat(40));
        });
        assert!(Plan::new(&t, false).is_ok());
    }

    #[test]
    fn options_without_a_transition_to_use_them_are_rejected() {
        assert!(Plan::new(&args(|t| t.external_id = Some("abc".into())), false).is_err());
        assert!(Plan::new(&args(|t| t.duration_seconds = Some(900)), false).is_err());
        assert!(Plan::new(&args(|t| t.role_session_name = Some("abc".into())), false).is_err());
    }

    #[test]
    fn token_calls_need_long_term_keys() {
        let plan = Plan::new(&args(|t| t.get_session_token = true), false).unwrap();
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
