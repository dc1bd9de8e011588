//! Console federation rejections: credentials the console does not take,
//! bad logins, other credential sources, and fault injection.

use super::raw::send;
use super::signin::*;
use super::sso_common::{DEV, portal, sso_scenario};
use super::*;
use fake_aws::{Fault, Service};

/// Asserts a 400 HTML answer and returns the log's error code for it.
fn rejected(fake: &FakeAws, resp: &super::raw::RawResponse) -> String {
    assert_eq!(resp.status, 400, "{}", resp.body);
    assert!(
        resp.header("Content-Type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(resp.body.contains("id=\"error\""), "{}", resp.body);
    fake.log().pop().unwrap().error_code.unwrap()
}

#[tokio::test]
async fn only_live_role_or_federation_sessions_sign_in() {
    let fake = FakeAws::start(scenario());
    let alice_arn = "arn:aws:iam::111111111111:user/alice";
    for session in [
        session_json(ALICE_KEY, ALICE_SECRET, None),
        session_json(ALICE_KEY, ALICE_SECRET, Some("made-up-token")),
    ] {
        let code = rejected(&fake, &get_token(&fake, &session, None));
        assert_eq!(code, "LongTermCredentials");
        let entry = fake.log().pop().unwrap();
        assert_eq!(entry.access_key_id.as_deref(), Some(ALICE_KEY));
        assert_eq!(entry.caller_arn.as_deref(), Some(alice_arn));
    }

    let st = alice(&fake).get_session_token().send().await.unwrap();
    let st = sdk_creds_json(st.credentials().unwrap());
    let code = rejected(&fake, &get_token(&fake, &st, Some("3600")));
    assert_eq!(code, "UnsupportedCredentials");

    let c = fake.mint_role_session(DEPLOY, "victim", 3600);
    let (key, secret, token) = (&c.access_key_id, &c.secret_access_key, &c.session_token);
    for session in [
        session_json(key, "wrong-secret", Some(token)),
        session_json(key, secret, Some("wrong-token")),
        session_json(key, secret, None),
        session_json("ASIAUNKNOWN000000001", secret, Some(token)),
    ] {
        let code = rejected(&fake, &get_token(&fake, &session, None));
        assert_eq!(code, "InvalidSession");
    }
    for session in ["not json", "[]", r#"{"sessionId": "ASIA"}"#] {
        let code = rejected(&fake, &get_token(&fake, session, None));
        assert_eq!(code, "MalformedSession");
    }
    let resp = send(&fake, "GET", "/federation?Action=getSigninToken", &[], "").unwrap();
    assert_eq!(rejected(&fake, &resp), "MissingParameter");

    fake.expire_all_sessions();
    let code = rejected(&fake, &get_token(&fake, &creds_json(&c), None));
    assert_eq!(code, "ExpiredToken");
    assert!(fake.console_signins().is_empty());
}

#[test]
fn logins_need_a_fresh_token_an_issuer_and_a_console_destination() {
    let fake = FakeAws::start(scenario());
    let creds = fake.mint_role_session(DEPLOY, "web", 3600);
    let token = token_of(&get_token(&fake, &creds_json(&creds), None));

    let code = rejected(
        &fake,
        &login(&fake, "bogus", Some(ISSUER), Some(DESTINATION)),
    );
    assert_eq!(code, "InvalidSigninToken");
    assert_eq!(fake.log().pop().unwrap().caller_arn, None);
    let code = rejected(&fake, &login(&fake, &token, None, Some(DESTINATION)));
    assert_eq!(code, "MissingParameter");
    let code = rejected(&fake, &login(&fake, &token, Some(ISSUER), None));
    assert_eq!(code, "MissingParameter");
    for dest in [
        "http://console.aws.amazon.com/",
        "https://evil.example.com/",
        "https://console.aws.amazon.com.evil.example.com/",
        "https://signin.aws.amazon.com/",
        "console.aws.amazon.com",
    ] {
        let resp = login(&fake, &token, Some(ISSUER), Some(dest));
        assert_eq!(rejected(&fake, &resp), "InvalidDestination", "{dest}");
    }
    // The failures above did not spend the token; the logs still name the
    // session behind it.
    assert!(!fake.console_signins()[0].used);
    let entry = fake.log().pop().unwrap();
    assert_eq!(entry.access_key_id.as_deref(), Some(&*creds.access_key_id));
    let gov = "https://us-gov-west-1.console.amazonaws-us-gov.com/";
    let redirect = login(&fake, &token, Some(ISSUER), Some(gov));
    let console = follow(&fake, &redirect);
    assert_eq!(span(&console.body, "region"), "us-gov-west-1");

    let resp = login(&fake, &token, Some(ISSUER), Some(DESTINATION));
    assert_eq!(rejected(&fake, &resp), "InvalidSigninToken");
    assert!(resp.body.contains("already been used"), "{}", resp.body);

    let stale = token_of(&get_token(&fake, &creds_json(&creds), None));
    fake.expire_signin_tokens();
    let resp = login(&fake, &stale, Some(ISSUER), Some(DESTINATION));
    assert_eq!(rejected(&fake, &resp), "InvalidSigninToken");
    assert!(resp.body.contains("expired"), "{}", resp.body);
    // The console session opened earlier is unaffected.
    assert_eq!(follow(&fake, &redirect).status, 200);
    assert_eq!(
        send(&fake, "GET", "/console?d=nope", &[], "")
            .unwrap()
            .status,
        404
    );
    let used: Vec<_> = fake.console_signins().iter().map(|s| s.used).collect();
    assert_eq!(used, [true, false]);
}

#[test]
fn bad_actions_and_methods() {
    let fake = FakeAws::start(scenario());
    let resp = send(&fake, "GET", "/federation?Action=logout", &[], "").unwrap();
    assert_eq!(rejected(&fake, &resp), "InvalidAction");
    let resp = send(&fake, "GET", "/federation", &[], "").unwrap();
    assert_eq!(rejected(&fake, &resp), "MissingAction");
    let resp = send(&fake, "POST", "/federation?Action=login", &[], "").unwrap();
    assert_eq!(resp.status, 405);
    // No session id and no session cookie: not signed in.
    let resp = send(&fake, "GET", "/console", &[], "").unwrap();
    assert_eq!(resp.status, 401);
    let resp = send(&fake, "GET", "/oauth?Action=login", &[], "").unwrap();
    assert_eq!(rejected(&fake, &resp), "InvalidAction");
    let actions: Vec<_> = fake.log().into_iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        ["logout", "federation", "login", "console", "login"]
    );
}

#[test]
fn logout_clears_the_cookie_and_goes_on_only_to_the_emulators_own_pages() {
    let fake = FakeAws::start(scenario());
    let own = format!("{}/federation?Action=login&SigninToken=x", fake.url());
    let target = format!(
        "/oauth?Action=logout&redirect_uri={}",
        url::form_urlencoded::byte_serialize(own.as_bytes()).collect::<String>()
    );
    let cookie = [("Cookie", "fake-aws-console=nope")];
    let resp = send(&fake, "GET", &target, &cookie, "").unwrap();
    assert_eq!(resp.status, 302);
    assert_eq!(resp.header("Location"), Some(own.as_str()));
    assert!(
        resp.header("Set-Cookie").unwrap().contains("Max-Age=0"),
        "the session cookie is cleared"
    );
    let away = "/oauth?Action=logout&redirect_uri=https%3A%2F%2Fevil.example.com%2F";
    let resp = send(&fake, "GET", away, &[], "").unwrap();
    assert_eq!(resp.status, 200);
    assert!(resp.header("Location").is_none());
    let entry = fake.log().pop().unwrap();
    assert_eq!(entry.action, "logout");
    assert!(
        entry.params.keys().all(|k| k != "redirect_uri"),
        "the sign-in URL it carries is not logged"
    );
}

#[tokio::test]
async fn portal_and_container_role_credentials_are_not_chained() {
    let fake = FakeAws::start(sso_scenario(serde_json::json!({})));
    let sso_token = fake.issue_sso_token(3600, false);
    let out = portal(&fake)
        .get_role_credentials()
        .access_token(&sso_token.access_token)
        .account_id(DEV)
        .role_name("Admin")
        .send()
        .await
        .unwrap();
    let rc = out.role_credentials().unwrap();
    let session = session_json(
        rc.access_key_id().unwrap(),
        rc.secret_access_key().unwrap(),
        rc.session_token(),
    );
    let console = sign_in(&fake, &session, Some("43200"), DESTINATION);
    let role = fake.sso_role_arn(DEV, "Admin");
    let role = role.rsplit('/').next().unwrap();
    assert!(span(&console.body, "identity").contains(role));

    let auth = [("Authorization", "container-secret-token")];
    let resp = send(&fake, "GET", "/container-credentials", &auth, "").unwrap();
    let c: serde_json::Value = serde_json::from_str(&resp.body).unwrap();
    let field = |n: &str| c[n].as_str().unwrap().to_string();
    let session = session_json(
        &field("AccessKeyId"),
        &field("SecretAccessKey"),
        Some(&field("Token")),
    );
    let console = sign_in(&fake, &session, Some("43200"), DESTINATION);
    assert!(span(&console.body, "identity").contains("assumed-role/TaskRole/"));
}

#[test]
fn signin_faults() {
    let fake = FakeAws::start(scenario());
    let creds = creds_json(&fake.mint_role_session(DEPLOY, "faulty", 3600));
    let fault = Fault {
        throttle_every: Some(2),
        error_5xx_every: Some(3),
        drop_every: Some(5),
        latency_ms: 20,
    };
    fake.set_fault(Service::Signin, fault);
    let q = query(&[("Action", "getSigninToken"), ("Session", &creds)]);
    let target = format!("/federation?{q}");
    let statuses: Vec<_> = (0..5)
        .map(|_| send(&fake, "GET", &target, &[], "").map(|r| r.status))
        .collect();
    assert_eq!(statuses, [Some(200), Some(429), Some(500), Some(429), None]);
    let log: Vec<_> = fake
        .log()
        .into_iter()
        .map(|e| (e.service, e.action, e.status, e.error_code, e.access_key_id))
        .collect();
    assert_eq!(
        fake.console_signins().len(),
        1,
        "faulted requests issue no tokens"
    );
    let codes: Vec<_> = log.iter().map(|e| (e.2, e.3.as_deref())).collect();
    assert_eq!(
        codes,
        [
            (200, None),
            (429, Some("Throttling")),
            (500, Some("InternalFailure")),
            (429, Some("Throttling")),
            (0, Some("ConnectionDropped")),
        ]
    );
    // Faulted requests are still attributed to the Session's key.
    assert!(
        log.iter()
            .all(|e| e.0 == Service::Signin && e.1 == "getSigninToken")
    );
    assert!(log.iter().all(|e| e.4.is_some()));
    // STS keeps its own counter.
    fake.clear_log();
    let sts_resp = send(&fake, "GET", "/", &[], "").unwrap();
    assert_eq!(sts_resp.status, 403);
}
