//! `aws-login login`: sign in to an AWS console session for a profile (what the AWS
//! CLI's `aws login` does), and name the session in the profile's `login_session`.

use std::time::Duration;

use anyhow::Result;

use crate::cli::LoginArgs;
use crate::env::Env;
use crate::error::usage;
use crate::inert::echo;
use crate::login::{config, signin};

/// Keys that give a profile its credentials some other way: they would come before the
/// session, so the profile is left alone (the AWS CLI's rule).
const OTHER_SOURCES: [(&str, &str); 6] = [
    ("web_identity_token_file", "web identity"),
    ("sso_role_name", "IAM Identity Center"),
    ("sso_account_id", "IAM Identity Center"),
    ("aws_access_key_id", "access key"),
    ("role_arn", "assume-role"),
    ("credential_process", "credential_process"),
];

pub async fn run(args: &LoginArgs, env: &Env) -> Result<()> {
    let profile = args
        .profile
        .clone()
        .or_else(|| env.get("AWS_PROFILE").map(str::to_string))
        .unwrap_or_else(|| "default".to_string());
    crate::validate::config_name("--profile", &profile)?;
    if let Some(r) = &args.region {
        crate::validate::region("--region", r)?;
    }
    let set = crate::profiles::load(env).await?;
    let existing = set.get_profile(&profile);
    if let Some((_, kind)) =
        existing.and_then(|p| OTHER_SOURCES.iter().find(|(k, _)| p.get(k).is_some()))
    {
        return Err(usage(format!(
            "profile '{}' already has {kind} credentials: sign in for a new profile (aws-login login --profile NEW) or remove them first",
            echo(&profile)
        )));
    }
    let own_region = existing.and_then(|p| p.get("region"));
    let region = crate::region::resolve(args.region.as_deref(), env, own_region);
    let req = signin::Request {
        profile: &profile,
        region: &region.name,
        remote: args.remote,
        timeout: Duration::from_secs(args.login_timeout),
    };
    let signed = signin::sign_in(&req, env).await?;
    let mut pairs = vec![("login_session", signed.session.as_str())];
    if own_region.is_none() {
        pairs.push(("region", region.name.as_str()));
    }
    config::set(env, &profile, &pairs)?;
    eprintln!(
        "aws-login: signed in as {}; profile '{}' uses this session (aws-login getcallerid --profile {})",
        echo(&signed.session),
        echo(&profile),
        echo(&profile)
    );
    tracing::debug!(cache = %signed.path.display(), "login session stored");
    Ok(())
}
