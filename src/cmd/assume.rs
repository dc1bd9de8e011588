//! `awsl assume`, `awsl refresh`, `awsl unassume`: shell code for the `awsl` function to
//! evaluate. The first line is a marker comment: the function evaluates only output that
//! starts with it, so help text or anything unexpected is printed, never run.

use anyhow::{Result, anyhow};
use clap::Parser;

use crate::cli::{AssumeArgs, Cli, Command, CredArgs, RefreshArgs};
use crate::env::Env;
use crate::error::usage;
use crate::exports::{ASSUME_VARS, assume_vars};
use crate::output;
use crate::pipeline::Pipeline;
use crate::shell::{Shell, history};
use crate::sso::index;

pub const MARKER: &str = "# aws-login assume";

/// The shell the `awsl` function runs in, which it passes as AWS_LOGIN_SHELL.
fn calling_shell(env: &Env, what: &str) -> Result<Shell> {
    match env.get("AWS_LOGIN_SHELL") {
        Some("bash" | "zsh") => Ok(Shell::Posix),
        Some("fish") => Ok(Shell::Fish),
        Some("powershell" | "pwsh") => Ok(Shell::Powershell),
        _ => Err(usage(format!(
            "{what} changes the current shell, so it runs through the awsl function: add eval \"$(aws-login shell init bash)\" (or zsh, fish, powershell) to your shell's rc file"
        ))),
    }
}

pub async fn assume(args: &AssumeArgs, raw: Vec<String>, env: &Env) -> Result<()> {
    let shell = calling_shell(env, "assume")?;
    let mut cred = args.cred.clone();
    if let Some(p) = &args.profile_name {
        cred.source.profile = Some(p.clone());
    }
    let text = assume_script(shell, &cred, &raw, env).await?;
    output::print(&text)
}

async fn assume_script(shell: Shell, cred: &CredArgs, raw: &[String], env: &Env) -> Result<String> {
    let pipeline = Pipeline::prepare(cred, env, false).await?;
    let region = pipeline.region.clone();
    let hops: Vec<String> = pipeline.plan.hop_arns();
    let id = pipeline.acquire(cred, env).await?;
    history::record_roles(env, &hops);

    let profile = cred
        .source
        .profile
        .as_deref()
        .filter(|_| hops.is_empty() && !cred.wants_sso());
    let identity = display_name(cred, &hops, profile, &id.creds.access_key_id, env);
    let replay = serde_json::to_string(&replayable(raw)).expect("strings serialise");
    let vars = assume_vars(&id.creds, &region, profile, &identity, &replay);
    let body = shell.script(&vars).map_err(|e| anyhow!(e))?;
    Ok(format!("{MARKER}\n{body}"))
}

/// The arguments `awsl refresh` replays: without a one-time MFA code.
fn replayable(raw: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in raw {
        if skip {
            skip = false;
        } else if a == "--mfa-code" {
            skip = true;
        } else if !a.starts_with("--mfa-code=") {
            out.push(a.clone());
        }
    }
    out
}

/// A short name for prompts: the profile; else `<account>-<role>` for an Identity Center
/// role or the last hop (account names from the discovery index when known); else the key id.
fn display_name(
    cred: &CredArgs,
    hops: &[String],
    profile: Option<&str>,
    key_id: &str,
    env: &Env,
) -> String {
    if let Some(p) = profile {
        return p.to_string();
    }
    let (account, role) = match (
        hops.last(),
        &cred.sso_role.sso_acct_id,
        &cred.sso_role.sso_role_name,
    ) {
        (Some(arn), _, _) => {
            let parts: Vec<&str> = arn.split(':').collect();
            (
                parts.get(4).copied().unwrap_or_default().to_string(),
                arn.rsplit('/').next().unwrap_or_default().to_string(),
            )
        }
        (None, Some(a), Some(r)) => (a.clone(), r.clone()),
        _ => {
            return cred
                .source
                .profile
                .clone()
                .or_else(|| env.get("AWS_PROFILE").map(str::to_string))
                .unwrap_or_else(|| key_id.to_string());
        }
    };
    let name = index::account_name(env, &account).unwrap_or(account);
    format!("{name}-{role}")
}

pub async fn refresh(args: &RefreshArgs, env: &Env) -> Result<()> {
    let shell = calling_shell(env, "refresh")?;
    let stored = env
        .get("AWS_LOGIN_ASSUME")
        .ok_or_else(|| anyhow!("nothing to refresh: run awsl assume first"))?;
    let mut raw: Vec<String> = serde_json::from_str(stored)
        .map_err(|_| anyhow!("AWS_LOGIN_ASSUME is damaged: run awsl assume again"))?;
    // Cache and refresh tokens only: never a browser.
    let has_token_source = raw.iter().any(|a| {
        ["--use-cache", "--sso-access-token", "--accesstoken-cache"]
            .iter()
            .any(|o| a == o || a.starts_with(&format!("{o}=")))
    });
    if raw
        .iter()
        .any(|a| a == "--start-url" || a.starts_with("--start-url="))
        && !has_token_source
    {
        raw.push("--use-cache".into());
    }
    raw.push("--no-sign-in".into());
    if args.quiet
        && raw
            .iter()
            .any(|a| a == "--mfa-serial" || a.starts_with("--mfa-serial="))
    {
        return Err(anyhow!("this identity needs an MFA code: run awsl refresh"));
    }
    let argv = std::iter::once("aws-login".to_string())
        .chain(std::iter::once("assume".to_string()))
        .chain(raw.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(|e| {
        anyhow!(
            "the stored assume arguments no longer parse ({}): run awsl assume again",
            e.kind()
        )
    })?;
    let Command::Assume(assume) = cli.command else {
        unreachable!("parsed as assume")
    };
    let mut cred = assume.cred.clone();
    if let Some(p) = assume.profile_name {
        cred.source.profile = Some(p);
    }
    let text = assume_script(shell, &cred, &raw[..raw.len() - 1], env).await?;
    output::print(&text)
}

pub fn unassume(env: &Env) -> Result<()> {
    let shell = calling_shell(env, "unassume")?;
    let vars: Vec<(&str, Option<String>)> = ASSUME_VARS.iter().map(|v| (*v, None)).collect();
    let body = shell.script(&vars).map_err(|e| anyhow!(e))?;
    output::print(&format!("{MARKER}\n{body}"))
}
