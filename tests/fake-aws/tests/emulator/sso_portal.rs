//! The SSO portal through the real SDK: role credentials that are live STS
//! sessions of the AWSReservedSSO role, errors, pagination, TPS throttling.

use super::sso_common::*;
use super::*;
use fake_aws::Service;
use serde_json::json;

#[tokio::test]
async fn role_credentials_are_sso_role_sessions() {
    let fake = FakeAws::start(sso_scenario(json!({"role_credentials_ttl": 1800})));
    let token = fake.issue_sso_token(3600, false);
    let out = portal(&fake)
        .get_role_credentials()
        .access_token(&token.access_token)
        .account_id(DEV)
        .role_name("Admin")
        .send()
        .await
        .unwrap();
    let rc = out.role_credentials().unwrap();
    let now_ms = chrono::Utc::now().timestamp_millis();
    let ttl_ms = rc.expiration() - now_ms;
    assert!((1_795_000..=1_801_000).contains(&ttl_ms), "{ttl_ms}");
    assert_eq!(rc.expiration() % 1000, 0);

    let role_arn = fake.sso_role_arn(DEV, "Admin");
    let role_name = role_arn.rsplit('/').next().unwrap();
    let hex = role_name.strip_prefix("AWSReservedSSO_Admin_").unwrap();
    assert!(hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(role_arn.starts_with(&format!(
        "arn:aws:iam::{DEV}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_"
    )));
    let key = rc.access_key_id().unwrap();
    let sts_client = sts(
        &fake,
        key,
        rc.secret_access_key().unwrap(),
        rc.session_token(),
    );
    let me = sts_client.get_caller_identity().send().await.unwrap();
    let expected = format!("arn:aws:sts::{DEV}:assumed-role/{role_name}/{SSO_USER}");
    assert_eq!(me.arn(), Some(expected.as_str()));
    assert!(me.user_id().unwrap().ends_with(&format!(":{SSO_USER}")));

    for target in [TARGET, ROOT_TRUST] {
        let hop = sts_client
            .assume_role()
            .role_arn(target)
            .role_session_name("from-sso")
            .send()
            .await
            .unwrap();
        assert!(hop.credentials().is_some());
    }
    // ReadOnly's role session is not the role TARGET trusts.
    let read_only = portal(&fake)
        .get_role_credentials()
        .access_token(&token.access_token)
        .account_id(DEV)
        .role_name("ReadOnly")
        .send()
        .await
        .unwrap();
    let ro = read_only.role_credentials().unwrap();
    let ro_client = sts(
        &fake,
        ro.access_key_id().unwrap(),
        ro.secret_access_key().unwrap(),
        ro.session_token(),
    );
    let err = ro_client
        .assume_role()
        .role_arn(TARGET)
        .role_session_name("x1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "AccessDenied");

    let secrets = fake.issued_secrets();
    assert!(
        secrets
            .iter()
            .any(|s| Some(s.as_str()) == rc.session_token())
    );
    let entry = &fake.log()[0];
    assert_eq!(
        (entry.service, entry.action.as_str()),
        (Service::Sso, "GetRoleCredentials")
    );
    assert_eq!(entry.params["account_id"], DEV);
    assert_eq!(entry.params["role_name"], "Admin");
}

#[tokio::test]
async fn portal_errors_parse_as_modeled_exceptions() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let p = portal(&fake);
    let get = |token: &str, account: &str, role: &str| {
        p.get_role_credentials()
            .access_token(token)
            .account_id(account)
            .role_name(role)
            .send()
    };
    let err = get("not-a-token", DEV, "Admin").await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 401);
    assert_eq!(message_of(&err), "Session token not found or invalid");
    assert!(err.into_service_error().is_unauthorized_exception());

    let token = fake.issue_sso_token(3600, false).access_token;
    for (account, role) in [(DEV, "NotAssigned"), ("999999999999", "Admin")] {
        let err = get(&token, account, role).await.unwrap_err();
        assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
        // Not in the SDK's model: it surfaces as an unhandled error with this code.
        assert_eq!(code_of(&err), "ForbiddenException");
        assert_eq!(message_of(&err), "No access");
    }

    let err = p
        .list_accounts()
        .access_token(&token)
        .max_results(0)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_request_exception());

    p.logout().access_token(&token).send().await.unwrap();
    let err = get(&token, DEV, "Admin").await.unwrap_err();
    assert!(err.into_service_error().is_unauthorized_exception());
    let err = p.logout().access_token(&token).send().await.unwrap_err();
    assert!(err.into_service_error().is_unauthorized_exception());
    let codes: Vec<_> = fake.log().into_iter().map(|e| e.error_code).collect();
    assert_eq!(codes[0].as_deref(), Some("UnauthorizedException"));
    assert_eq!(codes[1].as_deref(), Some("ForbiddenException"));
}

#[tokio::test]
async fn paginators_walk_every_account_and_role() {
    let mut assignments: Vec<_> = (0..45)
        .map(|i| {
            json!({"account_id": format!("7000000000{i:02}"),
                   "account_name": format!("team {i} — \"sandbox\" & co"),
                   "email": format!("t{i}@example.com"), "roles": ["ReadOnly"]})
        })
        .collect();
    let many_roles: Vec<_> = (0..25).map(|i| format!("Role{i}")).collect();
    assignments.push(json!({"account_id": DEV, "account_name": "dev", "roles": many_roles}));
    let scenario = sso_scenario(json!({"assignments": assignments}));
    let fake = FakeAws::start(scenario);
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal(&fake);

    let accounts: Vec<_> = p
        .list_accounts()
        .access_token(&token)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 46);
    assert_eq!(
        accounts[3].account_name(),
        Some("team 3 — \"sandbox\" & co")
    );
    assert_eq!(accounts[45].account_id(), Some(DEV));
    let pages = fake
        .log()
        .iter()
        .filter(|e| e.action == "ListAccounts")
        .count();
    assert_eq!(pages, 3, "default page size is 20");

    fake.clear_log();
    let roles: Vec<_> = p
        .list_account_roles()
        .access_token(&token)
        .account_id(DEV)
        .max_results(7)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let names: Vec<_> = roles.iter().map(|r| r.role_name().unwrap()).collect();
    assert_eq!(names.len(), 25);
    assert_eq!(names[24], "Role24");
    assert!(roles.iter().all(|r| r.account_id() == Some(DEV)));
    let log = fake.log();
    assert_eq!(log.len(), 4, "pages of 7");
    assert_eq!(log[1].params["max_result"], "7");
    assert!(log[1].params.contains_key("next_token"));

    let none = p
        .list_account_roles()
        .access_token(&token)
        .account_id("123456789012")
        .send()
        .await
        .unwrap();
    assert!(none.role_list().is_empty() && none.next_token().is_none());
}

#[tokio::test]
async fn portal_tps_limit_throttles() {
    let fake = FakeAws::start(sso_scenario(json!({"portal_tps": 3})));
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal(&fake);
    let list = || p.list_accounts().access_token(&token).send();
    for _ in 0..3 {
        list().await.unwrap();
    }
    let err = list().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 429);
    assert!(err.into_service_error().is_too_many_requests_exception());
    tokio::time::sleep(Duration::from_millis(1050)).await;
    list().await.unwrap();
}
