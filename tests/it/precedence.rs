//! The one precedence rule, asserted by the identity that comes back: command line >
//! environment > config files, and what `awsl assume` exported is aws-login's own state.

mod shells;

use crate::harness::*;
use crate::sso::{ACCT, admin_arn, cache_json};

/// alice and bob as profiles; the default profile's region us-west-2; `deploy` a role
/// profile over alice with its own region;
/// `[sso-session corp]` for the emulator's portal; a valid token cached under the start
/// URL and under the session name.
pub(crate) fn world() -> World {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[default]\nregion = us-west-2\n\n[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\nregion = eu-central-1\n\n\
             [profile audit]\nrole_arn = {AUDIT}\nsource_profile = deploy\n\n\
             [sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
        ),
    );
    let t = w.fake.issue_sso_token(3600, true);
    for key in [START_URL, "corp"] {
        let path = w.sso_cache_file(key);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, cache_json(&t, "us-east-1")).unwrap();
    }
    w
}

const DEPLOY_ARN: &str = "arn:aws:sts::222222222222:assumed-role/Deploy/";

/// The explicit Identity Center sources of the command line, each with its account and role.
fn sso_sources(w: &World) -> Vec<Vec<String>> {
    let token = w.fake.issue_sso_token(3600, false).access_token;
    let role = ["--sso-acct-id", ACCT, "--sso-role-name", "Admin"];
    [
        vec!["--sso-access-token", token.as_str()],
        vec!["--start-url", START_URL, "--use-cache"],
        vec!["--sso-session-name", "corp", "--use-cache"],
    ]
    .into_iter()
    .map(|given| {
        given
            .into_iter()
            .chain(role)
            .map(String::from)
            .collect::<Vec<_>>()
    })
    .collect()
}

#[test]
fn an_identity_center_role_on_the_command_line_wins_over_aws_profile() {
    let w = world();
    for source in sso_sources(&w) {
        for fresh in [false, true] {
            let mut args: Vec<&str> = vec!["getcallerid"];
            args.extend(source.iter().map(String::as_str));
            if fresh {
                args.push("--fresh");
            }
            let out = w.cmd(&args).env("AWS_PROFILE", "deploy").run();
            out.ok();
            assert_eq!(out.arn(), admin_arn(&w), "{args:?}");
        }
    }
}

#[test]
fn runas_and_dumpcreds_hand_the_aws_cli_and_boto3_the_identity_the_command_line_named() {
    let w = world();
    if !require_tool(
        have("aws") && have("python3"),
        "aws CLI and boto3",
        "aws/python3",
    ) {
        return;
    }
    const BOTO3: &str = "import boto3; s = boto3.session.Session(); \
        print(s.client('sts').get_caller_identity()['Arn'], s.region_name)";
    for source in sso_sources(&w) {
        let src: Vec<&str> = source.iter().map(String::as_str).collect();
        let mut runas = vec!["runas"];
        runas.extend(&src);
        runas.extend(["--", "aws", "sts", "get-caller-identity", "--query", "Arn"]);
        runas.extend(["--output", "text"]);
        let out = w.cmd(&runas).env("AWS_PROFILE", "deploy").run();
        out.ok();
        assert_eq!(out.stdout.trim(), admin_arn(&w), "{src:?}");

        let mut runas = vec!["runas"];
        runas.extend(&src);
        runas.extend(["--", "python3", "-c", BOTO3]);
        let out = w.cmd(&runas).env("AWS_PROFILE", "deploy").run();
        out.ok();
        // deploy's region (eu-central-1) is not this identity's: the config's default is.
        assert_eq!(
            out.stdout.trim(),
            format!("{} us-west-2", admin_arn(&w)),
            "{src:?}"
        );

        let mut dump = vec!["dumpcreds"];
        dump.extend(&src);
        let exports = w.cmd(&dump).env("AWS_PROFILE", "deploy").run();
        exports.ok();
        let script = format!(
            "{}\naws sts get-caller-identity --query Arn --output text",
            exports.stdout
        );
        let out = w
            .cmd(&["-c", &script])
            .program("/bin/bash")
            .env("AWS_PROFILE", "deploy")
            .run();
        out.ok();
        assert_eq!(out.stdout.trim(), admin_arn(&w), "{src:?}");
    }
}

/// A starting source, as the command line or the environment gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Src {
    EnvKeys,
    AwsProfile,
    Profile,
    SsoToken,
    SsoStartUrl,
    Container,
    Imds,
}

impl Src {
    fn apply<'w>(self, w: &'w World, mut run: Run<'w>, args: &mut Vec<String>) -> Run<'w> {
        let role = ["--sso-acct-id", ACCT, "--sso-role-name", "Admin"].map(String::from);
        match self {
            Src::EnvKeys => {
                run = run
                    .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
            }
            // A role profile: aws-login resolves those itself, where the SSO path once lost.
            Src::AwsProfile => run = run.env("AWS_PROFILE", "audit"),
            Src::Profile => args.extend(["--profile", "deploy"].map(String::from)),
            Src::SsoToken => {
                let token = w.fake.issue_sso_token(3600, false).access_token;
                args.extend(["--sso-access-token".to_string(), token]);
                if !args.contains(&role[0]) {
                    args.extend(role);
                }
            }
            Src::SsoStartUrl => {
                args.extend(["--start-url", START_URL, "--use-cache"].map(String::from));
                if !args.contains(&role[0]) {
                    args.extend(role);
                }
            }
            Src::Container => {
                run = run
                    .env(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        &w.fake.container_uri(),
                    )
                    .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "task-auth-token")
            }
            // The harness points instance metadata at the emulator in every run.
            Src::Imds => {}
        }
        run
    }

    /// Whether `arn` is this source's identity.
    fn is(self, w: &World, arn: &str) -> bool {
        match self {
            Src::EnvKeys => arn == "arn:aws:iam::111111111111:user/alice",
            Src::AwsProfile => arn.starts_with("arn:aws:sts::333333333333:assumed-role/Audit/"),
            Src::Profile => arn.starts_with(DEPLOY_ARN),
            Src::SsoToken | Src::SsoStartUrl => arn == admin_arn(w),
            Src::Container => arn.starts_with("arn:aws:sts::111111111111:assumed-role/TaskRole/"),
            Src::Imds => arn.starts_with("arn:aws:sts::111111111111:assumed-role/Ec2Role/"),
        }
    }
}

/// What happens when two sources are given together.
enum Outcome {
    Wins(Src),
    /// The run stops with a usage error naming both.
    Conflict(&'static str),
}

#[test]
fn each_pair_of_sources_gives_the_identity_the_precedence_rule_names() {
    use Outcome::*;
    use Src::*;
    let both = "--profile and an SSO token source both give starting credentials";
    let table = [
        (EnvKeys, AwsProfile, Wins(EnvKeys)),
        (EnvKeys, Profile, Wins(Profile)),
        (EnvKeys, SsoToken, Wins(SsoToken)),
        (EnvKeys, SsoStartUrl, Wins(SsoStartUrl)),
        (EnvKeys, Container, Wins(EnvKeys)),
        (EnvKeys, Imds, Wins(EnvKeys)),
        (AwsProfile, Profile, Wins(Profile)),
        (AwsProfile, SsoToken, Wins(SsoToken)),
        (AwsProfile, SsoStartUrl, Wins(SsoStartUrl)),
        (AwsProfile, Container, Wins(AwsProfile)),
        (AwsProfile, Imds, Wins(AwsProfile)),
        (Profile, SsoToken, Conflict(both)),
        (Profile, SsoStartUrl, Conflict(both)),
        (Profile, Container, Wins(Profile)),
        (Profile, Imds, Wins(Profile)),
        (SsoToken, Container, Wins(SsoToken)),
        (SsoToken, Imds, Wins(SsoToken)),
        (SsoStartUrl, Container, Wins(SsoStartUrl)),
        (SsoStartUrl, Imds, Wins(SsoStartUrl)),
        (Container, Imds, Wins(Container)),
    ];
    let w = world();
    for (a, b, outcome) in table {
        let mut args = vec!["getcallerid".to_string()];
        let run = a.apply(&w, w.cmd(&[]), &mut args);
        let run = b.apply(&w, run, &mut args);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run.args(&argv).run();
        match outcome {
            Wins(winner) => {
                assert_eq!(out.code, 0, "{a:?} + {b:?}: {}", out.stderr);
                assert!(
                    winner.is(&w, &out.arn()),
                    "{a:?} + {b:?}: got {}",
                    out.arn()
                );
            }
            Conflict(needle) => {
                out.fails(2, needle);
            }
        }
    }
}

#[test]
fn a_token_given_on_the_command_line_wins_over_the_cache_of_its_start_url() {
    let w = world();
    // The cache holds a token the portal no longer accepts: reading it would fail.
    w.fake.expire_sso_tokens();
    let token = w.fake.issue_sso_token(3600, false).access_token;
    let out = w
        .cmd(&[
            "getcallerid",
            "--start-url",
            START_URL,
            "--sso-access-token",
            &token,
            "--sso-acct-id",
            ACCT,
            "--sso-role-name",
            "Admin",
        ])
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
}
