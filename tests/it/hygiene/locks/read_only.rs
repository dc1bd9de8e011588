//! A read-only HOME: reading commands work in a mount namespace where HOME cannot be
//! written, and a cached token is refreshed there only when it must be, with one warning.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{sso, with};
use crate::harness::*;
use crate::sso::{ACCT, admin_arn, cache_json, refreshes};

/// Whether this test process may make a private mount namespace (root, as in CI); panics
/// under AWS_LOGIN_REQUIRE_TOOLS=1 when it cannot.
fn can_unshare() -> bool {
    let ok = Command::new("unshare")
        .args(["-m", "true"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    require_tool(
        ok,
        "unshare -m",
        "not permitted (no mount namespace for a read-only HOME)",
    )
}

/// aws-login in its own mount namespace where HOME is a read-only bind mount of itself:
/// every write under HOME fails with EROFS, as on a read-only mount (root included).
/// A HOME that is still writable there stops the run (exit 99).
fn read_only<'w>(w: &'w World, args: &[&str]) -> Run<'w> {
    read_only_program(w, BIN, args)
}

fn read_only_program<'w>(w: &'w World, program: &'w str, args: &[&str]) -> Run<'w> {
    const SCRIPT: &str = r#"mount --bind "$HOME" "$HOME" && mount -o remount,ro,bind "$HOME" && cd "$HOME" || exit 98
if touch "$HOME/.aws/probe" 2>/dev/null; then echo "HOME is writable" >&2; exit 99; fi
exec "$@""#;
    let mut all = vec!["-m", "--", "/bin/sh", "-c", SCRIPT, "ro-home", program];
    all.extend_from_slice(args);
    w.cmd(&all).program("unshare")
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                todo.push(e.path());
            } else {
                files.push((e.path(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn reading_commands_work_with_a_read_only_home() {
    if !can_unshare() {
        return;
    }
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    let cached = w.sso_cache_file("corp");
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    std::fs::write(&cached, cache_json(&t, "us-east-1")).unwrap();
    std::fs::set_permissions(&cached, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(
        cached.parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    // A profile the AWS CLI reads, its credentials from aws-login.
    w.write(
        ".aws/config",
        &format!(
            "[default]\nregion = eu-west-1\n\n[profile via-aws-login]\nregion = us-east-1\n\
             credential_process = {BIN} dumpcreds --credential-helper --use-cache --sso-session-name corp --sso-acct-id {ACCT} --sso-role-name Admin\n"
        ),
    );
    let before = snapshot(w.home());
    let args = sso(&[]);

    let out = read_only(&w, &with("getcallerid", &args)).run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert_eq!(
        besides_the_session_cache(&out.stderr),
        "",
        "nothing else to warn about"
    );

    let out = read_only(&w, &with("dumpcreds", &args)).run();
    out.ok();
    assert!(out.stdout.contains("AWS_SESSION_TOKEN"), "{}", out.stdout);
    let out = read_only(&w, &with("dumpcreds", &sso(&["--credential-helper"]))).run();
    out.ok();
    assert_eq!(out.json()["Version"], 1);

    let out = read_only(
        &w,
        &["dumpconfig", "--use-cache", "--sso-session-name", "corp"],
    )
    .run();
    out.ok();
    assert!(
        out.stdout.contains("[sso-session corp]") && out.stdout.contains("[profile dev-Admin]"),
        "{}",
        out.stdout
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("aws-login: warning: ") && lines[0].contains("discovery index"),
        "{}",
        out.stderr
    );

    let out = read_only(
        &w,
        &with("assume", &sso(&["--assume-roles", FROM_SSO, "--quiet"])),
    )
    .env("AWS_LOGIN_SHELL", "bash")
    .run();
    out.ok();
    assert!(out.stdout.contains("AWS_SESSION_TOKEN"), "{}", out.stdout);
    assert_eq!(besides_the_session_cache(&out.stderr), "");

    // The AWS CLI, through credential_process.
    if have("aws") {
        let out = read_only_program(
            &w,
            "aws",
            &["sts", "get-caller-identity", "--profile", "via-aws-login"],
        )
        .run();
        out.ok();
        assert_eq!(out.json()["Arn"], admin_arn(&w).as_str());
    }

    // Writing is what fails: after the index warning, one error line.
    let out = read_only(
        &w,
        &[
            "dumpconfig",
            "--use-cache",
            "--sso-session-name",
            "corp",
            "--write",
        ],
    )
    .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 2
            && lines[0].contains("discovery index")
            && lines[1].starts_with("aws-login: cannot write ")
            && lines[1].contains("Read-only file system")
            && lines[1].contains("XDG_RUNTIME_DIR"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(w.home()), before, "the read-only HOME changed");
}

/// The cached token for `corp`, valid for `secs` more seconds (negative: expired).
fn cache_token(w: &World, secs: i64) -> (PathBuf, Vec<u8>) {
    let t = w.fake.issue_sso_token(secs, true);
    let cached = w.sso_cache_file("corp");
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    std::fs::write(&cached, cache_json(&t, "us-east-1")).unwrap();
    std::fs::set_permissions(&cached, std::fs::Permissions::from_mode(0o600)).unwrap();
    let bytes = std::fs::read(&cached).unwrap();
    (cached, bytes)
}

#[track_caller]
fn one_warning(out: &Out, start: &str) {
    out.ok();
    let stderr = besides_the_session_cache(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with(start),
        "expected one line starting {start:?}: {}",
        out.stderr
    );
}

/// stderr without the session cache's warning, which a read-only HOME always brings (the
/// cache cannot be written: tests/it/cache covers it).
fn besides_the_session_cache(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.starts_with("aws-login: warning: the session cache is not used"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn on_a_read_only_home_a_token_is_refreshed_only_when_it_must_be() {
    if !can_unshare() {
        return;
    }
    let w = World::new();
    // Due for refresh but still valid: used as it is (a refresh would retire the cached
    // refresh token, which cannot be replaced), whether no lock can be made (no
    // XDG_RUNTIME_DIR) or one can but the cache cannot be written.
    let (cached, before) = cache_token(&w, 120);
    let runtime = tempfile::tempdir().unwrap();
    for runtime_dir in [None, Some(runtime.path())] {
        let mut run = read_only(&w, &with("getcallerid", &sso(&[])));
        if let Some(d) = runtime_dir {
            run = run.env("XDG_RUNTIME_DIR", &d.display().to_string());
        }
        let out = run.run();
        one_warning(
            &out,
            "aws-login: warning: the SSO token expires within 5 minutes and cannot be refreshed here",
        );
        assert_eq!(out.arn(), admin_arn(&w));
    }
    assert_eq!(refreshes(&w), 0);
    assert_eq!(std::fs::read(&cached).unwrap(), before);

    // Expired: refreshed for this run only.
    let (cached, before) = cache_token(&w, -60);
    let out = read_only(&w, &with("dumpcreds", &sso(&["--credential-helper"]))).run();
    one_warning(
        &out,
        "aws-login: warning: the refreshed SSO token cannot be stored",
    );
    assert_eq!(out.json()["Version"], 1);
    assert_eq!(refreshes(&w), 1);
    assert_eq!(std::fs::read(&cached).unwrap(), before);
}
