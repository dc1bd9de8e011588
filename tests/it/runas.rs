//! runas: the child's environment, exit status and argv.

use crate::harness::*;

#[test]
fn the_child_gets_the_final_credentials_and_no_profile_variables() {
    let w = World::new();
    let script = r#"printf '%s|%s|%s|%s|%s|%s|%s' "$AWS_ACCESS_KEY_ID" "${AWS_SESSION_TOKEN:+set}" "${AWS_PROFILE-unset}" "${AWS_DEFAULT_PROFILE-unset}" "$AWS_REGION" "$AWS_DEFAULT_REGION" "${AWS_CREDENTIAL_EXPIRATION:+exp}""#;
    let out = w
        .alice(&[
            "runas",
            "--assume-roles",
            DEPLOY,
            "--region",
            "eu-north-1",
            "-c",
            script,
        ])
        .env("AWS_PROFILE", "stale")
        .env("AWS_DEFAULT_PROFILE", "stale")
        .run();
    out.ok();
    let parts: Vec<&str> = out.stdout.split('|').collect();
    assert!(parts[0].starts_with("ASIA"), "{}", out.stdout);
    assert_eq!(
        &parts[1..],
        ["set", "unset", "unset", "eu-north-1", "eu-north-1", "exp"]
    );
}

#[test]
fn long_term_keys_leave_no_session_token_in_the_child() {
    let w = World::new();
    let out = w
        .alice(&[
            "runas",
            "--",
            "sh",
            "-c",
            "printf %s \"${AWS_SESSION_TOKEN-unset}\"",
        ])
        .env("AWS_SESSION_TOKEN", "")
        .run();
    out.ok();
    assert_eq!(out.stdout, "unset");
}

#[test]
fn the_exit_code_is_the_childs() {
    let w = World::new();
    assert_eq!(w.alice(&["runas", "-c", "exit 3"]).run().code, 3);
    assert_eq!(w.alice(&["runas", "--", "false"]).run().code, 1);
    assert_eq!(w.alice(&["runas", "-c", ""]).run().code, 0);
}

#[test]
fn a_child_killed_by_a_signal_gives_128_plus_the_signal() {
    let w = World::new();
    let inner = format!("'{BIN}' runas -- sh -c 'kill -TERM $$'; echo $?");
    let out = w.alice(&["-c", &inner]).program("/bin/sh").run();
    assert_eq!(out.stdout.trim(), "143");
}

#[test]
fn a_missing_program_exits_127_with_a_message() {
    let w = World::new();
    w.alice(&["runas", "--", "no-such-program-xyz"])
        .run()
        .fails(127, "no-such-program-xyz");
}

#[test]
fn arguments_pass_through_unchanged_and_credentials_never_reach_argv() {
    let w = World::new();
    let out = w.alice(&["runas", "--", "cat", "/proc/self/cmdline"]).run();
    out.ok();
    assert_eq!(out.stdout, "cat\0/proc/self/cmdline\0");
    let out = w
        .alice(&["runas", "--", "printf", "%s|", "a b", "$HOME", "--help"])
        .run();
    assert_eq!(out.stdout, "a b|$HOME|--help|");
    assert!(!out.stdout.contains(ALICE_SECRET));
}

#[test]
fn stdin_reaches_the_child() {
    let w = World::new();
    let out = w
        .alice(&["runas", "--", "cat"])
        .run_with_stdin(Some("piped input\n"));
    assert_eq!(out.stdout, "piped input\n");
}
