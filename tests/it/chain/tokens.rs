//! Session and federation tokens, and MFA: GetSessionToken with and without a role that
//! needs MFA, durations, the federation token's partition, the code asked on a terminal.

use super::assume_calls;
use crate::harness::*;

#[test]
fn get_session_token_with_mfa_then_a_role_that_requires_mfa() {
    let w = World::new();
    let out = w
        .alice(&[
            "getcallerid",
            "--get-session-token",
            "--mfa-serial",
            MFA_SERIAL,
            "--mfa-code",
            "123456",
            "--assume-roles",
            SECURE,
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/Secure/aws-login"
    );
    let gst = w.first_call("GetSessionToken");
    assert_eq!(gst.params["SerialNumber"], MFA_SERIAL);
    assert_eq!(gst.params["TokenCode"], "123456");
    // The code is used once: the hop that follows carries no MFA parameters.
    assert!(!assume_calls(&w)[0].params.contains_key("TokenCode"));
}

#[test]
fn mfa_on_the_first_hop_when_there_is_no_session_token_call() {
    let w = World::new();
    w.alice(&["getcallerid", "--assume-roles", SECURE])
        .run()
        .fails(1, "AccessDenied");
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            SECURE,
            "--mfa-serial",
            MFA_SERIAL,
            "--mfa-code",
            "123456",
        ])
        .run();
    out.ok();
    // The session cache now holds the credentials and the MFA session, either of which
    // would answer without the code: drop them so the wrong code meets STS.
    w.cmd(&["cache", "clear", "--all"]).run().ok();
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            SECURE,
            "--mfa-serial",
            MFA_SERIAL,
            "--mfa-code",
            "654321",
        ])
        .run();
    out.fails(1, "AccessDenied");
}

#[test]
fn get_session_token_sends_the_requested_duration() {
    let w = World::new();
    let out = w
        .alice(&[
            "dumpcreds",
            "--credential-helper",
            "--get-session-token",
            "--duration-seconds",
            "900",
        ])
        .run();
    out.ok();
    let gst = w.first_call("GetSessionToken");
    assert_eq!(gst.params["DurationSeconds"], "900");
    let exp =
        chrono::DateTime::parse_from_rfc3339(out.json()["Expiration"].as_str().unwrap()).unwrap();
    let left = exp.signed_duration_since(chrono::Utc::now()).num_seconds();
    assert!((800..=900).contains(&left), "{left}");
}

#[test]
fn federation_tokens_use_the_partition_of_the_region() {
    let w = World::new();
    let out = w
        .alice(&[
            "getcallerid",
            "--get-federation-token",
            "--role-session-name",
            "fed-user",
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::111111111111:federated-user/fed-user"
    );
    let fed = w.first_call("GetFederationToken");
    assert_eq!(
        fed.params["PolicyArns.member.1.arn"],
        "arn:aws:iam::aws:policy/AdministratorAccess"
    );
    assert_eq!(fed.params["Name"], "fed-user");

    w.fake.clear_log();
    let out = w
        .alice(&[
            "dumpcreds",
            "--get-federation-token",
            "--region",
            "cn-north-1",
        ])
        .run();
    out.ok();
    let fed = w.first_call("GetFederationToken");
    assert_eq!(
        fed.params["PolicyArns.member.1.arn"],
        "arn:aws-cn:iam::aws:policy/AdministratorAccess"
    );
}

#[test]
fn a_missing_mfa_code_is_asked_for_on_the_terminal() {
    // `script` gives aws-login a controlling terminal; the code is typed into it.
    if !have("script") {
        return;
    }
    let w = World::new();
    let line = format!("'{BIN}' getcallerid --get-session-token --mfa-serial {MFA_SERIAL}");
    let out = w
        .alice(&["-qec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .run_with_stdin(Some("123456\n"));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(&format!("MFA code for {MFA_SERIAL}: ")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("arn:aws:iam::111111111111:user/alice"),
        "{}",
        out.stdout
    );
    let gst = w.first_call("GetSessionToken");
    assert_eq!(gst.params["TokenCode"], "123456");
}
