//! The shared config and credentials files, read once per run.
//!
//! aws-config reads these files itself when left to, with no size or type limit: a FIFO
//! there blocks it forever and `/dev/zero` grows its memory without end. So aws-login
//! reads them once, bounded ([`files`]), parses those bytes, and hands the same bytes to
//! the SDK's loaders, so what was checked is what is used. The SDK's few providers that
//! take no file set (web identity, containers) find the files already vetted.

use std::sync::OnceLock;

use anyhow::{Context, Result};
use aws_config::profile::{Profile, ProfileSet};
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_runtime::env_config::property::PropertiesKey;
use aws_types::os_shim_internal::{Env as SdkEnv, Fs};

use crate::env::Env;
use crate::error::usage;
use crate::fsutil;
use crate::paths::{
    CONFIG_VAR, CREDENTIALS_VAR, ENDPOINT_VAR, SERVICE_ENDPOINTS, config_file, credentials_file,
};

/// The config and credentials files as read once: refused when not a regular file or
/// larger than 16 MiB; a missing one reads as empty, which is what it is to the SDK. A
/// failure is not kept, so it is met again.
pub fn files(env: &Env) -> Result<EnvConfigFiles> {
    static READ: OnceLock<EnvConfigFiles> = OnceLock::new();
    if let Some(files) = READ.get() {
        return Ok(files.clone());
    }
    let mut files = EnvConfigFiles::builder();
    for (kind, path, var, name) in [
        (
            EnvConfigFileKind::Config,
            config_file(env),
            CONFIG_VAR,
            "the config file",
        ),
        (
            EnvConfigFileKind::Credentials,
            credentials_file(env),
            CREDENTIALS_VAR,
            "the credentials file",
        ),
    ] {
        let what = if env.get(var).is_some() { var } else { name };
        let contents = match path {
            Some(path) => fsutil::read_bounded(&path, fsutil::LARGE_FILE, what)?,
            None => None,
        };
        files = files.with_contents(kind, contents.unwrap_or_default());
    }
    Ok(READ.get_or_init(|| files.build()).clone())
}

/// The profile and those it reaches through `source_profile`, each once.
pub fn chain<'a>(profiles: &'a ProfileSet, name: Option<&'a str>) -> Vec<&'a Profile> {
    let mut seen: Vec<&Profile> = Vec::new();
    let mut next = Some(name.unwrap_or("default"));
    while let Some(profile) = next.and_then(|n| profiles.get_profile(n)) {
        if seen.iter().any(|p| p.name() == profile.name()) {
            break;
        }
        seen.push(profile);
        next = profile.get("source_profile");
    }
    seen
}

/// A profile whose credentials come from an IAM Identity Center token, as the SDK reads it.
#[derive(Clone)]
pub struct SsoLink {
    pub profile: String,
    /// `sso_session` (the token cache key), else a legacy profile's own settings.
    pub session: Option<String>,
    pub start_url: Option<String>,
    pub region: Option<String>,
    pub account: Option<String>,
    pub role: Option<String>,
}

/// The first profile along `name`'s `source_profile` chain that takes an SSO token.
pub fn sso_link(profiles: &ProfileSet, name: Option<&str>) -> Option<SsoLink> {
    let profile = chain(profiles, name)
        .into_iter()
        .find(|p| p.get("sso_session").is_some() || p.get("sso_start_url").is_some())?;
    let get = |k: &str| profile.get(k).map(str::to_string);
    Some(SsoLink {
        profile: profile.name().to_string(),
        session: get("sso_session"),
        start_url: get("sso_start_url"),
        region: get("sso_region"),
        account: get("sso_account_id"),
        role: get("sso_role_name"),
    })
}

/// A `source_profile` that names no profile: the SDK reports it only as "no credentials".
pub fn check_source_profiles(profiles: &ProfileSet, name: Option<&str>) -> Result<()> {
    let Some(last) = chain(profiles, name).pop() else {
        return Ok(());
    };
    match last.get("source_profile") {
        Some(missing) if profiles.get_profile(missing).is_none() => Err(usage(format!(
            "profile '{}' has source_profile = {}, which is not defined: add that profile or fix source_profile",
            crate::inert::echo(last.name()),
            crate::inert::echo(missing)
        ))),
        _ => Ok(()),
    }
}

/// Parse the files [`files`] read, once per process: the request, the SDK configuration,
/// `[sso-session]` sections and the display name all read the same files, and each parse
/// costs a start-up path that is measured against the wire (scripts/bench).
pub async fn load(env: &Env) -> Result<ProfileSet> {
    static LOADED: tokio::sync::OnceCell<ProfileSet> = tokio::sync::OnceCell::const_new();
    LOADED
        .get_or_try_init(|| async {
            aws_config::profile::load(&Fs::real(), &SdkEnv::real(), &files(env)?, None)
                .await
                .context("cannot parse the AWS config or credentials file: fix the line it names")
        })
        .await
        .cloned()
}

/// The endpoint URLs the config file gives the services aws-login calls (the profile's
/// `endpoint_url`, and `sts`, `sso`, `sso_oidc` in its `[services]` section), checked as
/// the variables are: the SDK would find out only when sending, and blame the network.
/// Only those the SDK would use: not for a service a variable points elsewhere, nor when
/// it is told to ignore them (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`, else the profile's
/// `ignore_configured_endpoint_urls`).
pub fn check_endpoints(profiles: &ProfileSet, name: &str, env: &Env) -> Result<()> {
    let Some(profile) = profiles.get_profile(name) else {
        return Ok(());
    };
    let ignore = env
        .get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .or_else(|| profile.get("ignore_configured_endpoint_urls"));
    if ignore.is_some_and(|v| v.eq_ignore_ascii_case("true")) || env.raw(ENDPOINT_VAR).is_some() {
        return Ok(());
    }
    let file = config_file(env).map_or_else(
        || "the config file".to_string(),
        |p| p.display().to_string(),
    );
    let used: Vec<&str> = SERVICE_ENDPOINTS
        .iter()
        .filter(|(_, var)| env.raw(var).is_none())
        .map(|(service, _)| *service)
        .collect();
    if used.is_empty() {
        return Ok(());
    }
    if let Some(url) = profile.get("endpoint_url") {
        let what = format!(
            "endpoint_url of profile '{}' in {file}",
            crate::inert::echo(name)
        );
        crate::validate::endpoint_url(&what, url)?;
    }
    let Some(section) = profile.get("services") else {
        return Ok(());
    };
    for service in used {
        let key = PropertiesKey::builder()
            .section_key("services")
            .section_name(section)
            .property_name(service)
            .sub_property_name("endpoint_url")
            .build()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if let Some(url) = profiles.other_sections().get(&key) {
            let what = format!(
                "{service}.endpoint_url of [services {}] in {file}",
                crate::inert::echo(section)
            );
            crate::validate::endpoint_url(&what, url)?;
        }
    }
    Ok(())
}

/// Of the profile [`selected`] chose, the one whose settings start the run: `--profile`
/// (`explicit`), or AWS_PROFILE where no environment keys come before it (botocore).
pub fn source<'a>(selected: Option<&'a str>, explicit: bool, env: &Env) -> Option<&'a str> {
    selected.filter(|_| explicit || env.get("AWS_ACCESS_KEY_ID").is_none())
}

/// The profile the run uses (`--profile`, else `AWS_PROFILE`), checked to exist.
/// `None` means "the default chain with the default profile, if any".
pub fn selected<'a>(
    profiles: &ProfileSet,
    cli: Option<&'a str>,
    env: &'a Env,
) -> Result<Option<&'a str>> {
    let (name, origin) = match (cli, env.get("AWS_PROFILE")) {
        (Some(name), _) => (name, "--profile"),
        (None, Some(name)) => (name, "AWS_PROFILE"),
        (None, None) => return Ok(None),
    };
    if profiles.get_profile(name).is_none() {
        // Environment keys come before AWS_PROFILE in the chain, so a stale AWS_PROFILE
        // beside them changes nothing: ignore it rather than fail.
        if origin == "AWS_PROFILE" && env.get("AWS_ACCESS_KEY_ID").is_some() {
            tracing::debug!(
                profile = name,
                "ignoring AWS_PROFILE: not defined, and environment keys are set"
            );
            return Ok(None);
        }
        exists(profiles, name, origin)?;
    }
    Ok(Some(name))
}

/// A usage error unless `name` is a profile; `origin` says where the name came from.
pub fn exists(profiles: &ProfileSet, name: &str, origin: &str) -> Result<()> {
    if profiles.get_profile(name).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = profiles.profiles().collect();
    let hint = if known.is_empty() {
        "no profiles are defined (check AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE)".to_string()
    } else {
        format!("known profiles: {}", first_few(&known))
    };
    Err(usage(format!(
        "profile '{}' ({origin}) not found in the AWS config or credentials file; {hint}",
        crate::inert::echo(name)
    )))
}

fn first_few(names: &[&str]) -> String {
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    let mut s = sorted
        .iter()
        .take(8)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if sorted.len() > 8 {
        s.push_str(&format!(", … ({} in all)", sorted.len()));
    }
    s
}

/// The profile's own `region`, if it has one.
pub fn region<'a>(profiles: &'a ProfileSet, name: Option<&str>) -> Option<&'a str> {
    let name = name.unwrap_or("default");
    profiles
        .get_profile(name)?
        .get("region")
        .filter(|r| !r.is_empty())
}
