//! Role ARNs this user has assumed through `awsl assume`, offered by `--assume-roles`
//! completion. One small file in the state directory; newest last, at most 200.

use std::path::PathBuf;

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
