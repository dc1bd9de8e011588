//! What this user assumed through `awsl assume`: the role ARNs, offered by
//! `--assume-roles` completion (newest last, at most 200), and the assumes themselves as
//! replayable options, offered first by the picker (newest first, at most 100). Small
//! files in the state directory, 0600.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::env::Env;
use crate::fsutil;
use crate::paths::state_dir;

const KEEP: usize = 200;

pub fn path(env: &Env) -> Option<PathBuf> {
    Some(state_dir(env)?.join("assumed-roles"))
}

pub fn roles(env: &Env) -> Vec<String> {
    path(env)
        .and_then(|p| fsutil::read_private(&p, fsutil::SMALL_FILE, "the assume history").ok()?)
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

/// Best effort: completion is a convenience, never a reason to fail an assume.
pub fn record_roles(env: &Env, arns: &[String]) {
    if arns.is_empty() {
        return;
    }
    let result = (|| -> anyhow::Result<()> {
        let path = path(env).ok_or_else(|| anyhow::anyhow!("no state directory"))?;
        fsutil::private_dir(path.parent().expect("in a directory"))?;
        let lock = crate::lock::lock(env, &path)?;
        let mut list: Vec<String> = roles(env)
            .into_iter()
            .filter(|r| !arns.contains(r))
            .collect();
        list.extend(arns.iter().cloned());
        let start = list.len().saturating_sub(KEEP);
        let mut text = list[start..].join("\n");
        text.push('\n');
        fsutil::write_atomic(&path, &text, 0o600, &lock)
    })();
    if let Err(e) = result {
        tracing::debug!("cannot record assumed roles: {e:#}");
    }
}

/// Recent assumes kept for the picker.
const KEEP_RECENT: usize = 100;

/// One past `awsl assume`: its display name and the options that replay it. The options
/// are what AWS_LOGIN_ASSUME holds (see cmd/replay.rs): never a token, code or password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    pub name: String,
    pub args: Vec<String>,
}

pub fn recent_path(env: &Env) -> Option<PathBuf> {
    Some(state_dir(env)?.join("recent-assumes"))
}

/// Past assumes, most recent first; lines that do not parse are passed over.
pub fn recent(env: &Env) -> Vec<Recent> {
    recent_path(env)
        .and_then(|p| fsutil::read_private(&p, fsutil::SMALL_FILE, "").ok()?)
        .map(|t| {
            t.lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Best effort, like [`record_roles`]: put `entry` first, drop its older copies, keep the
/// newest [`KEEP_RECENT`].
pub fn record_recent(env: &Env, entry: Recent) {
    let result = (|| -> anyhow::Result<()> {
        let path = recent_path(env).ok_or_else(|| anyhow::anyhow!("no state directory"))?;
        fsutil::private_dir(path.parent().expect("in a directory"))?;
        let lock = crate::lock::lock(env, &path)?;
        let older: Vec<Recent> = recent(env)
            .into_iter()
            .filter(|r| r.args != entry.args)
            .collect();
        let list = std::iter::once(entry).chain(older).collect::<Vec<_>>();
        let mut text = String::new();
        for r in list.iter().take(KEEP_RECENT) {
            text.push_str(&serde_json::to_string(&r)?);
            text.push('\n');
        }
        fsutil::write_atomic(&path, &text, 0o600, &lock)
    })();
    if let Err(e) = result {
        tracing::debug!("cannot record the assume: {e:#}");
    }
}
