//! The MFA session: GetSessionToken with the device and a code, made from an IAM user's
//! long-term keys, from which every role is assumed without another code (aws-vault's
//! model). One function makes it, so a cache can stand in front of it.

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use chrono::{DateTime, Utc};

use super::Codes;
use crate::aws::{Service, call_error, sts};
use crate::creds::Creds;

/// How long an MFA session lasts unless `--get-session-token --duration-seconds` says
/// otherwise: 12 hours, GetSessionToken's own default.
pub const DEFAULT_SECS: i32 = 43_200;

#[derive(Debug, Clone)]
pub struct MfaSession {
    pub creds: Creds,
    pub expiration: DateTime<Utc>,
}

/// GetSessionToken signed with `keys`, proving MFA with `serial` and the next code.
pub async fn mfa_session(
    sdk: &SdkConfig,
    keys: &Creds,
    serial: &str,
    codes: &mut Codes,
    duration: i32,
) -> Result<MfaSession> {
    let code = codes.next(serial).await?;
    tracing::info!(serial, duration, "calling GetSessionToken with MFA");
    let out = sts(sdk, keys)
        .get_session_token()
        .duration_seconds(duration)
        .serial_number(serial)
        .token_code(code)
        .send()
        .await
        .map_err(|e| call_error(Service::STS, "GetSessionToken", e))?;
    let creds = out
        .credentials()
        .map(Creds::from_sts)
        .ok_or_else(|| anyhow!("sts GetSessionToken returned no credentials"))?;
    let expiration = creds
        .expiration
        .ok_or_else(|| anyhow!("sts GetSessionToken returned credentials without an expiry"))?;
    Ok(MfaSession { creds, expiration })
}
