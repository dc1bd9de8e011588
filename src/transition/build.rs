//! Building a [`Plan`] from the options: every check that can be made from the command
//! line and the profile, before any network call.

use anyhow::Result;

use super::ProfileHop;
use super::controls::{self, Controls};
use super::policy::SessionPolicy;
use super::{
    ASSUME_ROLE_RANGE, CHAINED_MAX, DEFAULT_SESSION_NAME, Federation, Hop, Options, Plan,
    TOKEN_RANGE,
};
use crate::error::{Usage, bail_usage};
use crate::mfa::Codes;
use crate::mfa::MfaProcess;
use crate::roles::{self, HopSpec};
use crate::validate;

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
        let any_hops = has_hops || !profile_hops.is_empty();
        if t.get_federation_token && any_hops {
            // AWS refuses every STS call but GetCallerIdentity from a federated session.
            bail_usage!(
                "--get-federation-token cannot go with role hops (here the profile's role_arn): a federated session cannot assume roles; drop --get-federation-token or use a profile without role_arn"
            );
        }
        let (run_controls, policy) = session_controls(t, any_hops)?;
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
                tags: run_controls.tags.clone().unwrap_or_default(),
            });
        }
        if has_hops && t.role_session_name.is_some() {
            validate::session_name("--role-session-name", &session_name, 64)?;
        }
        if let Some(id) = &t.external_id {
            validate::external_id(id)?;
        }
        plan.profile_hops = profile_hops.len();
        let mut asked: Vec<Controls> = Vec::new();
        for h in profile_hops {
            asked.push(run_controls.over(h.controls));
            plan.hops.push(Hop {
                arn: h.arn,
                session_name: h
                    .session_name
                    .unwrap_or_else(|| DEFAULT_SESSION_NAME.to_string()),
                external_id: h.external_id,
                duration: h.duration,
                mfa_serial: h.mfa_serial,
                controls: Default::default(),
            });
        }
        for (i, spec) in specs.into_iter().enumerate() {
            asked.push(run_controls.clone());
            plan.hops.push(hop(i, spec, &session_name, t)?);
        }
        for (hop, sent) in plan.hops.iter_mut().zip(controls::settle(&asked)?) {
            hop.controls = sent;
        }
        plan.policy = policy;
        plan.mfa_serial = t.mfa_serial.clone();
        plan.codes = Codes::new(t.mfa_serial.as_deref(), t.mfa_code.as_deref(), mfa_process)?;
        Ok(plan)
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
        controls: Default::default(),
    })
}

/// The source identity and tags the command line (or the environment) gives every role
/// hop, and the session policy of the final one; with no hop, the tags and session policy
/// of GetFederationToken. A value an option gives with nothing to use it is an error; one
/// from the environment is then left alone, as it may be meant for other tools.
fn session_controls(t: &Options, any_hops: bool) -> Result<(Controls, SessionPolicy)> {
    let given = [&t.source_identity, &t.tags, &t.transitive_tags];
    let policy = || SessionPolicy::parse(t.policy.as_deref(), t.policy_arns.as_deref());
    if any_hops {
        let [si, tags, transitive] = given.map(Option::as_ref);
        return Ok((Controls::parse(si, tags, transitive)?, policy()?));
    }
    if t.get_federation_token {
        return Ok((federation_controls(t)?, policy()?));
    }
    if let Some(g) = given.iter().copied().flatten().find(|g| g.is_option()) {
        let or_federation = if g.from == "--tags" {
            " or --get-federation-token"
        } else {
            ""
        };
        bail_usage!(
            "{} is used only by role hops: add --assume-roles (or use a profile with role_arn){or_federation} or drop it",
            g.from
        );
    }
    let flag = match (&t.policy, &t.policy_arns) {
        (Some(_), _) => Some("--policy"),
        (_, Some(_)) => Some("--policy-arns"),
        _ => None,
    };
    if let Some(flag) = flag {
        bail_usage!(
            "{flag}: a session policy needs an AssumeRole hop or a federation token to narrow, and this chain has neither: add --assume-roles ROLE (or use a profile with role_arn) or --get-federation-token, or drop {flag}"
        );
    }
    Ok(Default::default())
}

/// GetFederationToken's tags (command line, environment, then the profile's `session_tags`).
/// It takes no source identity and no transitive keys: a federated session cannot assume
/// roles, so nothing would carry them on.
fn federation_controls(t: &Options) -> Result<Controls> {
    if let Some(g) = t.source_identity.as_ref().filter(|g| g.is_option()) {
        bail_usage!(
            "{}: GetFederationToken takes no source identity (only AssumeRole does): drop {} or --get-federation-token",
            g.from,
            g.from
        );
    }
    if let Some(g) = t.transitive_tags.as_ref().filter(|g| g.is_option()) {
        bail_usage!(
            "{}: a federated session cannot assume roles, so GetFederationToken takes no transitive tag keys: drop {} (--tags alone tags the session)",
            g.from,
            g.from
        );
    }
    let tags = t.tags.as_ref().or(t.profile_tags.as_ref());
    Ok(Controls::parse(None, tags, None)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::Creds;
    use crate::transition::Given;

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
    fn a_federation_token_takes_the_session_policy_and_tags_but_no_hop_controls() {
        let arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        let plan = Plan::new(&args(|t| {
            t.get_federation_token = true;
            t.policy_arns = Some(arn.into());
            t.tags = Some(Given::new("--tags", "team=blue"));
        }))
        .unwrap();
        assert_eq!(plan.policy.arns, [arn]);
        assert_eq!(plan.federation.unwrap().tags[0].value, "blue");
        for refused in [
            args(|t| t.source_identity = Some(Given::new("--source-identity", "alice"))),
            args(|t| t.transitive_tags = Some(Given::new("--transitive-tags", "team"))),
        ] {
            let t = Options {
                get_federation_token: true,
                tags: Some(Given::new("--tags", "team=blue")),
                ..refused
            };
            assert!(Plan::new(&t).is_err());
        }
        // From the environment they are left alone.
        let t = args(|t| {
            t.get_federation_token = true;
            t.source_identity = Some(Given::new("AWS_SOURCE_IDENTITY", "alice"));
        });
        assert!(Plan::new(&t).is_ok());
    }

    #[test]
    fn token_calls_need_long_term_keys() {
        let plan = Plan::new(&args(|t| t.get_session_token = true)).unwrap();
        let mut creds = Creds {
            access_key_id: "AKIA".into(),
            secret_access_key: "s".into(),
            session_token: None,
            expiration: None,
            account_id: None,
        };
        assert!(plan.check_source(&creds).is_ok());
        creds.session_token = Some("t".into());
        assert!(plan.check_source(&creds).is_err());
    }
}
