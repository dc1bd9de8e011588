//! The console federation endpoint: getSigninToken, then the login URL.
//!
//! The request carries the secret key and session token in its query string, so no
//! error message here ever includes the URL.

use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_smithy_types::body::SdkBody;
use hyper::body::Bytes;
use serde::Serialize;

use crate::creds::Creds;

/// A bounded wait: the endpoint either answers or the run fails, never hangs.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Session<'a> {
    session_id: &'a str,
    session_key: &'a str,
    session_token: &'a str,
}

/// Exchange temporary credentials for a sign-in token.
pub async fn signin_token(
    endpoint: &str,
    creds: &Creds,
    session_duration: Option<i32>,
) -> Result<String> {
    let session = serde_json::to_string(&Session {
        session_id: &creds.access_key_id,
        session_key: &creds.secret_access_key,
        session_token: creds.session_token.as_deref().unwrap_or_default(),
    })?;
    let mut url = url::Url::parse(endpoint).map_err(|e| {
        anyhow!("the sign-in endpoint is not a URL ({e}): check AWS_ENDPOINT_URL_SIGNIN")
    })?;
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("Action", "getSigninToken");
        if let Some(d) = session_duration {
            q.append_pair("SessionDuration", &d.to_string());
        }
        q.append_pair("Session", &session);
    }
    let host = url.host_str().unwrap_or_default().to_string();
    let (status, body) = tokio::time::timeout(TIMEOUT, get(url))
        .await
        .map_err(|_| {
            anyhow!(
                "the console sign-in endpoint ({host}) did not answer within {} s: try again later",
                TIMEOUT.as_secs()
            )
        })?
        .map_err(|e| anyhow!("cannot reach the console sign-in endpoint ({host}): {e}"))?;
    if !status.is_success() {
        let hint = if status.is_client_error() {
            "it did not accept these credentials (expired, or a kind the console refuses, or a session duration over the limit)"
        } else {
            "it failed on its side: try again later"
        };
        return Err(anyhow!(
            "the console sign-in endpoint ({host}) answered HTTP {}: {hint}",
            status.as_u16()
        ));
    }
    let v: serde_json::Value = serde_json::from_slice(&body).map_err(|_| {
        anyhow!("the console sign-in endpoint ({host}) answered something other than JSON")
    })?;
    v["SigninToken"]
        .as_str()
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            anyhow!("the console sign-in endpoint ({host}) answered without a SigninToken")
        })
}

/// The URL that signs the browser in: Action=login, Issuer, Destination, SigninToken.
pub fn login_url(endpoint: &str, issuer: &str, destination: &str, token: &str) -> Result<String> {
    let mut url = url::Url::parse(endpoint)?;
    url.query_pairs_mut()
        .append_pair("Action", "login")
        .append_pair("Issuer", issuer)
        .append_pair("Destination", destination)
        .append_pair("SigninToken", token);
    Ok(url.into())
}

/// A URL that signs the browser's current console session out, then goes on to
/// `login_url` (the logout endpoint's `redirect_uri`): a secret like the login URL itself.
pub fn logout_then(logout_endpoint: &str, login_url: &str) -> Result<String> {
    let mut url = url::Url::parse(logout_endpoint)?;
    url.query_pairs_mut()
        .append_pair("Action", "logout")
        .append_pair("redirect_uri", login_url);
    Ok(url.into())
}

async fn get(url: url::Url) -> Result<(hyper::StatusCode, Bytes), String> {
    let request = http::Request::get(url.as_str())
        .body(SdkBody::empty())
        .map_err(|_| "bad URL".to_string())?;
    crate::net::call::send(request).await
}
