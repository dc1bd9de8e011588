//! The exit code follows the kind of error, not the command or option that met it: an
//! input that is not of its kind or cannot be read exits 2 wherever it is read.

use crate::harness::*;
use crate::sso::{cache_json, role_args};

/// The commands that read a `file://` value, each with the option that names it.
fn file_readers(url: &str, token: &str) -> Vec<(&'static str, Vec<String>)> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        ("--assume-roles", s(&["getcallerid", "--assume-roles", url])),
        (
            "--accesstoken-cache",
            s(&role_args(&["--accesstoken-cache", url])),
        ),
        (
            "--target-arn-profiles",
            s(&[
                "dumpconfig",
                "--start-url",
                START_URL,
                "--sso-access-token",
                token,
                "--target-arn-profiles",
                url,
            ]),
        ),
        (
            "--accesstoken-cache",
            s(&["importcache", "--accesstoken-cache", url]),
        ),
    ]
}

#[test]
fn an_unreadable_file_value_exits_2_whichever_option_reads_it() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let dir = w.home().join("a-directory");
    std::fs::create_dir_all(&dir).unwrap();
    let not_utf8 = w.home().join("latin1.json");
    std::fs::write(&not_utf8, b"[\"caf\xe9\"]").unwrap();
    let empty = w.write("empty.json", "  \n");
    let huge = w.home().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len((1 << 20) + 1)
        .unwrap();
    let cases = [
        (w.home().join("missing.json"), "no such file"),
        (dir, "is not a regular file"),
        (not_utf8, "is not UTF-8"),
        (empty, "is empty"),
        (huge, "is larger than"),
    ];
    let mut tried = 0;
    for (path, says) in &cases {
        let url = format!("file://{}", path.display());
        for (option, args) in file_readers(&url, &t.access_token) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            eprintln!("case: {args:?}");
            w.alice(&args).run().fails(2, option).fails(2, says);
            tried += 1;
        }
    }
    assert_eq!(tried, 20);
    assert!(w.sts_actions().is_empty(), "no call before the checks");
}

#[test]
fn a_token_file_not_of_its_kind_exits_2_wherever_it_is_read() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let good: serde_json::Value = serde_json::from_str(&cache_json(&t, "us-east-1")).unwrap();
    let mut bad_region = good.clone();
    bad_region["region"] = "us east 1".into();
    let mut no_expiry = good.clone();
    no_expiry.as_object_mut().unwrap().remove("expiresAt");
    let bodies = [
        ("not json".to_string(), "not valid JSON"),
        ("[1, 2]".to_string(), "JSON object"),
        (no_expiry.to_string(), "expiresAt"),
        (bad_region.to_string(), "not a region name"),
    ];
    let mut tried = 0;
    for (body, says) in &bodies {
        let file = w.write("token.json", body);
        let url = format!("file://{}", file.display());
        std::fs::create_dir_all(w.home().join(".aws/sso/cache")).unwrap();
        std::fs::write(w.sso_cache_file("corp"), body).unwrap();
        let runs: [Vec<&str>; 5] = [
            role_args(&["--accesstoken-cache", &url]),
            role_args(&["--accesstoken-cache", body]),
            role_args(&["--use-cache", "--sso-session-name", "corp"]),
            vec!["dumpconfig", "--accesstoken-cache", &url],
            vec!["importcache", "--accesstoken-cache", &url],
        ];
        for args in &runs {
            eprintln!("case: {args:?}");
            w.cmd(args).run().fails(2, says);
            tried += 1;
        }
    }
    assert_eq!(tried, 20);
}

/// A key or session token goes into HTTP headers: one no header can hold exits 2 before
/// any call, wherever it was read (the environment, the credentials file, a
/// credential_process), where the call failed (exit 1) or the signing aborted (a panic).
/// Without a call (`dumpcreds`) any value is passed on: see `outform`.
#[test]
fn a_key_or_token_no_header_can_hold_exits_2_before_any_call() {
    let w = World::new();
    w.write(
        ".aws/credentials",
        &format!("[ctl]\naws_access_key_id = AKIA\u{1}X\naws_secret_access_key = {ALICE_SECRET}\n"),
    );
    let helper = w.executable(
        "bad-helper",
        "#!/bin/sh\ncat <<'EOF'\n{\"Version\": 1, \"AccessKeyId\": \"AKIA\\nX\", \"SecretAccessKey\": \"s\"}\nEOF\n",
    );
    w.write(
        ".aws/config",
        &format!(
            "[profile hop]\nrole_arn = {DEPLOY}\nsource_profile = ctl\n\n\
             [profile helper]\ncredential_process = {helper}\n"
        ),
    );
    const KEY: &str = "the access key id to sign with is empty or holds";
    let env_run = |k: &str, v: &str| w.alice(&["getcallerid"]).env(k, v).run();
    env_run("AWS_ACCESS_KEY_ID", "AKIA\nX").fails(2, KEY);
    env_run("AWS_SESSION_TOKEN", "tok\nen")
        .fails(2, "the session token to sign with is empty or holds");
    for args in [
        &["getcallerid", "--profile", "hop"][..],
        &["getcallerid", "--profile", "ctl"],
        &["getcallerid", "--profile", "helper"],
        &["dumpcreds", "--profile", "helper", "--assume-roles", DEPLOY],
    ] {
        w.cmd(args).run().fails(2, KEY);
    }
    // The console says first that it gets a federation token.
    let console = w
        .cmd(&["console", "--profile", "ctl", "--no-browser"])
        .run();
    assert_eq!(console.code, 2, "{}", console.stderr);
    assert!(
        console.stderr.lines().last().unwrap().contains(KEY),
        "{}",
        console.stderr
    );
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
}
