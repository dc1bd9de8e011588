//! The sign-ins the shared token cache holds, as `sso sessions` and `doctor` show them:
//! which session, how long its token lives, whether it refreshes itself, and until when
//! its client registration lets it.

use aws_config::profile::ProfileSet;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::cache::Cache;
use crate::env::Env;
use crate::inert::for_terminal;

/// One token file of the shared cache. Every text is from a file: shown inert.
#[derive(Serialize)]
pub struct Signin {
    /// The `[sso-session]` name whose file this is, else the start URL (a legacy profile's key).
    pub session: String,
    pub start_url: String,
    pub region: String,
    pub expires_at: Option<String>,
    /// Negative once the token has expired.
    pub seconds_left: Option<i64>,
    pub refresh_token: bool,
    pub registration_expires_at: Option<String>,
    pub registration_seconds_left: Option<i64>,
}

/// Every sign-in in the shared cache, by session name then start URL. `profiles` names the
/// files of the config's `[sso-session]` sections (none: each is shown by its start URL).
pub fn all(env: &Env, profiles: Option<&ProfileSet>, now: DateTime<Utc>) -> Vec<Signin> {
    let Ok(cache) = Cache::new(env) else {
        return Vec::new();
    };
    let names: Vec<(std::path::PathBuf, &str)> = profiles
        .map(|set| set.sso_sessions().map(|n| (cache.path(n), n)).collect())
        .unwrap_or_default();
    let shown = |s: &str| for_terminal(s, 300).into_owned();
    let left = |t: Option<DateTime<Utc>>| t.map(|t| (t - now).num_seconds());
    let mut all: Vec<Signin> = cache
        .token_files()
        .into_iter()
        .map(|(path, token)| {
            let start_url = token.start_url().unwrap_or_default();
            let session = names
                .iter()
                .find(|(p, _)| *p == path)
                .map_or(start_url, |(_, n)| n);
            Signin {
                session: shown(session),
                start_url: shown(start_url),
                region: shown(token.region().unwrap_or_default()),
                expires_at: token.expires_at().map(crate::time::format),
                seconds_left: left(token.expires_at()),
                refresh_token: token.refresh_token().is_some(),
                registration_expires_at: token.registration_expires_at().map(crate::time::format),
                registration_seconds_left: left(token.registration_expires_at()),
            }
        })
        .collect();
    all.sort_by(|a, b| (&a.session, &a.start_url).cmp(&(&b.session, &b.start_url)));
    all
}

/// Time left as a person reads it (`3h05m`, `12m`, `expired`; `?` when unknown).
pub fn left(secs: Option<i64>) -> String {
    match secs {
        None => "?".to_string(),
        Some(s) if s <= 0 => "expired".to_string(),
        Some(s) if s >= 86400 => format!("{}d{:02}h", s / 86400, s % 86400 / 3600),
        Some(s) if s >= 3600 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        Some(s) => format!("{}m", s / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::left;

    #[test]
    fn time_left_reads_in_the_largest_units_that_matter() {
        assert_eq!(left(None), "?");
        assert_eq!(left(Some(0)), "expired");
        assert_eq!(left(Some(-5)), "expired");
        assert_eq!(left(Some(599)), "9m");
        assert_eq!(left(Some(3600 + 5 * 60)), "1h05m");
        assert_eq!(left(Some(90 * 86400 + 3 * 3600)), "90d03h");
    }
}
