//! A profile that aws-login resolves itself, as the AWS CLI v2 does: the `role_arn` hops
//! along `source_profile` (any depth) down to the base that gives the first credentials
//! (keys, `credential_process`, an IAM Identity Center role, a console session
//! (`login_session`), or `credential_source`).
//!
//! aws-config resolves such profiles too, but it cannot sign in, drops `mfa_serial`, and
//! reports a cycle or a bad value as a nested SDK error. Profiles that only hold keys or a
//! `credential_process` stay with aws-config (see [`resolve`]).

use anyhow::Result;
use aws_config::profile::{Profile, ProfileSet};

use crate::arn::{RoleArn, is_account_id, is_role_name};
use crate::creds::Creds;
use crate::error::{Usage, usage};
use crate::inert::echo;
use crate::mfa::MfaProcess;
use crate::transition::ProfileHop;
use crate::transition::controls::{Controls, Given};
use crate::validate;

/// The profile's role hops and where their first credentials come from.
#[derive(Debug)]
pub struct Chain {
    pub base: Base,
    /// From the base up to the profile named, in the order they are assumed.
    pub hops: Vec<ProfileHop>,
    /// `mfa_process` of the nearest profile to the one named that has it.
    pub mfa_process: Option<MfaProcess>,
}

#[derive(Debug, Clone)]
pub enum Base {
    /// `aws_access_key_id`/`aws_secret_access_key` of a source profile.
    Keys(Creds),
    /// Anything else aws-config resolves for this profile (`credential_process`, web identity).
    Sdk(String),
    /// An IAM Identity Center role: `sso_session`, or the legacy `sso_start_url` keys.
    Sso(SsoProfile),
    /// A console session (`login_session`, the AWS CLI's `aws login`): the session ARN
    /// and the profile that names it.
    Login {
        session: String,
        profile: String,
    },
    /// `credential_source`.
    Environment,
    Ec2InstanceMetadata,
    EcsContainer,
}

#[derive(Debug, Clone)]
pub struct SsoProfile {
    pub session: Option<String>,
    pub start_url: Option<String>,
    pub region: Option<String>,
    pub account: String,
    pub role: String,
}

const SOURCES: &str = "Environment, Ec2InstanceMetadata or EcsContainer";

/// The chain of profile `name`, or `None` when aws-config may resolve it as it is: a
/// profile whose own credentials are keys, `credential_process` or web identity.
/// Everything is checked here, before any network call.
pub fn resolve(set: &ProfileSet, name: &str) -> Result<Option<Chain>> {
    let Some(top) = set.get_profile(name) else {
        return Ok(None);
    };
    if !assumes_role(top) && !is_sso(top) && !is_login(top) {
        return Ok(None);
    }
    let mut visited: Vec<String> = Vec::new();
    let mut hops = Vec::new();
    let mut mfa_process = None;
    let mut current = name.to_string();
    let base = loop {
        let Some(p) = set.get_profile(&current) else {
            let from = visited.last().map(String::as_str).unwrap_or(name);
            return Err(usage(format!(
                "profile '{}' has source_profile = {}, which is not defined: add that profile or fix source_profile",
                echo(from),
                echo(&current)
            )));
        };
        visited.push(current.clone());
        if mfa_process.is_none()
            && let Some(command) = p.get("mfa_process")
        {
            mfa_process = Some(MfaProcess {
                profile: current.clone(),
                command: command.to_string(),
            });
        }
        // A source profile's keys win over its own role_arn (botocore's rule).
        if visited.len() > 1 && has_keys(p) {
            break Base::Keys(keys(p)?);
        }
        if assumes_role(p) {
            hops.push(hop(p)?);
            match (p.get("source_profile"), p.get("credential_source")) {
                (Some(_), Some(_)) => {
                    return Err(bad(
                        p,
                        "has both source_profile and credential_source: keep one",
                    ));
                }
                (Some(src), None) if src == current && has_keys(p) => break Base::Keys(keys(p)?),
                (Some(src), None) => {
                    if let Some(start) = visited.iter().position(|v| v == src) {
                        let mut cycle: Vec<&str> =
                            visited[start..].iter().map(String::as_str).collect();
                        cycle.push(src);
                        return Err(usage(format!(
                            "the source_profile settings form a loop: profile {}; break it",
                            cycle
                                .iter()
                                .map(|n| echo(n))
                                .collect::<Vec<_>>()
                                .join(" -> ")
                        )));
                    }
                    current = src.to_string();
                }
                (None, Some(source)) => break credential_source(p, source)?,
                (None, None) => {
                    return Err(bad(
                        p,
                        "has role_arn but neither source_profile nor credential_source: add one",
                    ));
                }
            }
        } else if is_sso(p) {
            break Base::Sso(sso(p)?);
        } else if let Some(session) = p.get("login_session") {
            break login(p, session)?;
        } else if has_keys(p) {
            break Base::Keys(keys(p)?);
        } else if p.get("credential_process").is_some() || p.get("role_arn").is_some() {
            break Base::Sdk(current.clone());
        } else {
            return Err(bad(
                p,
                "holds no credentials: give it aws_access_key_id/aws_secret_access_key, role_arn with source_profile, credential_process, sso_session or login_session",
            ));
        }
    };
    hops.reverse();
    Ok(Some(Chain {
        base,
        hops,
        mfa_process,
    }))
}

fn bad(p: &Profile, what: &str) -> anyhow::Error {
    usage(format!("profile '{}' {what}", echo(p.name())))
}

/// A value of the profile that is not of its kind: name the profile and the fix.
fn invalid(p: &Profile) -> impl Fn(Usage) -> anyhow::Error + '_ {
    move |e| usage(format!("profile '{}': {e}; fix the config", echo(p.name())))
}

/// A `role_arn` hop aws-login makes (with a web identity token it is aws-config's source).
fn assumes_role(p: &Profile) -> bool {
    p.get("role_arn").is_some() && p.get("web_identity_token_file").is_none()
}

fn is_sso(p: &Profile) -> bool {
    p.get("sso_session").is_some() || p.get("sso_start_url").is_some()
}

/// The profile's `aws_account_id` (the account of its keys, as botocore and aws-config
/// read it), checked: it is exported beside them.
pub fn account_id(p: &Profile) -> Result<Option<String>> {
    match p.get("aws_account_id") {
        Some(id) if !is_account_id(id) => Err(bad(
            p,
            &format!("has aws_account_id = {}: use the 12 digits", echo(id)),
        )),
        id => Ok(id.map(str::to_string)),
    }
}

fn is_login(p: &Profile) -> bool {
    p.get("login_session").is_some()
}

/// `login_session` names the console session by its ARN (a user's or a role session's).
fn login(p: &Profile, session: &str) -> Result<Base> {
    let session = session.trim();
    if !session.starts_with("arn:")
        || session.split(':').count() < 6
        || session.chars().any(char::is_whitespace)
    {
        return Err(bad(
            p,
            &format!(
                "has login_session = {}, which is not an ARN: sign in again with aws-login login --profile {}",
                echo(session),
                echo(p.name())
            ),
        ));
    }
    Ok(Base::Login {
        session: session.to_string(),
        profile: p.name().to_string(),
    })
}

fn has_keys(p: &Profile) -> bool {
    p.get("aws_access_key_id").is_some()
}

fn keys(p: &Profile) -> Result<Creds> {
    let secret = p.get("aws_secret_access_key").ok_or_else(|| {
        bad(
            p,
            "has aws_access_key_id but no aws_secret_access_key: add it",
        )
    })?;
    Ok(Creds {
        access_key_id: p.get("aws_access_key_id").unwrap_or_default().to_string(),
        secret_access_key: secret.to_string(),
        session_token: p.get("aws_session_token").map(str::to_string),
        expiration: None,
        account_id: account_id(p)?,
    })
}

fn credential_source(p: &Profile, source: &str) -> Result<Base> {
    Ok(match source {
        "Environment" => Base::Environment,
        "Ec2InstanceMetadata" => Base::Ec2InstanceMetadata,
        "EcsContainer" => Base::EcsContainer,
        other => {
            return Err(bad(
                p,
                &format!("has credential_source = {}: use {SOURCES}", echo(other)),
            ));
        }
    })
}

fn hop(p: &Profile) -> Result<ProfileHop> {
    let invalid = invalid(p);
    let arn = RoleArn::parse(p.get("role_arn").unwrap_or_default()).map_err(&invalid)?;
    let external_id = p.get("external_id").map(str::to_string);
    if let Some(id) = &external_id {
        validate::external_id(id).map_err(&invalid)?;
    }
    let mfa_serial = p.get("mfa_serial").map(str::to_string);
    if let Some(serial) = &mfa_serial {
        validate::mfa_serial(serial)
            .map_err(|_| usage(format!("profile '{}': mfa_serial '{}' is not valid: give the device ARN (arn:aws:iam::123456789012:mfa/NAME) or a hardware serial", echo(p.name()), echo(serial))))?;
    }
    let session_name = p.get("role_session_name").map(str::to_string);
    if let Some(name) = &session_name {
        validate::session_name("role_session_name", name, 64).map_err(&invalid)?;
    }
    let duration = match p.get("duration_seconds") {
        None => None,
        Some(raw) => {
            let d = raw.parse::<i32>().map_err(|_| {
                bad(
                    p,
                    &format!(
                        "has duration_seconds = {}, which is not a number of seconds: use 900 to 43200",
                        echo(raw)
                    ),
                )
            })?;
            validate::duration("duration_seconds", d, 900, 43200).map_err(&invalid)?;
            Some(d)
        }
    };
    let key = |name: &str| p.get(name).map(|v| Given::new(name, v));
    let controls = Controls::parse(
        key("source_identity").as_ref(),
        key("session_tags").as_ref(),
        key("transitive_session_tags").as_ref(),
    )
    .map_err(&invalid)?;
    Ok(ProfileHop {
        arn,
        external_id,
        mfa_serial,
        session_name,
        duration,
        controls,
    })
}

fn sso(p: &Profile) -> Result<SsoProfile> {
    let invalid = invalid(p);
    let (account, role) = match (p.get("sso_account_id"), p.get("sso_role_name")) {
        (Some(a), Some(r)) => (a, r),
        _ => {
            return Err(bad(
                p,
                "names an IAM Identity Center session but no role: add sso_account_id and sso_role_name",
            ));
        }
    };
    if !is_account_id(account) {
        return Err(bad(
            p,
            &format!("has sso_account_id = {}: use the 12 digits", echo(account)),
        ));
    }
    if !is_role_name(role) {
        return Err(bad(
            p,
            &format!(
                "has sso_role_name = {}, which is not a role name",
                echo(role)
            ),
        ));
    }
    let session = p.get("sso_session").map(str::to_string);
    if let Some(name) = &session {
        validate::config_name("sso_session", name).map_err(&invalid)?;
    }
    let start_url = p.get("sso_start_url").map(str::to_string);
    if let Some(url) = &start_url {
        validate::start_url("sso_start_url", url).map_err(&invalid)?;
    }
    let region = p.get("sso_region").map(str::to_string);
    if let Some(r) = &region {
        validate::region("sso_region", r).map_err(&invalid)?;
    }
    Ok(SsoProfile {
        session,
        start_url,
        region,
        account: account.to_string(),
        role: role.to_string(),
    })
}
