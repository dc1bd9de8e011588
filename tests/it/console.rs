//! console: federation sign-in, partitions, destinations, session durations.

use std::collections::HashMap;

use fake_aws::{Fault, Service};

use crate::harness::*;

fn query(url: &str) -> HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// `console --no-browser` with alice's keys: the URL and its parameters.
fn url_for(w: &World, extra: &[&str]) -> (String, HashMap<String, String>) {
    let mut args = vec!["console", "--no-browser"];
    args.extend_from_slice(extra);
    let out = w.alice(&args).run();
    out.ok();
    let url = out.stdout.trim_end().to_string();
    assert_eq!(out.stdout, format!("{url}\n"), "stdout is exactly the URL");
    assert!(
        out.stderr.contains("secret"),
        "a warning that the URL is a secret: {}",
        out.stderr
    );
    (url.clone(), query(&url))
}

#[test]
fn the_login_url_carries_action_issuer_destination_and_token() {
    let w = World::new();
    let (url, q) = url_for(&w, &["--assume-roles", DEPLOY, "--region", "eu-west-2"]);
    assert!(
        url.starts_with(&format!(
            "{}/federation?Action=login&Issuer=aws-login&Destination=",
            w.fake.url()
        )),
        "{url}"
    );
    assert_eq!(
        q["Destination"],
        "https://eu-west-2.console.aws.amazon.com/console/home?region=eu-west-2"
    );
    assert!(!q["SigninToken"].is_empty());
    let (_, q) = url_for(
        &w,
        &[
            "--assume-roles",
            DEPLOY,
            "--service",
            "lambda",
            "--issuer",
            "https://intranet.example.com",
        ],
    );
    assert_eq!(
        q["Destination"],
        "https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1"
    );
    assert_eq!(q["Issuer"], "https://intranet.example.com");
    let dest = "https://s3.console.aws.amazon.com/s3/buckets?region=us-east-1";
    let (_, q) = url_for(&w, &["--assume-roles", DEPLOY, "--destination", dest]);
    assert_eq!(q["Destination"], dest);
}

#[test]
fn the_partition_follows_the_region_for_the_console_host() {
    let w = World::new();
    // No role in the chain: the region decides (alice's keys go through a federation token).
    let (_, q) = url_for(&w, &["--region", "cn-north-1", "--service", "ec2"]);
    assert_eq!(
        q["Destination"],
        "https://cn-north-1.console.amazonaws.cn/ec2/home?region=cn-north-1"
    );
    let (_, q) = url_for(&w, &["--region", "us-gov-west-1"]);
    assert_eq!(
        q["Destination"],
        "https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"
    );
    let fed = w.last_call("GetFederationToken");
    assert_eq!(
        fed.params["PolicyArns.member.1.arn"],
        "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"
    );
    // A role in the chain: its ARN's partition decides.
    let (_, q) = url_for(&w, &["--assume-roles", DEPLOY, "--region", "cn-north-1"]);
    assert!(
        q["Destination"].starts_with("https://cn-north-1.console.aws.amazon.com/"),
        "{}",
        q["Destination"]
    );
}

#[test]
fn session_duration_is_sent_per_credential_kind() {
    let w = World::new();
    url_for(&w, &["--assume-roles", DEPLOY]);
    url_for(
        &w,
        &["--assume-roles", DEPLOY, "--duration-seconds", "1800"],
    );
    url_for(&w, &["--assume-roles", &format!("{DEPLOY},{AUDIT}")]);
    let out = w.alice(&["console", "--no-browser"]).run();
    out.ok();
    assert!(out.stderr.contains("federation token"), "{}", out.stderr);
    let durations: Vec<Option<i64>> = w
        .fake
        .console_signins()
        .iter()
        .map(|s| s.session_duration)
        .collect();
    assert_eq!(durations, [Some(43200), Some(1800), Some(3600), None]);
    let fed = w.first_call("GetFederationToken");
    assert_eq!(fed.params["Name"], "aws-login");
}

#[test]
fn a_role_chain_over_an_hour_is_refused_before_any_call() {
    let w = World::new();
    let hops = format!(
        r#"[{{"RoleArn": "{DEPLOY}", "DurationSeconds": 900}}, {{"RoleArn": "{AUDIT}", "DurationSeconds": 900}}]"#
    );
    let out = w
        .alice(&[
            "console",
            "--no-browser",
            "--assume-roles",
            &hops,
            "--duration-seconds",
            "7200",
        ])
        .run();
    out.fails(2, "1 hour");
    assert!(w.fake.console_signins().is_empty());
    assert!(w.sts_actions().iter().all(|a| a != "AssumeRole"));
}

#[test]
fn with_a_browser_stdout_stays_empty_and_the_console_shows_the_identity() {
    let w = World::new();
    let out = w
        .alice(&[
            "console",
            "--assume-roles",
            DEPLOY,
            "--role-session-name",
            "web",
        ])
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains(
            "opened the AWS console as arn:aws:sts::222222222222:assumed-role/Deploy/web"
        ),
        "{}",
        out.stderr
    );
    let page = w.wait_browser_pages("assumed-role/Deploy/web");
    assert!(
        page.contains("arn:aws:sts::222222222222:assumed-role/Deploy/web"),
        "{page}"
    );
    let signin = w.fake.console_signins().pop().unwrap();
    assert!(signin.used);
    assert_eq!(signin.issuer.as_deref(), Some("aws-login"));
}

#[test]
fn print_shows_the_url_and_still_opens_the_browser() {
    let w = World::new();
    let out = w
        .alice(&["console", "--print", "--assume-roles", DEPLOY])
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    assert!(out.stdout.starts_with(&w.fake.url()), "{}", out.stdout);
    assert!(
        w.wait_browser_pages("assumed-role/Deploy")
            .contains("assumed-role/Deploy")
    );
}

#[test]
fn console_bad_inputs_fail_before_any_call() {
    let w = World::new();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--duration-seconds", "899"], "900-43200"),
        (
            vec!["--duration-seconds", "43201", "--assume-roles", DEPLOY],
            "900-43200",
        ),
        (vec!["--service", "lamda"], "lambda"),
        (vec!["--service", "nosuchservice"], "known services"),
        (
            vec!["--destination", "http://console.aws.amazon.com/"],
            "https",
        ),
        (
            vec!["--destination", "https://evil.example.com/console"],
            "console.aws.amazon.com",
        ),
        (
            vec![
                "--destination",
                "https://console.aws.amazon.com/",
                "--service",
                "ec2",
            ],
            "cannot be used with",
        ),
        (vec!["--get-session-token"], "GetSessionToken"),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["console", "--no-browser"];
        args.extend_from_slice(&extra);
        eprintln!("case: {args:?}");
        w.alice(&args).run().fails(2, needle);
    }
    assert!(w.fake.log().is_empty(), "{:?}", w.fake.log());
}

#[test]
fn endpoint_errors_and_timeouts_give_a_message_without_the_url() {
    let w = World::new();
    for (fault, needle) in [
        (
            Fault {
                throttle_every: Some(1),
                ..Default::default()
            },
            "HTTP 429",
        ),
        (
            Fault {
                error_5xx_every: Some(1),
                ..Default::default()
            },
            "HTTP 500",
        ),
        (
            Fault {
                drop_every: Some(1),
                ..Default::default()
            },
            "sign-in endpoint",
        ),
    ] {
        w.fake.set_fault(Service::Signin, fault);
        let out = w
            .alice(&["console", "--no-browser", "--assume-roles", DEPLOY])
            .run();
        out.fails(1, needle);
        assert!(!out.stderr.contains("Session="), "{}", out.stderr);
    }
    w.fake.set_fault(
        Service::Signin,
        Fault {
            latency_ms: 15_000,
            ..Default::default()
        },
    );
    let started = std::time::Instant::now();
    let out = w
        .alice(&["console", "--no-browser", "--assume-roles", DEPLOY])
        .run();
    out.fails(1, "did not answer within");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(14),
        "bounded: {:?}",
        started.elapsed()
    );
}

#[test]
fn without_a_browser_the_error_names_no_browser() {
    let w = World::new();
    let out = w
        .alice(&["console", "--assume-roles", DEPLOY])
        .env("PATH", "/nonexistent")
        .run();
    out.fails(1, "--no-browser");
}
