//! Vanity start URLs: a start URL on the company's own host that redirects once to the
//! AWS-owned portal. The emulator's TLS listener plays that host (`login.example.test`,
//! reached through its CONNECT proxy as HTTPS_PROXY, trusted through AWS_CA_BUNDLE), and
//! its OIDC accepts a device authorization for the portal's URL only.

use crate::harness::*;
use crate::sso::{admin_arn, oidc_actions, role_args};

const VANITY: &str = "https://login.example.test/start";
const VANITY_HOST: &str = "login.example.test";
/// The portal, as the emulator's OIDC knows it: its host names the region.
const PORTAL: &str = "https://ssoins-72230a1b2c3d.portal.eu-west-2.app.aws";

/// A world whose Identity Center portal is [`PORTAL`], the TLS listener, and the runs'
/// environment to reach the vanity host.
fn vanity_world() -> (World, fake_aws::TlsListener, Vec<(String, String)>) {
    let w = World::with_scenario(&scenario_json().replace(
        &format!(r#""start_url": "{START_URL}""#),
        &format!(r#""start_url": "{PORTAL}""#),
    ));
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    let env = vec![
        ("HTTPS_PROXY".to_string(), tls.proxy_url()),
        ("AWS_CA_BUNDLE".to_string(), ca),
    ];
    (w, tls, env)
}

fn with_env<'w>(mut run: Run<'w>, env: &[(String, String)]) -> Run<'w> {
    for (k, v) in env {
        run = run.env(k, v);
    }
    run
}

fn cached(w: &World, key: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(w.sso_cache_file(key)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_vanity_start_url_signs_in_at_its_portal_and_keeps_its_own_cache_key() {
    let (w, _tls, env) = vanity_world();
    w.fake
        .redirect(VANITY_HOST, 302, Some(&format!("{PORTAL}/?from=vanity")));
    // No --sso-region: the portal's host names it.
    let browser = w.fetching_browser();
    let out = with_env(w.cmd(&role_args(&["--start-url", VANITY])), &env)
        .env("BROWSER", &browser)
        .run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert_eq!(
        w.fake.redirects_served(),
        [format!("HEAD {VANITY_HOST} /start")]
    );
    // OIDC hears the portal (normalized: no query, no trailing slash) ...
    let reg = w.fake.sso_registrations().pop().unwrap();
    assert_eq!(reg.issuer_url.as_deref(), Some(PORTAL));
    // ... while the cache keeps the configured URL: its file name is the SHA-1 of the vanity
    // URL, as the AWS CLI names it, and the region is the one the portal's host names.
    let token = cached(&w, VANITY);
    assert_eq!(token["startUrl"], VANITY);
    assert_eq!(token["region"], "eu-west-2");
    assert!(!w.sso_cache_file(PORTAL).exists());

    // A profile with that start URL and no sso_region uses the cached sign-in; the cached
    // token brings its region, so the vanity host is not asked again.
    // The aws CLI installed here (v1: it cannot resolve a vanity URL itself, so its profile
    // names the region) finds the same token under the same file name.
    let role = "sso_account_id = 111111111111\nsso_role_name = Admin\n";
    w.write(
        ".aws/config",
        &format!(
            "[profile corp]\nsso_start_url = {VANITY}\n{role}\n\
             [profile cli]\nregion = us-east-1\nsso_start_url = {VANITY}\nsso_region = eu-west-2\n{role}"
        ),
    );
    let before = oidc_actions(&w).len();
    let out = with_env(w.cmd(&["getcallerid", "--profile", "corp"]), &env).run();
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    assert_eq!(oidc_actions(&w).len(), before, "no new sign-in");
    assert_eq!(w.fake.redirects_served().len(), 1);
    if have("aws") {
        assert_eq!(w.aws_cli_arn("cli"), admin_arn(&w));
        assert_eq!(oidc_actions(&w).len(), before, "no new sign-in");
    }
}

#[test]
fn the_device_flow_authorizes_the_portal_and_an_sso_session_keys_the_cache_by_its_name() {
    let (w, _tls, env) = vanity_world();
    // A host that refuses HEAD is asked again with GET.
    w.fake.redirect(VANITY_HOST, 301, Some(PORTAL));
    w.fake.refuse_head(VANITY_HOST);
    // The portal's host names the region, and it wins over sso_region, as in the AWS CLI.
    w.write(
        ".aws/config",
        &format!("[sso-session corp]\nsso_start_url = {VANITY}\nsso_region = us-east-1\n"),
    );
    let args = role_args(&["--sso-session-name", "corp", "--no-browser"]);
    let (out, seen) = super::device::approve_from_stderr(with_env(w.cmd(&args), &env).spawn());
    assert!(
        out.status.success(),
        "{seen}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        seen.contains("note: using SSO region eu-west-2, which the portal's host names, not sso_region of [sso-session corp]"),
        "{seen}"
    );
    // The emulator refuses a device authorization for any URL but the portal's.
    assert!(oidc_actions(&w).contains(&"StartDeviceAuthorization".to_string()));
    assert_eq!(
        w.fake.redirects_served(),
        [
            format!("HEAD {VANITY_HOST} /start"),
            format!("GET {VANITY_HOST} /start")
        ]
    );
    let token = cached(&w, "corp");
    assert_eq!(token["startUrl"], VANITY);
    assert_eq!(token["region"], "eu-west-2");
}

#[test]
fn a_portal_host_without_a_region_needs_sso_region() {
    let (w, _tls, env) = vanity_world();
    let portal = "https://d-1234567890.awsapps.com/start";
    w.fake.redirect(VANITY_HOST, 307, Some(portal));
    let run = |config: &str| {
        w.write(".aws/config", config);
        with_env(w.cmd(&role_args(&["--sso-session-name", "corp"])), &env)
            .env("BROWSER", &w.fetching_browser())
            .run()
    };
    run(&format!("[sso-session corp]\nsso_start_url = {VANITY}\n"))
        .fails(2, "whose host names no region: set sso_region");
    assert!(oidc_actions(&w).is_empty());
    let out = run(&format!(
        "[sso-session corp]\nsso_start_url = {VANITY}\nsso_region = eu-central-1\n"
    ));
    out.ok();
    assert_eq!(out.arn(), admin_arn(&w));
    let reg = w.fake.sso_registrations().pop().unwrap();
    assert_eq!(reg.issuer_url.as_deref(), Some(portal));
    assert_eq!(cached(&w, "corp")["region"], "eu-central-1");
}

#[test]
fn a_redirect_elsewhere_a_second_redirect_plain_http_and_no_redirect_are_refused() {
    let (w, _tls, env) = vanity_world();
    let run = |start_url: &str| {
        with_env(w.cmd(&role_args(&["--start-url", start_url])), &env)
            .env("BROWSER", &w.idle_browser())
            .run()
    };
    // The company's host is reached with the standard settings only: without the CA that
    // signs its certificate, it is refused.
    w.fake.redirect(VANITY_HOST, 302, Some(PORTAL));
    with_env(w.cmd(&role_args(&["--start-url", VANITY])), &env[..1])
        .run()
        .fails(1, "cannot reach the start URL https://login.example.test/start (--start-url) to find its portal: the server's certificate is not trusted");
    // To a host AWS does not own.
    w.fake
        .redirect(VANITY_HOST, 302, Some("https://sso.evil.test/start"));
    run(VANITY)
        .fails(1, "the start URL https://login.example.test/start (--start-url) redirects to https://sso.evil.test/start, which is not an AWS-owned IAM Identity Center portal")
        .fails(1, "set --start-url to the portal's start URL");
    // To another company host that would redirect again: only one redirect is followed.
    w.fake
        .redirect(VANITY_HOST, 302, Some("https://hop.example.test/start"));
    w.fake.redirect("hop.example.test", 302, Some(PORTAL));
    run(VANITY).fails(1, "aws-login follows one redirect");
    assert!(
        w.fake
            .redirects_served()
            .iter()
            .all(|r| r.contains(VANITY_HOST)),
        "the second host is never asked: {:?}",
        w.fake.redirects_served()
    );
    // To the portal over plain http.
    w.fake.redirect(
        VANITY_HOST,
        302,
        Some("http://ssoins-1.portal.eu-west-2.app.aws/"),
    );
    run(VANITY).fails(1, "which is not https");
    // A plain http start URL is never requested.
    let served = w.fake.redirects_served().len();
    run("http://login.example.test/start").fails(2, "is not an https URL");
    assert_eq!(w.fake.redirects_served().len(), served);
    // No redirect at all, or one without a Location.
    w.fake.redirect(VANITY_HOST, 200, None);
    run(VANITY).fails(1, "does not redirect to one");
    w.fake.redirect(VANITY_HOST, 302, None);
    run(VANITY).fails(1, "without a Location");
    w.fake.redirect(VANITY_HOST, 404, None);
    run(VANITY).fails(1, "answered HTTP 404");
    assert!(oidc_actions(&w).is_empty(), "{:?}", oidc_actions(&w));
    assert!(!w.sso_cache_file(VANITY).exists());
}

#[test]
fn a_vanity_host_that_cannot_be_reached_fails_within_a_bounded_wait() {
    let (w, _tls, env) = vanity_world();
    w.fake.redirect(VANITY_HOST, 302, Some(PORTAL));
    // A proxy that accepts the connection and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let started = std::time::Instant::now();
    with_env(w.cmd(&role_args(&["--start-url", VANITY])), &env)
        .env("HTTPS_PROXY", &proxy)
        .run()
        .fails(
            1,
            "cannot reach the start URL https://login.example.test/start (--start-url) to find its portal: the proxy",
        );
    assert!(started.elapsed().as_secs() < 15, "{:?}", started.elapsed());
    assert!(oidc_actions(&w).is_empty());
}
