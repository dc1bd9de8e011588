//! `--max-lifetime` and `--idle-timeout`: an endpoint that stops serving, and what it
//! serves never lasting past its cap.

use std::time::{Duration, Instant};

use super::foreground::{serve_command, split, start_with_file};
use super::*;

fn assume_roles(w: &World) -> Vec<fake_aws::LogEntry> {
    w.calls("AssumeRole")
}

fn seconds_until(expiration: &serde_json::Value) -> i64 {
    let exp = chrono::DateTime::parse_from_rfc3339(expiration.as_str().unwrap()).unwrap();
    exp.timestamp() - chrono::Utc::now().timestamp()
}

fn sigterm(child: &Child) {
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
}

#[test]
fn past_max_lifetime_requests_get_403_with_the_reason_and_sts_is_never_asked_again() {
    // 8 s credentials: without the cap they would be refreshed within the test.
    let w = short_lived(8);
    let (mut child, uri, token, file) =
        start_with_file(serve_command(&w, &["--max-lifetime", "5s"]));
    let started = Instant::now();
    let (host, path) = split(&uri);
    let (status, body) = get(&host, &host, &path, Some(&token));
    assert_eq!(status, 200, "{body}");
    // Served as lasting no longer than the cap, though STS gave them 8 s.
    assert!(seconds_until(&body["Expiration"]) <= 5, "{body}");
    // The cap left less than AssumeRole's minimum: the minimum was asked for.
    let asked = assume_roles(&w);
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].params["DurationSeconds"], "900");
    std::thread::sleep(Duration::from_millis(5500).saturating_sub(started.elapsed()));
    let (status, body) = get(&host, &host, &path, Some(&token));
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["Code"], "AccessDenied");
    let message = body["Message"].as_str().unwrap();
    assert!(
        message.contains("--max-lifetime of 5s has passed") && !message.contains('\n'),
        "{message}"
    );
    assert!(body.get("AccessKeyId").is_none());
    // Past the credentials' own expiry too: still refused, and nothing re-acquired.
    std::thread::sleep(Duration::from_millis(9500).saturating_sub(started.elapsed()));
    assert_eq!(get(&host, &host, &path, Some(&token)).0, 403);
    assert_eq!(assume_roles(&w).len(), 1, "{:?}", w.sts_actions());
    assert!(
        file.exists(),
        "the token file goes with the endpoint, not the cap"
    );
    sigterm(&child);
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert!(!file.exists(), "the token file outlived serve");
}

#[test]
fn a_cap_shorter_than_the_default_shortens_only_the_final_assume_role() {
    let w = World::new();
    let chain = format!("{DEPLOY},{AUDIT}");
    let cmd = w
        .alice(&[
            "serve",
            "--assume-roles",
            &chain,
            "--outform",
            "fish",
            "--max-lifetime",
            "20m",
        ])
        .command();
    let (mut child, uri, token, _) = start_with_file(cmd);
    let (host, path) = split(&uri);
    let (status, body) = get(&host, &host, &path, Some(&token));
    assert_eq!(status, 200, "{body}");
    let left = seconds_until(&body["Expiration"]);
    assert!((1100..=1200).contains(&left), "{left} s left: {body}");
    let asked = assume_roles(&w);
    assert_eq!(asked.len(), 2);
    // The intermediate hop only signs the next call: it keeps STS's default.
    assert_eq!(asked[0].params.get("DurationSeconds"), None);
    let fitted: i64 = asked[1].params["DurationSeconds"].parse().unwrap();
    assert!((1190..=1200).contains(&fitted), "asked for {fitted} s");
    sigterm(&child);
    assert_eq!(finish(&mut child).0, 0);
}

#[test]
fn serve_stops_after_the_idle_timeout_with_one_line() {
    let w = World::new();
    let (mut child, uri, token, file) =
        start_with_file(serve_command(&w, &["--idle-timeout", "2s"]));
    let started = Instant::now();
    let (host, path) = split(&uri);
    assert_eq!(get(&host, &host, &path, Some(&token)).0, 200);
    let (code, stderr) = finish(&mut child);
    let took = started.elapsed();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(10),
        "{took:?}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.last().copied(),
        Some("aws-login: no request for 2s (--idle-timeout): the endpoint stopped"),
        "{stderr}"
    );
    assert!(TcpStream::connect(&host).is_err(), "still listening");
    assert!(!file.exists(), "the token file outlived serve");
}

/// With `runas --serve` the child goes on: the endpoint alone stops (connections are
/// refused) and its token file goes.
#[test]
fn under_runas_the_idle_endpoint_stops_and_the_child_goes_on() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY, "--idle-timeout", "2s"]);
    let (host, _) = s.parts();
    assert_eq!(s.get().0, 200);
    let start = Instant::now();
    while TcpStream::connect(&host).is_ok() {
        assert!(start.elapsed() < Duration::from_secs(10), "still listening");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !s.token_file.exists(),
        "the token file outlived the endpoint"
    );
    let (code, stderr) = s.stop(7);
    assert_eq!(code, 7, "{stderr}");
    assert!(
        stderr.contains("(--idle-timeout): the endpoint stopped"),
        "{stderr}"
    );
}

#[test]
fn caps_are_checked_and_belong_to_the_endpoint() {
    let w = World::new();
    for (args, needle) in [
        (
            vec!["serve", "--assume-roles", DEPLOY, "--max-lifetime", "0s"],
            "--max-lifetime",
        ),
        (
            vec!["serve", "--assume-roles", DEPLOY, "--idle-timeout", "5"],
            "--idle-timeout",
        ),
        (
            vec!["runas", "--max-lifetime", "5s", "--", "true"],
            "add --serve",
        ),
    ] {
        let out = w.alice(&args).run();
        out.fails(2, needle);
        assert!(out.stderr.contains("aws-login: "), "{}", out.stderr);
    }
    assert!(w.sts_actions().is_empty());
}

/// Each refresh asks for what is left of the cap, less than the first acquisition did.
#[test]
fn a_refresh_asks_for_no_more_than_the_cap_leaves() {
    // 6 s credentials: refreshed below 3 s left.
    let w = short_lived(6);
    let (mut child, uri, token, _) = start_with_file(serve_command(&w, &["--max-lifetime", "20m"]));
    let (host, path) = split(&uri);
    assert_eq!(get(&host, &host, &path, Some(&token)).0, 200);
    std::thread::sleep(Duration::from_millis(3500));
    let start = Instant::now();
    while assume_roles(&w).len() < 2 {
        assert!(start.elapsed() < Duration::from_secs(10), "no refresh");
        assert_eq!(get(&host, &host, &path, Some(&token)).0, 200);
        std::thread::sleep(Duration::from_millis(200));
    }
    let asked: Vec<i64> = assume_roles(&w)
        .iter()
        .map(|e| e.params["DurationSeconds"].parse().unwrap())
        .collect();
    assert!(asked[0] <= 1200 && asked[1] <= 1197, "{asked:?}");
    assert!(asked[1] < asked[0], "{asked:?}");
    sigterm(&child);
    assert_eq!(finish(&mut child).0, 0);
}
