//! Authentication failures: every one must be rejected and logged.

use super::raw::{send, signed_sts};
use super::*;
use std::time::{Duration, SystemTime};

const GCI: &str = "Action=GetCallerIdentity&Version=2011-06-15";

#[tokio::test]
async fn wrong_secret_is_rejected_and_logged() {
    let fake = FakeAws::start(scenario());
    let err = sts(&fake, ALICE_KEY, "not-the-secret", None)
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "SignatureDoesNotMatch");
    let raw = err.raw_response().unwrap();
    assert_eq!(raw.status().as_u16(), 403);
    let log = fake.log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, 403);
    assert_eq!(log[0].action, "GetCallerIdentity");
    assert_eq!(log[0].error_code.as_deref(), Some("SignatureDoesNotMatch"));
    assert_eq!(log[0].access_key_id.as_deref(), Some(ALICE_KEY));
    assert_eq!(
        log[0].caller_arn.as_deref(),
        Some("arn:aws:iam::111111111111:user/alice")
    );
}

#[tokio::test]
async fn unknown_key_and_token_mismatches() {
    let fake = FakeAws::start(scenario());
    let err = sts(&fake, "AKIAUNKNOWN000000000", "x", None)
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "InvalidClientTokenId");
    assert_eq!(
        message_of(&err),
        "The security token included in the request is invalid."
    );
    assert_eq!(fake.log()[0].caller_arn, None);

    let s = fake.mint_role_session(DEPLOY, "s", 3600);
    for token in [None, Some("wrong-token")] {
        let err = sts(&fake, &s.access_key_id, &s.secret_access_key, token)
            .get_caller_identity()
            .send()
            .await
            .unwrap_err();
        assert_eq!(code_of(&err), "InvalidClientTokenId", "token {token:?}");
    }
    // A long-term key must not come with a session token.
    let err = sts(&fake, ALICE_KEY, ALICE_SECRET, Some(&s.session_token))
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "InvalidClientTokenId");
}

#[tokio::test]
async fn expired_sessions_are_rejected() {
    let fake = FakeAws::start(scenario());
    let hop = alice(&fake)
        .assume_role()
        .role_arn(DEPLOY)
        .role_session_name("soon-expired")
        .send()
        .await
        .unwrap();
    let client = client_for(&fake, hop.credentials().unwrap());
    client.get_caller_identity().send().await.unwrap();
    fake.expire_all_sessions();
    let err = client.get_caller_identity().send().await.unwrap_err();
    assert_eq!(code_of(&err), "ExpiredToken");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    assert_eq!(
        message_of(&err),
        "The security token included in the request is expired"
    );
    // Long-term keys are unaffected and new sessions are live again.
    alice(&fake).get_caller_identity().send().await.unwrap();
    let minted = fake.mint_role_session(DEPLOY, "fresh", 900);
    sts(
        &fake,
        &minted.access_key_id,
        &minted.secret_access_key,
        Some(&minted.session_token),
    )
    .get_caller_identity()
    .send()
    .await
    .unwrap();
}

#[test]
fn missing_and_garbled_authorization() {
    let fake = FakeAws::start(scenario());
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let resp = send(&fake, "POST", "/", &form, GCI).unwrap();
    assert_eq!(resp.status, 403);
    assert!(
        resp.body
            .contains("<Code>MissingAuthenticationToken</Code>")
    );
    assert!(resp.body.contains("<Type>Sender</Type>"));
    assert!(resp.header("x-amzn-RequestId").is_some());

    let garbled = [
        form[0],
        (
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAALICE0000000001",
        ),
    ];
    let resp = send(&fake, "POST", "/", &garbled, GCI).unwrap();
    assert_eq!(resp.status, 403);
    assert!(resp.body.contains("<Code>IncompleteSignature</Code>"));

    let codes: Vec<_> = fake.log().into_iter().map(|e| e.error_code).collect();
    assert_eq!(
        codes,
        [
            Some("MissingAuthenticationToken".to_string()),
            Some("IncompleteSignature".to_string())
        ]
    );
}

#[test]
fn clock_skew_beyond_15_minutes_is_rejected() {
    let fake = FakeAws::start(scenario());
    let now = SystemTime::now();
    let ok = signed_sts(
        &fake,
        ALICE_KEY,
        ALICE_SECRET,
        None,
        GCI,
        false,
        now - Duration::from_secs(600),
    );
    assert_eq!(ok.status, 200, "{}", ok.body);
    for time in [
        now - Duration::from_secs(1200),
        now + Duration::from_secs(1200),
    ] {
        let resp = signed_sts(&fake, ALICE_KEY, ALICE_SECRET, None, GCI, false, time);
        assert_eq!(resp.status, 403);
        assert!(resp.body.contains("<Code>SignatureDoesNotMatch</Code>"));
        assert!(resp.body.contains("Signature "), "{}", resp.body);
    }
    let old = signed_sts(
        &fake,
        ALICE_KEY,
        ALICE_SECRET,
        None,
        GCI,
        false,
        now - Duration::from_secs(1200),
    );
    assert!(old.body.contains("Signature expired"), "{}", old.body);
}

#[test]
fn query_api_over_get_and_xml_shape() {
    let fake = FakeAws::start(scenario());
    let resp = signed_sts(
        &fake,
        ALICE_KEY,
        ALICE_SECRET,
        None,
        GCI,
        true,
        SystemTime::now(),
    );
    assert_eq!(resp.status, 200, "{}", resp.body);
    assert_eq!(resp.header("content-type"), Some("text/xml"));
    assert!(resp.body.starts_with(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    ));
    assert!(
        resp.body
            .contains("<Arn>arn:aws:iam::111111111111:user/alice</Arn>")
    );
    assert!(resp.body.contains("<ResponseMetadata>"));

    let bad = signed_sts(
        &fake,
        ALICE_KEY,
        ALICE_SECRET,
        None,
        "Action=Nope",
        false,
        SystemTime::now(),
    );
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("<Code>InvalidAction</Code>"));
}
