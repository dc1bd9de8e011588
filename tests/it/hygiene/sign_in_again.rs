//! A second browser sign-in works. The OIDC client is registered with
//! a loopback redirect URI without a port (RFC 8252 §7.3, as the AWS CLI does) and reused
//! on the next sign-in, whose listener has another port. The emulator matches a
//! registered URI that has a port exactly, as the real service did to the old
//! registrations, so a port in the registration shows up as a hang here too.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::harness::*;
use crate::sso::{admin_arn, role_args};

/// Short enough that a hang fails the test quickly, long enough for a loaded machine.
const TIMEOUT: &str = "20";

fn registrations(w: &World) -> usize {
    w.calls("RegisterClient").len()
}

/// One PKCE sign-in (getcallerid with --start-url and no --use-cache always signs in),
/// and how long it took.
fn sign_in(w: &World, browser: &str) -> (Out, Duration) {
    let started = Instant::now();
    let out = w
        .cmd(&role_args(&[
            "--start-url",
            START_URL,
            "--login-timeout",
            TIMEOUT,
            // Each call must sign in, not be answered by the session cache.
            "--fresh",
        ]))
        .env("BROWSER", browser)
        .run();
    (out, started.elapsed())
}

fn client_cache_files(w: &World) -> Vec<PathBuf> {
    let dir = w.home().join(".aws/sso/cache");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("aws-login-client-") && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_second_browser_sign_in_reuses_the_client_and_completes_at_once() {
    let w = World::new();
    let browser = w.fetching_browser();
    let (first, _) = sign_in(&w, &browser);
    first.ok();
    assert_eq!(first.arn(), admin_arn(&w));

    // The client was registered for the loopback callback without a port.
    let regs = w.fake.sso_registrations();
    assert_eq!(regs.len(), 1);
    assert_eq!(
        regs[0].redirect_uris,
        vec!["http://127.0.0.1/oauth/callback".to_string()]
    );

    // The token is gone (signed out), so the next command signs in again, on a new port.
    std::fs::remove_file(w.sso_cache_file(START_URL)).unwrap();
    let (second, took) = sign_in(&w, &browser);
    second.ok();
    assert_eq!(second.arn(), admin_arn(&w));
    assert!(
        took < Duration::from_secs(10),
        "the second sign-in took {took:?}"
    );
    assert_eq!(registrations(&w), 1, "{:?}", w.fake.sso_registrations());

    // Both callbacks came back on different ports with the one client.
    let opened = std::fs::read_to_string(w.home().join("browser.log")).unwrap();
    let ports: Vec<&str> = opened
        .lines()
        .map(|l| {
            let at = l.find("redirect_uri=http%3A%2F%2F127.0.0.1%3A").unwrap() + 39;
            &l[at..at + l[at..].find('%').unwrap()]
        })
        .collect();
    assert_eq!(ports.len(), 2, "{opened}");
    assert_ne!(ports[0], ports[1]);
}

/// A client that an older aws-login registered with `http://127.0.0.1:PORT/oauth/callback`,
/// cached without the redirect URIs it was registered for.
#[test]
fn a_client_cached_by_an_older_version_with_a_port_is_registered_anew_not_waited_on() {
    let w = World::new();
    let browser = w.fetching_browser();
    sign_in(&w, &browser).0.ok();
    let files = client_cache_files(&w);
    assert_eq!(files.len(), 1, "{files:?}");

    // Register the old kind of client at the emulator and put it in the cache file.
    let register = format!(
        "import json, sys, urllib.request\nbody = json.dumps({{'clientName': 'aws-login', 'clientType': 'public', 'scopes': ['sso:account:access'], 'grantTypes': ['authorization_code', 'refresh_token'], 'redirectUris': ['http://127.0.0.1:45678/oauth/callback'], 'issuerUrl': '{START_URL}'}}).encode()\nreq = urllib.request.Request(sys.argv[1] + '/client/register', data=body, headers={{'Content-Type': 'application/json'}})\nprint(urllib.request.urlopen(req).read().decode())\n"
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &register, &w.fake.url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let old: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    cached["clientId"] = old["clientId"].clone();
    cached["clientSecret"] = old["clientSecret"].clone();
    cached.as_object_mut().unwrap().remove("redirectUris");
    std::fs::write(&files[0], cached.to_string()).unwrap();
    assert_eq!(registrations(&w), 2);

    std::fs::remove_file(w.sso_cache_file(START_URL)).unwrap();
    let (again, took) = sign_in(&w, &browser);
    again.ok();
    assert_eq!(again.arn(), admin_arn(&w));
    assert!(took < Duration::from_secs(10), "the sign-in took {took:?}");
    assert_eq!(registrations(&w), 3, "the old client was not replaced");
    let fresh: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_ne!(fresh["clientId"], old["clientId"]);
}

/// The same in a real browser: headless Chromium follows the authorize redirect to the
/// second listener's port.
#[test]
fn chromium_signs_in_twice_with_one_registration() {
    let w = World::new();
    let Some((browser, dom)) = chromium(&w) else {
        return;
    };
    for round in 1..=2 {
        let (out, took) = sign_in(&w, &browser);
        out.ok();
        assert_eq!(out.arn(), admin_arn(&w));
        assert!(
            took < Duration::from_secs(15),
            "round {round} took {took:?}"
        );
        let page = wait_for_text(&dom, "Signed in.");
        assert!(page.contains("Signed in."), "round {round}: {page}");
        std::fs::remove_file(&dom).unwrap();
        std::fs::remove_file(w.sso_cache_file(START_URL)).unwrap();
    }
    assert_eq!(registrations(&w), 1);
}
