//! The shared config and credentials files, read once per run.

use std::path::PathBuf;

use anyhow::{Context, Result};
use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env as SdkEnv, Fs};

use crate::env::Env;
use crate::error::usage;

/// The config file: `AWS_CONFIG_FILE`, else `~/.aws/config` (the SDKs' rule).
pub fn config_file(env: &Env) -> Option<PathBuf> {
    env.get("AWS_CONFIG_FILE")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from(env.get("HOME")?).join(".aws/config")))
}

/// The credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn credentials_file(env: &Env) -> Option<PathBuf> {
    env.get("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from(env.get("HOME")?).join(".aws/credentials")))
}

/// Parse `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` (or the ~/.aws defaults).
pub async fn load() -> Result<ProfileSet> {
    aws_config::profile::load(
        &Fs::real(),
        &SdkEnv::real(),
        &EnvConfigFiles::default(),
        None,
    )
    .await
    .context("cannot parse the AWS config or credentials file: fix the line it names")
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
        let known: Vec<&str> = profiles.profiles().collect();
        let hint = if known.is_empty() {
            "no profiles are defined (check AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE)"
                .to_string()
        } else {
            format!("known profiles: {}", first_few(&known))
        };
        return Err(usage(format!(
            "profile '{}' ({origin}) not found in the AWS config or credentials file; {hint}",
            crate::inert::echo(name)
        )));
    }
    Ok(Some(name))
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
