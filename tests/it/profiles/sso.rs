//! IAM Identity Center profiles: the shared token cache, and a sign-in when it holds
//! nothing usable (unless `--no-sign-in`), also as the source of a role profile.

use super::{assumed, sso_config};
use crate::harness::*;
use crate::sso::admin_arn;

#[test]
fn an_sso_session_profile_signs_in_through_headless_chromium_when_no_token_is_cached() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    w.write(".aws/config", &sso_config(""));
    let out = w
        .cmd(&["getcallerid", "--profile", "dev"])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert!(wait_for_text(&dom, "Signed in.").contains("Signed in."));
    // Stored where the AWS CLI looks for this sso-session, and used from there next time.
    assert!(w.sso_cache_file("corp").is_file());
    w.fake.clear_log();
    w.cmd(&["getcallerid", "--profile", "dev", "--no-sign-in"])
        .run()
        .ok();
    assert!(w.calls("CreateToken").is_empty());
}

#[test]
fn a_legacy_sso_start_url_profile_signs_in_and_caches_under_the_start_url() {
    let w = World::new();
    let browser = w.fetching_browser();
    w.write(
        ".aws/config",
        &format!(
            "[profile legacy]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Admin\n"
        ),
    );
    let out = w
        .cmd(&["getcallerid"])
        .env("AWS_PROFILE", "legacy")
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert!(w.sso_cache_file(START_URL).is_file());
}

#[test]
fn no_sign_in_refuses_to_sign_in_for_a_profile_and_names_the_command_that_would() {
    let w = World::new();
    let browser = w.fetching_browser();
    w.write(".aws/config", &sso_config(""));
    w.cmd(&["getcallerid", "--profile", "dev", "--no-sign-in"])
        .env("BROWSER", &browser)
        .run()
        .fails(1, "--no-sign-in forbids it")
        .fails(1, "aws-login getcallerid --profile dev");
    assert!(!w.home().join("browser.log").exists());
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
}

#[test]
fn a_role_profile_whose_source_is_an_sso_profile_signs_in_then_assumes_the_role() {
    let w = World::new();
    let browser = w.fetching_browser();
    w.write(
        ".aws/config",
        &sso_config(&format!(
            "[profile viewer]\nrole_arn = {VIEWER}\nsource_profile = fromsso\n\n\
             [profile fromsso]\nrole_arn = {FROM_SSO}\nsource_profile = dev\n"
        )),
    );
    let out = w
        .cmd(&["getcallerid", "--profile", "viewer", "--use-device-code"])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::333333333333:assumed-role/ConsoleViewer/aws-login"
    );
    let roles: Vec<String> = assumed(&w)
        .iter()
        .map(|e| e.params["RoleArn"].clone())
        .collect();
    assert_eq!(roles, [FROM_SSO, VIEWER]);
    // --use-device-code chose the flow.
    assert!(!w.calls("StartDeviceAuthorization").is_empty());
}
