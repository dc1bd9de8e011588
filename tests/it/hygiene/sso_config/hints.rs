//! Point 4: a message that names a command to run names one that works when copied: it
//! signs in and stores the token under the key the failing command reads.

use std::os::unix::fs::symlink;

use crate::harness::*;
use crate::sso::{ACCT, admin_arn, cache_json, role_args};

/// The command a message suggests: what follows the first ` aws-login ` in its one line.
fn suggested(stderr: &str) -> String {
    let line = stderr.lines().next().unwrap_or_default();
    let at = line
        .find(" aws-login ")
        .unwrap_or_else(|| panic!("no aws-login command in: {stderr}"));
    line[at + 1..].trim_end().to_string()
}

/// Run a suggested command as a user who pastes it into sh, with aws-login on PATH and a
/// browser that approves the sign-in.
fn paste(w: &World, command: &str) -> Out {
    let bin = w.home().join("on-path");
    std::fs::create_dir_all(&bin).unwrap();
    let _ = symlink(BIN, bin.join("aws-login"));
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    w.cmd(&["-c", command])
        .program("/bin/sh")
        .env("PATH", &path)
        .env("BROWSER", &w.fetching_browser())
        .run()
}

fn cache_token(w: &World, key: &str, doc: &str) {
    let file = w.sso_cache_file(key);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, doc).unwrap();
}

#[test]
fn an_expired_token_names_a_sign_in_that_keeps_the_session_name_and_region() {
    let w = World::new();
    let dead = w.fake.issue_sso_token(-60, false);
    cache_token(&w, "corp", &cache_json(&dead, "eu-west-1"));
    let original = role_args(&["--sso-session-name", "corp", "--use-cache"]);
    let out = w.cmd(&original).run();
    out.fails(1, "--sso-session-name corp");
    let command = suggested(&out.stderr);
    for part in [
        "--sso-region eu-west-1",
        "--use-cache",
        &format!("--start-url {START_URL}"),
    ] {
        assert!(command.contains(part), "{part}: {command}");
    }
    paste(&w, &command).ok();
    let again = w.cmd(&original).run();
    again.ok();
    assert_eq!(again.arn(), admin_arn(&w));
}

#[test]
fn refresh_off_and_no_sign_in_name_a_sign_in_that_keeps_the_cache_key() {
    for extra in [
        &["--refresh", "off"][..],
        &["--no-sign-in", "--start-url", START_URL],
    ] {
        let w = World::new();
        let dead = w.fake.issue_sso_token(-60, false);
        cache_token(&w, "corp", &cache_json(&dead, "us-east-1"));
        let mut original = role_args(&["--sso-session-name", "corp", "--use-cache"]);
        original.extend_from_slice(extra);
        let out = w.cmd(&original).run();
        out.fails(1, "--sso-session-name corp");
        let command = suggested(&out.stderr);
        assert!(
            !command.contains("--sso-region"),
            "default region: {command}"
        );
        paste(&w, &command).ok();
        w.cmd(&original).run().ok();
    }
}

#[test]
fn an_sso_profile_without_a_token_names_the_sign_in_command_and_that_command_works() {
    let w = World::new();
    w.write(
        ".aws/config",
        &format!(
            "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
             [profile dev-admin]\nsso_session = corp\nsso_account_id = {ACCT}\nsso_role_name = Admin\n\n\
             [profile chained]\nrole_arn = {FROM_SSO}\nsource_profile = dev-admin\n\n\
             [profile old]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\nsso_account_id = {ACCT}\nsso_role_name = ReadOnly\n"
        ),
    );
    // aws-login resolves SSO profiles itself and signs in when needed; with
    // --no-sign-in it names the command that signs in for the profile given, here along
    // source_profile.
    let out = w
        .cmd(&["getcallerid", "--profile", "chained", "--no-sign-in"])
        .run();
    out.fails(1, "--no-sign-in forbids it");
    let command = suggested(&out.stderr);
    assert_eq!(command, "aws-login getcallerid --profile chained");
    paste(&w, &command).ok();
    let out = w
        .cmd(&["getcallerid", "--profile", "dev-admin", "--no-sign-in"])
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    w.cmd(&["getcallerid", "--profile", "chained", "--no-sign-in"])
        .run()
        .ok();

    // A legacy profile (sso_start_url in the profile): the cache key is the URL.
    let out = w
        .cmd(&["dumpcreds", "--profile", "old", "--no-sign-in"])
        .run();
    out.fails(1, "--no-sign-in forbids it");
    let command = suggested(&out.stderr);
    assert_eq!(command, "aws-login getcallerid --profile old");
    paste(&w, &command).ok();
    assert!(w.sso_cache_file(START_URL).is_file());
    w.cmd(&["dumpcreds", "--profile", "old", "--no-sign-in"])
        .run()
        .ok();
}

#[test]
fn a_session_without_a_token_or_a_config_section_names_its_name_in_the_sign_in() {
    let w = World::new();
    let out = w
        .cmd(&role_args(&["--sso-session-name", "corp", "--use-cache"]))
        .run();
    out.fails(1, "no SSO token is cached for corp");
    let command = suggested(&out.stderr);
    assert!(
        command.contains("--sso-session-name corp") && command.contains("--use-cache"),
        "{command}"
    );
}
