//! Benchmark helper, not installed: the least a program built on the Rust SDK does for a
//! 2-hop chain. It makes the same calls as `aws-login getcallerid --fresh --assume-roles
//! A,B` (AssumeRole, AssumeRole, GetCallerIdentity) with `aws-sdk-sts` and nothing else: no
//! argument parser, no configuration files, no cache, a plain-HTTP connector (no trust
//! store), one thread. `scripts/bench` sets it beside the raw floor, so the share of the
//! cost that belongs to the SDK itself is measured, not guessed.
//!
//! Usage: sdk_floor ROLE_ARN,ROLE_ARN (keys, region and AWS_ENDPOINT_URL_STS from the env).

use aws_sdk_sts::config::{BehaviorVersion, Credentials, Region};

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(arn) => {
            println!("{arn}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sdk_floor: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<String, String> {
    let var = |k: &str| std::env::var(k).map_err(|_| format!("{k} is not set"));
    let chain = std::env::args().nth(1).ok_or("usage: sdk_floor ARN,ARN")?;
    let endpoint = var("AWS_ENDPOINT_URL_STS")?;
    let http = aws_smithy_http_client::Builder::new().build_http();
    let client = |creds: Credentials| {
        let conf = aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .endpoint_url(&endpoint)
            .http_client(http.clone())
            .credentials_provider(creds)
            .build();
        aws_sdk_sts::Client::from_conf(conf)
    };
    let err = |e: &dyn std::error::Error| e.to_string();
    let keys = |id: &str, secret: &str, token: Option<String>| {
        Credentials::new(id, secret, token, None, "sdk_floor")
    };
    let mut creds = keys(
        &var("AWS_ACCESS_KEY_ID")?,
        &var("AWS_SECRET_ACCESS_KEY")?,
        None,
    );
    for arn in chain.split(',') {
        let out = client(creds)
            .assume_role()
            .role_arn(arn)
            .role_session_name("bench")
            .send()
            .await
            .map_err(|e| err(&e))?;
        let c = out
            .credentials()
            .ok_or("AssumeRole returned no credentials")?;
        creds = keys(
            c.access_key_id(),
            c.secret_access_key(),
            Some(c.session_token().to_string()),
        );
    }
    let me = client(creds)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| err(&e))?;
    Ok(me.arn().unwrap_or_default().to_string())
}
