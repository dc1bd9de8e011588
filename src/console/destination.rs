//! Where the console opens: the partition's console host (crate::partition), and a table
//! of common services.

use std::fmt::Write;

use crate::error::Usage;
use crate::inert::echo;
use crate::partition::Console;

/// Console paths of common services (`--service NAME`).
const SERVICES: &[(&str, &str)] = &[
    ("acm", "acm/home"),
    ("apigateway", "apigateway/main/apis"),
    ("athena", "athena/home"),
    ("billing", "billing/home"),
    ("bedrock", "bedrock/home"),
    ("cloudformation", "cloudformation/home"),
    ("cloudfront", "cloudfront/v4/home"),
    ("cloudtrail", "cloudtrail/home"),
    ("cloudwatch", "cloudwatch/home"),
    ("codebuild", "codesuite/codebuild/projects"),
    ("codepipeline", "codesuite/codepipeline/pipelines"),
    ("config", "config/home"),
    ("cost", "costmanagement/home"),
    ("dynamodb", "dynamodbv2/home"),
    ("ec2", "ec2/home"),
    ("ecr", "ecr/private-registry/repositories"),
    ("ecs", "ecs/v2/home"),
    ("eks", "eks/home"),
    ("elasticache", "elasticache/home"),
    ("eventbridge", "events/home"),
    ("glue", "glue/home"),
    ("guardduty", "guardduty/home"),
    ("iam", "iam/home"),
    ("kinesis", "kinesis/home"),
    ("kms", "kms/home"),
    ("lambda", "lambda/home"),
    ("logs", "cloudwatch/home#logsV2:log-groups"),
    ("organizations", "organizations/v2/home"),
    ("rds", "rds/home"),
    ("redshift", "redshiftv2/home"),
    ("route53", "route53/v2/home"),
    ("s3", "s3/home"),
    ("sagemaker", "sagemaker/home"),
    ("secretsmanager", "secretsmanager/home"),
    ("securityhub", "securityhub/home"),
    ("sns", "sns/v3/home"),
    ("sqs", "sqs/v3/home"),
    ("ssm", "systems-manager/home"),
    ("sso", "singlesignon/home"),
    ("stepfunctions", "states/home"),
    ("support", "support/home"),
    ("vpc", "vpcconsole/home"),
    ("waf", "wafv2/homev2"),
];

/// The Destination for the login URL: `--destination` (https, on the partition's console
/// host), `--service` (the table above) or the console home, in `region`.
pub fn resolve(
    destination: Option<&str>,
    service: Option<&str>,
    region: &str,
    p: Console,
) -> Result<String, Usage> {
    if let Some(d) = destination {
        let url = url::Url::parse(d)
            .map_err(|e| Usage(format!("--destination '{}' is not a URL ({e})", echo(d))))?;
        let host = url.host_str().unwrap_or_default();
        let on_console = host == p.host || host.ends_with(&format!(".{}", p.host));
        if url.scheme() != "https" || !on_console {
            return Err(Usage(format!(
                "--destination must be an https URL on {} (the {} console), e.g. https://{region}.{}/ec2/home",
                p.host, p.partition, p.host
            )));
        }
        return Ok(d.to_string());
    }
    let path = match service {
        None => "console/home",
        Some(name) => {
            let key = name.to_ascii_lowercase();
            SERVICES
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, path)| *path)
                .ok_or_else(|| unknown_service(name))?
        }
    };
    // The region goes in the query before any fragment (logs' path carries one).
    let (path, fragment) = path
        .split_once('#')
        .map_or((path, None), |(p, f)| (p, Some(f)));
    let mut url = format!("https://{region}.{}/{path}?region={region}", p.host);
    if let Some(f) = fragment {
        let _ = write!(url, "#{f}");
    }
    Ok(url)
}

fn unknown_service(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut close: Vec<(f64, &str)> = SERVICES
        .iter()
        .map(|(n, _)| (strsim::jaro_winkler(&lower, n), *n))
        .filter(|(score, n)| *score > 0.8 || n.starts_with(&lower) || lower.starts_with(n))
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<&str> = close.iter().take(4).map(|(_, n)| *n).collect();
    if names.is_empty() {
        let all: Vec<&str> = SERVICES.iter().map(|(n, _)| *n).collect();
        format!(
            "unknown --service '{}': known services are {}; or give --destination URL",
            echo(name),
            all.join(", ")
        )
    } else {
        format!(
            "unknown --service '{}': did you mean {}? (or give --destination URL)",
            echo(name),
            names.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partition::console as partition;

    #[test]
    fn destinations_carry_the_region_in_every_partition() {
        let aws = partition("aws").unwrap();
        assert_eq!(
            resolve(None, None, "eu-west-1", aws).unwrap(),
            "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"
        );
        assert_eq!(
            resolve(None, Some("EC2"), "us-east-2", aws).unwrap(),
            "https://us-east-2.console.aws.amazon.com/ec2/home?region=us-east-2"
        );
        assert_eq!(
            resolve(None, Some("logs"), "us-east-1", aws).unwrap(),
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups"
        );
        let gov = partition("aws-us-gov").unwrap();
        assert_eq!(
            resolve(None, Some("s3"), "us-gov-west-1", gov).unwrap(),
            "https://us-gov-west-1.console.amazonaws-us-gov.com/s3/home?region=us-gov-west-1"
        );
        let cn = partition("aws-cn").unwrap();
        assert_eq!(
            resolve(None, None, "cn-north-1", cn).unwrap(),
            "https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1"
        );
    }

    #[test]
    fn explicit_destinations_must_be_https_on_the_console_host() {
        let aws = partition("aws").unwrap();
        let ok = "https://s3.console.aws.amazon.com/s3/buckets?region=us-east-1";
        assert_eq!(resolve(Some(ok), None, "us-east-1", aws).unwrap(), ok);
        for bad in [
            "http://console.aws.amazon.com/",
            "https://evil.example.com/",
            "https://console.aws.amazon.com.evil.com/",
            "not a url",
        ] {
            assert!(resolve(Some(bad), None, "us-east-1", aws).is_err(), "{bad}");
        }
        assert!(
            resolve(
                Some("https://console.aws.amazon.com/"),
                None,
                "cn-north-1",
                partition("aws-cn").unwrap()
            )
            .is_err()
        );
    }

    #[test]
    fn unknown_services_suggest_close_names() {
        let err = resolve(None, Some("lamda"), "us-east-1", partition("aws").unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("lambda"), "{err}");
        let err = resolve(None, Some("zzzz"), "us-east-1", partition("aws").unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("known services are"), "{err}");
    }
}
