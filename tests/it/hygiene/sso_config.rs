//! `[sso-session NAME]` in the config is a source of settings,
//! and every message that tells the user what to run gives a command that works.

mod errors;
mod hints;

use crate::harness::*;
use crate::sso::{ACCT, admin_arn, cache_json, role_args};

const SCOPES: &str = "sso:account:access,codewhisperer:completions";

/// A config with `[sso-session corp]` (region eu-west-1, two scopes) and a profile on it.
fn corp_config(w: &World) -> std::path::PathBuf {
    w.write(
        ".aws/config",
        &format!(
            "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = eu-west-1\nsso_registration_scopes = {SCOPES}\n\n\
             [profile dev-admin]\nsso_session = corp\nsso_account_id = {ACCT}\nsso_role_name = Admin\nregion = us-east-1\n"
        ),
    )
}

#[test]
fn a_session_name_alone_signs_in_with_the_config_section_and_the_aws_cli_uses_the_token() {
    let w = World::new();
    corp_config(&w);
    let out = w
        .cmd(&role_args(&["--sso-session-name", "corp"]))
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    // The token went where the SDKs look for sso_session = corp, with the section's region.
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w.sso_cache_file("corp")).unwrap()).unwrap();
    assert_eq!(cached["startUrl"], START_URL);
    assert_eq!(cached["region"], "eu-west-1");
    // The client was registered with the section's scopes.
    let regs = w.fake.sso_registrations();
    assert_eq!(regs.len(), 1, "{regs:?}");
    assert_eq!(
        regs[0].scopes,
        ["sso:account:access", "codewhisperer:completions"]
    );
    assert_eq!(regs[0].issuer_url.as_deref(), Some(START_URL));

    // The same options again use the cache and refresh nothing, with --use-cache.
    w.fake.clear_log();
    w.cmd(&role_args(&["--sso-session-name", "corp", "--use-cache"]))
        .env("BROWSER", &w.idle_browser())
        .run()
        .ok();
    assert!(
        w.fake
            .log()
            .iter()
            .all(|e| e.service != fake_aws::Service::SsoOidc),
        "{:?}",
        w.fake.log()
    );

    if !have("aws") {
        return;
    }
    let arn = w.aws_cli_arn("dev-admin");
    assert_eq!(arn, admin_arn(&w));
}

#[test]
fn dumpconfig_takes_the_start_url_region_and_scopes_from_the_config_section() {
    let w = World::new();
    corp_config(&w);
    let out = w
        .cmd(&["dumpconfig", "--sso-session-name", "corp"])
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    let block: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "[sso-session corp]")
        .take(4)
        .collect();
    assert_eq!(
        block,
        [
            "[sso-session corp]",
            "sso_region = eu-west-1",
            &format!("sso_start_url = {START_URL}"),
            &format!("sso_registration_scopes = {SCOPES}"),
        ],
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("[profile dev-Admin]"), "{}", out.stdout);
}

#[test]
fn the_command_line_wins_and_a_mismatch_with_the_config_section_is_a_usage_error() {
    let w = World::new();
    let config = corp_config(&w);
    let t = w.fake.issue_sso_token(3600, false);
    std::fs::create_dir_all(w.sso_cache_file("corp").parent().unwrap()).unwrap();
    std::fs::write(w.sso_cache_file("corp"), cache_json(&t, "eu-west-1")).unwrap();
    let base = ["--sso-session-name", "corp", "--use-cache", "--no-sign-in"];

    let other = "https://other.awsapps.com/start";
    let mut args = role_args(&base);
    args.extend(["--start-url", other]);
    let out = w.cmd(&args).run();
    out.fails(2, other);
    for needle in [
        START_URL,
        "[sso-session corp]",
        &config.display().to_string(),
    ] {
        assert!(out.stderr.contains(needle), "{needle}: {}", out.stderr);
    }

    let mut args = role_args(&base);
    args.extend(["--sso-region", "ap-south-1"]);
    let out = w.cmd(&args).run();
    out.fails(2, "ap-south-1");
    assert!(out.stderr.contains("eu-west-1"), "{}", out.stderr);

    // Equal values (a trailing slash aside) are no conflict.
    let mut args = role_args(&base);
    args.extend([
        "--start-url",
        "https://example.awsapps.com/start/",
        "--sso-region",
        "eu-west-1",
    ]);
    w.cmd(&args).run().ok();
}

#[test]
fn hostile_values_in_the_sso_session_section_are_refused_naming_the_file_and_section() {
    let w = World::new();
    let cases = [
        (
            "sso_start_url = http://example.com/start\nsso_region = us-east-1",
            "sso_start_url",
        ),
        (
            "sso_start_url = https://u:p@example.com/start\nsso_region = us-east-1",
            "sso_start_url",
        ),
        (
            &*format!("sso_start_url = {START_URL}\nsso_region = us-east-1;id"),
            "sso_region",
        ),
        (
            &*format!("sso_start_url = {START_URL}\nsso_region = ../../x"),
            "sso_region",
        ),
        (
            &*format!(
                "sso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access,$(id)"
            ),
            "sso_registration_scopes",
        ),
        (
            &*format!(
                "sso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = ,"
            ),
            "sso_registration_scopes",
        ),
    ];
    for (body, key) in cases {
        let config = w.write(".aws/config", &format!("[sso-session corp]\n{body}\n"));
        for argv in [
            role_args(&["--sso-session-name", "corp"]),
            vec!["dumpconfig", "--sso-session-name", "corp"],
        ] {
            let out = w.cmd(&argv).env("BROWSER", &w.idle_browser()).run();
            out.fails(2, key);
            assert!(
                out.stderr.contains("[sso-session corp]")
                    && out.stderr.contains(&config.display().to_string()),
                "{body}: {}",
                out.stderr
            );
            assert!(!out.stderr.contains("u:p@"), "{}", out.stderr);
        }
    }
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
}

#[test]
fn importcache_refuses_a_token_for_another_portal_under_a_configured_session_name() {
    let w = World::new();
    corp_config(&w);
    let t = w.fake.issue_sso_token(3600, true);
    let mut other: serde_json::Value = serde_json::from_str(&cache_json(&t, "eu-west-1")).unwrap();
    other["startUrl"] = "https://other.awsapps.com/start".into();
    let out = w
        .cmd(&[
            "importcache",
            "--accesstoken-cache",
            &other.to_string(),
            "--sso-session-name",
            "corp",
        ])
        .run();
    out.fails(2, "https://other.awsapps.com/start");
    assert!(
        out.stderr.contains(START_URL) && out.stderr.contains("[sso-session corp]"),
        "{}",
        out.stderr
    );
    assert!(!w.sso_cache_file("corp").exists());
    w.cmd(&[
        "importcache",
        "--accesstoken-cache",
        &cache_json(&t, "eu-west-1"),
        "--sso-session-name",
        "corp",
    ])
    .run()
    .ok();
    w.cmd(&role_args(&["--sso-session-name", "corp", "--use-cache"]))
        .run()
        .ok();
}

#[test]
fn awsl_refresh_of_an_identity_from_a_session_name_reads_the_cache_without_a_browser() {
    if !have("bash") {
        return;
    }
    let w = World::new();
    corp_config(&w);
    let init = render(&w, "bash", &[], "r.bash");
    let script = format!(
        ". '{}'; awsl assume --sso-session-name corp --sso-acct-id {ACCT} --sso-role-name Admin || exit 9; \
         rm -f '{log}'; awsl refresh && echo refreshed; [ -e '{log}' ] && echo browser-opened; echo done",
        init.display(),
        log = w.home().join("browser.log").display()
    );
    let out = w
        .cmd(&["--norc", "-c", &script])
        .program(which("bash").unwrap())
        .env("BROWSER", &w.fetching_browser())
        .run();
    assert!(
        out.stdout.contains("refreshed") && out.stdout.contains("done"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    assert!(!out.stdout.contains("browser-opened"), "{}", out.stdout);
}
