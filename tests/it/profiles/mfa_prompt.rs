//! MFA with no terminal: a `credential_process` started by an IDE or a build tool asks
//! through a desktop dialog (zenity, kdialog, osascript; `AWS_LOGIN_MFA_PROMPT` chooses),
//! or fails at once naming the ways to give a code.

use std::time::{Duration, Instant};

use crate::harness::*;

/// secure needs MFA; cp runs aws-login as its credential_process, as an SDK would.
fn world() -> World {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile secure]\nrole_arn = {SECURE}\nsource_profile = alice\nmfa_serial = {MFA_SERIAL}\n\n\
             [profile cp]\nregion = us-east-1\ncredential_process = {BIN} dumpcreds --credential-helper --profile secure\n"
        ),
    );
    w
}

/// A stand-in dialog program that records its arguments and answers `code`.
fn dialog(w: &World, name: &str, code: &str) {
    let log = w.home().join(format!("{name}.args"));
    w.executable(
        name,
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho {code}\n",
            log.display()
        ),
    );
}

/// PATH with the world's bin/ (the stand-ins) first, then only the system directories.
fn path(w: &World) -> String {
    format!("{}:/usr/bin:/bin", w.home().join("bin").display())
}

fn args_of(w: &World, name: &str) -> String {
    std::fs::read_to_string(w.home().join(format!("{name}.args"))).unwrap_or_default()
}

#[test]
fn with_no_terminal_a_zenity_dialog_answers_the_code_of_a_credential_process() {
    let w = world();
    dialog(&w, "zenity", "123456");
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "secure"])
        .env("PATH", &path(&w))
        .detached()
        .run();
    out.ok();
    let args = args_of(&w, "zenity");
    assert!(args.contains("--entry"), "{args}");
    assert!(
        args.contains(&format!("MFA code for {MFA_SERIAL}")),
        "{args}"
    );
    assert_eq!(
        w.first_call("GetSessionToken").params["TokenCode"],
        "123456"
    );

    // The aws CLI runs its credential_process the same way, with no terminal.
    if require_tool(have("aws"), "the aws CLI", "aws") {
        let w = world();
        dialog(&w, "zenity", "123456");
        let system = std::env::var("PATH").unwrap();
        let arn = w
            .aws_cli(&[
                "sts",
                "get-caller-identity",
                "--profile",
                "cp",
                "--query",
                "Arn",
            ])
            .env("PATH", &format!("{}:{system}", path(&w)))
            .detached()
            .run();
        assert_eq!(arn.code, 0, "{}", arn.stderr);
        assert!(
            arn.stdout.contains("assumed-role/Secure/"),
            "{}",
            arn.stdout
        );
        assert!(
            args_of(&w, "zenity").contains("--entry"),
            "the dialog asked"
        );
    }
}

#[test]
fn aws_login_mfa_prompt_chooses_the_dialog() {
    let w = world();
    dialog(&w, "zenity", "000000");
    dialog(&w, "kdialog", "123456");
    let out = w
        .cmd(&["getcallerid", "--profile", "secure"])
        .env("PATH", &path(&w))
        .env("AWS_LOGIN_MFA_PROMPT", "kdialog")
        .detached()
        .run();
    out.ok();
    assert!(args_of(&w, "kdialog").contains("--inputbox"));
    assert_eq!(args_of(&w, "zenity"), "", "zenity was not asked");
}

#[test]
fn with_no_terminal_and_no_dialog_the_run_fails_at_once_naming_the_ways() {
    let w = world();
    for (prompt, needle) in [
        (None, "no terminal to ask on nor a dialog program"),
        (Some("none"), "AWS_LOGIN_MFA_PROMPT=none"),
        (Some("zenity"), "zenity is not on PATH"),
        (Some("terminal"), "no terminal to ask for the MFA code on"),
    ] {
        let mut run = w
            .cmd(&["dumpcreds", "--credential-helper", "--profile", "secure"])
            .env("PATH", "/usr/bin:/bin")
            .detached();
        if let Some(p) = prompt {
            run = run.env("AWS_LOGIN_MFA_PROMPT", p);
        }
        let started = Instant::now();
        let out = run.run();
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{prompt:?}: waited"
        );
        out.fails(2, needle);
        assert!(
            out.stderr.contains("--mfa-code") && out.stderr.contains("mfa_process"),
            "{prompt:?}: {}",
            out.stderr
        );
        assert!(
            w.calls("GetSessionToken").is_empty(),
            "{prompt:?}: no call was made"
        );
    }
    w.cmd(&["getcallerid", "--profile", "secure"])
        .env("AWS_LOGIN_MFA_PROMPT", "xmessage")
        .detached()
        .run()
        .fails(2, "terminal, zenity, kdialog, osascript, none");
}

#[test]
fn a_cancelled_dialog_or_one_that_answers_no_code_is_a_clear_error() {
    let w = world();
    w.executable("zenity", "#!/bin/sh\nexit 1\n");
    let out = w
        .cmd(&["getcallerid", "--profile", "secure"])
        .env("PATH", &path(&w))
        .detached()
        .run();
    out.fails(1, "the MFA dialog was cancelled");
    w.executable("zenity", "#!/bin/sh\necho '$(reboot)'\n");
    let out = w
        .cmd(&["getcallerid", "--profile", "secure"])
        .env("PATH", &path(&w))
        .detached()
        .run();
    out.fails(2, "the MFA code must be the 6 digits");
    assert!(!out.stderr.contains("reboot"), "{}", out.stderr);
}
