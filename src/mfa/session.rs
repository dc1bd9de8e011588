//! The MFA session: GetSessionToken with the device and a code, made from an IAM user's
//! long-term keys, from which every role is assumed without another code (aws-vault's
//! model). One function makes it, so a cache can stand in front of it.

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use chrono::{DateTime, Utc};

use super::Codes;
use crate::aws::{Service, call_error, sts};
use crate::cache::{Cached, Key, Meta, Store};
use crate::creds::Creds;
use crate::env::Env;

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
    let out = sts(sdk, keys)?
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

/// The MFA session for `keys` and `serial` from aws-login's session cache while it has 15
/// minutes left (crate::cache), else a new one (one code) that is stored for the next run:
/// one code serves every role, in every process, for the session's life. `--fresh` does
/// not skip it (that re-runs the chain, not the MFA proof); `cache clear --all` drops it.
pub async fn cached_mfa_session(
    env: &Env,
    sdk: &SdkConfig,
    keys: &Creds,
    serial: &str,
    codes: &mut Codes,
    duration: i32,
) -> Result<MfaSession> {
    let description = serde_json::json!({
        "kind": "mfa-session",
        "access_key_id": keys.access_key_id,
        "mfa_serial": serial,
        "duration": duration,
        "sts_endpoint": env.get("AWS_ENDPOINT_URL_STS").or(env.get("AWS_ENDPOINT_URL")),
    });
    let meta = Meta {
        kind: "mfa-session".to_string(),
        identity: Some(serial.to_string()),
        source: format!("access key {}", keys.access_key_id),
        ..Meta::default()
    };
    let key = Key::new(description, meta);
    let cached = match Store::new(env) {
        Ok(store) => {
            store
                .get_or_acquire(&key, false, || async {
                    let s = mfa_session(sdk, keys, serial, codes, duration).await?;
                    Ok(Cached::from(s.creds))
                })
                .await?
        }
        Err(e) => {
            tracing::debug!("no session cache for the MFA session: {e:#}");
            Cached::from(mfa_session(sdk, keys, serial, codes, duration).await?.creds)
        }
    };
    let expiration = cached
        .creds
        .expiration
        .ok_or_else(|| anyhow!("the MFA session has no expiry"))?;
    Ok(MfaSession {
        creds: cached.creds,
        expiration,
    })
}
