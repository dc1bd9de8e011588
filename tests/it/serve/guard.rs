//! Only the child may use the endpoint; it ends with the child, whose status and signals
//! are aws-login's.

use std::io::Write;
use std::net::TcpStream;

use super::*;

#[test]
fn only_the_token_at_the_loopback_host_and_path_gets_credentials() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (host, path) = s.parts();
    assert!(host.starts_with("127.0.0.1:"), "{}", s.uri);
    let (status, body) = s.get();
    assert_eq!(status, 200, "{body}");
    assert!(body["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    for key in ["SecretAccessKey", "Token", "Expiration"] {
        assert!(body[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
    let mut wrong = s.token.clone();
    wrong.replace_range(0..1, if wrong.starts_with('A') { "B" } else { "A" });
    let port = host.rsplit(':').next().unwrap();
    let refused = [
        (get(&host, &host, &path, None), 401),
        (get(&host, &host, &path, Some(&wrong)), 401),
        (
            get(&host, &host, &path, Some(&format!("Bearer {}", s.token))),
            401,
        ),
        (
            get(&host, &format!("localhost:{port}"), &path, Some(&s.token)),
            403,
        ),
        (
            get(
                &host,
                &format!("attacker.example:{port}"),
                &path,
                Some(&s.token),
            ),
            403,
        ),
        (get(&host, &host, "/", Some(&s.token)), 404),
        (get(&host, &host, &format!("{path}/x"), Some(&s.token)), 404),
    ];
    for (i, ((status, body), want)) in refused.iter().enumerate() {
        assert_eq!(status, want, "case {i}: {body}");
        assert!(body.get("SecretAccessKey").is_none(), "case {i}");
    }
    // The token is in no process's argv.
    let pid = s.child.id();
    let argv = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(!String::from_utf8_lossy(&argv).contains(&s.token));
    let token = s.token.clone();
    let (code, stderr) = s.stop(0);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(&token), "{stderr}");
}

#[test]
fn the_endpoint_is_gone_when_the_child_exits_and_the_status_is_the_childs() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (host, _) = s.parts();
    assert_eq!(s.get().0, 200);
    let (code, stderr) = s.stop(7);
    assert_eq!(code, 7, "{stderr}");
    assert!(TcpStream::connect(&host).is_err(), "still listening");
}

#[test]
fn sigterm_and_sigint_reach_the_child_and_a_signal_death_is_128_plus_n() {
    let w = World::new();
    for (signal, code) in [(libc::SIGTERM, 42), (libc::SIGINT, 43)] {
        let mut s = Served::start(&w, &["--assume-roles", DEPLOY]);
        // SAFETY: a signal to the aws-login this test started.
        unsafe { libc::kill(s.child.id() as i32, signal) };
        let (got, stderr) = finish(&mut s.child);
        assert_eq!(got, code, "signal {signal}: {stderr}");
        assert!(
            !s.token_file.exists(),
            "the token file outlived the endpoint"
        );
    }
    let out = w
        .alice(&[
            "runas",
            "--serve",
            "--assume-roles",
            DEPLOY,
            "-c",
            "kill -KILL $$",
        ])
        .run();
    assert_eq!(out.code, 128 + 9, "{}", out.stderr);
    let out = w
        .alice(&[
            "runas",
            "--serve",
            "--assume-roles",
            DEPLOY,
            "--",
            "no-such-program-x",
        ])
        .run();
    assert_eq!(out.code, 127, "{}", out.stderr);
    // Neither a child killed outright nor one that never started leaves a token file.
    let dir = w.home().join(".local/state/aws-login/run/serve");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn long_term_keys_are_refused_with_the_fix() {
    let w = World::new();
    let out = w.alice(&["runas", "--serve", "--", "true"]).run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("--get-session-token or --assume-roles"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_thousand_concurrent_requests_are_all_answered() {
    let w = World::new();
    let s = Served::start(&w, &["--assume-roles", DEPLOY]);
    let (host, path) = s.parts();
    let req = request(&host, &path, Some(&s.token));
    // Every connection open and every request sent before any answer is read.
    let mut conns: Vec<TcpStream> = (0..1000)
        .map(|_| {
            let mut c = TcpStream::connect(&host).unwrap();
            c.write_all(req.as_bytes()).unwrap();
            c
        })
        .collect();
    let keys: std::collections::BTreeSet<String> = conns
        .iter_mut()
        .map(|c| {
            let (status, body) = read_reply(c);
            assert_eq!(status, 200, "{body}");
            body["AccessKeyId"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(keys.len(), 1, "one set of credentials, served to all");
    assert_eq!(s.stop(0).0, 0);
}
