//! In bash, zsh and fish, `awsl assume` exports each identity's region,
//! never the previous one's, and a region the user set stays theirs.

use super::{BOTO3_REGION, last_region, world};
use crate::harness::*;

/// Shell code defining `d`, which prints `AWS_REGION|AWS_DEFAULT_REGION|` (`-` for unset)
/// on one line.
fn dumper(shell: &str) -> &'static str {
    match shell {
        "fish" => {
            "function d; for v in AWS_REGION AWS_DEFAULT_REGION; if set -q $v; printf '%s|' $$v; else; printf '-|'; end; end; echo; end"
        }
        _ => "d() { printf '%s|%s|\\n' \"${AWS_REGION--}\" \"${AWS_DEFAULT_REGION--}\"; }",
    }
}

/// `awsl` in `shell`: each step is a command followed by a dump of the region variables.
fn assume_steps(w: &World, shell: &str, steps: &[&str]) -> Vec<String> {
    awsl_steps(w, shell, dumper(shell), steps)
}

#[test]
fn assume_exports_each_identitys_region_and_never_keeps_the_previous_one() {
    let w = world();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let got = assume_steps(
            &w,
            shell,
            &[
                "awsl assume a",
                "awsl assume b",
                "awsl assume c",
                "awsl assume deploy",
                "awsl refresh",
                "awsl assume --region sa-east-1 a",
                "awsl assume a",
                "awsl unassume",
            ],
        );
        assert_eq!(
            got,
            [
                "eu-central-1|eu-central-1|",
                "us-east-1|us-east-1|",
                // c names no region: the fallback is not exported, b's is not kept.
                "-|-|",
                "eu-west-2|eu-west-2|",
                "eu-west-2|eu-west-2|",
                "sa-east-1|sa-east-1|",
                // --region served one assume; it is not the user's own.
                "eu-central-1|eu-central-1|",
                "-|-|",
            ],
            "{shell}"
        );
    }
}

#[test]
fn a_region_the_user_set_before_assume_stays_theirs() {
    let w = world();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let (export, export_default) = match shell {
            "fish" => (
                "set -gx AWS_REGION ap-south-1",
                "set -e AWS_REGION; set -gx AWS_DEFAULT_REGION ap-south-1",
            ),
            _ => (
                "export AWS_REGION=ap-south-1",
                "unset AWS_REGION; export AWS_DEFAULT_REGION=ap-south-1",
            ),
        };
        let changed = match shell {
            "fish" => "set -gx AWS_REGION me-south-1",
            _ => "export AWS_REGION=me-south-1",
        };
        let got = assume_steps(
            &w,
            shell,
            &[
                export,
                "awsl assume a",
                "awsl assume b",
                "awsl assume c",
                "awsl unassume",
                export_default,
                "awsl assume b",
                "awsl unassume",
                // A region the user sets after an assume is theirs too.
                "awsl assume a",
                changed,
                "awsl assume b",
                "awsl unassume",
            ],
        );
        assert_eq!(
            got,
            [
                "ap-south-1|-|",
                "ap-south-1|ap-south-1|",
                "ap-south-1|ap-south-1|",
                "ap-south-1|ap-south-1|",
                // unassume removes only what aws-login exported: this region is the user's.
                "ap-south-1|ap-south-1|",
                "-|ap-south-1|",
                "ap-south-1|ap-south-1|",
                "ap-south-1|ap-south-1|",
                "ap-south-1|ap-south-1|",
                "me-south-1|ap-south-1|",
                "me-south-1|me-south-1|",
                "me-south-1|me-south-1|",
            ],
            "{shell}"
        );
    }
}

#[test]
fn after_two_assumes_boto3_and_the_aws_cli_use_the_second_identitys_region() {
    let w = world();
    if !have("bash") || !have("aws") || !have("python3") {
        return;
    }
    let init = render(&w, "bash", &[], "region-clients.bash");
    let script = format!(
        ". '{}'; awsl assume a; awsl assume deploy; python3 -c '{BOTO3_REGION}'; \
         aws sts get-caller-identity --query Arn --output text; awsl assume c; python3 -c '{BOTO3_REGION}'",
        init.display()
    );
    let out = strict(&w, "bash", &script);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "eu-west-2", "{}", out.stdout);
    assert!(
        lines[1].starts_with("arn:aws:sts::222222222222:assumed-role/Deploy/"),
        "{}",
        out.stdout
    );
    assert_eq!(last_region(&w).as_deref(), Some("eu-west-2"));
    assert_eq!(
        lines[2], "None",
        "the fallback is not exported: {}",
        out.stdout
    );
}
