//! STS Query-API XML, shaped exactly like AWS's so both the Rust SDK's and
//! botocore's parsers accept it.

use super::StsError;
use crate::sessions::IssuedCreds;
use chrono::SecondsFormat;

pub const NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Raw control characters are not well-formed XML; as character references
            // they reach a client's parser (hostile mode sends them).
            c if c.is_control() && !matches!(c, '\n' | '\t') => {
                out.push_str(&format!("&#x{:X};", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`.
pub fn success(action: &str, result: &str, request_id: &str) -> String {
    format!(
        "<{action}Response xmlns=\"{NAMESPACE}\">\n  <{action}Result>\n{result}  </{action}Result>\n  \
         <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n\
         </{action}Response>\n"
    )
}

pub fn error(err: &StsError, request_id: &str) -> String {
    // AWS blames the caller (Sender) for everything but its own failures.
    let kind = if err.status >= 500 {
        "Receiver"
    } else {
        "Sender"
    };
    format!(
        "<ErrorResponse xmlns=\"{NAMESPACE}\">\n  <Error>\n    <Type>{kind}</Type>\n    \
         <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  \
         <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        escape(&err.code),
        escape(&err.message)
    )
}

pub fn credentials(c: &IssuedCreds) -> String {
    format!(
        "    <Credentials>\n      <AccessKeyId>{}</AccessKeyId>\n      \
         <SecretAccessKey>{}</SecretAccessKey>\n      <SessionToken>{}</SessionToken>\n      \
         <Expiration>{}</Expiration>\n    </Credentials>\n",
        c.access_key_id,
        escape(&c.secret_access_key),
        escape(&c.session_token),
        c.expiration.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}

/// A simple `<Name>value</Name>` line at result-member depth.
pub fn element(name: &str, value: &str) -> String {
    format!("    <{name}>{}</{name}>\n", escape(value))
}
