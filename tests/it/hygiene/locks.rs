//! ~/.aws stays clean and readable as read-only. Locks live in
//! aws-login's own runtime or state directory, never beside the files in ~/.aws; reading
//! commands work on a read-only HOME; a held lock is waited on, with a message, for a
//! bounded time.
//!
//! Here: where locks live and how a held one is waited on; the read-only HOME in
//! `read_only`.

mod read_only;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
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
