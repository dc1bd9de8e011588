//! Dynamic completion candidates. Local files only (the config and credentials files, the
//! SSO cache, the discovery index, the assume history), never the network, and read with
//! plain line scans so that thousands of profiles answer in a few milliseconds.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::CompletionCandidate;

use super::history;
use crate::env::Env;
use crate::fsutil;
use crate::source::profiles::{config_file, credentials_file};
use crate::sso::index;

fn prefix(current: &OsStr) -> String {
    current.to_string_lossy().into_owned()
}

fn home(env: &Env) -> Option<PathBuf> {
    env.get("HOME").map(PathBuf::from)
}

/// A config or credentials file's text; nothing when it cannot be read safely (a FIFO
/// would block the shell's Tab, `/dev/zero` would never end).
fn read(path: Option<PathBuf>) -> String {
    path.and_then(|p| fsutil::read_bounded(&p, fsutil::LARGE_FILE, "").ok()?)
        .unwrap_or_default()
}

/// Section names: `[profile X]` and `[default]` in the config file, `[X]` in credentials.
fn sections(text: &str, credentials: bool) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(move |l| {
        let inner = l.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
        if credentials {
            return Some(("profile", inner));
        }
        match inner.split_once(char::is_whitespace) {
            Some((kind, name)) => Some((kind, name.trim())),
            None => Some(("profile", inner)).filter(|_| inner == "default"),
        }
    })
}

/// `key = value` lines of the config file for `key`.
fn values<'a>(text: &'a str, key: &'a str) -> impl Iterator<Item = &'a str> {
    text.lines().filter_map(move |l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key)
            .then(|| v.trim())
            .filter(|v| !v.is_empty())
    })
}

fn matching(items: impl IntoIterator<Item = String>, current: &str) -> Vec<CompletionCandidate> {
    items
        .into_iter()
        .filter(|i| i.starts_with(current))
        .map(CompletionCandidate::new)
        .collect()
}

pub fn profiles(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env));
    let creds = read(credentials_file(&env));
    let names: BTreeSet<String> = sections(&config, false)
        .chain(sections(&creds, true))
        .filter(|(kind, _)| *kind == "profile")
        .map(|(_, n)| n.to_string())
        .collect();
    matching(names, &prefix(current))
}

pub fn sso_sessions(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env));
    let names: BTreeSet<String> = sections(&config, false)
        .filter(|(kind, _)| *kind == "sso-session")
        .map(|(_, n)| n.to_string())
        .collect();
    matching(names, &prefix(current))
}

pub fn start_urls(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env));
    let mut urls: BTreeSet<String> = values(&config, "sso_start_url")
        .map(str::to_string)
        .collect();
    urls.extend(index::all(&env).into_iter().filter_map(|i| i.start_url));
    if let Some(dir) = home(&env).map(|h| h.join(".aws/sso/cache"))
        && let Ok(entries) = std::fs::read_dir(dir)
    {
        for e in entries.filter_map(|e| e.ok()) {
            let url = fsutil::read_private(&e.path(), fsutil::SMALL_FILE, "")
                .ok()
                .flatten()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .and_then(|v| v["startUrl"].as_str().map(str::to_string));
            urls.extend(url);
        }
    }
    matching(urls, &prefix(current))
}

/// Account ids from the discovery index, with their names as descriptions.
pub fn accounts(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let current = prefix(current);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for index in index::all(&env) {
        for (id, account) in index.accounts {
            if id.starts_with(&current) && seen.insert(id.clone()) {
                out.push(CompletionCandidate::new(id).help(account.name.map(Into::into)));
            }
        }
    }
    out
}

/// Roles of the `--sso-acct-id` already on the command line, else every known role.
pub fn roles(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let args: Vec<String> = std::env::args().collect();
    let account = args
        .iter()
        .position(|a| a == "--sso-acct-id")
        .and_then(|i| args.get(i + 1).cloned())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--sso-acct-id=").map(str::to_string))
        });
    let mut names = BTreeSet::new();
    for index in index::all(&env) {
        for (id, a) in index.accounts {
            if account.as_ref().is_none_or(|want| *want == id) {
                names.extend(a.roles);
            }
        }
    }
    matching(names, &prefix(current))
}

/// Role ARNs from the config file and from past assumes. In a comma list, the last item
/// is completed and the ones before it are kept.
pub fn role_arns(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env));
    let mut arns: BTreeSet<String> = values(&config, "role_arn").map(str::to_string).collect();
    arns.extend(history::roles(&env));
    let current = prefix(current);
    let (head, last) = match current.rfind(',') {
        Some(i) => current.split_at(i + 1),
        None => ("", current.as_str()),
    };
    arns.into_iter()
        .filter(|a| a.starts_with(last))
        .map(|a| CompletionCandidate::new(format!("{head}{a}")))
        .collect()
}

const REGIONS: [&str; 36] = [
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
    "ap-southeast-7",
];

pub fn regions(current: &OsStr) -> Vec<CompletionCandidate> {
    let mut all: Vec<String> = REGIONS.iter().map(|r| r.to_string()).collect();
    all.sort();
    matching(all, &prefix(current))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_values_are_read_from_plain_lines() {
        let config = "[default]\nregion = x\n[profile dev]\nrole_arn = arn:aws:iam::1:role/A\n[sso-session corp]\nsso_start_url = https://s\n[services x]\n";
        let found: Vec<(&str, &str)> = sections(config, false).collect();
        assert_eq!(
            found,
            [
                ("profile", "default"),
                ("profile", "dev"),
                ("sso-session", "corp"),
                ("services", "x")
            ]
        );
        assert_eq!(
            values(config, "role_arn").collect::<Vec<_>>(),
            ["arn:aws:iam::1:role/A"]
        );
        assert_eq!(
            sections("[bob]\n", true).collect::<Vec<_>>(),
            [("profile", "bob")]
        );
    }
}
