//! STS authorization and validation rules.

use super::*;

#[tokio::test]
async fn untrusted_caller_is_denied() {
    let fake = FakeAws::start(scenario());
    // ReadOnly trusts only the Deploy role, not alice.
    let err = alice(&fake)
        .assume_role()
        .role_arn(READONLY)
        .role_session_name("nope")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    assert_eq!(
        message_of(&err),
        format!(
            "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: \
             sts:AssumeRole on resource: {READONLY}"
        )
    );
    let missing = "arn:aws:iam::222222222222:role/DoesNotExist";
    let err = alice(&fake)
        .assume_role()
        .role_arn(missing)
        .role_session_name("nope")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    let entry = fake.log().pop().unwrap();
    assert_eq!(entry.status, 403);
    assert_eq!(entry.error_code.as_deref(), Some("AccessDenied"));
    assert_eq!(entry.params["RoleArn"], missing);
}

#[tokio::test]
async fn role_chaining_is_capped_at_one_hour() {
    let fake = FakeAws::start(scenario());
    let hop1 = alice(&fake)
        .assume_role()
        .role_arn(DEPLOY)
        .role_session_name("hop1")
        .duration_seconds(43200)
        .send()
        .await
        .unwrap();
    let hop1 = client_for(&fake, hop1.credentials().unwrap());
    let err = hop1
        .assume_role()
        .role_arn(READONLY)
        .role_session_name("hop2")
        .duration_seconds(3601)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "ValidationError");
    assert_eq!(
        message_of(&err),
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by \
         role chaining."
    );
    hop1.assume_role()
        .role_arn(READONLY)
        .role_session_name("hop2")
        .duration_seconds(3600)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn assume_role_validation() {
    let fake = FakeAws::start(scenario());
    let cases = [
        ("x", None),
        ("bad name", None),
        ("ok-name", Some(899)),
        ("ok-name", Some(43201)),
    ];
    for (name, secs) in cases {
        let err = alice(&fake)
            .assume_role()
            .role_arn(DEPLOY)
            .role_session_name(name)
            .set_duration_seconds(secs)
            .send()
            .await
            .unwrap_err();
        assert_eq!(code_of(&err), "ValidationError", "{name} {secs:?}");
    }
}

#[tokio::test]
async fn get_session_token_needs_long_term_keys() {
    let fake = FakeAws::start(scenario());
    let session = alice(&fake).get_session_token().send().await.unwrap();
    let creds = session.credentials().unwrap();
    let secs = creds.expiration().secs() - chrono::Utc::now().timestamp();
    assert!((43190..=43201).contains(&secs), "default duration {secs}");
    let client = client_for(&fake, creds);
    let id = client.get_caller_identity().send().await.unwrap();
    assert_eq!(id.arn(), Some("arn:aws:iam::111111111111:user/alice"));

    let err = client.get_session_token().send().await.unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    assert_eq!(
        message_of(&err),
        "Cannot call GetSessionToken with session credentials"
    );
    let err = alice(&fake)
        .get_session_token()
        .duration_seconds(129_601)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "ValidationError");
}

#[tokio::test]
async fn mfa_protected_role() {
    let fake = FakeAws::start(scenario());
    let assume = |code: Option<&str>| {
        alice(&fake)
            .assume_role()
            .role_arn(MFA_ROLE)
            .role_session_name("mfa")
            .set_serial_number(code.map(|_| ALICE_MFA.to_string()))
            .set_token_code(code.map(str::to_string))
    };
    let err = assume(None).send().await.unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    let err = assume(Some("000000")).send().await.unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    assert_eq!(
        message_of(&err),
        "MultiFactorAuthentication failed with invalid MFA one time pass code."
    );
    assume(Some("123456")).send().await.unwrap();
    let entry = fake.log().pop().unwrap();
    assert_eq!(entry.params["SerialNumber"], ALICE_MFA);
    assert_eq!(entry.params["TokenCode"], "123456");

    // Session credentials from an MFA-authenticated GetSessionToken carry MFA.
    let err = alice(&fake)
        .get_session_token()
        .serial_number(ALICE_MFA)
        .token_code("654321")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    let with_mfa = alice(&fake)
        .get_session_token()
        .serial_number(ALICE_MFA)
        .token_code("123456")
        .send()
        .await
        .unwrap();
    let hop = client_for(&fake, with_mfa.credentials().unwrap())
        .assume_role()
        .role_arn(MFA_ROLE)
        .role_session_name("via-session")
        .send()
        .await
        .unwrap();
    // A role session made with MFA keeps it for the next hop.
    client_for(&fake, hop.credentials().unwrap())
        .assume_role()
        .role_arn(MFA_ROLE)
        .role_session_name("chained")
        .send()
        .await
        .unwrap();
    // Without MFA, GetSessionToken credentials do not satisfy the role.
    let plain = alice(&fake).get_session_token().send().await.unwrap();
    let err = client_for(&fake, plain.credentials().unwrap())
        .assume_role()
        .role_arn(MFA_ROLE)
        .role_session_name("no-mfa")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
}

#[tokio::test]
async fn external_id_must_match() {
    let fake = FakeAws::start(scenario());
    for ext in [None, Some("wrong-ext")] {
        let err = alice(&fake)
            .assume_role()
            .role_arn(EXT_ROLE)
            .role_session_name("vendor")
            .set_external_id(ext.map(str::to_string))
            .send()
            .await
            .unwrap_err();
        assert_eq!(code_of(&err), "AccessDenied", "{ext:?}");
    }
    alice(&fake)
        .assume_role()
        .role_arn(EXT_ROLE)
        .role_session_name("vendor")
        .external_id("vendor-ext-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        fake.log().pop().unwrap().params["ExternalId"],
        "vendor-ext-1"
    );
}
