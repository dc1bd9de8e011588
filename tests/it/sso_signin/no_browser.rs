//! A browser that does not open (missing, or a command that fails without a word): the
//! authorize URL printed from the start is the way out, on the terminal too when the caller
//! keeps stderr; with nowhere to show it, the run fails at once.

use std::io::{BufRead, BufReader};

use crate::harness::*;
use crate::sso::{admin_arn, role_args};

/// Read a sign-in's output until the authorize URL, follow it as a browser would, and read
/// on to the end: the output seen, and whether following it worked.
fn follow_authorize_url(out: impl std::io::Read) -> (String, bool) {
    let mut seen = String::new();
    let mut followed = false;
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { break };
        seen.push_str(&line);
        seen.push('\n');
        let url = line.trim();
        if !followed && url.starts_with("http") && url.contains("/authorize?") {
            let status = std::process::Command::new(which("python3").unwrap())
                .args([
                    "-c",
                    "import sys,urllib.request; urllib.request.urlopen(sys.argv[1]).read()",
                    url,
                ])
                .status()
                .unwrap();
            assert!(status.success(), "{url}");
            followed = true;
        }
    }
    (seen, followed)
}

#[test]
fn when_the_browser_cannot_be_opened_the_url_is_printed_and_the_wait_goes_on() {
    let w = World::new();
    let broken = w.home().join("no-such-browser").display().to_string();
    let mut child = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &broken)
        .env("PATH", "/nonexistent")
        .spawn();
    let (seen, followed) = follow_authorize_url(child.stderr.take().unwrap());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success() && followed, "{seen}");
    assert!(seen.contains("cannot open a browser"), "{seen}");
}

/// A browser command that starts and fails (here: exits 1 at once) opens nothing, and
/// nothing tells aws-login so: the URL is on stderr from the start, with what to do with
/// it, and following it completes the sign-in.
#[test]
fn a_browser_that_fails_leaves_the_printed_url_to_sign_in_with() {
    let w = World::new();
    let failing = w.executable("failing-browser", "#!/bin/sh\nexit 1\n");
    let mut child = w
        .cmd(&role_args(&[
            "--start-url",
            START_URL,
            "--login-timeout",
            "30",
        ]))
        .env("BROWSER", &failing)
        .spawn();
    let (seen, followed) = follow_authorize_url(child.stderr.take().unwrap());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success() && followed, "{seen}");
    assert!(
        seen.contains("if no browser opens, open this URL:"),
        "{seen}"
    );
    let creds: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(creds["Arn"], admin_arn(&w));
}

/// The same under a `credential_process` whose caller keeps stderr (here thrown away):
/// the URL goes to the terminal too, and the run completes once it is followed.
#[test]
fn credential_process_shows_the_sign_in_url_on_the_terminal_when_the_browser_fails() {
    if !have("script") {
        return;
    }
    let w = World::new();
    let failing = w.executable("failing-browser", "#!/bin/sh\nexit 1\n");
    let line = format!(
        "'{BIN}' dumpcreds --credential-helper --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin --login-timeout 30 2>/dev/null"
    );
    let mut child = w
        .cmd(&["-qfec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .env("BROWSER", &failing)
        .spawn();
    let (seen, followed) = follow_authorize_url(child.stdout.take().unwrap());
    assert!(child.wait().unwrap().success() && followed, "{seen}");
    assert!(seen.contains("\"AccessKeyId\""), "{seen}");
}

/// A `credential_process` with no terminal (setsid) whose browser cannot be opened: the
/// URL could reach nobody (the caller keeps stderr until the run ends), so the run fails at
/// once naming the sign-in to run from a terminal, instead of waiting out the timeout.
#[test]
fn credential_process_with_no_terminal_and_no_browser_opening_fails_at_once() {
    let w = World::new();
    let missing = w.home().join("no-such-browser").display().to_string();
    let started = std::time::Instant::now();
    let out = w
        .cmd(&[
            "dumpcreds",
            "--credential-helper",
            "--start-url",
            START_URL,
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "Admin",
            "--login-timeout",
            "20",
        ])
        .env("BROWSER", &missing)
        .env("PATH", "/nonexistent")
        .detached()
        .run();
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    assert_eq!((out.code, out.stdout.as_str()), (1, ""), "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains("none could be opened")
            && last.contains("sign in once from a terminal with aws-login"),
        "{}",
        out.stderr
    );
}
