//! The region travels with the credentials (runas, dumpcreds,
//! assume), and `awsl assume` does not keep the previous identity's region. The judges are
//! real consumers: boto3 and the aws CLI v1 read only AWS_DEFAULT_REGION, so a region
//! lost on the way shows as "You must specify a region" or `None`.

mod assume;

use crate::harness::*;

/// boto3's idea of the region, as a child sees it.
pub(super) const BOTO3_REGION: &str = "import boto3; print(boto3.session.Session().region_name)";

/// Profiles `a` (eu-central-1), `b` (us-east-1), `c` (no region) and `deploy` (a role
/// reached through the config, eu-west-2). `b` and `c` hold bob's keys, `a` alice's.
pub(super) fn world() -> World {
    let w = World::new();
    w.write(
        ".aws/credentials",
        &format!(
            "[a]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n\
             [b]\naws_access_key_id = {BOB_KEY}\naws_secret_access_key = {BOB_SECRET}\n\
             [c]\naws_access_key_id = {BOB_KEY}\naws_secret_access_key = {BOB_SECRET}\n"
        ),
    );
    w.write(
        ".aws/config",
        &format!(
            "[profile a]\nregion = eu-central-1\n\n[profile b]\nregion = us-east-1\n\n[profile c]\noutput = json\n\n\
             [profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = a\nregion = eu-west-2\n"
        ),
    );
    w
}

/// The region of the emulator's last request (from the SigV4 scope).
pub(super) fn last_region(w: &World) -> Option<String> {
    w.fake.log().last().unwrap().region.clone()
}

#[test]
fn runas_hands_the_region_to_boto3_and_the_aws_cli() {
    let w = world();
    if !have("python3") || !have("aws") {
        return;
    }
    let boto3 = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["runas"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "python3", "-c", BOTO3_REGION]);
        let mut run = w.cmd(&args);
        for (k, v) in env {
            run = run.env(k, v);
        }
        let out = run.run();
        out.ok();
        out.stdout.trim().to_string()
    };
    // The profile's region, by --profile, by AWS_PROFILE, and of a role profile.
    assert_eq!(boto3(&["--profile", "a"], &[]), "eu-central-1");
    assert_eq!(boto3(&[], &[("AWS_PROFILE", "a")]), "eu-central-1");
    assert_eq!(boto3(&["--profile", "deploy"], &[]), "eu-west-2");
    // AWS_REGION alone (boto3 does not read it) reaches boto3 as AWS_DEFAULT_REGION.
    assert_eq!(
        boto3(&["--profile", "a"], &[("AWS_REGION", "ap-south-1")]),
        "ap-south-1"
    );
    assert_eq!(
        boto3(
            &["--profile", "a", "--region", "sa-east-1"],
            &[("AWS_REGION", "ap-south-1")]
        ),
        "sa-east-1"
    );
    // The bare fallback is aws-login's own choice for STS: not exported.
    assert_eq!(boto3(&["--profile", "c"], &[]), "None");
    let out = w
        .cmd(&[
            "runas",
            "--profile",
            "c",
            "-c",
            "printf '%s|%s' \"${AWS_REGION-unset}\" \"${AWS_DEFAULT_REGION-unset}\"",
        ])
        .run();
    out.ok();
    assert_eq!(out.stdout, "unset|unset");

    // The aws CLI signs for the profile's region.
    for (profile, arn, region) in [
        ("a", "arn:aws:iam::111111111111:user/alice", "eu-central-1"),
        (
            "deploy",
            "arn:aws:sts::222222222222:assumed-role/Deploy/",
            "eu-west-2",
        ),
    ] {
        let out = w
            .cmd(&[
                "runas",
                "--profile",
                profile,
                "--",
                "aws",
                "sts",
                "get-caller-identity",
                "--query",
                "Arn",
                "--output",
                "text",
            ])
            .run();
        assert_eq!(
            out.code, 0,
            "aws CLI under runas --profile {profile}: {}",
            out.stderr
        );
        assert!(out.stdout.starts_with(arn), "{profile}: {}", out.stdout);
        assert_eq!(last_region(&w).as_deref(), Some(region), "{profile}");
    }
}

#[test]
fn dumpcreds_exports_the_region_in_every_outform_but_not_in_credential_process_json() {
    let w = world();
    let dump = |extra: &[&str]| {
        let mut args = vec!["dumpcreds"];
        args.extend_from_slice(extra);
        let out = w.cmd(&args).run();
        out.ok();
        out.stdout.clone()
    };
    for (form, lines) in [
        (
            "linux",
            [
                "export AWS_REGION=eu-central-1",
                "export AWS_DEFAULT_REGION=eu-central-1",
            ],
        ),
        (
            "mac",
            [
                "export AWS_REGION=eu-central-1",
                "export AWS_DEFAULT_REGION=eu-central-1",
            ],
        ),
        (
            "fish",
            [
                "set -gx AWS_REGION 'eu-central-1'",
                "set -gx AWS_DEFAULT_REGION 'eu-central-1'",
            ],
        ),
        (
            "powershell",
            [
                "$Env:AWS_REGION = 'eu-central-1'",
                "$Env:AWS_DEFAULT_REGION = 'eu-central-1'",
            ],
        ),
        (
            "windows",
            [
                "set \"AWS_REGION=eu-central-1\"",
                "set \"AWS_DEFAULT_REGION=eu-central-1\"",
            ],
        ),
    ] {
        let text = dump(&["--profile", "a", "--outform", form]);
        for line in lines {
            assert!(text.lines().any(|l| l == line), "{form}: {line} in\n{text}");
        }
        // The fallback is not exported.
        let text = dump(&["--profile", "c", "--outform", form]);
        assert!(!text.contains("REGION"), "{form}: {text}");
    }
    // credential_process JSON has no region field: the document stays as the SDKs parse it.
    let json: serde_json::Value =
        serde_json::from_str(&dump(&["--profile", "a", "--credential-helper"])).unwrap();
    let mut keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["AccessKeyId", "SecretAccessKey", "Version"]);

    // Real consumers in real shells: the aws CLI and boto3 after eval.
    let bin = BIN;
    let consumers = format!(
        "aws sts get-caller-identity --query Arn --output text; python3 -c '{BOTO3_REGION}'"
    );
    for (shell, script) in [
        (
            "bash",
            format!("eval \"$('{bin}' dumpcreds --profile a)\"; {consumers}"),
        ),
        (
            "zsh",
            format!("eval \"$('{bin}' dumpcreds --profile a --outform mac)\"; {consumers}"),
        ),
        (
            "fish",
            format!("'{bin}' dumpcreds --profile a --outform fish | source; {consumers}"),
        ),
    ] {
        if !have(shell) || !have("aws") || !have("python3") {
            continue;
        }
        let out = strict(&w, shell, &script);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert_eq!(
            out.stdout, "arn:aws:iam::111111111111:user/alice\neu-central-1\n",
            "{shell}"
        );
        assert_eq!(last_region(&w).as_deref(), Some("eu-central-1"), "{shell}");
    }
}

#[test]
fn a_region_from_the_environment_or_a_profile_is_checked_before_it_travels() {
    let w = world();
    let evil = "eu-west-1'; touch PWNED; '";
    w.write(
        ".aws/config",
        &format!("[profile a]\nregion = {evil}\n\n[default]\nregion = eu west 1\n"),
    );
    // (arguments, environment, what the refusal names)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 5] = [
        (
            &["dumpcreds", "--profile", "a"],
            &[],
            "the region of profile 'a'",
        ),
        (
            &["runas", "--profile", "a", "-c", "touch PWNED"],
            &[],
            "the region of profile 'a'",
        ),
        (
            &["dumpcreds", "--profile", "b"],
            &[("AWS_REGION", evil)],
            "AWS_REGION 'eu-west-1",
        ),
        (
            &["dumpcreds", "--profile", "b"],
            &[("AWS_DEFAULT_REGION", "EU-WEST-1")],
            "AWS_DEFAULT_REGION 'EU-WEST-1' is not a region name",
        ),
        (
            &["getcallerid"],
            &[
                ("AWS_ACCESS_KEY_ID", ALICE_KEY),
                ("AWS_SECRET_ACCESS_KEY", ALICE_SECRET),
            ],
            "the region of profile 'default'",
        ),
    ];
    for (args, env, needle) in cases {
        let mut run = w.cmd(args);
        for (k, v) in env {
            run = run.env(k, v);
        }
        run.run().fails(2, needle);
    }
    assert!(!w.home().join("PWNED").exists());
}
