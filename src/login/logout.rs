//! Signing out of console sessions (`logout --profile`, `logout --all`): the session's
//! file is removed from the AWS CLI's login cache, as `aws logout` does. Sign-In has no
//! call that ends the session; credentials already handed out work until they expire
//! (15 minutes at most).

use std::path::Path;

use anyhow::Result;

use super::cache;
use crate::env::Env;
use crate::inert::echo;
use crate::lock::Locks;

const STILL_VALID: &str =
    "credentials already handed out work until they expire (15 minutes at most)";

/// Sign out of the session profile `profile` names.
pub async fn profile(profile: &str, env: &Env) -> Result<()> {
    let set = crate::profiles::load(env).await?;
    let Some(session) = set
        .get_profile(profile)
        .and_then(|p| p.get("login_session"))
    else {
        eprintln!(
            "aws-login: profile '{}' names no console session (login_session): nothing to sign out of",
            echo(profile)
        );
        return Ok(());
    };
    let path = cache::path(&cache::dir(env)?, session.trim());
    remove(&path, env)?;
    eprintln!(
        "aws-login: signed out of the console session {} (profile '{}'); {STILL_VALID}",
        echo(session),
        echo(profile)
    );
    Ok(())
}

/// Sign out of every console session in the login cache.
pub fn all(env: &Env) -> Result<()> {
    let dir = cache::dir(env)?;
    let mut removed = 0;
    for path in crate::fsutil::json_files(&dir) {
        // Only the files of sessions: the CLI's own sweep keeps anything else there.
        let is_session = crate::fsutil::read_private(
            &path,
            crate::fsutil::SMALL_FILE,
            "the login session cache",
        )
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .is_some_and(|v| v["accessToken"]["accessKeyId"].is_string());
        if is_session {
            remove(&path, env)?;
            removed += 1;
        }
    }
    if removed > 0 {
        eprintln!("aws-login: signed out of {removed} console session(s); {STILL_VALID}");
    }
    Ok(())
}

fn remove(path: &Path, env: &Env) -> Result<()> {
    let _lock = Locks::new(env)?.lock(path)?;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(anyhow::anyhow!(
            "cannot remove {}: {}",
            path.display(),
            crate::fsutil::io_reason(&e)
        )),
        _ => Ok(()),
    }
}
