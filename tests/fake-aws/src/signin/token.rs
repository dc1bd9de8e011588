//! `Action=getSigninToken`: the `Session` parameter's credentials must be a
//! live emulator session made by AssumeRole or GetFederationToken (or handed
//! out as role credentials by the SSO portal, IMDS or a container agent).

use super::store::Lifetime;
use super::{Params, SigninError, required};
use crate::http::{Request, Response};
use crate::router::Outcome;
use crate::sessions::{CHAINED_MAX_SECS, CredKind, Principal, Session};
use crate::state::State;
use chrono::Utc;
use serde_json::{Value, json};

/// Console sessions of roles last 12 hours unless SessionDuration says otherwise.
const DEFAULT_CONSOLE_SECS: i64 = 43_200;
const MIN_DURATION: i64 = 900;
const MAX_DURATION: i64 = 43_200;

/// The `sessionId` of a `Session` parameter, for the log.
pub fn session_key_id(session: &str) -> Option<String> {
    let v: Value = serde_json::from_str(session).ok()?;
    v.get("sessionId")?.as_str().map(String::from)
}

fn invalid(code: &'static str, message: impl Into<String>) -> SigninError {
    SigninError::bad_request(code, message)
}

pub fn get_signin_token(
    state: &State,
    _req: &Request,
    params: &Params,
    out: &mut Outcome,
) -> Result<Response, SigninError> {
    let raw = required(params, "Session")?;
    let malformed = || {
        invalid(
            "MalformedSession",
            "Session must be a JSON object with sessionId, sessionKey and sessionToken",
        )
    };
    let session: Value = serde_json::from_str(raw).map_err(|_| malformed())?;
    let field = |name: &str| session.get(name).and_then(Value::as_str);
    let (Some(key_id), Some(secret)) = (field("sessionId"), field("sessionKey")) else {
        return Err(malformed());
    };
    if let Some((user, _)) = state.scenario.user_by_key(key_id) {
        let principal = Principal::User {
            partition: state.scenario.partition_of(&user.account),
            account: user.account.clone(),
            name: user.name.clone(),
        };
        out.caller_arn = Some(principal.arn());
        return Err(invalid(
            "LongTermCredentials",
            "Long-term IAM user access keys cannot sign in to the console; \
             use temporary credentials from AssumeRole or GetFederationToken",
        ));
    }
    let s = {
        let sessions = state.sessions.lock().unwrap();
        let unknown = || invalid("InvalidSession", "The session credentials are not valid");
        sessions.get(key_id).ok_or_else(unknown)?.clone()
    };
    out.caller_arn = Some(s.principal.arn());
    // A temporary key only counts together with its own secret and token.
    if s.creds.secret_access_key != secret || field("sessionToken") != Some(&s.creds.session_token)
    {
        return Err(invalid(
            "InvalidSession",
            "The session credentials are not valid",
        ));
    }
    if Utc::now() >= s.creds.expiration {
        return Err(invalid(
            "ExpiredToken",
            "The session credentials have expired",
        ));
    }
    if s.kind == CredKind::SessionToken {
        return Err(invalid(
            "UnsupportedCredentials",
            "Credentials from GetSessionToken cannot sign in to the console; \
             use AssumeRole or GetFederationToken",
        ));
    }
    let duration = session_duration(params)?;
    let lifetime = console_lifetime(&s, duration)?;
    let token = state.signin.lock().unwrap().issue(
        s.creds.access_key_id.clone(),
        s.principal.arn(),
        duration,
        lifetime,
    );
    Ok(Response::json(200, &json!({ "SigninToken": token })))
}

/// `SessionDuration`: absent, or whole seconds within 900..=43200.
fn session_duration(params: &Params) -> Result<Option<i64>, SigninError> {
    let Some(raw) = params.get("SessionDuration") else {
        return Ok(None);
    };
    match raw.parse::<i64>() {
        Ok(secs) if (MIN_DURATION..=MAX_DURATION).contains(&secs) => Ok(Some(secs)),
        _ => Err(invalid(
            "InvalidSessionDuration",
            format!("SessionDuration must be an integer from 900 to 43200, not {raw:?}"),
        )),
    }
}

/// How long the console session will last, under the per-credential rules.
fn console_lifetime(s: &Session, duration: Option<i64>) -> Result<Lifetime, SigninError> {
    let federated = s.kind == CredKind::Federated;
    match duration {
        Some(_) if federated => Err(invalid(
            "InvalidSessionDuration",
            "SessionDuration cannot be used with credentials from GetFederationToken; \
             their own expiration applies",
        )),
        Some(secs) if s.chained && secs > CHAINED_MAX_SECS => Err(invalid(
            "InvalidSessionDuration",
            "SessionDuration cannot exceed 3600 for credentials obtained by role chaining",
        )),
        Some(secs) => Ok(Lifetime::Secs(secs)),
        None if federated => Ok(Lifetime::Until(s.creds.expiration)),
        // The default must respect the chaining cap that an explicit value must.
        None if s.chained => Ok(Lifetime::Secs(CHAINED_MAX_SECS)),
        None => Ok(Lifetime::Secs(DEFAULT_CONSOLE_SECS)),
    }
}
