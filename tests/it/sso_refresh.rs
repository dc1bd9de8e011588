//! Token refresh: auto, off, force, after a rejection, failures, concurrent runs.

use std::os::unix::fs::PermissionsExt;

use crate::harness::*;
use crate::sso::{ACCT, cache_json, oidc_actions, refreshes, role_args};

#[test]
fn auto_refresh_before_expiry_stores_the_new_token_and_keeps_unknown_keys() {
    let w = World::new();
    let t = w.fake.issue_sso_token(120, true);
    let file = w.sso_cache_file(START_URL);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(&file, cache_json(&t, "us-east-1")).unwrap();
    w.cmd(&role_args(&["--use-cache", "--start-url", START_URL]))
        .run()
        .ok();
    assert_eq!(refreshes(&w), 1);
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_ne!(cached["accessToken"], t.access_token.as_str());
    assert_eq!(cached["somethingElse"]["kept"], true);
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Fresh now: no second refresh.
    w.cmd(&role_args(&["--use-cache", "--start-url", START_URL]))
        .run()
        .ok();
    assert_eq!(refreshes(&w), 1);
}

#[test]
fn refresh_off_and_force_do_what_they_say() {
    let w = World::new();
    let fresh = w.fake.issue_sso_token(3600, true);
    let src = cache_json(&fresh, "us-east-1");
    w.cmd(&role_args(&[
        "--accesstoken-cache",
        &src,
        "--refresh",
        "force",
    ]))
    .run()
    .ok();
    assert_eq!(refreshes(&w), 1);
    let expired = w.fake.issue_sso_token(-60, true);
    w.cmd(&role_args(&[
        "--accesstoken-cache",
        &cache_json(&expired, "us-east-1"),
        "--refresh",
        "OFF",
    ]))
    .run()
    .fails(
        1,
        &format!("sign in again with aws-login getcallerid --sso-acct-id 111111111111 --sso-role-name Admin --start-url {START_URL} --use-cache, then use --use-cache instead of --accesstoken-cache"),
    );
    assert_eq!(refreshes(&w), 1);
}

#[test]
fn an_expired_token_that_cannot_be_refreshed_says_how_to_sign_in_again() {
    let w = World::new();
    let t = w.fake.issue_sso_token(-60, false);
    let out = w
        .cmd(&role_args(&[
            "--accesstoken-cache",
            &cache_json(&t, "us-east-1"),
        ]))
        .run();
    out.fails(1, "cannot be refreshed");
    assert!(out.stderr.contains(START_URL));
    assert!(
        w.fake
            .log()
            .iter()
            .all(|e| e.action != "GetRoleCredentials"),
        "a dead token is never used"
    );
}

#[test]
fn a_rejected_token_is_refreshed_once_and_the_call_retried() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    w.fake.expire_sso_tokens();
    let out = w
        .cmd(&role_args(&[
            "--accesstoken-cache",
            &cache_json(&t, "us-east-1"),
        ]))
        .run();
    out.ok();
    let calls: Vec<(String, u16)> = w
        .fake
        .log()
        .into_iter()
        .filter(|e| e.action == "GetRoleCredentials" || e.action == "CreateToken")
        .map(|e| (e.action, e.status))
        .collect();
    assert_eq!(
        calls,
        [
            ("GetRoleCredentials".into(), 401),
            ("CreateToken".into(), 200),
            ("GetRoleCredentials".into(), 200)
        ]
    );
    // A given token cannot be refreshed: a clear message instead.
    let given = w.fake.issue_sso_token(3600, true);
    w.fake.expire_sso_tokens();
    w.cmd(&role_args(&["--sso-access-token", &given.access_token]))
        .run()
        .fails(1, "rejected");
}

#[test]
fn a_failed_refresh_is_an_error_not_a_dead_token() {
    let w = World::new();
    let t = w.fake.issue_sso_token(-60, true);
    let mut doc: serde_json::Value = serde_json::from_str(&cache_json(&t, "us-east-1")).unwrap();
    doc["refreshToken"] = "revoked-refresh-token".into();
    let out = w
        .cmd(&role_args(&["--accesstoken-cache", &doc.to_string()]))
        .run();
    out.fails(1, "could not be refreshed");
    assert!(out.stderr.contains("sign in again"));
}

#[test]
fn sixteen_concurrent_runs_refresh_exactly_once() {
    let w = World::new();
    let t = w.fake.issue_sso_token(60, true);
    let file = w.sso_cache_file(START_URL);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(&file, cache_json(&t, "us-east-1")).unwrap();
    let children: Vec<_> = (0..16)
        .map(|_| {
            w.cmd(&[
                "dumpcreds",
                "--credential-helper",
                "--use-cache",
                "--start-url",
                START_URL,
                "--sso-acct-id",
                ACCT,
                "--sso-role-name",
                "Admin",
            ])
            .spawn()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(j["Version"], 1);
    }
    assert_eq!(refreshes(&w), 1, "{:?}", oidc_actions(&w));
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(cached["accessToken"].is_string());
}

/// A run killed mid-write leaves its temporary file (a whole token) in the shared token
/// cache, where no other tool removes it: the next token written sweeps those of
/// aws-login's that are stale, and nothing else (a fresh one a writer may still be writing,
/// another tool's file, a symlink, whatever it points at).
#[test]
fn a_token_write_sweeps_stale_temporaries_from_the_token_cache() {
    use std::time::{Duration, SystemTime};
    let w = World::new();
    let t = w.fake.issue_sso_token(120, true);
    let file = w.sso_cache_file(START_URL);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(&file, cache_json(&t, "us-east-1")).unwrap();
    let dir = file.parent().unwrap().to_path_buf();
    let plant = |name: &str, age: Duration| {
        let p = dir.join(name);
        std::fs::write(&p, r#"{"accessToken": "half-writ"#).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() - age).unwrap();
        p
    };
    let old = Duration::from_secs(300);
    let stale = plant(".aws-login-Ab12cd", old);
    let fresh = plant(".aws-login-Ef34gh", Duration::ZERO);
    let other = plant(".other-tool-Ij56kl", old);
    let outside = w.home().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    let target = outside.join(".aws-login-Mn78op");
    std::fs::write(&target, "kept").unwrap();
    let link = dir.join(".aws-login-Qr90st");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // Both the link and what it points at look stale.
    for p in [&target, &link] {
        let ok = std::process::Command::new("touch")
            .args(["-h", "-d", "10 minutes ago"])
            .arg(p)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    w.cmd(&role_args(&["--use-cache", "--start-url", START_URL]))
        .run()
        .ok();
    assert_eq!(refreshes(&w), 1, "the token was written");
    assert!(!stale.exists(), "a stale temporary goes");
    for kept in [&fresh, &other, &file, &target] {
        assert!(kept.exists(), "{} stays", kept.display());
    }
    assert!(link.symlink_metadata().is_ok(), "the symlink stays");
}
