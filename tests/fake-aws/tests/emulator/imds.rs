//! IMDSv2: token handshake, role listing, credentials usable with STS.

use super::raw::send;
use super::*;
use aws_config::imds;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_credential_types::provider::ProvideCredentials;
use fake_aws::Service;

const CREDS: &str = "/latest/meta-data/iam/security-credentials/";

#[test]
fn token_is_required() {
    let fake = FakeAws::start(scenario());
    assert_eq!(send(&fake, "GET", CREDS, &[], "").unwrap().status, 401);
    let bogus = [("X-aws-ec2-metadata-token", "bogus")];
    assert_eq!(send(&fake, "GET", CREDS, &bogus, "").unwrap().status, 401);
    assert_eq!(
        send(&fake, "PUT", "/latest/api/token", &[], "")
            .unwrap()
            .status,
        400
    );

    let ttl = [("X-aws-ec2-metadata-token-ttl-seconds", "60")];
    let token = send(&fake, "PUT", "/latest/api/token", &ttl, "").unwrap();
    assert_eq!(token.status, 200);
    assert_eq!(
        token.header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("60")
    );
    let auth = [("X-aws-ec2-metadata-token", token.body.as_str())];
    let list = send(&fake, "GET", CREDS, &auth, "").unwrap();
    assert_eq!((list.status, list.body.as_str()), (200, "Ec2Role"));
    let creds = send(&fake, "GET", &format!("{CREDS}Ec2Role"), &auth, "").unwrap();
    let json: serde_json::Value = serde_json::from_str(&creds.body).unwrap();
    assert_eq!(json["Code"], "Success");
    assert_eq!(json["Type"], "AWS-HMAC");
    for field in [
        "AccessKeyId",
        "SecretAccessKey",
        "Token",
        "Expiration",
        "LastUpdated",
    ] {
        assert!(json[field].is_string(), "{field}");
    }
    let other = send(&fake, "GET", &format!("{CREDS}Other"), &auth, "").unwrap();
    assert_eq!(other.status, 404);

    let log = fake.log();
    assert!(log.iter().all(|e| e.service == Service::Imds));
    assert_eq!(log[0].action, format!("GET {CREDS}"));
    assert_eq!(log[0].error_code.as_deref(), Some("Unauthorized"));
    assert_eq!(log[3].action, "PUT /latest/api/token");
}

#[tokio::test]
async fn aws_config_provider_gets_working_credentials() {
    let fake = FakeAws::start(scenario());
    let client = imds::Client::builder()
        .endpoint(fake.url())
        .unwrap()
        .build();
    let provider = ImdsCredentialsProvider::builder()
        .imds_client(client)
        .build();
    let creds = provider.provide_credentials().await.unwrap();
    let id = sts(
        &fake,
        creds.access_key_id(),
        creds.secret_access_key(),
        creds.session_token(),
    )
    .get_caller_identity()
    .send()
    .await
    .unwrap();
    assert_eq!(
        id.arn(),
        Some("arn:aws:sts::111111111111:assumed-role/Ec2Role/i-0fake0instance00001")
    );
    // Same session until it nears expiry, then a fresh one.
    let again = provider.provide_credentials().await.unwrap();
    assert_eq!(again.access_key_id(), creds.access_key_id());
    fake.expire_all_sessions();
    let fresh = provider.provide_credentials().await.unwrap();
    assert_ne!(fresh.access_key_id(), creds.access_key_id());
}

#[test]
fn no_instance_profile_means_404() {
    let fake = FakeAws::start(Scenario::default());
    let ttl = [("X-aws-ec2-metadata-token-ttl-seconds", "60")];
    let token = send(&fake, "PUT", "/latest/api/token", &ttl, "")
        .unwrap()
        .body;
    let auth = [("X-aws-ec2-metadata-token", token.as_str())];
    assert_eq!(send(&fake, "GET", CREDS, &auth, "").unwrap().status, 404);
}
