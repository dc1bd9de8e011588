//! HTTP/1.1 on a socket aws-login binds: every request checked by the [`Guard`], then
//! answered with the container-credentials JSON or an error body the SDKs show. Clients
//! that send nothing, or only part of a request, are closed after [`HEAD_TIMEOUT`] or
//! when room is needed for another (see [`Conns`]).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::json;
use tokio::net::TcpListener;

use super::Policy;
use super::auth::{Guard, Refusal};
use super::caps::Caps;
use super::conns::{Conns, Watched};
use super::imds::{self, Imds};
use super::log::Record;
use super::state::State;
use crate::creds::Creds;

pub async fn bind(addr: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}: choose another address or port"))
}

/// How long a client may take to send a request head, and so how long a connection may
/// sit idle between requests (hyper times both from when it starts reading a head). The
/// SDKs send their request at once.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// Accept until the task is dropped (the runtime ends with the command).
pub async fn run(
    listener: TcpListener,
    guard: Arc<Guard>,
    imds: Option<Arc<Imds>>,
    state: Arc<State>,
    conns: Arc<Conns>,
    policy: Arc<Policy>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT);
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(conn) => conn,
            Err(e) => {
                // Out of file descriptors under a burst: let connections finish, go on.
                tracing::warn!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let slot = conns.admit().await;
        let conn = slot.conn();
        let (guard, state, answering) = (guard.clone(), state.clone(), conn.clone());
        let (policy, imds) = (policy.clone(), imds.clone());
        let service = service_fn(move |req| {
            let (guard, state, conn) = (guard.clone(), state.clone(), answering.clone());
            let (policy, imds) = (policy.clone(), imds.clone());
            async move {
                let _answering = conn.answering();
                let (status, response, key_id) = match &imds {
                    Some(imds) => {
                        imds::answer(imds, &guard, &state, &policy.caps, peer, &req).await
                    }
                    None => {
                        let (status, body, key_id) =
                            answer(&guard, &state, &policy.caps, peer, &req).await;
                        (status, reply(status, body), key_id)
                    }
                };
                policy.log.record(&Record {
                    peer,
                    method: req.method().as_str(),
                    path: req.uri().path(),
                    status,
                    key_id: key_id.as_deref(),
                });
                Ok::<_, Infallible>(response)
            }
        });
        let serving = http.serve_connection(TokioIo::new(Watched::new(stream, slot)), service);
        tokio::spawn(async move {
            tokio::select! {
                _ = serving => {}
                _ = conn.closed() => {}
            }
        });
    }
}

/// The status and body, and the key id of the credentials served.
async fn answer(
    guard: &Guard,
    state: &Arc<State>,
    caps: &Caps,
    peer: SocketAddr,
    req: &Request<Incoming>,
) -> (u16, serde_json::Value, Option<String>) {
    let header = |name| req.headers().get(name).map(|v| v.as_bytes());
    let checked = guard.check(
        peer.ip(),
        header(HOST),
        header(AUTHORIZATION),
        req.method().as_str(),
        req.uri().path(),
    );
    if let Err(Refusal(status, message)) = checked {
        tracing::trace!(status, "refused a request: {message}");
        return (status, error("AccessDenied", message), None);
    }
    caps.touch();
    // Checked before the state is asked: after the cap nothing is acquired again.
    if let Some(reason) = caps.refusal() {
        return (403, error("AccessDenied", &reason), None);
    }
    match state.get().await {
        Ok(creds) => {
            let creds = caps.clamp(creds);
            (200, body(&creds), Some(creds.access_key_id))
        }
        // The SDKs show the body of a failed answer: the message names the sign-in.
        Err(message) => (500, error("CredentialsUnavailable", &message), None),
    }
}

/// The container-credentials answer (what ECS's agent sends).
fn body(c: &Creds) -> serde_json::Value {
    let mut body = json!({
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key,
        "Token": c.session_token,
        "Expiration": c.expiration_rfc3339(),
    });
    // As ECS's agent sends it, and only when known: a null is not an account to the SDKs.
    if let Some(account) = &c.account_id {
        body["AccountId"] = account.as_str().into();
    }
    body
}

fn error(code: &str, message: &str) -> serde_json::Value {
    json!({"Code": code, "Message": message})
}

fn reply(status: u16, body: serde_json::Value) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body.to_string())));
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    r.headers_mut()
        .insert(CONTENT_TYPE, "application/json".parse().unwrap());
    r
}
