//! `GET /oauth?Action=logout[&redirect_uri=URL]`: ends the console session the
//! browser's cookie names, clears the cookie, and sends the browser on to
//! `redirect_uri` when it is one of the emulator's own pages (AWS accepts its
//! own sign-in URLs there), else shows a signed-out page.

use super::{Params, SESSION_COOKIE, SigninError, session_cookie};
use crate::html::{escape_html, page};
use crate::http::{Request, Response};
use crate::router::Outcome;
use crate::state::State;

pub fn logout(
    state: &State,
    req: &Request,
    params: &Params,
    out: &mut Outcome,
) -> Result<Response, SigninError> {
    if let Some(id) = session_cookie(req) {
        let mut store = state.signin.lock().unwrap();
        out.caller_arn = store.live_console_arn(&id);
        store.end_console(&id);
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    let own = format!("{}/", state.base_url);
    let next = params.get("redirect_uri").filter(|u| u.starts_with(&own));
    let response = match next {
        Some(next) => {
            let body = format!(
                "<p>Signed out. Continue to <a href=\"{0}\">{0}</a></p>",
                escape_html(next)
            );
            page(302, "Signed out", &body).with_header("Location", next.clone())
        }
        None => page(200, "Signed out", "<p id=\"signed-out\">Signed out.</p>"),
    };
    Ok(response.with_header("Set-Cookie", clear))
}
