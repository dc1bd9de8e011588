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
    /// The account and role the name was made of, if it was: the picker names the account
    /// from the discovery index, which may have learned its name since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Options that change how the credentials are got or where they are used, never whose
/// they are: assumes that differ only in these are one identity, kept and shown once.
const NOT_IDENTITY: [&str; 5] = [
    "--use-cache",
    "--refresh",
    "--duration-seconds",
    "--region",
    "--sso-region",
];

/// What tells one identity from another in replayable options (source, account, role,
/// hops and how they are taken): the options without [`NOT_IDENTITY`], in one order.
pub fn identity_key(args: &[String]) -> Vec<&str> {
    let mut key: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| {
            let name = a.split_once('=').map_or(*a, |(n, _)| n);
            !NOT_IDENTITY.contains(&name)
        })
        .collect();
    key.sort_unstable();
    key
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

/// Best effort, like [`record_roles`]: put `entry` first, drop the older assumes of the
/// same identity (see [`identity_key`]), keep the newest [`KEEP_RECENT`].
pub fn record_recent(env: &Env, entry: Recent) {
    let result = (|| -> anyhow::Result<()> {
        let path = recent_path(env).ok_or_else(|| anyhow::anyhow!("no state directory"))?;
        fsutil::private_dir(path.parent().expect("in a directory"))?;
        let lock = crate::lock::lock(env, &path)?;
        let key = identity_key(&entry.args);
        let older: Vec<Recent> = recent(env)
            .into_iter()
            .filter(|r| identity_key(&r.args) != key)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(args: &[&str]) -> Vec<String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        identity_key(&args)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn flags_that_do_not_change_the_identity_do_not_split_it() {
        let role = [
            "--sso-acct-id=111111111111",
            "--sso-role-name=Admin",
            "--sso-session-name=corp",
        ];
        let mut cached = role.to_vec();
        cached.extend(["--use-cache", "--refresh=force", "--region=eu-west-1"]);
        cached.reverse();
        assert_eq!(key(&role), key(&cached));
        // Another role, another hop or another way to take it is another identity.
        for other in [
            &[
                "--sso-acct-id=111111111111",
                "--sso-role-name=ReadOnly",
                "--sso-session-name=corp",
            ][..],
            &[
                "--sso-acct-id=111111111111",
                "--sso-role-name=Admin",
                "--sso-session-name=corp",
                "--assume-roles=arn:aws:iam::222222222222:role/Deploy",
            ],
            &["--profile=alice"],
            &["--profile=alice", "--get-session-token"],
        ] {
            assert_ne!(key(&role), key(other), "{other:?}");
        }
    }
}
