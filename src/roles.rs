//! Parsing `--assume-roles`: the role chain as the user wrote it.

use serde::Deserialize;

use crate::arn::RoleArn;
use crate::error::Usage;
use crate::input::read_value;

/// One hop as requested; unset fields fall back to the command-line defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct HopSpec {
    pub arn: RoleArn,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration: Option<i32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Item {
    Arn(String),
    Object(HopObject),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HopObject {
    #[serde(rename = "RoleArn")]
    role_arn: String,
    #[serde(rename = "RoleSessionName")]
    role_session_name: Option<String>,
    #[serde(rename = "ExternalId")]
    external_id: Option<String>,
    #[serde(rename = "DurationSeconds")]
    duration_seconds: Option<i32>,
}

const OPT: &str = "--assume-roles";

/// Parse the value of `--assume-roles`: a JSON array (of ARNs or hop objects), a
/// comma/whitespace separated list, or `file://PATH` holding either.
pub fn parse(raw: &str) -> Result<Vec<HopSpec>, Usage> {
    let text = read_value(OPT, raw)?;
    let text = text.trim();
    let hops = if text.starts_with('[') || text.starts_with('{') || text.starts_with('"') {
        parse_json(text)?
    } else {
        parse_list(text)?
    };
    if hops.is_empty() {
        return Err(Usage(format!(
            "{OPT} holds no roles: give at least one role ARN"
        )));
    }
    Ok(hops)
}

fn parse_json(text: &str) -> Result<Vec<HopSpec>, Usage> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!("{OPT} is not valid JSON ({e}): give a JSON array or a comma-separated list")
    })?;
    let items = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::String(s) => vec![serde_json::Value::String(s)],
        _ => {
            return Err(Usage(format!(
                "{OPT} must be a JSON array of role ARNs or of {{\"RoleArn\": …}} objects"
            )));
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let item: Item = serde_json::from_value(v).map_err(|_| {
                format!(
                    "{OPT} entry {}: expected a role ARN string or an object with RoleArn and optional RoleSessionName, ExternalId, DurationSeconds",
                    i + 1
                )
            })?;
            match item {
                Item::Arn(arn) => hop(i, &arn, None, None, None),
                Item::Object(o) => hop(i, &o.role_arn, o.role_session_name, o.external_id, o.duration_seconds),
            }
        })
        .collect()
}

fn parse_list(text: &str) -> Result<Vec<HopSpec>, Usage> {
    // Commas and whitespace both separate; an empty entry between commas is a mistake
    // (a trailing comma), not something to skip silently.
    text.split(',')
        .enumerate()
        .flat_map(|(i, chunk)| {
            let words: Vec<&str> = chunk.split_whitespace().collect();
            if words.is_empty() {
                vec![Err(Usage(format!(
                    "{OPT} has an empty entry at position {} (a stray comma?)",
                    i + 1
                )))]
            } else {
                words.into_iter().map(|w| Ok(w.to_string())).collect()
            }
        })
        .enumerate()
        .map(|(i, arn)| hop(i, &arn?, None, None, None))
        .collect()
}

fn hop(
    i: usize,
    arn: &str,
    session_name: Option<String>,
    external_id: Option<String>,
    duration: Option<i32>,
) -> Result<HopSpec, Usage> {
    let arn = RoleArn::parse(arn).map_err(|e| Usage(format!("{OPT} hop {}: {e}", i + 1)))?;
    Ok(HopSpec {
        arn,
        session_name,
        external_id,
        duration,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "arn:aws:iam::111111111111:role/A";
    const B: &str = "arn:aws:iam::222222222222:role/path/B";

    fn arns(hops: &[HopSpec]) -> Vec<&str> {
        hops.iter().map(|h| h.arn.as_str()).collect()
    }

    #[test]
    fn lists_json_arrays_and_objects_all_parse() {
        assert_eq!(arns(&parse(&format!("{A},{B}")).unwrap()), [A, B]);
        assert_eq!(arns(&parse(&format!(" {A}, \n {B} ")).unwrap()), [A, B]);
        assert_eq!(arns(&parse(&format!("{A} {B}")).unwrap()), [A, B]);
        assert_eq!(
            arns(&parse(&format!("[\"{A}\", \"{B}\"]")).unwrap()),
            [A, B]
        );
        let hops = parse(&format!(
            "[{{\"RoleArn\": \"{A}\", \"RoleSessionName\": \"s1\", \"ExternalId\": \"x1\", \"DurationSeconds\": 1800}}, \"{B}\"]"
        ))
        .unwrap();
        assert_eq!(hops[0].session_name.as_deref(), Some("s1"));
        assert_eq!(hops[0].external_id.as_deref(), Some("x1"));
        assert_eq!(hops[0].duration, Some(1800));
        assert_eq!(hops[1].session_name, None);
    }

    #[test]
    fn mistakes_are_reported_not_guessed() {
        for bad in [
            format!("{A},"),
            format!("{A},,{B}"),
            "[]".to_string(),
            format!("[\"{A}\",]"),
            format!("[{{\"Arn\": \"{A}\"}}]"),
            "{\"RoleArn\": 5}".to_string(),
            "[1]".to_string(),
            "not-an-arn".to_string(),
        ] {
            assert!(parse(&bad).is_err(), "{bad}");
        }
    }
}
