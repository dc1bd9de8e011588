//! Minimal HTTP/1.1 request parsing and response writing.
//!
//! Hand-written instead of using an HTTP server crate because fault injection
//! needs to close a connection without sending anything, and SigV4
//! verification needs the raw request target and header values as sent.

use std::io::{self, BufRead, Write};

/// Upper bound on the request head so a garbage client cannot exhaust memory.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Upper bound on a request body; AWS query APIs never come close.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// Raw path as sent, still percent-encoded (signatures are computed over it).
    pub path: String,
    /// Raw query string after `?`, still encoded; empty when absent.
    pub query: String,
    /// Header names and values in arrival order, names as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the client allows reusing the connection after this request.
    pub keep_alive: bool,
}

impl Request {
    /// First header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Decoded query parameters followed by decoded form-body parameters.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = url::form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect();
        let is_form = self
            .header("content-type")
            .is_none_or(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if is_form && !self.body.is_empty() {
            out.extend(url::form_urlencoded::parse(&self.body).into_owned());
        }
        out
    }
}

#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn text(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status, "text/plain", body)
    }

    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response::new(status, "application/json", value.to_string())
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Reads one request; `Ok(None)` means the peer closed the connection cleanly
/// between requests.
pub fn read_request<R: BufRead, W: Write>(
    reader: &mut R,
    writer: &mut W,
) -> io::Result<Option<Request>> {
    let Some(head) = read_head(reader)? else {
        return Ok(None);
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad(format!("malformed request line {request_line:?}")));
    };
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| bad(format!("malformed header line {line:?}")))?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.to_string(), String::new()),
    };
    let mut req = Request {
        method: method.to_string(),
        path,
        query,
        headers,
        body: Vec::new(),
        keep_alive: version == "HTTP/1.1",
    };
    if let Some(conn) = req.header("connection") {
        let conn = conn.to_ascii_lowercase();
        if conn.contains("close") {
            req.keep_alive = false;
        } else if conn.contains("keep-alive") {
            req.keep_alive = true;
        }
    }
    // Clients that wait for permission before sending a body (curl, some SDKs for large bodies).
    if req
        .header("expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
    {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        writer.flush()?;
    }
    req.body = read_body(reader, &req)?;
    Ok(Some(req))
}

fn read_head<R: BufRead>(reader: &mut R) -> io::Result<Option<String>> {
    let mut head = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = reader.read_until(b'\n', &mut line)?;
        if n == 0 {
            if head.is_empty() {
                return Ok(None);
            }
            return Err(bad("connection closed inside request head"));
        }
        // Tolerate stray blank lines between pipelined requests (RFC 9112 2.2).
        if head.is_empty() && (line == b"\r\n" || line == b"\n") {
            continue;
        }
        let end = line == b"\r\n" || line == b"\n";
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD_BYTES {
            return Err(bad("request head too large"));
        }
        if end {
            break;
        }
    }
    let text = String::from_utf8(head).map_err(|_| bad("request head is not UTF-8"))?;
    // Normalise bare LF line endings so the parser only deals with CRLF.
    Ok(Some(text.replace("\r\n", "\n").replace('\n', "\r\n")))
}

fn read_body<R: BufRead>(reader: &mut R, req: &Request) -> io::Result<Vec<u8>> {
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return read_chunked(reader);
    }
    let len: usize = match req.header("content-length") {
        Some(v) => v.parse().map_err(|_| bad("bad Content-Length"))?,
        None => 0,
    };
    if len > MAX_BODY_BYTES {
        return Err(bad("body too large"));
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body)?;
    Ok(body)
}

fn read_chunked<R: BufRead>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line)?;
        let size_hex = size_line.trim().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| bad("bad chunk size"))?;
        if body.len() + size > MAX_BODY_BYTES {
            return Err(bad("body too large"));
        }
        if size == 0 {
            // Skip trailers up to the terminating blank line.
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let mut crlf = String::new();
        reader.read_line(&mut crlf)?;
    }
}

pub fn write_response<W: Write>(w: &mut W, resp: &Response, keep_alive: bool) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    // A handler may set its own Date (a clock set off on purpose); else it is now.
    if !resp
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("date"))
    {
        head.push_str(&format!("Date: {}\r\n", http_date(chrono::Utc::now())));
    }
    if !keep_alive {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())?;
    w.write_all(&resp.body)?;
    w.flush()
}

/// The form of an HTTP `Date` header (RFC 9110 IMF-fixdate).
pub fn http_date(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn bad(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Request {
        let mut reader = io::BufReader::new(raw.as_bytes());
        read_request(&mut reader, &mut io::sink()).unwrap().unwrap()
    }

    #[test]
    fn parses_form_post() {
        let req = parse(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: 31\r\n\r\nAction=GetCallerIdentity&A=b%2B",
        );
        assert_eq!(req.method, "POST");
        assert_eq!(req.header("HOST"), Some("x"));
        assert!(req.keep_alive);
        let params = req.params();
        assert_eq!(params[0], ("Action".into(), "GetCallerIdentity".into()));
        assert_eq!(params[1], ("A".into(), "b+".into()));
    }

    #[test]
    fn parses_chunked_body_and_query() {
        let req = parse(
            "POST /p?x=1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n\
             3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
        );
        assert_eq!(req.body, b"abcde");
        assert_eq!(req.path, "/p");
        assert_eq!(req.query, "x=1");
        assert!(!req.keep_alive);
    }
}
