//! The device-code flow's first half: StartDeviceAuthorization, and the
//! verification page where the "user" approves (or denies) a user code.

use super::{DEVICE_PAGE, OidcError, authenticate, escape_html, page, required};
use crate::http::{Request, Response};
use crate::ids;
use crate::sso_store::{DEVICE_CODE_GRANT, DeviceAuth, DeviceStatus, now};
use crate::state::State;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

pub fn start(state: &State, body: &Value) -> Result<Value, OidcError> {
    let start_url = required(body, "startUrl")?;
    let cfg = &state.sso_config;
    let mut store = state.sso.lock().unwrap();
    let client = authenticate(&store, body)?;
    if !client.reg.allows(DEVICE_CODE_GRANT) {
        return Err(OidcError::unauthorized_client(
            "Client is not registered for the device code grant",
        ));
    }
    if normalize(start_url) != normalize(&cfg.start_url) {
        return Err(OidcError::invalid_request("Invalid start URL"));
    }
    let client_id = client.reg.client_id.clone();
    let hostile = state.scenario.hostile.clone().unwrap_or_default();
    let device_code = ids::device_code();
    let user_code = hostile.user_code.clone().unwrap_or_else(ids::user_code);
    let auth = DeviceAuth {
        client_id,
        user_code: user_code.clone(),
        expires_at: now() + Duration::seconds(cfg.device_code_ttl),
        status: DeviceStatus::Pending,
        last_poll: None,
        polls: 0,
    };
    store.devices.insert(device_code.clone(), auth);
    let verification_uri = hostile
        .verification_uri
        .unwrap_or_else(|| format!("{}{DEVICE_PAGE}", state.base_url));
    let complete = hostile
        .verification_uri_complete
        .unwrap_or_else(|| format!("{verification_uri}?user_code={user_code}"));
    Ok(json!({
        "deviceCode": device_code,
        "userCode": user_code,
        "verificationUri": verification_uri,
        "verificationUriComplete": complete,
        "expiresIn": cfg.device_code_ttl,
        "interval": cfg.device_interval,
    }))
}

/// Start URLs as users paste them: with or without a trailing `/` or `#/`.
fn normalize(url: &str) -> &str {
    url.trim_end_matches("#/").trim_end_matches('/')
}

/// `GET /device?user_code=…` approves (or, when the scenario denies, refuses)
/// that authorization; without a code it shows the form a browser submits.
pub fn verify_page(state: &State, req: &Request) -> (Response, Option<&'static str>) {
    let params = req.params();
    let code = params
        .iter()
        .find(|(k, _)| k == "user_code")
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty());
    let Some(code) = code else {
        let form = format!(
            "<form method=\"GET\" action=\"{DEVICE_PAGE}\">\n<label>Code \
             <input type=\"text\" name=\"user_code\" autofocus></label>\n\
             <button type=\"submit\">Confirm and continue</button>\n</form>"
        );
        return (page(200, "Authorize request", &form), None);
    };
    let mut store = state.sso.lock().unwrap();
    let deny = store.deny;
    let Some(auth) = store.device_by_user_code(&code) else {
        let msg = format!("<p>The code {} is not valid.</p>", escape_html(&code));
        return (page(404, "Invalid code", &msg), Some("InvalidUserCode"));
    };
    if auth.expires_at <= Utc::now() {
        let msg = "<p>This code has expired. Start the sign-in again.</p>";
        return (page(400, "Code expired", msg), Some("ExpiredToken"));
    }
    if auth.status == DeviceStatus::Pending {
        auth.status = if deny {
            DeviceStatus::Denied
        } else {
            DeviceStatus::Approved
        };
    }
    let user_code = escape_html(&auth.user_code);
    match auth.status {
        DeviceStatus::Denied => {
            let msg =
                format!("<p>Access for {user_code} was denied. You can close this window.</p>");
            (page(200, "Request denied", &msg), None)
        }
        _ => {
            let msg = format!("<p>{user_code} is approved. You can close this window.</p>");
            (page(200, "Device approved", &msg), None)
        }
    }
}
