//! End-to-end tests of the emulator with real clients: the Rust AWS SDK,
//! aws-config's IMDS/ECS/SSO providers, and raw HTTP for wire-level checks.

mod binary;
mod container;
mod faults;
mod hostile;
mod imds;
mod raw;
mod signin;
mod signin_rules;
mod sso_common;
mod sso_device;
mod sso_faults;
mod sso_pkce;
mod sso_portal;
mod sso_profile;
mod sso_scale;
mod sso_throttle;
mod sts_auth;
mod sts_chain;
mod sts_rules;

use aws_sdk_sts::config::retry::RetryConfig;
use aws_sdk_sts::config::{BehaviorVersion, Credentials, Region};
use fake_aws::{FakeAws, Scenario};
use std::time::Duration;

pub const ALICE_KEY: &str = "AKIAALICE0000000001";
pub const ALICE_SECRET: &str = "alice-secret";
pub const ALICE_MFA: &str = "arn:aws:iam::111111111111:mfa/alice";
pub const DEPLOY: &str = "arn:aws:iam::222222222222:role/Deploy";
pub const READONLY: &str = "arn:aws:iam::333333333333:role/team/ops/ReadOnly";
pub const MFA_ROLE: &str = "arn:aws:iam::222222222222:role/NeedsMfa";
pub const EXT_ROLE: &str = "arn:aws:iam::444444444444:role/Vendor";

pub fn scenario() -> Scenario {
    Scenario::from_json(&format!(
        r#"{{
          "accounts": [{{"id": "111111111111", "name": "dev"}}],
          "users": [{{"account": "111111111111", "name": "alice",
                      "access_keys": [{{"id": "{ALICE_KEY}", "secret": "{ALICE_SECRET}"}}],
                      "mfa": {{"serial": "{ALICE_MFA}", "code": "123456"}}}}],
          "roles": [
            {{"arn": "{DEPLOY}", "trust": ["arn:aws:iam::111111111111:user/alice"]}},
            {{"arn": "{READONLY}", "trust": ["{DEPLOY}"]}},
            {{"arn": "{MFA_ROLE}", "trust": ["arn:aws:iam::111111111111:root", "{MFA_ROLE}"], "require_mfa": true}},
            {{"arn": "{EXT_ROLE}", "trust": ["*"], "external_id": "vendor-ext-1"}}
          ],
          "imds": {{"role_arn": "arn:aws:iam::111111111111:role/Ec2Role"}},
          "container": {{"role_arn": "arn:aws:iam::111111111111:role/TaskRole",
                         "auth_token": "container-secret-token"}}
        }}"#
    ))
    .unwrap()
}

/// An STS client with static credentials pointed at the emulator, retries off
/// so every call is exactly one request.
pub fn sts(fake: &FakeAws, key: &str, secret: &str, token: Option<&str>) -> aws_sdk_sts::Client {
    sts_with_retry(fake, key, secret, token, RetryConfig::disabled())
}

pub fn sts_with_retry(
    fake: &FakeAws,
    key: &str,
    secret: &str,
    token: Option<&str>,
    retry: RetryConfig,
) -> aws_sdk_sts::Client {
    let creds = Credentials::new(key, secret, token.map(str::to_string), None, "test");
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(fake.url())
        .credentials_provider(creds)
        .retry_config(retry)
        .build();
    aws_sdk_sts::Client::from_conf(conf)
}

/// Standard retries with tiny backoff so fault tests stay fast.
pub fn quick_retries() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(4)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(20))
}

pub fn alice(fake: &FakeAws) -> aws_sdk_sts::Client {
    sts(fake, ALICE_KEY, ALICE_SECRET, None)
}

/// An STS client acting with temporary credentials returned by STS.
pub fn client_for(fake: &FakeAws, c: &aws_sdk_sts::types::Credentials) -> aws_sdk_sts::Client {
    sts(
        fake,
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token()),
    )
}

/// The AWS error code of a failed SDK call.
pub fn code_of<E, R>(err: &aws_sdk_sts::error::SdkError<E, R>) -> String
where
    E: aws_sdk_sts::error::ProvideErrorMetadata,
{
    use aws_sdk_sts::error::ProvideErrorMetadata;
    err.code().unwrap_or("<none>").to_string()
}

pub fn message_of<E, R>(err: &aws_sdk_sts::error::SdkError<E, R>) -> String
where
    E: aws_sdk_sts::error::ProvideErrorMetadata,
{
    use aws_sdk_sts::error::ProvideErrorMetadata;
    err.message().unwrap_or("<none>").to_string()
}
