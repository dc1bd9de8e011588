//! Every request accounted for: with `-v` one line on stderr, with `--log FILE` one JSON
//! line, each naming the path and status (and, when credentials went out, the identity
//! and key id) and never the token or a secret.

use std::os::unix::fs::PermissionsExt;

use super::foreground::{serve_command, split, start_with_file};
use super::*;

#[test]
fn each_request_is_one_stderr_line_and_one_json_line_without_a_secret() {
    let w = World::new();
    let log = w.home().join("audit.jsonl");
    let (mut child, uri, token, _) =
        start_with_file(serve_command(&w, &["-v", "--log", log.to_str().unwrap()]));
    let (host, path) = split(&uri);
    let (status, body) = get(&host, &host, &path, Some(&token));
    assert_eq!(status, 200, "{body}");
    assert_eq!(get(&host, &host, &path, None).0, 401);
    assert_eq!(get(&host, &host, "/other", Some(&token)).0, 404);
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");

    let key_id = body["AccessKeyId"].as_str().unwrap();
    let mut secrets = vec![
        token.clone(),
        body["SecretAccessKey"].as_str().unwrap().to_string(),
        body["Token"].as_str().unwrap().to_string(),
    ];
    secrets.extend(w.fake.issued_secrets());
    secrets.push(ALICE_SECRET.to_string());
    let text = std::fs::read_to_string(&log).unwrap();
    for s in secrets.iter().filter(|s| s.len() >= 8) {
        assert!(!stderr.contains(s.as_str()), "a secret on stderr: {stderr}");
        assert!(!text.contains(s.as_str()), "a secret in the log: {text}");
    }

    let wanted = [(path.as_str(), 200), (path.as_str(), 401), ("/other", 404)];
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("serve::log"))
        .collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    for (line, (p, status)) in lines.iter().zip(wanted) {
        assert!(line.contains(&format!(" {p} {status} ")), "{line}");
        assert!(line.contains("127.0.0.1:"), "{line}");
    }
    assert!(
        lines[0].contains(DEPLOY) && lines[0].contains(key_id),
        "{}",
        lines[0]
    );
    assert!(!lines[1].contains(key_id), "{}", lines[1]);

    let entries: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(entries.len(), 3, "{text}");
    for (e, (p, status)) in entries.iter().zip(wanted) {
        assert_eq!(e["path"], p, "{e}");
        assert_eq!(e["status"], status, "{e}");
        assert_eq!(e["method"], "GET", "{e}");
        assert!(e["peer"].as_str().unwrap().starts_with("127.0.0.1:"), "{e}");
        assert!(chrono::DateTime::parse_from_rfc3339(e["time"].as_str().unwrap()).is_ok());
    }
    assert_eq!(entries[0]["identity"], DEPLOY);
    assert_eq!(entries[0]["key_id"], key_id);
    assert!(entries[1]["key_id"].is_null() && entries[2]["identity"].is_null());
    let mode = std::fs::metadata(&log).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// A second endpoint appends to the same log: nothing earlier is lost.
#[test]
fn the_log_is_appended_to() {
    let w = World::new();
    let log = w.home().join("audit.jsonl");
    std::fs::write(&log, "{\"earlier\":true}\n").unwrap();
    let (mut child, uri, token, _) =
        start_with_file(serve_command(&w, &["--log", log.to_str().unwrap()]));
    let (host, path) = split(&uri);
    assert_eq!(get(&host, &host, &path, Some(&token)).0, 200);
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("serve::log"),
        "no -v, no request lines: {stderr}"
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "{\"earlier\":true}");
}
