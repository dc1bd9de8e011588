//! Hostile-server mode: the scenario's `hostile` section makes OIDC errors, device
//! authorizations, the /authorize redirect and STS/portal error messages carry the texts
//! a compromised endpoint could send.

use super::raw::send;
use super::sso_common::*;
use super::*;
use aws_sdk_ssooidc::error::ProvideErrorMetadata;
use serde_json::json;

const DESCRIPTION: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\r<script>alert(1)</script>";
const URI: &str = "javascript:alert(1)//\u{1b}[31m";
const CODE: &str = "AB\u{1b}[2JCD";
const MESSAGE: &str = "denied\u{1b}[31m\u{202e}evil\u{85}";

fn hostile_scenario(hostile: serde_json::Value) -> Scenario {
    let mut json = serde_json::to_value(sso_scenario(json!({}))).unwrap();
    json["hostile"] = hostile;
    Scenario::from_json(&json.to_string()).unwrap()
}

#[tokio::test]
async fn hostile_oidc_errors_carry_the_texts_in_every_field_sdks_read() {
    let fake = FakeAws::start(hostile_scenario(json!({
        "error": "evil\u{1b}[2J", "error_description": DESCRIPTION,
        "fail": ["StartDeviceAuthorization"]
    })));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let err = c
        .start_device_authorization()
        .client_id(reg.client_id().unwrap())
        .client_secret(reg.client_secret().unwrap())
        .start_url(START_URL)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidRequestException"));
    assert_eq!(err.message(), Some(DESCRIPTION));
    let typed = err.into_service_error();
    let aws_sdk_ssooidc::operation::start_device_authorization::StartDeviceAuthorizationError::InvalidRequestException(e) = typed else {
        panic!("{typed:?}")
    };
    assert_eq!(e.error(), Some("evil\u{1b}[2J"));
    assert_eq!(e.error_description(), Some(DESCRIPTION));
}

#[tokio::test]
async fn hostile_device_authorizations_serve_the_given_uri_and_user_code() {
    let fake = FakeAws::start(hostile_scenario(json!({
        "verification_uri": URI, "user_code": CODE
    })));
    let c = oidc(&fake);
    let reg = register(&c, &[], None).await;
    let dev = start_device(&c, &reg).await;
    assert_eq!(dev.verification_uri(), Some(URI));
    assert_eq!(
        dev.verification_uri_complete(),
        Some(format!("{URI}?user_code={CODE}").as_str())
    );
    assert_eq!(dev.user_code(), Some(CODE));
    // Without `fail`, errors keep their normal wording.
    let err = poll(&c, &reg, &dev).await.unwrap_err();
    assert_eq!(err.message(), None);
}

#[tokio::test]
async fn a_hostile_authorize_redirects_with_the_error_instead_of_a_code() {
    let fake = FakeAws::start(hostile_scenario(json!({
        "error_description": DESCRIPTION, "fail": ["Authorize"]
    })));
    let redirect = "http://127.0.0.1:54321/oauth/callback";
    let reg = register(&oidc(&fake), &["authorization_code"], Some(CALLBACK)).await;
    let (_, challenge) = pkce_pair();
    let mut url = url::Url::parse("http://x/authorize").unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", reg.client_id().unwrap())
        .append_pair("redirect_uri", redirect)
        .append_pair("state", "st-1")
        .append_pair("code_challenge_method", "S256")
        .append_pair("code_challenge", &challenge);
    let resp = send(&fake, "GET", &target_of(url.as_str()), &[], "").unwrap();
    assert_eq!(resp.status, 302);
    let location = resp.header("location").unwrap();
    assert_eq!(
        query_param(location, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        query_param(location, "error_description").as_deref(),
        Some(DESCRIPTION)
    );
    assert_eq!(query_param(location, "code"), None);
    assert_eq!(query_param(location, "state").as_deref(), Some("st-1"));
}

#[tokio::test]
async fn hostile_sts_and_portal_errors_carry_the_message() {
    let fake = FakeAws::start(hostile_scenario(json!({ "message": MESSAGE })));
    let err = sts(&fake, "AKIAUNKNOWN000000000", "x", None)
        .get_caller_identity()
        .send()
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "InvalidClientTokenId");
    assert_eq!(message_of(&err), MESSAGE);
    let err = portal(&fake)
        .list_accounts()
        .access_token("not-a-token")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        aws_sdk_sso::error::ProvideErrorMetadata::message(&err),
        Some(MESSAGE)
    );
}

#[test]
fn hostile_fail_names_only_known_operations() {
    let err = Scenario::from_json(r#"{"hostile": {"fail": ["Nope"]}}"#).unwrap_err();
    assert!(format!("{err:#}").contains("Nope"), "{err:#}");
    assert!(Scenario::from_json(r#"{"hostile": {}}"#).is_ok());
}
