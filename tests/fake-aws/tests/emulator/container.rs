//! Container credentials endpoint, directly and through aws-config's provider.

use super::raw::send;
use super::*;
use aws_credential_types::provider::ProvideCredentials;
use std::process::Command;

const TOKEN: &str = "container-secret-token";
/// Set in the child process that runs the aws-config provider.
const CHILD_ENV: &str = "FAKE_AWS_ECS_CHILD";

#[tokio::test]
async fn auth_token_and_credentials() {
    let fake = FakeAws::start(scenario());
    let path = "/container-credentials";
    assert_eq!(send(&fake, "GET", path, &[], "").unwrap().status, 401);
    let wrong = [("Authorization", "nope")];
    assert_eq!(send(&fake, "GET", path, &wrong, "").unwrap().status, 401);
    let ok = send(&fake, "GET", path, &[("Authorization", TOKEN)], "").unwrap();
    assert_eq!(ok.status, 200);
    let json: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
    assert_eq!(json["RoleArn"], "arn:aws:iam::111111111111:role/TaskRole");
    let id = sts(
        &fake,
        json["AccessKeyId"].as_str().unwrap(),
        json["SecretAccessKey"].as_str().unwrap(),
        json["Token"].as_str(),
    )
    .get_caller_identity()
    .send()
    .await
    .unwrap();
    assert!(id.arn().unwrap().contains(":assumed-role/TaskRole/"));
    assert_eq!(fake.container_uri(), format!("{}{path}", fake.url()));
    let codes: Vec<_> = fake.log().into_iter().map(|e| e.status).collect();
    assert_eq!(codes, [401, 401, 200, 200]);
}

/// aws-config reads the container settings from the process environment
/// only, so the provider runs in a child copy of this test binary rather than
/// mutating this (multi-threaded) process's environment.
#[test]
fn aws_config_ecs_provider() {
    let fake = FakeAws::start(scenario());
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["container::ecs_provider_child", "--exact", "--nocapture"])
        .env(CHILD_ENV, "1")
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake.container_uri())
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN)
        .env("AWS_ENDPOINT_URL_STS", fake.url())
        .output()
        .unwrap();
    // Captured so the child's own "test result" line does not confuse readers of this run.
    assert!(
        out.status.success(),
        "child failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let log = fake.log();
    let actions: Vec<_> = log.iter().map(|e| (e.action.as_str(), e.status)).collect();
    assert_eq!(
        actions,
        [
            ("GET /container-credentials", 200),
            ("GetCallerIdentity", 200)
        ]
    );
}

#[tokio::test]
async fn ecs_provider_child() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let provider = aws_config::ecs::EcsCredentialsProvider::builder().build();
    let creds = provider.provide_credentials().await.unwrap();
    let url = std::env::var("AWS_ENDPOINT_URL_STS").unwrap();
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(creds)
        .build();
    let id = aws_sdk_sts::Client::from_conf(conf)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert!(id.arn().unwrap().contains(":assumed-role/TaskRole/"));
}
