//! The session policy of the final role hop, or of GetFederationToken: `--policy` (inline
//! JSON or `file://PATH`) and `--policy-arns`, checked with AWS's limits before any call.

use crate::error::Usage;
use crate::inert::echo;

/// Characters of an inline session policy, counted without the whitespace between tokens.
const MAX_POLICY: usize = 2048;
const MAX_POLICY_ARNS: usize = 10;

/// The session policy of the final hop (or federation token): inline JSON (minified) and
/// managed policy ARNs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionPolicy {
    pub policy: Option<String>,
    pub arns: Vec<String>,
}

impl SessionPolicy {
    /// Whether neither `--policy` nor `--policy-arns` was given.
    pub fn is_empty(&self) -> bool {
        self.policy.is_none() && self.arns.is_empty()
    }

    /// Parse and check `--policy` (JSON, or `file://PATH`) and `--policy-arns`.
    pub fn parse(policy: Option<&str>, arns: Option<&str>) -> Result<SessionPolicy, Usage> {
        Ok(SessionPolicy {
            policy: policy.map(parse_policy).transpose()?,
            arns: arns.map(parse_policy_arns).transpose()?.unwrap_or_default(),
        })
    }
}

/// The policy as AWS counts it: valid JSON in its character set, at most [`MAX_POLICY`]
/// characters once the whitespace between tokens is gone; that minified text is what is sent.
fn parse_policy(raw: &str) -> Result<String, Usage> {
    let text = crate::input::read_value("--policy", raw)?;
    let allowed = |c: char| ('\u{20}'..='\u{ff}').contains(&c) || matches!(c, '\t' | '\n' | '\r');
    if let Some(c) = text.chars().find(|c| !allowed(*c)) {
        return Err(Usage(format!(
            "--policy holds the character U+{:04X}, which AWS does not take in a policy: use ASCII and Latin-1 only",
            u32::from(c)
        )));
    }
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => {
            return Err(Usage(
                "--policy is not a policy document: give a JSON object with \"Version\" and \"Statement\"".to_string(),
            ));
        }
        Err(e) => {
            return Err(Usage(format!(
                "--policy is not valid JSON ({e}): fix the policy document"
            )));
        }
    }
    let min = minify(&text);
    let len = min.chars().count();
    if len > MAX_POLICY {
        return Err(Usage(format!(
            "--policy is {len} characters without whitespace, and AWS takes at most {MAX_POLICY}: shorten it or use --policy-arns"
        )));
    }
    Ok(min)
}

/// JSON text without the whitespace between tokens (strings are kept as they are).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// `ARN,ARN`: IAM managed policies (`arn:PARTITION:iam::ACCOUNT|aws:policy/…`), at most 10.
fn parse_policy_arns(raw: &str) -> Result<Vec<String>, Usage> {
    let mut arns: Vec<String> = Vec::new();
    for arn in raw.split(',').map(str::trim) {
        if !is_policy_arn(arn) {
            return Err(Usage(format!(
                "--policy-arns: '{}' is not an IAM policy ARN: give arn:aws:iam::aws:policy/NAME or arn:aws:iam::123456789012:policy/NAME",
                echo(arn)
            )));
        }
        if !arns.iter().any(|a| a == arn) {
            arns.push(arn.to_string());
        }
    }
    if arns.len() > MAX_POLICY_ARNS {
        return Err(Usage(format!(
            "--policy-arns names {} policies: AWS takes at most {MAX_POLICY_ARNS}",
            arns.len()
        )));
    }
    Ok(arns)
}

fn is_policy_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts[..] else {
        return false;
    };
    (20..=2048).contains(&arn.len())
        && prefix == "arn"
        && crate::partition::is_name(partition)
        && service == "iam"
        && region.is_empty()
        && (account == "aws" || crate::arn::is_account_id(account))
        && resource.strip_prefix("policy/").is_some_and(|path| {
            !path.is_empty()
                && !path.ends_with('/')
                && path.chars().all(|c| ('\x21'..='\x7e').contains(&c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_json_counted_without_whitespace() {
        let doc = r#"{ "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::a b"}] }"#;
        let p = parse_policy(doc).unwrap();
        assert_eq!(
            p,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::a b"}]}"#
        );
        // Whitespace does not count toward the limit; characters in strings do.
        let padded = format!("{{{}\"S\": \"{}\"}}", " ".repeat(5000), "x".repeat(2040));
        assert_eq!(parse_policy(&padded).unwrap().chars().count(), 2048);
        let over = format!("{{\"S\": \"{}\"}}", "x".repeat(2041));
        assert!(
            parse_policy(&over)
                .unwrap_err()
                .to_string()
                .contains("2049")
        );
        for bad in ["{", "[1]", "{\"a\": \"\u{2603}\"}", "not json"] {
            assert!(parse_policy(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn policy_arns_are_iam_policies_and_at_most_ten() {
        let ok = "arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::123456789012:policy/team/P";
        assert_eq!(parse_policy_arns(ok).unwrap().len(), 2);
        for bad in [
            "arn:aws:iam::123456789012:role/R",
            "arn:aws:s3:::bucket/policy/x",
            "arn:aws:iam::12345:policy/P",
            "arn:aws:iam::aws:policy/",
            "ReadOnlyAccess",
            "",
        ] {
            assert!(parse_policy_arns(bad).is_err(), "{bad}");
        }
        let eleven: Vec<String> = (0..11)
            .map(|i| format!("arn:aws:iam::aws:policy/P{i}"))
            .collect();
        assert!(parse_policy_arns(&eleven.join(",")).is_err());
        assert!(parse_policy_arns(&eleven[..10].join(",")).is_ok());
    }
}
