//! STS Query API: `POST /` with a form body (or `GET /?Action=…`), every
//! request SigV4-verified against the scenario's keys and issued sessions.

mod assume_role;
mod auth;
mod controls;
mod mfa;
mod tokens;
mod validate;
mod xml;

use crate::faults::Injected;
use crate::http::{Request, Response};
use crate::router::{Described, Outcome};
use crate::sigv4;
use crate::state::State;
use std::collections::BTreeMap;

pub use auth::Caller;

type Params = BTreeMap<String, String>;

/// An STS error answer.
#[derive(Clone, Debug)]
pub struct StsError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl StsError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> StsError {
        StsError {
            status,
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn access_denied(message: impl Into<String>) -> StsError {
        StsError::new(403, "AccessDenied", message)
    }

    pub fn validation(message: impl Into<String>) -> StsError {
        StsError::new(400, "ValidationError", message)
    }

    fn into_response(self) -> Response {
        let request_id = crate::ids::request_id();
        Response::new(self.status, "text/xml", xml::error(&self, &request_id))
            .with_header("x-amzn-RequestId", request_id)
    }
}

fn collect_params(req: &Request) -> Params {
    req.params().into_iter().collect()
}

/// Log fields for a request that is not handled (fault injection).
pub fn describe(req: &Request) -> Described {
    let params = collect_params(req);
    let auth = req
        .header("authorization")
        .and_then(|h| sigv4::parse_authorization(h).ok());
    let (access_key_id, region) = auth.map(|a| (a.access_key_id, a.region)).unzip();
    Described {
        action: params.get("Action").cloned().unwrap_or_default(),
        access_key_id,
        region,
        params,
    }
}

pub fn fault_response(fault: Injected) -> Response {
    match fault {
        Injected::Throttle => StsError::new(400, "Throttling", "Rate exceeded"),
        Injected::ServerError | Injected::Drop => StsError::new(
            500,
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.",
        ),
    }
    .into_response()
}

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = describe(req);
    let mut outcome = Outcome {
        response: Response::text(500, ""),
        action: described.action,
        access_key_id: described.access_key_id,
        region: described.region,
        caller_arn: None,
        error_code: None,
        params: described.params,
    };
    let result = authorize_and_run(state, req, &mut outcome);
    outcome.response = match result {
        Ok(body) => {
            let request_id = crate::ids::request_id();
            let xml = xml::success(&outcome.action, &body, &request_id);
            Response::new(200, "text/xml", xml).with_header("x-amzn-RequestId", request_id)
        }
        Err(mut err) => {
            outcome.error_code = Some(err.code.clone());
            if let Some(m) = state
                .scenario
                .hostile
                .as_ref()
                .and_then(|h| h.message.clone())
            {
                err.message = m;
            }
            err.into_response()
        }
    };
    outcome
}

/// Returns the XML inside `<ActionResult>` on success.
fn authorize_and_run(state: &State, req: &Request, out: &mut Outcome) -> Result<String, StsError> {
    if req.path != "/" {
        return Err(StsError::new(
            404,
            "NotFound",
            format!("No route for {}", req.path),
        ));
    }
    if req.method != "POST" && req.method != "GET" {
        return Err(StsError::new(405, "MethodNotAllowed", "Use POST or GET"));
    }
    let caller = auth::authenticate(state, req).map_err(|failure| {
        out.caller_arn = failure.caller_arn;
        failure.error
    })?;
    out.caller_arn = Some(caller.principal.arn());
    let params = &out.params;
    match out.action.as_str() {
        "GetCallerIdentity" => Ok(get_caller_identity(&caller)),
        "AssumeRole" => assume_role::assume_role(state, &caller, params),
        "GetSessionToken" => tokens::get_session_token(state, &caller, params),
        "GetFederationToken" => tokens::get_federation_token(state, &caller, params),
        other => Err(StsError::new(
            400,
            "InvalidAction",
            format!("Could not find operation {other} for version 2011-06-15"),
        )),
    }
}

fn get_caller_identity(caller: &Caller) -> String {
    let p = &caller.principal;
    [
        xml::element("Arn", &p.arn()),
        xml::element("UserId", &p.user_id()),
        xml::element("Account", p.account()),
    ]
    .concat()
}
