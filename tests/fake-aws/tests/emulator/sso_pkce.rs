//! SSO OIDC authorization-code flow with PKCE, and refresh-token rotation.

use super::raw::send;
use super::sso_common::*;
use super::*;
use aws_sdk_ssooidc::operation::register_client::RegisterClientOutput;
use serde_json::json;

/// `/authorize` as a browser would request it; `redirect` is the URI the
/// client listens on (any loopback port).
fn authorize_target(reg: &RegisterClientOutput, redirect: &str, challenge: &str) -> String {
    let mut url = url::Url::parse("http://x/authorize").unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", reg.client_id().unwrap())
        .append_pair("redirect_uri", redirect)
        .append_pair("state", "st-42")
        .append_pair("code_challenge_method", "S256")
        .append_pair("scopes", SCOPE)
        .append_pair("code_challenge", challenge);
    target_of(url.as_str())
}

async fn exchange(
    c: &aws_sdk_ssooidc::Client,
    reg: &RegisterClientOutput,
    code: &str,
    redirect: &str,
    verifier: &str,
) -> TokenResult {
    c.create_token()
        .client_id(reg.client_id().unwrap())
        .client_secret(reg.client_secret().unwrap())
        .grant_type("authorization_code")
        .code(code)
        .redirect_uri(redirect)
        .code_verifier(verifier)
        .send()
        .await
}

async fn refresh(c: &aws_sdk_ssooidc::Client, id: &str, secret: &str, rt: &str) -> TokenResult {
    c.create_token()
        .client_id(id)
        .client_secret(secret)
        .grant_type("refresh_token")
        .refresh_token(rt)
        .send()
        .await
}

#[tokio::test]
async fn authorize_redirects_and_code_exchanges_once() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let c = oidc(&fake);
    let reg = register(&c, &["authorization_code", "refresh_token"], Some(CALLBACK)).await;
    let (verifier, challenge) = pkce_pair();
    // Registered without a port; the client listens on an ephemeral one.
    let redirect = "http://127.0.0.1:54321/oauth/callback";
    let resp = send(
        &fake,
        "GET",
        &authorize_target(&reg, redirect, &challenge),
        &[],
        "",
    )
    .unwrap();
    assert_eq!(resp.status, 302);
    let location = resp.header("location").unwrap();
    assert!(
        location.starts_with(&format!("{redirect}?code=")),
        "{location}"
    );
    assert_eq!(query_param(location, "state").as_deref(), Some("st-42"));
    let code = query_param(location, "code").unwrap();

    let invalid_grant = ("InvalidGrantException", Some("invalid_grant".to_string()));
    let wrong_verifier = exchange(&c, &reg, &code, redirect, "not-the-verifier").await;
    assert_eq!(token_error(wrong_verifier.unwrap_err()), invalid_grant);
    let other_port = "http://127.0.0.1:1111/oauth/callback";
    let wrong_redirect = exchange(&c, &reg, &code, other_port, &verifier).await;
    assert_eq!(token_error(wrong_redirect.unwrap_err()), invalid_grant);

    let token = exchange(&c, &reg, &code, redirect, &verifier)
        .await
        .unwrap();
    assert_eq!(token.token_type(), Some("Bearer"));
    assert_eq!(token.expires_in(), 28800);
    assert!(token.refresh_token().is_some());
    let reused = exchange(&c, &reg, &code, redirect, &verifier).await;
    assert_eq!(token_error(reused.unwrap_err()), invalid_grant);

    let entry = fake
        .log()
        .into_iter()
        .find(|e| e.action == "Authorize")
        .unwrap();
    assert_eq!(entry.params["redirect_uri"], redirect);
    assert_eq!(entry.params["client_id"], reg.client_id().unwrap());
    let creates: Vec<_> = fake
        .log()
        .into_iter()
        .filter(|e| e.action == "CreateToken")
        .collect();
    assert_eq!(creates[0].params["redirectUri"], redirect);
    assert_eq!(creates[0].params["grantType"], "authorization_code");
    assert!(!creates[0].params.contains_key("code"));
    assert!(!creates[0].params.contains_key("codeVerifier"));
}

#[tokio::test]
async fn authorize_rejects_bad_requests_without_redirecting() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let c = oidc(&fake);
    let reg = register(&c, &["authorization_code"], Some(CALLBACK)).await;
    let device_only = register(&c, &[], None).await;
    let (_, challenge) = pkce_pair();
    let good = "http://127.0.0.1:50000/oauth/callback";
    let cases = [
        authorize_target(&reg, "http://127.0.0.1:50000/other/path", &challenge),
        authorize_target(&reg, "http://localhost:50000/oauth/callback", &challenge),
        authorize_target(&device_only, good, &challenge),
        authorize_target(&reg, good, ""),
        authorize_target(&reg, good, &challenge).replace("S256", "plain"),
        authorize_target(&reg, good, &challenge)
            .replace("response_type=code", "response_type=token"),
        authorize_target(&reg, good, &challenge).replace(reg.client_id().unwrap(), "nope"),
    ];
    for target in cases {
        let resp = send(&fake, "GET", &target, &[], "").unwrap();
        assert_eq!(resp.status, 400, "{target}");
        assert!(resp.header("location").is_none());
        assert!(resp.body.contains("<html>"));
    }
    let ok = send(
        &fake,
        "GET",
        &authorize_target(&reg, good, &challenge),
        &[],
        "",
    )
    .unwrap();
    assert_eq!(ok.status, 302);

    fake.set_sso_deny(true);
    let denied = send(
        &fake,
        "GET",
        &authorize_target(&reg, good, &challenge),
        &[],
        "",
    )
    .unwrap();
    assert_eq!(denied.status, 302);
    let location = denied.header("location").unwrap();
    assert!(location.starts_with(good));
    assert_eq!(
        query_param(location, "error").as_deref(),
        Some("access_denied")
    );
    assert!(query_param(location, "error_description").is_some());
    assert_eq!(query_param(location, "state").as_deref(), Some("st-42"));
    assert!(query_param(location, "code").is_none());
}

#[tokio::test]
async fn refresh_rotates_the_refresh_token() {
    let fake = FakeAws::start(sso_scenario(json!({"access_token_ttl": 900})));
    let c = oidc(&fake);
    let issued = fake.issue_sso_token(-60, true);
    assert!(issued.expires_at < chrono::Utc::now());
    assert!(issued.registration_expires_at > chrono::Utc::now());
    let (id, secret) = (issued.client_id.as_str(), issued.client_secret.as_str());
    let old_rt = issued.refresh_token.clone().unwrap();
    assert!(fake.log().is_empty());
    let secrets = fake.issued_secrets();
    for s in [&issued.access_token, &old_rt, &issued.client_secret] {
        assert!(secrets.contains(s));
    }

    let p = portal(&fake);
    let err = p
        .list_accounts()
        .access_token(&issued.access_token)
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_unauthorized_exception());

    let first = refresh(&c, id, secret, &old_rt).await.unwrap();
    assert_eq!(first.expires_in(), 900);
    let new_rt = first.refresh_token().unwrap();
    assert_ne!(new_rt, old_rt);
    p.list_accounts()
        .access_token(first.access_token().unwrap())
        .send()
        .await
        .unwrap();

    let invalid_grant = ("InvalidGrantException", Some("invalid_grant".to_string()));
    let reuse = refresh(&c, id, secret, &old_rt).await;
    assert_eq!(token_error(reuse.unwrap_err()), invalid_grant);
    let bad_secret = refresh(&c, id, "wrong", new_rt).await.unwrap_err();
    assert_eq!(bad_secret.raw_response().unwrap().status().as_u16(), 401);
    let invalid_client = ("InvalidClientException", Some("invalid_client".to_string()));
    assert_eq!(token_error(bad_secret), invalid_client);
    let second = refresh(&c, id, secret, new_rt).await.unwrap();

    fake.expire_sso_tokens();
    let err = p
        .list_accounts()
        .access_token(second.access_token().unwrap())
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_unauthorized_exception());
    // Refresh tokens survive expire_sso_tokens.
    refresh(&c, id, secret, second.refresh_token().unwrap())
        .await
        .unwrap();

    let unrefreshable = fake.issue_sso_token(3600, false);
    assert!(unrefreshable.refresh_token.is_none());
}

#[tokio::test]
async fn non_refreshable_clients_and_bad_grants() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let c = oidc(&fake);
    let reg = register(&c, &["authorization_code"], Some(CALLBACK)).await;
    let (verifier, challenge) = pkce_pair();
    let redirect = "http://127.0.0.1:40000/oauth/callback";
    let resp = send(
        &fake,
        "GET",
        &authorize_target(&reg, redirect, &challenge),
        &[],
        "",
    )
    .unwrap();
    let code = query_param(resp.header("location").unwrap(), "code").unwrap();
    let token = exchange(&c, &reg, &code, redirect, &verifier)
        .await
        .unwrap();
    assert!(token.refresh_token().is_none());

    let (id, secret) = (reg.client_id().unwrap(), reg.client_secret().unwrap());
    let err = refresh(&c, id, secret, "aor-made-up").await.unwrap_err();
    let unauthorized = (
        "UnauthorizedClientException",
        Some("unauthorized_client".to_string()),
    );
    assert_eq!(token_error(err), unauthorized);
    let err = c
        .create_token()
        .client_id(id)
        .client_secret(secret)
        .grant_type("password")
        .send()
        .await
        .unwrap_err();
    assert_eq!(token_error(err).0, "UnsupportedGrantTypeException");
    let err = c
        .create_token()
        .client_id(id)
        .client_secret(secret)
        .grant_type("authorization_code")
        .code(&code)
        .redirect_uri(redirect)
        .code_verifier(&verifier)
        .scope("sso:other:scope")
        .send()
        .await
        .unwrap_err();
    assert_eq!(token_error(err).0, "InvalidScopeException");
}
