//! The console federation endpoint (`AWS_ENDPOINT_URL_SIGNIN`), modelled on
//! https://signin.aws.amazon.com/federation: `getSigninToken` trades live
//! temporary credentials for a sign-in token, `login` trades that token for a
//! console session and redirects, and `/console` stands in for the AWS
//! console, which the emulator cannot redirect to. `/oauth?Action=logout`
//! signs the browser out, as https://signin.aws.amazon.com/oauth does.
//!
//! The console session is also a cookie, as at AWS: a browser that holds a
//! live session cannot sign in as another identity until it signs out, and
//! `/console` without `d` shows the session the cookie names.
//!
//! AWS answers every failure with status 400 and an HTML page, without a
//! machine-readable code; the error codes in the log are the emulator's own.

mod console;
mod login;
mod logout;
pub mod oauth;
mod store;
mod token;

pub use store::{ConsoleSignin, SigninStore};

use crate::faults::Injected;
use crate::html::{escape_html, page};
use crate::http::{Request, Response};
use crate::router::{Described, Outcome};
use crate::state::State;
use std::collections::BTreeMap;

pub const FEDERATION_PATH: &str = "/federation";
pub const CONSOLE_PATH: &str = "/console";
pub const OAUTH_PATH: &str = "/oauth";
/// The console session cookie (AWS's are `aws-userInfo` and others).
pub const SESSION_COOKIE: &str = "fake-aws-console";

/// The only parameters that reach the log: `Session` holds credentials and
/// `SigninToken` is a bearer token, `d` on /console acts as a cookie, and
/// logout's `redirect_uri` holds a sign-in URL.
const LOGGED: &[&str] = &["Action", "SessionDuration", "Issuer", "Destination"];

type Params = BTreeMap<String, String>;
type Handler = fn(&State, &Request, &Params, &mut Outcome) -> Result<Response, SigninError>;

pub fn owns(path: &str) -> bool {
    oauth::owns(path) || path == FEDERATION_PATH || path == CONSOLE_PATH || path == OAUTH_PATH
}

/// The console session id the browser's cookie holds.
fn session_cookie(req: &Request) -> Option<String> {
    let header = req.header("cookie")?;
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == SESSION_COOKIE && !value.is_empty()).then(|| value.to_string())
    })
}

/// A failed request: an HTML page saying why, plus the log's error code.
#[derive(Debug)]
pub struct SigninError {
    status: u16,
    code: &'static str,
    message: String,
}

impl SigninError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> SigninError {
        SigninError {
            status,
            code,
            message: message.into(),
        }
    }

    /// AWS's answer to every bad federation request.
    fn bad_request(code: &'static str, message: impl Into<String>) -> SigninError {
        SigninError::new(400, code, message)
    }

    fn into_response(self) -> Response {
        let body = format!("<p id=\"error\">{}</p>", escape_html(&self.message));
        page(self.status, "Sign-in failed", &body)
    }
}

pub fn describe(req: &Request) -> Described {
    if oauth::owns(&req.path) {
        return oauth::describe(req);
    }
    let params: Params = req.params().into_iter().collect();
    let action = if req.path == CONSOLE_PATH {
        "console"
    } else if req.path == OAUTH_PATH {
        params.get("Action").map_or("oauth", String::as_str)
    } else {
        params.get("Action").map_or("federation", String::as_str)
    };
    let access_key_id = params.get("Session").and_then(|s| token::session_key_id(s));
    Described {
        action: action.to_string(),
        access_key_id,
        region: None,
        params: logged(&params),
    }
}

fn logged(params: &Params) -> Params {
    let keep = |(k, _): &(&String, &String)| LOGGED.contains(&k.as_str());
    let pairs = params.iter().filter(keep);
    pairs.map(|(k, v)| (k.clone(), v.clone())).collect()
}

pub fn fault_response(fault: Injected) -> (Response, &'static str) {
    match fault {
        Injected::Throttle => (
            page(429, "Too Many Requests", "<p>Rate exceeded</p>"),
            "Throttling",
        ),
        Injected::ServerError | Injected::Drop => (
            page(
                500,
                "Internal Server Error",
                "<p>An internal error occurred</p>",
            ),
            "InternalFailure",
        ),
    }
}

pub fn handle(state: &State, req: &Request) -> Outcome {
    if oauth::owns(&req.path) {
        return oauth::handle(state, req);
    }
    let params: Params = req.params().into_iter().collect();
    let mut out = describe(req).into_outcome(Response::text(500, ""), None);
    match run(state, req, &params, &mut out) {
        Ok(response) => out.response = response,
        Err(err) => {
            out.error_code = Some(err.code.to_string());
            out.response = err.into_response();
        }
    }
    out
}

fn run(
    state: &State,
    req: &Request,
    params: &Params,
    out: &mut Outcome,
) -> Result<Response, SigninError> {
    // getSigninToken also takes POST: AWS allows it for Session values too
    // long for a URL. The other two are browser navigations.
    let (methods, handler): (&[&str], Handler) = if req.path == CONSOLE_PATH {
        (&["GET"], console::console)
    } else if req.path == OAUTH_PATH {
        match params.get("Action").map(String::as_str) {
            Some("logout") => (&["GET"], logout::logout),
            _ => {
                let msg = "Only Action=logout is emulated on /oauth";
                return Err(SigninError::bad_request("InvalidAction", msg));
            }
        }
    } else {
        match params.get("Action").map(String::as_str) {
            Some("getSigninToken") => (&["GET", "POST"], token::get_signin_token),
            Some("login") => (&["GET"], login::login),
            Some(other) => {
                let msg = format!("Unsupported Action {other:?}");
                return Err(SigninError::bad_request("InvalidAction", msg));
            }
            None => {
                return Err(SigninError::bad_request(
                    "MissingAction",
                    "Action is required",
                ));
            }
        }
    };
    if !methods.contains(&req.method.as_str()) {
        let msg = format!("Use {}", methods.join(" or "));
        return Err(SigninError::new(405, "MethodNotAllowed", msg));
    }
    handler(state, req, params, out)
}

/// A required, non-empty parameter.
fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, SigninError> {
    match params.get(name).map(String::as_str) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(SigninError::bad_request(
            "MissingParameter",
            format!("{name} is required"),
        )),
    }
}
