//! Real clients as the child: boto3, the aws CLI, and the Rust SDK's default chain, each
//! reading its identity through the endpoint (the emulator checks the signature).

use super::*;

const DEPLOY_SESSION: &str = "arn:aws:sts::222222222222:assumed-role/Deploy/aws-login";

/// The Rust SDK client example, built by `cargo test` (all targets) next to this binary.
fn sdk_client() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.parent()?.join("examples/sdk_client");
    path.is_file().then_some(path)
}

fn child_reads_identity(w: &World, program: &[&str]) {
    child_reads_identity_through(w, &[], program);
}

/// The same, with `extra` options for `runas --serve` (`--imds`).
fn child_reads_identity_through(w: &World, extra: &[&str], program: &[&str]) {
    let mut argv = vec!["runas", "--serve"];
    argv.extend_from_slice(extra);
    argv.extend(["--assume-roles", DEPLOY, "--region", "eu-west-1", "--"]);
    argv.extend_from_slice(program);
    let out = w.alice(&argv).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(DEPLOY_SESSION), "{}", out.stdout);
    let last = w.last_call("GetCallerIdentity");
    assert_eq!(last.status, 200);
    assert_eq!(last.caller_arn.as_deref(), Some(DEPLOY_SESSION));
    assert_eq!(last.region.as_deref(), Some("eu-west-1"));
}

#[test]
fn a_boto3_child_reads_its_identity_through_the_endpoint() {
    if !have("python3") {
        return;
    }
    let w = World::new();
    let script = "import boto3; s = boto3.Session(); \
        assert s.get_credentials().method == 'container-role', s.get_credentials().method; \
        print(s.client('sts').get_caller_identity()['Arn'])";
    child_reads_identity(&w, &["python3", "-c", script]);
}

#[test]
fn an_aws_cli_child_reads_its_identity_through_the_endpoint() {
    if !have("aws") {
        return;
    }
    let w = World::new();
    let aws = which("aws").unwrap();
    child_reads_identity(
        &w,
        &[
            aws.to_str().unwrap(),
            "sts",
            "get-caller-identity",
            "--output",
            "json",
        ],
    );
}

#[test]
fn a_rust_sdk_child_reads_its_identity_through_the_endpoint() {
    let client = sdk_client();
    if !require_tool(
        client.is_some(),
        "examples/sdk_client",
        "not built (cargo test builds it)",
    ) {
        return;
    }
    let w = World::new();
    child_reads_identity(&w, &[client.unwrap().to_str().unwrap()]);
}

#[test]
fn a_rust_sdk_child_reads_its_identity_through_instance_metadata() {
    let client = sdk_client();
    if !require_tool(
        client.is_some(),
        "examples/sdk_client",
        "not built (cargo test builds it)",
    ) {
        return;
    }
    let w = World::new();
    child_reads_identity_through(&w, &["--imds"], &[client.unwrap().to_str().unwrap()]);
}
