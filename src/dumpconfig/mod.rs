//! dumpconfig: every Identity Center account and role as `~/.aws/config` profiles.

mod ini;
mod outside;
mod portal;
mod render;
mod targets;
mod write;

use anyhow::{Result, anyhow};

use crate::aws::base_config;
use crate::cli::DumpconfigArgs;
use crate::env::Env;
use crate::error::bail_usage;
use crate::output;
use crate::sso::discovery::{Failure, discover};
use crate::sso::options::TokenSource;
use crate::sso::{self, index};
use crate::transition::DEFAULT_SESSION_NAME;
use crate::validate;

pub async fn run(args: &DumpconfigArgs, env: &Env) -> Result<()> {
    // Everything the command line and config alone can tell, before any network call or output.
    let mut opts = sso::options::resolve(args.sso.clone().into(), env).await?;
    opts.hint_command = vec!["dumpconfig".to_string()];
    let sso = &opts;
    if !sso.has_token_source() {
        bail_usage!(
            "dumpconfig needs an SSO token: add --start-url (or --sso-session-name of an [sso-session] in the config), --sso-access-token, --accesstoken-cache or --use-cache"
        );
    }
    if matches!(sso.token, Some(TokenSource::Given(_))) && sso.start_url.is_none() {
        bail_usage!(
            "--sso-access-token carries no start URL for the sso-session block: add --start-url"
        );
    }
    if let Some(name) = &sso.session_name {
        validate::config_name("--sso-session-name", name)?;
    }
    if let Some(r) = &args.region {
        validate::region("--region", r)?;
    }
    let role_session_name = args
        .role_session_name
        .as_deref()
        .unwrap_or(DEFAULT_SESSION_NAME);
    validate::session_name("--role-session-name", role_session_name, 64)?;
    render::check_format(&args.name_format)?;
    let targets = match &args.target_arn_profiles {
        Some(raw) => targets::parse(raw)?,
        None => Vec::new(),
    };
    let write_path = match args.write.as_deref() {
        None => None,
        Some("") => Some(write::default_path(env)?),
        Some(p) => Some(std::path::PathBuf::from(p)),
    };
    if let Some(path) = &write_path {
        write::check_target(path)?;
    }
    let write_path = write_path.map(|p| write::resolve(&p)).transpose()?;

    let sdk = base_config(
        sso.region.as_deref().unwrap_or(sso::DEFAULT_REGION),
        None,
        env,
    )
    .await?;
    let mut session = sso::Session::open(&opts, &sdk, env).await?;
    let start_url = session.start_url().map(str::to_string).ok_or_else(|| {
        anyhow!("the token carries no start URL for the sso-session block: add --start-url")
    })?;
    let session_name = sso
        .session_name
        .clone()
        .unwrap_or_else(|| default_session_name(&start_url));
    let mut warnings = Vec::new();
    let accounts = loop {
        match discover(
            &sdk,
            &session.region,
            session.token.access_token(),
            usize::from(args.concurrency),
        )
        .await
        {
            Ok(accounts) => break accounts,
            Err(Failure::Unauthorized) => session.recover().await?,
            Err(Failure::Other(e)) => return Err(e),
        }
    };
    let accounts = portal::check(accounts, &mut warnings)?;
    if let Some(key) = session.index_key()
        && let Err(e) = index::record_discovery(env, &key, Some(&start_url), &accounts)
    {
        eprintln!(
            "aws-login: warning: cannot update the discovery index used by completion: {e:#}"
        );
    }

    let profiles = render::name_profiles(&accounts, &args.name_format, &mut warnings)?;
    let target_names = render::target_profiles(&targets, &profiles, &mut warnings)?;
    let scopes = opts.scopes.join(",");
    let text = |with_session: bool| {
        render::render(
            &render::Rendered {
                session: &session_name,
                with_session,
                sso_region: &session.region,
                start_url: &start_url,
                scopes: &scopes,
                region: args.region.as_deref(),
                role_session_name,
            },
            &profiles,
            &targets,
            &target_names,
        )
    };
    // Rendered once before any output, so that a value the INI cannot hold stops the
    // command before a warning, a line or a file is written.
    let full = text(true)?;
    for w in &warnings {
        // Warnings quote portal account and role names.
        eprintln!(
            "aws-login: warning: {}",
            crate::inert::for_terminal(w, crate::inert::LINE_MAX)
        );
    }
    let Some(path) = write_path else {
        return output::print(&full);
    };
    let names: Vec<String> = profiles
        .iter()
        .map(|p| p.name.clone())
        .chain(target_names.iter().map(|(n, _)| n.clone()))
        .collect();
    let sso_session = outside::Session {
        name: &session_name,
        start_url: &start_url,
        region: &session.region,
    };
    match write::apply(env, &path, &sso_session, text, &names)? {
        None => eprintln!(
            "aws-login: {} is up to date ({} profiles)",
            path.display(),
            names.len()
        ),
        Some(backup) => eprintln!(
            "aws-login: wrote {} profiles to {}{}",
            names.len(),
            path.display(),
            backup
                .map(|b| format!(" (previous version: {})", b.display()))
                .unwrap_or_default()
        ),
    }
    Ok(())
}

/// An sso-session name from the start URL's host (`https://my-org.awsapps.com/start` →
/// `my-org`), when `--sso-session-name` is not given.
fn default_session_name(start_url: &str) -> String {
    let host = url::Url::parse(start_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let first = host.split('.').next().unwrap_or_default();
    let mut name = render::sanitize(first);
    name.truncate(64);
    if name.is_empty() {
        "aws-login".to_string()
    } else {
        name
    }
}
