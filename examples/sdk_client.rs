//! Test helper, not installed: the Rust SDK's default credential chain (aws-config), as
//! any Rust program has it, calling STS GetCallerIdentity and printing the ARN. The
//! integration tests run it as a child of `runas --serve`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let config = aws_config::load_from_env().await;
    let sts = aws_sdk_sts::Client::new(&config);
    match sts.get_caller_identity().send().await {
        Ok(out) => {
            println!("{}", out.arn().unwrap_or_default());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sdk_client: {}", aws_sdk_sts::error::DisplayErrorContext(e));
            std::process::ExitCode::FAILURE
        }
    }
}
