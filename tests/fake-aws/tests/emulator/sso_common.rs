//! Shared setup for the Identity Center tests: a scenario with an `sso`
//! section, SDK clients for the portal and OIDC, and PKCE helpers.

use super::*;
use aws_sdk_ssooidc::operation::create_token::{CreateTokenError, CreateTokenOutput};
use aws_sdk_ssooidc::operation::register_client::RegisterClientOutput;
use aws_sdk_ssooidc::operation::start_device_authorization::StartDeviceAuthorizationOutput;
use base64::Engine;
use sha2::{Digest, Sha256};

pub const START_URL: &str = "https://example.awsapps.com/start";
pub const SSO_USER: &str = "alice@example.com";
pub const DEV: &str = "111111111111";
pub const ODD: &str = "555555555555";
pub const ODD_NAME: &str = "Prod & \"Co\" (EU) / ünïcode";
/// A role that trusts only dev's `Admin` permission-set role.
pub const TARGET: &str = "arn:aws:iam::666666666666:role/SsoTarget";
/// A role that trusts any principal of account dev.
pub const ROOT_TRUST: &str = "arn:aws:iam::666666666666:role/TrustsDevRoot";
pub const SCOPE: &str = "sso:account:access";
pub const CALLBACK: &str = "http://127.0.0.1/oauth/callback";
pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The base scenario plus a portal; `sso_extra` is merged into the `sso` object.
pub fn sso_scenario(sso_extra: serde_json::Value) -> Scenario {
    let base = scenario();
    let admin_arn = base.sso_role_arn(DEV, "Admin");
    let mut json = serde_json::to_value(&base).unwrap();
    let mut sso = serde_json::json!({
        "start_url": START_URL,
        "region": "us-east-1",
        "user": SSO_USER,
        "assignments": [
            {"account_id": DEV, "account_name": "dev", "email": "dev@example.com",
             "roles": ["Admin", "ReadOnly"]},
            {"account_id": ODD, "account_name": ODD_NAME, "email": "odd@example.com",
             "roles": ["Admin"]}
        ]
    });
    for (k, v) in sso_extra.as_object().unwrap() {
        sso[k] = v.clone();
    }
    json["sso"] = sso;
    let roles = json["roles"].as_array_mut().unwrap();
    roles.push(serde_json::json!({"arn": TARGET, "trust": [admin_arn]}));
    let root = format!("arn:aws:iam::{DEV}:root");
    roles.push(serde_json::json!({"arn": ROOT_TRUST, "trust": [root]}));
    Scenario::from_json(&json.to_string()).unwrap()
}

pub fn oidc(fake: &FakeAws) -> aws_sdk_ssooidc::Client {
    oidc_with_retry(fake, RetryConfig::disabled())
}

pub fn oidc_with_retry(fake: &FakeAws, retry: RetryConfig) -> aws_sdk_ssooidc::Client {
    let conf = aws_sdk_ssooidc::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(fake.url())
        .retry_config(retry)
        .build();
    aws_sdk_ssooidc::Client::from_conf(conf)
}

pub fn portal(fake: &FakeAws) -> aws_sdk_sso::Client {
    portal_with_retry(fake, RetryConfig::disabled())
}

pub fn portal_with_retry(fake: &FakeAws, retry: RetryConfig) -> aws_sdk_sso::Client {
    let conf = aws_sdk_sso::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(fake.url())
        .retry_config(retry)
        .build();
    aws_sdk_sso::Client::from_conf(conf)
}

/// (verifier, S256 challenge)
pub fn pkce_pair() -> (String, String) {
    let verifier = "fake-aws-test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz".to_string();
    let digest = Sha256::digest(verifier.as_bytes());
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
    (verifier, challenge)
}

/// A decoded query parameter of an absolute URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The path-and-query part of a URL the emulator handed out, for `raw::send`.
pub fn target_of(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// Which modeled CreateToken error the SDK parsed, and its OAuth `error` field.
pub fn token_error<R: std::fmt::Debug + Send + Sync + 'static>(
    err: aws_sdk_ssooidc::error::SdkError<CreateTokenError, R>,
) -> (&'static str, Option<String>) {
    use CreateTokenError as E;
    let se = err.into_service_error();
    let (name, oauth) = match &se {
        E::AccessDeniedException(e) => ("AccessDeniedException", e.error()),
        E::AuthorizationPendingException(e) => ("AuthorizationPendingException", e.error()),
        E::ExpiredTokenException(e) => ("ExpiredTokenException", e.error()),
        E::InternalServerException(e) => ("InternalServerException", e.error()),
        E::InvalidClientException(e) => ("InvalidClientException", e.error()),
        E::InvalidGrantException(e) => ("InvalidGrantException", e.error()),
        E::InvalidRequestException(e) => ("InvalidRequestException", e.error()),
        E::InvalidScopeException(e) => ("InvalidScopeException", e.error()),
        E::SlowDownException(e) => ("SlowDownException", e.error()),
        E::UnauthorizedClientException(e) => ("UnauthorizedClientException", e.error()),
        E::UnsupportedGrantTypeException(e) => ("UnsupportedGrantTypeException", e.error()),
        _ => ("<unmodeled>", None),
    };
    (name, oauth.map(String::from))
}

/// A device-flow client as the AWS CLI registers it (no grantTypes), or with
/// explicit grant types.
pub async fn register(
    c: &aws_sdk_ssooidc::Client,
    grants: &[&str],
    redirect: Option<&str>,
) -> RegisterClientOutput {
    let mut req = c
        .register_client()
        .client_name("fake-aws-tests")
        .client_type("public")
        .scopes(SCOPE);
    for g in grants {
        req = req.grant_types(*g);
    }
    if let Some(uri) = redirect {
        req = req.redirect_uris(uri).issuer_url(START_URL);
    }
    req.send().await.unwrap()
}

pub async fn start_device(
    c: &aws_sdk_ssooidc::Client,
    reg: &RegisterClientOutput,
) -> StartDeviceAuthorizationOutput {
    c.start_device_authorization()
        .client_id(reg.client_id().unwrap())
        .client_secret(reg.client_secret().unwrap())
        .start_url(START_URL)
        .send()
        .await
        .unwrap()
}

pub type TokenResult = Result<
    CreateTokenOutput,
    aws_sdk_ssooidc::error::SdkError<
        CreateTokenError,
        aws_smithy_runtime_api::client::orchestrator::HttpResponse,
    >,
>;

pub async fn poll(
    c: &aws_sdk_ssooidc::Client,
    reg: &RegisterClientOutput,
    device: &StartDeviceAuthorizationOutput,
) -> TokenResult {
    c.create_token()
        .client_id(reg.client_id().unwrap())
        .client_secret(reg.client_secret().unwrap())
        .grant_type(DEVICE_GRANT)
        .device_code(device.device_code().unwrap())
        .send()
        .await
}
