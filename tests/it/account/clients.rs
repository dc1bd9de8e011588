//! Real clients read the account: boto3 from aws-login's credential_process and from its
//! endpoint, aws-config from the credential_process JSON.

use super::*;

/// A profile whose credentials are aws-login's credential_process for Deploy.
fn helper_profile(w: &World) {
    w.write(
        ".aws/config",
        &format!(
            "[profile via-helper]\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY}\nregion = eu-west-1\n"
        ),
    );
}

#[test]
fn boto3_reads_the_account_from_the_credential_process() {
    if !have("python3") {
        return;
    }
    let w = World::new().with_user_profiles();
    helper_profile(&w);
    let script = "import boto3; s = boto3.Session(profile_name='via-helper'); c = s.get_credentials(); \
        f = c.get_frozen_credentials(); \
        print(c.method, f.account_id, c.account_id); \
        print(s.client('sts').get_caller_identity()['Account'])";
    let out = w
        .cmd(&["-c", script])
        .program(which("python3").unwrap())
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("custom-process {DEPLOY_ACCOUNT} {DEPLOY_ACCOUNT}\n{DEPLOY_ACCOUNT}\n")
    );
}

#[test]
fn boto3_reads_the_account_from_the_endpoint() {
    if !have("python3") {
        return;
    }
    let w = World::new();
    let script = "import boto3, os; c = boto3.Session().get_credentials(); \
        print(c.method, c.get_frozen_credentials().account_id, os.environ['AWS_ACCOUNT_ID'])";
    let out = w
        .alice(&[
            "runas",
            "--serve",
            "--assume-roles",
            DEPLOY,
            "--",
            "python3",
            "-c",
            script,
        ])
        .env("AWS_ACCOUNT_ID", ALICE_ACCOUNT)
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("container-role {DEPLOY_ACCOUNT} {DEPLOY_ACCOUNT}\n")
    );
}

#[test]
fn aws_config_reads_the_account_from_the_credential_process() {
    use aws_credential_types::provider::ProvideCredentials;

    let w = World::new().with_user_profiles();
    // The provider runs the command in this process's environment: the script gives it
    // the world's.
    let mut env = format!(
        "HOME='{}' AWS_CONFIG_FILE='{}' AWS_SHARED_CREDENTIALS_FILE='{}' PATH=\"$PATH\"",
        w.home().display(),
        w.config_path().display(),
        w.credentials_path().display()
    );
    for (k, v) in w.fake.endpoint_env() {
        env.push_str(&format!(" {k}='{v}'"));
    }
    let command = w.executable(
        "helper",
        &format!(
            "#!/bin/sh\nexec env -i {env} '{BIN}' dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY}\n"
        ),
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let creds = rt
        .block_on(
            aws_config::credential_process::CredentialProcessProvider::new(command)
                .provide_credentials(),
        )
        .expect("aws-config takes aws-login's document");
    assert!(creds.access_key_id().starts_with("ASIA"));
    assert_eq!(creds.account_id().map(|a| a.as_str()), Some(DEPLOY_ACCOUNT));
}
