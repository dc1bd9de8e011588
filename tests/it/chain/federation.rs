//! GetFederationToken's session controls: the session policy in place of the default
//! AdministratorAccess, session tags from the command line, the environment and the
//! profile, what it cannot take, and their place in the session cache's key.

use super::{each_variant_is_its_own_cache_entry, pairs};
use crate::harness::*;

const POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]
}"#;
const POLICY_SENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}"#;
const READ_ONLY: &str = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const ADMIN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";
const FEDERATED: &str = "arn:aws:sts::111111111111:federated-user/aws-login";

#[test]
fn the_session_policy_replaces_administrator_access_and_the_tags_go_along() {
    let w = World::new();
    let fed = |extra: &[&str]| {
        let args = [
            &["getcallerid", "--get-federation-token", "--fresh"][..],
            extra,
        ]
        .concat();
        let out = w.alice(&args).run();
        out.ok();
        assert_eq!(out.arn(), FEDERATED);
        let call = w.last_call("GetFederationToken");
        assert_eq!(call.status, 200);
        call
    };

    // Nothing given: AdministratorAccess, so that the session keeps the user's permissions.
    let default = fed(&[]);
    assert_eq!(default.policy_arns(), [ADMIN]);
    assert!(!default.params.contains_key("Policy"));
    assert!(default.tags().is_empty());

    let policy_file = w.write("policy.json", POLICY);
    let both = fed(&[
        "--policy",
        &format!("file://{}", policy_file.display()),
        "--policy-arns",
        READ_ONLY,
        "--tags",
        "team=blue, cost-center = 42",
    ]);
    assert_eq!(both.params["Policy"], POLICY_SENT);
    assert_eq!(both.policy_arns(), [READ_ONLY]);
    assert_eq!(
        both.tags(),
        pairs(&[("team", "blue"), ("cost-center", "42")])
    );
    // GetFederationToken has neither: nothing of them is sent.
    assert!(!both.params.contains_key("SourceIdentity"));
    assert!(both.transitive_tag_keys().is_empty());

    // An inline policy alone replaces the default too: a user's own policy is what they ask.
    let inline = fed(&["--policy", POLICY]);
    assert_eq!(inline.params["Policy"], POLICY_SENT);
    assert!(
        inline.params.keys().all(|k| !k.starts_with("PolicyArns")),
        "{:?}",
        inline.params
    );
    let arns = fed(&["--policy-arns", &format!("{READ_ONLY},{ADMIN}")]);
    assert!(!arns.params.contains_key("Policy"));
    assert_eq!(arns.policy_arns(), [READ_ONLY, ADMIN]);
}

#[test]
fn federation_tags_come_from_the_command_line_the_environment_then_the_profile() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        "[profile alice]\nsession_tags = team=profile\n",
    );
    let tags = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec![
            "getcallerid",
            "--profile",
            "alice",
            "--get-federation-token",
            "--fresh",
        ];
        args.extend_from_slice(extra);
        let mut run = w.cmd(&args);
        for (k, v) in env {
            run = run.env(k, v);
        }
        run.run().ok();
        w.last_call("GetFederationToken").tags()
    };
    assert_eq!(tags(&[], &[]), pairs(&[("team", "profile")]));
    let env = [("AWS_SESSION_TAGS", "team=env")];
    assert_eq!(tags(&[], &env), pairs(&[("team", "env")]));
    assert_eq!(
        tags(&["--tags", "team=cli"], &env),
        pairs(&[("team", "cli")])
    );
    // What only role hops take, from the environment, is left alone: it may be meant for
    // other tools.
    let other = [
        ("AWS_SOURCE_IDENTITY", "alice"),
        ("AWS_TRANSITIVE_TAGS", "team"),
    ];
    assert_eq!(tags(&[], &other), pairs(&[("team", "profile")]));
    let call = w.last_call("GetFederationToken");
    assert!(!call.params.contains_key("SourceIdentity"));
    assert!(call.transitive_tag_keys().is_empty());

    // The profile's tags are the federation token's only: without one they are not used.
    w.cmd(&["getcallerid", "--profile", "alice"]).run().ok();
    w.write(".aws/config", "[profile alice]\nsession_tags = team\n");
    w.cmd(&[
        "getcallerid",
        "--profile",
        "alice",
        "--get-federation-token",
    ])
    .run()
    .fails(2, "session_tags of profile 'alice'");
}

#[test]
fn what_get_federation_token_cannot_take_is_refused_before_any_call() {
    let w = World::new().with_user_profiles();
    let fed = ["getcallerid", "--get-federation-token"];
    let cases: [(&[&str], &str); 6] = [
        (&["--source-identity", "alice"], "--source-identity"),
        (
            &["--tags", "team=blue", "--transitive-tags", "team"],
            "--transitive-tags",
        ),
        (&["--tags", "team"], "key=value"),
        (&["--tags", "aws:team=x"], "aws:"),
        (&["--policy", "{not json"], "not valid JSON"),
        (&["--policy-arns", DEPLOY], "not an IAM policy ARN"),
    ];
    for (extra, needle) in cases {
        w.alice(&[&fed[..], extra].concat()).run().fails(2, needle);
    }
    let out = w
        .alice(&[&fed[..], &["--source-identity", "alice"]].concat())
        .run();
    assert!(out.stderr.contains("GetFederationToken"), "{}", out.stderr);
    w.alice(&fed)
        .env("AWS_SESSION_TAGS", "oops")
        .run()
        .fails(2, "AWS_SESSION_TAGS");

    // A federated session cannot assume roles: the command line says so for
    // --assume-roles, and a profile's role_arn is refused the same way, not by AWS.
    w.write(
        ".aws/config",
        &format!("[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\n"),
    );
    w.cmd(&[
        "getcallerid",
        "--profile",
        "deploy",
        "--get-federation-token",
    ])
    .run()
    .fails(2, "cannot assume roles");
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());

    // Without a federation token or a role hop, a policy or tags have nothing to go on.
    w.alice(&["getcallerid", "--policy-arns", READ_ONLY])
        .run()
        .fails(2, "--get-federation-token");
    w.alice(&["getcallerid", "--tags", "a=b"])
        .run()
        .fails(2, "--get-federation-token");
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
}

#[test]
fn the_policy_and_tags_are_part_of_the_session_cache_key() {
    let w = World::new();
    let base = ["dumpcreds", "--credential-helper", "--get-federation-token"];
    let variants: [&[&str]; 7] = [
        &[],
        &["--policy", POLICY],
        &["--policy", r#"{"Version":"2012-10-17","Statement":[]}"#],
        &["--policy-arns", READ_ONLY],
        &["--policy-arns", "arn:aws:iam::aws:policy/ViewOnlyAccess"],
        &["--tags", "team=blue"],
        &["--tags", "team=red"],
    ];
    each_variant_is_its_own_cache_entry(&w, &base, &variants, "GetFederationToken");
}

#[test]
fn a_narrowed_console_signs_in_through_a_federation_token() {
    let w = World::new();
    let out = w
        .alice(&[
            "console",
            "--no-browser",
            "--get-federation-token",
            "--policy-arns",
            READ_ONLY,
            "--tags",
            "team=blue",
        ])
        .run();
    out.ok();
    let fed = w.last_call("GetFederationToken");
    assert_eq!(fed.policy_arns(), [READ_ONLY]);
    assert_eq!(fed.tags(), pairs(&[("team", "blue")]));
    let signins = w.fake.console_signins();
    assert_eq!(signins.len(), 1);
    assert_eq!(signins[0].caller_arn, FEDERATED);
    // The console's own federation of long-term keys is not asked for by the command line:
    // a policy without --get-federation-token says how to ask.
    w.alice(&["console", "--no-browser", "--policy-arns", READ_ONLY])
        .run()
        .fails(2, "--get-federation-token");
}

#[test]
fn boto3_under_runas_is_the_narrowed_tagged_federated_user() {
    if !require_tool(have("python3"), "boto3", "python3") {
        return;
    }
    let w = World::new();
    let script = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])";
    for serve in [&[][..], &["--serve"]] {
        let mut args = vec!["runas"];
        args.extend_from_slice(serve);
        args.extend([
            "--get-federation-token",
            "--tags",
            "team=blue",
            "--policy-arns",
            READ_ONLY,
            "--region",
            "eu-west-1",
            "--fresh",
            "--",
            "python3",
            "-c",
            script,
        ]);
        let out = w.alice(&args).run();
        out.ok();
        assert_eq!(out.stdout.trim(), FEDERATED);
        let fed = w.last_call("GetFederationToken");
        assert_eq!(fed.tags(), pairs(&[("team", "blue")]));
        assert_eq!(fed.policy_arns(), [READ_ONLY]);
        let gci = w.last_call("GetCallerIdentity");
        assert_eq!(gci.caller_arn.as_deref(), Some(FEDERATED));
    }
}

/// With a profile that assumes a role, `--role-session-name` is not the console's name for
/// a federated user: the run is the profile's role chain, where the option does what it does
/// for every command (nothing without --assume-roles, said before any call).
#[test]
fn a_console_session_name_with_a_role_profile_is_no_federation_token() {
    let w = World::new();
    w.write(
        ".aws/credentials",
        &format!(
            "[dev]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n"
        ),
    );
    w.write(
        ".aws/config",
        &format!("[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = dev\n"),
    );
    let run = |args: &[&str]| {
        let mut all = vec![
            "--profile",
            "deploy",
            "--role-session-name",
            "alice-console",
        ];
        all.splice(0..0, args.iter().copied());
        w.cmd(&all).run()
    };
    let expected = "--role-session-name has no effect without --assume-roles";
    let console = run(&["console", "--no-browser"]);
    console.fails(2, expected);
    run(&["getcallerid"]).fails(2, expected);
    assert!(w.sts_actions().is_empty(), "no call before the checks");
    // The profile's role alone signs the console in.
    w.cmd(&["console", "--no-browser", "--profile", "deploy"])
        .run()
        .ok();
    let signins = w.fake.console_signins();
    assert_eq!(signins.len(), 1);
    assert!(
        signins[0].caller_arn.contains("assumed-role/Deploy/"),
        "{}",
        signins[0].caller_arn
    );
}
