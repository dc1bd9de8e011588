//! ECS/EKS-style container credentials endpoint, reached through
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` (optionally with an auth token).

use crate::http::{Request, Response};
use crate::router::{Described, Outcome, Service};
use crate::state::State;
use chrono::SecondsFormat;
use serde_json::json;

pub const PATH: &str = "/container-credentials";

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = Described::unsigned(req);
    let (response, code) = respond(state, req);
    described.into_outcome(response, code)
}

fn error(status: u16, code: &'static str, message: &str) -> (Response, Option<&'static str>) {
    let body = json!({ "code": code, "message": message });
    (Response::json(status, &body), Some(code))
}

fn respond(state: &State, req: &Request) -> (Response, Option<&'static str>) {
    if req.method != "GET" {
        return error(405, "MethodNotAllowed", "Only GET is supported");
    }
    let Some(cfg) = &state.scenario.container else {
        return error(404, "NotFound", "No container role configured");
    };
    if let Some(expected) = &cfg.auth_token
        && req.header("authorization") != Some(expected.as_str())
    {
        return error(
            401,
            "Unauthorized",
            "Missing or invalid authorization token",
        );
    }
    let Some(s) = state.instance_session(Service::Container, &cfg.role_arn) else {
        return error(500, "InternalError", "Container role ARN is invalid");
    };
    let body = json!({
        "AccessKeyId": s.creds.access_key_id,
        "SecretAccessKey": s.creds.secret_access_key,
        "Token": s.creds.session_token,
        "Expiration": s.creds.expiration.to_rfc3339_opts(SecondsFormat::Secs, true),
        "RoleArn": cfg.role_arn,
        "AccountId": state.reported_account(s.principal.account()),
    });
    (Response::json(200, &body), None)
}
