//! Sign-in end to end in a real browser: headless Chromium, opened through BROWSER.

use crate::harness::*;

/// What the Chromium wrapper was asked to open, one line per start.
fn chromium_args(w: &World) -> String {
    std::fs::read_to_string(w.home().join("chromium-args.log")).unwrap_or_default()
}

#[test]
fn chromium_completes_the_pkce_sign_in() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    let out = w
        .cmd(&[
            "getcallerid",
            "--start-url",
            START_URL,
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "Admin",
        ])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert!(
        out.arn().contains(":assumed-role/AWSReservedSSO_Admin_"),
        "{}",
        out.arn()
    );
    let page = wait_for_text(&dom, "Signed in.");
    assert!(page.contains("Signed in."), "the browser page: {page}");
}

#[test]
fn chromium_completes_the_device_sign_in() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    let out = w
        .cmd(&[
            "getcallerid",
            "--start-url",
            START_URL,
            "--use-device-code",
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "ReadOnly",
        ])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert!(
        out.arn().contains(":assumed-role/AWSReservedSSO_ReadOnly_"),
        "{}",
        out.arn()
    );
    assert!(
        out.stderr.contains("user_code="),
        "the code and URL are shown: {}",
        out.stderr
    );
    let page = wait_for_text(&dom, "approved");
    assert!(page.contains("approved"), "the browser page: {page}");
}

#[test]
fn chromium_lands_on_the_console_as_an_sso_role_two_hops_on() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    let t = w.fake.issue_sso_token(3600, false);
    let out = w
        .cmd(&[
            "console",
            "--sso-access-token",
            &t.access_token,
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "Admin",
            "--assume-roles",
            &format!("{FROM_SSO},{VIEWER}"),
            "--role-session-name",
            "chromium",
        ])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.stdout, "");
    let page = wait_for_text(&dom, "ConsoleViewer");
    assert!(
        page.contains("arn:aws:sts::333333333333:assumed-role/ConsoleViewer/chromium"),
        "the console page: {page}"
    );
    assert!(page.contains("us-east-1"), "{page}");
    // Through a local page that redirects: the token was on no command line, and the page
    // is gone.
    let opened = chromium_args(&w);
    assert!(
        opened.starts_with("file:///") && !opened.contains("SigninToken"),
        "{opened}"
    );
    let path = url::Url::parse(opened.trim())
        .unwrap()
        .to_file_path()
        .unwrap();
    assert!(!path.exists(), "the sign-in page is removed");
}

#[test]
fn chromium_lands_on_the_console_as_an_iam_user_through_a_federation_token() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    let out = w
        .alice(&["console", "--role-session-name", "alice-web"])
        .env("BROWSER", &browser)
        .run();
    out.ok();
    let page = wait_for_text(&dom, "federated-user");
    assert!(
        page.contains("arn:aws:sts::111111111111:federated-user/alice-web"),
        "the console page: {page}"
    );
}
