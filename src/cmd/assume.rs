//! `awsl assume`, `awsl refresh`, `awsl unassume`: shell code for the `awsl` function to
//! evaluate, starting with the marker line the function checks for (see shell/mod.rs).

use anyhow::{Result, anyhow};
use chrono::Utc;
use clap::ValueEnum;

use super::pick;
use super::replay::{self, NotKept, Stored};
use super::whoami::time_left;
use crate::arn::RoleArn;
use crate::cache::TokenFrom;
use crate::cli::{AssumeArgs, CredArgs, RefreshArgs, UnassumeArgs};
use crate::env::Env;
use crate::error::usage;
use crate::exports::{ASSUME_VARS, assume_vars};
use crate::inert;
use crate::output;
use crate::pipeline::{self, Request};
use crate::region;
use crate::shell::{Shell, history};
use crate::sso::index;

/// The shell the `awsl` function runs in, which it passes as AWS_LOGIN_SHELL.
fn calling_shell(env: &Env, what: &str) -> Result<Shell> {
    Shell::calling(env).ok_or_else(|| {
        let names: Vec<&str> = Shell::value_variants().iter().map(|s| s.name()).collect();
        usage(format!(
            "{what} changes the current shell, so it runs through the awsl function: add eval \"$(aws-login shell init {})\" (or {}) to your shell's rc file",
            names[0],
            names[1..].join(", ")
        ))
    })
}

pub async fn assume(args: &AssumeArgs, env: &Env) -> Result<()> {
    let shell = calling_shell(env, "assume")?;
    // Checked here to name where the name came from: the pipeline sees it as --profile.
    if let Some(name) = &args.profile_name {
        let set = crate::profiles::load(env).await?;
        crate::profiles::exists(&set, name, "the PROFILE of awsl assume")?;
    }
    let mut cred = with_profile(args);
    if args.pick {
        cred = pick::choose("assume", &cred, env)?;
    } else if let Some(picked) = pick::implicit(&cred, env)? {
        cred = picked;
    }
    let (text, summary) = assume_script(shell, &cred, cred.clone().into(), env).await?;
    output::print(&text)?;
    if !args.quiet {
        eprintln!("aws-login: assumed {summary}");
    }
    Ok(())
}

/// The options with the positional PROFILE folded into `--profile`.
fn with_profile(args: &AssumeArgs) -> CredArgs {
    let mut cred = args.cred.clone();
    if let Some(p) = &args.profile_name {
        cred.source.profile = Some(p.clone());
    }
    cred
}

/// `cred` as given, for the name and the replay; `opts` what this run does with it. The
/// shell code, and what was assumed for the line on stderr (`prod-Admin in eu-west-1, 59m
/// left`), every part inert.
async fn assume_script(
    shell: Shell,
    cred: &CredArgs,
    opts: pipeline::Options,
    env: &Env,
) -> Result<(String, String)> {
    // What the previous assume exported is not input for this identity (see
    // `Options::user_env`); its region variables are removed when this one has none.
    let leftovers = region::exported_leftovers(env);
    let opts = pipeline::Options {
        new_identity: true,
        ..opts
    };
    let request = Request::prepare(opts, env).await?;
    let region = request.region.clone();
    let hops: Vec<String> = request.plan.hop_arns();
    let last_role = request.plan.final_role().cloned();
    let from_env_keys = request.uses_environment_keys();
    let kept = kept_source(cred, &request);
    let token_file = match request.cache_key().meta.sso_token {
        Some(TokenFrom::File(path)) => Some(path),
        _ => None,
    };
    let id = request.acquire().await?;
    let signin_ends = token_file.and_then(|p| signin_end(&p, env));
    history::record_roles(env, &hops);

    let source_profile = kept.source.profile.as_deref();
    let profile = source_profile.filter(|_| hops.is_empty() && !cred.wants_sso());
    let identity = display_name(
        cred,
        last_role.as_ref(),
        profile,
        source_profile.unwrap_or(&id.creds.access_key_id),
        env,
    );
    let stored = Stored::of(&kept);
    if let Stored::Args(args) = &stored
        && !args.is_empty()
    {
        let (account, role) = match profile {
            Some(_) => (None, None),
            None => named_role(cred, last_role.as_ref()).unzip(),
        };
        history::record_recent(
            env,
            history::Recent {
                name: identity.clone(),
                args: args.clone(),
                account,
                role,
            },
        );
    }
    // The picker may replay these options with keys the environment has then; a refresh
    // in this shell would find only the keys this assume exported.
    let stored = match from_env_keys {
        true => Stored::NotKept {
            not_kept: NotKept::EnvironmentKeys,
            sign_in: None,
        },
        false => stored,
    };
    let replay = stored.to_json();
    let vars = assume_vars(
        &id.creds,
        &region,
        &leftovers,
        profile,
        &identity,
        signin_ends,
        &replay,
    );
    let script = shell.marked_script(&vars).map_err(|e| anyhow!(e))?;
    let left = match id.creds.expiration {
        Some(t) => format!("{} left", time_left((t - Utc::now()).num_seconds())),
        None => "no expiry".to_string(),
    };
    let summary = format!("{identity} in {}, {left}", inert::echo(&region.name));
    Ok((script, summary))
}

/// When the sign-in behind the token at `path` ends (an epoch): the token's own expiry,
/// or, for a token that refreshes itself, its client registration's (after which only a
/// browser signs in again). `None` when the token says neither.
fn signin_end(path: &std::path::Path, env: &Env) -> Option<i64> {
    let token = crate::sso::cache::Cache::new(env).ok()?.read(path).ok()??;
    let end = if token.refreshable(chrono::Utc::now()) {
        token.registration_expires_at()
    } else {
        token.expires_at()
    };
    end.map(|t| t.timestamp())
}

/// `cred` with the source the request actually used, so that a refresh, made after this
/// assume replaced the environment, acquires the same identity: a profile taken from
/// AWS_PROFILE is kept as `--profile` (unless keys beside it were the source).
fn kept_source(cred: &CredArgs, request: &Request) -> CredArgs {
    let mut kept = cred.clone();
    if kept.source.profile.is_none() && !request.uses_environment_keys() {
        kept.source.profile = request.profile().map(str::to_string);
    }
    kept
}

/// A short name for prompts: the profile; else `<account>-<role>` for an Identity Center
/// role or the last hop (account names from the discovery index when known); else
/// `fallback` (the source profile, or the key id). Inert: every prompt prints it, and a
/// profile or portal name may hold anything.
fn display_name(
    cred: &CredArgs,
    last_role: Option<&RoleArn>,
    profile: Option<&str>,
    fallback: &str,
    env: &Env,
) -> String {
    let name = match (profile, named_role(cred, last_role)) {
        (Some(p), _) => p.to_string(),
        (None, Some((account, role))) => {
            let name = index::account_name(env, &account).unwrap_or(account);
            format!("{name}-{role}")
        }
        (None, None) => fallback.to_string(),
    };
    inert::for_terminal(&name, inert::SERVER_MAX).into_owned()
}

/// The account and role an identity is named after: the last hop's, else the Identity
/// Center role's.
fn named_role(cred: &CredArgs, last_role: Option<&RoleArn>) -> Option<(String, String)> {
    match (
        last_role,
        &cred.sso_role.sso_acct_id,
        &cred.sso_role.sso_role_name,
    ) {
        (Some(arn), _, _) => Some((arn.account.clone(), arn.name.clone())),
        (None, Some(a), Some(r)) => Some((a.clone(), r.clone())),
        _ => None,
    }
}

pub async fn refresh(args: &RefreshArgs, env: &Env) -> Result<()> {
    let shell = calling_shell(env, "refresh")?;
    let stored = env
        .get("AWS_LOGIN_ASSUME")
        .ok_or_else(|| anyhow!("nothing to refresh: run awsl assume first"))?;
    let damaged = || anyhow!("AWS_LOGIN_ASSUME is damaged: run awsl assume again");
    let raw = match serde_json::from_str(stored).map_err(|_| damaged())? {
        Stored::Args(raw) => raw,
        Stored::NotKept { not_kept, sign_in } => {
            return Err(anyhow!(not_kept.message(sign_in.as_deref())));
        }
    };
    let assume = replay::parse_assume(raw).map_err(|e| {
        anyhow!(
            "the stored assume arguments no longer parse ({}): run awsl assume again",
            e.kind()
        )
    })?;
    let cred = with_profile(&assume);
    // What an older aws-login stored may hold a token: never replay one.
    replay::replay_args(&cred)
        .map_err(|not_kept| anyhow!(not_kept.message(replay::sign_in_command(&cred).as_deref())))?;
    if args.quiet && cred.transitions.mfa_serial.is_some() {
        return Err(anyhow!("this identity needs an MFA code: run awsl refresh"));
    }
    // Cache and refresh tokens only: never a browser.
    let mut opts = pipeline::Options::from(cred.clone());
    opts.sso.cached_only();
    // A refresh is asked for new credentials: the session cache is not read (what it
    // gets is stored). An entry near its expiry would be a miss anyway.
    opts.fresh = true;
    let (text, _) = assume_script(shell, &cred, opts, env).await?;
    output::print(&text)
}

pub async fn unassume(args: &UnassumeArgs, env: &Env) -> Result<()> {
    let shell = calling_shell(env, "unassume")?;
    if args.logout {
        match assumed_sso_session(env).await {
            Some(which) => super::logout::logout(&which, env).await?,
            None => eprintln!(
                "aws-login: the identity in this shell came from no Identity Center session: nothing to sign out of"
            ),
        }
    }
    let vars: Vec<(&str, Option<String>)> = ASSUME_VARS
        .into_iter()
        .chain(region::exported_leftovers(env))
        .map(|v| (v, None))
        .collect();
    let text = shell.marked_script(&vars).map_err(|e| anyhow!(e))?;
    output::print(&text)
}

/// The Identity Center session the last `awsl assume` used (from AWS_LOGIN_ASSUME): its
/// sso-session name or start URL, or those of its profile.
async fn assumed_sso_session(env: &Env) -> Option<super::logout::Which> {
    use super::logout::Which;
    let Stored::Args(raw) = serde_json::from_str(env.get("AWS_LOGIN_ASSUME")?).ok()? else {
        return None;
    };
    let cred = with_profile(&replay::parse_assume(raw).ok()?);
    if let Some(name) = cred.sso.sso_session_name {
        return Some(Which::Name(name));
    }
    if let Some(url) = cred.sso.start_url {
        return Some(Which::StartUrl(url));
    }
    let profiles = crate::profiles::load(env).await.ok()?;
    let link = crate::profiles::sso_link(&profiles, cred.source.profile.as_deref())?;
    match (link.session, link.start_url) {
        (Some(name), _) => Some(Which::Name(name)),
        (None, Some(url)) => Some(Which::StartUrl(url)),
        (None, None) => None,
    }
}
