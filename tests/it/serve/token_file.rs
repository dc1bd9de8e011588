//! The token travels in a file (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), never in an
//! environment variable: private, exactly the token, and gone when the endpoint ends.

use std::os::unix::fs::PermissionsExt;

use super::foreground::{serve_command, split, start_with_file};
use super::*;

const DEPLOY_SESSION: &str = "arn:aws:sts::222222222222:assumed-role/Deploy/aws-login";

fn sigterm(child: &Child) {
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
}

fn check_private_and_exact(file: &std::path::Path, token: &str) {
    let meta = std::fs::metadata(file).unwrap();
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "{}",
        file.display()
    );
    let bytes = std::fs::read(file).unwrap();
    assert_eq!(bytes, token.as_bytes());
    assert!(!bytes.ends_with(b"\n"));
    assert!(token.len() >= 43, "{token}");
}

/// boto3 and the aws CLI, started apart from aws-login with only the URI and the token
/// file's path (no keys, no token variable), read the identity through the endpoint.
#[test]
fn boto3_and_the_aws_cli_read_the_token_file_and_it_goes_with_serve() {
    let w = World::new();
    let (mut child, uri, token, file) = start_with_file(serve_command(&w, &[]));
    assert!(
        file.starts_with(w.home().join(".local/state/aws-login/run")),
        "{}",
        file.display()
    );
    check_private_and_exact(&file, &token);
    let dir = std::fs::metadata(file.parent().unwrap()).unwrap();
    assert_eq!(
        dir.permissions().mode() & 0o777,
        0o700,
        "{}",
        file.display()
    );
    let client = |run: Run<'_>| -> std::process::Command {
        let mut c = run.command();
        c.env(URI, &uri)
            .env(TOKEN_FILE, &file)
            .env("AWS_REGION", "eu-west-1")
            .env("AWS_DEFAULT_REGION", "eu-west-1");
        c
    };
    let output = |mut c: std::process::Command| {
        let out = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains(&token), "{stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    if have("python3") {
        let script = "import os, boto3; \
            assert not any(k in os.environ for k in ('AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_ACCESS_KEY_ID')); \
            s = boto3.Session(); assert s.get_credentials().method == 'container-role'; \
            print(s.client('sts').get_caller_identity()['Arn'])";
        let out = output(client(w.cmd(&["-c", script]).program("python3")));
        assert_eq!(out.trim(), DEPLOY_SESSION);
    }
    if have("aws") {
        let out = output(client(w.aws_cli(&[
            "sts",
            "get-caller-identity",
            "--output",
            "json",
        ])));
        let arn: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(arn["Arn"], DEPLOY_SESSION);
    }
    // The same request without the token file's token is refused.
    let (host, path) = split(&uri);
    assert_eq!(get(&host, &host, &path, None).0, 401);
    sigterm(&child);
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert!(!file.exists(), "the token file outlived serve");
}

#[test]
fn token_file_puts_it_where_asked_and_ctrl_c_removes_it() {
    let w = World::new();
    let wanted = w.home().join("agent/token");
    std::fs::create_dir_all(wanted.parent().unwrap()).unwrap();
    // A stale token from an endpoint that was killed is replaced.
    std::fs::write(&wanted, "stale\n").unwrap();
    let (mut child, _, token, file) = start_with_file(serve_command(
        &w,
        &["--token-file", wanted.to_str().unwrap()],
    ));
    assert_eq!(file, wanted);
    check_private_and_exact(&file, &token);
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    assert_eq!(finish(&mut child).0, 0);
    assert!(!file.exists(), "the token file outlived serve");
}

#[test]
fn the_runas_child_gets_the_file_and_no_token_variable() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    check_private_and_exact(&s.token_file, &s.token);
    assert_eq!(s.get().0, 200);
    let file = s.token_file.clone();
    let (code, stderr) = s.stop(0);
    assert_eq!(code, 0, "{stderr}");
    assert!(!file.exists(), "the token file outlived the child");
}

#[test]
fn a_token_file_path_that_is_a_directory_is_refused() {
    let w = World::new();
    let dir = w.home().display().to_string();
    w.alice(&["serve", "--assume-roles", DEPLOY, "--token-file", &dir])
        .run()
        .fails(2, "--token-file");
}

const URI: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN_FILE: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
