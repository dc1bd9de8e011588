//! SSO OIDC device-code flow through the real SDK: pending, verification
//! page, token; slow_down, expiry, denial, and client checks.

use super::raw::send;
use super::sso_common::*;
use super::*;
use fake_aws::Service;
use serde_json::json;

#[tokio::test]
async fn device_flow_pending_then_approved() {
    let fake = FakeAws::start(sso_scenario(json!({"device_interval": 0})));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let now = chrono::Utc::now().timestamp();
    let expires = reg.client_secret_expires_at() - reg.client_id_issued_at();
    assert_eq!(expires, 90 * 24 * 3600);
    assert!((reg.client_id_issued_at() - now).abs() <= 2);

    let dev = start_device(&c, &reg).await;
    let uri = dev.verification_uri().unwrap();
    assert_eq!(uri, format!("{}/device", fake.url()));
    let code = dev.user_code().unwrap();
    assert!(code.len() == 9 && code.as_bytes()[4] == b'-', "{code}");
    assert!(code.chars().all(|ch| ch == '-' || ch.is_ascii_uppercase()));
    let complete = dev.verification_uri_complete().unwrap();
    assert_eq!(complete, format!("{uri}?user_code={code}"));
    assert_eq!((dev.expires_in(), dev.interval()), (600, 0));

    let err = poll(&c, &reg, &dev).await.unwrap_err();
    let pending = (
        "AuthorizationPendingException",
        Some("authorization_pending".into()),
    );
    assert_eq!(token_error(err), pending);

    // A browser without the code gets a form that submits it by GET.
    let form = send(&fake, "GET", "/device", &[], "").unwrap();
    assert_eq!(form.status, 200);
    assert!(form.body.contains("method=\"GET\"") && form.body.contains("name=\"user_code\""));
    let page = send(&fake, "GET", &target_of(complete), &[], "").unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Device approved"), "{}", page.body);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );

    let token = poll(&c, &reg, &dev).await.unwrap();
    assert_eq!(token.token_type(), Some("Bearer"));
    assert_eq!(token.expires_in(), 28800);
    // A registration without grantTypes but with scopes refreshes, as at AWS.
    assert!(token.refresh_token().is_some());
    let access = token.access_token().unwrap();
    assert!(fake.issued_secrets().iter().any(|s| s == access));
    let accounts = portal(&fake)
        .list_accounts()
        .access_token(access)
        .send()
        .await
        .unwrap();
    assert_eq!(accounts.account_list().len(), 2);

    // The device code is spent.
    let again = token_error(poll(&c, &reg, &dev).await.unwrap_err());
    assert_eq!(
        again,
        ("InvalidGrantException", Some("invalid_grant".into()))
    );

    let log = fake.log();
    let actions: Vec<_> = log
        .iter()
        .filter(|e| e.service == Service::SsoOidc)
        .map(|e| (e.action.as_str(), e.status))
        .collect();
    assert_eq!(
        actions,
        [
            ("RegisterClient", 200),
            ("StartDeviceAuthorization", 200),
            ("CreateToken", 400),
            ("DeviceVerify", 200),
            ("DeviceVerify", 200),
            ("CreateToken", 200),
            ("CreateToken", 400),
        ]
    );
    let create = &log[2];
    assert_eq!(create.params["grantType"], DEVICE_GRANT);
    assert_eq!(create.params["clientId"], reg.client_id().unwrap());
    assert!(!create.params.contains_key("clientSecret"));
    assert!(!create.params.contains_key("deviceCode"));
    assert_eq!(
        create.error_code.as_deref(),
        Some("AuthorizationPendingException")
    );
    assert_eq!(log[1].params["startUrl"], START_URL);
    assert_eq!(log[0].params["scopes"], SCOPE);
    assert_eq!(log[4].params["user_code"], code);
    assert_eq!(log.last().unwrap().service, Service::SsoOidc);
}

#[tokio::test]
async fn slow_down_for_fast_polls_and_scenario_polls() {
    let fake = FakeAws::start(sso_scenario(json!({"slow_down_polls": 2})));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let dev = start_device(&c, &reg).await;
    assert_eq!(dev.interval(), 1);
    let slow = ("SlowDownException", Some("slow_down".to_string()));
    for _ in 0..2 {
        assert_eq!(token_error(poll(&c, &reg, &dev).await.unwrap_err()), slow);
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }
    let pending = token_error(poll(&c, &reg, &dev).await.unwrap_err());
    assert_eq!(pending.0, "AuthorizationPendingException");
    // Polling again at once is faster than `interval`.
    assert_eq!(token_error(poll(&c, &reg, &dev).await.unwrap_err()), slow);
}

#[tokio::test]
async fn expired_device_code() {
    let fake = FakeAws::start(sso_scenario(
        json!({"device_code_ttl": 1, "device_interval": 0}),
    ));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let dev = start_device(&c, &reg).await;
    assert_eq!(dev.expires_in(), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = ("ExpiredTokenException", Some("expired_token".to_string()));
    assert_eq!(
        token_error(poll(&c, &reg, &dev).await.unwrap_err()),
        expired
    );
    let target = target_of(dev.verification_uri_complete().unwrap());
    let page = send(&fake, "GET", &target, &[], "").unwrap();
    assert_eq!(page.status, 400);
    assert!(page.body.contains("expired"));
}

#[tokio::test]
async fn denied_authorization() {
    let fake = FakeAws::start(sso_scenario(json!({"device_interval": 0})));
    fake.set_sso_deny(true);
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let dev = start_device(&c, &reg).await;
    // The user code works in any case and without its dash.
    let code = dev.user_code().unwrap().replace('-', "").to_lowercase();
    let page = send(&fake, "GET", &format!("/device?user_code={code}"), &[], "").unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Request denied"), "{}", page.body);
    let denied = ("AccessDeniedException", Some("access_denied".to_string()));
    assert_eq!(token_error(poll(&c, &reg, &dev).await.unwrap_err()), denied);

    let unknown = send(&fake, "GET", "/device?user_code=ZZZZ-ZZZZ", &[], "").unwrap();
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn client_registration_rules() {
    let fake = FakeAws::start(sso_scenario(json!({"device_interval": 0})));
    let c = oidc(&fake);

    // Explicit grant types without refresh_token: no refresh token.
    let reg = register(&c, &[DEVICE_GRANT], None).await;
    let dev = start_device(&c, &reg).await;
    let code = dev.user_code().unwrap();
    send(&fake, "GET", &format!("/device?user_code={code}"), &[], "").unwrap();
    let token = poll(&c, &reg, &dev).await.unwrap();
    assert!(token.refresh_token().is_none());
    let regs = fake.sso_registrations();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].grant_types, [DEVICE_GRANT]);
    assert_eq!(regs[0].scopes, [SCOPE]);

    // A PKCE-only client may not start the device flow.
    let pkce = register(&c, &["authorization_code"], Some(CALLBACK)).await;
    let err = c
        .start_device_authorization()
        .client_id(pkce.client_id().unwrap())
        .client_secret(pkce.client_secret().unwrap())
        .start_url(START_URL)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_unauthorized_client_exception());

    let start = |secret: &str, url: &str| {
        c.start_device_authorization()
            .client_id(reg.client_id().unwrap())
            .client_secret(secret)
            .start_url(url)
            .send()
    };
    let err = start(
        reg.client_secret().unwrap(),
        "https://other.awsapps.com/start",
    )
    .await
    .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);
    assert!(err.into_service_error().is_invalid_request_exception());
    // Trailing slash and "#/" are the same start URL.
    let with_slash = format!("{START_URL}/#/");
    start(reg.client_secret().unwrap(), &with_slash)
        .await
        .unwrap();
    let err = start("wrong-secret", START_URL).await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 401);
    assert!(err.into_service_error().is_invalid_client_exception());

    let err = c
        .register_client()
        .client_name("x")
        .client_type("public")
        .grant_types("password")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.into_service_error()
            .is_unsupported_grant_type_exception()
    );
    let err = c
        .register_client()
        .client_name("x")
        .client_type("public")
        .grant_types("authorization_code")
        .redirect_uris("http://example.com/callback")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_invalid_redirect_uri_exception());
}

#[tokio::test]
async fn expired_registration_is_an_invalid_client() {
    let fake = FakeAws::start(sso_scenario(json!({"registration_ttl": 1})));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let err = c
        .start_device_authorization()
        .client_id(reg.client_id().unwrap())
        .client_secret(reg.client_secret().unwrap())
        .start_url(START_URL)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 401);
    assert!(err.into_service_error().is_invalid_client_exception());
}
