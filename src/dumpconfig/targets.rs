//! `--target-arn-profiles`: extra assume-role profiles on top of the SSO ones.

use serde_json::Value;

use crate::arn::{RoleArn, is_account_id, is_role_name};
use crate::error::Usage;
use crate::input::read_value;
use crate::validate;

const OPT: &str = "--target-arn-profiles";

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub source_account: String,
    pub source_role: String,
    pub arn: RoleArn,
    pub account_name: Option<String>,
    pub region: Option<String>,
}

/// Parse and check every entry; all of this happens before any network call or output.
pub fn parse(raw: &str) -> Result<Vec<Target>, Usage> {
    let text = read_value(OPT, raw)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Usage(format!(
            "{OPT} is not valid JSON ({e}): give a JSON array of objects"
        ))
    })?;
    let Value::Array(items) = value else {
        return Err(Usage(format!(
            "{OPT} must be a JSON array of objects with SourceAccountID, SourceRoleName and TargetArn"
        )));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| entry(i + 1, item))
        .collect()
}

fn entry(n: usize, item: &Value) -> Result<Target, Usage> {
    let Value::Object(map) = item else {
        return Err(Usage(format!("{OPT} entry {n} is not an object")));
    };
    const KNOWN: [&str; 5] = [
        "SourceAccountID",
        "SourceRoleName",
        "TargetArn",
        "TargetAccountName",
        "Region",
    ];
    if let Some(k) = map.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(Usage(format!(
            "{OPT} entry {n} has an unknown key '{}' (known: {})",
            crate::inert::echo(k),
            KNOWN.join(", ")
        )));
    }
    let text = |key: &str| -> Result<Option<String>, Usage> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            // Every field ends up in a config line or a message: one line, always.
            Some(Value::String(s)) if s.chars().any(char::is_control) => Err(Usage(format!(
                "{OPT} entry {n}: {key} holds a control character (a line break?): remove it"
            ))),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Usage(format!("{OPT} entry {n}: {key} must be a string"))),
        }
    };
    let required = |key: &str| -> Result<String, Usage> {
        text(key)?.ok_or_else(|| Usage(format!("{OPT} entry {n} has no {key}: add it")))
    };
    // A JSON number loses an account id's leading zeros: put them back.
    let source_account = match map.get("SourceAccountID") {
        Some(Value::Number(num)) if num.is_u64() => {
            format!("{:012}", num.as_u64().unwrap_or_default())
        }
        _ => required("SourceAccountID")?,
    };
    if !is_account_id(&source_account) {
        return Err(Usage(format!(
            "{OPT} entry {n}: SourceAccountID '{}' is not a 12-digit account id",
            crate::inert::echo(&source_account)
        )));
    }
    let source_role = required("SourceRoleName")?;
    if !is_role_name(&source_role) {
        return Err(Usage(format!(
            "{OPT} entry {n}: SourceRoleName '{}' is not a role name: use 1-64 letters, digits and +=,.@_-",
            crate::inert::echo(&source_role)
        )));
    }
    let arn = RoleArn::parse(&required("TargetArn")?)
        .map_err(|e| Usage(format!("{OPT} entry {n}: {e}")))?;
    let region = text("Region")?;
    if let Some(r) = &region {
        validate::region(&format!("{OPT} entry {n} Region"), r)?;
    }
    Ok(Target {
        source_account,
        source_role,
        arn,
        account_name: text("TargetAccountName")?,
        region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_accept_numbers_paths_and_optional_keys() {
        let t = parse(r#"[{"SourceAccountID": 12345678901, "SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::222222222222:role/team/Deploy", "Region": ""}]"#).unwrap();
        assert_eq!(t[0].source_account, "012345678901");
        assert_eq!(t[0].arn.name, "Deploy");
        assert_eq!(t[0].region, None);
    }

    #[test]
    fn bad_entries_are_named() {
        for (bad, needle) in [
            ("{}", "JSON array"),
            ("[1]", "not an object"),
            (
                r#"[{"SourceRoleName": "A", "TargetArn": "arn:aws:iam::222222222222:role/D"}]"#,
                "SourceAccountID",
            ),
            (
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "A", "TargetArn": "arn:aws:iam::2:role/D"}]"#,
                "12 digits",
            ),
            (
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "A", "TargetArn": "arn:aws:iam::222222222222:role/D", "TargetAccountName": 5}]"#,
                "must be a string",
            ),
            (
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "A", "TargetArn": "arn:aws:iam::222222222222:role/D", "Typo": 1}]"#,
                "unknown key",
            ),
            (
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "A", "TargetArn": "arn:aws:iam::222222222222:role/D", "TargetAccountName": "x\n[profile x]"}]"#,
                "TargetAccountName holds a control character",
            ),
            (
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "A B", "TargetArn": "arn:aws:iam::222222222222:role/D"}]"#,
                "SourceRoleName 'A B' is not a role name",
            ),
        ] {
            let err = parse(bad).unwrap_err().to_string();
            assert!(err.contains(needle), "{bad}: {err}");
        }
    }
}
