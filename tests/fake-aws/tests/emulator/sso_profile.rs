//! aws-config's own SSO credentials provider against the emulator: an
//! `[sso-session]` profile plus an AWS-CLI-format token cache file, with and
//! without a token refresh. aws-config finds the cache through `HOME`, which a
//! test cannot change in its own (multi-threaded) process, so the provider
//! runs in a child process of this test binary.

use super::sso_common::*;
use super::*;
use chrono::SecondsFormat;
use fake_aws::{Service, SsoToken};
use serde_json::json;
use std::process::Command;

const SESSION: &str = "fake-session";
/// `sha1("fake-session")`: the CLI names cache files after the session name.
const CACHE_FILE: &str = "486b7b3960bb50406d90e0bf64b6d476d878f532.json";
const CHILD_ENV: &str = "FAKE_AWS_SSO_PROFILE_CHILD";

fn write_profile(home: &std::path::Path, token: &SsoToken) -> std::path::PathBuf {
    let aws = home.join(".aws");
    std::fs::create_dir_all(aws.join("sso/cache")).unwrap();
    let config = format!(
        "[profile P]\nsso_session = {SESSION}\nsso_account_id = {DEV}\nsso_role_name = Admin\n\
         region = us-east-1\n\n[sso-session {SESSION}]\nsso_start_url = {START_URL}\n\
         sso_region = us-east-1\nsso_registration_scopes = {SCOPE}\n"
    );
    std::fs::write(aws.join("config"), config).unwrap();
    let time = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut cache = json!({
        "startUrl": START_URL,
        "region": "us-east-1",
        "accessToken": token.access_token,
        "expiresAt": time(token.expires_at),
        "clientId": token.client_id,
        "clientSecret": token.client_secret,
        "registrationExpiresAt": time(token.registration_expires_at),
    });
    if let Some(rt) = &token.refresh_token {
        cache["refreshToken"] = rt.as_str().into();
    }
    let path = aws.join("sso/cache").join(CACHE_FILE);
    std::fs::write(&path, cache.to_string()).unwrap();
    path
}

/// Runs the child test with HOME at `home`; returns its stdout.
fn run_child(fake: &FakeAws, home: &std::path::Path) -> String {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "sso_profile::child_resolves_profile",
        "--exact",
        "--nocapture",
    ])
    .env_clear()
    .env(CHILD_ENV, "1")
    .env("HOME", home)
    .env("AWS_CONFIG_FILE", home.join(".aws/config"))
    .env("AWS_SHARED_CREDENTIALS_FILE", home.join(".aws/credentials"))
    .env("AWS_PROFILE", "P");
    for (k, v) in fake.endpoint_env() {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "child failed:\n{stdout}\n{stderr}");
    stdout
}

#[test]
fn aws_config_sso_profile_gets_portal_credentials() {
    let fake = FakeAws::start(sso_scenario(json!({})));
    let home = tempfile::tempdir().unwrap();
    let role = fake.sso_role_arn(DEV, "Admin");
    let role_name = role.rsplit('/').next().unwrap();
    let arn = format!("arn:aws:sts::{DEV}:assumed-role/{role_name}/{SSO_USER}");

    write_profile(home.path(), &fake.issue_sso_token(3600, false));
    let stdout = run_child(&fake, home.path());
    assert!(stdout.contains(&format!("CALLER={arn}")), "{stdout}");
    let actions: Vec<_> = fake.log().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["GetRoleCredentials", "GetCallerIdentity"]);

    // Expired but refreshable: aws-config refreshes through SSO OIDC and
    // writes the rotated tokens back to the cache file.
    fake.clear_log();
    let expired = fake.issue_sso_token(-60, true);
    let cache = write_profile(home.path(), &expired);
    let stdout = run_child(&fake, home.path());
    assert!(stdout.contains(&format!("CALLER={arn}")), "{stdout}");
    let log = fake.log();
    let refresh = &log[0];
    assert_eq!(
        (refresh.service, refresh.action.as_str(), refresh.status),
        (Service::SsoOidc, "CreateToken", 200)
    );
    assert_eq!(refresh.params["grantType"], "refresh_token");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(cache).unwrap()).unwrap();
    assert_ne!(saved["accessToken"], expired.access_token.as_str());
    assert_ne!(
        saved["refreshToken"],
        expired.refresh_token.unwrap().as_str()
    );
}

/// The child half of the test above; does nothing unless spawned by it.
#[tokio::test]
async fn child_resolves_profile() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let conf = aws_config::defaults(BehaviorVersion::latest()).load().await;
    let me = aws_sdk_sts::Client::new(&conf)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    println!("CALLER={}", me.arn().unwrap());
}
