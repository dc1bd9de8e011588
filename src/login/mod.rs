//! Console sessions as a source: a profile with `login_session = <ARN>` (the AWS CLI's
//! `aws login`, CLI 2.32+). The cache file holds SigV4 credentials that live 15 minutes
//! and a refresh token bound to a P-256 key; aws-login refreshes when under 5 minutes
//! are left.
//!
//! aws-config has a provider for these profiles, but aws-login refreshes them itself:
//! the refresh token rotates, and aws-config writes the new one in place (not atomically)
//! and only logs a failed write, while two processes refreshing at once each spend the
//! token the other relies on. Here the refresh happens under the cache file's lock, after
//! reading the file again, and the new token is written atomically before the
//! credentials are used: N concurrent runs make one refresh and the session survives.

pub mod cache;
pub mod config;
mod dpop;
pub mod logout;
pub mod signin;
mod token;

use anyhow::{Result, anyhow};
use chrono::{Duration, Utc};
use serde_json::json;

use crate::creds::Creds;
use crate::env::Env;
use crate::inert::echo;
use crate::lock::Locks;

/// Refresh when fewer than this many seconds are left (the AWS CLI's and the SDKs' rule).
const REFRESH_MARGIN_SECS: i64 = 5 * 60;

/// The credentials of login session `session` (named by `profile`), refreshed if needed.
pub async fn credentials(session: &str, profile: &str, region: &str, env: &Env) -> Result<Creds> {
    let again = format!(
        "sign in again with aws-login login --profile {}",
        echo(profile)
    );
    let dir = cache::dir(env)?;
    let path = cache::path(&dir, session);
    let missing = || {
        anyhow!(
            "profile '{}' has login_session {}, but there is no sign-in for it in {}: {again}",
            echo(profile),
            echo(session),
            dir.display()
        )
    };
    let fresh =
        |e: &cache::Entry| e.expires_at - Duration::seconds(REFRESH_MARGIN_SECS) > Utc::now();
    let entry = cache::read(&path)?.ok_or_else(missing)?;
    if fresh(&entry) {
        return Ok(entry.creds);
    }
    // The refresh token rotates: a refresh whose result cannot be stored would end the
    // session for every other user of the file, so no lock means no refresh.
    let lock = Locks::new(env)?.lock(&path).map_err(|e| {
        anyhow!(
            "the sign-in of profile '{}' needs a refresh, which must be stored: {e}",
            echo(profile)
        )
    })?;
    // Another process may have refreshed while this one waited for the lock.
    let mut entry = cache::read(&path)?.ok_or_else(missing)?;
    if fresh(&entry) {
        return Ok(entry.creds);
    }
    // The same for a directory the new token could not be written to (a read-only HOME):
    // an unnamed temp file, gone on close, is the cheapest true test of a write.
    tempfile::tempfile_in(&dir).map_err(|e| {
        anyhow!(
            "the sign-in of profile '{}' needs a refresh, but {} is not writable ({}), so the rotated token could not be kept: make it writable, or {again}",
            echo(profile),
            dir.display(),
            crate::fsutil::io_reason(&e)
        )
    })?;
    tracing::debug!(session = %echo(session), "refreshing the login session");
    let key = dpop::Key::from_pem(&entry.dpop_key).map_err(|e| {
        anyhow!(
            "the login session cache {} is damaged ({e}): {again}",
            path.display()
        )
    })?;
    let body = json!({
        "clientId": entry.client_id,
        "grantType": "refresh_token",
        "refreshToken": entry.refresh_token,
    });
    let out = token::call(&token::endpoint(region, env), &key, &body, &again).await?;
    entry.renew(out.creds, out.refresh_token);
    entry.write(&path, &lock).map_err(|e| {
        anyhow!("the sign-in was refreshed but cannot be stored, so it is lost: {e}; {again}")
    })?;
    Ok(entry.creds)
}
