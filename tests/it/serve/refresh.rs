//! Refreshing: across credential lifetimes, while STS is slow or drops connections, and
//! when the SSO session has ended (then after signing in again elsewhere).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use fake_aws::{Fault, Service};

use super::*;
use crate::sso::{ACCT, cache_json};

/// A boto3 child calling STS every 2 s for more than three 12 s lifetimes, with one
/// client (as a long-running program has), never failing and seeing new keys.
#[test]
fn a_child_outlives_three_credential_lifetimes() {
    if !have("python3") {
        return;
    }
    let w = short_lived(12);
    let script = r#"
import time, boto3
s = boto3.Session(); sts = s.client('sts'); keys = set(); end = time.time() + 40
while time.time() < end:
    arn = sts.get_caller_identity()['Arn']
    assert arn.endswith('assumed-role/Deploy/aws-login'), arn
    keys.add(s.get_credentials().get_frozen_credentials().access_key)
    time.sleep(2)
print(len(keys))
"#;
    let out = python_as_deploy(&w, script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let keys: usize = out.stdout.trim().parse().unwrap();
    assert!(keys >= 3, "only {keys} different keys");
    let calls: Vec<_> = w.calls("GetCallerIdentity");
    assert!(calls.len() >= 15, "{} calls", calls.len());
    assert!(calls.iter().all(|e| e.status == 200), "a call failed");
}

/// 16-minute credentials (a little over the SDKs' 15-minute refresh window): a boto3 child
/// running for 80 s gets a new key once they are down to 15 minutes, and everything the
/// endpoint hands out meanwhile still has 15 minutes (less a moment for the refresh).
#[test]
fn credentials_just_over_15_minutes_are_replaced_before_an_sdk_refreshes_them() {
    if !have("python3") {
        return;
    }
    let w = short_lived(16 * 60);
    let script = r#"
import json, os, time, urllib.request
from datetime import datetime, timezone
import boto3
s = boto3.Session(); sts = s.client('sts'); keys = set(); least = None
end = time.time() + 80
while time.time() < end:
    sts.get_caller_identity()
    keys.add(s.get_credentials().get_frozen_credentials().access_key)
    req = urllib.request.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'],
        headers={'Authorization': open(os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']).read()})
    body = json.load(urllib.request.urlopen(req, timeout=10))
    exp = datetime.fromisoformat(body['Expiration'].replace('Z', '+00:00'))
    left = (exp - datetime.now(timezone.utc)).total_seconds()
    least = left if least is None else min(least, left)
    time.sleep(2)
print(json.dumps({'keys': len(keys), 'least': least}))
"#;
    let out = python_as_deploy(&w, script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let seen: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert!(
        seen["keys"].as_u64().unwrap() >= 2,
        "boto3 saw no new key: {seen}"
    );
    let least = seen["least"].as_f64().unwrap();
    assert!(least >= 895.0, "served with {least} s left");
    let assumes = w
        .sts_actions()
        .iter()
        .filter(|a| *a == "AssumeRole")
        .count();
    // One refresh, a minute in (at most once a minute, however often boto3 asks).
    assert_eq!(assumes, 2, "{:?}", w.sts_actions());
    assert!(w.calls("GetCallerIdentity").iter().all(|e| e.status == 200));
}

/// `script` run by python3 under `runas --serve` as Deploy (from alice's keys).
fn python_as_deploy(w: &World, script: &str) -> Out {
    w.alice(&[
        "runas",
        "--serve",
        "--assume-roles",
        DEPLOY,
        "--region",
        "eu-west-1",
        "--",
        "python3",
        "-c",
        script,
    ])
    .run()
}

/// Wait until the served credentials have `left` before they expire.
pub fn until_left(body: &serde_json::Value, left: i64) {
    let exp = chrono::DateTime::parse_from_rfc3339(body["Expiration"].as_str().unwrap()).unwrap();
    let wait = (exp.timestamp() - left) - chrono::Utc::now().timestamp();
    if wait > 0 {
        std::thread::sleep(Duration::from_secs(wait as u64));
    }
}

#[test]
fn a_slow_sts_does_not_hold_requests_while_the_old_credentials_work() {
    // 20 s credentials: refreshed below 10 s left, served during a refresh above 5 s.
    let w = short_lived(20);
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (_, first) = s.get();
    w.fake.set_fault(
        Service::Sts,
        Fault {
            latency_ms: 4000,
            ..Fault::default()
        },
    );
    until_left(&first, 9);
    for _ in 0..3 {
        let t = Instant::now();
        let (status, body) = s.get();
        assert_eq!(status, 200);
        assert!(
            t.elapsed() < Duration::from_millis(2500),
            "{:?}",
            t.elapsed()
        );
        assert_eq!(body["AccessKeyId"], first["AccessKeyId"]);
    }
    // The one refresh finishes and its credentials replace the old ones.
    std::thread::sleep(Duration::from_secs(4));
    let (status, body) = s.get();
    assert_eq!(status, 200);
    assert_ne!(body["AccessKeyId"], first["AccessKeyId"]);
    let assumes = w
        .sts_actions()
        .iter()
        .filter(|a| *a == "AssumeRole")
        .count();
    assert_eq!(assumes, 2, "one refresh for all the requests");
    assert_eq!(s.stop(0).0, 0);
}

#[test]
fn dropped_connections_during_refreshes_do_not_reach_the_client() {
    let w = short_lived(8);
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    w.fake.set_fault(
        Service::Sts,
        Fault {
            drop_every: Some(2),
            ..Fault::default()
        },
    );
    let mut keys = BTreeSet::new();
    let end = Instant::now() + Duration::from_secs(20);
    while Instant::now() < end {
        let (status, body) = s.get();
        assert_eq!(status, 200, "{body}");
        keys.insert(body["AccessKeyId"].as_str().unwrap().to_string());
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(keys.len() >= 3, "{keys:?}");
    assert!(
        w.fake
            .log()
            .iter()
            .any(|e| e.error_code.as_deref() == Some("ConnectionDropped"))
    );
    assert_eq!(s.stop(0).0, 0);
}

#[test]
fn an_ended_sso_session_is_an_error_naming_the_sign_in_until_the_user_signs_in_again() {
    let w = short_lived(8);
    let t = w.fake.issue_sso_token(3600, false);
    let file = w.sso_cache_file(START_URL);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(&file, cache_json(&t, "us-east-1")).unwrap();
    let sso = [
        "--sso-acct-id",
        ACCT,
        "--sso-role-name",
        "Admin",
        "--start-url",
        START_URL,
        "--use-cache",
    ];
    let s = Served::start(&w, &sso);
    let (status, first) = s.get();
    assert_eq!(status, 200);
    // The session ends: the token is dead and cannot be refreshed.
    w.fake.expire_sso_tokens();
    until_left(&first, 0);
    let (status, body) = s.get();
    assert_eq!(status, 500, "{body}");
    assert_eq!(body["Code"], "CredentialsUnavailable");
    let message = body["Message"].as_str().unwrap();
    assert!(message.contains("--use-cache"), "{message}");
    assert!(body.get("AccessKeyId").is_none());
    assert_eq!(s.get().0, 500);
    // Signed in again elsewhere: the next request is served.
    let fresh = w.fake.issue_sso_token(3600, false);
    std::fs::write(&file, cache_json(&fresh, "us-east-1")).unwrap();
    let (status, body) = s.get();
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["AccessKeyId"], first["AccessKeyId"]);
    let (code, stderr) = s.stop(0);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line per failure streak: {stderr}");
    assert!(
        lines[0].starts_with("aws-login: cannot refresh the credentials"),
        "{stderr}"
    );
    assert!(
        lines[0].contains("aws-login getcallerid --sso-acct-id"),
        "{stderr}"
    );
}

#[test]
fn an_mfa_chain_is_never_prompted_for_while_the_child_runs() {
    let w = short_lived(8);
    let s = Served::start(
        &w,
        &[
            "--assume-roles",
            SECURE,
            "--mfa-serial",
            MFA_SERIAL,
            "--mfa-code",
            "123456",
        ],
    );
    let (status, first) = s.get();
    assert_eq!(status, 200);
    until_left(&first, 0);
    let (status, body) = s.get();
    assert_eq!(status, 500, "{body}");
    assert!(
        body["Message"].as_str().unwrap().contains("MFA code"),
        "{body}"
    );
    let (code, stderr) = s.stop(0);
    assert_eq!(code, 0);
    assert!(stderr.contains("a new MFA code"), "{stderr}");
}
