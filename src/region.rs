//! Which region STS calls go to, and whether it travels with the credentials.
//!
//! Resolved here, not by aws-config's region chain: that chain ends at instance metadata,
//! which stalls a laptop with no region configured.

use crate::env::Env;

/// Used when nothing else names a region: for STS (which answers in every region), and
/// for IAM Identity Center when no SSO region is given.
pub const DEFAULT_REGION: &str = "us-east-1";

/// The variables that carry the region to other tools. boto3 and the aws CLI v1 read only
/// `AWS_DEFAULT_REGION`, the v2 CLI and most SDKs `AWS_REGION` first: both are set.
pub const REGION_VARS: [&str; 2] = ["AWS_REGION", "AWS_DEFAULT_REGION"];

/// Where `awsl assume` records the region it exported, so that the next assume and
/// `awsl unassume` can tell it from a region the user set.
pub const EXPORTED_VAR: &str = "AWS_LOGIN_REGION";

/// Where a region came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    /// The variable it came from.
    Env(&'static str),
    Profile,
    /// Nothing named one: [`DEFAULT_REGION`], aws-login's own choice for STS.
    Fallback,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub source: Source,
}

impl Resolved {
    /// The region to hand on with the credentials. A process that gets the credentials
    /// loses the profile (AWS_PROFILE is unset beside explicit keys), so a region that came
    /// from one must travel with them; the fallback is only for aws-login's STS calls.
    pub fn exported(&self) -> Option<&str> {
        (self.source != Source::Fallback).then_some(self.name.as_str())
    }
}

/// `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's region > us-east-1.
pub fn resolve(cli: Option<&str>, env: &Env, profile_region: Option<&str>) -> Resolved {
    let (name, source) = if let Some(r) = cli {
        (r, Source::Flag)
    } else if let Some((var, r)) = REGION_VARS
        .into_iter()
        .find_map(|var| env.get(var).map(|r| (var, r)))
    {
        (r, Source::Env(var))
    } else if let Some(r) = profile_region {
        (r, Source::Profile)
    } else {
        (DEFAULT_REGION, Source::Fallback)
    };
    Resolved {
        name: name.to_string(),
        source,
    }
}

/// The region variables that still hold what `awsl assume` exported for the previous
/// identity. They are aws-login's, not the user's: the next assume does not read them and
/// unassume removes them. A region the user set, before or after an assume, differs from
/// the recorded one (or nothing is recorded) and is kept.
pub fn exported_leftovers(env: &Env) -> Vec<&'static str> {
    let Some(own) = env.get(EXPORTED_VAR) else {
        return Vec::new();
    };
    REGION_VARS
        .into_iter()
        .filter(|v| env.get(v) == Some(own))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_set_region_wins_and_says_where_it_came_from() {
        let env = Env::from_pairs(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "eu-west-2"),
        ]);
        let r = |name: &str, source| Resolved {
            name: name.to_string(),
            source,
        };
        assert_eq!(
            resolve(Some("ap-south-1"), &env, Some("sa-east-1")),
            r("ap-south-1", Source::Flag)
        );
        assert_eq!(
            resolve(None, &env, Some("sa-east-1")),
            r("eu-west-1", Source::Env("AWS_REGION"))
        );
        let env = Env::from_pairs(&[("AWS_DEFAULT_REGION", "eu-west-2")]);
        assert_eq!(
            resolve(None, &env, Some("sa-east-1")),
            r("eu-west-2", Source::Env("AWS_DEFAULT_REGION"))
        );
        assert_eq!(
            resolve(None, &Env::default(), Some("sa-east-1")),
            r("sa-east-1", Source::Profile)
        );
        let fallback = resolve(None, &Env::default(), None);
        assert_eq!(fallback, r(DEFAULT_REGION, Source::Fallback));
        assert_eq!(fallback.exported(), None);
        // Named explicitly, us-east-1 travels like any other region.
        assert_eq!(
            resolve(None, &Env::default(), Some(DEFAULT_REGION)).exported(),
            Some(DEFAULT_REGION)
        );
    }

    #[test]
    fn only_values_equal_to_the_recorded_export_are_leftovers() {
        let env = Env::from_pairs(&[
            ("AWS_REGION", "me-south-1"),
            ("AWS_DEFAULT_REGION", "eu-west-1"),
            (EXPORTED_VAR, "eu-west-1"),
        ]);
        assert_eq!(exported_leftovers(&env), ["AWS_DEFAULT_REGION"]);
        let env = Env::from_pairs(&[("AWS_REGION", "eu-west-1")]);
        assert!(exported_leftovers(&env).is_empty());
    }
}
