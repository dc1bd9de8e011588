//! AWS timestamps: RFC 3339 in UTC with `Z` and whole seconds, the form the AWS CLI's
//! token cache holds and starship and the SDKs parse in `AWS_CREDENTIAL_EXPIRATION`.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};

use crate::env::Env;

/// When the credentials in the environment expire (set beside the keys by aws-login, the
/// AWS CLI's `export-credentials` and others).
pub const EXPIRATION_VAR: &str = "AWS_CREDENTIAL_EXPIRATION";

/// `2026-01-01T12:00:00Z`.
pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A time in a token cache file: RFC 3339 (any offset), or the old AWS CLI form
/// `2019-11-14T04:05:45UTC`.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    parse_rfc3339(s).or_else(|| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%SUTC")
            .ok()
            .map(|t| t.and_utc())
    })
}

/// [`EXPIRATION_VAR`], when it holds an RFC 3339 time (what starship accepts there).
pub fn credential_expiration(env: &Env) -> Option<DateTime<Utc>> {
    parse_rfc3339(env.get(EXPIRATION_VAR)?)
}

fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc_with_z_and_read_with_any_offset() {
        let t = parse("2031-02-03T06:05:06.5+02:00").unwrap();
        assert_eq!(format(t), "2031-02-03T04:05:06Z");
    }

    #[test]
    fn old_aws_cli_times_parse_in_caches_only() {
        assert_eq!(
            parse("2019-11-14T04:05:45UTC").map(format).as_deref(),
            Some("2019-11-14T04:05:45Z")
        );
        assert!(parse("tomorrow").is_none());
        let env = Env::from_pairs(&[(EXPIRATION_VAR, "2019-11-14T04:05:45UTC")]);
        assert_eq!(credential_expiration(&env), None);
        let env = Env::from_pairs(&[(EXPIRATION_VAR, "2019-11-14T04:05:45+00:00")]);
        assert_eq!(credential_expiration(&env), parse("2019-11-14T04:05:45Z"));
    }
}
