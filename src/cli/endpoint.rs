//! The options of the local credentials endpoint (`serve`, `runas --serve`): how long it
//! may live, where its token goes, and where its requests are recorded.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

/// The longest cap or idle timeout taken: a year is already more than any use of one.
const LONGEST: Duration = Duration::from_secs(366 * 24 * 3600);

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Endpoint")]
pub struct EndpointArgs {
    /// Refuse every request (403) this long after the endpoint starts (30s, 15m, 2h,
    /// 1h30m); until then STS is asked for no more than is left (900 s at least), and
    /// served credentials are said to expire by then.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub max_lifetime: Option<Duration>,

    /// Stop the endpoint after no request for this long (`serve` then exits; with
    /// `runas --serve` the child goes on without it).
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub idle_timeout: Option<Duration>,

    /// Where to write the authorization token for AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE
    /// (0600, removed when the endpoint ends) [default: in aws-login's runtime directory].
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,

    /// Append one JSON line per request to FILE (time, peer, path, status, identity; never
    /// a secret or the token).
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
}

impl EndpointArgs {
    /// The first option given, for a message saying it needs `--serve`.
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.max_lifetime.is_some(), "--max-lifetime"),
            (self.idle_timeout.is_some(), "--idle-timeout"),
            (self.token_file.is_some(), "--token-file"),
            (self.log.is_some(), "--log"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }
}

/// A positive duration with units, as people write it: `5s`, `30m`, `2h`, `1h30m`.
fn duration(s: &str) -> Result<Duration, String> {
    let fix = "write a number with a unit, such as 30s, 15m, 2h or 1h30m";
    let d = humantime::parse_duration(s.trim()).map_err(|e| format!("{e}: {fix}"))?;
    if d.is_zero() {
        return Err(format!("it must be longer than zero: {fix}"));
    }
    if d > LONGEST {
        return Err("it must be at most a year".to_string());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_units_and_refuse_nothing_and_bare_numbers() {
        assert_eq!(duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(duration("2h"), Ok(Duration::from_secs(7200)));
        assert_eq!(duration("1h30m"), Ok(Duration::from_secs(5400)));
        for bad in ["", "0s", "5", "-5s", "5x", "2y"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }
}
