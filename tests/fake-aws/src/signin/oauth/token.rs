//! `POST /v1/token` (CreateOAuth2Token): trades an authorization code (PKCE) or a
//! refresh token for a set of SigV4 credentials, every call proven with a DPoP proof.
//! Refresh tokens rotate: each is good once, and only with the key it was issued to.

use super::dpop;
use super::store::ACCESS_TTL_SECS;
use super::{LoginError, TOKEN_PATH};
use crate::http::{Request, Response};
use crate::ids;
use crate::sessions::{CredKind, Principal, Session};
use crate::state::State;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub fn token(state: &State, req: &Request) -> Result<Response, LoginError> {
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| LoginError::invalid("the body is not JSON"))?;
    let field = |name: &str| body[name].as_str().unwrap_or_default();
    let proof = req
        .header("dpop")
        .ok_or_else(|| LoginError::invalid("a DPoP proof is required"))?;
    let scheme = if req.header("x-forwarded-proto") == Some("https") {
        "https"
    } else {
        "http"
    };
    let htu = format!(
        "{scheme}://{}{TOKEN_PATH}",
        req.header("host").unwrap_or_default()
    );
    let proof = dpop::verify(proof, &htu, Utc::now().timestamp()).map_err(LoginError::invalid)?;
    let mut store = state.login.lock().unwrap();
    if !store.jtis.insert(proof.jti.clone()) {
        return Err(LoginError::invalid("the DPoP proof's jti was used before"));
    }
    let client_id = field("clientId");
    let id_token = match field("grantType") {
        "authorization_code" => {
            let code = store
                .codes
                .get_mut(field("code"))
                .filter(|c| !c.used && c.expires_at > Utc::now() && c.client_id == client_id)
                .ok_or_else(|| {
                    LoginError::denied("AUTHCODE_EXPIRED", "the authorization code is not valid")
                })?;
            code.used = true;
            if code.redirect_uri != field("redirectUri") {
                return Err(LoginError::invalid(
                    "redirectUri does not match the authorization request",
                ));
            }
            let digest = URL_SAFE_NO_PAD.encode(Sha256::digest(field("codeVerifier").as_bytes()));
            if digest != code.challenge {
                return Err(LoginError::invalid(
                    "codeVerifier does not match the code challenge",
                ));
            }
            true
        }
        "refresh_token" => {
            let refresh = store
                .refresh
                .get_mut(field("refreshToken"))
                .filter(|r| !r.used && r.client_id == client_id)
                .ok_or_else(|| {
                    LoginError::denied("TOKEN_EXPIRED", "the refresh token is not valid")
                })?;
            if refresh.jkt != proof.jkt {
                return Err(LoginError::invalid(
                    "the DPoP key is not the one the refresh token was issued to",
                ));
            }
            refresh.used = true;
            false
        }
        _ => {
            return Err(LoginError::invalid(
                "grantType must be authorization_code or refresh_token",
            ));
        }
    };
    let session = issue(state, ACCESS_TTL_SECS)
        .ok_or_else(|| LoginError::invalid("the scenario has no user to sign in"))?;
    let refresh_token = ids::sso_refresh_token();
    store.add_refresh(refresh_token.clone(), client_id, &proof.jkt);
    let mut out = json!({
        "accessToken": {
            "accessKeyId": session.creds.access_key_id,
            "secretAccessKey": session.creds.secret_access_key,
            "sessionToken": session.creds.session_token,
        },
        "tokenType": "aws_sigv4",
        "expiresIn": ACCESS_TTL_SECS,
        "refreshToken": refresh_token,
    });
    if id_token {
        out["idToken"] = json!(id_token_for(&session.principal.arn(), client_id));
    }
    Ok(Response::json(200, &out))
}

/// The console user's credentials: the scenario's first user, as if signed in to the
/// console with a password.
pub fn issue(state: &State, secs: i64) -> Option<Session> {
    let user = state.scenario.users.first()?;
    let principal = Principal::User {
        partition: "aws".into(),
        account: user.account.clone(),
        name: user.name.clone(),
    };
    let mut sessions = state.sessions.lock().unwrap();
    Some(sessions.issue(principal, CredKind::SessionToken, false, secs))
}

/// An OpenID token naming the login session in `sub` (the signature is not checked
/// by clients, which only read `sub`).
fn id_token_for(arn: &str, client_id: &str) -> String {
    let enc = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let header = enc(json!({"alg": "ES384", "typ": "JWT"}));
    let payload = enc(json!({
        "sub": arn, "aud": client_id, "iss": "https://signin.aws.amazon.com",
        "iat": Utc::now().timestamp(),
    }));
    format!("{header}.{payload}.{}", URL_SAFE_NO_PAD.encode(b"fake-aws"))
}
