//! SSO OIDC (REST JSON): client registration, the device-code and PKCE
//! authorization-code flows, and token refresh. The two browser pages (device
//! verification and /authorize) live here too, so a test's "browser" only
//! needs the URLs the flows hand out.

pub(crate) mod authorize;
mod device;
mod register;
mod token;

pub use crate::html::{escape_html, page};

use crate::faults::Injected;
use crate::http::{Request, Response};
use crate::router::{Described, Outcome};
use crate::scenario::Hostile;
use crate::sso_store::{Client, SsoStore};
use crate::state::State;
use chrono::Utc;
use serde_json::{Value, json};

pub const DEVICE_PAGE: &str = "/device";

/// The operation a path belongs to, with its HTTP method.
fn operation(path: &str) -> Option<(&'static str, &'static str)> {
    Some(match path {
        "/client/register" => ("RegisterClient", "POST"),
        "/device_authorization" => ("StartDeviceAuthorization", "POST"),
        "/token" => ("CreateToken", "POST"),
        "/authorize" => ("Authorize", "GET"),
        DEVICE_PAGE => ("DeviceVerify", "GET"),
        _ => return None,
    })
}

pub fn owns(path: &str) -> bool {
    operation(path).is_some()
}

/// An OIDC error: `x-amzn-ErrorType` names the SDK's exception, and the body
/// is the OAuth-style `{"error", "error_description"}` AWS sends.
#[derive(Debug)]
pub struct OidcError {
    status: u16,
    code: &'static str,
    error: String,
    description: String,
    /// Only in hostile mode: AWS sends no `message`, but SDKs show one when present.
    message: Option<String>,
}

impl OidcError {
    fn new(status: u16, code: &'static str, error: &'static str, desc: &str) -> OidcError {
        OidcError {
            status,
            code,
            error: error.to_string(),
            description: desc.to_string(),
            message: None,
        }
    }

    /// The error as a hostile server would word it.
    fn hostile(mut self, hostile: Option<&Hostile>) -> OidcError {
        let Some(h) = hostile else { return self };
        if let Some(e) = &h.error {
            self.error = e.clone();
        }
        if let Some(d) = &h.error_description {
            self.description = d.clone();
            self.message = Some(d.clone());
        }
        self
    }

    pub fn invalid_request(desc: &str) -> OidcError {
        OidcError::new(400, "InvalidRequestException", "invalid_request", desc)
    }
    pub fn invalid_client(desc: &str) -> OidcError {
        OidcError::new(401, "InvalidClientException", "invalid_client", desc)
    }
    pub fn invalid_grant(desc: &str) -> OidcError {
        OidcError::new(400, "InvalidGrantException", "invalid_grant", desc)
    }
    pub fn unauthorized_client(desc: &str) -> OidcError {
        OidcError::new(
            400,
            "UnauthorizedClientException",
            "unauthorized_client",
            desc,
        )
    }
    pub fn unsupported_grant_type(desc: &str) -> OidcError {
        let code = "UnsupportedGrantTypeException";
        OidcError::new(400, code, "unsupported_grant_type", desc)
    }
    pub fn invalid_scope(desc: &str) -> OidcError {
        OidcError::new(400, "InvalidScopeException", "invalid_scope", desc)
    }
    pub fn slow_down() -> OidcError {
        OidcError::new(
            400,
            "SlowDownException",
            "slow_down",
            "Client is polling too fast",
        )
    }

    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.error, "error_description": self.description });
        if let Some(m) = self.message {
            body["message"] = m.into();
        }
        Response::json(self.status, &body)
            .with_header("x-amzn-ErrorType", self.code)
            .with_header("x-amzn-RequestId", crate::ids::request_id())
    }
}

/// Body fields that are credentials or one-time secrets stay out of the log.
const UNLOGGED: &[&str] = &[
    "clientSecret",
    "deviceCode",
    "code",
    "codeVerifier",
    "refreshToken",
];

pub fn describe(req: &Request) -> Described {
    let mut d = Described::unsigned(req);
    if let Some((action, _)) = operation(&req.path) {
        d.action = action.to_string();
    }
    // Bodies are JSON: a client that mislabels one as a form (curl -d) must
    // not get the whole body, secrets included, logged as one "form" key.
    d.params = url::form_urlencoded::parse(req.query.as_bytes())
        .into_owned()
        .collect();
    if let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&req.body) {
        for (k, v) in body {
            let text = match v {
                Value::String(s) => s,
                Value::Array(items) => {
                    let items: Vec<_> = items.iter().filter_map(Value::as_str).collect();
                    items.join(",")
                }
                _ => continue,
            };
            if !UNLOGGED.contains(&k.as_str()) {
                d.params.insert(k, text);
            }
        }
    }
    d
}

pub fn fault_response(fault: Injected) -> (Response, &'static str) {
    // The OIDC model's only throttling error is SlowDownException (HTTP 400).
    let err = match fault {
        Injected::Throttle => OidcError::slow_down(),
        Injected::ServerError | Injected::Drop => OidcError::new(
            500,
            "InternalServerException",
            "server_error",
            "An internal error occurred",
        ),
    };
    let code = err.code;
    (err.into_response(), code)
}

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = describe(req);
    let Some((action, method)) = operation(&req.path) else {
        let err = OidcError::new(404, "UnknownOperationException", "invalid_request", "");
        return described.into_outcome(err.into_response(), Some("UnknownOperationException"));
    };
    if req.method != method {
        let desc = format!("{action} takes {method}");
        let err = OidcError::new(405, "MethodNotAllowedException", "invalid_request", &desc);
        return described.into_outcome(err.into_response(), Some("MethodNotAllowedException"));
    }
    let (response, code) = match action {
        "Authorize" => authorize::authorize(state, req),
        "DeviceVerify" => device::verify_page(state, req),
        _ => {
            let hostile = state.scenario.hostile.as_ref();
            let result = match serde_json::from_slice::<Value>(&req.body) {
                _ if hostile.is_some_and(|h| h.fails(action)) => {
                    Err(OidcError::invalid_request("Request refused"))
                }
                Ok(body @ Value::Object(_)) => match action {
                    "RegisterClient" => register::register(state, &body),
                    "StartDeviceAuthorization" => device::start(state, &body),
                    _ => token::create_token(state, &body),
                },
                _ => Err(OidcError::invalid_request(
                    "Request body must be a JSON object",
                )),
            };
            match result {
                Ok(body) => {
                    let resp = Response::json(200, &body)
                        .with_header("x-amzn-RequestId", crate::ids::request_id());
                    (resp, None)
                }
                Err(err) => {
                    let code = err.code;
                    (err.hostile(hostile).into_response(), Some(code))
                }
            }
        }
    };
    described.into_outcome(response, code)
}

/// A string field of a JSON request body.
pub fn field<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str)
}

pub fn required<'a>(body: &'a Value, name: &str) -> Result<&'a str, OidcError> {
    field(body, name)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| OidcError::invalid_request(&format!("Missing required field {name}")))
}

/// A list-of-strings field; absent means empty.
pub fn list(body: &Value, name: &str) -> Vec<String> {
    body.get(name)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The client named by `clientId`, if `clientSecret` is its secret and the
/// registration has not expired.
pub fn authenticate<'a>(store: &'a SsoStore, body: &Value) -> Result<&'a Client, OidcError> {
    let id = required(body, "clientId")?;
    let secret = required(body, "clientSecret")?;
    let client = store
        .clients
        .get(id)
        .filter(|c| c.secret == secret)
        .ok_or_else(|| OidcError::invalid_client("Invalid client credentials"))?;
    if client.reg.expires_at <= Utc::now() {
        return Err(OidcError::invalid_client("Client registration has expired"));
    }
    Ok(client)
}
