//! `GET /console?d=ID`: the stand-in for the AWS console that `login`
//! redirects to; `GET /console` shows the session the browser's cookie names. Plain elements with ids let tests and a headless browser
//! read who is signed in, where, and for how long.

use super::{Params, SigninError, session_cookie};
use crate::html::{escape_html, page};
use crate::http::Request;
use crate::http::Response;
use crate::router::Outcome;
use crate::state::State;
use chrono::Utc;

const TITLE: &str = "AWS Console (fake-aws)";

pub fn console(
    state: &State,
    req: &Request,
    params: &Params,
    out: &mut Outcome,
) -> Result<Response, SigninError> {
    let cookie = session_cookie(req);
    let id = match params
        .get("d")
        .filter(|d| !d.is_empty())
        .or(cookie.as_ref())
    {
        Some(id) => id,
        None => return Err(SigninError::new(401, "NotSignedIn", "Not signed in")),
    };
    let store = state.signin.lock().unwrap();
    let Some((grant, console)) = store.by_console(id) else {
        return Err(SigninError::new(404, "NotFound", "No such console session"));
    };
    out.access_key_id = Some(grant.access_key_id.clone());
    out.caller_arn = Some(grant.caller_arn.clone());
    let remaining = console.expires_at.timestamp() - Utc::now().timestamp();
    if remaining <= 0 {
        return Err(SigninError::new(
            403,
            "SessionExpired",
            "Your console session has expired",
        ));
    }
    let span = |id: &str, text: &str| format!("<span id=\"{id}\">{}</span>", escape_html(text));
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let body = [
        format!(
            "<p>Signed in as {}</p>",
            span("identity", &grant.caller_arn)
        ),
        format!("<p>Region: {}</p>", span("region", &console.region)),
        format!(
            "<p>Session time left (seconds): {}</p>",
            span("remaining", &remaining.to_string())
        ),
        format!(
            "<p>Destination: {}</p>",
            span("destination", &opt(&grant.destination))
        ),
        format!("<p>Issuer: {}</p>", span("issuer", &opt(&grant.issuer))),
    ]
    .join("\n");
    Ok(page(200, TITLE, &body))
}
