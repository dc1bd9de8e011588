//! AssumeRole's session controls: SourceIdentity, Tags, TransitiveTagKeys, Policy and
//! PolicyArns (GetFederationToken takes the last three), read from the Query API's member lists and checked as STS checks them,
//! with role chaining's rule that an inherited source identity or transitive tag cannot
//! change.

use super::{Caller, Params, StsError};

const TAG_PATTERN: &str = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]";

/// What the request sets, and what the new session carries on to the next hop.
pub struct Controls {
    /// The session's source identity: the caller's, else the one this request sets.
    pub source_identity: Option<String>,
    /// Transitive tags of the new session: the caller's and this request's.
    pub transitive: Vec<(String, String)>,
}

/// The members `Prefix.member.1…N`, each read by `item(prefix_with_index)`; a gap in the
/// numbering ends the list, as in AWS's Query protocol parser.
fn members<T>(params: &Params, prefix: &str, item: impl Fn(&str) -> T) -> Vec<T> {
    (1..)
        .map(|n| format!("{prefix}.member.{n}"))
        .take_while(|p| {
            params
                .keys()
                .any(|k| k == p || k.starts_with(&format!("{p}.")))
        })
        .map(|p| item(&p))
        .collect()
}

fn constraint(value: &str, field: &str, rule: &str) -> StsError {
    StsError::validation(format!(
        "1 validation error detected: Value '{value}' at '{field}' failed to satisfy \
         constraint: Member must {rule}"
    ))
}

fn invalid(message: impl Into<String>) -> StsError {
    StsError::new(400, "InvalidParameterValue", message)
}

fn tag_chars(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_alphanumeric() || c.is_whitespace() && !c.is_control() || "_.:/=+-@".contains(c)
    })
}

fn check_key(key: &str, field: &str) -> Result<(), StsError> {
    if !(1..=128).contains(&key.chars().count()) {
        return Err(constraint(key, field, "have length between 1 and 128"));
    }
    if !tag_chars(key) {
        return Err(constraint(
            key,
            field,
            &format!("satisfy regular expression pattern: {TAG_PATTERN}+"),
        ));
    }
    Ok(())
}

/// Read and check the controls of an AssumeRole request made by `caller`.
pub fn parse(params: &Params, caller: &Caller) -> Result<Controls, StsError> {
    let source = params.get("SourceIdentity");
    if let Some(s) = source {
        super::validate::name(s, "sourceIdentity", 2, 64)?;
        if s.to_ascii_lowercase().starts_with("aws:") {
            return Err(invalid("SourceIdentity cannot start with 'aws:'."));
        }
        if let Some(set) = &caller.source_identity
            && set != s
        {
            return Err(StsError::access_denied(
                "The source identity of a role session cannot be changed once set.",
            ));
        }
    }

    let checked = tags(params, caller)?;

    let keys: Vec<Option<String>> =
        members(params, "TransitiveTagKeys", |p| params.get(p).cloned());
    if keys.len() > 50 {
        return Err(constraint(
            "[...]",
            "transitiveTagKeys",
            "have length less than or equal to 50",
        ));
    }
    let mut transitive = caller.transitive.clone();
    for (i, key) in keys.into_iter().enumerate() {
        let field = format!("transitiveTagKeys.{}.member", i + 1);
        let Some(key) = key else {
            return Err(constraint("null", &field, "not be null"));
        };
        check_key(&key, &field)?;
        let Some((k, v)) = checked.iter().find(|(k, _)| k.eq_ignore_ascii_case(&key)) else {
            return Err(invalid(format!(
                "The transitive tag key '{key}' is not one of the session tags passed."
            )));
        };
        transitive.push((k.clone(), v.clone()));
    }

    policy(params)?;

    Ok(Controls {
        source_identity: caller.source_identity.clone().or(source.cloned()),
        transitive,
    })
}

/// The session tags (`Tags.member.N.Key/Value`) of a request made by `caller`, checked as
/// STS checks them; a tag the caller's session made transitive cannot be set again.
fn tags(params: &Params, caller: &Caller) -> Result<Vec<(String, String)>, StsError> {
    let tags: Vec<(Option<String>, Option<String>)> = members(params, "Tags", |p| {
        (
            params.get(&format!("{p}.Key")).cloned(),
            params.get(&format!("{p}.Value")).cloned(),
        )
    });
    if tags.len() > 50 {
        return Err(constraint(
            "[...]",
            "tags",
            "have length less than or equal to 50",
        ));
    }
    let mut checked: Vec<(String, String)> = Vec::new();
    for (i, (key, value)) in tags.into_iter().enumerate() {
        let n = i + 1;
        let (Some(key), Some(value)) = (key, value) else {
            return Err(StsError::validation(format!(
                "1 validation error detected: Value null at 'tags.{n}.member' failed to \
                 satisfy constraint: Member must have a Key and a Value"
            )));
        };
        check_key(&key, &format!("tags.{n}.member.key"))?;
        if value.chars().count() > 256 || !tag_chars(&value) {
            return Err(constraint(
                &value,
                &format!("tags.{n}.member.value"),
                &format!("satisfy regular expression pattern: {TAG_PATTERN}* with length 0..256"),
            ));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(invalid(format!(
                "Tag key '{key}' cannot start with 'aws:'."
            )));
        }
        if checked.iter().any(|(k, _)| k.eq_ignore_ascii_case(&key)) {
            return Err(invalid(
                "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
            ));
        }
        if caller
            .transitive
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(&key))
        {
            return Err(invalid(format!(
                "Tag key '{key}' is inherited as a transitive tag from the calling session \
                 and cannot be set again."
            )));
        }
        checked.push((key, value));
    }
    Ok(checked)
}

/// The session policy (`Policy`, `PolicyArns.member.N.arn`), checked as STS checks it.
fn policy(params: &Params) -> Result<(), StsError> {
    if let Some(policy) = params.get("Policy") {
        let ok = |c: char| ('\u{20}'..='\u{ff}').contains(&c) || matches!(c, '\t' | '\n' | '\r');
        if !(1..=2048).contains(&policy.chars().count()) || !policy.chars().all(ok) {
            return Err(constraint(
                "[policy]",
                "policy",
                r"satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+ with length 1..2048",
            ));
        }
        if !matches!(
            serde_json::from_str::<serde_json::Value>(policy),
            Ok(serde_json::Value::Object(_))
        ) {
            return Err(StsError::new(
                400,
                "MalformedPolicyDocument",
                "The policy is not in the valid JSON format.",
            ));
        }
    }
    let arns: Vec<Option<String>> = members(params, "PolicyArns", |p| {
        params.get(&format!("{p}.arn")).cloned()
    });
    if arns.len() > 10 {
        return Err(constraint(
            "[...]",
            "policyArns",
            "have length less than or equal to 10",
        ));
    }
    for arn in arns {
        let arn = arn.unwrap_or_default();
        if !(20..=2048).contains(&arn.len()) || !is_policy_arn(&arn) {
            return Err(invalid(format!("Invalid policy ARN: {arn}")));
        }
    }
    Ok(())
}

/// GetFederationToken's session policy and tags: the same checks as AssumeRole's, from a
/// user's keys, which carry no transitive tag (it takes no source identity or transitive
/// keys at all).
pub fn federation(params: &Params, caller: &Caller) -> Result<(), StsError> {
    policy(params)?;
    tags(params, caller).map(drop)
}

/// `arn:PARTITION:iam::ACCOUNT|aws:policy/PATH/NAME`.
fn is_policy_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ["arn", partition, "iam", "", account, resource] = parts[..] else {
        return false;
    };
    matches!(partition, "aws" | "aws-cn" | "aws-us-gov")
        && (account == "aws" || crate::arn::is_account_id(account))
        && resource
            .strip_prefix("policy/")
            .is_some_and(|name| !name.is_empty() && !name.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::Principal;

    fn caller(source_identity: Option<&str>, transitive: &[(&str, &str)]) -> Caller {
        Caller {
            principal: Principal::User {
                partition: "aws".into(),
                account: "111111111111".into(),
                name: "alice".into(),
            },
            temp: None,
            mfa: false,
            source_identity: source_identity.map(str::to_string),
            transitive: transitive
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn well_formed_controls_carry_on_down_the_chain() {
        let p = params(&[
            ("SourceIdentity", "alice"),
            ("Tags.member.1.Key", "team"),
            ("Tags.member.1.Value", "blue"),
            ("Tags.member.2.Key", "env"),
            ("Tags.member.2.Value", ""),
            ("TransitiveTagKeys.member.1", "TEAM"),
            ("Policy", r#"{"Version":"2012-10-17","Statement":[]}"#),
            (
                "PolicyArns.member.1.arn",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
            ),
        ]);
        let c = parse(&p, &caller(None, &[])).unwrap();
        assert_eq!(c.source_identity.as_deref(), Some("alice"));
        assert_eq!(c.transitive, [("team".to_string(), "blue".to_string())]);
        // The next hop inherits both and may send the same source identity again.
        let next = caller(Some("alice"), &[("team", "blue")]);
        let again = params(&[("SourceIdentity", "alice")]);
        assert_eq!(parse(&again, &next).unwrap().transitive.len(), 1);
    }

    #[test]
    fn malformed_controls_are_refused_as_sts_does() {
        let fresh = caller(None, &[]);
        for bad in [
            &[("SourceIdentity", "a")][..],
            &[("SourceIdentity", "has space")],
            &[("Tags.member.1.Key", "team")],
            &[("Tags.member.1.Key", "te!am"), ("Tags.member.1.Value", "x")],
            &[("Tags.member.1.Key", "aws:x"), ("Tags.member.1.Value", "x")],
            &[
                ("Tags.member.1.Key", "a"),
                ("Tags.member.1.Value", "1"),
                ("Tags.member.2.Key", "A"),
                ("Tags.member.2.Value", "2"),
            ],
            &[("TransitiveTagKeys.member.1", "a")],
            &[("Policy", "{not json")],
            &[("Policy", "[]")],
            &[(
                "PolicyArns.member.1.arn",
                "arn:aws:iam::111111111111:role/R",
            )],
        ] {
            assert!(parse(&params(bad), &fresh).is_err(), "{bad:?}");
        }
        let fifty_one: Vec<(String, String)> = (1..=51)
            .flat_map(|n| {
                [
                    (format!("Tags.member.{n}.Key"), format!("k{n}")),
                    (format!("Tags.member.{n}.Value"), "v".to_string()),
                ]
            })
            .collect();
        assert!(parse(&fifty_one.into_iter().collect(), &fresh).is_err());
        let chained = caller(Some("alice"), &[("team", "blue")]);
        assert!(parse(&params(&[("SourceIdentity", "bob")]), &chained).is_err());
        let retag = params(&[
            ("Tags.member.1.Key", "Team"),
            ("Tags.member.1.Value", "blue"),
        ]);
        assert!(parse(&retag, &chained).is_err());
    }

    #[test]
    fn federation_tokens_take_the_policy_and_tags_checked_the_same_way() {
        let user = caller(None, &[]);
        let good = params(&[
            ("Tags.member.1.Key", "team"),
            ("Tags.member.1.Value", "blue"),
            ("Policy", r#"{"Version":"2012-10-17","Statement":[]}"#),
            (
                "PolicyArns.member.1.arn",
                "arn:aws:iam::aws:policy/ReadOnlyAccess",
            ),
        ]);
        assert!(federation(&good, &user).is_ok());
        for bad in [
            &[("Tags.member.1.Key", "aws:x"), ("Tags.member.1.Value", "x")][..],
            &[("Tags.member.1.Key", "team")],
            &[("Policy", "{not json")],
            &[("PolicyArns.member.1.arn", "arn:aws:iam::aws:role/R")],
        ] {
            assert!(federation(&params(bad), &user).is_err(), "{bad:?}");
        }
    }
}
