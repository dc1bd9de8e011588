//! Dynamic completion candidates. Local files only (the config and credentials files, the
//! SSO cache, the discovery index, the assume history), never the network, and read with
//! plain line scans so that thousands of profiles answer in a few milliseconds.
//!
//! Every file is hostile: a name is offered only when it is valid for its kind (the
//! profile names aws-login's config parser accepts, 12-digit account ids, IAM role names,
//! role ARNs that parse, https start URLs), and then quoted for the requesting shell
//! (see candidate.rs). Files are read only when regular and small.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::CompletionCandidate;

use super::candidate::{self, Requester};
use super::history;
use crate::arn::{RoleArn, is_account_id, is_role_name};
use crate::env::Env;
use crate::fsutil;
use crate::partition;
use crate::paths::{config_file, credentials_file};
use crate::sso::{cache, index};
use crate::validate::{self, is_config_name};

/// At most this many files of the SSO cache directory are read.
const MAX_FILES: usize = 1_000;

/// A config or credentials file's text; nothing when it cannot be read safely (a FIFO
/// would block the shell's Tab, `/dev/zero` would never end).
fn read(path: Option<PathBuf>) -> Option<String> {
    fsutil::read_bounded(&path?, fsutil::LARGE_FILE, "").ok()?
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

/// The requesting shell and what the user typed, unquoted.
fn request(current: &OsStr) -> (Requester, String) {
    let shell = Requester::get();
    (shell, shell.unquote_prefix(&current.to_string_lossy()))
}

/// One candidate, already quoted. Tagged here: clap_complete otherwise tags each one with
/// its argument's `Display`, formatted anew per candidate (a quarter of a 5,000-profile
/// request). Tags only group candidates in the answer, one argument's values at a time,
/// and no shell shows them, so one constant serves.
fn candidate(quoted: String) -> CompletionCandidate {
    CompletionCandidate::new(quoted).tag(Some("value".into()))
}

/// Names (already valid for their kind) that start with `current`, as the shell needs them.
fn matching(items: impl IntoIterator<Item = String>, current: &OsStr) -> Vec<CompletionCandidate> {
    let (shell, current) = request(current);
    items
        .into_iter()
        .filter(|i| i.starts_with(&current))
        .filter_map(|i| shell.quote(&i))
        .map(candidate)
        .collect()
}

pub fn profiles(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(profile_names(&Env::real()), current)
}

/// The profile names of the config and credentials files (also the picker's), sorted,
/// each once. A sorted Vec, not a BTreeSet: thousands of inserts into a tree cost more
/// than one sort.
pub fn profile_names(env: &Env) -> Vec<String> {
    let config = read(config_file(env)).unwrap_or_default();
    let creds = read(credentials_file(env)).unwrap_or_default();
    let mut names: Vec<String> = sections(&config, false)
        .chain(sections(&creds, true))
        .filter(|(kind, name)| *kind == "profile" && is_config_name(name))
        .map(|(_, n)| n.to_string())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

pub fn sso_sessions(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env)).unwrap_or_default();
    let names: BTreeSet<String> = sections(&config, false)
        .filter(|(kind, name)| *kind == "sso-session" && is_config_name(name))
        .map(|(_, n)| n.to_string())
        .collect();
    matching(names, current)
}

pub fn start_urls(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env)).unwrap_or_default();
    let mut urls: BTreeSet<String> = values(&config, "sso_start_url")
        .map(str::to_string)
        .collect();
    urls.extend(index::all(&env).into_iter().filter_map(|i| i.start_url));
    for token in cache::tokens(&env, MAX_FILES) {
        urls.extend(token.start_url().map(str::to_string));
    }
    urls.retain(|u| validate::start_url("", u).is_ok());
    matching(urls, current)
}

/// Account ids from the discovery index, with their names as descriptions.
pub fn accounts(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let (shell, current) = request(current);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for index in index::all(&env) {
        for (id, account) in index.accounts {
            if is_account_id(&id) && id.starts_with(&current) && seen.insert(id.clone()) {
                let help = account.name.map(|n| candidate::help(&n).into());
                out.extend(shell.quote(&id).map(|v| candidate(v).help(help)));
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
                names.extend(a.roles.into_iter().filter(|r| is_role_name(r)));
            }
        }
    }
    matching(names, current)
}

/// Role ARNs from the config file and from past assumes. In a comma list, the last item
/// is completed and the ones before it are kept.
pub fn role_arns(current: &OsStr) -> Vec<CompletionCandidate> {
    let env = Env::real();
    let config = read(config_file(&env)).unwrap_or_default();
    let mut arns: BTreeSet<String> = values(&config, "role_arn").map(str::to_string).collect();
    arns.extend(history::roles(&env));
    arns.retain(|a| RoleArn::parse(a).is_ok());
    let (shell, current) = request(current);
    let (head, last) = match current.rfind(',') {
        Some(i) => current.split_at(i + 1),
        None => ("", current.as_str()),
    };
    arns.into_iter()
        .filter(|a| a.starts_with(last))
        .filter_map(|a| shell.quote(&format!("{head}{a}")))
        .map(candidate)
        .collect()
}

pub fn regions(current: &OsStr) -> Vec<CompletionCandidate> {
    matching(
        partition::regions().into_iter().map(str::to_string),
        current,
    )
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
