//! A tiny blocking HTTP client and a hand-driven SigV4 signer for wire-level
//! tests the SDK cannot express (skewed clocks, GET Query API, dropped sockets).

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use fake_aws::FakeAws;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::SystemTime;

pub struct RawResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn port(fake: &FakeAws) -> u16 {
    fake.url().rsplit(':').next().unwrap().parse().unwrap()
}

/// Sends one request on a fresh connection; `None` if the server closed it
/// without answering.
pub fn send(
    fake: &FakeAws,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<RawResponse> {
    let mut stream = TcpStream::connect(("127.0.0.1", port(fake))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: 127.0.0.1:{}\r\n", port(fake)));
    }
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    // A reset instead of a clean close also counts as "no response".
    let _ = stream.read_to_end(&mut raw);
    if raw.is_empty() {
        return None;
    }
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(RawResponse {
        status,
        headers,
        body: body.to_string(),
    })
}

/// Signs and sends an STS Query request, either as `POST /` with a form body
/// or as `GET /?query`, signed at `time`.
pub fn signed_sts(
    fake: &FakeAws,
    key: &str,
    secret: &str,
    token: Option<&str>,
    query: &str,
    as_get: bool,
    time: SystemTime,
) -> RawResponse {
    let host = format!("127.0.0.1:{}", port(fake));
    let (method, target, body) = if as_get {
        ("GET", format!("/?{query}"), String::new())
    } else {
        ("POST", "/".to_string(), query.to_string())
    };
    let mut headers = vec![("host".to_string(), host.clone())];
    if !as_get {
        headers.push((
            "content-type".into(),
            "application/x-www-form-urlencoded; charset=utf-8".into(),
        ));
    }
    let identity =
        aws_credential_types::Credentials::new(key, secret, token.map(str::to_string), None, "raw")
            .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("sts")
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = format!("http://{host}{target}");
    let signable = SignableRequest::new(
        method,
        uri,
        headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        SignableBody::Bytes(body.as_bytes()),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    for (n, v) in instructions.headers() {
        headers.push((n.to_string(), v.to_string()));
    }
    let refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    send(fake, method, &target, &refs, &body).expect("STS answered")
}
