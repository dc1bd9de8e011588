//! The precedence rule through `awsl` in bash, zsh and fish, judged by the aws CLI and
//! boto3 run in the same shell after each step.

use super::world;
use crate::harness::*;
use crate::sso::admin_arn;

const SSO_ROLE: &str = "--sso-acct-id 111111111111 --sso-role-name Admin";

/// Shell code defining `d`: one line `ARN|boto3 region|AWS_PROFILE` (`-` for unset), as
/// the aws CLI and boto3 see the shell's identity.
fn dumper(shell: &str) -> String {
    const CLIENTS: &str = "aws sts get-caller-identity --query Arn --output text | tr -d '\\n'; \
        printf '|'; python3 -c 'import boto3; print(boto3.session.Session().region_name, end=\"\")'; printf '|'";
    match shell {
        "fish" => format!(
            "function d; {CLIENTS}; if set -q AWS_PROFILE; printf '%s' $AWS_PROFILE; else; printf -; end; echo; end"
        ),
        _ => format!("d() {{ {CLIENTS}; printf '%s\\n' \"${{AWS_PROFILE--}}\"; }}"),
    }
}

/// Runs `steps` through `awsl` in `shell`, each followed by `d`; its lines.
fn steps(w: &World, shell: &str, steps: &[&str]) -> Vec<String> {
    awsl_steps(w, shell, &dumper(shell), steps)
}

fn ready(shell: &str) -> bool {
    require_tool(
        have(shell) && have("aws") && have("python3"),
        &format!("{shell}, the aws CLI and boto3"),
        shell,
    )
}

fn export(shell: &str, name: &str, value: &str) -> String {
    match shell {
        "fish" => format!("set -gx {name} {value}"),
        _ => format!("export {name}={value}"),
    }
}

#[test]
fn awsl_assume_of_an_identity_center_role_wins_over_the_users_aws_profile() {
    let w = world();
    let sso = admin_arn(&w);
    for shell in ["bash", "zsh", "fish"] {
        if !ready(shell) {
            continue;
        }
        let got = steps(
            &w,
            shell,
            &[
                &export(shell, "AWS_PROFILE", "deploy"),
                &format!("awsl assume --start-url {START_URL} --use-cache {SSO_ROLE}"),
                "awsl refresh",
            ],
        );
        assert!(
            got[0].starts_with("arn:aws:sts::222222222222:assumed-role/Deploy/"),
            "{shell}: {got:?}"
        );
        assert_eq!(
            got[0].split_once('|').unwrap().1,
            "eu-central-1|deploy",
            "{shell}"
        );
        for line in &got[1..] {
            assert_eq!(*line, format!("{sso}|us-west-2|-"), "{shell}: {got:?}");
        }
    }
}

#[test]
fn the_previous_assumes_profile_and_region_never_reach_the_next_identity() {
    let w = world();
    let sso = admin_arn(&w);
    for shell in ["bash", "zsh", "fish"] {
        if !ready(shell) {
            continue;
        }
        let got = steps(
            &w,
            shell,
            &[
                "awsl assume deploy",
                &format!("awsl assume --sso-session-name corp --use-cache {SSO_ROLE}"),
                "awsl refresh",
                "awsl assume deploy",
                &format!("awsl assume --start-url {START_URL} --use-cache {SSO_ROLE}"),
                "awsl refresh",
            ],
        );
        let deploy = |line: &str| {
            line.starts_with("arn:aws:sts::222222222222:assumed-role/Deploy/")
                && line.ends_with("|eu-central-1|deploy")
        };
        assert!(deploy(&got[0]) && deploy(&got[3]), "{shell}: {got:?}");
        for i in [1, 2, 4, 5] {
            assert_eq!(
                got[i],
                format!("{sso}|us-west-2|-"),
                "{shell} step {i}: {got:?}"
            );
        }
    }
}

#[test]
fn refresh_of_an_identity_made_from_the_users_aws_profile_keeps_that_profile() {
    let w = world();
    for shell in ["bash", "zsh", "fish"] {
        if !ready(shell) {
            continue;
        }
        let got = steps(
            &w,
            shell,
            &[
                &export(shell, "AWS_PROFILE", "deploy"),
                &format!("awsl assume --assume-roles {AUDIT}"),
                "awsl refresh",
            ],
        );
        for line in &got[1..] {
            assert!(
                line.starts_with("arn:aws:sts::333333333333:assumed-role/Audit/")
                    && line.ends_with("|eu-central-1|-"),
                "{shell}: {got:?}"
            );
        }
    }
}

#[test]
fn refresh_of_an_identity_made_from_exported_keys_says_why_it_cannot() {
    let w = world();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &[], &format!("env-keys-{shell}"));
        let source = source_line(shell, &init);
        let status = match shell {
            "fish" => "echo rc=$status",
            _ => "echo rc=$?",
        };
        let script = format!(
            "{source}; {}; {}; awsl assume --assume-roles {DEPLOY}; awsl refresh; {status}",
            export(shell, "AWS_ACCESS_KEY_ID", ALICE_KEY),
            export(shell, "AWS_SECRET_ACCESS_KEY", ALICE_SECRET),
        );
        // Not strict: refresh is meant to fail here.
        let out = w.cmd(&["-c", &script]).program(which(shell).unwrap()).run();
        assert!(
            out.stdout.contains("rc=1"),
            "{shell}: {}{}",
            out.stdout,
            out.stderr
        );
        assert!(
            out.stderr
                .contains("made from keys in the environment, which awsl assume replaced"),
            "{shell}: {}",
            out.stderr
        );
    }
}
