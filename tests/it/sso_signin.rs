//! IAM Identity Center sign-in: PKCE and device-code flows, the loopback listener, failures.
//!
//! Here: the PKCE flow through the loopback listener and its failures; the device-code flow
//! in `device`; a browser that does not open in `no_browser`.

mod device;
mod no_browser;
mod vanity;

use std::os::unix::fs::PermissionsExt;

use crate::harness::*;
use crate::sso::{admin_arn, oidc_actions, role_args};

#[test]
fn pkce_sign_in_stores_the_token_in_the_aws_cli_cache_and_reuses_the_registration() {
    let w = World::new();
    let browser = w.fetching_browser();
    let out = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert!(
        w.browser_pages().contains("Signed in."),
        "{}",
        w.browser_pages()
    );
    let opened = std::fs::read_to_string(w.home().join("browser.log")).unwrap();
    assert!(
        opened.starts_with(&format!(
            "{}/authorize?response_type=code&client_id=",
            w.fake.url()
        )),
        "{opened}"
    );
    assert!(
        opened.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A")
            && opened.contains("code_challenge_method=S256")
    );

    let file = w.sso_cache_file(START_URL);
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(
        std::fs::metadata(file.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for key in [
        "startUrl",
        "region",
        "accessToken",
        "expiresAt",
        "clientId",
        "clientSecret",
        "registrationExpiresAt",
        "refreshToken",
    ] {
        assert!(cached[key].is_string(), "{key} missing: {cached}");
    }
    assert!(cached["expiresAt"].as_str().unwrap().ends_with('Z'));

    let reg = w
        .fake
        .log()
        .iter()
        .find(|e| e.action == "RegisterClient")
        .unwrap()
        .params
        .clone();
    assert!(
        reg.get("grantTypes")
            .is_some_and(|g| g.contains("authorization_code") && g.contains("refresh_token")),
        "{reg:?}"
    );

    // A second sign-in reuses the client registration.
    w.cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &browser)
        .run()
        .ok();
    let registrations = oidc_actions(&w)
        .iter()
        .filter(|a| *a == "RegisterClient")
        .count();
    assert_eq!(registrations, 1, "{:?}", oidc_actions(&w));
}

/// The service no longer knows the cached client registration: its id becomes one the
/// service never issued.
fn forget_cached_client(w: &World) {
    let dir = w.home().join(".aws/sso/cache");
    let reg = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("aws-login-client-")
                && p.extension().is_some_and(|x| x == "json")
        })
        .expect("a cached registration");
    let text = std::fs::read_to_string(&reg).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["clientId"] = "forgotten-client".into();
    std::fs::write(&reg, doc.to_string()).unwrap();
}

#[test]
fn a_cached_client_the_service_forgot_is_registered_again_before_the_browser_opens() {
    let w = World::new();
    let browser = w.fetching_browser();
    let args = role_args(&["--start-url", START_URL]);
    w.cmd(&args).env("BROWSER", &browser).run().ok();
    forget_cached_client(&w);
    std::fs::remove_file(w.sso_cache_file(START_URL)).unwrap();
    // Bounded: sent to /authorize with the forgotten client, the browser would only get an
    // error page and the run would wait for the whole timeout.
    let again = [&args[..], &["--fresh", "--login-timeout", "15"]].concat();
    let out = w.cmd(&again).env("BROWSER", &browser).run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    let registrations = oidc_actions(&w)
        .iter()
        .filter(|a| *a == "RegisterClient")
        .count();
    assert_eq!(registrations, 2, "{:?}", oidc_actions(&w));
    let opened = std::fs::read_to_string(w.home().join("browser.log")).unwrap();
    assert_eq!(opened.lines().count(), 2, "{opened}");
    assert!(!opened.contains("client_id=forgotten-client"), "{opened}");
    assert!(!w.browser_pages().contains("Unknown or expired client_id"));
}

#[test]
fn nrt_asks_for_a_token_without_a_refresh_token() {
    let w = World::new();
    let out = w
        .cmd(&role_args(&["--start-url", START_URL, "--nrt"]))
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    let reg = w.first_call("RegisterClient");
    assert!(
        !reg.params["grantTypes"].contains("refresh_token"),
        "{:?}",
        reg.params
    );
    let cached = std::fs::read_to_string(w.sso_cache_file(START_URL)).unwrap();
    assert!(!cached.contains("refreshToken"), "{cached}");
}

#[test]
fn the_listener_is_loopback_only_and_ignores_strays_and_wrong_state() {
    let w = World::new();
    // A browser that first probes: another loopback address, a stray path, a forged state;
    // then signs in for real.
    let script = format!(
        r#"#!/bin/sh
exec python3 - "$1" >> '{log}' 2>&1 <<'PY'
import sys, urllib.request, urllib.parse, socket
url = sys.argv[1]
q = urllib.parse.parse_qs(urllib.parse.urlparse(url).query)
cb = urllib.parse.urlparse(q["redirect_uri"][0])
def status(u):
    try:
        return urllib.request.urlopen(u, timeout=5).status
    except urllib.error.HTTPError as e:
        return e.code
try:
    socket.create_connection(("127.0.0.2", cb.port), timeout=2).close()
    print("other-loopback: reachable")
except OSError:
    print("other-loopback: refused")
print("stray:", status(f"http://127.0.0.1:{{cb.port}}/favicon.ico"))
print("forged:", status(f"http://127.0.0.1:{{cb.port}}{{cb.path}}?code=stolen&state=forged"))
print("real:", status(url))
PY
"#,
        log = w.home().join("probe.log").display()
    );
    let browser = w.executable("probe-browser", &script);
    let out = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &browser)
        .run();
    out.ok();
    let probe = std::fs::read_to_string(w.home().join("probe.log")).unwrap();
    assert!(probe.contains("other-loopback: refused"), "{probe}");
    assert!(probe.contains("stray: 404"), "{probe}");
    assert!(probe.contains("forged: 400"), "{probe}");
    assert!(probe.contains("real: 200"), "{probe}");
    let tokens: Vec<_> = w.calls("CreateToken");
    assert_eq!(tokens.len(), 1, "the forged code was never exchanged");
}

#[test]
fn a_denied_sign_in_and_a_timeout_fail_cleanly_and_write_nothing() {
    let w = World::new();
    w.fake.set_sso_deny(true);
    let out = w
        .cmd(&role_args(&["--start-url", START_URL]))
        .env("BROWSER", &w.fetching_browser())
        .run();
    // A progress line ("signing in … in the browser"), then the error.
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    let last = out.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("aws-login: sign-in was not approved: access_denied"),
        "{}",
        out.stderr
    );
    // The browser writes the page in the background, possibly after aws-login exited.
    let pages = w.wait_browser_pages("Sign-in failed");
    assert!(pages.contains("Sign-in failed"), "{pages}");
    w.fake.set_sso_deny(false);
    let out = w
        .cmd(&role_args(&[
            "--start-url",
            START_URL,
            "--login-timeout",
            "2",
        ]))
        .env("BROWSER", &w.idle_browser())
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .lines()
            .last()
            .unwrap()
            .contains("timed out after 2 s"),
        "{}",
        out.stderr
    );
    assert!(!w.sso_cache_file(START_URL).exists());
}

#[test]
fn on_a_terminal_a_spinner_says_what_to_do_while_waiting() {
    if !have("script") {
        return;
    }
    let w = World::new();
    // A browser that takes its time, so the wait is visible.
    let slow = w.executable(
        "slow-browser",
        "#!/bin/sh\nsleep 1\nexec python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' \"$1\"\n",
    );
    let line = format!(
        "'{BIN}' getcallerid --start-url {START_URL} --sso-acct-id 111111111111 --sso-role-name Admin"
    );
    let out = w
        .cmd(&["-qec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .env("BROWSER", &slow)
        .env("TERM", "xterm")
        .run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Waiting for sign-in in the browser"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("assumed-role/AWSReservedSSO_Admin_"));
}
