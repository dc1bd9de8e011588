//! AWS partitions: the regions each one holds, and the hosts of its web console and
//! sign-in service. One table, read by ARN parsing, STS policy ARNs, the console action
//! and region completion.

use crate::error::Usage;

/// A partition, as aws-login knows it.
#[derive(Debug)]
pub struct Partition {
    pub name: &'static str,
    /// Its region names start with this; the commercial partition (`""`) takes the rest.
    region_prefix: &'static str,
    /// The regions offered by completion (a region not listed still finds its partition).
    regions: &'static [&'static str],
    /// Where aws-login can sign in to the web console, if it can.
    console: Option<Hosts>,
}

#[derive(Debug)]
struct Hosts {
    console: &'static str,
    signin: &'static str,
}

const PARTITIONS: [Partition; 5] = [
    Partition {
        name: "aws",
        region_prefix: "",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        console: Some(Hosts {
            console: "console.aws.amazon.com",
            signin: "https://signin.aws.amazon.com",
        }),
    },
    Partition {
        name: "aws-us-gov",
        region_prefix: "us-gov-",
        regions: &["us-gov-east-1", "us-gov-west-1"],
        console: Some(Hosts {
            console: "console.amazonaws-us-gov.com",
            signin: "https://signin.amazonaws-us-gov.com",
        }),
    },
    Partition {
        name: "aws-cn",
        region_prefix: "cn-",
        regions: &["cn-north-1", "cn-northwest-1"],
        console: Some(Hosts {
            console: "console.amazonaws.cn",
            signin: "https://signin.amazonaws.cn",
        }),
    },
    Partition {
        name: "aws-iso",
        region_prefix: "us-iso-",
        regions: &[],
        console: None,
    },
    Partition {
        name: "aws-iso-b",
        region_prefix: "us-isob-",
        regions: &[],
        console: None,
    },
];

/// The partition a region belongs to.
pub fn for_region(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .filter(|p| region.starts_with(p.region_prefix))
        .max_by_key(|p| p.region_prefix.len())
        .expect("the commercial partition takes every region")
}

/// Every region completion offers, sorted.
pub fn regions() -> Vec<&'static str> {
    let mut all: Vec<&str> = PARTITIONS.iter().flat_map(|p| p.regions).copied().collect();
    all.sort_unstable();
    all
}

/// Whether `p` has the form of a partition name in an ARN: `aws`, or `aws-` and lowercase
/// words joined by `-` (partitions aws-login has no table entry for included).
pub fn is_name(p: &str) -> bool {
    p == "aws"
        || p.strip_prefix("aws-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        })
}

/// A partition's web console, where aws-login can sign in to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Console {
    pub partition: &'static str,
    /// The console's host; a regional console is `<region>.<host>`.
    pub host: &'static str,
    signin: &'static str,
}

impl Console {
    /// The sign-in service's federation endpoint (GetSigninToken, the login URL), on
    /// `base` when given (AWS_ENDPOINT_URL_SIGNIN), else on the partition's sign-in host.
    pub fn federation_endpoint(&self, base: Option<&str>) -> String {
        format!(
            "{}/federation",
            base.unwrap_or(self.signin).trim_end_matches('/')
        )
    }

    /// Where the console signs a browser out (`oauth?Action=logout`), on `base` as above.
    pub fn logout_endpoint(&self, base: Option<&str>) -> String {
        format!(
            "{}/oauth",
            base.unwrap_or(self.signin).trim_end_matches('/')
        )
    }

    /// The federation endpoint for a login URL that the logout endpoint sends the browser
    /// on to: in the aws partition the logout honours `redirect_uri` only for the
    /// us-east-1 sign-in host (the global one lands on aws.amazon.com instead).
    pub fn login_endpoint_after_logout(&self, base: Option<&str>) -> String {
        match base {
            None if self.partition == "aws" => {
                "https://us-east-1.signin.aws.amazon.com/federation".to_string()
            }
            _ => self.federation_endpoint(base),
        }
    }
}

/// The console of partition `name`, or why there is none.
pub fn console(name: &str) -> Result<Console, Usage> {
    let with_console = || PARTITIONS.iter().filter(|p| p.console.is_some());
    let found = with_console().find(|p| p.name == name).and_then(|p| {
        let hosts = p.console.as_ref()?;
        Some(Console {
            partition: p.name,
            host: hosts.console,
            signin: hosts.signin,
        })
    });
    found.ok_or_else(|| {
        let names: Vec<&str> = with_console().map(|p| p.name).collect();
        let (last, rest) = names.split_last().expect("some partitions have a console");
        Usage(format!(
            "the console is not available for partition {name}: aws-login knows {} and {last}",
            rest.join(", ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partitions_follow_the_region() {
        for (region, partition) in [
            ("cn-north-1", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-west-1", "aws"),
            ("xx-new-9", "aws"),
        ] {
            assert_eq!(for_region(region).name, partition, "{region}");
        }
    }

    #[test]
    fn every_listed_region_belongs_to_the_partition_that_lists_it() {
        for p in &PARTITIONS {
            for region in p.regions {
                assert_eq!(for_region(region).name, p.name, "{region}");
            }
        }
        let all = regions();
        assert_eq!(all.len(), 36);
        assert!(all.is_sorted());
    }

    #[test]
    fn consoles_exist_for_aws_us_gov_and_cn_only() {
        let gov = console("aws-us-gov").unwrap();
        assert_eq!(gov.host, "console.amazonaws-us-gov.com");
        assert_eq!(
            gov.federation_endpoint(None),
            "https://signin.amazonaws-us-gov.com/federation"
        );
        assert_eq!(
            gov.federation_endpoint(Some("http://127.0.0.1:9/")),
            "http://127.0.0.1:9/federation"
        );
        assert_eq!(
            gov.logout_endpoint(None),
            "https://signin.amazonaws-us-gov.com/oauth"
        );
        assert_eq!(
            gov.login_endpoint_after_logout(None),
            "https://signin.amazonaws-us-gov.com/federation"
        );
        let aws = console("aws").unwrap();
        assert_eq!(
            aws.logout_endpoint(None),
            "https://signin.aws.amazon.com/oauth"
        );
        assert_eq!(
            aws.login_endpoint_after_logout(None),
            "https://us-east-1.signin.aws.amazon.com/federation"
        );
        assert_eq!(
            aws.login_endpoint_after_logout(Some("http://127.0.0.1:9")),
            "http://127.0.0.1:9/federation"
        );
        assert_eq!(
            console("aws-iso").unwrap_err().0,
            "the console is not available for partition aws-iso: aws-login knows aws, aws-us-gov and aws-cn"
        );
        assert!(console("aws-nope").is_err());
    }

    #[test]
    fn partition_names_in_arns_are_aws_or_aws_and_lowercase_words() {
        for ok in ["aws", "aws-cn", "aws-iso-b", "aws-eusc"] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in ["", "aws-", "aws--x", "aws-X", "foo", "aws-1", "aws-x-"] {
            assert!(!is_name(bad), "{bad}");
        }
    }
}
