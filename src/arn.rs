//! IAM role ARNs, account ids and role names.

use std::fmt;

use crate::error::Usage;

/// `arn:<partition>:iam::<12 digits>:role/<optional path/>name`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleArn {
    pub partition: String,
    pub account: String,
    /// The role name (last path segment).
    pub name: String,
    raw: String,
}

impl RoleArn {
    pub fn parse(s: &str) -> Result<RoleArn, Usage> {
        let fail = |why: &str| {
            Err(Usage(format!(
                "invalid role ARN '{}': {why} (expected arn:aws:iam::123456789012:role/NAME or role/PATH/NAME)",
                crate::inert::echo(s)
            )))
        };
        let parts: Vec<&str> = s.splitn(6, ':').collect();
        if parts.len() != 6 || parts[0] != "arn" {
            return fail("not an ARN");
        }
        let (partition, service, region, account, resource) =
            (parts[1], parts[2], parts[3], parts[4], parts[5]);
        if !crate::partition::is_name(partition) {
            return fail("unknown partition");
        }
        if service != "iam" {
            return fail("not an IAM ARN");
        }
        if !region.is_empty() {
            return fail("IAM ARNs have an empty region field");
        }
        if !is_account_id(account) {
            return fail("the account must be 12 digits");
        }
        let Some(path_and_name) = resource.strip_prefix("role/") else {
            return fail("not a role");
        };
        if path_and_name.starts_with('/') {
            return fail("bad role path");
        }
        let (path, name) = match path_and_name.rsplit_once('/') {
            Some((path, name)) => (path, name),
            None => ("", path_and_name),
        };
        if !is_role_name(name) {
            return fail("the role name must be 1-64 characters of letters, digits and +=,.@_-");
        }
        if path.len() > 510
            || !path.is_empty()
                && path.split('/').any(|seg| {
                    seg.is_empty() || !seg.chars().all(|c| ('\x21'..='\x7e').contains(&c))
                })
        {
            return fail("bad role path");
        }
        Ok(RoleArn {
            partition: partition.to_string(),
            account: account.to_string(),
            name: name.to_string(),
            raw: s.to_string(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.raw
    }
}

impl fmt::Display for RoleArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// An IAM role name: 1-64 of `[\w+=,.@-]`.
pub fn is_role_name(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.chars().all(is_name_char)
}

/// The character set IAM and STS use for role and session names: `[\w+=,.@-]`.
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_with_and_without_paths_parse() {
        let a = RoleArn::parse("arn:aws:iam::123456789012:role/Admin").unwrap();
        assert_eq!(
            (a.partition.as_str(), a.account.as_str(), a.name.as_str()),
            ("aws", "123456789012", "Admin")
        );
        let b = RoleArn::parse("arn:aws-us-gov:iam::123456789012:role/team/ops/Deploy").unwrap();
        assert_eq!(b.name, "Deploy");
        assert_eq!(b.partition, "aws-us-gov");
    }

    #[test]
    fn malformed_role_arns_are_rejected() {
        for bad in [
            "",
            "Admin",
            "arn:aws:iam::12345678901:role/Admin",
            "arn:aws:iam::123456789012:user/bob",
            "arn:aws:sts::123456789012:role/Admin",
            "arn:aws:iam:us-east-1:123456789012:role/Admin",
            "arn:foo:iam::123456789012:role/Admin",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/a b",
            "arn:aws:iam::123456789012:role//Admin",
        ] {
            assert!(RoleArn::parse(bad).is_err(), "{bad}");
        }
    }
}
