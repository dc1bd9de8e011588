//! Console federation: getSigninToken → login → the stand-in console page,
//! driven over raw HTTP the way a client builds the URLs by hand.

use super::raw::{RawResponse, send};
use super::*;
use fake_aws::{ConsoleSignin, IssuedCreds, Service};
use url::form_urlencoded;

pub const ISSUER: &str = "https://broker.example.com/signin";
pub const DESTINATION: &str = "https://us-west-2.console.aws.amazon.com/ec2/home";

/// The `Session` JSON of a set of temporary credentials.
pub fn session_json(key: &str, secret: &str, token: Option<&str>) -> String {
    let mut v = serde_json::json!({ "sessionId": key, "sessionKey": secret });
    if let Some(t) = token {
        v["sessionToken"] = t.into();
    }
    v.to_string()
}

pub fn creds_json(c: &IssuedCreds) -> String {
    session_json(
        &c.access_key_id,
        &c.secret_access_key,
        Some(&c.session_token),
    )
}

pub fn sdk_creds_json(c: &aws_sdk_sts::types::Credentials) -> String {
    session_json(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token()),
    )
}

pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        q.append_pair(k, v);
    }
    q.finish()
}

/// `GET /federation?Action=getSigninToken…`.
pub fn get_token(fake: &FakeAws, session: &str, duration: Option<&str>) -> RawResponse {
    let mut pairs = vec![("Action", "getSigninToken")];
    if let Some(d) = duration {
        pairs.push(("SessionDuration", d));
    }
    pairs.push(("Session", session));
    let target = format!("/federation?{}", query(&pairs));
    send(fake, "GET", &target, &[], "").expect("federation answered")
}

/// The sign-in token of a successful getSigninToken answer.
pub fn token_of(resp: &RawResponse) -> String {
    assert_eq!(resp.status, 200, "{}", resp.body);
    let v: serde_json::Value = serde_json::from_str(&resp.body).unwrap();
    v["SigninToken"].as_str().unwrap().to_string()
}

/// `GET /federation?Action=login…`; `None` leaves a parameter out.
pub fn login(fake: &FakeAws, token: &str, issuer: Option<&str>, dest: Option<&str>) -> RawResponse {
    let mut pairs = vec![("Action", "login")];
    if let Some(i) = issuer {
        pairs.push(("Issuer", i));
    }
    if let Some(d) = dest {
        pairs.push(("Destination", d));
    }
    pairs.push(("SigninToken", token));
    let target = format!("/federation?{}", query(&pairs));
    send(fake, "GET", &target, &[], "").expect("federation answered")
}

/// Follows a login's redirect to the console page.
pub fn follow(fake: &FakeAws, redirect: &RawResponse) -> RawResponse {
    assert_eq!(redirect.status, 302, "{}", redirect.body);
    let location = redirect.header("Location").unwrap();
    let target = location.strip_prefix(&fake.url()).unwrap();
    assert!(target.starts_with("/console?d="), "{location}");
    send(fake, "GET", target, &[], "").expect("console answered")
}

/// Text of `<span id="ID">…</span>` on a page.
pub fn span(page: &str, id: &str) -> String {
    let open = format!("<span id=\"{id}\">");
    let start = page
        .find(&open)
        .unwrap_or_else(|| panic!("no #{id} in {page}"))
        + open.len();
    let len = page[start..].find("</span>").unwrap();
    page[start..start + len].to_string()
}

/// Full round trip for `creds`; returns the console page.
pub fn sign_in(fake: &FakeAws, session: &str, duration: Option<&str>, dest: &str) -> RawResponse {
    let token = token_of(&get_token(fake, session, duration));
    follow(fake, &login(fake, &token, Some(ISSUER), Some(dest)))
}

pub fn remaining(console: &RawResponse) -> i64 {
    span(&console.body, "remaining").parse().unwrap()
}

#[test]
fn role_session_signs_in_to_the_console() {
    let fake = FakeAws::start(scenario());
    let creds = fake.mint_role_session(DEPLOY, "console-user", 3600);
    let resp = get_token(&fake, &creds_json(&creds), None);
    assert!(
        resp.header("Content-Type")
            .unwrap()
            .starts_with("application/json")
    );
    let token = token_of(&resp);
    assert!(token.len() > 500, "{token}");

    let redirect = login(&fake, &token, Some(ISSUER), Some(DESTINATION));
    assert!(redirect.body.contains("/console?d="));
    let console = follow(&fake, &redirect);
    assert_eq!(console.status, 200);
    assert!(
        console
            .body
            .contains("<title>AWS Console (fake-aws)</title>")
    );
    let arn = "arn:aws:sts::222222222222:assumed-role/Deploy/console-user";
    assert_eq!(span(&console.body, "identity"), arn);
    assert_eq!(span(&console.body, "region"), "us-west-2");
    // No SessionDuration: a role's console session lasts 12 hours.
    assert!((43_198..=43_200).contains(&remaining(&console)));
    assert_eq!(span(&console.body, "destination"), DESTINATION);
    assert_eq!(span(&console.body, "issuer"), ISSUER);
    // A reload shows the same session.
    let again = follow(&fake, &redirect);
    assert_eq!(span(&again.body, "identity"), arn);

    assert_eq!(
        fake.console_signins(),
        [ConsoleSignin {
            caller_arn: arn.into(),
            session_duration: None,
            issuer: Some(ISSUER.into()),
            destination: Some(DESTINATION.into()),
            used: true,
        }]
    );
    assert!(fake.issued_secrets().contains(&token));
    let log = fake.log();
    let summary: Vec<_> = log
        .iter()
        .map(|e| (e.service, e.action.as_str(), e.status, e.error_code.clone()))
        .collect();
    let s = Service::Signin;
    assert_eq!(
        summary,
        [
            (s, "getSigninToken", 200, None),
            (s, "login", 302, None),
            (s, "console", 200, None),
            (s, "console", 200, None),
        ]
    );
    for e in &log {
        assert_eq!(e.access_key_id.as_deref(), Some(&*creds.access_key_id));
        assert_eq!(e.caller_arn.as_deref(), Some(arn));
        let text = format!("{:?} {}", e.params, e.summary());
        for secret in [&token, &creds.secret_access_key, &creds.session_token] {
            assert!(!text.contains(secret.as_str()), "{text}");
        }
    }
    assert_eq!(log[0].params.keys().collect::<Vec<_>>(), ["Action"]);
    assert_eq!(log[1].params["Issuer"], ISSUER);
    assert_eq!(log[1].params["Destination"], DESTINATION);
    assert!(!log[1].params.contains_key("SigninToken"));
    assert!(log[2].params.is_empty());
}

#[test]
fn session_duration_is_recorded_and_sets_the_console_lifetime() {
    let fake = FakeAws::start(scenario());
    let creds = fake.mint_role_session(DEPLOY, "timed", 900);
    let dest = "https://console.aws.amazon.com/s3/home?region=eu-central-1#x";
    let console = sign_in(&fake, &creds_json(&creds), Some("1800"), dest);
    assert!((1798..=1800).contains(&remaining(&console)));
    assert_eq!(span(&console.body, "region"), "eu-central-1");
    assert_eq!(fake.log()[0].params["SessionDuration"], "1800");
    assert_eq!(fake.console_signins()[0].session_duration, Some(1800));

    // Service consoles have no region in the host name.
    let console = sign_in(
        &fake,
        &creds_json(&creds),
        Some("900"),
        "https://s3.console.aws.amazon.com/s3/buckets",
    );
    assert_eq!(span(&console.body, "region"), "us-east-1");
    assert!((898..=900).contains(&remaining(&console)));

    // AWS also takes the Session in a form body, for very long tokens.
    let body = query(&[
        ("Action", "getSigninToken"),
        ("SessionDuration", "43200"),
        ("Session", &creds_json(&creds)),
    ]);
    let ct = [("Content-Type", "application/x-www-form-urlencoded")];
    let resp = send(&fake, "POST", "/federation", &ct, &body).unwrap();
    token_of(&resp);
    let signins = fake.console_signins();
    assert_eq!(signins[2].session_duration, Some(43200));
    assert!(!signins[2].used);
    assert_eq!(
        fake.log().last().unwrap().params["SessionDuration"],
        "43200"
    );

    for bad in ["899", "43201", "3600.5", "", "1h"] {
        let resp = get_token(&fake, &creds_json(&creds), Some(bad));
        assert_eq!(resp.status, 400, "{bad}");
        let entry = fake.log().pop().unwrap();
        assert_eq!(entry.error_code.as_deref(), Some("InvalidSessionDuration"));
        assert_eq!(entry.params["SessionDuration"], bad);
    }
    assert_eq!(fake.console_signins().len(), 3);
}

#[tokio::test]
async fn chained_sessions_are_capped_at_one_hour() {
    let fake = FakeAws::start(scenario());
    let hop1 = alice(&fake)
        .assume_role()
        .role_arn(DEPLOY)
        .role_session_name("hop1")
        .send()
        .await
        .unwrap();
    let hop1 = hop1.credentials().unwrap();
    // A role assumed with user keys is not chained.
    token_of(&get_token(&fake, &sdk_creds_json(hop1), Some("7200")));

    let hop2 = client_for(&fake, hop1)
        .assume_role()
        .role_arn(READONLY)
        .role_session_name("hop2")
        .send()
        .await
        .unwrap();
    let hop2 = sdk_creds_json(hop2.credentials().unwrap());
    let resp = get_token(&fake, &hop2, Some("7200"));
    assert_eq!(resp.status, 400);
    assert!(resp.body.contains("role chaining"), "{}", resp.body);
    let entry = fake.log().pop().unwrap();
    assert_eq!(entry.error_code.as_deref(), Some("InvalidSessionDuration"));
    let hop2_arn = "arn:aws:sts::333333333333:assumed-role/ReadOnly/hop2";
    assert_eq!(entry.caller_arn.as_deref(), Some(hop2_arn));

    let console = sign_in(&fake, &hop2, Some("3600"), DESTINATION);
    assert_eq!(span(&console.body, "identity"), hop2_arn);
    assert!((3598..=3600).contains(&remaining(&console)));
    // Without SessionDuration the chained cap applies to the default too.
    let console = sign_in(&fake, &hop2, None, DESTINATION);
    assert!((3598..=3600).contains(&remaining(&console)));
    let durations: Vec<_> = fake
        .console_signins()
        .iter()
        .map(|s| s.session_duration)
        .collect();
    assert_eq!(durations, [Some(7200), Some(3600), None]);
}

#[tokio::test]
async fn federation_tokens_keep_their_own_lifetime() {
    let fake = FakeAws::start(scenario());
    let fed = alice(&fake)
        .get_federation_token()
        .name("bob")
        .duration_seconds(7200)
        .send()
        .await
        .unwrap();
    let session = sdk_creds_json(fed.credentials().unwrap());
    let resp = get_token(&fake, &session, Some("3600"));
    assert_eq!(resp.status, 400);
    assert!(resp.body.contains("GetFederationToken"), "{}", resp.body);
    assert_eq!(
        fake.log().pop().unwrap().error_code.as_deref(),
        Some("InvalidSessionDuration")
    );

    let console = sign_in(&fake, &session, None, DESTINATION);
    let arn = "arn:aws:sts::111111111111:federated-user/bob";
    assert_eq!(span(&console.body, "identity"), arn);
    assert!((7190..=7200).contains(&remaining(&console)));
    assert_eq!(fake.console_signins().len(), 1);
}
