//! Entries are reused across processes while they have 15 minutes left; `--fresh`,
//! damaged entries, unwritable caches, and what is never stored.

use std::os::unix::fs::PermissionsExt;

use super::*;

#[test]
fn a_second_credential_helper_call_reuses_the_first_ones_credentials_without_sts() {
    let w = World::new();
    let first = w.alice(&HELPER).run();
    first.ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 2);
    let second = w.alice(&HELPER).run();
    second.ok();
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(w.sts_actions().len(), 2, "{:?}", w.sts_actions());
}

#[test]
fn every_credential_command_uses_the_same_entry_for_the_same_request() {
    let w = World::new();
    let roles = HELPER[3];
    w.alice(&["dumpcreds", "--assume-roles", roles]).run().ok();
    w.alice(&["getcallerid", "--assume-roles", roles])
        .run()
        .ok();
    let runas = w
        .alice(&[
            "runas",
            "--assume-roles",
            roles,
            "--",
            "sh",
            "-c",
            "echo $AWS_ACCESS_KEY_ID",
        ])
        .run();
    runas.ok();
    w.alice(&["assume", "--assume-roles", roles])
        .env("AWS_LOGIN_SHELL", "bash")
        .run()
        .ok();
    w.alice(&HELPER).run().ok();
    // One chain for all five; getcallerid's own call signed with the cached key.
    assert_eq!(sts_count(&w, "AssumeRole"), 2, "{:?}", w.sts_actions());
    assert_eq!(sts_count(&w, "GetCallerIdentity"), 1);
    assert_eq!(entries(&w).len(), 1);
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(only_entry(&w)).unwrap()).unwrap();
    assert_eq!(
        runas.stdout.trim(),
        entry["credentials"]["AccessKeyId"].as_str().unwrap()
    );
}

#[test]
fn the_console_reuses_its_credentials_and_keeps_the_chained_session_limit() {
    let w = World::new();
    let args = ["console", "--no-browser", "--assume-roles", HELPER[3]];
    w.alice(&args).run().ok();
    w.alice(&args).run().ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 2, "{:?}", w.sts_actions());
    // From the cache, the credentials are still known to be role-chained.
    w.alice(&[&args[..], &["--duration-seconds", "7200"]].concat())
        .run()
        .fails(2, "1 hour");
}

#[test]
fn a_different_request_is_a_different_entry() {
    let w = World::new();
    w.alice(&HELPER).run().ok();
    w.alice(&[&HELPER[..], &["--region", "eu-west-1"]].concat())
        .run()
        .ok();
    w.alice(&[&HELPER[..], &["--role-session-name", "other"]].concat())
        .run()
        .ok();
    w.alice(&["dumpcreds", "--credential-helper", "--assume-roles", DEPLOY])
        .run()
        .ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 7);
    assert_eq!(entries(&w).len(), 4);
    // Long-term keys as they are: nothing temporary, nothing stored.
    w.alice(&["dumpcreds", "--credential-helper"]).run().ok();
    assert_eq!(entries(&w).len(), 4);
}

#[test]
fn fresh_skips_the_cache_and_stores_what_it_gets() {
    let w = World::new();
    let first = w.alice(&HELPER).run();
    let fresh = w.alice(&[&HELPER[..], &["--fresh"]].concat()).run();
    fresh.ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 4);
    assert_ne!(fresh.json()["AccessKeyId"], first.json()["AccessKeyId"]);
    let after = w.alice(&HELPER).run();
    assert_eq!(after.stdout, fresh.stdout);
    assert_eq!(sts_count(&w, "AssumeRole"), 4);
}

/// Rewrite the only entry's expiry to `minutes` from now.
fn expire_in(w: &World, minutes: i64) {
    let path = only_entry(w);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let t = chrono::Utc::now() + chrono::Duration::minutes(minutes);
    v["expiration"] = t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into();
    std::fs::write(&path, v.to_string()).unwrap();
}

#[test]
fn an_entry_with_14_minutes_left_is_not_used_and_one_with_16_is() {
    let w = World::new();
    w.alice(&HELPER).run().ok();
    expire_in(&w, 16);
    w.alice(&HELPER).run().ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 2);
    expire_in(&w, 14);
    let renewed = w.alice(&HELPER).run();
    renewed.ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 4);
    // The new credentials replaced the old entry.
    let expiration = renewed.json()["Expiration"].as_str().unwrap().to_string();
    let left = chrono::DateTime::parse_from_rfc3339(&expiration)
        .unwrap()
        .to_utc()
        - chrono::Utc::now();
    assert!(left > chrono::Duration::minutes(30), "{left}");
    w.alice(&HELPER).run().ok();
    assert_eq!(sts_count(&w, "AssumeRole"), 4);
}

#[test]
fn a_damaged_entry_is_a_miss_and_is_replaced() {
    for damage in ["{not json", r#"{"version": 2}"#, "", "\u{0}\u{1}binary"] {
        let w = World::new();
        w.alice(&HELPER).run().ok();
        std::fs::write(only_entry(&w), damage).unwrap();
        let out = w.alice(&HELPER).run();
        out.ok();
        assert_eq!(out.stderr, "", "{damage:?}");
        assert_eq!(sts_count(&w, "AssumeRole"), 4, "{damage:?}");
        w.alice(&HELPER).run().ok();
        assert_eq!(sts_count(&w, "AssumeRole"), 4, "replaced: {damage:?}");
    }
}

#[test]
fn an_entry_that_is_not_a_regular_file_is_a_miss_and_a_warning_when_it_cannot_be_replaced() {
    let w = World::new();
    w.alice(&HELPER).run().ok();
    let path = only_entry(&w);
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("x"), "keeps the directory from being replaced").unwrap();
    let out = w.alice(&HELPER).run();
    out.ok();
    assert!(out.json()["SessionToken"].is_string());
    assert!(
        out.stderr
            .starts_with("aws-login: warning: the session cache is not used"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn entries_are_private_files_named_by_a_hash_in_xdg_cache_home() {
    let w = World::new();
    let xdg = w.home().join("xdg-cache");
    let out = w
        .alice(&HELPER)
        .env("XDG_CACHE_HOME", xdg.to_str().unwrap())
        .run();
    out.ok();
    let dir = xdg.join("aws-login/sessions");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    let stem = name.strip_suffix(".json").unwrap();
    assert!(
        stem.len() == 64 && stem.chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&xdg.join("aws-login")), 0o700);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["identity"], AUDIT);
    assert_eq!(v["credentials"]["SessionToken"], out.json()["SessionToken"]);
    // Nothing of the source's secret, and no secret in the name.
    assert!(!text.contains(ALICE_SECRET));
    assert!(!name.contains(out.json()["AccessKeyId"].as_str().unwrap()));
    assert!(!sessions_dir(&w).exists());
}

#[test]
fn a_cache_directory_that_cannot_be_made_is_a_warning_not_a_failure() {
    let w = World::new();
    // A regular file where the cache directory should be: nothing can be made under it.
    let blocked = w.write("blocked", "a file, not a directory");
    for _ in 0..2 {
        let out = w
            .alice(&HELPER)
            .env("XDG_CACHE_HOME", blocked.to_str().unwrap())
            .run();
        out.ok();
        assert!(out.json()["SessionToken"].is_string());
        assert!(
            out.stderr
                .starts_with("aws-login: warning: the session cache is not used"),
            "{}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    }
    assert_eq!(sts_count(&w, "AssumeRole"), 4);
}

#[test]
fn the_warm_path_reads_no_sso_token() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    w.write(
        &format!(
            ".aws/sso/cache/{}",
            w.sso_cache_file(START_URL)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
        ),
        &crate::sso::cache_json(&t, "us-east-1"),
    );
    let args = [
        "dumpcreds",
        "--credential-helper",
        "--start-url",
        START_URL,
        "--use-cache",
        "--no-sign-in",
        "--sso-acct-id",
        "111111111111",
        "--sso-role-name",
        "Admin",
        "--assume-roles",
        FROM_SSO,
    ];
    let first = w.cmd(&args).run();
    first.ok();
    // The token file is still there (it is looked at) but no longer a token: only the
    // session cache can answer now.
    std::fs::write(w.sso_cache_file(START_URL), "not a token").unwrap();
    let n = w.fake.log().len();
    let warm = w.cmd(&args).run();
    warm.ok();
    assert_eq!(warm.stdout, first.stdout);
    assert_eq!(w.fake.log().len(), n, "the warm call made a request");
}
