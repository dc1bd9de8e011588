//! The core flow aws-login relies on: identity, then a two-hop AssumeRole
//! chain where each hop is signed by the previous hop's credentials.

use super::*;
use fake_aws::Service;

#[tokio::test]
async fn caller_identity_and_two_hop_chain() {
    let fake = FakeAws::start(scenario());

    let me = alice(&fake).get_caller_identity().send().await.unwrap();
    assert_eq!(me.arn(), Some("arn:aws:iam::111111111111:user/alice"));
    assert_eq!(me.account(), Some("111111111111"));
    let user_id = me.user_id().unwrap();
    assert!(
        user_id.starts_with("AIDA") && user_id.len() == 21,
        "{user_id}"
    );

    let hop1 = alice(&fake)
        .assume_role()
        .role_arn(DEPLOY)
        .role_session_name("hop1")
        .send()
        .await
        .unwrap();
    let hop1_creds = hop1.credentials().unwrap();
    assert!(hop1_creds.access_key_id().starts_with("ASIA"));
    assert_eq!(hop1_creds.access_key_id().len(), 20);
    assert_eq!(hop1_creds.secret_access_key().len(), 40);
    let user = hop1.assumed_role_user().unwrap();
    assert_eq!(
        user.arn(),
        "arn:aws:sts::222222222222:assumed-role/Deploy/hop1"
    );
    assert!(user.assumed_role_id().starts_with("AROA"));
    assert!(user.assumed_role_id().ends_with(":hop1"));

    let hop1_client = client_for(&fake, hop1_creds);
    let id1 = hop1_client.get_caller_identity().send().await.unwrap();
    assert_eq!(id1.arn(), Some(user.arn()));
    assert_eq!(id1.user_id(), Some(user.assumed_role_id()));
    assert_eq!(id1.account(), Some("222222222222"));

    let hop2 = hop1_client
        .assume_role()
        .role_arn(READONLY)
        .role_session_name("hop2")
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let hop2_creds = hop2.credentials().unwrap();
    let id2 = client_for(&fake, hop2_creds)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    // The role path is not part of the assumed-role ARN.
    assert_eq!(
        id2.arn(),
        Some("arn:aws:sts::333333333333:assumed-role/ReadOnly/hop2")
    );

    let log = fake.log();
    let summary: Vec<(&str, Option<&str>, u16)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.access_key_id.as_deref(), e.status))
        .collect();
    let k1 = hop1_creds.access_key_id();
    let k2 = hop2_creds.access_key_id();
    assert_eq!(
        summary,
        [
            ("GetCallerIdentity", Some(ALICE_KEY), 200),
            ("AssumeRole", Some(ALICE_KEY), 200),
            ("GetCallerIdentity", Some(k1), 200),
            ("AssumeRole", Some(k1), 200),
            ("GetCallerIdentity", Some(k2), 200),
        ]
    );
    assert!(
        log.iter()
            .all(|e| e.service == Service::Sts && e.error_code.is_none())
    );
    let hop2_entry = &log[3];
    assert_eq!(
        hop2_entry.caller_arn.as_deref(),
        Some("arn:aws:sts::222222222222:assumed-role/Deploy/hop1")
    );
    assert_eq!(hop2_entry.params["RoleArn"], READONLY);
    assert!(log.iter().all(|e| e.region.as_deref() == Some("us-east-1")));
    assert_eq!(hop2_entry.params["RoleSessionName"], "hop2");
    assert_eq!(hop2_entry.params["DurationSeconds"], "900");
    assert_eq!(
        log[1].caller_arn.as_deref(),
        Some("arn:aws:iam::111111111111:user/alice")
    );

    fake.clear_log();
    assert!(fake.log().is_empty());
}

#[tokio::test]
async fn expiration_is_reported_in_whole_seconds() {
    let fake = FakeAws::start(scenario());
    let out = alice(&fake)
        .assume_role()
        .role_arn(DEPLOY)
        .role_session_name("exp")
        .duration_seconds(7200)
        .send()
        .await
        .unwrap();
    let exp = out.credentials().unwrap().expiration().secs();
    let now = chrono::Utc::now().timestamp();
    assert!((7190..=7201).contains(&(exp - now)), "{}", exp - now);
}

#[tokio::test]
async fn minted_sessions_work_and_are_not_logged() {
    let fake = FakeAws::start(scenario());
    let minted = fake.mint_role_session(DEPLOY, "minted", 3600);
    assert!(fake.log().is_empty());
    let id = sts(
        &fake,
        &minted.access_key_id,
        &minted.secret_access_key,
        Some(&minted.session_token),
    )
    .get_caller_identity()
    .send()
    .await
    .unwrap();
    assert_eq!(
        id.arn(),
        Some("arn:aws:sts::222222222222:assumed-role/Deploy/minted")
    );
    assert!(minted.expiration > chrono::Utc::now());
}

#[tokio::test]
async fn federation_token() {
    let fake = FakeAws::start(scenario());
    let fed = alice(&fake)
        .get_federation_token()
        .name("bob")
        .policy_arns(
            aws_sdk_sts::types::PolicyDescriptorType::builder()
                .arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let user = fed.federated_user().unwrap();
    assert_eq!(user.federated_user_id(), "111111111111:bob");
    assert_eq!(user.arn(), "arn:aws:sts::111111111111:federated-user/bob");
    let entry = fake.log().pop().unwrap();
    assert_eq!(
        entry.params["PolicyArns.member.1.arn"],
        "arn:aws:iam::aws:policy/ReadOnlyAccess"
    );

    let fed_client = client_for(&fake, fed.credentials().unwrap());
    let id = fed_client.get_caller_identity().send().await.unwrap();
    assert_eq!(id.user_id(), Some("111111111111:bob"));
    assert_eq!(id.arn(), Some(user.arn()));

    let err = fed_client
        .assume_role()
        .role_arn(EXT_ROLE)
        .role_session_name("x1")
        .external_id("vendor-ext-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    let err = fed_client.get_session_token().send().await.unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    let err = fed_client
        .get_federation_token()
        .name("again")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");
    assert_eq!(
        message_of(&err),
        "Cannot call GetFederationToken with session credentials"
    );
}
