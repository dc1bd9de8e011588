//! Authenticates an STS request: resolves the access key, checks the session
//! token and clock skew, verifies the SigV4 signature, then expiry.

use super::StsError;
use crate::http::Request;
use crate::sessions::{CredKind, Principal};
use crate::sigv4::{self, AuthHeader};
use crate::state::State;
use chrono::{DateTime, Duration, Utc};

/// The authenticated signer of a request.
#[derive(Clone, Debug)]
pub struct Caller {
    pub principal: Principal,
    /// `None` for a user's long-term key; otherwise how the session was made.
    pub temp: Option<CredKind>,
    /// MFA was proven when the caller's session was created.
    pub mfa: bool,
    /// The source identity of the caller's session, which chained sessions keep.
    pub source_identity: Option<String>,
    /// The caller's transitive session tags, which chained sessions inherit.
    pub transitive: Vec<(String, String)>,
}

pub struct AuthFailure {
    pub error: StsError,
    /// Set when the access key was known, so the log can name the signer.
    pub caller_arn: Option<String>,
}

impl From<StsError> for AuthFailure {
    fn from(error: StsError) -> Self {
        AuthFailure {
            error,
            caller_arn: None,
        }
    }
}

/// AWS accepts requests signed up to 15 minutes before or after its clock.
const MAX_SKEW_MINUTES: i64 = 15;

const INVALID_TOKEN: &str = "The security token included in the request is invalid.";

/// A resolved access key: its secret, expected session token and identity.
struct KeyInfo {
    secret: String,
    token: Option<String>,
    caller: Caller,
    expiration: Option<DateTime<Utc>>,
}

fn resolve_key(state: &State, key: &str) -> Option<KeyInfo> {
    if let Some((user, secret)) = state.scenario.user_by_key(key) {
        return Some(KeyInfo {
            secret: secret.to_string(),
            token: None,
            caller: Caller {
                principal: Principal::User {
                    partition: state.scenario.partition_of(&user.account),
                    account: user.account.clone(),
                    name: user.name.clone(),
                },
                temp: None,
                mfa: false,
                source_identity: None,
                transitive: Vec::new(),
            },
            expiration: None,
        });
    }
    let sessions = state.sessions.lock().unwrap();
    let s = sessions.get(key)?;
    Some(KeyInfo {
        secret: s.creds.secret_access_key.clone(),
        token: Some(s.creds.session_token.clone()),
        caller: Caller {
            principal: s.principal.clone(),
            temp: Some(s.kind),
            mfa: s.mfa,
            source_identity: s.source_identity.clone(),
            transitive: s.transitive.clone(),
        },
        expiration: Some(s.creds.expiration),
    })
}

pub fn authenticate(state: &State, req: &Request) -> Result<Caller, AuthFailure> {
    let Some(header) = req.header("authorization") else {
        return Err(StsError::new(
            403,
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
        )
        .into());
    };
    let auth = sigv4::parse_authorization(header)
        .map_err(|msg| StsError::new(403, "IncompleteSignature", msg))?;
    if auth.service != "sts" {
        return Err(
            signature_mismatch("Credential should be scoped to correct service: 'sts'. ").into(),
        );
    }
    let Some(key) = resolve_key(state, &auth.access_key_id) else {
        return Err(StsError::new(403, "InvalidClientTokenId", INVALID_TOKEN).into());
    };
    let caller_arn = Some(key.caller.principal.arn());
    let fail = |error: StsError| AuthFailure {
        error,
        caller_arn: caller_arn.clone(),
    };
    // A temporary key is only valid together with its own token, and a
    // long-term key must not carry one.
    if req.header("x-amz-security-token") != key.token.as_deref() {
        return Err(fail(StsError::new(
            403,
            "InvalidClientTokenId",
            INVALID_TOKEN,
        )));
    }
    let signed_at = check_date(req).map_err(&fail)?;
    verify_signature(req, &auth, &key, signed_at).map_err(&fail)?;
    if key.expiration.is_some_and(|exp| Utc::now() >= exp) {
        return Err(fail(StsError::new(
            400,
            "ExpiredToken",
            "The security token included in the request is expired",
        )));
    }
    Ok(key.caller)
}

fn check_date(req: &Request) -> Result<DateTime<Utc>, StsError> {
    let Some(raw) = req.header("x-amz-date") else {
        return Err(StsError::new(
            403,
            "IncompleteSignature",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ));
    };
    let Some(signed_at) = sigv4::parse_amz_date(raw) else {
        return Err(StsError::new(
            403,
            "IncompleteSignature",
            format!("Date must be in ISO-8601 'basic format'. Got '{raw}'."),
        ));
    };
    let now = Utc::now();
    let skew = Duration::minutes(MAX_SKEW_MINUTES);
    let fmt = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    if signed_at < now - skew {
        return Err(signature_mismatch(format!(
            "Signature expired: {raw} is now earlier than {} ({} - 15 min.)",
            fmt(now - skew),
            fmt(now)
        )));
    }
    if signed_at > now + skew {
        return Err(signature_mismatch(format!(
            "Signature not yet current: {raw} is still later than {} ({} + 15 min.)",
            fmt(now + skew),
            fmt(now)
        )));
    }
    Ok(signed_at)
}

fn verify_signature(
    req: &Request,
    auth: &AuthHeader,
    key: &KeyInfo,
    signed_at: DateTime<Utc>,
) -> Result<(), StsError> {
    let expected = sigv4::expected_signature(
        req,
        auth,
        &key.secret,
        key.token.as_deref(),
        signed_at.into(),
    )
    .map_err(|e| StsError::new(400, "IncompleteSignature", e))?;
    if expected != auth.signature {
        return Err(signature_mismatch(
            "The request signature we calculated does not match the signature you provided. \
             Check your AWS Secret Access Key and signing method. \
             Consult the service documentation for details.",
        ));
    }
    Ok(())
}

fn signature_mismatch(message: impl Into<String>) -> StsError {
    StsError::new(403, "SignatureDoesNotMatch", message)
}
