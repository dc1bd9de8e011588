//! `GET /authorize`: the browser leg of the PKCE authorization-code flow.
//! The "user" is signed in and consents at once, so a valid request redirects
//! straight back to the client's loopback listener with a code (or with
//! `error=access_denied` when the scenario denies).

use super::{escape_html, page};
use crate::http::{Request, Response};
use crate::ids;
use crate::sso_store::{AUTH_CODE_GRANT, AuthCode, now};
use crate::state::State;
use chrono::{Duration, Utc};
use std::collections::HashMap;
use url::{Host, Url};

/// Authorization codes live five minutes, as at AWS.
const CODE_TTL_SECS: i64 = 300;

pub fn authorize(state: &State, req: &Request) -> (Response, Option<&'static str>) {
    let params: HashMap<String, String> = req.params().into_iter().collect();
    match check(state, &params) {
        Ok(redirect) => redirect,
        Err(problem) => {
            let body = format!("<p>{}</p>", escape_html(&problem));
            (page(400, "Invalid request", &body), Some("InvalidRequest"))
        }
    }
}

fn check(
    state: &State,
    params: &HashMap<String, String>,
) -> Result<(Response, Option<&'static str>), String> {
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    if get("response_type") != "code" {
        return Err("response_type must be code".into());
    }
    let mut store = state.sso.lock().unwrap();
    let client = store
        .clients
        .get(get("client_id"))
        .filter(|c| c.reg.expires_at > Utc::now())
        .ok_or("Unknown or expired client_id")?;
    if !client.reg.allows(AUTH_CODE_GRANT) {
        return Err("Client is not registered for the authorization_code grant".into());
    }
    let redirect_uri = get("redirect_uri");
    let registered = &client.reg.redirect_uris;
    if !registered.iter().any(|r| redirect_matches(r, redirect_uri)) {
        return Err(format!("redirect_uri {redirect_uri} is not registered"));
    }
    if get("code_challenge_method") != "S256" {
        return Err("code_challenge_method must be S256".into());
    }
    let challenge = get("code_challenge");
    if challenge.is_empty() {
        return Err("code_challenge is required".into());
    }
    let client_id = client.reg.client_id.clone();
    let state_param = params.get("state");
    let mut target = Url::parse(redirect_uri).map_err(|e| e.to_string())?;
    let hostile = state
        .scenario
        .hostile
        .as_ref()
        .filter(|h| h.fails("Authorize"));
    let code_logged = if let Some(h) = hostile {
        let mut q = target.query_pairs_mut();
        q.append_pair("error", h.error.as_deref().unwrap_or("access_denied"));
        if let Some(d) = &h.error_description {
            q.append_pair("error_description", d);
        }
        Some("AccessDenied")
    } else if store.deny {
        let mut q = target.query_pairs_mut();
        q.append_pair("error", "access_denied");
        q.append_pair(
            "error_description",
            "The user denied the authorization request",
        );
        Some("AccessDenied")
    } else {
        let code = ids::authorization_code();
        let scopes = get("scopes").split([' ', ',']).filter(|s| !s.is_empty());
        let auth = AuthCode {
            client_id,
            redirect_uri: redirect_uri.to_string(),
            challenge: challenge.to_string(),
            scopes: scopes.map(String::from).collect(),
            expires_at: now() + Duration::seconds(CODE_TTL_SECS),
            used: false,
        };
        store.codes.insert(code.clone(), auth);
        target.query_pairs_mut().append_pair("code", &code);
        None
    };
    if let Some(s) = state_param {
        target.query_pairs_mut().append_pair("state", s);
    }
    let body = format!(
        "<p>Redirecting to <a href=\"{0}\">{0}</a></p>",
        escape_html(target.as_str())
    );
    let resp = page(302, "Redirecting", &body).with_header("Location", target.as_str());
    Ok((resp, code_logged))
}

pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    }
}

/// RFC 8252 §7.3: a loopback http URI registered without a port matches the same URI
/// with any port, because native clients listen on whatever port is free. A URI
/// registered with a port, or any other URI, matches only exactly: that is how the
/// service treats it, and what made a reused client with a stale port fail.
fn redirect_matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(reg), Ok(req)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    reg.scheme() == "http"
        && req.scheme() == "http"
        && is_loopback(&reg)
        && !has_port(registered)
        && reg.host() == req.host()
        && reg.path() == req.path()
        && reg.query() == req.query()
        && req.fragment().is_none()
}

/// Whether the URI's authority names a port, even the default one (`Url::port` hides
/// `:80`, which would make `http://127.0.0.1:80/cb` match any port).
fn has_port(uri: &str) -> bool {
    let rest = uri.split_once("://").map_or(uri, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_end = authority.rfind(']').map_or(0, |i| i + 1);
    authority[host_end..].contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loopback_uri_registered_without_a_port_matches_any_port() {
        let reg = "http://127.0.0.1/oauth/callback";
        assert!(redirect_matches(reg, reg));
        assert!(redirect_matches(
            reg,
            "http://127.0.0.1:54321/oauth/callback"
        ));
        assert!(redirect_matches("http://[::1]/cb", "http://[::1]:8080/cb"));
        assert!(!redirect_matches(reg, "http://127.0.0.1:54321/other"));
        assert!(!redirect_matches(
            reg,
            "http://127.0.0.1:54321/oauth/callback?x=1"
        ));
        assert!(!redirect_matches(
            reg,
            "http://127.0.0.1:54321/oauth/callback#f"
        ));
        assert!(!redirect_matches(
            reg,
            "http://localhost:54321/oauth/callback"
        ));
        assert!(!redirect_matches(
            reg,
            "https://127.0.0.1:54321/oauth/callback"
        ));
    }

    #[test]
    fn a_uri_registered_with_a_port_matches_only_exactly() {
        let reg = "http://127.0.0.1:1234/oauth/callback";
        assert!(redirect_matches(reg, reg));
        assert!(!redirect_matches(
            reg,
            "http://127.0.0.1:54321/oauth/callback"
        ));
        assert!(!redirect_matches(
            "http://127.0.0.1:80/cb",
            "http://127.0.0.1:8080/cb"
        ));
        assert!(!redirect_matches(
            "http://[::1]:1234/cb",
            "http://[::1]:8080/cb"
        ));
        let https = "https://app.example.com/cb";
        assert!(redirect_matches(https, https));
        assert!(!redirect_matches(https, "https://app.example.com:444/cb"));
    }

    #[test]
    fn ports_are_found_in_the_authority_only() {
        assert!(has_port("http://127.0.0.1:80/cb"));
        assert!(has_port("http://[::1]:1/cb"));
        assert!(!has_port("http://[::1]/cb"));
        assert!(!has_port("http://127.0.0.1/cb?next=a:b"));
        assert!(!has_port("http://127.0.0.1/a:b"));
    }
}
