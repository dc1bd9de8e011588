//! EC2 instance metadata service, IMDSv2 only: a session token from
//! `PUT /latest/api/token` is required for every GET.

use crate::http::{Request, Response};
use crate::ids;
use crate::router::{Described, Outcome, Service};
use crate::sessions::Session;
use crate::state::State;
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::json;

const TOKEN_PATH: &str = "/latest/api/token";
const TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
const CREDS_PREFIX: &str = "/latest/meta-data/iam/security-credentials";
/// Newer SDKs try this first (it adds AccountId) and fall back on 404.
const EXTENDED_PREFIX: &str = "/latest/meta-data/iam/security-credentials-extended";
const INSTANCE_ID: &str = "i-0fake0instance00001";

pub fn handle(state: &State, req: &Request) -> Outcome {
    let described = Described::unsigned(req);
    let response = respond(state, req);
    let code = error_code(response.status);
    described.into_outcome(response, code)
}

fn error_code(status: u16) -> Option<&'static str> {
    match status {
        200 => None,
        400 => Some("BadRequest"),
        401 => Some("Unauthorized"),
        404 => Some("NotFound"),
        405 => Some("MethodNotAllowed"),
        _ => Some("Error"),
    }
}

fn respond(state: &State, req: &Request) -> Response {
    if req.path == TOKEN_PATH {
        return issue_token(state, req);
    }
    if req.method != "GET" {
        return Response::text(405, "Method Not Allowed");
    }
    if !token_valid(state, req) {
        return Response::text(401, "Unauthorized");
    }
    let path = req.path.as_str();
    let Some(imds) = &state.scenario.imds else {
        // An instance without an instance profile has no iam/ tree at all.
        return match path {
            "/latest/meta-data/instance-id" => Response::text(200, INSTANCE_ID),
            _ => not_found(),
        };
    };
    let role_name = imds.role_arn.rsplit('/').next().unwrap_or_default();
    let region = imds.region.as_deref().unwrap_or("us-east-1");
    for (prefix, extended) in [(CREDS_PREFIX, false), (EXTENDED_PREFIX, true)] {
        let Some(rest) = path.strip_prefix(prefix) else {
            continue;
        };
        return match rest {
            "" | "/" => Response::text(200, role_name),
            name if name.strip_prefix('/') == Some(role_name) => {
                match state.instance_session(Service::Imds, &imds.role_arn) {
                    Some(s) => credentials(state, &s, extended),
                    None => not_found(),
                }
            }
            _ => not_found(),
        };
    }
    match path {
        "/latest/meta-data/placement/region" => Response::text(200, region),
        "/latest/meta-data/instance-id" => Response::text(200, INSTANCE_ID),
        _ => not_found(),
    }
}

fn not_found() -> Response {
    Response::text(404, "Not Found")
}

fn issue_token(state: &State, req: &Request) -> Response {
    if req.method != "PUT" {
        return Response::text(405, "Method Not Allowed");
    }
    let ttl = req.header(TTL_HEADER).and_then(|v| v.parse::<i64>().ok());
    let Some(ttl) = ttl.filter(|t| (1..=21600).contains(t)) else {
        return Response::text(400, "Bad Request");
    };
    let token = ids::imds_token();
    let mut tokens = state.imds_tokens.lock().unwrap();
    let now = Utc::now();
    tokens.retain(|_, exp| *exp > now);
    tokens.insert(token.clone(), now + Duration::seconds(ttl));
    Response::text(200, token).with_header(TTL_HEADER, ttl.to_string())
}

fn token_valid(state: &State, req: &Request) -> bool {
    let Some(token) = req.header(TOKEN_HEADER) else {
        return false;
    };
    let tokens = state.imds_tokens.lock().unwrap();
    tokens.get(token).is_some_and(|exp| *exp > Utc::now())
}

fn credentials(state: &State, s: &Session, extended: bool) -> Response {
    let fmt = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut body = json!({
        "Code": "Success",
        "LastUpdated": fmt(Utc::now()),
        "Type": "AWS-HMAC",
        "AccessKeyId": s.creds.access_key_id,
        "SecretAccessKey": s.creds.secret_access_key,
        "Token": s.creds.session_token,
        "Expiration": fmt(s.creds.expiration),
    });
    if extended {
        body["AccountId"] = state.reported_account(s.principal.account()).into();
    }
    Response::json(200, &body)
}
