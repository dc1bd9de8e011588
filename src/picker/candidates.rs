//! What the picker offers: recent assumes (most recent first), then config profiles, then
//! the Identity Center account/role pairs of the discovery index. Local files only. Each
//! candidate is the line shown (made inert: names come from files and servers) and the
//! options that choose it, in the form AWS_LOGIN_ASSUME keeps, so one identity offered
//! twice (a recent profile and the same profile, an assume with and without --use-cache)
//! is shown once, as recent.

use std::collections::HashSet;

use crate::arn::{is_account_id, is_role_name};
use crate::env::Env;
use crate::inert;
use crate::shell::{complete, history};
use crate::sso::index;

/// Longest name shown; the terminal width cuts lines further.
const SHOWN_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// One line, inert, what the filter matches.
    pub shown: String,
    /// The options that select it, as if typed after `assume`.
    pub args: Vec<String>,
}

fn candidate(kind: &str, name: &str, args: Vec<String>) -> Candidate {
    Candidate {
        shown: format!("{kind:<8} {}", inert::for_terminal(name, SHOWN_MAX)),
        args,
    }
}

pub fn gather(env: &Env) -> Vec<Candidate> {
    let indexes = index::all(env);
    let mut out: Vec<Candidate> = history::recent(env)
        .into_iter()
        .filter(|r| !r.args.is_empty())
        .map(|r| candidate("recent", &recent_name(&r, &indexes), r.args))
        .collect();
    out.extend(
        complete::profile_names(env)
            .into_iter()
            .map(|p| candidate("profile", &p, vec![format!("--profile={p}")])),
    );
    for idx in &indexes {
        let session = match (&idx.session_name, &idx.start_url) {
            (Some(s), _) => format!("--sso-session-name={s}"),
            (None, Some(url)) => format!("--start-url={url}"),
            (None, None) => continue,
        };
        for (id, account) in &idx.accounts {
            if !is_account_id(id) {
                continue;
            }
            let name = account.name.as_deref().unwrap_or(id);
            for role in account.roles.iter().filter(|r| is_role_name(r)) {
                let mut args = vec![
                    format!("--sso-acct-id={id}"),
                    format!("--sso-role-name={role}"),
                ];
                // The order replay uses (see cmd/replay.rs), so a recent pair is a duplicate.
                args.push(session.clone());
                args.push("--use-cache".to_string());
                let shown = format!("{} / {role}  {id}", inert::for_terminal(name, SHOWN_MAX));
                out.push(Candidate {
                    shown: format!("{:<8} {shown}", "sso"),
                    args,
                });
            }
        }
    }
    // One row per identity: the first, so a recent assume wins over the same choice below.
    let mut seen = HashSet::new();
    out.retain(|c| {
        let key: Vec<String> = history::identity_key(&c.args)
            .into_iter()
            .map(str::to_string)
            .collect();
        seen.insert(key)
    });
    out
}

/// A recent assume's name, with its account named as the discovery index names it now
/// (`dumpconfig` may have run since the assume). An entry kept before the account and role
/// were recorded gives them in its options when it took no further hop.
fn recent_name(r: &history::Recent, indexes: &[index::Index]) -> String {
    let option = |name: &str| {
        r.args
            .iter()
            .find_map(|a| a.strip_prefix(name)?.strip_prefix('='))
    };
    let (account, role) = match (&r.account, &r.role) {
        (Some(account), Some(role)) => (account.as_str(), role.as_str()),
        _ if option("--assume-roles").is_some() => return r.name.clone(),
        _ => match (option("--sso-acct-id"), option("--sso-role-name")) {
            (Some(account), Some(role)) => (account, role),
            _ => return r.name.clone(),
        },
    };
    let known = indexes
        .iter()
        .find_map(|i| i.accounts.get(account)?.name.as_deref());
    match known {
        Some(name) => format!("{name}-{role}"),
        None => r.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recent(json: &str) -> history::Recent {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_recent_row_is_named_from_the_index_as_it_is_now() {
        let index: index::Index = serde_json::from_str(
            r#"{"updatedAt": "", "accounts": {"222222222222": {"name": "acme-prod", "roles": []}}}"#,
        )
        .unwrap();
        let indexes = [index];
        let args = r#""args": ["--sso-acct-id=222222222222", "--sso-role-name=Admin"]"#;
        for json in [
            // As recorded now: the account and role beside the options.
            format!(
                r#"{{"name": "222222222222-Admin", {args}, "account": "222222222222", "role": "Admin"}}"#
            ),
            // As an older version kept it: the options only.
            format!(r#"{{"name": "222222222222-Admin", {args}}}"#),
        ] {
            assert_eq!(recent_name(&recent(&json), &indexes), "acme-prod-Admin");
        }
        // A hop after the role names the identity after the hop: left as recorded.
        let hopped = recent(
            r#"{"name": "333333333333-Deploy", "args": ["--sso-acct-id=222222222222", "--sso-role-name=Admin", "--assume-roles=arn:aws:iam::333333333333:role/Deploy"]}"#,
        );
        assert_eq!(recent_name(&hopped, &indexes), "333333333333-Deploy");
        // An account the index does not name keeps its recorded name.
        let unknown = recent(
            r#"{"name": "p", "args": ["--profile=p"], "account": "111111111111", "role": "R"}"#,
        );
        assert_eq!(recent_name(&unknown, &indexes), "p");
    }
}
