//! The local clock against STS's: SigV4 rejects a request signed more than 5 minutes
//! away from the server's time. One unsigned request (STS answers it with an error that
//! still carries a `Date` header), through aws-login's own HTTP client.

use std::time::Duration;

use aws_config::profile::ProfileSet;
use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;
use chrono::{DateTime, Utc};

use super::Check;
use crate::env::Env;
use crate::profiles;

const CHECK: &str = "clock";
/// SigV4's limit.
const FAIL_SECS: i64 = 300;
const WARN_SECS: i64 = 60;

pub async fn checks(env: &Env, set: Option<&ProfileSet>, out: &mut Vec<Check>) {
    let endpoint = endpoint(env, set);
    let shown = crate::inert::server(&endpoint).into_owned();
    let sent = Utc::now();
    let date = match server_date(&endpoint, env, set).await {
        Ok(d) => d,
        Err(why) => {
            out.push(Check::warn(
                CHECK,
                format!("cannot compare with STS ({shown}): {why}"),
                "check the network, proxy and CA settings below, then run doctor again",
            ));
            return;
        }
    };
    let now = Utc::now();
    // The server stamped its Date between sending and now; its one-second resolution
    // dwarfs the round trip.
    let local = sent + (now - sent) / 2;
    let skew = (local - date).num_seconds();
    let ahead = if skew > 0 { "ahead of" } else { "behind" };
    let detail = format!("this clock is {} {ahead} STS's", span(skew.abs()));
    out.push(match skew.abs() {
        s if s > FAIL_SECS => Check::fail(
            CHECK,
            format!("{detail}: AWS rejects requests signed more than 5 minutes off"),
            "set the clock right (enable NTP: timedatectl set-ntp true)",
        ),
        s if s > WARN_SECS => Check::warn(
            CHECK,
            detail,
            "set the clock right (enable NTP: timedatectl set-ntp true) before it drifts past 5 minutes",
        ),
        _ => Check::ok(CHECK, format!("within a minute of STS ({shown})")),
    });
}

/// Whole minutes past two (the Date header has one-second resolution), else seconds.
fn span(secs: i64) -> String {
    if secs >= 120 {
        format!("about {}m", (secs + 30) / 60)
    } else {
        format!("{secs}s")
    }
}

/// STS's endpoint as the SDK would pick it: an override, else the region's.
fn endpoint(env: &Env, set: Option<&ProfileSet>) -> String {
    if let Some(url) = env
        .get("AWS_ENDPOINT_URL_STS")
        .or(env.get("AWS_ENDPOINT_URL"))
    {
        return url.to_string();
    }
    let profile = env.get("AWS_PROFILE");
    let from_profile = set.and_then(|s| profiles::region(s, profile));
    let region = crate::region::resolve(None, env, from_profile).name;
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://sts.{region}.{suffix}")
}

async fn server_date(
    endpoint: &str,
    env: &Env,
    set: Option<&ProfileSet>,
) -> Result<DateTime<Utc>, String> {
    crate::validate::endpoint_url("the STS endpoint", endpoint).map_err(|e| e.to_string())?;
    let profile = env.get("AWS_PROFILE").unwrap_or("default");
    let bundle = set
        .and_then(|s| s.get_profile(profile))
        .and_then(|p| p.get("ca_bundle"))
        .map(|path| (profile, path));
    crate::net::configure(env, bundle).map_err(|e| format!("{e:#}"))?;
    let settings = HttpConnectorSettings::builder()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(Duration::from_secs(10))
        .build();
    let connector = crate::net::connector(&settings).map_err(|e| format!("{e:#}"))?;
    let url = format!(
        "{}/?Action=GetCallerIdentity&Version=2011-06-15",
        endpoint.trim_end_matches('/')
    );
    let request = http::Request::get(url)
        .body(SdkBody::empty())
        .map_err(|_| "not a URL".to_string())?;
    let request = HttpRequest::try_from(request).map_err(|_| "not a URL".to_string())?;
    let call = connector.call(request);
    let resp = tokio::time::timeout(Duration::from_secs(15), call)
        .await
        .map_err(|_| "no answer in 15 seconds".to_string())?
        .map_err(|e| {
            crate::net::explain(&e).unwrap_or_else(|| {
                if e.is_timeout() {
                    "the connection timed out".to_string()
                } else {
                    "the connection failed".to_string()
                }
            })
        })?;
    let date = resp
        .headers()
        .get("date")
        .ok_or_else(|| "the answer has no Date header".to_string())?;
    DateTime::parse_from_rfc2822(date)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| "the answer's Date header is not a date".to_string())
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn skew_is_shown_in_seconds_then_whole_minutes() {
        assert_eq!(span(61), "61s");
        assert_eq!(span(599), "about 10m");
        assert_eq!(span(600), "about 10m");
        assert_eq!(span(149), "about 2m");
    }
}
