//! The endpoint as EC2 instance metadata (`--imds`): IMDSv2 only, as the SDKs' instance
//! provider reads it. A session token from `PUT /latest/api/token` is needed for every
//! read; the protocol has no secret shared beforehand, so the peer and `Host` checks of
//! the [`Guard`] keep other machines and web pages out, and on loopback a token goes only
//! to a process of the same user (see [`peer`]).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HOST};
use hyper::{Request, Response};
use serde_json::json;

use super::auth::{Guard, Refusal, is_loopback};
use super::caps::Caps;
use super::peer;
use super::state::State;
use crate::creds::Creds;

pub const ENDPOINT_VAR: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
/// The role name served when the chain ends in no role.
pub const DEFAULT_ROLE: &str = "aws-login";

const TOKEN_PATH: &str = "/latest/api/token";
const TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
const CREDS_PATH: &str = "/latest/meta-data/iam/security-credentials";
/// EC2's bounds for a session token's lifetime.
const TTL_MAX: u64 = 21_600;
/// Most session tokens held at once: asking for tokens costs a client nothing, so the
/// store is bounded (the one expiring soonest makes room).
const TOKENS_MAX: usize = 4096;

/// botocore keeps credentials from instance metadata 2 to 10 minutes past their fetch when
/// they have less than 15 to 25 minutes left (its "static stability" extension), and
/// refreshes them only once its extended expiry is 15 minutes away: credentials fetched
/// with less than 10 minutes left can expire under a long-running botocore program. The
/// endpoint serves at least that much only from credentials that last over 15 minutes.
pub const BOTOCORE_SAFE: Duration = Duration::from_secs(15 * 60);

/// Whether `c` may be too short-lived for botocore's instance-metadata provider.
pub fn short_for_botocore(c: &Creds) -> bool {
    let left = c
        .expiration
        .and_then(|e| (e - chrono::Utc::now()).to_std().ok())
        .unwrap_or_default();
    left < BOTOCORE_SAFE
}

pub struct Imds {
    role: String,
    /// The address the endpoint listens on (to find a loopback client's socket).
    local: SocketAddr,
    tokens: Mutex<HashMap<String, Instant>>,
}

/// An answer before it is made into a response: status, content type, body.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Text(u16, String),
    Credentials,
}

impl Imds {
    pub fn new(role: &str, local: SocketAddr) -> Arc<Imds> {
        Arc::new(Imds {
            role: role.to_string(),
            local,
            tokens: Mutex::new(HashMap::new()),
        })
    }

    /// A new session token living `ttl` (already checked).
    fn issue(&self, ttl: Duration) -> String {
        let bytes: [u8; 32] = rand::random();
        let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        let now = Instant::now();
        let mut tokens = self.tokens.lock().unwrap();
        tokens.retain(|_, until| *until > now);
        if tokens.len() >= TOKENS_MAX
            && let Some(soonest) = tokens
                .iter()
                .min_by_key(|(_, until)| **until)
                .map(|(t, _)| t.clone())
        {
            tokens.remove(&soonest);
        }
        tokens.insert(token.clone(), now + ttl);
        token
    }

    fn valid(&self, token: Option<&[u8]>) -> bool {
        let Some(token) = token.and_then(|t| std::str::from_utf8(t).ok()) else {
            return false;
        };
        let tokens = self.tokens.lock().unwrap();
        tokens
            .get(token)
            .is_some_and(|until| *until > Instant::now())
    }

    /// What a request gets, before the credentials are looked at. `same_user`: whether the
    /// client may be given a session token (asked only then: it reads the socket table).
    fn route(
        &self,
        method: &str,
        path: &str,
        header: impl Fn(&str) -> Option<Vec<u8>>,
        same_user: impl Fn() -> bool,
    ) -> Answer {
        // EC2 refuses a token to a request that came through a proxy: a server-side
        // request forgery on a web server carries this header.
        if header("x-forwarded-for").is_some() {
            return Answer::Text(403, "Forbidden".into());
        }
        if path == TOKEN_PATH {
            if method != "PUT" {
                return Answer::Text(405, "Method Not Allowed".into());
            }
            // Without a secret shared beforehand, another user's process on this machine
            // must not get a token (and so the credentials).
            if !same_user() {
                return Answer::Text(403, "Forbidden".into());
            }
            let ttl = header(TTL_HEADER)
                .and_then(|v| String::from_utf8(v).ok())
                .and_then(|v| v.parse::<u64>().ok())
                .filter(|t| (1..=TTL_MAX).contains(t));
            return match ttl {
                Some(ttl) => Answer::Text(200, self.issue(Duration::from_secs(ttl))),
                None => Answer::Text(400, "Bad Request".into()),
            };
        }
        if method != "GET" {
            return Answer::Text(405, "Method Not Allowed".into());
        }
        // IMDSv1 (no token) is refused, as on an instance that requires v2.
        if !self.valid(header(TOKEN_HEADER).as_deref()) {
            return Answer::Text(401, "Unauthorized".into());
        }
        match path.strip_prefix(CREDS_PATH) {
            Some("" | "/") => Answer::Text(200, self.role.clone()),
            Some(rest) if rest.strip_prefix('/') == Some(self.role.as_str()) => Answer::Credentials,
            _ => Answer::Text(404, "Not Found".into()),
        }
    }
}

/// The response, its status and the key id of the credentials served, for the records.
pub async fn answer(
    imds: &Imds,
    guard: &Guard,
    state: &Arc<State>,
    caps: &Caps,
    peer: SocketAddr,
    req: &Request<Incoming>,
) -> (u16, Response<Full<Bytes>>, Option<String>) {
    let header = |name: &str| req.headers().get(name).map(|v| v.as_bytes().to_vec());
    let host = header(HOST.as_str());
    if let Err(Refusal(status, message)) = guard.check_origin(peer.ip(), host.as_deref()) {
        tracing::debug!(status, "refused a request: {message}");
        return (status, text(status, message.to_string()), None);
    }
    // A non-loopback peer is admitted by the --bind that opened the endpoint to others.
    let same_user = || !is_loopback(peer.ip()) || peer::is_ours(peer, imds.local);
    let routed = imds.route(req.method().as_str(), req.uri().path(), header, same_user);
    match routed {
        Answer::Text(status, body) => {
            if status >= 400 {
                tracing::debug!(status, "refused an instance metadata request");
                return (status, text(status, body), None);
            }
            // A token or the role's name: someone uses the endpoint.
            caps.touch();
            let mut r = text(status, body);
            if req.uri().path() == TOKEN_PATH {
                // EC2 echoes the lifetime; some SDKs read it to know when to ask again.
                if let Some(ttl) = req.headers().get(TTL_HEADER) {
                    r.headers_mut().insert(TTL_HEADER, ttl.clone());
                }
            }
            (status, r, None)
        }
        Answer::Credentials => {
            caps.touch();
            // Checked before the state is asked: after the cap nothing is acquired again.
            if let Some(reason) = caps.refusal() {
                let body = json!({"Code": "AccessDenied", "Message": reason});
                return (403, json_reply(403, body), None);
            }
            match state.get().await {
                Ok(creds) => {
                    let creds = caps.clamp(creds);
                    let key_id = Some(creds.access_key_id.clone());
                    (200, json_reply(200, body(&creds)), key_id)
                }
                // The SDKs log the body of a failed answer: the message names the sign-in.
                Err(message) => {
                    let body = json!({"Code": "CredentialsUnavailable", "Message": message});
                    (500, json_reply(500, body), None)
                }
            }
        }
    }
}

/// The credentials answer EC2 sends.
fn body(c: &Creds) -> serde_json::Value {
    json!({
        "Code": "Success",
        "LastUpdated": crate::time::format(chrono::Utc::now()),
        "Type": "AWS-HMAC",
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key,
        "Token": c.session_token,
        "Expiration": c.expiration_rfc3339(),
    })
}

fn text(status: u16, body: String) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    r.headers_mut()
        .insert(CONTENT_TYPE, "text/plain".parse().unwrap());
    r
}

fn json_reply(status: u16, body: serde_json::Value) -> Response<Full<Bytes>> {
    let mut r = text(status, body.to_string());
    r.headers_mut()
        .insert(CONTENT_TYPE, "application/json".parse().unwrap());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> Option<Vec<u8>> {
        None
    }

    fn yes() -> bool {
        true
    }

    fn imds(role: &str) -> Arc<Imds> {
        Imds::new(role, "127.0.0.1:1".parse().unwrap())
    }

    fn token(imds: &Imds, ttl: &str) -> Answer {
        let ttl = ttl.as_bytes().to_vec();
        imds.route(
            "PUT",
            TOKEN_PATH,
            move |h| (h == TTL_HEADER).then(|| ttl.clone()),
            yes,
        )
    }

    fn get(imds: &Imds, path: &str, token: &str) -> Answer {
        let token = token.as_bytes().to_vec();
        imds.route(
            "GET",
            path,
            move |h| (h == TOKEN_HEADER).then(|| token.clone()),
            yes,
        )
    }

    #[test]
    fn a_session_token_lives_1_to_21600_seconds_and_is_needed_for_every_read() {
        let imds = imds("Deploy");
        for bad in ["0", "21601", "-1", "", "ten", "1.5"] {
            assert_eq!(token(&imds, bad), Answer::Text(400, "Bad Request".into()));
        }
        assert_eq!(
            imds.route("PUT", TOKEN_PATH, none, yes),
            Answer::Text(400, "Bad Request".into())
        );
        assert_eq!(
            imds.route("GET", TOKEN_PATH, none, yes),
            Answer::Text(405, "Method Not Allowed".into())
        );
        let Answer::Text(200, t) = token(&imds, "21600") else {
            panic!("no token")
        };
        let list = format!("{CREDS_PATH}/");
        assert_eq!(get(&imds, &list, &t), Answer::Text(200, "Deploy".into()));
        assert_eq!(
            get(&imds, &format!("{CREDS_PATH}/Deploy"), &t),
            Answer::Credentials
        );
        for other in [
            format!("{CREDS_PATH}/Other"),
            format!("{CREDS_PATH}-extended/Deploy"),
            "/latest/meta-data/instance-id".into(),
        ] {
            assert_eq!(get(&imds, &other, &t).status(), 404, "{other}");
        }
        // IMDSv1, a made-up token, a write.
        assert_eq!(imds.route("GET", &list, none, yes).status(), 401);
        assert_eq!(get(&imds, &list, "x").status(), 401);
        assert_eq!(imds.route("POST", &list, none, yes).status(), 405);
    }

    #[test]
    fn a_token_expires_after_its_ttl() {
        let imds = imds(DEFAULT_ROLE);
        let Answer::Text(200, t) = token(&imds, "1") else {
            panic!("no token")
        };
        let list = format!("{CREDS_PATH}/");
        assert_eq!(get(&imds, &list, &t).status(), 200);
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(get(&imds, &list, &t).status(), 401);
    }

    #[test]
    fn a_request_through_a_proxy_is_refused() {
        let imds = imds(DEFAULT_ROLE);
        let forwarded = |h: &str| match h {
            "x-forwarded-for" => Some(b"203.0.113.9".to_vec()),
            TTL_HEADER => Some(b"60".to_vec()),
            _ => None,
        };
        assert_eq!(imds.route("PUT", TOKEN_PATH, forwarded, yes).status(), 403);
    }

    #[test]
    fn another_users_process_gets_no_token() {
        let imds = imds(DEFAULT_ROLE);
        let ttl = |h: &str| (h == TTL_HEADER).then(|| b"60".to_vec());
        assert_eq!(imds.route("PUT", TOKEN_PATH, ttl, || false).status(), 403);
        assert_eq!(imds.route("PUT", TOKEN_PATH, ttl, yes).status(), 200);
    }

    #[test]
    fn the_token_store_is_bounded() {
        let imds = imds(DEFAULT_ROLE);
        for _ in 0..TOKENS_MAX + 10 {
            imds.issue(Duration::from_secs(60));
        }
        assert_eq!(imds.tokens.lock().unwrap().len(), TOKENS_MAX);
    }

    impl Answer {
        fn status(&self) -> u16 {
            match self {
                Answer::Text(s, _) => *s,
                Answer::Credentials => 200,
            }
        }
    }
}
