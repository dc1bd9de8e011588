//! dumpconfig at organisation scale: latency, throttling, progress.

use std::time::{Duration, Instant};

use fake_aws::{Fault, Service};

use crate::dumpconfig::{profile_names, run, token_args};
use crate::harness::*;

fn big_org(accounts: usize, extra: &str) -> World {
    let json = scenario_json().replace(
        r#""user": "alice@example.com","#,
        &format!(r#""user": "alice@example.com", "page_size": 100, "organisation": {{"accounts": {accounts}, "roles_per_account": 3, "seed": 7}}, {extra}"#),
    );
    World::with_scenario(&json)
}

#[test]
fn five_hundred_accounts_with_latency_finish_near_the_concurrency_bound() {
    let w = big_org(500, "");
    w.fake.set_fault(
        Service::Sso,
        Fault {
            latency_ms: 50,
            ..Default::default()
        },
    );
    let args = token_args(&w);
    let started = Instant::now();
    // The default concurrency (8): a larger absolute margin on a busy two-core runner.
    let out = run(&w, &args, &["--concurrency", "8"]);
    let took = started.elapsed();
    out.ok();
    let calls = w
        .fake
        .log()
        .iter()
        .filter(|e| e.service == Service::Sso)
        .count() as u32;
    let bound = Duration::from_millis(50) * calls.div_ceil(8);
    assert!(
        took < bound * 2,
        "took {took:?} for {calls} calls; bound {bound:?}"
    );
    assert!(
        profile_names(&out.stdout).len() >= 1500,
        "{}",
        profile_names(&out.stdout).len()
    );
}

#[test]
fn a_throttled_portal_still_gives_every_profile() {
    let w = big_org(60, r#""portal_tps": 20,"#);
    let out = run(&w, &token_args(&w), &[]);
    out.ok();
    let throttled = w.fake.log().iter().filter(|e| e.status == 429).count();
    assert!(throttled > 0, "the throttle was exercised");
    assert_eq!(profile_names(&out.stdout).len(), 60 * 3 + 3);
}

#[test]
fn on_a_terminal_a_progress_line_counts_the_accounts() {
    if !have("script") {
        return;
    }
    let w = big_org(40, "");
    let t = w.fake.issue_sso_token(3600, false);
    let line = format!(
        "'{BIN}' dumpconfig --sso-access-token {} --start-url {START_URL} > /dev/null",
        t.access_token
    );
    let out = w
        .cmd(&["-qec", &line, "/dev/null"])
        .program(which("script").unwrap())
        .env("TERM", "xterm")
        .run();
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("listed the roles of 42/42 accounts"),
        "{}",
        out.stdout
    );
}
