//! No trust-store work before a TLS connection needs it: strace shows which files a run
//! opens, and no certificate file is among them for runs without TLS.

use crate::harness::*;

/// The files `run` opened that look like certificates or trust stores.
fn certificate_files(w: &World, run: Run<'_>) -> Vec<String> {
    // Whether the run succeeds does not matter here (whoami without an identity fails).
    let (lines, _) = opens(w, run).expect("strace is checked first");
    lines
        .into_iter()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("/ssl/") || l.contains("cert") || l.contains(".pem") || l.contains(".crt")
        })
        .collect()
}

#[test]
fn runs_without_tls_open_no_certificate_file() {
    if !require_tool(
        which("strace").is_some(),
        "strace",
        "strace is not installed",
    ) {
        return;
    }
    let w = World::new();
    w.write(
        ".aws/config",
        "[profile ec2]\nrole_arn = arn:aws:iam::111111111111:role/TaskRole\ncredential_source = Ec2InstanceMetadata\n\n\
         [profile ecs]\nrole_arn = arn:aws:iam::111111111111:role/Ec2Role\ncredential_source = EcsContainer\n",
    );
    let complete = w
        .cmd(&["--", "aws-login", "getcallerid", "--profile", ""])
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("_CLAP_IFS", "\n");
    let cases: Vec<(&str, Run<'_>)> = vec![
        ("--version", w.cmd(&["--version"])),
        ("completion", complete),
        ("whoami", w.cmd(&["whoami"])),
        ("shell init", w.cmd(&["shell", "init", "bash"])),
        (
            "getcallerid, 2 hops over http",
            w.alice(&[
                "getcallerid",
                "--assume-roles",
                &format!("{DEPLOY},{AUDIT}"),
            ]),
        ),
        (
            "console over http",
            w.alice(&["console", "--no-browser", "--assume-roles", DEPLOY]),
        ),
        (
            "credential_source = Ec2InstanceMetadata over http",
            w.cmd(&["getcallerid", "--profile", "ec2"]),
        ),
        (
            "credential_source = EcsContainer over http",
            w.cmd(&["getcallerid", "--profile", "ecs"])
                .env(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    &w.fake.container_uri(),
                )
                .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token"),
        ),
    ];
    let mut tried = 0;
    for (what, run) in cases {
        let found = certificate_files(&w, run);
        assert!(found.is_empty(), "{what} opened: {found:#?}");
        tried += 1;
    }
    assert_eq!(tried, 8);
    // The check sees certificate files when they are opened: the same chain over TLS.
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    let over_tls = w
        .alice(&["getcallerid", "--assume-roles", DEPLOY])
        .env(
            "AWS_ENDPOINT_URL_STS",
            &format!("https://127.0.0.1:{}", tls.port),
        )
        .env("AWS_CA_BUNDLE", &ca);
    let found = certificate_files(&w, over_tls);
    assert_eq!(
        found.iter().filter(|l| l.contains("ca.pem")).count(),
        1,
        "read once: {found:#?}"
    );
}
