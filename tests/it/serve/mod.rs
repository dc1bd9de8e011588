//! The local credentials endpoint: `runas --serve` and `serve`.

mod audit;
mod caps;
mod clients;
mod foreground;
mod guard;
mod imds;
mod long_run;
mod netns;
mod refresh;
mod starve;
mod token_file;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::harness::*;

/// The standard scenario with every temporary credential lasting `secs`.
pub fn short_lived(secs: i64) -> World {
    let mut v: serde_json::Value = serde_json::from_str(&scenario_json()).unwrap();
    v["credential_lifetime_seconds"] = secs.into();
    World::with_scenario(&v.to_string())
}

/// A `runas --serve` whose child writes the endpoint's variables to a file, then waits
/// for a stop file and exits with its code.
pub struct Served {
    pub child: Child,
    pub uri: String,
    pub token: String,
    /// Where the child found the token (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE).
    pub token_file: PathBuf,
    stop: PathBuf,
}

/// The child's script: the variables (and whether any key variable, token variable or
/// profile reached it) to `vars`, then wait for `stop` and exit with the number in it.
// The traps come before the file that tells the test the child is ready: a signal sent
// as soon as the file appears must meet them.
const WAITER: &str = r#"trap 'exit 42' TERM
trap 'exit 43' INT
printf '%s\n%s\n%s\n' "$AWS_CONTAINER_CREDENTIALS_FULL_URI" "$AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE" "${AWS_ACCESS_KEY_ID-nokey}${AWS_SECRET_ACCESS_KEY-}${AWS_SESSION_TOKEN-}${AWS_CONTAINER_AUTHORIZATION_TOKEN-notoken}${AWS_PROFILE-noprofile}|${AWS_REGION-}" > "$VARS.tmp" && mv "$VARS.tmp" "$VARS"
while [ ! -s "$STOP" ]; do sleep 0.05; done
exit "$(cat "$STOP")""#;

impl Served {
    pub fn start(w: &World, args: &[&str]) -> Served {
        let vars = w.home().join("vars");
        let stop = w.home().join("stop");
        let _ = std::fs::remove_file(&vars);
        let _ = std::fs::remove_file(&stop);
        let mut argv = vec!["runas", "--serve", "--region", "eu-west-1"];
        argv.extend_from_slice(args);
        argv.extend(["-c", WAITER]);
        let child = w
            .alice(&argv)
            .env("VARS", vars.to_str().unwrap())
            .env("STOP", stop.to_str().unwrap())
            .env("AWS_PROFILE", "stale")
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "stale-token")
            .spawn();
        let text = wait_for_file(&vars);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[2], "nokeynotokennoprofile|eu-west-1",
            "the child's environment"
        );
        let token_file = PathBuf::from(lines[1]);
        Served {
            child,
            uri: lines[0].to_string(),
            token: std::fs::read_to_string(&token_file).unwrap(),
            token_file,
            stop,
        }
    }

    /// `host:port` and path of the URI.
    pub fn parts(&self) -> (String, String) {
        let rest = self.uri.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        (host.to_string(), format!("/{path}"))
    }

    pub fn get(&self) -> (u16, serde_json::Value) {
        let (host, path) = self.parts();
        get(&host, &host, &path, Some(&self.token))
    }

    /// Let the child exit with `code`; aws-login's outcome.
    pub fn stop(mut self, code: i32) -> (i32, String) {
        std::fs::write(&self.stop, code.to_string()).unwrap();
        finish(&mut self.child)
    }
}

/// A test that fails before `stop` still ends the child, and so aws-login.
impl Drop for Served {
    fn drop(&mut self) {
        if !self.stop.exists() {
            let _ = std::fs::write(&self.stop, "1");
        }
    }
}

pub fn finish(child: &mut Child) -> (i32, String) {
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (exit_code(&status), err)
}

pub fn exit_code(status: &std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

pub fn wait_for_file(path: &std::path::Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && !text.is_empty()
        {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One HTTP/1.1 GET to `addr` with the given Host and Authorization: status and JSON body.
pub fn get(addr: &str, host: &str, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request(host, path, token).as_bytes()).unwrap();
    read_reply(&mut s)
}

pub fn request(host: &str, path: &str, token: Option<&str>) -> String {
    let auth = token
        .map(|t| format!("Authorization: {t}\r\n"))
        .unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Connection: close\r\n\r\n")
}

/// One GET that must be answered within `limit`, from connecting to the last byte.
pub fn get_within(
    addr: &str,
    host: &str,
    path: &str,
    token: &str,
    limit: Duration,
) -> (u16, serde_json::Value) {
    let start = Instant::now();
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(request(host, path, Some(token)).as_bytes())
        .unwrap();
    let mut text = String::new();
    if let Err(e) = s.read_to_string(&mut text) {
        panic!("no answer within {limit:?}: {e}");
    }
    assert!(
        start.elapsed() < limit,
        "answered after {:?}",
        start.elapsed()
    );
    parse_reply(&text)
}

pub fn read_reply(s: &mut TcpStream) -> (u16, serde_json::Value) {
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    parse_reply(&text)
}

fn parse_reply(text: &str) -> (u16, serde_json::Value) {
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default();
    (status, serde_json::from_str(body).unwrap_or_default())
}
