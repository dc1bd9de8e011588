//! Session controls on role hops: source identity, session tags, transitive keys and the
//! session policy, from the command line, the environment and the profile, as the
//! emulator records them per AssumeRole; and their place in the session cache's key.

use super::{each_variant_is_its_own_cache_entry, pairs};
use crate::harness::*;

const POLICY: &str = r#"{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]
}"#;
const POLICY_SENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
const READ_ONLY: &str = "arn:aws:iam::aws:policy/ReadOnlyAccess";

#[test]
fn every_command_line_hop_gets_the_tags_and_the_last_one_the_policy() {
    let w = World::new();
    let policy_file = w.write("policy.json", POLICY);
    let out = w
        .alice(&[
            "getcallerid",
            "--assume-roles",
            &format!("{DEPLOY},{AUDIT}"),
            "--source-identity",
            "alice@example.com",
            "--tags",
            "team=blue, cost-center = 42",
            "--transitive-tags",
            "team",
            "--policy",
            &format!("file://{}", policy_file.display()),
            "--policy-arns",
            READ_ONLY,
        ])
        .run();
    out.ok();
    let calls = w.calls("AssumeRole");
    assert_eq!(calls.len(), 2);
    let (first, second) = (&calls[0], &calls[1]);
    assert_eq!(first.params["SourceIdentity"], "alice@example.com");
    assert_eq!(
        first.tags(),
        pairs(&[("team", "blue"), ("cost-center", "42")])
    );
    assert_eq!(first.transitive_tag_keys(), ["team"]);
    assert!(!first.params.contains_key("Policy"));
    assert!(first.policy_arns().is_empty());
    // The second hop inherits the source identity and the transitive tag (AWS refuses
    // them again); it sends its other tag, and the session policy narrows the final role.
    assert!(!second.params.contains_key("SourceIdentity"));
    assert_eq!(second.tags(), pairs(&[("cost-center", "42")]));
    assert!(second.transitive_tag_keys().is_empty());
    assert_eq!(second.params["Policy"], POLICY_SENT);
    assert_eq!(second.policy_arns(), [READ_ONLY]);
    assert!(calls.iter().all(|c| c.status == 200));
}

#[test]
fn the_command_line_beats_the_environment_which_beats_the_profile_keys() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile tagged]\nrole_arn = {DEPLOY}\nsource_profile = alice\n\
             source_identity = from-profile\nsession_tags = team=profile,env=prod\n\
             transitive_session_tags = env\n"
        ),
    );
    let hop = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["getcallerid", "--profile", "tagged", "--fresh"];
        args.extend_from_slice(extra);
        let mut run = w.cmd(&args);
        for (k, v) in env {
            run = run.env(k, v);
        }
        run.run().ok();
        w.last_call("AssumeRole")
    };

    let profile = hop(&[], &[]);
    assert_eq!(profile.params["SourceIdentity"], "from-profile");
    assert_eq!(
        profile.tags(),
        pairs(&[("team", "profile"), ("env", "prod")])
    );
    assert_eq!(profile.transitive_tag_keys(), ["env"]);

    let env = [
        ("AWS_SOURCE_IDENTITY", "from-env"),
        ("AWS_SESSION_TAGS", "team=env"),
        ("AWS_TRANSITIVE_TAGS", "team"),
    ];
    let from_env = hop(&[], &env);
    assert_eq!(from_env.params["SourceIdentity"], "from-env");
    assert_eq!(from_env.tags(), pairs(&[("team", "env")]));
    assert_eq!(from_env.transitive_tag_keys(), ["team"]);

    let cli = hop(
        &[
            "--source-identity",
            "from-cli",
            "--tags",
            "team=cli",
            "--transitive-tags",
            "team",
        ],
        &env,
    );
    assert_eq!(cli.params["SourceIdentity"], "from-cli");
    assert_eq!(cli.tags(), pairs(&[("team", "cli")]));

    // The profile's keys stay on the profile's hop; a command-line hop after it gets
    // nothing of them (it inherits the transitive env tag) but the final session policy.
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "tagged",
            "--assume-roles",
            AUDIT,
            "--policy-arns",
            READ_ONLY,
        ])
        .run();
    out.ok();
    let calls = w.calls("AssumeRole");
    let (profile_hop, cli_hop) = (&calls[calls.len() - 2], &calls[calls.len() - 1]);
    assert_eq!(profile_hop.params["RoleArn"], DEPLOY);
    assert_eq!(
        profile_hop.tags(),
        pairs(&[("team", "profile"), ("env", "prod")])
    );
    assert!(profile_hop.policy_arns().is_empty());
    assert_eq!(cli_hop.params["RoleArn"], AUDIT);
    assert!(cli_hop.tags().is_empty());
    assert!(!cli_hop.params.contains_key("SourceIdentity"));
    assert_eq!(cli_hop.policy_arns(), [READ_ONLY]);

    // --transitive-tags alone: the profile's hop makes its own tag transitive, and the
    // command line's hop, which inherits it, has nothing to send.
    let out = w
        .cmd(&[
            "getcallerid",
            "--profile",
            "tagged",
            "--assume-roles",
            AUDIT,
            "--transitive-tags",
            "team",
        ])
        .run();
    out.ok();
    let calls = w.calls("AssumeRole");
    let (profile_hop, cli_hop) = (&calls[calls.len() - 2], &calls[calls.len() - 1]);
    assert_eq!(profile_hop.transitive_tag_keys(), ["team"]);
    assert!(cli_hop.tags().is_empty() && cli_hop.transitive_tag_keys().is_empty());
}

#[test]
fn each_control_is_part_of_the_session_cache_key() {
    let w = World::new();
    let base = ["dumpcreds", "--credential-helper", "--assume-roles", DEPLOY];
    let variants: [&[&str]; 10] = [
        &[],
        &["--source-identity", "alice"],
        &["--source-identity", "bob"],
        &["--tags", "team=blue"],
        &["--tags", "team=red"],
        &["--tags", "team=blue", "--transitive-tags", "team"],
        &["--policy", POLICY],
        &["--policy", r#"{"Version":"2012-10-17","Statement":[]}"#],
        &["--policy-arns", READ_ONLY],
        &["--policy-arns", "arn:aws:iam::aws:policy/ViewOnlyAccess"],
    ];
    each_variant_is_its_own_cache_entry(&w, &base, &variants, "AssumeRole");
}

#[test]
fn bad_values_fail_before_any_call_with_one_line() {
    let w = World::new();
    let fifty_one: Vec<String> = (0..51).map(|i| format!("k{i}=v")).collect();
    let fifty_one = fifty_one.join(",");
    let eleven: Vec<String> = (0..11)
        .map(|i| format!("arn:aws:iam::aws:policy/P{i}"))
        .collect();
    let eleven = eleven.join(",");
    let long_policy = format!(r#"{{"Version":"2012-10-17","Sid":"{}"}}"#, "x".repeat(2030));
    let hop = ["getcallerid", "--assume-roles", DEPLOY];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--tags", "team"], "key=value"),
        (vec!["--tags", "te am!=x"], "tag key"),
        (vec!["--tags", &fifty_one], "at most 50"),
        (vec!["--tags", "aws:team=x"], "aws:"),
        (vec!["--tags", "Team=a,team=b"], "twice"),
        (vec!["--tags", "a=1", "--transitive-tags", "b"], "not among"),
        (vec!["--source-identity", "a"], "source identity"),
        (vec!["--source-identity", "has space"], "source identity"),
        (vec!["--policy", "{not json"], "not valid JSON"),
        (vec!["--policy", &long_policy], "at most 2048"),
        (vec!["--policy-arns", DEPLOY], "not an IAM policy ARN"),
        (vec!["--policy-arns", &eleven], "at most 10"),
    ];
    for (extra, needle) in &cases {
        w.alice(&[&hop[..], extra].concat()).run().fails(2, needle);
    }
    w.alice(&hop)
        .env("AWS_SESSION_TAGS", "oops")
        .run()
        .fails(2, "AWS_SESSION_TAGS");
    // Without a role hop: a session policy has nothing to narrow, a tag no hop to go on.
    w.alice(&["getcallerid", "--policy", POLICY])
        .run()
        .fails(2, "needs an AssumeRole hop");
    w.alice(&["getcallerid", "--policy-arns", READ_ONLY])
        .run()
        .fails(2, "--assume-roles");
    w.alice(&["getcallerid", "--tags", "a=b"])
        .run()
        .fails(2, "--assume-roles");
    assert!(w.calls("AssumeRole").is_empty(), "{:?}", w.sts_actions());
    // A variable meant for another tool is left alone where no hop would use it.
    w.alice(&["getcallerid"])
        .env("AWS_SESSION_TAGS", "oops")
        .run()
        .ok();
}

#[test]
fn a_bad_profile_key_names_the_profile() {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!("[profile p]\nrole_arn = {DEPLOY}\nsource_profile = alice\nsession_tags = x\n"),
    );
    w.cmd(&["getcallerid", "--profile", "p"])
        .run()
        .fails(2, "profile 'p'");
    assert!(w.calls("AssumeRole").is_empty());
}

#[test]
fn every_credential_command_takes_the_controls() {
    let w = World::new();
    let bad = ["--assume-roles", DEPLOY, "--tags", "no-value"];
    let commands: [&[&str]; 7] = [
        &["getcallerid"],
        &["dumpcreds"],
        &["runas", "--", "true"],
        &["runas", "--serve", "--", "true"],
        &["serve"],
        &["console", "--no-browser"],
        &["assume"],
    ];
    for cmd in commands {
        let (head, tail) = match cmd.iter().position(|a| *a == "--") {
            Some(i) => (&cmd[..i], &cmd[i..]),
            None => (cmd, &[][..]),
        };
        let args = [head, &bad[..], tail].concat();
        w.alice(&args)
            .env("AWS_LOGIN_SHELL", "bash")
            .run()
            .fails(2, "key=value");
    }
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
    let good = ["--assume-roles", DEPLOY, "--tags", "team=blue"];
    w.alice(&[&["console", "--no-browser"][..], &good].concat())
        .run()
        .ok();
    assert_eq!(w.last_call("AssumeRole").tags(), pairs(&[("team", "blue")]));
}

#[test]
fn boto3_under_runas_works_with_the_tagged_narrowed_session() {
    if !require_tool(have("python3"), "boto3", "python3") {
        return;
    }
    let w = World::new();
    let script = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])";
    for serve in [&[][..], &["--serve"]] {
        let mut args = vec!["runas"];
        args.extend_from_slice(serve);
        args.extend([
            "--assume-roles",
            DEPLOY,
            "--source-identity",
            "alice",
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
        assert_eq!(
            out.stdout.trim(),
            "arn:aws:sts::222222222222:assumed-role/Deploy/aws-login"
        );
        let hop = w.last_call("AssumeRole");
        assert_eq!(hop.params["SourceIdentity"], "alice");
        assert_eq!(hop.tags(), pairs(&[("team", "blue")]));
        assert_eq!(hop.policy_arns(), [READ_ONLY]);
        let gci = w.last_call("GetCallerIdentity");
        assert_eq!(gci.caller_arn.as_deref(), Some(out.stdout.trim()));
    }
}

#[test]
fn awsl_refresh_replays_the_controls() {
    let w = World::new().with_user_profiles();
    let assumed = w
        .cmd(&[
            "assume",
            "--profile",
            "alice",
            "--assume-roles",
            DEPLOY,
            "--source-identity",
            "alice",
            "--tags",
            "team=blue",
            "--transitive-tags",
            "team",
            "--policy",
            POLICY,
            "--policy-arns",
            READ_ONLY,
        ])
        .env("AWS_LOGIN_SHELL", "bash")
        .run();
    assumed.ok();
    let replay = assumed
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("export AWS_LOGIN_ASSUME="))
        .expect("AWS_LOGIN_ASSUME exported")
        .to_string();
    // The exported value as bash would read it back.
    let value = std::process::Command::new("bash")
        .args(["-c", &format!("printf %s {replay}")])
        .output()
        .unwrap()
        .stdout;
    // Without the cached session, refresh must ask STS again, with the same controls.
    std::fs::remove_dir_all(w.home().join(".cache/aws-login/sessions")).unwrap();
    w.cmd(&["refresh"])
        .env("AWS_LOGIN_SHELL", "bash")
        .env("AWS_LOGIN_ASSUME", std::str::from_utf8(&value).unwrap())
        .run()
        .ok();
    let calls = w.calls("AssumeRole");
    assert_eq!(calls.len(), 2);
    for c in &calls {
        assert_eq!(c.params["SourceIdentity"], "alice");
        assert_eq!(c.tags(), pairs(&[("team", "blue")]));
        assert_eq!(c.transitive_tag_keys(), ["team"]);
        assert_eq!(c.params["Policy"], POLICY_SENT);
        assert_eq!(c.policy_arns(), [READ_ONLY]);
    }
}
