//! `aws-login serve`: the endpoint in the foreground for processes it does not start.

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, UdpSocket};

use super::*;

/// Start `serve`, read the two variables it prints (fish syntax: `set -gx NAME 'VALUE'`).
fn serve(w: &World, extra: &[&str]) -> (Child, String, String) {
    start(serve_command(w, extra))
}

/// `serve` for the standard role, in fish syntax, with `extra` arguments.
pub fn serve_command(w: &World, extra: &[&str]) -> std::process::Command {
    let mut argv = vec!["serve", "--assume-roles", DEPLOY, "--outform", "fish"];
    argv.extend_from_slice(extra);
    w.alice(&argv).command()
}

/// Start `cmd` (a `serve`), read the two variables it prints: the URI and the token
/// (read from the file the second names).
pub fn start(cmd: std::process::Command) -> (Child, String, String) {
    let (child, uri, token, _) = start_with_file(cmd);
    (child, uri, token)
}

/// [`start`], with the token file's path.
pub fn start_with_file(mut cmd: std::process::Command) -> (Child, String, String, PathBuf) {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut value = |name: &str| {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let prefix = format!("set -gx {name} '");
        line.trim_end()
            .strip_prefix(&prefix)
            .and_then(|v| v.strip_suffix('\''))
            .unwrap_or_else(|| panic!("{line:?}"))
            .to_string()
    };
    let uri = value("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    let file = PathBuf::from(value("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    let token = std::fs::read_to_string(&file).unwrap();
    (child, uri, token, file)
}

pub fn split(uri: &str) -> (String, String) {
    let (host, path) = uri
        .strip_prefix("http://")
        .unwrap()
        .split_once('/')
        .unwrap();
    (host.to_string(), format!("/{path}"))
}

#[test]
fn serve_prints_the_variables_serves_and_stops_on_sigterm() {
    let w = World::new();
    let (mut child, uri, token) = serve(&w, &[]);
    let (host, path) = split(&uri);
    assert!(host.starts_with("127.0.0.1:"), "{uri}");
    let (status, body) = get(&host, &host, &path, Some(&token));
    assert_eq!(status, 200, "{body}");
    assert_eq!(get(&host, &host, &path, None).0, 401);
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(&token), "{stderr}");
    assert!(TcpStream::connect(&host).is_err(), "still listening");
}

#[test]
fn an_address_that_names_no_interface_is_refused() {
    let w = World::new();
    let out = w
        .alice(&["serve", "--assume-roles", DEPLOY, "--bind", "0.0.0.0:0"])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--bind"), "{}", out.stderr);
}

/// This machine's address on its default route, if it has one.
fn outward_address() -> Option<IpAddr> {
    let s = UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// A non-loopback bind warns, and serves peers that come from that address with the
/// token. (A non-loopback peer refused on a loopback bind cannot be made here: the unit
/// test `serve::auth` covers it.)
#[test]
fn a_non_loopback_bind_warns_and_still_wants_the_token_and_host() {
    let Some(ip) = outward_address() else {
        eprintln!("skipping: this machine has no non-loopback address");
        record_skip("a non-loopback address", "not on this machine");
        return;
    };
    let w = World::new();
    let bind = format!("{ip}:0");
    let (mut child, uri, token) = serve(&w, &["--bind", &bind]);
    let (host, path) = split(&uri);
    assert!(host.starts_with(&ip.to_string()), "{uri}");
    assert_eq!(get(&host, &host, &path, Some(&token)).0, 200);
    assert_eq!(get(&host, &host, &path, None).0, 401);
    let port = host.rsplit(':').next().unwrap();
    assert_eq!(
        get(&host, &format!("127.0.0.1:{port}"), &path, Some(&token)).0,
        403
    );
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: listening on") && stderr.contains("not loopback"),
        "{stderr}"
    );
}
