//! Routes each request to a service module, applies fault injection, and logs.
//!
//! Adding a service: a `Service` variant, a module with `describe`, `handle`
//! and `fault_response`, and one arm in each match below.

use crate::faults::Injected;
use crate::http::{Request, Response};
use crate::log::LogEntry;
use crate::server::Reply;
use crate::state::State;
use crate::{container, imds, oidc, signin, sso, sts};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    Sts,
    Imds,
    Container,
    /// IAM Identity Center portal (`AWS_ENDPOINT_URL_SSO`).
    Sso,
    /// SSO OIDC, including its two browser pages (`AWS_ENDPOINT_URL_SSO_OIDC`).
    SsoOidc,
    /// Console federation (`AWS_ENDPOINT_URL_SIGNIN`): `/federation` and the
    /// emulator's stand-in console page `/console`.
    Signin,
}

/// What a service did with a request: the response plus the log fields.
pub struct Outcome {
    pub response: Response,
    pub action: String,
    pub access_key_id: Option<String>,
    pub region: Option<String>,
    pub caller_arn: Option<String>,
    pub error_code: Option<String>,
    pub params: BTreeMap<String, String>,
}

/// How a request looks in the log before (or without) being handled.
pub struct Described {
    pub action: String,
    pub access_key_id: Option<String>,
    pub region: Option<String>,
    pub params: BTreeMap<String, String>,
}

impl Described {
    /// Log fields of a request that carries no SigV4 signature.
    pub fn unsigned(req: &Request) -> Described {
        Described {
            action: format!("{} {}", req.method, req.path),
            access_key_id: None,
            region: None,
            params: req.params().into_iter().collect(),
        }
    }

    pub fn into_outcome(self, response: Response, error_code: Option<&str>) -> Outcome {
        Outcome {
            response,
            action: self.action,
            access_key_id: self.access_key_id,
            region: self.region,
            caller_arn: None,
            error_code: error_code.map(str::to_string),
            params: self.params,
        }
    }
}

/// Decides the service from method and path alone; STS owns `/` (the Query
/// API) and is the fallback so unknown paths still show up in the log.
pub fn route(req: &Request) -> Service {
    if req.path.starts_with("/latest/") {
        Service::Imds
    } else if req.path == container::PATH {
        Service::Container
    } else if signin::owns(&req.path) {
        Service::Signin
    } else if sso::owns(&req.path) {
        Service::Sso
    } else if oidc::owns(&req.path) {
        Service::SsoOidc
    } else {
        Service::Sts
    }
}

pub fn handle(state: &State, req: &Request) -> Reply {
    if let Some(resp) = state.redirects.answer(req) {
        return Reply::Respond(resp);
    }
    let service = route(req);
    let (latency, injected) = state.faults.next(service);
    if !latency.is_zero() {
        std::thread::sleep(latency);
    }
    let outcome = match injected {
        None => dispatch(service, state, req),
        Some(fault) => {
            let described = describe(service, req);
            let (response, code) = fault_response(service, fault);
            let code = match fault {
                Injected::Drop => "ConnectionDropped",
                Injected::Throttle | Injected::ServerError => code,
            };
            described.into_outcome(response, Some(code))
        }
    };
    let dropped = injected == Some(Injected::Drop);
    state.record(LogEntry {
        service,
        action: outcome.action,
        access_key_id: outcome.access_key_id,
        region: outcome.region,
        caller_arn: outcome.caller_arn,
        status: if dropped { 0 } else { outcome.response.status },
        error_code: outcome.error_code,
        params: outcome.params,
    });
    if dropped {
        Reply::Drop
    } else {
        let mut response = outcome.response;
        let offset = state
            .date_offset_secs
            .load(std::sync::atomic::Ordering::Relaxed);
        if offset != 0 {
            let date = chrono::Utc::now() + chrono::Duration::seconds(offset);
            response
                .headers
                .push(("Date".to_string(), crate::http::http_date(date)));
        }
        Reply::Respond(response)
    }
}

fn dispatch(service: Service, state: &State, req: &Request) -> Outcome {
    match service {
        Service::Sts => sts::handle(state, req),
        Service::Imds => imds::handle(state, req),
        Service::Container => container::handle(state, req),
        Service::Sso => sso::handle(state, req),
        Service::SsoOidc => oidc::handle(state, req),
        Service::Signin => signin::handle(state, req),
    }
}

fn describe(service: Service, req: &Request) -> Described {
    match service {
        Service::Sts => sts::describe(req),
        Service::Sso => sso::describe(req),
        Service::SsoOidc => oidc::describe(req),
        Service::Signin => signin::describe(req),
        Service::Imds | Service::Container => Described::unsigned(req),
    }
}

/// The injected error answer and the error code the log records for it.
fn fault_response(service: Service, fault: Injected) -> (Response, &'static str) {
    // The body is never sent for drops; any response will do.
    let legacy_code = match fault {
        Injected::Throttle => "Throttling",
        Injected::ServerError | Injected::Drop => "InternalFailure",
    };
    match service {
        Service::Sts => (sts::fault_response(fault), legacy_code),
        Service::Sso => sso::fault_response(fault),
        Service::SsoOidc => oidc::fault_response(fault),
        Service::Signin => signin::fault_response(fault),
        Service::Imds | Service::Container => match fault {
            Injected::Throttle => (Response::text(429, "Too Many Requests"), legacy_code),
            Injected::ServerError | Injected::Drop => {
                (Response::text(500, "Internal Server Error"), legacy_code)
            }
        },
    }
}
