//! The discovery index: per Identity Center session, the accounts (id, name) and roles
//! this user has, kept in aws-login's state directory for shell completion. One small
//! file per session, so reading it is cheap. Written by `dumpconfig` (everything it
//! discovered) and by every successful GetRoleCredentials (that pair).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::discovery::Account;
use crate::env::Env;
use crate::fsutil;
use crate::fsutil::hex;
use crate::inert;
use crate::paths::state_dir;

#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Index {
    pub start_url: Option<String>,
    /// The sso-session the index was written under, when it has one (else the start URL
    /// keys it): the picker passes it on as `--sso-session-name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_name: Option<String>,
    pub updated_at: String,
    pub accounts: BTreeMap<String, IndexedAccount>,
}

#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct IndexedAccount {
    pub name: Option<String>,
    pub roles: Vec<String>,
}

/// The index file of a session (keyed like the token cache: session name, else start URL).
pub fn path(env: &Env, key: &str) -> Option<PathBuf> {
    Some(
        state_dir(env)?
            .join("sso-index")
            .join(format!("{}.json", hex(&Sha1::digest(key.as_bytes())))),
    )
}

fn update(
    env: &Env,
    key: &str,
    start_url: Option<&str>,
    change: impl FnOnce(&mut Index),
) -> Result<()> {
    let path = path(env, key).context("cannot find a state directory: set HOME")?;
    fsutil::private_dir(path.parent().expect("the index lives in a directory"))?;
    let lock = crate::lock::lock(env, &path)?;
    // A file that cannot be read safely (a FIFO, an oversized one) is replaced, as a
    // corrupt one is: the index is a cache of what discovery finds.
    let mut index: Index = fsutil::read_private(&path, fsutil::LARGE_FILE, "")
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    if let Some(url) = start_url {
        index.start_url = Some(url.to_string());
    }
    // The key is the session name, else the start URL (a URL is no config name).
    if start_url != Some(key) && crate::validate::is_config_name(key) && !key.contains("://") {
        index.session_name = Some(key.to_string());
    }
    change(&mut index);
    index.updated_at = crate::time::format(chrono::Utc::now());
    let mut text = serde_json::to_string(&index)?;
    text.push('\n');
    fsutil::write_atomic(&path, &text, 0o600, &lock)
}

/// Replace the session's index with what a full discovery found.
pub fn record_discovery(
    env: &Env,
    key: &str,
    start_url: Option<&str>,
    accounts: &[Account],
) -> Result<()> {
    update(env, key, start_url, |index| {
        index.accounts = accounts
            .iter()
            .map(|a| {
                let mut roles = a.roles.clone();
                roles.sort();
                (
                    a.id.clone(),
                    IndexedAccount {
                        // Names are the portal's free text, shown at every prompt: kept
                        // inert so no reader can print a raw escape or line break.
                        name: Some(inert::server(&a.name).into_owned()),
                        roles,
                    },
                )
            })
            .collect();
    })
}

/// Add one account/role pair that worked.
pub fn record_role(
    env: &Env,
    key: &str,
    start_url: Option<&str>,
    account: &str,
    role: &str,
) -> Result<()> {
    update(env, key, start_url, |index| {
        let entry = index.accounts.entry(account.to_string()).or_default();
        if !entry.roles.iter().any(|r| r == role) {
            entry.roles.push(role.to_string());
            entry.roles.sort();
        }
    })
}

/// Every index file there is (one per session); any that cannot be read safely (a FIFO,
/// an oversized file) is passed over, as completion must answer whatever is there.
pub fn all(env: &Env) -> Vec<Index> {
    let Some(dir) = state_dir(env).map(|d| d.join("sso-index")) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| {
            let text = fsutil::read_private(&e.path(), fsutil::LARGE_FILE, "").ok()??;
            serde_json::from_str(&text).ok()
        })
        .collect()
}

/// An account's name, if any session's index knows it; inert, even from an index that an
/// older version or a hand wrote.
pub fn account_name(env: &Env, account: &str) -> Option<String> {
    all(env).into_iter().find_map(|i| {
        let name = i.accounts.get(account)?.name.as_deref()?;
        Some(inert::server(name).into_owned())
    })
}
