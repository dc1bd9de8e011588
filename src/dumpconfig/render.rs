//! The config text: profile names, ordering, and the INI itself.

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::ini::Ini;
use super::targets::Target;
use crate::error::Usage;
use crate::inert::echo;
use crate::sso::discovery::Account;

pub const PLACEHOLDERS: [&str; 3] = ["{account_name}", "{account_id}", "{role_name}"];

/// Check that `--name-format` uses only known placeholders.
pub fn check_format(format: &str) -> Result<(), Usage> {
    if format.chars().any(char::is_control) {
        return Err(Usage(
            "--name-format holds a control character (a line break?): remove it".to_string(),
        ));
    }
    let mut rest = format;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i..];
        let Some(p) = PLACEHOLDERS.iter().find(|p| tail.starts_with(**p)) else {
            return Err(Usage(format!(
                "--name-format has an unknown placeholder at '{}': use {}",
                crate::inert::echo(tail),
                PLACEHOLDERS.join(", ")
            )));
        };
        rest = &tail[p.len()..];
    }
    if sanitize(
        &format
            .replace("{account_name}", "a")
            .replace("{account_id}", "1")
            .replace("{role_name}", "r"),
    )
    .is_empty()
    {
        return Err(
            "--name-format gives empty names: include {account_name}, {account_id} or {role_name}"
                .to_string()
                .into(),
        );
    }
    Ok(())
}

/// Profile names keep to `[A-Za-z0-9._-]`: every run of anything else becomes one `-`, and
/// dashes do not pile up or dangle, so names never need quoting.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            c
        } else {
            '-'
        };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    out.trim_matches('-').to_string()
}

#[derive(Debug, Clone, PartialEq)]
pub struct SsoProfile {
    pub name: String,
    pub account_id: String,
    pub role: String,
}

/// Name every account/role pair, in a deterministic order (account name, role name, then
/// account id). Two accounts whose names clash get the account id appended, with a
/// warning; a clash the id cannot settle (the format names neither the account nor,
/// for two roles of one account, the role) is an error that names the fix.
pub fn name_profiles(
    accounts: &[Account],
    format: &str,
    warn: &mut Vec<String>,
) -> Result<Vec<SsoProfile>, Usage> {
    let mut pairs: Vec<(&Account, &String)> = accounts
        .iter()
        .flat_map(|a| a.roles.iter().map(move |r| (a, r)))
        .collect();
    pairs.sort_by(|(a1, r1), (a2, r2)| (&a1.name, r1, &a1.id).cmp(&(&a2.name, r2, &a2.id)));
    let names_account = format.contains("{account_name}") || format.contains("{account_id}");
    let mut used: HashMap<String, (&Account, &String)> = HashMap::new();
    let mut out = Vec::new();
    for (a, role) in pairs {
        let raw = format
            .replace("{account_name}", &a.name)
            .replace("{account_id}", &a.id)
            .replace("{role_name}", role);
        let mut name = sanitize(&raw);
        if name.is_empty() {
            name = sanitize(&format!("{}-{role}", a.id));
        }
        if let Some(&(other, other_role)) = used.get(&name) {
            let unique = format!("{name}-{}", a.id);
            if !names_account || other.id == a.id || used.contains_key(&unique) {
                return Err(collision(format, &name, (other, other_role), (a, role)).into());
            }
            warn.push(format!(
                "profile name {name} is taken: account {} ({}) gets {unique}",
                a.id,
                echo(a.name.trim())
            ));
            name = unique;
        }
        used.insert(name.clone(), (a, role));
        out.push(SsoProfile {
            name,
            account_id: a.id.clone(),
            role: role.clone(),
        });
    }
    Ok(out)
}

fn collision(
    format: &str,
    name: &str,
    one: (&Account, &String),
    two: (&Account, &String),
) -> String {
    let fix = if one.0.id != two.0.id {
        "add {account_id} to it"
    } else if !format.contains("{role_name}") {
        "add {role_name} to it"
    } else {
        "the role names differ only in characters that become '-'; add {account_id} and rename a role"
    };
    format!(
        "--name-format {} gives two profiles the name {name} (account {} role {} and account {} role {}): {fix}",
        echo(format),
        one.0.id,
        echo(one.1),
        two.0.id,
        echo(two.1)
    )
}

pub struct Rendered<'a> {
    pub session: &'a str,
    /// Whether the `[sso-session]` section is part of the text (not when the config
    /// already has it outside the managed block).
    pub with_session: bool,
    pub sso_region: &'a str,
    pub start_url: &'a str,
    /// `sso_registration_scopes`, comma-separated.
    pub scopes: &'a str,
    pub region: Option<&'a str>,
    pub role_session_name: &'a str,
}

/// Each target's profile: named `<TargetAccountName or account id>-<role>`, sourced from
/// the generated profile of its account and role (an error names a missing one).
pub fn target_profiles(
    targets: &[Target],
    sso: &[SsoProfile],
    warn: &mut Vec<String>,
) -> Result<Vec<(String, String)>, Usage> {
    let mut used: HashSet<String> = sso.iter().map(|p| p.name.clone()).collect();
    let mut out = Vec::new();
    for t in targets {
        let Some(source) = sso
            .iter()
            .find(|p| p.account_id == t.source_account && p.role == t.source_role)
        else {
            return Err(Usage(format!(
                "--target-arn-profiles: no SSO profile for role {} in account {} (source of {}): check SourceAccountID and SourceRoleName",
                t.source_role, t.source_account, t.arn
            )));
        };
        let base = t
            .account_name
            .clone()
            .unwrap_or_else(|| t.arn.account.clone());
        let mut name = sanitize(&format!("{base}-{}", t.arn.name));
        if used.contains(&name) {
            let unique = format!("{name}-{}", t.arn.account);
            warn.push(format!(
                "profile name {name} is taken: the profile for {} gets {unique}",
                t.arn
            ));
            name = unique;
        }
        if used.contains(&name) {
            return Err(Usage(format!(
                "--target-arn-profiles: two entries both give profile {name}: set TargetAccountName to tell them apart"
            )));
        }
        used.insert(name.clone());
        out.push((name, source.name.clone()));
    }
    Ok(out)
}

/// The INI text, every line through [`Ini`]; an error names a value that is not one value
/// on one line (the checks before rendering should already have refused it).
pub fn render(
    r: &Rendered,
    sso: &[SsoProfile],
    targets: &[Target],
    target_names: &[(String, String)],
) -> Result<String> {
    let mut ini = Ini::default();
    ini.comment(&format!(
        "IAM Identity Center profiles for {}, generated by aws-login dumpconfig.",
        r.start_url
    ))?;
    ini.comment(&format!(
        "{} SSO profiles, {} assume-role profiles.",
        sso.len(),
        targets.len()
    ))?;
    if r.with_session {
        ini.blank();
        ini.section("sso-session", r.session)?;
        ini.key("sso_region", r.sso_region)?;
        ini.key("sso_start_url", r.start_url)?;
        ini.key("sso_registration_scopes", r.scopes)?;
    } else {
        ini.comment(&format!(
            "They use sso-session {}, defined outside this block.",
            r.session
        ))?;
    }
    let region_line = |ini: &mut Ini, region: Option<&str>| match region {
        Some(reg) => ini.key("region", reg),
        None => ini.comment(&format!("region = {}", r.sso_region)),
    };
    for p in sso {
        ini.blank();
        ini.section("profile", &p.name)?;
        ini.key("sso_session", r.session)?;
        ini.key("sso_account_id", &p.account_id)?;
        ini.key("sso_role_name", &p.role)?;
        region_line(&mut ini, r.region)?;
    }
    for (t, (name, source)) in targets.iter().zip(target_names) {
        ini.blank();
        ini.section("profile", name)?;
        ini.key("source_profile", source)?;
        ini.key("role_arn", t.arn.as_str())?;
        ini.key("role_session_name", r.role_session_name)?;
        region_line(&mut ini, t.region.as_deref().or(r.region))?;
    }
    Ok(ini.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(id: &str, name: &str, roles: &[&str]) -> Account {
        Account {
            id: id.into(),
            name: name.into(),
            roles: roles.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn names_are_sanitised_never_quoted() {
        assert_eq!(sanitize("zeta acct-Admin"), "zeta-acct-Admin");
        assert_eq!(
            sanitize(" Prod [EU] #1 - 'core' -Admin"),
            "Prod-EU-1-core-Admin"
        );
        assert_eq!(sanitize("café$(rm -rf)/x"), "caf-rm-rf-x");
        assert_eq!(sanitize("a.b_c-d"), "a.b_c-d");
    }

    #[test]
    fn clashes_get_the_account_id_and_order_is_stable() {
        let accounts = [
            acct("222222222222", "dev", &["Admin"]),
            acct("111111111111", "dev", &["Admin", "Read"]),
            acct("333333333333", "alpha", &["Z"]),
        ];
        let mut warn = Vec::new();
        let names: Vec<String> = name_profiles(&accounts, "{account_name}-{role_name}", &mut warn)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(
            names,
            ["alpha-Z", "dev-Admin", "dev-Admin-222222222222", "dev-Read"]
        );
        assert_eq!(warn.len(), 1);
    }

    #[test]
    fn a_format_that_cannot_tell_profiles_apart_is_refused() {
        let accounts = [
            acct("111111111111", "dev", &["Admin", "Read"]),
            acct("222222222222", "prod", &["Admin"]),
            acct("333333333333", "dev-Admin", &["222222222222"]),
        ];
        let err = |format: &str| {
            name_profiles(&accounts, format, &mut Vec::new())
                .unwrap_err()
                .to_string()
        };
        let e = err("{role_name}");
        assert!(
            e.contains("name Admin") && e.contains("add {account_id}"),
            "{e}"
        );
        let e = err("{account_name}");
        assert!(
            e.contains("name dev ") && e.contains("add {role_name}"),
            "{e}"
        );
        // Two accounts named alike get the id appended, unless that name is taken too.
        let two = [
            acct("111111111111", "a", &["x"]),
            acct("222222222222", "a ", &["x"]),
        ];
        let names = name_profiles(&two, "{account_name}-{role_name}", &mut Vec::new()).unwrap();
        assert_eq!(names[1].name, "a-x-222222222222");
        let three = [
            acct("111111111111", "a", &["x", "x-222222222222"]),
            acct("222222222222", "a ", &["x"]),
        ];
        let e = name_profiles(&three, "{account_name}-{role_name}", &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert!(e.contains("name a-x "), "{e}");
    }

    #[test]
    fn name_formats_are_checked() {
        assert!(check_format("{account_id}.{role_name}").is_ok());
        assert!(check_format("{account}-{role_name}").is_err());
        assert!(check_format("---").is_err());
        assert!(check_format("{account_name}\n[profile x]").is_err());
    }
}
