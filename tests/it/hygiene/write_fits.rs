//! `dumpconfig --write` fits the config a user already has: the
//! `[sso-session]` that `aws configure sso` wrote, a config that is a symlink into a
//! dotfiles repository, a file with a doubled block, and names that would collide.
//! botocore and the aws CLI read the result.

use std::path::Path;

use crate::dumpconfig::{profile_names, run, token_args};
use crate::harness::*;

/// What `aws configure sso` writes for the session `corp` (the emulator's portal).
const CONFIGURE_SSO: &str = "[profile corp-admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\noutput = json\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n";

/// What botocore makes of the config: the profiles in the order it lists them, the
/// sso-sessions, and one generated profile.
fn botocore_view(w: &World) -> Option<serde_json::Value> {
    if !have("python3") {
        return None;
    }
    let script = "import botocore.session, json\ns = botocore.session.Session()\nc = s.full_config\nprint(json.dumps({'profiles': list(s.available_profiles), 'sessions': c.get('sso_sessions', {}), 'dev': c['profiles'].get('dev-Admin')}))";
    let out = w
        .cmd(&["-c", script])
        .program(which("python3").unwrap())
        .run();
    assert_eq!(out.code, 0, "botocore: {}", out.stderr);
    Some(out.json())
}

fn sign_in_and_write(w: &World, extra: &[&str]) -> Out {
    let mut args = vec![
        "dumpconfig",
        "--start-url",
        START_URL,
        "--use-cache",
        "--sso-session-name",
        "corp",
        "--write",
    ];
    args.extend_from_slice(extra);
    w.cmd(&args).env("BROWSER", &w.fetching_browser()).run()
}

fn caller_arn_with_the_aws_cli(w: &World, profile: &str) -> Option<String> {
    if !have("aws") {
        return None;
    }
    Some(w.aws_cli_arn(profile))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn an_sso_session_that_aws_configure_sso_wrote_is_used_as_it_is() {
    let w = World::new();
    let config = w.write(".aws/config", CONFIGURE_SSO);
    let out = sign_in_and_write(&w, &["--region", "us-east-1"]);
    out.ok();
    let after = read(&config);
    assert!(after.starts_with(CONFIGURE_SSO), "{after}");
    let sections = after.lines().filter(|l| l.starts_with("[sso-session "));
    assert_eq!(sections.count(), 1, "{after}");
    let block = &after[CONFIGURE_SSO.len()..];
    assert!(!block.contains("sso_start_url"), "{block}");
    assert_eq!(
        profile_names(block),
        ["dev-Admin", "dev-ReadOnly", "prod-Admin"]
    );
    assert_eq!(block.matches("sso_session = corp\n").count(), 3, "{block}");
    // A rerun finds it up to date.
    let again = sign_in_and_write(&w, &["--region", "us-east-1"]);
    again.ok();
    assert!(again.stderr.contains("up to date"), "{}", again.stderr);
    assert_eq!(read(&config), after);

    if let Some(view) = botocore_view(&w) {
        assert_eq!(
            view["profiles"],
            serde_json::json!(["corp-admin", "dev-Admin", "dev-ReadOnly", "prod-Admin"]),
            "each profile once"
        );
        assert_eq!(
            view["sessions"]["corp"]["sso_start_url"], START_URL,
            "{view}"
        );
        assert_eq!(view["dev"]["sso_session"], "corp");
    }
    // The aws CLI signs the generated profile in through that session, with aws-login's token.
    if let Some(arn) = caller_arn_with_the_aws_cli(&w, "prod-Admin") {
        assert!(
            arn.starts_with("arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_Admin_"),
            "{arn}"
        );
        // And the profile `aws configure sso` wrote uses the same token.
        let arn = caller_arn_with_the_aws_cli(&w, "corp-admin").unwrap();
        assert!(
            arn.starts_with("arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_"),
            "{arn}"
        );
    }
}

#[test]
fn a_conflicting_sso_session_is_an_error_naming_both_values() {
    let w = World::new();
    let mut args = token_args(&w);
    // The region conflicts only when the command line names one: without --sso-region
    // the section's region is simply used (point 3).
    for (key, theirs, ours, extra) in [
        (
            "sso_start_url",
            "https://other.awsapps.com/start",
            START_URL,
            None,
        ),
        ("sso_region", "eu-west-1", "us-east-1", Some("--sso-region")),
    ] {
        if let Some(flag) = extra {
            args.extend([flag.to_string(), ours.to_string()]);
        }
        let text = CONFIGURE_SSO.replace(&format!("{key} = {ours}"), &format!("{key} = {theirs}"));
        assert_ne!(text, CONFIGURE_SSO);
        let config = w.write(".aws/config", &text);
        let out = run(&w, &args, &["--write"]);
        // The session section is a source of settings (point 3): a mismatch with the
        // command line is a usage error before any call.
        out.fails(2, theirs);
        assert!(
            out.stderr.contains(ours) && out.stderr.contains(key),
            "{}",
            out.stderr
        );
        assert_eq!(read(&config), text, "the file is untouched");
    }
    assert!(!w.home().join(".aws/config.bak").exists());
}

#[test]
fn a_symlinked_config_stays_a_symlink_and_its_target_is_updated() {
    let w = World::new();
    let original = "[default]\nregion = eu-west-1\n";
    let target = w.write("dotfiles/aws/config", original);
    let link = w.config_path();
    std::os::unix::fs::symlink("../dotfiles/aws/config", &link).unwrap();
    let out = run(&w, &token_args(&w), &["--write"]);
    out.ok();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let after = read(&target);
    assert!(
        after.starts_with(original) && after.contains("# BEGIN aws-login corp"),
        "{after}"
    );
    assert_eq!(read(&w.home().join("dotfiles/aws/config.bak")), original);
    assert!(!w.home().join(".aws/config.bak").exists());
    if let Some(view) = botocore_view(&w) {
        assert_eq!(
            view["profiles"],
            serde_json::json!(["default", "dev-Admin", "dev-ReadOnly", "prod-Admin"])
        );
    }

    // A link to nothing is an error: aws-login does not create files where a link points.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink("../dotfiles/gone/config", &link).unwrap();
    run(&w, &token_args(&w), &["--write"]).fails(2, "does not exist");
    assert!(!w.home().join("dotfiles/gone").exists());
}

#[test]
fn a_doubled_or_stray_block_marker_is_an_error_and_the_file_is_untouched() {
    let w = World::new();
    let args = token_args(&w);
    let block = "# BEGIN aws-login corp\n[profile old]\nregion = us-east-1\n# END aws-login corp\n";
    for (text, needle) in [
        (format!("[default]\n{block}\n{block}"), "2 blocks"),
        (
            format!("{block}[profile x]\n# END aws-login corp\n"),
            "# END aws-login corp",
        ),
        (
            "[default]\n# END aws-login corp\n".to_string(),
            "# END aws-login corp",
        ),
    ] {
        let config = w.write(".aws/config", &text);
        run(&w, &args, &["--write"]).fails(2, needle);
        assert_eq!(read(&config), text);
    }
    assert!(!w.home().join(".aws/config.bak").exists());
}

#[test]
fn a_name_format_that_makes_names_collide_is_refused_before_any_output() {
    let w = World::new();
    let args = token_args(&w);
    let original = "[default]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", original);
    // dev and prod both have Admin; dev has two roles.
    for format in ["{role_name}", "{account_name}", "x"] {
        for write in [false, true] {
            let mut extra = vec!["--name-format", format];
            if write {
                extra.push("--write");
            }
            let out = run(&w, &args, &extra);
            out.fails(2, "--name-format");
            assert_eq!(out.stdout, "");
            assert_eq!(read(&config), original);
        }
    }
    // Names that differ are fine (two accounts that merely share a name get the account
    // id appended: dumpconfig::the_output_is_ini_the_aws_cli_lists_profile_by_profile).
    run(&w, &args, &["--name-format", "{account_name}.{role_name}"]).ok();
}

#[test]
fn an_empty_sso_session_name_is_refused() {
    let w = World::new();
    let original = "[default]\nregion = eu-west-1\n";
    let config = w.write(".aws/config", original);
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&[
            "dumpconfig",
            "--sso-access-token",
            &t.access_token,
            "--start-url",
            START_URL,
            "--sso-session-name",
            "",
            "--write",
        ])
        .run();
    out.fails(2, "--sso-session-name");
    assert_eq!(out.stdout, "");
    assert_eq!(read(&config), original);
}
