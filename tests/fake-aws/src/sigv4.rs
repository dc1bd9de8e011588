//! SigV4 verification: parse the client's Authorization header, then re-sign
//! the received request with the `aws-sigv4` crate and compare signatures.
//!
//! The signer decides by itself which headers to sign (everything it is given
//! minus an exclusion list, plus host/x-amz-date/x-amz-security-token that it
//! inserts). To reproduce a client's signature exactly we feed it only the
//! headers the client listed in SignedHeaders and exclude the inserted ones
//! the client did not list.

use crate::http::Request;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use std::borrow::Cow;
use std::time::SystemTime;

pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthHeader {
    pub access_key_id: String,
    /// Scope date, `YYYYMMDD`.
    pub date: String,
    pub region: String,
    pub service: String,
    /// Lowercase header names as listed by the client.
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Parses the header; the error is the message for an `IncompleteSignature` answer.
pub fn parse_authorization(value: &str) -> Result<AuthHeader, String> {
    let (algorithm, rest) = value.trim().split_once(' ').unwrap_or((value.trim(), ""));
    if algorithm != ALGORITHM {
        return Err(format!("Unsupported AWS 'algorithm': '{algorithm}'"));
    }
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    for (name, v) in [
        ("Credential", credential),
        ("Signature", signature),
        ("SignedHeaders", signed),
    ] {
        if v.is_none_or(str::is_empty) {
            missing.push(format!("Authorization header requires '{name}' parameter."));
        }
    }
    if !missing.is_empty() {
        missing.push(format!("Authorization={value}"));
        return Err(missing.join(" "));
    }
    let credential = credential.unwrap_or_default();
    let scope: Vec<&str> = credential.split('/').collect();
    let [key, date, region, service, "aws4_request"] = scope[..] else {
        return Err(format!(
            "Credential should be scoped to a valid region, service and terminated by \
             'aws4_request'. Credential={credential}"
        ));
    };
    Ok(AuthHeader {
        access_key_id: key.into(),
        date: date.into(),
        region: region.into(),
        service: service.into(),
        signed_headers: signed
            .unwrap_or_default()
            .split(';')
            .map(str::to_ascii_lowercase)
            .collect(),
        signature: signature.unwrap_or_default().to_ascii_lowercase(),
    })
}

/// Headers the signer adds on its own when it signs in header mode.
const SIGNER_INSERTED: [&str; 3] = ["host", "x-amz-date", "x-amz-security-token"];

/// Recomputes the signature the client should have sent, given the key's
/// secret (and session token for temporary keys) and the request time.
pub fn expected_signature(
    req: &Request,
    auth: &AuthHeader,
    secret: &str,
    token: Option<&str>,
    time: SystemTime,
) -> Result<String, String> {
    let listed = |name: &str| auth.signed_headers.iter().any(|h| h == name);
    let headers: Vec<(String, &str)> = req
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .filter(|(n, _)| listed(n))
        .collect();
    // The signer needs an authority even when the client did not sign Host.
    let host = req.header("host").unwrap_or("localhost");
    let mut uri = format!("http://{host}{}", req.path);
    if !req.query.is_empty() {
        uri.push('?');
        uri.push_str(&req.query);
    }
    let body = match req.header("x-amz-content-sha256") {
        Some("UNSIGNED-PAYLOAD") => SignableBody::UnsignedPayload,
        _ => SignableBody::Bytes(&req.body),
    };
    let signable = SignableRequest::new(
        &req.method,
        Cow::Owned(uri),
        headers.iter().map(|(n, v)| (n.as_str(), *v)),
        body,
    )
    .map_err(|e| e.to_string())?;

    let mut settings = SigningSettings::default();
    // Sign exactly what the client listed: nothing excluded by default, and the
    // signer-inserted headers excluded when the client left them out.
    settings.excluded_headers = Some(
        SIGNER_INSERTED
            .into_iter()
            .filter(|h| !listed(h))
            .map(Cow::Borrowed)
            .collect(),
    );
    let identity: Identity = Credentials::new(
        &auth.access_key_id,
        secret,
        token.map(str::to_string),
        None,
        "fake-aws",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(&auth.region)
        .name(&auth.service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let output = sign(signable, &params).map_err(|e| e.to_string())?;
    Ok(output.signature().to_string())
}

/// Parses `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`).
pub fn parse_amz_date(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%SZ")
        .ok()
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header() {
        let a = parse_authorization(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, \
             SignedHeaders=Host;x-amz-date, Signature=ABCDEF",
        )
        .unwrap();
        assert_eq!(a.access_key_id, "AKIDEXAMPLE");
        assert_eq!(a.region, "us-east-1");
        assert_eq!(a.service, "sts");
        assert_eq!(a.signed_headers, ["host", "x-amz-date"]);
        assert_eq!(a.signature, "abcdef");
        assert!(parse_authorization("AWS4-HMAC-SHA256 Credential=x").is_err());
        assert!(parse_authorization("Bearer x").is_err());
    }

    /// The AWS SigV4 test-suite vector "get-vanilla-query-order-key-case".
    #[test]
    fn reproduces_reference_signature() {
        let req = Request {
            method: "GET".into(),
            path: "/".into(),
            query: "Param2=value2&Param1=value1".into(),
            headers: vec![
                ("Host".into(), "example.amazonaws.com".into()),
                ("X-Amz-Date".into(), "20150830T123600Z".into()),
            ],
            body: vec![],
            keep_alive: true,
        };
        let auth = AuthHeader {
            access_key_id: "AKIDEXAMPLE".into(),
            date: "20150830".into(),
            region: "us-east-1".into(),
            service: "service".into(),
            signed_headers: vec!["host".into(), "x-amz-date".into()],
            signature: String::new(),
        };
        let time = parse_amz_date("20150830T123600Z").unwrap().into();
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        let sig = expected_signature(&req, &auth, secret, None, time).unwrap();
        assert_eq!(
            sig,
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        );
    }
}
