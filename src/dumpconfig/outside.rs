//! What the config file already defines outside the managed block: profiles the block
//! must not define again, and an `[sso-session]` (as `aws configure sso` writes it) that
//! the block's profiles can use instead of one of their own.
//!
//! The file is the user's and may hold anything: it is read the way botocore's
//! configparser reads it (sections, `key = value` or `key: value`, `#`/`;` comment lines,
//! indented continuation lines), only as far as these two questions need.

use crate::error::Usage;
use crate::inert::server;

/// The sso-session the generated profiles use.
pub struct Session<'a> {
    pub name: &'a str,
    pub start_url: &'a str,
    pub region: &'a str,
}

/// What `text` (the file minus the block) means for the block: `Ok(true)` when it
/// defines `[sso-session NAME]` with the same start URL and region (the block then
/// leaves it out), `Ok(false)` when it does not define it; an error for a profile the
/// block would define again, or for a session whose settings differ (naming both values).
pub fn check(text: &str, session: &Session, names: &[String]) -> Result<bool, Usage> {
    let mut section: Option<(String, String)> = None;
    let mut found: Vec<(Option<String>, Option<String>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            continue; // a continuation of the previous value
        }
        let t = line.trim();
        if t.is_empty() || t.starts_with(['#', ';']) {
            continue;
        }
        if let Some(inner) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            let mut words = inner.split_whitespace();
            let kind = words.next().unwrap_or_default().to_string();
            let name = words.collect::<Vec<_>>().join(" ");
            // botocore takes `[ sso-session x]` for no session at all; a profile, though,
            // is refused however it is spaced.
            let strict = !inner.starts_with(char::is_whitespace);
            if kind == "profile" && names.contains(&name) {
                return Err(Usage(format!(
                    "profile {name} is already defined outside the aws-login block: rename or remove it, or use --name-format"
                )));
            }
            let kind = if strict { kind } else { String::new() };
            if kind == "sso-session" && name == session.name {
                found.push((None, None));
            }
            section = Some((kind, name));
            continue;
        }
        let in_session = section
            .as_ref()
            .is_some_and(|(k, n)| k == "sso-session" && n == session.name);
        let Some(current) = found.last_mut().filter(|_| in_session) else {
            continue;
        };
        let Some(at) = t.find(['=', ':']) else {
            continue;
        };
        let value = t[at + 1..].trim().to_string();
        match t[..at].trim().to_ascii_lowercase().as_str() {
            "sso_start_url" => current.0 = Some(value),
            "sso_region" => current.1 = Some(value),
            _ => {}
        }
    }
    for (start_url, region) in &found {
        let same_url =
            |u: &String| u.trim_end_matches('/') == session.start_url.trim_end_matches('/');
        compare(
            session,
            "sso_start_url",
            start_url,
            session.start_url,
            same_url,
        )?;
        compare(session, "sso_region", region, session.region, |r| {
            r == session.region
        })?;
    }
    Ok(!found.is_empty())
}

fn compare(
    session: &Session,
    key: &str,
    theirs: &Option<String>,
    ours: &str,
    same: impl Fn(&String) -> bool,
) -> Result<(), Usage> {
    let name = session.name;
    match theirs {
        Some(v) if same(v) => Ok(()),
        Some(v) => Err(Usage(format!(
            "[sso-session {name}] outside the aws-login block has {key} = {}, but aws-login signed in with {key} = {}: fix the section, or pick another --sso-session-name",
            server(v),
            server(ours)
        ))),
        None => Err(Usage(format!(
            "[sso-session {name}] outside the aws-login block has no {key} (aws-login signed in with {key} = {}): add it, or pick another --sso-session-name",
            server(ours)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Session = Session {
        name: "corp",
        start_url: "https://x.awsapps.com/start",
        region: "us-east-1",
    };

    #[test]
    fn a_matching_session_is_used_and_a_different_one_is_named() {
        let names = ["dev-Admin".to_string()];
        let ok = "[profile p]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start/\nsso_region=us-east-1\n";
        assert_eq!(check(ok, &S, &names), Ok(true));
        assert_eq!(
            check("[ sso-session corp]\nsso_region = eu-west-1\n", &S, &names),
            Ok(false)
        );
        assert_eq!(
            check(
                "[sso-session  corp ]\nsso_region: us-east-1\nSSO_START_URL = https://x.awsapps.com/start\n",
                &S,
                &names
            ),
            Ok(true)
        );
        assert_eq!(
            check("[sso-session other]\nsso_region = eu-west-1\n", &S, &names),
            Ok(false)
        );
        let err = check(&ok.replace("us-east-1", "eu-west-1"), &S, &names)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("sso_region = eu-west-1") && err.contains("sso_region = us-east-1"),
            "{err}"
        );
        let err = check("[sso-session corp]\nsso_region = us-east-1\n", &S, &names)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no sso_start_url"), "{err}");
        // Comments, continuations and other sections do not count.
        let noisy = "[sso-session corp]\n# sso_region = eu-west-1\n  sso_region = eu-west-1\nsso_region = us-east-1\nsso_start_url = https://x.awsapps.com/start\n[profile q]\nsso_region = eu-west-1\n";
        assert_eq!(check(noisy, &S, &names), Ok(true));
    }

    #[test]
    fn a_generated_profile_defined_outside_is_an_error() {
        let names = ["dev-Admin".to_string()];
        let err = check("[profile  dev-Admin ]\n", &S, &names)
            .unwrap_err()
            .to_string();
        assert!(err.contains("dev-Admin"), "{err}");
        assert_eq!(check("[profile dev-Admin2]\n", &S, &names), Ok(false));
    }
}
