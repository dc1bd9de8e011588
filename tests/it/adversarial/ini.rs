//! Adversarial, class 1 (and the start-URL userinfo hole of class 7): nothing aws-login
//! writes into an INI file can create a section or key. Hostile values come from token
//! cache files, the command line and the SSO portal (the emulator's `hostile_names` mode);
//! the real `aws` CLI and botocore judge what reached the config file.

use std::path::{Path, PathBuf};

use crate::harness::*;

mod portal;

/// What an attacker wants the aws CLI to run: a credential_process that leaves a mark.
pub(super) fn payload(w: &World) -> String {
    format!(
        "credential_process = sh -c 'touch {}'",
        w.home().join("PWNED").display()
    )
}

pub(super) fn pwned(w: &World) -> bool {
    w.home().join("PWNED").exists()
}

/// A token cache file in the AWS CLI format with the given startUrl and region.
fn token_json(w: &World, start_url: &str, region: &str) -> String {
    let t = w.fake.issue_sso_token(3600, false);
    serde_json::json!({
        "startUrl": start_url,
        "region": region,
        "accessToken": t.access_token,
        "expiresAt": "2099-01-01T00:00:00Z",
    })
    .to_string()
}

/// Hostile (startUrl, region) pairs, each with the words the refusal must contain.
fn hostile_tokens(w: &World) -> Vec<(String, String, &'static str)> {
    let p = payload(w);
    let url = "https://x.awsapps.com/start";
    vec![
        (
            format!("{url}\n[profile x]\n{p}"),
            "us-east-1".into(),
            "startUrl",
        ),
        (
            format!("{url}\r[profile x]\r{p}"),
            "us-east-1".into(),
            "startUrl",
        ),
        (
            format!("{url}\u{2028}[profile x]"),
            "us-east-1".into(),
            "startUrl",
        ),
        (format!("{url}\t#"), "us-east-1".into(), "startUrl"),
        (
            "https://alice:hunter2@x.awsapps.com/start".into(),
            "us-east-1".into(),
            "user name or password",
        ),
        (
            "http://x.awsapps.com/start".into(),
            "us-east-1".into(),
            "https",
        ),
        ("https://".into(), "us-east-1".into(), "startUrl"),
        (url.into(), format!("us-east-1\n[profile x]\n{p}"), "region"),
        (url.into(), "us-east-1]".into(), "region"),
    ]
}

/// The config file is byte for byte what it was, and no backup was made.
#[track_caller]
pub(super) fn assert_untouched(config: &Path, original: &str) {
    assert_eq!(std::fs::read_to_string(config).unwrap(), original);
    assert!(!PathBuf::from(format!("{}.bak", config.display())).exists());
}

/// The judge: the aws CLI and botocore see none of `names` as a profile, and running one
/// starts no credential_process.
pub(super) fn aws_sees_no_profile(w: &World, names: &[&str]) {
    if !have("aws") {
        return;
    }
    let script = "import botocore.session, json\ns = botocore.session.Session()\nc = s.full_config\nprint(json.dumps({'profiles': sorted(s.available_profiles), 'keys': sorted({k for p in c['profiles'].values() for k in p})}))";
    let read = w
        .cmd(&["-c", script])
        .program(which("python3").unwrap())
        .run();
    assert_eq!(read.code, 0, "botocore: {}", read.stderr);
    let j = read.json();
    for name in names {
        assert!(
            !j["profiles"].as_array().unwrap().iter().any(|p| p == name),
            "botocore sees profile {name}: {j}"
        );
        let run = w
            .aws_cli(&["sts", "get-caller-identity", "--profile", name])
            .run();
        assert_ne!(run.code, 0, "aws --profile {name} ran: {}", run.stdout);
    }
    assert!(
        !j["keys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "credential_process"),
        "a credential_process reached the config: {j}"
    );
    assert!(!pwned(w), "the aws CLI ran the planted command");
}

#[test]
fn the_judge_runs_a_planted_credential_process() {
    // The aws CLI does run a credential_process it finds, so its failing to find one
    // below means something.
    if !have("aws") {
        return;
    }
    let w = World::new();
    w.write(".aws/config", &format!("[profile x]\n{}\n", payload(&w)));
    let _ = w
        .cmd(&["sts", "get-caller-identity", "--profile", "x"])
        .program(which("aws").unwrap())
        .run();
    assert!(pwned(&w), "the aws CLI did not run credential_process");
}

#[test]
fn a_token_cache_start_url_or_region_cannot_plant_a_profile_the_aws_cli_would_run() {
    let w = World::new();
    let original = "[default]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", original);
    let mut tried = 0;
    for (start_url, region, needle) in hostile_tokens(&w) {
        let json = token_json(&w, &start_url, &region);
        let file = w.write("token.json", &json);
        std::fs::create_dir_all(w.home().join(".aws/sso/cache")).unwrap();
        std::fs::write(w.sso_cache_file("corp"), &json).unwrap();
        let file_arg = format!("file://{}", file.display());
        let sources: [Vec<&str>; 3] = [
            vec!["--use-cache", "--sso-session-name", "corp"],
            vec!["--accesstoken-cache", &file_arg],
            vec!["--accesstoken-cache", &json],
        ];
        for source in &sources {
            for write in [false, true] {
                let mut argv = vec!["dumpconfig"];
                argv.extend(source.iter().copied());
                if write {
                    argv.push("--write");
                }
                eprintln!("case: {start_url:?} {region:?} {argv:?}");
                let out = w.cmd(&argv).run();
                out.fails(2, needle);
                assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
                assert_untouched(&config, original);
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 54);
    aws_sees_no_profile(&w, &["x"]);
}

#[test]
fn importcache_stores_no_token_whose_start_url_or_region_is_not_of_its_kind() {
    let w = World::new();
    for (start_url, region, needle) in hostile_tokens(&w) {
        let json = token_json(&w, &start_url, &region);
        let file = w.write("token.json", &json);
        for src in [json.clone(), format!("file://{}", file.display())] {
            eprintln!("case: {start_url:?} {region:?}");
            let out = w.cmd(&["importcache", "--accesstoken-cache", &src]).run();
            out.fails(2, needle);
            assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
        }
    }
    let cached: Vec<_> = std::fs::read_dir(w.home().join(".aws/sso/cache"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(
        !cached
            .iter()
            .any(|p| p.extension().is_some_and(|x| x == "json")),
        "{cached:?}"
    );
}

#[test]
fn a_start_url_with_a_user_name_or_password_is_refused_without_echoing_it() {
    let w = World::new();
    let role = ["--sso-acct-id", "111111111111", "--sso-role-name", "Admin"];
    let commands: [Vec<&str>; 4] = [
        vec!["dumpconfig"],
        vec!["getcallerid"],
        [&["dumpcreds"][..], &role[..]].concat(),
        [&["console", "--print"][..], &role[..]].concat(),
    ];
    let cases = [
        (
            "https://alice:hunter2@x.awsapps.com/start",
            "user name or password",
        ),
        (
            "https://:hunter2@x.awsapps.com/start",
            "user name or password",
        ),
        ("https://alice@x.awsapps.com/start", "user name or password"),
        (
            "https:alice:hunter2@x.awsapps.com/start",
            "user name or password",
        ),
        (
            "https://x.awsapps.com/start\n[profile x]",
            "control character",
        ),
        ("https://x.awsapps.com/st art", "control character"),
    ];
    for cmd in &commands {
        let mut cmd = cmd.clone();
        if cmd[0] == "getcallerid" {
            cmd.extend(role);
        }
        for (url, needle) in cases {
            let mut argv = cmd.clone();
            argv.extend(["--start-url", url, "--use-cache", "--no-sign-in"]);
            eprintln!("case: {argv:?}");
            let out = w.cmd(&argv).run();
            out.fails(2, needle);
            assert!(out.stderr.contains("--start-url"), "{}", out.stderr);
            assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
        }
    }
}

#[test]
fn hostile_command_line_names_are_refused_before_any_output() {
    let w = World::new();
    let original = "[default]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", original);
    let p = payload(&w);
    let target = |field: &str, value: &str| {
        let mut entry = serde_json::json!({"SourceAccountID": "111111111111", "SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::222222222222:role/Deploy"});
        entry[field] = value.into();
        serde_json::json!([entry]).to_string()
    };
    let inject = format!("x\n[profile x]\n{p}");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "--sso-session-name",
            format!("corp\n[profile x]\n{p}"),
            "--sso-session-name",
        ),
        (
            "--sso-session-name",
            "corp]\n[profile x".into(),
            "--sso-session-name",
        ),
        ("--sso-session-name", "[corp".into(), "--sso-session-name"),
        ("--sso-session-name", "my corp".into(), "--sso-session-name"),
        ("--sso-session-name", "".into(), "--sso-session-name"),
        (
            "--name-format",
            format!("{{account_name}}\n[profile x]\n{p}"),
            "--name-format",
        ),
        (
            "--name-format",
            "{account_name}\r{role_name}".into(),
            "--name-format",
        ),
        (
            "--target-arn-profiles",
            target("TargetAccountName", &inject),
            "TargetAccountName",
        ),
        (
            "--target-arn-profiles",
            target("SourceRoleName", &inject),
            "SourceRoleName",
        ),
        ("--target-arn-profiles", target("Region", &inject), "Region"),
        (
            "--target-arn-profiles",
            target(
                "TargetArn",
                &format!("arn:aws:iam::222222222222:role/D\n[profile x]\n{p}"),
            ),
            "TargetArn",
        ),
        (
            "--region",
            format!("us-east-1\n[profile x]\n{p}"),
            "--region",
        ),
        (
            "--role-session-name",
            format!("me\n[profile x]\n{p}"),
            "--role-session-name",
        ),
    ];
    let t = w.fake.issue_sso_token(3600, false);
    for (option, value, needle) in &cases {
        for write in [false, true] {
            let mut argv = vec![
                "dumpconfig",
                "--sso-access-token",
                &t.access_token,
                "--start-url",
                START_URL,
            ];
            if *option != "--sso-session-name" {
                argv.extend(["--sso-session-name", "corp"]);
            }
            argv.extend([*option, value.as_str()]);
            if write {
                argv.push("--write");
            }
            eprintln!("case: {option} {value:?} write={write}");
            w.cmd(&argv).run().fails(2, needle);
            assert_untouched(&config, original);
        }
    }
    aws_sees_no_profile(&w, &["x"]);
}
