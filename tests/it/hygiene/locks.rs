//! Issue 10, point 7: ~/.aws stays clean and readable as read-only. Locks live in
//! aws-login's own runtime or state directory, never beside the files in ~/.aws; reading
//! commands work on a read-only HOME; a held lock is waited on, with a message, for a
//! bounded time.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::*;
use crate::sso::{ACCT, admin_arn, cache_json, refreshes};

/// Every `*.lock` file under `dir`.
fn locks_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "lock") {
                found.push(p);
            }
        }
    }
    found
}

fn sso(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = [
        "--use-cache",
        "--sso-session-name",
        "corp",
        "--sso-acct-id",
        ACCT,
        "--sso-role-name",
        "Admin",
    ]
    .map(String::from)
    .to_vec();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn with<'a>(cmd: &'a str, args: &'a [String]) -> Vec<&'a str> {
    let mut v = vec![cmd];
    v.extend(args.iter().map(String::as_str));
    v
}

#[test]
fn the_common_flows_leave_no_lock_file_in_dot_aws() {
    let w = World::new();
    w.write(".aws/config", "[default]\nregion = eu-west-1\n");
    // Sign-in (client registration, token cache, discovery index).
    let signin = sso(&["--start-url", START_URL]);
    let out = w
        .cmd(&with("getcallerid", &signin))
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    // A refresh of the cached token.
    let force = sso(&["--refresh", "force"]);
    w.cmd(&with("getcallerid", &force)).run().ok();
    assert_eq!(refreshes(&w), 1);
    // dumpconfig --write, twice: the config and its backup.
    let dump = [
        "dumpconfig",
        "--use-cache",
        "--sso-session-name",
        "corp",
        "--write",
    ];
    w.cmd(&dump).run().ok();
    w.cmd(
        &[
            &dump[..],
            &["--name-format", "{account_name}-{role_name}-x"],
        ]
        .concat(),
    )
    .run()
    .ok();
    assert!(w.home().join(".aws/config.bak").is_file());
    // importcache into a second session.
    let t = w.fake.issue_sso_token(3600, true);
    w.cmd(&[
        "importcache",
        "--sso-session-name",
        "other",
        "--accesstoken-cache",
        &cache_json(&t, "us-east-1"),
    ])
    .run()
    .ok();
    assert!(w.sso_cache_file("other").is_file());
    // assume with a hop (the assume history).
    let hop = sso(&["--assume-roles", FROM_SSO]);
    let out = w
        .cmd(&with("assume", &hop))
        .env("AWS_LOGIN_SHELL", "bash")
        .run();
    out.ok();
    assert!(out.stdout.contains("AWS_SESSION_TOKEN"), "{}", out.stdout);

    let in_aws = locks_under(&w.home().join(".aws"));
    assert!(in_aws.is_empty(), "lock files left in ~/.aws: {in_aws:?}");
    // They are all in the state directory's locks/ (0700), named by a hash, and the files
    // that were locked are the expected ones.
    let dir = w.home().join(".local/state/aws-login/locks");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let all = locks_under(w.home());
    assert!(
        all.iter().all(|p| p.parent() == Some(dir.as_path())),
        "{all:?}"
    );
    for locked in [
        w.sso_cache_file("corp"),
        w.sso_cache_file("other"),
        w.config_path(),
        w.home().join(".aws/config.bak"),
        w.home().join(".local/state/aws-login/assumed-roles"),
    ] {
        assert!(
            all.contains(&w.lock_file(&locked)),
            "no lock for {}: {all:?}",
            locked.display()
        );
    }
}

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
    assert_eq!(out.stderr, "", "nothing to warn about");

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

    let out = read_only(&w, &with("assume", &sso(&["--assume-roles", FROM_SSO])))
        .env("AWS_LOGIN_SHELL", "bash")
        .run();
    out.ok();
    assert!(out.stdout.contains("AWS_SESSION_TOKEN"), "{}", out.stdout);
    assert_eq!(out.stderr, "");

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
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines.len() == 1 && lines[0].starts_with(start),
        "expected one line starting {start:?}: {}",
        out.stderr
    );
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

/// Start an importcache of a fresh token into session `corp`, recording each stderr line
/// with the time it arrived.
fn timed_import(w: &World, env: &[(&str, &str)]) -> (std::process::Child, TimedLines) {
    let t = w.fake.issue_sso_token(3600, true);
    let mut run = w.cmd(&[
        "importcache",
        "--sso-session-name",
        "corp",
        "--accesstoken-cache",
        &cache_json(&t, "us-east-1"),
    ]);
    for (k, v) in env {
        run = run.env(k, v);
    }
    let start = Instant::now();
    let mut child = run.spawn();
    let stderr = child.stderr.take().unwrap();
    let lines = std::thread::spawn(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .map(|l| (start.elapsed(), l))
            .collect()
    });
    (child, lines)
}

type TimedLines = std::thread::JoinHandle<Vec<(Duration, String)>>;

/// Hold `lock` as another aws-login would: an exclusive flock on the file.
fn hold(lock: &Path) -> std::fs::File {
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let f = std::fs::File::create(lock).unwrap();
    f.lock().unwrap();
    f
}

#[test]
fn a_held_lock_is_waited_on_with_a_message_then_refused_naming_the_lock() {
    let w = World::new();
    let cached = w.sso_cache_file("corp");
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    let lock = w.lock_file(&cached);
    let holder = hold(&lock);

    let (child, lines) = timed_import(&w, &[("AWS_LOGIN_LOCK_TIMEOUT", "4")]);
    let out = child.wait_with_output().unwrap();
    let lines = lines.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{lines:?}");
    assert_eq!(out.stdout, b"");
    assert_eq!(lines.len(), 2, "{lines:?}");
    let (waited, waiting) = &lines[0];
    assert_eq!(
        waiting,
        &format!(
            "aws-login: waiting for another aws-login to finish with {} (lock {})…",
            cached.display(),
            lock.display()
        )
    );
    assert!(
        *waited >= Duration::from_millis(1900) && *waited < Duration::from_millis(3900),
        "the message came after {waited:?}"
    );
    let (failed, error) = &lines[1];
    assert!(
        error.starts_with("aws-login: ")
            && error.contains(&lock.display().to_string())
            && error.contains("AWS_LOGIN_LOCK_TIMEOUT"),
        "{error}"
    );
    assert!(
        *failed >= Duration::from_secs(4) && *failed < Duration::from_secs(15),
        "the error came after {failed:?}"
    );
    assert!(!cached.exists(), "imported despite the lock");

    // Released while waited on: the run goes on and succeeds (here with the lock in
    // XDG_RUNTIME_DIR, which comes before the state directory).
    drop(holder);
    let runtime = w.home().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let lock = lock_file_in(&runtime.join("aws-login/locks"), &cached);
    let holder = hold(&lock);
    let (child, lines) = timed_import(&w, &[("XDG_RUNTIME_DIR", &runtime.display().to_string())]);
    std::thread::sleep(Duration::from_secs(3));
    drop(holder);
    let out = child.wait_with_output().unwrap();
    let lines = lines.join().unwrap();
    assert!(out.status.success(), "{lines:?}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].1.contains("waiting for another aws-login"),
        "{lines:?}"
    );
    assert!(cached.is_file());
    assert!(locks_under(&w.home().join(".aws")).is_empty());

    // A timeout that is not a number of seconds is refused.
    let t = w.fake.issue_sso_token(3600, true);
    w.cmd(&[
        "importcache",
        "--sso-session-name",
        "corp",
        "--accesstoken-cache",
        &cache_json(&t, "us-east-1"),
    ])
    .env("AWS_LOGIN_LOCK_TIMEOUT", "soon")
    .run()
    .fails(2, "AWS_LOGIN_LOCK_TIMEOUT");
}
