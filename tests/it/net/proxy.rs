//! A real proxy (tinyproxy) between aws-login and the emulator: every kind of call goes
//! through it, NO_PROXY exempts a host, credentials in the proxy URL authenticate and are
//! never echoed, and a proxy that fails is named.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use super::{Tinyproxy, dead_port};
use crate::harness::*;

fn port_of(url: &str) -> String {
    url.rsplit(':').next().unwrap().to_string()
}

#[test]
fn sts_sso_oidc_and_the_federation_endpoint_all_go_through_the_proxy() {
    let w = World::new();
    let Some(proxy) = Tinyproxy::start(&w, None) else {
        return;
    };
    let emulator = port_of(&w.fake.url());
    // The stand-in browser is not aws-login: it reaches the loopback listener directly.
    let fetch = w.fetching_browser();
    let browser = w.executable(
        "direct-browser",
        &format!("#!/bin/sh\nexec env -u HTTP_PROXY -u http_proxy '{fetch}' \"$1\"\n"),
    );
    w.cmd(&[
        "dumpcreds",
        "--start-url",
        START_URL,
        "--sso-acct-id",
        "111111111111",
        "--sso-role-name",
        "Admin",
    ])
    .env("BROWSER", &browser)
    .env("HTTP_PROXY", &proxy.url())
    .run()
    .ok();
    w.alice(&["console", "--no-browser", "--assume-roles", DEPLOY])
        .env("http_proxy", &proxy.url())
        .run()
        .ok();
    let seen = proxy.requests();
    let through = |path: &str| {
        seen.iter()
            .filter(|r| r.contains(&format!("127.0.0.1:{emulator}{path}")))
            .count()
    };
    // OIDC (RegisterClient, StartAuthorization's token exchange), the portal, STS, federation.
    assert!(through("/client/register") >= 1, "{seen:#?}");
    assert!(through("/token") >= 1, "{seen:#?}");
    assert!(through("/federation/credentials") >= 1, "{seen:#?}");
    assert!(
        seen.iter()
            .any(|r| r.starts_with("POST ") && r.contains(&format!("127.0.0.1:{emulator}/ "))),
        "STS: {seen:#?}"
    );
    assert!(
        seen.iter().any(|r| r.contains("Action=getSigninToken")),
        "federation: {seen:#?}"
    );
    // aws-login never reaches its own loopback listener, directly or through the proxy.
    assert!(
        seen.iter()
            .all(|r| r.contains(&format!("127.0.0.1:{emulator}"))),
        "{seen:#?}"
    );
}

#[test]
fn https_is_tunnelled_with_connect_and_proxy_credentials_authenticate() {
    let w = World::new();
    let Some(proxy) = Tinyproxy::start(&w, Some(("corp", "s3cret-pass"))) else {
        return;
    };
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    let sts = format!("https://127.0.0.1:{}", tls.port);
    let run = |proxy_url: &str| {
        w.alice(&["getcallerid", "--assume-roles", DEPLOY])
            .env("AWS_ENDPOINT_URL_STS", &sts)
            .env("AWS_CA_BUNDLE", &ca)
            .env("HTTPS_PROXY", proxy_url)
            .run()
    };
    // Without credentials the proxy answers 407: the failure names the proxy.
    run(&proxy.url()).fails(1, &format!("the proxy {} (HTTPS_PROXY)", proxy.url()));
    let with_auth = format!("http://corp:s3cret-pass@127.0.0.1:{}", proxy.port);
    run(&with_auth).ok();
    let connects: Vec<_> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.starts_with(&format!("CONNECT 127.0.0.1:{}", tls.port)))
        .collect();
    assert!(connects.len() >= 2, "{:#?}", proxy.requests());
}

#[test]
fn no_proxy_exempts_a_host_by_name_suffix_port_or_star() {
    let w = World::new();
    let port = port_of(&w.fake.url());
    let dead = format!("http://user:hunter2-pw@127.0.0.1:{}", dead_port());
    let run = |no_proxy: Option<&str>, endpoint_host: &str| {
        let mut r = w
            .alice(&["getcallerid", "--assume-roles", DEPLOY])
            .env("HTTP_PROXY", &dead)
            .env(
                "AWS_ENDPOINT_URL_STS",
                &format!("http://{endpoint_host}:{port}"),
            );
        if let Some(n) = no_proxy {
            r = r.env("NO_PROXY", n);
        }
        r.run()
    };
    // The proxy is dead: a run that uses it fails, naming it without its credentials.
    let out = run(None, "127.0.0.1");
    out.fails(1, "the proxy http://127.0.0.1:")
        .fails(1, "(HTTP_PROXY)");
    assert!(!out.stderr.contains("hunter2"), "{}", out.stderr);
    run(Some("example.com,127.0.0.1"), "127.0.0.1").ok();
    run(Some(&format!("127.0.0.1:{port}")), "127.0.0.1").ok();
    run(Some("*"), "127.0.0.1").ok();
    run(Some(".localhost"), "localhost").ok();
    run(Some("127.0.0.1:1"), "127.0.0.1").fails(1, "the proxy");
    run(Some("localhost"), "127.0.0.1").fails(1, "the proxy");
}

#[test]
fn a_proxy_that_never_answers_times_out_naming_it() {
    let w = World::new();
    // Accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let tls = w.fake.serve_tls();
    let started = std::time::Instant::now();
    w.alice(&["getcallerid"])
        .env("HTTPS_PROXY", &url)
        .env(
            "AWS_ENDPOINT_URL_STS",
            &format!("https://127.0.0.1:{}", tls.port),
        )
        .run()
        .fails(
            1,
            &format!("the proxy {url} (HTTPS_PROXY) did not answer in time"),
        );
    assert!(started.elapsed().as_secs() < 40);
}

#[test]
fn a_bad_proxy_variable_is_a_usage_error_before_any_call() {
    let w = World::new();
    w.alice(&["getcallerid"])
        .env("HTTPS_PROXY", "socks5://127.0.0.1:1080")
        .run()
        .fails(2, "HTTPS_PROXY is not a proxy URL");
    assert!(w.sts_actions().is_empty());
}

/// The HTTP client drops a proxy URL longer than it can hold (credentials of about 64 KiB)
/// without a word, and the calls would go direct: refused before any call instead.
#[test]
fn a_proxy_whose_credentials_are_too_long_is_refused_not_bypassed() {
    let w = World::new();
    let url = format!(
        "http://user:{}@127.0.0.1:{}",
        "p".repeat(70_000),
        dead_port()
    );
    let out = w.alice(&["getcallerid"]).env("HTTP_PROXY", &url).run();
    out.fails(
        2,
        "HTTP_PROXY is not a proxy URL (it is longer than 32 KiB)",
    );
    assert!(!out.stderr.contains("ppp"), "{}", out.stderr);
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
}

/// Proxy credentials with characters a URL must encode: given percent-encoded, every call
/// goes through the proxy with them as given. Handed decoded to the HTTP client, which
/// decodes them once more, `%41` became `A`, an `@` or `:` cut them short, a `/` moved
/// the proxy's address, and a space made the proxy URL unusable: unused, the calls went
/// direct.
#[test]
fn proxy_credentials_with_reserved_characters_reach_the_proxy_as_given() {
    let w = World::new();
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    let run = |port: u16, userinfo: &str| {
        w.alice(&["getcallerid"])
            .env(
                "AWS_ENDPOINT_URL_STS",
                &format!("https://127.0.0.1:{}", tls.port),
            )
            .env("AWS_CA_BUNDLE", &ca)
            .env(
                "HTTPS_PROXY",
                &format!("http://{userinfo}@127.0.0.1:{port}"),
            )
            .run()
    };
    // What reaches a proxy (one that refuses everyone with 407).
    let (port, seen) = recording_proxy();
    run(port, "us%40er:p%3Ass%2541").fails(1, "the proxy");
    let auth = seen.lock().unwrap().clone();
    // Every attempt carries them.
    assert!(
        !auth.is_empty() && auth.iter().all(|a| a == "us@er:p:ss%41"),
        "{auth:?}"
    );
    // Through a real one (tinyproxy takes only letters and digits in its own credentials,
    // so this one asks for none), every call goes through it.
    let Some(proxy) = Tinyproxy::start(&w, None) else {
        return;
    };
    for userinfo in ["us%2Fer:pw", "user:p%20w"] {
        let through = || {
            proxy
                .requests()
                .iter()
                .filter(|r| r.starts_with(&format!("CONNECT 127.0.0.1:{}", tls.port)))
                .count()
        };
        let before = through();
        run(proxy.port, userinfo).ok();
        assert_eq!(through(), before + 1, "{userinfo}: {:#?}", proxy.requests());
    }
}

/// A proxy on loopback that answers 407 to everything, keeping the credentials of each
/// request's Proxy-Authorization (decoded).
fn recording_proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    use base64::Engine;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = seen.clone();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && conn.read(&mut byte).is_ok_and(|n| n == 1) {
                head.push(byte[0]);
            }
            let head = String::from_utf8_lossy(&head).into_owned();
            // Read the body too: closing with it unread resets the connection, which can
            // reach the client before the answer does.
            let length = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<u64>().ok())?
            });
            let _ = std::io::copy(
                &mut (&mut conn).take(length.unwrap_or(0)),
                &mut std::io::sink(),
            );
            let basic = head.lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                name.eq_ignore_ascii_case("proxy-authorization")
                    .then(|| value.trim().strip_prefix("Basic ").map(str::to_string))?
            });
            if let Some(b) = basic {
                let decoded = base64::engine::general_purpose::STANDARD.decode(b).unwrap();
                keep.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&decoded).into_owned());
            }
            let _ = conn.write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (port, seen)
}

/// A proxy that asks for credentials (407), for a plain-http endpoint (the request goes to
/// the proxy itself) and for https (the proxy refuses the CONNECT): one line naming the
/// proxy and the fix, never a service error with no message, never the password given.
#[test]
fn a_proxy_asking_for_credentials_is_named_with_the_fix() {
    let w = World::new();
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    let https = format!("https://127.0.0.1:{}", tls.port);
    let run = |var: &str, proxy_url: &str, endpoint: &str| {
        let out = w
            .alice(&["getcallerid", "--assume-roles", DEPLOY])
            .env("AWS_ENDPOINT_URL_STS", endpoint)
            .env("AWS_CA_BUNDLE", &ca)
            .env(var, proxy_url)
            .run();
        assert!(!out.stderr.contains("wr0ng-pa55"), "{}", out.stderr);
        out
    };
    let cases = [("HTTP_PROXY", w.fake.url()), ("HTTPS_PROXY", https)];
    // Credentials the proxy refuses (tinyproxy answers those with 401, not 407: this one
    // answers 407 to everyone).
    let (port, seen) = recording_proxy();
    let wrong = format!("http://corp:wr0ng-pa55@127.0.0.1:{port}");
    for (var, endpoint) in &cases {
        run(var, &wrong, endpoint)
            .fails(
                1,
                &format!(
                    "the proxy http://127.0.0.1:{port} ({var}) refused the credentials in {var}"
                ),
            )
            .fails(1, "check the user and password there");
    }
    // Asked once each: the same credentials would get the same answer.
    assert_eq!(seen.lock().unwrap().len(), 2, "{:?}", seen.lock().unwrap());
    // No credentials, to a real proxy that wants them.
    if let Some(proxy) = Tinyproxy::start(&w, Some(("corp", "s3cret-pass"))) {
        for (var, endpoint) in &cases {
            run(var, &proxy.url(), endpoint)
                .fails(
                    1,
                    &format!("the proxy {} ({var}) asks for credentials", proxy.url()),
                )
                .fails(
                    1,
                    &format!("put them in {var} as http://user:password@host:port"),
                );
        }
    }
    assert!(w.sts_actions().is_empty(), "{:?}", w.sts_actions());
}
