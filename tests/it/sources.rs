//! Every source of starting credentials.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use crate::harness::*;

#[test]
fn environment_keys_are_the_identity_when_nothing_else_is_given() {
    let w = World::new();
    let out = w.alice(&["getcallerid"]).run();
    out.ok();
    let j = out.json();
    assert_eq!(j["Arn"], "arn:aws:iam::111111111111:user/alice");
    assert_eq!(j["Account"], "111111111111");
    // The seed's layout: 4-space indent, keys in the order UserId, Account, Arn.
    assert!(
        out.stdout.starts_with("{\n    \"UserId\": "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.find("\"Account\"").unwrap() < out.stdout.find("\"Arn\"").unwrap());
}

#[test]
fn environment_session_keys_keep_their_expiration() {
    let w = World::new();
    let s = w.fake.mint_role_session(DEPLOY, "env-session", 3600);
    let exp = s
        .expiration
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let out = w
        .cmd(&["dumpcreds", "--credential-helper"])
        .session(&s)
        .env("AWS_CREDENTIAL_EXPIRATION", &exp)
        .run();
    out.ok();
    assert_eq!(out.json()["Expiration"], exp.as_str());
    assert_eq!(out.json()["SessionToken"], s.session_token.as_str());
}

#[test]
fn an_explicit_profile_wins_over_environment_keys() {
    let w = World::new().with_user_profiles();
    // alice's keys in the environment, bob's profile on the command line: bob it is.
    let out = w.alice(&["getcallerid", "--profile", "bob"]).run();
    out.ok();
    assert_eq!(out.arn(), "arn:aws:iam::111111111111:user/bob");
}

#[test]
fn aws_profile_selects_a_profile_from_the_credentials_file() {
    let w = World::new().with_user_profiles();
    let out = w.cmd(&["getcallerid"]).env("AWS_PROFILE", "bob").run();
    out.ok();
    assert_eq!(out.arn(), "arn:aws:iam::111111111111:user/bob");
}

#[test]
fn a_role_arn_profile_is_resolved_by_the_sdk_through_the_emulator() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", &format!("[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\nrole_session_name = from-profile\n"));
    let out = w.cmd(&["getcallerid", "--profile", "deploy"]).run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/Deploy/from-profile"
    );
    let log = w.fake.log();
    let assume = log
        .iter()
        .find(|e| e.action == "AssumeRole")
        .expect("the SDK assumed the role");
    assert_eq!(assume.access_key_id.as_deref(), Some(ALICE_KEY));
}

#[test]
fn a_credential_process_profile_works_and_can_be_aws_login_itself() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!("[profile helper]\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY}\n"),
    );
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "helper",
            "--assume-roles",
            AUDIT,
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::333333333333:assumed-role/Audit/aws-login"
    );
}

#[test]
fn container_credentials_are_a_source() {
    let w = World::new();
    let out = w
        .cmd(&["getcallerid"])
        .env(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &w.fake.container_uri(),
        )
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token")
        .run();
    out.ok();
    assert!(
        out.arn()
            .starts_with("arn:aws:sts::111111111111:assumed-role/TaskRole/"),
        "{}",
        out.arn()
    );
}

/// The container token goes into a header: one no header can hold is an input error.
#[test]
fn a_container_token_no_header_can_hold_exits_2() {
    let w = World::new();
    w.write(
        ".aws/config",
        &format!("[profile task]\nrole_arn = {FINAL}\ncredential_source = EcsContainer\n"),
    );
    for args in [&["getcallerid"][..], &["getcallerid", "--profile", "task"]] {
        w.cmd(args)
            .env(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                &w.fake.container_uri(),
            )
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth\ntoken")
            .run()
            .fails(2, "AWS_CONTAINER_AUTHORIZATION_TOKEN is empty or holds");
    }
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
}

#[test]
fn ec2_instance_metadata_v2_is_a_source() {
    let w = World::new();
    let out = w.cmd(&["dumpcreds", "--credential-helper"]).run();
    out.ok();
    assert!(
        out.json()["Expiration"].is_string(),
        "IMDS credentials carry their expiry"
    );
    let id = w.cmd(&["getcallerid"]).run();
    id.ok();
    assert!(
        id.arn()
            .starts_with("arn:aws:sts::111111111111:assumed-role/Ec2Role/"),
        "{}",
        id.arn()
    );
    let log = w.fake.log();
    assert!(
        log.iter()
            .any(|e| e.action.starts_with("PUT /latest/api/token")),
        "IMDSv2 token first"
    );
}

#[test]
fn no_credentials_anywhere_is_a_clear_error() {
    let w = World::with_scenario("{}");
    w.cmd(&["getcallerid"])
        .run()
        .fails(1, "no credentials found");
    assert!(w.sts_actions().is_empty());
}

/// An HTTP server on loopback that answers 403 to every request, as a filtering proxy on a
/// corporate network answers for the instance-metadata address.
fn refusing_server() -> String {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let body = "<html><body>Access denied by policy</body></html>";
            let _ = write!(
                conn,
                "HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[test]
fn an_instance_metadata_address_that_refuses_means_no_credentials_at_any_verbosity() {
    let w = World::with_scenario("{}");
    let refusing = refusing_server();
    let run = |v: Option<&str>| {
        let mut args = vec!["getcallerid"];
        args.extend(v);
        w.cmd(&args)
            .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &refusing)
            .run()
    };
    run(None).fails(1, "aws-login: no credentials found: set AWS_ACCESS_KEY_ID");
    for v in ["-v", "-vv", "-vvv"] {
        let out = run(Some(v));
        assert_eq!(out.code, 1, "{}", out.stderr);
        let last = out.stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("aws-login: no credentials found: "),
            "{v}: {}",
            out.stderr
        );
        // The metadata service's answer is told at -v, as text.
        assert!(
            out.stderr.contains("request forbidden"),
            "{v}: {}",
            out.stderr
        );
        if let Some(found) = debug_rendering(&out.stderr) {
            panic!("{v}: {found:?} in {}", out.stderr);
        }
    }
    assert!(w.sts_actions().is_empty());
}

#[test]
fn a_laptop_without_a_region_does_not_wait_for_instance_metadata() {
    // A metadata endpoint that accepts connections and never answers: consulting it for the
    // region would hang the run.
    let w = World::new();
    let blackhole = TcpListener::bind("127.0.0.1:0").unwrap();
    blackhole.set_nonblocking(true).unwrap();
    let url = format!("http://{}", blackhole.local_addr().unwrap());
    let start = Instant::now();
    let out = w
        .alice(&["getcallerid"])
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)
        .run();
    out.ok();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert!(
        blackhole.accept().is_err(),
        "instance metadata was consulted"
    );
}

#[test]
fn the_region_comes_from_the_profile_when_nothing_else_sets_it() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", "[profile alice]\nregion = eu-central-1\n");
    let out = w.cmd(&["getcallerid", "--profile", "alice"]).run();
    out.ok();
    assert_eq!(
        w.fake.log().last().unwrap().region.as_deref(),
        Some("eu-central-1")
    );
    let out = w
        .cmd(&["getcallerid", "--profile", "alice"])
        .env("AWS_DEFAULT_REGION", "ap-south-1")
        .run();
    out.ok();
    assert_eq!(
        w.fake.log().last().unwrap().region.as_deref(),
        Some("ap-south-1")
    );
    let out = w
        .cmd(&["getcallerid", "--profile", "alice", "--region", "sa-east-1"])
        .env("AWS_REGION", "ap-south-1")
        .run();
    out.ok();
    assert_eq!(
        w.fake.log().last().unwrap().region.as_deref(),
        Some("sa-east-1")
    );
}

#[test]
fn the_command_word_may_follow_options_and_use_any_case_as_in_the_seed() {
    let w = World::new().with_user_profiles();
    let out = w.cmd(&["--profile", "bob", "GETCALLERID"]).run();
    out.ok();
    assert_eq!(out.arn(), "arn:aws:iam::111111111111:user/bob");
}

#[test]
fn an_sso_session_profile_is_resolved_by_the_sdk_from_the_aws_cli_cache() {
    let w = World::new();
    w.write(
        ".aws/config",
        &format!(
            "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
             [profile dev-admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n"
        ),
    );
    let t = w.fake.issue_sso_token(3600, false);
    let cache = serde_json::json!({
        "startUrl": START_URL, "region": "us-east-1", "accessToken": t.access_token,
        "expiresAt": t.expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    });
    std::fs::create_dir_all(w.sso_cache_file("corp").parent().unwrap()).unwrap();
    std::fs::write(w.sso_cache_file("corp"), cache.to_string()).unwrap();
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "dev-admin",
            "--assume-roles",
            FROM_SSO,
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/FromSso/aws-login"
    );
    let gets: Vec<_> = w.calls("GetRoleCredentials");
    assert_eq!(gets.len(), 1, "the SDK's SSO provider called the portal");
}
