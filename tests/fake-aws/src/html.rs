//! Minimal HTML for the browser-facing endpoints (SSO OIDC's pages, the
//! console sign-in and the fake console).

use crate::http::Response;

/// A minimal HTML page; `title` is trusted text, `body_html` already escaped.
/// The empty icon keeps browsers from fetching /favicon.ico, which would
/// land in the request log as a stray STS 404.
pub fn page(status: u16, title: &str, body_html: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"icon\" href=\"data:,\"></head>\n\
         <body><h1>{title}</h1>\n{body_html}\n</body></html>\n"
    );
    Response::new(status, "text/html; charset=utf-8", html)
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
