//! IAM Identity Center portal API (the `sso` service, REST JSON): role
//! credentials and the account/role listings, authorized by an SSO OIDC
//! access token in the `x-amz-sso_bearer_token` header.

mod list;

use crate::faults::Injected;
use crate::http::{Request, Response};
use crate::router::{Described, Outcome};
use crate::state::State;
use serde_json::json;

const TOKEN_HEADER: &str = "x-amz-sso_bearer_token";

/// The operation a path belongs to, with its HTTP method.
fn operation(path: &str) -> Option<(&'static str, &'static str)> {
    Some(match path {
        "/federation/credentials" => ("GetRoleCredentials", "GET"),
        "/assignment/accounts" => ("ListAccounts", "GET"),
        "/assignment/roles" => ("ListAccountRoles", "GET"),
        "/logout" => ("Logout", "POST"),
        _ => return None,
    })
}

pub fn owns(path: &str) -> bool {
    operation(path).is_some()
}

/// A portal error: status, `x-amzn-ErrorType`, and `{"message"}` as AWS sends them.
#[derive(Debug)]
pub struct PortalError {
    status: u16,
    code: &'static str,
    message: String,
}

impl PortalError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> PortalError {
        PortalError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn invalid_request(message: impl Into<String>) -> PortalError {
        PortalError::new(400, "InvalidRequestException", message)
    }

    fn unauthorized() -> PortalError {
        PortalError::new(
            401,
            "UnauthorizedException",
            "Session token not found or invalid",
        )
    }

    fn into_response(self) -> Response {
        let body = json!({ "message": self.message });
        let request_id = crate::ids::request_id();
        Response::json(self.status, &body)
            .with_header("x-amzn-ErrorType", self.code)
            .with_header("x-amzn-RequestId", request_id)
    }
}

pub fn describe(req: &Request) -> Described {
    let mut d = Described::unsigned(req);
    if let Some((action, _)) = operation(&req.path) {
        d.action = action.to_string();
    }
    d
}

pub fn fault_response(fault: Injected) -> (Response, &'static str) {
    let err = match fault {
        Injected::Throttle => PortalError::new(429, "TooManyRequestsException", "Rate exceeded"),
        Injected::ServerError | Injected::Drop => {
            PortalError::new(500, "InternalServerException", "An internal error occurred")
        }
    };
    let code = err.code;
    (err.into_response(), code)
}

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = describe(req);
    match run(state, req, &described) {
        Ok(body) => {
            let response = Response::json(200, &body)
                .with_header("x-amzn-RequestId", crate::ids::request_id());
            described.into_outcome(response, None)
        }
        Err(mut err) => {
            let code = err.code;
            if let Some(m) = state
                .scenario
                .hostile
                .as_ref()
                .and_then(|h| h.message.clone())
            {
                err.message = m;
            }
            described.into_outcome(err.into_response(), Some(code))
        }
    }
}

fn run(state: &State, req: &Request, d: &Described) -> Result<serde_json::Value, PortalError> {
    let Some((action, method)) = operation(&req.path) else {
        return Err(PortalError::new(
            404,
            "UnknownOperationException",
            "Unknown operation",
        ));
    };
    if req.method != method {
        return Err(PortalError::new(
            405,
            "MethodNotAllowedException",
            format!("{action} takes {method}"),
        ));
    }
    let token = req.header(TOKEN_HEADER).unwrap_or_default();
    {
        let mut store = state.sso.lock().unwrap();
        if !store.admit_portal_request(state.sso_config.portal_tps) {
            return Err(PortalError::new(
                429,
                "TooManyRequestsException",
                "Rate exceeded",
            ));
        }
        if action == "Logout" {
            if !store.revoke_access_token(token) {
                return Err(PortalError::unauthorized());
            }
            return Ok(json!({}));
        }
        if !store.access_token_valid(token) {
            return Err(PortalError::unauthorized());
        }
    }
    let params = &d.params;
    match action {
        "GetRoleCredentials" => get_role_credentials(state, params),
        "ListAccounts" => list::accounts(&state.sso_config, params),
        _ => list::account_roles(&state.sso_config, params),
    }
}

type Params = std::collections::BTreeMap<String, String>;

pub fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, PortalError> {
    match params.get(name).map(String::as_str) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(PortalError::invalid_request(format!(
            "Missing required parameter {name}"
        ))),
    }
}

fn get_role_credentials(state: &State, params: &Params) -> Result<serde_json::Value, PortalError> {
    let account_id = required(params, "account_id")?;
    let role_name = required(params, "role_name")?;
    let assigned = state
        .sso_config
        .assignment(account_id)
        .is_some_and(|a| a.roles.iter().any(|r| r == role_name));
    if !assigned {
        return Err(PortalError::new(403, "ForbiddenException", "No access"));
    }
    let Some(session) = state.mint_sso_session(account_id, role_name) else {
        // Only reachable with a permission-set name that makes no role ARN.
        return Err(PortalError::new(403, "ForbiddenException", "No access"));
    };
    let c = &session.creds;
    Ok(json!({
        "roleCredentials": {
            "accessKeyId": c.access_key_id,
            "secretAccessKey": c.secret_access_key,
            "sessionToken": c.session_token,
            "expiration": c.expiration.timestamp_millis(),
        }
    }))
}
