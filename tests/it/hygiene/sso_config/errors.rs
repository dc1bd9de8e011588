//! Point 4: no error shows a Rust Debug rendering of an SDK or credential-provider error,
//! whatever failed: one line, `aws-login: …`, built from the errors' messages.

use fake_aws::{Fault, Service};

use crate::harness::*;
use crate::sso::{ACCT, role_args};

/// A port nothing listens on.
fn closed_port() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
    drop(l);
    url
}

#[track_caller]
fn one_plain_line(case: &str, out: &Out) {
    assert_ne!(out.code, 0, "{case}: expected a failure");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{case}: {}", out.stderr);
    assert!(
        lines[0].starts_with("aws-login: "),
        "{case}: {}",
        out.stderr
    );
    for debug in ["Error(", "Failure(", "{ ", "source:"] {
        assert!(
            !out.stderr.contains(debug),
            "{case}: a Debug rendering ({debug}): {}",
            out.stderr
        );
    }
}

#[test]
fn no_failure_of_the_sdk_or_a_credential_provider_shows_a_debug_rendering() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
             [profile sso]\nsso_session = corp\nsso_account_id = {ACCT}\nsso_role_name = Admin\n\n\
             [profile legacy]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_account_id = {ACCT}\nsso_role_name = Admin\n\n\
             [profile failing]\ncredential_process = sh -c \"echo boom >&2; exit 3\"\n\n\
             [profile garbage]\ncredential_process = echo not-json\n\n\
             [profile orphan]\nrole_arn = {DEPLOY}\nsource_profile = missing\n\n\
             [profile stranger]\naws_access_key_id = AKIASTRANGER00000001\naws_secret_access_key = stranger-secret-000000000000000000000000\n"
        ),
    );
    let closed = closed_port();
    let t = w.fake.issue_sso_token(3600, false);
    let mut cases: Vec<(&str, Out)> = vec![
        (
            "sso profile, no token",
            w.cmd(&["getcallerid", "--profile", "sso", "--no-sign-in"])
                .run(),
        ),
        (
            "legacy sso profile, no token",
            w.cmd(&["getcallerid", "--profile", "legacy", "--no-sign-in"])
                .run(),
        ),
        (
            "credential_process fails",
            w.cmd(&["getcallerid", "--profile", "failing"]).run(),
        ),
        (
            "credential_process prints no JSON",
            w.cmd(&["getcallerid", "--profile", "garbage"]).run(),
        ),
        (
            "missing source_profile",
            w.cmd(&["getcallerid", "--profile", "orphan"]).run(),
        ),
        (
            "unknown access key",
            w.cmd(&["getcallerid", "--profile", "stranger"]).run(),
        ),
        (
            "STS unreachable",
            w.cmd(&["getcallerid", "--profile", "alice"])
                .env("AWS_ENDPOINT_URL_STS", &closed)
                .run(),
        ),
        (
            "SSO portal unreachable",
            w.cmd(&role_args(&["--sso-access-token", &t.access_token]))
                .env("AWS_ENDPOINT_URL_SSO", &closed)
                .run(),
        ),
        (
            "SSO OIDC unreachable",
            w.cmd(&role_args(&["--start-url", START_URL]))
                .env("AWS_ENDPOINT_URL_SSO_OIDC", &closed)
                .env("BROWSER", &w.idle_browser())
                .run(),
        ),
        (
            "container endpoint unreachable",
            w.cmd(&["getcallerid"])
                .env(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    &format!("{closed}/creds"),
                )
                .run(),
        ),
    ];
    for (case, fault) in [
        (
            "STS throttling",
            Fault {
                throttle_every: Some(1),
                ..Fault::default()
            },
        ),
        (
            "STS 5xx",
            Fault {
                error_5xx_every: Some(1),
                ..Fault::default()
            },
        ),
        (
            "STS drops the connection",
            Fault {
                drop_every: Some(1),
                ..Fault::default()
            },
        ),
    ] {
        w.fake.set_fault(Service::Sts, fault);
        cases.push((case, w.cmd(&["getcallerid", "--profile", "alice"]).run()));
    }
    w.fake.set_fault(
        Service::Sso,
        Fault {
            error_5xx_every: Some(1),
            ..Fault::default()
        },
    );
    cases.push((
        "SSO portal 5xx",
        w.cmd(&role_args(&["--sso-access-token", &t.access_token]))
            .run(),
    ));
    w.fake.clear_faults();
    for (case, out) in &cases {
        one_plain_line(case, out);
    }
    // The messages say what failed, not just that something did.
    let said = |case: &str| &cases.iter().find(|(c, _)| *c == case).unwrap().1.stderr;
    assert!(
        said("missing source_profile").contains("missing"),
        "{}",
        said("missing source_profile")
    );
    assert!(
        said("STS unreachable").contains("Connection refused"),
        "{}",
        said("STS unreachable")
    );
    assert!(
        said("credential_process fails").contains("exit"),
        "{}",
        said("credential_process fails")
    );
}
