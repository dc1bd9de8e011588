//! aws-login's session cache: reuse across processes, its key, its files, concurrency,
//! the lifecycle commands (`cache list|clear`, `logout`) and the aws CLI calling it.

mod concurrency;
mod hygiene;
mod interop;
mod lifecycle;
mod reuse;
mod signout;

use std::path::PathBuf;

use crate::harness::*;

/// dumpcreds --credential-helper through two hops from alice's environment keys.
pub const HELPER: [&str; 4] = [
    "dumpcreds",
    "--credential-helper",
    "--assume-roles",
    "arn:aws:iam::222222222222:role/Deploy,arn:aws:iam::333333333333:role/team/Audit",
];

/// How many times the emulator saw `action` on STS.
pub fn sts_count(w: &World, action: &str) -> usize {
    w.sts_actions().iter().filter(|a| *a == action).count()
}

/// The session cache directory when XDG_CACHE_HOME is unset.
pub fn sessions_dir(w: &World) -> PathBuf {
    w.home().join(".cache/aws-login/sessions")
}

/// The entry files in the session cache.
pub fn entries(w: &World) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(sessions_dir(w))
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "json"));
    v.sort();
    v
}

/// The one entry file there is.
pub fn only_entry(w: &World) -> PathBuf {
    let e = entries(w);
    assert_eq!(e.len(), 1, "one entry expected: {e:?}");
    e[0].clone()
}
