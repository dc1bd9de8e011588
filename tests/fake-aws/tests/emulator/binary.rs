//! The `fake-aws` binary with the shipped demo scenario, and server shutdown.

use super::raw::send;
use super::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn binary_prints_exports_and_serves_demo() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/demo.json");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-aws"))
        .args(["--scenario", demo])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let exports: Vec<String> = (0..5).map(|_| lines.next().unwrap().unwrap()).collect();
    let url = exports[0]
        .strip_prefix("export AWS_ENDPOINT_URL_STS='")
        .and_then(|s| s.strip_suffix('\''))
        .unwrap()
        .to_string();
    for (line, name) in exports.iter().zip([
        "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL_SSO",
        "AWS_ENDPOINT_URL_SSO_OIDC",
        "AWS_ENDPOINT_URL_SIGNIN",
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    ]) {
        assert_eq!(*line, format!("export {name}='{url}'"));
    }
    let creds = aws_sdk_sts::config::Credentials::new(
        "AKIAALICEDEMO0000001",
        "alice-demo-secret-0000000000000000000000",
        None,
        None,
        "demo",
    );
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new("us-east-1"))
        .endpoint_url(&url)
        .credentials_provider(creds)
        .build();
    let out = aws_sdk_sts::Client::from_conf(conf)
        .assume_role()
        .role_arn("arn:aws:iam::222222222222:role/Deploy")
        .role_session_name("demo")
        .send()
        .await;
    // The demo scenario has a portal too.
    let oidc_conf = aws_sdk_ssooidc::Config::builder()
        .behavior_version(aws_sdk_ssooidc::config::BehaviorVersion::latest())
        .region(aws_sdk_ssooidc::config::Region::new("us-east-1"))
        .endpoint_url(&url)
        .build();
    let registered = aws_sdk_ssooidc::Client::from_conf(oidc_conf)
        .register_client()
        .client_name("demo")
        .client_type("public")
        .send()
        .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let arn = out.unwrap().assumed_role_user().unwrap().arn().to_string();
    assert_eq!(arn, "arn:aws:sts::222222222222:assumed-role/Deploy/demo");
    assert!(registered.unwrap().client_id().is_some());
}

#[test]
fn drop_stops_the_server() {
    let fake = FakeAws::start(scenario());
    let url = fake.url();
    // An idle keep-alive connection must not keep the server alive.
    let idle = std::net::TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    assert!(send(&fake, "GET", "/container-credentials", &[], "").is_some());
    drop(fake);
    assert!(std::net::TcpStream::connect(url.trim_start_matches("http://")).is_err());
    drop(idle);
}
