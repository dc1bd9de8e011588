//! Fault injection on the SSO portal and SSO OIDC: AWS-shaped errors the
//! SDK parses, and SDK retries through transient ones.

use super::sso_common::*;
use super::*;
use fake_aws::{Fault, Service};
use serde_json::json;

fn every(kind: &str, n: u32) -> Fault {
    match kind {
        "throttle" => Fault {
            throttle_every: Some(n),
            ..Fault::default()
        },
        "5xx" => Fault {
            error_5xx_every: Some(n),
            ..Fault::default()
        },
        _ => Fault {
            drop_every: Some(n),
            ..Fault::default()
        },
    }
}

#[tokio::test]
async fn portal_faults_are_aws_shaped() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal(&fake);
    let list = || p.list_accounts().access_token(&token).send();

    fake.set_fault(Service::Sso, every("throttle", 1));
    let err = list().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 429);
    assert!(err.into_service_error().is_too_many_requests_exception());

    fake.set_fault(Service::Sso, every("5xx", 1));
    let err = list().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    assert_eq!(code_of(&err), "InternalServerException");

    fake.set_fault(Service::Sso, every("drop", 1));
    assert!(list().await.is_err());
    // Other services keep working.
    oidc(&fake)
        .register_client()
        .client_name("x")
        .client_type("public")
        .send()
        .await
        .unwrap();

    let codes: Vec<_> = fake
        .log()
        .into_iter()
        .map(|e| (e.service, e.status, e.error_code))
        .collect();
    assert_eq!(
        codes,
        [
            (Service::Sso, 429, Some("TooManyRequestsException".into())),
            (Service::Sso, 500, Some("InternalServerException".into())),
            (Service::Sso, 0, Some("ConnectionDropped".into())),
            (Service::SsoOidc, 200, None),
        ]
    );
}

#[tokio::test]
async fn oidc_faults_are_aws_shaped() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let c = oidc(&fake);
    let reg = || {
        c.register_client()
            .client_name("x")
            .client_type("public")
            .send()
    };

    fake.set_fault(Service::SsoOidc, every("throttle", 1));
    let err = reg().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    assert!(err.into_service_error().is_slow_down_exception());

    fake.set_fault(Service::SsoOidc, every("5xx", 1));
    let err = reg().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    assert!(err.into_service_error().is_internal_server_exception());

    let log = fake.log();
    assert_eq!(log[0].error_code.as_deref(), Some("SlowDownException"));
    assert_eq!(log[0].action, "RegisterClient");
    assert_eq!(
        log[1].error_code.as_deref(),
        Some("InternalServerException")
    );
}

#[tokio::test]
async fn sdk_retries_through_transient_portal_and_oidc_faults() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal_with_retry(&fake, quick_retries());
    let c = oidc_with_retry(&fake, quick_retries());
    for kind in ["throttle", "5xx", "drop"] {
        fake.set_fault(Service::Sso, every(kind, 2));
        for _ in 0..2 {
            let out = p
                .get_role_credentials()
                .access_token(&token)
                .account_id(DEV)
                .role_name("Admin")
                .send()
                .await;
            out.unwrap();
        }
    }
    // OIDC throttling is SlowDownException, which the SDK does not retry.
    for kind in ["5xx", "drop"] {
        fake.set_fault(Service::SsoOidc, every(kind, 2));
        for _ in 0..2 {
            let out = c
                .register_client()
                .client_name("x")
                .client_type("public")
                .send();
            out.await.unwrap();
        }
    }
    let faulted = fake.log().into_iter().filter(|e| e.status != 200).count();
    assert!(faulted >= 5, "{faulted}");
}

#[test]
fn latency_applies_to_sso() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let fault = Fault {
        latency_ms: 120,
        ..Fault::default()
    };
    fake.set_fault(Service::SsoOidc, fault);
    let start = std::time::Instant::now();
    let page = super::raw::send(&fake, "GET", "/device", &[], "").unwrap();
    assert_eq!(page.status, 200);
    assert!(start.elapsed().as_millis() >= 120);
}
