//! AWS Sign-In's OAuth 2.0 endpoints behind `aws login` (AWS CLI 2.32+), on the same
//! host as console federation (`AWS_ENDPOINT_URL_SIGNIN`): `/v1/authorize` (the browser
//! leg, PKCE), `/v1/sessions/confirmation` (the cross-device code page) and `/v1/token`
//! (CreateOAuth2Token with DPoP). Errors are rest-json, as the Sign-In API answers:
//! `{"error": CODE, "message": …}` with the shape name in `x-amzn-errortype`.

mod authorize;
pub mod dpop;
mod store;
mod token;

pub use store::LoginStore;
pub use token::issue;

use crate::http::{Request, Response};
use crate::router::{Described, Outcome};
use crate::state::State;
use serde_json::json;

pub const AUTHORIZE_PATH: &str = "/v1/authorize";
pub const TOKEN_PATH: &str = "/v1/token";
pub const CONFIRMATION_PATH: &str = "/v1/sessions/confirmation";
pub const SAME_DEVICE: &str = "arn:aws:signin:::devtools/same-device";
pub const CROSS_DEVICE: &str = "arn:aws:signin:::devtools/cross-device";

pub fn owns(path: &str) -> bool {
    [AUTHORIZE_PATH, TOKEN_PATH, CONFIRMATION_PATH].contains(&path)
}

pub fn describe(req: &Request) -> Described {
    let action = match req.path.as_str() {
        TOKEN_PATH => "CreateOAuth2Token",
        AUTHORIZE_PATH => "Authorize",
        _ => "Confirmation",
    };
    // Only what identifies the call: never a code, a verifier or a token.
    let mut params = std::collections::BTreeMap::new();
    if req.path == TOKEN_PATH
        && let Ok(body) = serde_json::from_slice::<serde_json::Value>(&req.body)
    {
        for key in ["grantType", "clientId"] {
            if let Some(v) = body[key].as_str() {
                params.insert(key.to_string(), v.to_string());
            }
        }
    } else if req.path == AUTHORIZE_PATH {
        for (k, v) in req.params() {
            if k == "client_id" || k == "redirect_uri" {
                params.insert(k, v);
            }
        }
    }
    Described {
        action: action.to_string(),
        access_key_id: None,
        region: None,
        params,
    }
}

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = describe(req);
    let (method, path) = (req.method.as_str(), req.path.as_str());
    let (response, code) = match (method, path) {
        ("GET", AUTHORIZE_PATH) => authorize::authorize(state, req),
        ("GET", CONFIRMATION_PATH) => authorize::confirmation(req),
        ("POST", TOKEN_PATH) => match token::token(state, req) {
            Ok(resp) => (resp, None),
            Err(e) => (e.response(), Some(e.code)),
        },
        _ => (
            LoginError::invalid(format!("{method} is not allowed on {path}")).response(),
            Some("MethodNotAllowed"),
        ),
    };
    described.into_outcome(response, code)
}

/// A rejected token request.
#[derive(Debug)]
pub struct LoginError {
    status: u16,
    shape: &'static str,
    code: &'static str,
    message: String,
}

impl LoginError {
    pub fn invalid(message: impl Into<String>) -> LoginError {
        LoginError {
            status: 400,
            shape: "ValidationException",
            code: "INVALID_REQUEST",
            message: message.into(),
        }
    }

    pub fn denied(code: &'static str, message: impl Into<String>) -> LoginError {
        LoginError {
            status: 401,
            shape: "AccessDeniedException",
            code,
            message: message.into(),
        }
    }

    fn response(&self) -> Response {
        let body = json!({"error": self.code, "message": self.message});
        Response::json(self.status, &body).with_header("x-amzn-errortype", self.shape)
    }
}

/// A finished `aws login`, as the AWS CLI leaves it in its cache.
#[derive(Clone, Debug)]
pub struct LoginSession {
    /// The `login_session` ARN (the console user's).
    pub arn: String,
    /// The cache file's JSON, in the AWS CLI's format.
    pub cache_json: String,
    pub refresh_token: String,
    pub creds: crate::sessions::IssuedCreds,
}

/// Issue a login session whose credentials live `ttl_secs`, with a fresh DPoP key and
/// a refresh token bound to it (not logged).
pub fn issue_for_tests(state: &State, ttl_secs: i64) -> LoginSession {
    let key = loop {
        let bytes: [u8; 32] = rand::random();
        if let Ok(k) = p256::SecretKey::from_slice(&bytes) {
            break k;
        }
    };
    let pem = sec1_pem(&key);
    let session = issue(state, ttl_secs).expect("the scenario has a user");
    let refresh_token = crate::ids::sso_refresh_token();
    let jkt = dpop::key_thumbprint(&key);
    state
        .login
        .lock()
        .unwrap()
        .add_refresh(refresh_token.clone(), SAME_DEVICE, &jkt);
    let arn = session.principal.arn();
    let cache = json!({
        "accessToken": {
            "accessKeyId": session.creds.access_key_id,
            "secretAccessKey": session.creds.secret_access_key,
            "sessionToken": session.creds.session_token,
            "accountId": session.principal.account(),
            "expiresAt": session.creds.expiration.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        },
        "tokenType": "aws_sigv4",
        "clientId": SAME_DEVICE,
        "refreshToken": refresh_token,
        "idToken": "e30.e30.e30",
        "dpopKey": pem.as_str(),
    });
    LoginSession {
        arn,
        cache_json: serde_json::to_string_pretty(&cache).unwrap(),
        refresh_token,
        creds: session.creds,
    }
}

/// The key as the AWS CLI writes it: SEC1 with the curve named (awscrt, botocore's
/// signer, refuses a key without it).
fn sec1_pem(key: &p256::SecretKey) -> String {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use sec1::der::Encode;
    let secret = key.to_bytes();
    let public = key.public_key().to_encoded_point(false);
    let der = sec1::EcPrivateKey {
        private_key: &secret,
        parameters: Some(sec1::EcParameters::NamedCurve(
            sec1::der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7"),
        )),
        public_key: Some(public.as_bytes()),
    }
    .to_der()
    .expect("a P-256 key has a DER form");
    sec1::der::pem::encode_string("EC PRIVATE KEY", sec1::LineEnding::LF, &der)
        .expect("a P-256 key has a PEM form")
}
