//! `Action=login`: spends a sign-in token and redirects the browser to the
//! emulator's console page (AWS redirects to the Destination itself).

use super::{CONSOLE_PATH, Params, SESSION_COOKIE, SigninError, required, session_cookie};
use crate::html::{escape_html, page};
use crate::http::Request;
use crate::http::Response;
use crate::router::Outcome;
use crate::state::State;
use url::{Host, Url};

/// Console hosts per partition; region-specific and service consoles are
/// subdomains of these (us-east-1.console.aws.amazon.com, s3.console…).
const CONSOLE_HOSTS: &[&str] = &[
    "console.aws.amazon.com",
    "console.amazonaws-us-gov.com",
    "console.amazonaws.cn",
];

/// Region of a console URL that names none, as the console itself picks.
const DEFAULT_REGION: &str = "us-east-1";

pub fn login(
    state: &State,
    req: &Request,
    params: &Params,
    out: &mut Outcome,
) -> Result<Response, SigninError> {
    let token = required(params, "SigninToken")?;
    let mut store = state.signin.lock().unwrap();
    // AWS keeps one console session per browser: signed in as one identity, the
    // browser cannot sign in as another until it signs out.
    let signed_in = session_cookie(req)
        .and_then(|id| store.live_console_arn(&id))
        .filter(|arn| {
            store
                .by_token_mut(token)
                .is_some_and(|g| g.caller_arn != *arn)
        });
    if let Some(arn) = signed_in {
        out.caller_arn = Some(arn);
        return Err(SigninError::bad_request(
            "SignedInAsAnother",
            "You must first log out before logging into a different AWS account.",
        ));
    }
    let invalid_token = |why: &str| SigninError::bad_request("InvalidSigninToken", why);
    let grant = store
        .by_token_mut(token)
        .ok_or_else(|| invalid_token("The sign-in token is not valid"))?;
    out.access_key_id = Some(grant.access_key_id.clone());
    out.caller_arn = Some(grant.caller_arn.clone());
    if grant.used {
        return Err(invalid_token("The sign-in token has already been used"));
    }
    if grant.token_expired() {
        return Err(invalid_token(
            "The sign-in token has expired; sign-in tokens are valid for 15 minutes",
        ));
    }
    let issuer = required(params, "Issuer")?;
    let destination = required(params, "Destination")?;
    let region = console_region(destination)
        .map_err(|why| SigninError::bad_request("InvalidDestination", why))?;
    // Only a successful login spends the token, so a corrected retry works.
    grant.issuer = Some(issuer.to_string());
    grant.destination = Some(destination.to_string());
    let console = grant.open_console(region);
    let max_age = (console.expires_at - chrono::Utc::now())
        .num_seconds()
        .max(1);
    let cookie = format!(
        "{SESSION_COOKIE}={}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax",
        console.id
    );
    let location = format!("{}{CONSOLE_PATH}?d={}", state.base_url, console.id);
    let body = format!(
        "<p>Redirecting to <a href=\"{0}\">{0}</a></p>",
        escape_html(&location)
    );
    Ok(page(302, "Redirecting", &body)
        .with_header("Location", location)
        .with_header("Set-Cookie", cookie))
}

/// The region an AWS console URL opens in, or why it is not a console URL:
/// its `region=` parameter, else a `REGION.console…` host, else us-east-1.
pub fn console_region(destination: &str) -> Result<String, String> {
    let url = Url::parse(destination)
        .map_err(|e| format!("Destination {destination:?} is not a URL: {e}"))?;
    if url.scheme() != "https" {
        return Err(format!("Destination {destination:?} is not an https URL"));
    }
    let Some(Host::Domain(host)) = url.host() else {
        return Err(format!("Destination {destination:?} has no host name"));
    };
    let prefix = CONSOLE_HOSTS
        .iter()
        .find_map(|console| match host.strip_suffix(console) {
            Some("") => Some(""),
            Some(sub) => sub.strip_suffix('.'),
            None => None,
        })
        .ok_or_else(|| format!("Destination host {host} is not an AWS console host"))?;
    let param = url.query_pairs().find(|(k, _)| k == "region");
    if let Some((_, region)) = param.filter(|(_, v)| !v.is_empty()) {
        return Ok(region.into_owned());
    }
    // The label next to "console" is the region in REGION.console… hosts;
    // service consoles (s3.console…) have a service name there instead.
    let label = prefix.rsplit('.').next().unwrap_or_default();
    if looks_like_region(label) {
        return Ok(label.to_string());
    }
    Ok(DEFAULT_REGION.to_string())
}

/// `us-east-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-2`…
fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let letters = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1].iter().all(letters)
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_console_urls() {
        let ok = |u: &str| console_region(u).unwrap();
        assert_eq!(ok("https://console.aws.amazon.com/"), "us-east-1");
        assert_eq!(
            ok("https://us-west-2.console.aws.amazon.com/ec2/home"),
            "us-west-2"
        );
        assert_eq!(
            ok("https://console.aws.amazon.com/ec2/home?region=eu-west-1"),
            "eu-west-1"
        );
        assert_eq!(
            ok("https://us-west-2.console.aws.amazon.com/?region=ap-south-1"),
            "ap-south-1"
        );
        assert_eq!(ok("https://s3.console.aws.amazon.com/s3/home"), "us-east-1");
        assert_eq!(
            ok("https://us-gov-west-1.console.amazonaws-us-gov.com/"),
            "us-gov-west-1"
        );
        assert_eq!(ok("https://cn-north-1.console.amazonaws.cn/"), "cn-north-1");
        assert_eq!(ok("https://CONSOLE.AWS.AMAZON.COM/"), "us-east-1");
    }

    #[test]
    fn non_console_urls() {
        for bad in [
            "http://console.aws.amazon.com/",
            "https://evil.example.com/",
            "https://notconsole.aws.amazon.com/",
            "https://console.aws.amazon.com.evil.com/",
            "https://127.0.0.1/",
            "console.aws.amazon.com",
            "",
        ] {
            assert!(console_region(bad).is_err(), "{bad}");
        }
    }
}
