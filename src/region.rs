//! Which region STS calls go to.
//!
//! Resolved here, not by aws-config's region chain: that chain ends at instance metadata,
//! which stalls a laptop with no region configured.

use crate::env::Env;

/// Used when nothing else names a region. STS answers in every region.
pub const DEFAULT_REGION: &str = "us-east-1";

/// `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's region > us-east-1.
pub fn resolve(cli: Option<&str>, env: &Env, profile_region: Option<&str>) -> String {
    cli.or_else(|| env.get("AWS_REGION"))
        .or_else(|| env.get("AWS_DEFAULT_REGION"))
        .or(profile_region)
        .unwrap_or(DEFAULT_REGION)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_set_region_wins() {
        let env = Env::from_pairs(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "eu-west-2"),
        ]);
        assert_eq!(
            resolve(Some("ap-south-1"), &env, Some("sa-east-1")),
            "ap-south-1"
        );
        assert_eq!(resolve(None, &env, Some("sa-east-1")), "eu-west-1");
        let env = Env::from_pairs(&[("AWS_DEFAULT_REGION", "eu-west-2")]);
        assert_eq!(resolve(None, &env, Some("sa-east-1")), "eu-west-2");
        assert_eq!(
            resolve(None, &Env::default(), Some("sa-east-1")),
            "sa-east-1"
        );
        assert_eq!(resolve(None, &Env::default(), None), DEFAULT_REGION);
    }
}
