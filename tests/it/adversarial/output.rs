//! Adversarial: terminal and page output is inert. What a hostile server sends (OIDC
//! errors, device URLs and user codes, STS and portal messages) and what a user typed
//! reaches stderr without control or bidi characters, cut to a sane length, and the
//! sign-in callback page with its HTML escaped. Blank SSO options are refused before any
//! call.

use crate::harness::*;
use crate::sso::role_args;

/// Terminal escapes (OSC title, clear screen), a bare CR that would overwrite the line,
/// a C1 CSI, a bidi override, NEL, and markup for the page.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\rforged line\u{9b}31m\u{202e}evil\u{2066}\u{85}<script>alert(1)</script><img src=x onerror=alert(2)>";

/// The standard scenario with a `hostile` section.
fn hostile_world(hostile: serde_json::Value) -> World {
    let base = scenario_json();
    let at = base.rfind('}').unwrap();
    World::with_scenario(&format!("{},\n\"hostile\": {hostile}\n}}", &base[..at]))
}

/// Characters that act on a terminal or reorder what it shows: C0 controls but the line
/// ends, DEL, C1 controls, bidi embeddings/overrides/isolates and marks, line separators.
fn active(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{2028}' | '\u{2029}')
}

#[track_caller]
fn assert_inert(what: &str, stderr: &str) {
    let bad: Vec<String> = stderr
        .chars()
        .filter(|c| active(*c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} reached stderr: {stderr:?}");
}

#[test]
fn hostile_oidc_errors_device_urls_and_user_codes_reach_the_terminal_inert() {
    let device = role_args(&[
        "--start-url",
        START_URL,
        "--use-device-code",
        "--login-timeout",
        "2",
    ]);
    let pkce = role_args(&["--start-url", START_URL, "--login-timeout", "2"]);
    let evil = serde_json::Value::from(EVIL);
    let cases: Vec<(&str, serde_json::Value, &[&str])> = vec![
        (
            "StartDeviceAuthorization error",
            serde_json::json!({"error": evil, "error_description": evil, "fail": ["StartDeviceAuthorization"]}),
            &device,
        ),
        (
            "CreateToken error while polling",
            serde_json::json!({"error_description": evil, "fail": ["CreateToken"]}),
            &device,
        ),
        (
            "RegisterClient error (PKCE)",
            serde_json::json!({"error_description": evil, "fail": ["RegisterClient"]}),
            &pkce,
        ),
        (
            "a loopback verification URL with escapes",
            serde_json::json!({"verification_uri": format!("http://127.0.0.1:9/device{EVIL}"),
                               "verification_uri_complete": format!("http://127.0.0.1:9/device?user_code=x{EVIL}")}),
            &device,
        ),
        (
            "a javascript: verification URL",
            serde_json::json!({"verification_uri": format!("javascript:alert(1)//{EVIL}"),
                               "verification_uri_complete": format!("javascript:alert(1)//{EVIL}")}),
            &device,
        ),
        (
            "a user code with escapes",
            serde_json::json!({"user_code": format!("ABCD-{EVIL}")}),
            &device,
        ),
        (
            "a user code with a bidi override only",
            serde_json::json!({"user_code": "ABCD-\u{202e}EFGH"}),
            &device,
        ),
    ];
    for (what, hostile, args) in &cases {
        let w = hostile_world(hostile.clone());
        let browser = w.fetching_browser();
        let out = w.cmd(args).env("BROWSER", &browser).run();
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert_inert(what, &out.stderr);
        assert!(
            out.stderr.lines().last().unwrap().len() < 600,
            "{what}: {}",
            out.stderr
        );
        // Only an http(s) URL may be handed to the browser.
        let opened = std::fs::read_to_string(w.home().join("browser.log")).unwrap_or_default();
        assert!(!opened.contains("javascript:"), "{what}: opened {opened:?}");
    }
}

#[test]
fn a_hostile_authorize_error_is_inert_on_the_terminal_and_escaped_on_the_callback_page() {
    let w = hostile_world(serde_json::json!({
        "error": "access_denied\u{1b}[2J<b>x</b>", "error_description": EVIL, "fail": ["Authorize"]
    }));
    let out = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &w.fetching_browser())
        .run();
    assert_eq!((out.code, out.stdout.as_str()), (1, ""), "{}", out.stderr);
    assert_inert("the refused sign-in", &out.stderr);
    assert!(
        out.stderr.contains("sign-in was not approved"),
        "{}",
        out.stderr
    );
    // The callback page as the browser received it: the texts are there, escaped.
    let page = w.wait_browser_pages("Sign-in failed");
    assert!(page.contains("Sign-in failed"), "{page}");
    assert!(
        !page.contains("<script>") && !page.contains("<img") && !page.contains("<b>"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"), "{page}");

    // The same page in a real browser: no element was injected.
    let w = hostile_world(serde_json::json!({"error_description": EVIL, "fail": ["Authorize"]}));
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    let out = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &browser)
        .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    let page = wait_for_text(&dom, "Sign-in failed");
    assert!(page.contains("Sign-in failed"), "{page}");
    assert!(
        !page.contains("<script>") && !page.contains("<img"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;"), "{page}");
}

#[test]
fn hostile_sts_and_portal_error_messages_reach_the_terminal_inert_and_bounded() {
    let long = format!("{EVIL}{}", "x".repeat(100_000));
    let w = hostile_world(serde_json::json!({ "message": long }));
    // STS: a role that does not trust alice.
    let out = w.alice(&["getcallerid", "--assume-roles", FINAL]).run();
    out.fails(1, "AccessDenied");
    assert_inert("an STS error", &out.stderr);
    assert!(out.stderr.len() < 1000, "{} bytes", out.stderr.len());
    // The SSO portal: a role that is not assigned.
    let token = w.fake.issue_sso_token(3600, false).access_token;
    let out = w
        .cmd(&[
            "getcallerid",
            "--sso-access-token",
            &token,
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "NotAssigned",
        ])
        .run();
    out.fails(1, "ForbiddenException");
    assert_inert("a portal error", &out.stderr);
    assert!(out.stderr.len() < 1000, "{} bytes", out.stderr.len());
}

#[test]
fn blank_sso_options_are_usage_errors_before_any_call() {
    let w = World::new();
    let cases: [(&str, [&str; 3]); 6] = [
        ("--sso-access-token", ["", "111111111111", "Admin"]),
        ("--sso-access-token", ["  \t", "111111111111", "Admin"]),
        ("--sso-role-name", ["a-token", "111111111111", ""]),
        ("--sso-role-name", ["a-token", "111111111111", " "]),
        ("--sso-acct-id", ["a-token", "", "Admin"]),
        ("--sso-acct-id", ["a-token", "  ", "Admin"]),
    ];
    for (option, [token, acct, role]) in cases {
        w.fake.clear_log();
        let out = w
            .cmd(&[
                "getcallerid",
                "--sso-access-token",
                token,
                "--sso-acct-id",
                acct,
                "--sso-role-name",
                role,
            ])
            .run();
        out.fails(2, option);
        assert!(
            w.fake.log().is_empty(),
            "{option} {token:?}/{acct:?}/{role:?}: the emulator saw {:?}",
            w.fake.log()
        );
    }
}

#[test]
fn an_input_echoed_in_an_error_is_cut_short_and_inert() {
    let w = World::new();
    let huge = "x".repeat(100_000);
    let arn = format!("arn:aws:iam::111111111111:role/{huge}");
    let hostile = format!("us-east-1\u{1b}]0;pwned\u{7}\r\u{202e}{huge}");
    let url = format!("ftp://example.com/{huge}");
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("--region", vec!["getcallerid", "--region", &huge]),
        ("--region", vec!["getcallerid", "--region", &hostile]),
        (
            "--role-session-name",
            vec![
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--role-session-name",
                &huge,
            ],
        ),
        (
            "--role-session-name",
            vec![
                "getcallerid",
                "--assume-roles",
                DEPLOY,
                "--role-session-name",
                &hostile,
            ],
        ),
        (
            "--assume-roles",
            vec!["getcallerid", "--assume-roles", &huge],
        ),
        (
            "--assume-roles",
            vec!["getcallerid", "--assume-roles", &arn],
        ),
        (
            "--assume-roles",
            vec!["getcallerid", "--assume-roles", &hostile],
        ),
        (
            "external id",
            vec![
                "getcallerid",
                "--assume-roles",
                PARTNER,
                "--external-id",
                &hostile,
            ],
        ),
        (
            "--mfa-serial",
            vec![
                "getcallerid",
                "--assume-roles",
                SECURE,
                "--mfa-serial",
                &hostile,
            ],
        ),
        (
            "--sso-acct-id",
            vec![
                "getcallerid",
                "--sso-access-token",
                "t",
                "--sso-acct-id",
                &hostile,
                "--sso-role-name",
                "Admin",
            ],
        ),
        (
            "--start-url",
            vec![
                "getcallerid",
                "--start-url",
                &url,
                "--sso-acct-id",
                "111111111111",
                "--sso-role-name",
                "Admin",
            ],
        ),
        (
            "--start-url",
            vec![
                "getcallerid",
                "--start-url",
                &hostile,
                "--sso-acct-id",
                "111111111111",
                "--sso-role-name",
                "Admin",
            ],
        ),
        ("profile", vec!["getcallerid", "--profile", &hostile]),
        (
            "--duration-seconds",
            vec!["getcallerid", "--duration-seconds", &hostile],
        ),
        (
            "--destination",
            vec!["console", "--destination", &hostile, "--no-browser"],
        ),
        (
            "--service",
            vec!["console", "--service", &hostile, "--no-browser"],
        ),
    ];
    for (needle, args) in &cases {
        let out = w.alice(args).run();
        assert!(
            out.code == 1 || out.code == 2,
            "{needle}: exit {} {}",
            out.code,
            out.stderr
        );
        assert_eq!(out.stdout, "", "{needle}");
        let line = out.stderr.lines().last().unwrap_or_default();
        assert!(
            line.starts_with("aws-login: ") && line.contains(needle),
            "{needle}: {}",
            &out.stderr[..out.stderr.len().min(400)]
        );
        // The --service message lists the services it knows (about 330 bytes of its own).
        let limit = if *needle == "--service" { 600 } else { 300 };
        assert!(
            out.stderr.len() < limit,
            "{needle}: {} bytes on stderr: {}",
            out.stderr.len(),
            &out.stderr[..out.stderr.len().min(400)]
        );
        assert_inert(needle, &out.stderr);
    }
}
