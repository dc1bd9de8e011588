//! `GET /v1/authorize`, the browser leg of `aws login`: the console user is signed in
//! and consents at once. The same-device client is sent back to its loopback listener
//! with the code; the cross-device client's redirect is Sign-In's own confirmation page,
//! which shows the code for the user to paste (`/v1/sessions/confirmation`).

use super::{CONFIRMATION_PATH, CROSS_DEVICE, SAME_DEVICE};
use crate::html::{escape_html, page};
use crate::http::{Request, Response};
use crate::ids;
use crate::oidc::authorize::is_loopback;
use crate::state::State;
use base64::Engine;
use std::collections::HashMap;
use url::Url;

pub fn authorize(state: &State, req: &Request) -> (Response, Option<&'static str>) {
    let params: HashMap<String, String> = req.params().into_iter().collect();
    match check(state, req, &params) {
        Ok(resp) => (resp, None),
        Err(problem) => {
            let body = format!("<p id=\"error\">{}</p>", escape_html(&problem));
            (page(400, "Invalid request", &body), Some("InvalidRequest"))
        }
    }
}

fn check(
    state: &State,
    req: &Request,
    params: &HashMap<String, String>,
) -> Result<Response, String> {
    let get = |name: &str| params.get(name).map(String::as_str).unwrap_or_default();
    if get("response_type") != "code" {
        return Err("response_type must be code".into());
    }
    if get("code_challenge_method") != "SHA-256" {
        return Err("code_challenge_method must be SHA-256".into());
    }
    if get("scope") != "openid" {
        return Err("scope must be openid".into());
    }
    let challenge = get("code_challenge");
    if challenge.len() != 43 {
        return Err("code_challenge must be the unpadded base64url SHA-256 of the verifier".into());
    }
    if get("state").is_empty() {
        return Err("state is required".into());
    }
    let client_id = get("client_id");
    let redirect_uri = get("redirect_uri");
    let target = Url::parse(redirect_uri).map_err(|_| "redirect_uri is not a URL".to_string())?;
    match client_id {
        SAME_DEVICE if target.scheme() == "http" && is_loopback(&target) => {}
        SAME_DEVICE => return Err("the same-device client redirects to a loopback http URI".into()),
        CROSS_DEVICE if target.path() == CONFIRMATION_PATH && same_host(req, &target) => {}
        CROSS_DEVICE => {
            return Err(format!(
                "the cross-device client redirects to {CONFIRMATION_PATH}"
            ));
        }
        _ => return Err("unknown client_id".into()),
    }
    let code = ids::authorization_code();
    let mut store = state.login.lock().unwrap();
    store.add_code(code.clone(), client_id, redirect_uri, challenge);
    let mut target = target;
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", get("state"));
    let body = format!(
        "<p>Redirecting to <a href=\"{0}\">{0}</a></p>",
        escape_html(target.as_str())
    );
    Ok(page(302, "Redirecting", &body).with_header("Location", target.as_str()))
}

fn same_host(req: &Request, target: &Url) -> bool {
    let authority = match target.port() {
        Some(p) => format!("{}:{p}", target.host_str().unwrap_or_default()),
        None => target.host_str().unwrap_or_default().to_string(),
    };
    req.header("host") == Some(authority.as_str())
}

/// `GET /v1/sessions/confirmation`: the page the cross-device flow ends on, showing the
/// verification code (base64 of `state=…&code=…`) for the user to paste into the CLI.
pub fn confirmation(req: &Request) -> (Response, Option<&'static str>) {
    let params: HashMap<String, String> = req.params().into_iter().collect();
    let (Some(code), Some(st)) = (params.get("code"), params.get("state")) else {
        let body = "<p id=\"error\">code and state are required</p>";
        return (page(400, "Invalid request", body), Some("InvalidRequest"));
    };
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("state", st)
        .append_pair("code", code)
        .finish();
    let shown = base64::engine::general_purpose::STANDARD.encode(query);
    let body = format!(
        "<p>Enter this code in the AWS CLI:</p>\n<pre id=\"verification-code\">{}</pre>",
        escape_html(&shown)
    );
    (page(200, "Signed in", &body), None)
}
