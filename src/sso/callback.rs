//! The one-shot loopback listener a browser sign-in comes back to (Identity Center's PKCE
//! sign-in and `login`'s): HTTP on 127.0.0.1 with hyper, as the credentials endpoint
//! serves, answering each request with a small page until the callback that carries the
//! expected `state` arrives.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use crate::inert;

pub(crate) const CALLBACK: &str = "/oauth/callback";

/// How long a browser may take to send a request head, or keep a connection idle: it
/// sends at once, and a connection left open must not hold a task for the whole wait.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// What the callback brought.
pub(crate) enum Callback {
    Code(String),
    Refused(String),
}

pub(crate) struct Listener {
    listener: TcpListener,
    port: u16,
}

impl Listener {
    /// Loopback only, ephemeral port: nothing off this machine can reach the listener.
    /// `fallback` names what to use instead when it cannot listen.
    pub async fn bind(fallback: &str) -> Result<Listener> {
        let cannot = |e: std::io::Error| {
            anyhow!(
                "cannot listen on 127.0.0.1 for the sign-in callback: {}{fallback}",
                crate::fsutil::io_reason(&e)
            )
        };
        let listener = TcpListener::bind("127.0.0.1:0").await.map_err(cannot)?;
        let port = listener.local_addr().map_err(cannot)?.port();
        Ok(Listener { listener, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serve until the callback with the right `state` arrives, or the timeout. Other
    /// paths get 404 and a callback with a wrong state gets 400; both keep the wait going,
    /// so a stray request (favicon, a stale tab) cannot end or hijack the sign-in.
    /// `retry` says what to do after a timeout.
    pub async fn wait(self, state: &str, timeout: Duration, retry: &str) -> Result<Callback> {
        let state: Arc<str> = Arc::from(state);
        let (done, mut arrived) = mpsc::channel::<Callback>(1);
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(HEAD_TIMEOUT);
        let serve = async {
            loop {
                tokio::select! {
                    callback = arrived.recv() => {
                        if let Some(callback) = callback {
                            return callback;
                        }
                    }
                    accepted = self.listener.accept() => {
                        let Ok((stream, _)) = accepted else {
                            // Out of descriptors for a moment: the browser retries.
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            continue;
                        };
                        let (state, done) = (state.clone(), done.clone());
                        let http = http.clone();
                        tokio::spawn(async move { connection(http, stream, state, done).await });
                    }
                }
            }
        };
        tokio::time::timeout(timeout, serve)
            .await
            .map_err(|_| anyhow!("sign-in timed out after {} s: {retry}", timeout.as_secs()))
    }
}

/// One browser connection. The answer that ends the wait closes the connection, and the
/// callback is handed over only once the page is written, so the browser shows it even
/// when the command ends right after.
async fn connection(
    http: http1::Builder,
    stream: tokio::net::TcpStream,
    state: Arc<str>,
    done: mpsc::Sender<Callback>,
) {
    let result: Arc<Mutex<Option<Callback>>> = Arc::default();
    let slot = result.clone();
    let service = service_fn(move |req: Request<Incoming>| {
        let (status, page, callback) = answer(&req, &state);
        let mut response = Response::new(Full::new(Bytes::from(page)));
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or_default();
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if callback.is_some() {
            headers.insert(CONNECTION, hyper::header::HeaderValue::from_static("close"));
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = callback;
        }
        async move { Ok::<_, Infallible>(response) }
    });
    let _ = http.serve_connection(TokioIo::new(stream), service).await;
    let callback = result.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(callback) = callback {
        let _ = done.send(callback).await;
    }
}

/// The status and page for one request, and the callback when it is the awaited one.
fn answer(req: &Request<Incoming>, state: &str) -> (u16, String, Option<Callback>) {
    let target = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let Ok(url) = url::Url::parse(&format!("http://127.0.0.1{target}")) else {
        return (400, page("Bad request."), None);
    };
    if url.path() != CALLBACK {
        return (404, page("Not found."), None);
    }
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    if q.get("state").map(String::as_str) != Some(state) {
        return (
            400,
            page(
                "This sign-in response does not belong to the sign-in aws-login is waiting for; it was ignored.",
            ),
            None,
        );
    }
    if let Some(error) = q.get("error") {
        // Whatever redirected the browser here chose these texts: escaped on the page,
        // inert and bounded on the terminal.
        let why = match q.get("error_description") {
            Some(d) => format!("{error} ({d})"),
            None => error.clone(),
        };
        let shown = format!(
            "Sign-in failed: {}. You can close this tab; aws-login reports the error.",
            inert::html(&why)
        );
        let refused = Callback::Refused(inert::server(&why).into_owned());
        return (200, page(&shown), Some(refused));
    }
    if let Some(code) = q.get("code") {
        return (
            200,
            page("Signed in. You can close this tab and return to the terminal."),
            Some(Callback::Code(code.clone())),
        );
    }
    (
        400,
        page("The sign-in response carried neither a code nor an error."),
        None,
    )
}

/// A page; `html` is escaped already (fixed text, or outside text through `inert::html`).
fn page(html: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>aws-login</title></head><body><h1>aws-login</h1><p id=\"result\">{html}</p></body></html>"
    )
}
