//! Just enough ARN parsing for IAM roles and the principals STS reports.

/// A parsed `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleArn {
    pub partition: String,
    pub account: String,
    /// The role NAME: AWS drops the path in assumed-role ARNs and user ids.
    pub name: String,
}

impl RoleArn {
    pub fn parse(arn: &str) -> Option<RoleArn> {
        let mut parts = arn.splitn(6, ':');
        let (prefix, partition, service, region, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if prefix != "arn" || service != "iam" || !region.is_empty() || !is_account_id(account) {
            return None;
        }
        if !matches!(partition, "aws" | "aws-cn" | "aws-us-gov") {
            return None;
        }
        let path_and_name = resource.strip_prefix("role/")?;
        let name = path_and_name.rsplit('/').next()?;
        if name.is_empty() {
            return None;
        }
        Some(RoleArn {
            partition: partition.into(),
            account: account.into(),
            name: name.into(),
        })
    }
}

pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arn_with_path() {
        let r = RoleArn::parse("arn:aws-cn:iam::222222222222:role/team/ops/Deploy").unwrap();
        assert_eq!(r.partition, "aws-cn");
        assert_eq!(r.account, "222222222222");
        assert_eq!(r.name, "Deploy");
        assert!(RoleArn::parse("arn:aws:iam::2222:role/x").is_none());
        assert!(RoleArn::parse("arn:aws:iam::222222222222:user/x").is_none());
        assert!(RoleArn::parse("arn:aws:iam::222222222222:role/").is_none());
    }
}
