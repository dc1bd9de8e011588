//! IAM Identity Center: sign-in flows, token sources, the shared cache, refresh.

use fake_aws::{Service, SsoToken};

use crate::harness::*;
pub const ACCT: &str = "111111111111";

pub fn admin_arn(w: &World) -> String {
    let role = w.fake.sso_role_arn(ACCT, "Admin");
    let name = role.rsplit('/').next().unwrap().to_string();
    format!("arn:aws:sts::{ACCT}:assumed-role/{name}/alice@example.com")
}

pub fn role_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "getcallerid",
        "--sso-acct-id",
        ACCT,
        "--sso-role-name",
        "Admin",
    ];
    v.extend_from_slice(extra);
    v
}

/// An AWS CLI-format cache document for a token the emulator issued.
pub fn cache_json(t: &SsoToken, region: &str) -> String {
    let mut v = serde_json::json!({
        "startUrl": START_URL,
        "region": region,
        "accessToken": t.access_token,
        "expiresAt": t.expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "clientId": t.client_id,
        "clientSecret": t.client_secret,
        "registrationExpiresAt": t.registration_expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "somethingElse": {"kept": true},
    });
    if let Some(r) = &t.refresh_token {
        v["refreshToken"] = r.clone().into();
    }
    v.to_string()
}

pub fn oidc_actions(w: &World) -> Vec<String> {
    w.fake
        .log()
        .into_iter()
        .filter(|e| e.service == Service::SsoOidc)
        .map(|e| match e.params.get("grantType") {
            Some(g) => format!("{}:{g}", e.action),
            None => e.action,
        })
        .collect()
}

pub fn refreshes(w: &World) -> usize {
    oidc_actions(w)
        .iter()
        .filter(|a| a.ends_with(":refresh_token"))
        .count()
}

#[test]
fn sso_role_credentials_can_hop_on_to_further_roles_and_keep_their_expiry() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&role_args(&[
            "--sso-access-token",
            &t.access_token,
            "--assume-roles",
            FROM_SSO,
        ]))
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/FromSso/aws-login"
    );
    let mut args = role_args(&["--sso-access-token", &t.access_token, "--credential-helper"]);
    args[0] = "dumpcreds";
    let creds = w.cmd(&args).run();
    creds.ok();
    assert!(
        creds.json()["Expiration"].is_string(),
        "role credentials keep their expiration"
    );
}

#[test]
fn an_external_cache_file_is_used_refreshed_in_memory_and_never_rewritten() {
    let w = World::new();
    let t = w.fake.issue_sso_token(60, true); // expires within 5 minutes: refresh
    let path = w.write("cli-cache.json", &cache_json(&t, "us-east-1"));
    let before = std::fs::read_to_string(&path).unwrap();
    let out = w
        .cmd(&role_args(&[
            "--accesstoken-cache",
            &format!("file://{}", path.display()),
        ]))
        .run();
    out.ok();
    assert_eq!(refreshes(&w), 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // Inline JSON works too.
    let t2 = w.fake.issue_sso_token(3600, false);
    w.cmd(&role_args(&[
        "--accesstoken-cache",
        &cache_json(&t2, "us-east-1"),
    ]))
    .run()
    .ok();
}

#[test]
fn use_cache_reads_the_cached_token_without_signing_in() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    w.write(".aws/sso/cache/x", "");
    std::fs::write(w.sso_cache_file("corp"), cache_json(&t, "us-east-1")).unwrap();
    let out = w
        .cmd(&role_args(&[
            "--use-cache",
            "--sso-session-name",
            "corp",
            "--start-url",
            START_URL,
        ]))
        .env("BROWSER", &w.idle_browser())
        .run();
    out.ok();
    assert!(
        oidc_actions(&w).is_empty(),
        "no sign-in, no refresh: {:?}",
        oidc_actions(&w)
    );
    // Without --start-url or a session name: the most recent sign-in.
    let out = w.cmd(&role_args(&["--use-cache"])).run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
}

#[test]
fn the_cache_region_wins_over_sso_region_with_a_notice() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&role_args(&[
            "--accesstoken-cache",
            &cache_json(&t, "us-east-1"),
            "--sso-region",
            "eu-west-1",
        ]))
        .run();
    out.ok();
    assert!(
        out.stderr
            .contains("using SSO region us-east-1 from the token cache"),
        "{}",
        out.stderr
    );
}

#[test]
fn importcache_stores_an_aws_cli_cache_file_under_its_key() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    let src = w.write("exported.json", &cache_json(&t, "us-east-1"));
    let out = w
        .cmd(&[
            "importcache",
            "--accesstoken-cache",
            &format!("file://{}", src.display()),
        ])
        .run();
    out.ok();
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "");
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w.sso_cache_file(START_URL)).unwrap())
            .unwrap();
    let original: serde_json::Value = serde_json::from_str(&cache_json(&t, "us-east-1")).unwrap();
    assert_eq!(stored, original);
    // Usable afterwards through the shared cache.
    w.cmd(&role_args(&["--use-cache", "--start-url", START_URL]))
        .run()
        .ok();

    let bare = serde_json::json!({"startUrl": START_URL, "region": "us-east-1", "accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z"});
    let out = w
        .cmd(&[
            "importcache",
            "--accesstoken-cache",
            &bare.to_string(),
            "--sso-session-name",
            "bare",
        ])
        .run();
    out.ok();
    assert!(out.stderr.contains("cannot be refreshed"), "{}", out.stderr);
    assert!(w.sso_cache_file("bare").exists());
}

#[test]
fn the_aws_cli_uses_the_token_aws_login_cached_without_a_second_sign_in() {
    if !have("aws") {
        return;
    }
    let w = World::new();
    w.write(
        ".aws/config",
        &format!(
            "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n\
             [profile dev-admin]\nsso_session = corp\nsso_account_id = {ACCT}\nsso_role_name = Admin\nregion = us-east-1\n"
        ),
    );
    let signin = w
        .cmd(&role_args(&[
            "--start-url",
            START_URL,
            "--use-cache",
            "--sso-session-name",
            "corp",
        ]))
        .env("BROWSER", &w.fetching_browser())
        .run();
    signin.ok();
    let before = oidc_actions(&w).len();
    let arn = w.aws_cli_arn("dev-admin");
    assert_eq!(arn, admin_arn(&w).as_str());
    assert_eq!(
        oidc_actions(&w).len(),
        before,
        "the CLI needed no sign-in or refresh"
    );
}

#[test]
fn sso_bad_inputs_are_clear_errors_that_write_nothing() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    let other = cache_json(&t, "us-east-1").replace(START_URL, "https://other.awsapps.com/start");
    // The token given is not of its kind: exit 2; no token, or not the one asked for: 1.
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec!["--accesstoken-cache".into(), "not json".into()],
            2,
            "not valid JSON",
        ),
        (
            vec!["--accesstoken-cache".into(), "[1, 2]".into()],
            2,
            "JSON object",
        ),
        (
            vec![
                "--accesstoken-cache".into(),
                r#"{"expiresAt": "2030-01-01T00:00:00Z"}"#.into(),
            ],
            2,
            "accessToken",
        ),
        (
            vec![
                "--accesstoken-cache".into(),
                "file:///nonexistent/cache.json".into(),
            ],
            2,
            "cannot read",
        ),
        (vec!["--use-cache".into()], 1, "no SSO token is cached"),
        (
            vec![
                "--accesstoken-cache".into(),
                other,
                "--start-url".into(),
                START_URL.into(),
            ],
            1,
            "not --start-url",
        ),
    ];
    for (extra, code, needle) in cases {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        eprintln!("case: {extra:?}");
        w.cmd(&role_args(&extra)).run().fails(code, needle);
    }
    let forbidden = w.fake.issue_sso_token(3600, false);
    w.cmd(&[
        "getcallerid",
        "--sso-access-token",
        &forbidden.access_token,
        "--sso-acct-id",
        "222222222222",
        "--sso-role-name",
        "ReadOnly",
    ])
    .run()
    .fails(1, "ForbiddenException");
    for bad in [
        "not json",
        "{}",
        r#"{"accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z", "region": "us-east-1"}"#,
    ] {
        w.cmd(&["importcache", "--accesstoken-cache", bad])
            .run()
            .fails(2, "--accesstoken-cache");
    }
    let cache_dir = w.home().join(".aws/sso/cache");
    let written: Vec<_> = std::fs::read_dir(&cache_dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
}
