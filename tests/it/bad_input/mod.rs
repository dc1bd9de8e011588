//! Bad input: one `aws-login: …` line naming the fix, exit 1 or 2, and no call made.
//!
//! The table of bad command lines is in `cases`.

mod cases;

use crate::harness::*;
use crate::sso::{cache_json, role_args};
use cases::cases;

#[test]
fn bad_input_gets_one_line_naming_the_fix_and_makes_no_call() {
    let w = World::new().with_user_profiles();
    w.write("empty.json", "  \n");
    let cases = cases();
    assert!(cases.len() >= 25);
    for (args, code, needle) in cases {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        // `fails` checks the exit code, empty stdout and the single `aws-login: ` line.
        eprintln!("case: {argv:?}");
        w.alice(&argv).run().fails(code, needle);
        assert!(
            w.fake.log().is_empty(),
            "{argv:?} made a call: {:?}",
            w.fake.log()
        );
    }
}

#[test]
fn session_tokens_need_long_term_keys_and_no_call_is_made() {
    let w = World::new();
    let s = w.fake.mint_role_session(DEPLOY, "temp", 3600);
    for flag in ["--get-session-token", "--get-federation-token"] {
        let out = w.cmd(&["getcallerid", flag]).session(&s).run();
        out.fails(1, "long-term IAM user keys");
        assert!(out.stderr.contains(flag));
    }
    assert!(w.sts_actions().is_empty());
}

#[test]
fn cmd_exe_output_refuses_values_it_cannot_represent() {
    let w = World::new();
    let out = w
        .cmd(&["dumpcreds", "--outform", "windows"])
        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "50%-of-a-secret")
        .run();
    out.fails(1, "--outform powershell");
}

#[test]
fn help_and_version_go_to_stdout_with_exit_0() {
    let w = World::new();
    let v = w.cmd(&["--version"]).run();
    v.ok();
    assert_eq!(
        v.stdout.trim(),
        format!("aws-login {}", env!("CARGO_PKG_VERSION"))
    );
    let h = w.cmd(&["dumpcreds", "--help"]).run();
    h.ok();
    assert!(h.stdout.contains("--outform"));
}

/// No command word: a short usage on stderr (the usage line, the commands, where the
/// help is), exit 2; not the whole help.
#[test]
fn no_command_prints_a_short_usage_and_exits_2() {
    let w = World::new();
    for (args, usage, commands) in [
        (
            &[][..],
            "Usage: aws-login [OPTIONS] <COMMAND>",
            "getcallerid",
        ),
        (
            &["shell"][..],
            "Usage: aws-login shell [OPTIONS] <COMMAND>",
            "init, completions",
        ),
    ] {
        let out = w.cmd(args).run();
        assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{args:?}");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert!(lines.len() <= 4, "{args:?}: {}", out.stderr);
        assert_eq!(lines[0], usage, "{}", out.stderr);
        assert!(
            lines[1].starts_with("Commands: ") && lines[1].contains(commands),
            "{}",
            out.stderr
        );
        assert!(!lines[1].contains("help"), "{}", out.stderr);
        let more = format!(
            "See 'aws-login{} --help'",
            args.iter().map(|a| format!(" {a}")).collect::<String>()
        );
        assert!(lines[2].starts_with(&more), "{}", out.stderr);
    }
}

/// An endpoint override that is no URL (or empty): one line, exit 2, before any call. The
/// SDK found out only when applying it to a request, and said so with the request
/// rendered: for a token refresh, a body with the client secret and the refresh token.
#[test]
fn an_endpoint_variable_that_is_no_url_exits_2_before_any_call() {
    let w = World::new();
    let t = w.fake.issue_sso_token(-60, true);
    let cache = cache_json(&t, "us-east-1");
    for var in [
        "AWS_ENDPOINT_URL_SSO_OIDC",
        "AWS_ENDPOINT_URL_SSO",
        "AWS_ENDPOINT_URL_STS",
        "AWS_ENDPOINT_URL",
    ] {
        // Empty, the SDK aborted (a panic).
        for value in ["not a url", ""] {
            w.cmd(&role_args(&["--accesstoken-cache", &cache]))
                .env(var, value)
                .run()
                .fails(2, &format!("{var} is not an endpoint URL"));
        }
    }
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
}

/// Where an unusable endpoint comes from the config file instead (a profile's
/// `endpoint_url`, or a `[services]` section's), it is named with the file, exit 2, before
/// any call. The SDK found out only when sending, blamed the network and named
/// AWS_ENDPOINT_URL_STS, with the request it could not send in its message.
#[test]
fn an_endpoint_in_the_config_file_that_is_no_url_is_named_with_the_file() {
    let w = World::new().with_user_profiles();
    let file = w.config_path().display().to_string();
    // Without the emulator's endpoint (set for every run), which overrides the profile's.
    let run = |config: &str, extra: &[&str]| {
        w.write(".aws/config", config);
        let mut args = vec!["-u", "AWS_ENDPOINT_URL_STS"];
        args.extend_from_slice(extra);
        args.extend([BIN, "getcallerid", "--profile", "alice"]);
        w.cmd(&args).program(which("env").unwrap()).run()
    };
    let out = run("[profile alice]\nendpoint_url = not a url\n", &[]);
    out.fails(
        2,
        &format!("endpoint_url of profile 'alice' in {file} is not an endpoint URL"),
    );
    assert_eq!(debug_rendering(&out.stderr), None, "{}", out.stderr);
    assert!(!out.stderr.contains("Action="), "{}", out.stderr);
    let services = "[profile alice]\nservices = local\n[services local]\nsts =\n  endpoint_url = ftp://nowhere\n";
    run(services, &[]).fails(
        2,
        &format!("sts.endpoint_url of [services local] in {file} is not an endpoint URL"),
    );
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
    // What the SDK would not use is not checked: a variable points STS elsewhere, or the
    // configured endpoints are ignored.
    let sts = w.fake.url();
    let arg = format!("AWS_ENDPOINT_URL_STS={sts}");
    let out = run(services, &[&arg]);
    out.ok();
    assert_eq!(out.arn(), "arn:aws:iam::111111111111:user/alice");
    // Told to ignore configured endpoints, the SDK ignores the variables too and goes to
    // AWS, here through a proxy that is not there (so nothing leaves the machine, and no
    // name is looked up): the bad value is not what stops the run.
    let ignoring = services.replace(
        "services = local\n",
        "services = local\nignore_configured_endpoint_urls = true\n",
    );
    let out = run(&ignoring, &[&arg, "HTTPS_PROXY=http://127.0.0.1:9"]);
    out.fails(1, "the proxy http://127.0.0.1:9 (HTTPS_PROXY)");
    assert!(!out.stderr.contains("endpoint_url of"), "{}", out.stderr);
}

#[test]
fn an_unknown_aws_profile_is_an_error_unless_environment_keys_take_precedence() {
    let w = World::new().with_user_profiles();
    w.cmd(&["getcallerid"])
        .env("AWS_PROFILE", "nope")
        .run()
        .fails(2, "AWS_PROFILE");
    let out = w.alice(&["getcallerid"]).env("AWS_PROFILE", "nope").run();
    out.ok();
    assert_eq!(out.arn(), "arn:aws:iam::111111111111:user/alice");
}
