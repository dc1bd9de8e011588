//! AWS Sign-In's token endpoint (CreateOAuth2Token, `POST /v1/token`): an authorization
//! code or a refresh token in, SigV4 credentials and a new refresh token out, every call
//! proven with a DPoP proof. A plain JSON call through aws-login's HTTP client, as the
//! console federation call is: the request and answer are a handful of fields.

use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_smithy_types::body::SdkBody;
use serde::Deserialize;
use serde_json::Value;

use super::dpop::Key;
use crate::creds::Creds;
use crate::env::Env;

/// A bounded wait: the endpoint either answers or the run fails, never hangs.
const TIMEOUT: Duration = Duration::from_secs(15);

/// Sign-In's base URL: `AWS_ENDPOINT_URL_SIGNIN` (the console federation endpoint's
/// override too: one host serves both), else the region's sign-in host.
pub fn endpoint(region: &str, env: &Env) -> String {
    if let Some(base) = env.get("AWS_ENDPOINT_URL_SIGNIN").filter(|b| !b.is_empty()) {
        return base.trim_end_matches('/').to_string();
    }
    let host = match crate::partition::for_region(region).name {
        "aws-cn" => "signin.amazonaws.cn",
        "aws-us-gov" => "signin.amazonaws-us-gov.com",
        _ => "signin.aws.amazon.com",
    };
    format!("https://{region}.{host}")
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    access_token: AccessToken,
    token_type: Option<String>,
    expires_in: i64,
    refresh_token: String,
    id_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessToken {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
}

pub struct Output {
    pub creds: Creds,
    pub token_type: String,
    pub refresh_token: String,
    pub id_token: Option<String>,
}

/// Call the token endpoint at `base` with `body`, proven with `key`. `again` says how to
/// sign in again, for the errors that need it.
pub async fn call(base: &str, key: &Key, body: &Value, again: &str) -> Result<Output> {
    let url = format!("{base}/v1/token");
    let host = url::Url::parse(&url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .ok_or_else(|| {
            anyhow!(
                "the sign-in endpoint {} is not a URL: check AWS_ENDPOINT_URL_SIGNIN",
                crate::inert::echo(base)
            )
        })?;
    let request = http::Request::post(&url)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("dpop", key.proof(&url))
        .body(SdkBody::from(body.to_string()))
        .map_err(|_| anyhow!("the sign-in endpoint is not a URL: check AWS_ENDPOINT_URL_SIGNIN"))?;
    let sent = chrono::Utc::now();
    let (status, answer) = tokio::time::timeout(TIMEOUT, crate::net::call::send(request))
        .await
        .map_err(|_| {
            anyhow!(
                "AWS Sign-In ({host}) did not answer within {} s: try again later",
                TIMEOUT.as_secs()
            )
        })?
        .map_err(|e| anyhow!("cannot reach AWS Sign-In ({host}): {e}"))?;
    if !status.is_success() {
        return Err(refusal(&host, status.as_u16(), &answer, again));
    }
    let a: Answer = serde_json::from_slice(&answer).map_err(|_| {
        anyhow!("AWS Sign-In ({host}) answered without credentials: try again later")
    })?;
    if !(1..=43200).contains(&a.expires_in) {
        return Err(anyhow!(
            "AWS Sign-In ({host}) answered with expiresIn {}: try again later",
            a.expires_in
        ));
    }
    Ok(Output {
        creds: Creds {
            access_key_id: a.access_token.access_key_id,
            secret_access_key: a.access_token.secret_access_key,
            session_token: Some(a.access_token.session_token),
            // Whole seconds, counted from when the request left: the file's form.
            expiration: Some(
                chrono::DateTime::from_timestamp(sent.timestamp() + a.expires_in, 0)
                    .unwrap_or(sent),
            ),
            account_id: None,
        },
        token_type: a.token_type.unwrap_or_else(|| "aws_sigv4".to_string()),
        refresh_token: a.refresh_token,
        id_token: a.id_token,
    })
}

/// What a refused call means, from the OAuth error code in the answer.
fn refusal(host: &str, status: u16, answer: &[u8], again: &str) -> anyhow::Error {
    let v: Value = serde_json::from_slice(answer).unwrap_or_default();
    let code = v["error"].as_str().unwrap_or_default();
    let why = match code {
        "TOKEN_EXPIRED" => format!("the sign-in session has expired or was ended: {again}"),
        "AUTHCODE_EXPIRED" => format!("the authorization code has expired: {again}"),
        "USER_CREDENTIALS_CHANGED" => {
            format!("the password changed since this sign-in: {again}")
        }
        "INSUFFICIENT_PERMISSIONS" => {
            "the identity lacks permission for signin:CreateOAuth2Token: ask an administrator"
                .to_string()
        }
        _ if status >= 500 || status == 429 => "it failed on its side: try again later".to_string(),
        _ => {
            let message = v["message"].as_str().unwrap_or("no reason given");
            format!("{}: {again}", crate::inert::server(message))
        }
    };
    anyhow!("AWS Sign-In ({host}) refused the request (HTTP {status}): {why}")
}
