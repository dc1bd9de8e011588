//! Interop with software we did not write: the aws CLI (botocore) and moto's STS.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::*;

#[test]
fn the_aws_cli_uses_credential_helper_output_through_credential_process() {
    if !have("aws") {
        return;
    }
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile helper]\nregion = us-east-1\ncredential_process = {BIN} dumpcreds --credential-helper --profile alice --assume-roles {DEPLOY},{AUDIT}\n"
        ),
    );
    let arn = w.aws_cli_arn("helper");
    assert_eq!(
        arn,
        "arn:aws:sts::333333333333:assumed-role/Audit/aws-login"
    );
    // The CLI's call was signed with the chain's final key, which the emulator verified.
    let last = w.last_call("GetCallerIdentity");
    assert_eq!(last.status, 200);
    assert_eq!(
        last.caller_arn.as_deref(),
        Some("arn:aws:sts::333333333333:assumed-role/Audit/aws-login")
    );
}

struct Moto {
    child: Child,
    url: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto() -> Option<Moto> {
    let python = which("python3")?;
    let has_moto = Command::new(&python)
        .args(["-c", "import moto.server"])
        .status()
        .is_ok_and(|s| s.success());
    if !require_tool(has_moto, "moto[server]", "not installed") {
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(python)
        .args([
            "-m",
            "moto.server",
            "-H",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Moto { child, url })
}

#[test]
fn a_two_hop_chain_against_motos_sts_gives_the_assumed_role_arn() {
    let Some(moto) = moto() else { return };
    let w = World::new();
    let a = "arn:aws:iam::123456789012:role/first";
    let b = "arn:aws:iam::210987654321:role/second";
    let run = |args: &[&str]| {
        w.cmd(args)
            .env("AWS_ENDPOINT_URL_STS", &moto.url)
            .env("AWS_ACCESS_KEY_ID", "AKIAMOTOEXAMPLE00001")
            .env(
                "AWS_SECRET_ACCESS_KEY",
                "moto-secret-key-000000000000000000000000",
            )
            .run()
    };
    let me = run(&["getcallerid"]);
    me.ok();
    assert_eq!(me.json()["Account"], "123456789012");
    let out = run(&[
        "getcallerid",
        "--assume-roles",
        &format!("{a},{b}"),
        "--role-session-name",
        "moto-sess",
    ]);
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::210987654321:assumed-role/second/moto-sess"
    );
    assert!(w.fake.log().is_empty(), "the emulator was not used");
}
