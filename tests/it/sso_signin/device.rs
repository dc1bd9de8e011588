//! The device-code flow: the code printed and approved, chosen when no browser can be
//! reached, slow_down honoured, denied or expired codes, a forgotten client registered again.

use std::io::{BufRead, BufReader};

use crate::harness::*;
use crate::sso::{ACCT, admin_arn, oidc_actions, role_args};

/// Run a device-code sign-in to completion: read the URL from stderr and visit it.
pub(super) fn approve_from_stderr(
    mut child: std::process::Child,
) -> (std::process::Output, String) {
    let stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(i) = line.find("open http") {
            let url = line[i + 5..].split(' ').next().unwrap().to_string();
            assert!(url.contains("user_code="), "{url}");
            let status = std::process::Command::new("python3")
                .args([
                    "-c",
                    "import sys,urllib.request; urllib.request.urlopen(sys.argv[1]).read()",
                    &url,
                ])
                .status()
                .unwrap();
            assert!(status.success());
            break;
        }
    }
    (child.wait_with_output().unwrap(), seen)
}

#[test]
fn device_code_sign_in_with_no_browser_prints_the_code_and_waits() {
    let w = World::new();
    let (out, seen) = approve_from_stderr(
        w.cmd(&role_args(&["--start-url", START_URL, "--no-browser"]))
            .spawn(),
    );
    assert!(
        out.status.success(),
        "{seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["Arn"], admin_arn(&w).as_str());
    assert!(oidc_actions(&w).contains(&"StartDeviceAuthorization".to_string()));
    assert!(!oidc_actions(&w).contains(&"Authorize".to_string()));
}

#[test]
fn without_a_display_or_browser_the_device_flow_is_chosen_and_slow_down_is_honoured() {
    let w = World::with_scenario(&scenario_json().replace(
        r#""user": "alice@example.com","#,
        r#""user": "alice@example.com", "slow_down_polls": 1,"#,
    ));
    // Cleared environment: no BROWSER, no DISPLAY; an SSH session on top.
    let started = std::time::Instant::now();
    let (out, seen) = approve_from_stderr(
        w.cmd(&role_args(&["--start-url", START_URL]))
            .env("SSH_CONNECTION", "10.0.0.1 1 10.0.0.2 22")
            .spawn(),
    );
    assert!(
        out.status.success(),
        "{seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(oidc_actions(&w).contains(&"StartDeviceAuthorization".to_string()));
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(6),
        "slow_down adds 5 s to the interval"
    );
}

#[test]
fn a_denied_or_expired_device_code_fails_with_a_message() {
    let w = World::new();
    w.fake.set_sso_deny(true);
    let args = role_args(&["--start-url", START_URL, "--use-device-code"]);
    let out = w.cmd(&args).env("BROWSER", &w.fetching_browser()).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.lines().last().unwrap().contains("denied"),
        "{}",
        out.stderr
    );

    let short = scenario_json().replace(
        r#""user": "alice@example.com","#,
        r#""user": "alice@example.com", "device_code_ttl": 3,"#,
    );
    let w = World::with_scenario(&short);
    let out = w.cmd(&args).env("BROWSER", &w.idle_browser()).run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .lines()
            .last()
            .unwrap()
            .contains("device code expired"),
        "{}",
        out.stderr
    );
    assert!(!w.sso_cache_file(START_URL).exists());
}

#[test]
fn a_cached_client_the_service_forgot_is_registered_again() {
    let w = World::new();
    let args = role_args(&["--start-url", START_URL, "--no-browser"]);
    let (first, seen) = approve_from_stderr(w.cmd(&args).spawn());
    assert!(first.status.success(), "{seen}");
    super::forget_cached_client(&w);
    std::fs::remove_file(w.sso_cache_file(START_URL)).unwrap();
    let fresh = [&args[..], &["--fresh"]].concat();
    let (second, seen) = approve_from_stderr(w.cmd(&fresh).spawn());
    assert!(
        second.status.success(),
        "{seen}{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(
        oidc_actions(&w)
            .iter()
            .filter(|a| *a == "RegisterClient")
            .count(),
        2
    );
}

/// `dumpcreds --credential-helper` for the Admin role, as a `credential_process` line runs it.
const HELPER: [&str; 8] = [
    "dumpcreds",
    "--credential-helper",
    "--start-url",
    START_URL,
    "--sso-acct-id",
    ACCT,
    "--sso-role-name",
    "Admin",
];

/// SDKs keep a credential_process's stderr until it ends. With no terminal (setsid: no
/// controlling one, as under an IDE or a scheduler) and no browser, a device code could be
/// shown nowhere: the run fails at once instead of waiting out the timeout, and the
/// sign-in it names, run where a person reads it, then serves the credential_process.
#[test]
fn credential_process_with_no_terminal_and_no_browser_fails_at_once_and_its_hint_works() {
    let w = World::new();
    let detached = |w: &World| {
        let args = [&HELPER[..], &["--login-timeout", "10"]].concat();
        w.cmd(&args).detached().run()
    };
    let out = detached(&w);
    out.fails(1, "no terminal and no browser");
    assert!(!oidc_actions(&w).contains(&"StartDeviceAuthorization".to_string()));
    let hint = out.stderr.rsplit(" with ").next().unwrap().trim();
    let words = shell_words::split(hint).unwrap();
    assert_eq!(words[0], "aws-login", "{hint}");
    let words: Vec<&str> = words[1..].iter().map(String::as_str).collect();
    let (signed, seen) = approve_from_stderr(w.cmd(&words).spawn());
    assert!(signed.status.success(), "{hint}\n{seen}");
    let again = detached(&w);
    again.ok();
    let creds: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(creds["Version"], 1);
    assert!(creds["AccessKeyId"].is_string());
}

/// The same with a terminal: the code goes there, since the caller keeps stderr (here
/// thrown away), and the run completes once it is approved.
#[test]
fn credential_process_shows_the_device_code_on_the_terminal_when_its_caller_keeps_stderr() {
    if !have("script") {
        return;
    }
    let w = World::new();
    let line = format!(
        "'{BIN}' {} --login-timeout 20 2>/dev/null",
        HELPER.join(" ")
    );
    let mut child = w
        .cmd(&["-qfec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .spawn();
    let mut terminal = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut line = String::new();
    while terminal.read_line(&mut line).unwrap() > 0 {
        seen.push_str(&line);
        if let Some(i) = line.find("open http") {
            let url = line[i + 5..].split(' ').next().unwrap();
            let visit = "import sys,urllib.request; urllib.request.urlopen(sys.argv[1]).read()";
            let status = std::process::Command::new("python3")
                .args(["-c", visit, url])
                .status()
                .unwrap();
            assert!(status.success());
        }
        line.clear();
    }
    assert!(child.wait().unwrap().success(), "{seen}");
    assert!(seen.contains("confirm the code"), "{seen}");
    assert!(seen.contains("\"AccessKeyId\""), "{seen}");
}

/// What the user sees through the aws CLI, which runs the credential_process with stderr
/// captured: the one line, at once, not a wait with a code nobody sees.
#[test]
fn the_aws_cli_shows_the_credential_process_sign_in_line_at_once() {
    if !have("aws") {
        return;
    }
    let w = World::new();
    w.write(
        ".aws/config",
        &format!(
            "[profile sso]\nregion = us-east-1\ncredential_process = {BIN} {} --login-timeout 60\n",
            HELPER.join(" ")
        ),
    );
    let started = std::time::Instant::now();
    let out = w
        .aws_cli(&["sts", "get-caller-identity", "--profile", "sso"])
        .detached()
        .run();
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("sign in once from a terminal with aws-login getcallerid"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}
