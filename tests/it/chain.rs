//! STS transitions: role chains, session and federation tokens, MFA, external ids.
//!
//! Here: role chains, external ids and how STS refusing or failing is reported; session
//! and federation tokens and MFA in `tokens`; source identity, session tags and session
//! policies in `controls`; the federation token's policy and tags in `federation`.

mod controls;
mod federation;
mod tokens;

use crate::harness::*;

/// Tags as the emulator records them.
fn pairs(tags: &[(&str, &str)]) -> Vec<(String, String)> {
    tags.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Each of `variants` added to `base` (a `--credential-helper` run) is a session-cache
/// entry of its own: its first run calls `action` once more, its second run none; so is a
/// tag set from AWS_SESSION_TAGS, which reaches the call.
fn each_variant_is_its_own_cache_entry(
    w: &World,
    base: &[&str],
    variants: &[&[&str]],
    action: &str,
) {
    for (i, extra) in variants.iter().enumerate() {
        let args = [base, extra].concat();
        w.alice(&args).run().ok();
        assert_eq!(w.calls(action).len(), i + 1, "new value {extra:?}");
        w.alice(&args).run().ok();
        assert_eq!(w.calls(action).len(), i + 1, "same value {extra:?}");
    }
    let env = |v: &str| w.alice(base).env("AWS_SESSION_TAGS", v).run();
    env("team=green").ok();
    env("team=green").ok();
    assert_eq!(w.calls(action).len(), variants.len() + 1);
    assert_eq!(w.last_call(action).tags(), pairs(&[("team", "green")]));
}

fn assume_calls(w: &World) -> Vec<fake_aws::LogEntry> {
    w.calls("AssumeRole")
}

#[test]
fn a_role_chain_of_three_hops_signs_each_hop_with_the_previous_credentials() {
    let w = World::new();
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &format!("{DEPLOY},{AUDIT},{FINAL}"),
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::111111111111:assumed-role/Final/aws-login"
    );
    let calls = assume_calls(&w);
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[0].access_key_id.as_deref(), Some(ALICE_KEY));
    assert_eq!(
        calls[0].caller_arn.as_deref(),
        Some("arn:aws:iam::111111111111:user/alice")
    );
    assert_eq!(
        calls[1].caller_arn.as_deref(),
        Some("arn:aws:sts::222222222222:assumed-role/Deploy/aws-login")
    );
    assert_eq!(
        calls[2].caller_arn.as_deref(),
        Some("arn:aws:sts::333333333333:assumed-role/Audit/aws-login")
    );
    let keys: std::collections::BTreeSet<_> = calls
        .iter()
        .map(|c| c.access_key_id.clone().unwrap())
        .collect();
    assert_eq!(keys.len(), 3, "each hop signs with a new key");
    assert!(
        calls[1]
            .access_key_id
            .as_deref()
            .unwrap()
            .starts_with("ASIA")
    );
    // The final GetCallerIdentity is signed by the last hop, whose key is new again.
    let gci = w.last_call("GetCallerIdentity");
    assert!(!keys.contains(gci.access_key_id.as_ref().unwrap()));
}

#[test]
fn chains_of_one_and_two_hops_reach_the_expected_role() {
    let w = World::new();
    let one = w.alice(&["getcallerid", "--assume-roles", DEPLOY]).run();
    one.ok();
    assert_eq!(
        one.arn(),
        "arn:aws:sts::222222222222:assumed-role/Deploy/aws-login"
    );
    let two = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &format!("[\"{DEPLOY}\", \"{AUDIT}\"]"),
        ])
        .run();
    two.ok();
    assert_eq!(
        two.arn(),
        "arn:aws:sts::333333333333:assumed-role/Audit/aws-login"
    );
}

#[test]
fn per_hop_session_names_external_ids_and_durations_are_sent() {
    let w = World::new();
    let roles = format!(
        r#"[{{"RoleArn": "{PARTNER}", "RoleSessionName": "first", "ExternalId": "ext-123", "DurationSeconds": 1800}}]"#
    );
    let out = w.alice(&["getcallerid", "--assume-roles", &roles]).run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/Partner/first"
    );
    let c = &assume_calls(&w)[0];
    assert_eq!(c.params["RoleSessionName"], "first");
    assert_eq!(c.params["ExternalId"], "ext-123");
    assert_eq!(c.params["DurationSeconds"], "1800");

    let two = format!(r#"[{{"RoleArn": "{DEPLOY}", "RoleSessionName": "hop-one"}}, "{AUDIT}"]"#);
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &two,
            "--role-session-name",
            "default-name",
        ])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::333333333333:assumed-role/Audit/default-name"
    );
}

#[test]
fn the_command_line_external_id_reaches_the_hops_and_a_wrong_one_is_denied() {
    let w = World::new();
    w.alice(&[
        "getcallerid",
        "--assume-roles",
        PARTNER,
        "--external-id",
        "ext-123",
    ])
    .run()
    .ok();
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            PARTNER,
            "--external-id",
            "wrong-id",
        ])
        .run();
    out.fails(1, "AccessDenied");
    assert!(
        out.stderr.contains("--external-id"),
        "the hint names the option: {}",
        out.stderr
    );
}

#[test]
fn assume_roles_reads_a_file_url_with_a_relative_percent_escaped_path() {
    let w = World::new();
    w.write("my roles.json", &format!("[\"{DEPLOY}\",\n \"{AUDIT}\"]\n"));
    let out = w
        .alice(&["getcallerid", "--assume-roles", "file://my%20roles.json"])
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::333333333333:assumed-role/Audit/aws-login"
    );
    let abs = w.write("list.txt", &format!("{DEPLOY}\n{AUDIT}\n"));
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &format!("file://{}", abs.display()),
        ])
        .run();
    out.ok();
}

#[test]
fn an_untrusted_role_is_denied_with_a_hint() {
    let w = World::new();
    let out = w.alice(&["getcallerid", "--assume-roles", AUDIT]).run();
    out.fails(1, "AccessDenied");
    assert!(out.stderr.contains("trust"), "{}", out.stderr);
}

#[test]
fn expired_source_credentials_are_reported_as_expired() {
    let w = World::new();
    let s = w.fake.mint_role_session(DEPLOY, "old", 900);
    w.fake.expire_all_sessions();
    let out = w.cmd(&["getcallerid"]).session(&s).run();
    out.fails(1, "ExpiredToken");
}

#[test]
fn a_first_hop_from_role_credentials_over_an_hour_is_refused_by_sts() {
    // Only STS knows that role credentials make the first hop a chained one.
    let w = World::new();
    let s = w.fake.mint_role_session(DEPLOY, "src", 3600);
    let out = w
        .cmd(&[
            "getcallerid",
            "--assume-roles",
            AUDIT,
            "--duration-seconds",
            "7200",
        ])
        .session(&s)
        .run();
    out.fails(1, "ValidationError");
}

#[test]
fn throttling_and_server_errors_are_retried() {
    let w = World::new();
    w.fake.set_fault(
        fake_aws::Service::Sts,
        fake_aws::Fault {
            throttle_every: Some(2),
            ..Default::default()
        },
    );
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &format!("{DEPLOY},{AUDIT}"),
        ])
        .run();
    out.ok();
    w.fake.set_fault(
        fake_aws::Service::Sts,
        fake_aws::Fault {
            error_5xx_every: Some(2),
            ..Default::default()
        },
    );
    w.alice(&["getcallerid", "--assume-roles", DEPLOY])
        .run()
        .ok();
    assert!(w.fake.log().iter().any(|e| e.status >= 500));
}

#[test]
fn an_unreachable_sts_is_a_clear_error() {
    let w = World::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = w
        .alice(&["getcallerid"])
        .env("AWS_ENDPOINT_URL_STS", &url)
        .run();
    out.fails(1, "cannot reach STS");
}
