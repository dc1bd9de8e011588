//! dumpconfig: discovery, naming, the INI the AWS CLI reads, --write, the discovery index.

use crate::harness::*;
/// A world whose Identity Center has awkward account names.
fn odd_org() -> World {
    let json = scenario_json().replace(
        r#""assignments": [{"account_id": "111111111111", "account_name": "dev", "roles": ["Admin", "ReadOnly"]},"#,
        r#""assignments": [{"account_id": "111111111111", "account_name": "dev", "roles": ["Admin", "ReadOnly"]},
                           {"account_id": "444444444444", "account_name": "zeta acct", "roles": ["Admin"]},
                           {"account_id": "555555555555", "account_name": "Prod [EU] #1 'core'", "roles": ["Billing"]},
                           {"account_id": "666666666666", "account_name": "dev", "roles": ["Admin"]},"#,
    );
    World::with_scenario(&json)
}

pub fn token_args(w: &World) -> Vec<String> {
    let t = w.fake.issue_sso_token(3600, false);
    [
        "dumpconfig",
        "--sso-access-token",
        &t.access_token,
        "--start-url",
        START_URL,
        "--sso-session-name",
        "corp",
    ]
    .map(String::from)
    .to_vec()
}

pub fn run(w: &World, args: &[String], extra: &[&str]) -> Out {
    let mut argv: Vec<&str> = args.iter().map(String::as_str).collect();
    argv.extend_from_slice(extra);
    w.cmd(&argv).run()
}

pub fn profile_names(ini: &str) -> Vec<String> {
    ini.lines()
        .filter_map(|l| {
            l.strip_prefix("[profile ")
                .and_then(|r| r.strip_suffix(']'))
        })
        .map(String::from)
        .collect()
}

#[test]
fn the_output_is_ini_the_aws_cli_lists_profile_by_profile() {
    let w = odd_org();
    let args = token_args(&w);
    let out = run(&w, &args, &["--region", "eu-west-1"]);
    out.ok();
    assert!(
        out.stdout.starts_with("# "),
        "the first line is a comment: {}",
        out.stdout
    );
    let names = profile_names(&out.stdout);
    assert_eq!(
        names,
        [
            "Prod-EU-1-core-Billing",
            "dev-Admin",
            "dev-Admin-666666666666",
            "dev-ReadOnly",
            "prod-Admin",
            "zeta-acct-Admin"
        ]
    );
    assert!(
        out.stderr.contains("dev-Admin-666666666666"),
        "a warning names the renamed profile: {}",
        out.stderr
    );
    assert!(out.stdout.contains("[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://example.awsapps.com/start\nsso_registration_scopes = sso:account:access\n"));
    assert!(out.stdout.contains("[profile zeta-acct-Admin]\nsso_session = corp\nsso_account_id = 444444444444\nsso_role_name = Admin\nregion = eu-west-1\n"));
    if have("python3") {
        // botocore (what the aws CLI v1 is built on) reads the file: every profile, with its keys.
        let config = w.write("generated.ini", &out.stdout);
        let script = "import botocore.session, json\ns = botocore.session.Session()\nc = s.full_config\nprint(json.dumps({'profiles': sorted(s.available_profiles), 'dev': c['profiles']['dev-Admin'], 'sessions': list(c.get('sso_sessions', {}))}))";
        let read = w
            .cmd(&["-c", script])
            .program(which("python3").unwrap())
            .env("AWS_CONFIG_FILE", &config.display().to_string())
            .run();
        assert_eq!(read.code, 0, "{}", read.stderr);
        let j = read.json();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(j["profiles"], serde_json::json!(sorted));
        assert_eq!(j["dev"]["sso_session"], "corp");
        assert_eq!(j["dev"]["sso_account_id"], "111111111111");
        assert_eq!(j["sessions"], serde_json::json!(["corp"]));
    }
    // Deterministic: the same again.
    assert_eq!(
        run(&w, &args, &["--region", "eu-west-1"]).stdout,
        out.stdout
    );
}

#[test]
fn name_formats_and_commented_regions() {
    let w = World::new();
    let out = run(
        &w,
        &token_args(&w),
        &["--name-format", "{account_id}.{role_name}"],
    );
    out.ok();
    assert_eq!(
        profile_names(&out.stdout),
        [
            "111111111111.Admin",
            "111111111111.ReadOnly",
            "222222222222.Admin"
        ]
    );
    assert!(
        out.stdout
            .contains("sso_role_name = ReadOnly\n# region = us-east-1\n")
    );
}

#[test]
fn target_profiles_source_the_exact_generated_profile() {
    let w = World::new();
    let targets = r#"[{"SourceAccountID": 111111111111, "SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::222222222222:role/team/ops/Deploy", "TargetAccountName": "prod ops", "Region": "eu-central-1"},
                      {"SourceAccountID": "222222222222", "SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::333333333333:role/Audit"}]"#;
    let out = run(
        &w,
        &token_args(&w),
        &[
            "--target-arn-profiles",
            targets,
            "--role-session-name",
            "me",
        ],
    );
    out.ok();
    assert!(
        out.stdout.contains(
            "[profile prod-ops-Deploy]\nsource_profile = dev-Admin\nrole_arn = arn:aws:iam::222222222222:role/team/ops/Deploy\nrole_session_name = me\nregion = eu-central-1\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("[profile 333333333333-Audit]\nsource_profile = prod-Admin\n"),
        "{}",
        out.stdout
    );
    let block = out
        .stdout
        .split("[profile prod-ops-Deploy]")
        .nth(1)
        .unwrap();
    assert!(
        !block.contains("sso_session"),
        "assume-role profiles carry no sso_session"
    );
}

#[test]
fn a_generated_profile_works_in_the_aws_cli_with_the_token_aws_login_cached() {
    if !have("aws") {
        return;
    }
    let w = World::new();
    let signin = w
        .cmd(&[
            "dumpconfig",
            "--start-url",
            START_URL,
            "--use-cache",
            "--sso-session-name",
            "corp",
            "--write",
            "--region",
            "us-east-1",
        ])
        .env("BROWSER", &w.fetching_browser())
        .run();
    signin.ok();
    assert_eq!(signin.stdout, "", "--write prints nothing on stdout");
    let arn = w.aws_cli_arn("prod-Admin");
    assert!(
        arn.starts_with("arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Admin_"),
        "{arn}"
    );
}

#[test]
fn write_keeps_every_other_byte_and_is_idempotent() {
    let w = World::new();
    let original = "# my settings\n[default]\nregion = eu-west-1\noutput = json\n\n[profile mine]\n# keep this\nrole_arn = arn:aws:iam::111111111111:role/Mine\nsource_profile = default ; trailing\n";
    let config = w.write(".aws/config", original);
    let args = token_args(&w);
    let first = run(&w, &args, &["--write"]);
    first.ok();
    assert_eq!(first.stdout, "");
    let after = std::fs::read_to_string(&config).unwrap();
    assert!(after.starts_with(original), "{after}");
    assert!(
        after.contains("\n# BEGIN aws-login corp\n# IAM Identity Center profiles"),
        "{after}"
    );
    assert!(after.ends_with("# END aws-login corp\n"));
    assert_eq!(
        std::fs::read_to_string(w.home().join(".aws/config.bak")).unwrap(),
        original
    );
    // Something the user adds after the block survives a rerun, and the rerun changes nothing else.
    let edited = format!("{after}\n[profile later]\nregion = us-west-2\n");
    std::fs::write(&config, &edited).unwrap();
    let second = run(&w, &args, &["--write", &config.display().to_string()]);
    second.ok();
    assert!(second.stderr.contains("up to date"), "{}", second.stderr);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited);
    // A different result replaces only the block.
    let third = run(&w, &args, &["--write", "--region", "ap-south-1"]);
    third.ok();
    let now = std::fs::read_to_string(&config).unwrap();
    assert!(
        now.starts_with(original)
            && now.ends_with("# END aws-login corp\n\n[profile later]\nregion = us-west-2\n"),
        "{now}"
    );
    assert!(now.contains("region = ap-south-1"));
}

#[test]
fn dumpconfig_bad_inputs_leave_no_output_and_no_file_change() {
    let w = World::new();
    let args = token_args(&w);
    let clash = "[profile dev-Admin]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", clash);
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["--target-arn-profiles", "{}"], 2, "JSON array"),
        (
            vec![
                "--target-arn-profiles",
                r#"[{"SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::222222222222:role/X"}]"#,
            ],
            2,
            "SourceAccountID",
        ),
        (
            vec![
                "--target-arn-profiles",
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "Admin", "TargetArn": "arn:aws:iam::222:role/X"}]"#,
            ],
            2,
            "12 digits",
        ),
        (
            vec![
                "--target-arn-profiles",
                r#"[{"SourceAccountID": "111111111111", "SourceRoleName": "Nope", "TargetArn": "arn:aws:iam::222222222222:role/X"}]"#,
            ],
            2,
            "no SSO profile for role Nope",
        ),
        (vec!["--name-format", "{acct}"], 2, "placeholder"),
        (
            vec!["--write", "/nonexistent-dir/config"],
            1,
            "/nonexistent-dir/config",
        ),
        (vec!["--write"], 2, "profile dev-Admin is already defined"),
        (vec!["--concurrency", "0"], 2, "concurrency"),
    ];
    for (extra, code, needle) in cases {
        eprintln!("case: {extra:?}");
        run(&w, &args, &extra).fails(code, needle);
        assert_eq!(std::fs::read_to_string(&config).unwrap(), clash);
    }
    w.cmd(&[
        "dumpconfig",
        "--start-url",
        START_URL,
        "--sso-access-token",
        "revoked",
    ])
    .run()
    .fails(1, "rejected");
    w.cmd(&["dumpconfig"]).run().fails(2, "needs an SSO token");
    // The token-option rules the credential commands follow hold here too.
    w.cmd(&[
        "dumpconfig",
        "--start-url",
        "http://insecure.example",
        "--use-cache",
    ])
    .run()
    .fails(2, "https");
    w.cmd(&["dumpconfig", "--use-cache", "--nrt"])
        .run()
        .fails(2, "--start-url");
    w.cmd(&["dumpconfig", "--use-cache"])
        .run()
        .fails(1, "no SSO token is cached");
    assert!(!w.home().join(".aws/config.bak").exists());
}

#[test]
fn discovery_feeds_the_index_and_role_credentials_add_to_it() {
    let w = World::new();
    let state = w.home().join("state");
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&[
            "dumpconfig",
            "--sso-access-token",
            &t.access_token,
            "--start-url",
            START_URL,
            "--sso-session-name",
            "corp",
        ])
        .env("XDG_STATE_HOME", &state.display().to_string())
        .run();
    out.ok();
    let dir = state.join("aws-login/sso-index");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 1);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(index["accounts"]["111111111111"]["name"], "dev");
    assert_eq!(
        index["accounts"]["111111111111"]["roles"],
        serde_json::json!(["Admin", "ReadOnly"])
    );
    assert_eq!(index["startUrl"], START_URL);

    // A role that works through GetRoleCredentials is added (here: to a fresh session's index).
    let out = w
        .cmd(&[
            "getcallerid",
            "--sso-access-token",
            &t.access_token,
            "--start-url",
            START_URL,
            "--sso-session-name",
            "other",
            "--sso-acct-id",
            "222222222222",
            "--sso-role-name",
            "Admin",
        ])
        .env("XDG_STATE_HOME", &state.display().to_string())
        .run();
    out.ok();
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 2);
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains(r#""222222222222":{"name":null,"roles":["Admin"]}"#)),
        "{texts:?}"
    );
}
