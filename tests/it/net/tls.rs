//! A private CA: the emulator's TLS listener is signed by a CA of its own, which aws-login
//! trusts only when AWS_CA_BUNDLE, the profile's ca_bundle, or SSL_CERT_FILE names it.

use crate::harness::*;

/// The world, its TLS listener, and the CA's bundle written to `ca.pem`.
fn tls_world() -> (World, fake_aws::TlsListener, String) {
    let w = World::new().with_user_profiles();
    let tls = w.fake.serve_tls();
    let ca = w.write("ca.pem", &tls.ca_pem).display().to_string();
    (w, tls, ca)
}

fn https(tls: &fake_aws::TlsListener) -> String {
    format!("https://127.0.0.1:{}", tls.port)
}

#[test]
fn a_private_ca_is_refused_until_aws_ca_bundle_names_it() {
    let (w, tls, ca) = tls_world();
    let run = |extra: &[(&str, &str)]| {
        let mut r = w
            .alice(&["getcallerid", "--assume-roles", DEPLOY])
            .env("AWS_ENDPOINT_URL_STS", &https(&tls));
        for (k, v) in extra {
            r = r.env(k, v);
        }
        r.run()
    };
    run(&[])
        .fails(1, "certificate is not trusted")
        .fails(1, "AWS_CA_BUNDLE");
    assert!(
        w.sts_actions().is_empty(),
        "no request passed the handshake"
    );
    let out = run(&[("AWS_CA_BUNDLE", &ca)]);
    out.ok();
    assert_eq!(
        out.arn(),
        "arn:aws:sts::222222222222:assumed-role/Deploy/aws-login"
    );
    // OpenSSL's name for the same thing.
    run(&[("SSL_CERT_FILE", &ca)]).ok();
}

#[test]
fn the_profile_ca_bundle_is_honoured_and_aws_ca_bundle_wins_over_it() {
    let (w, tls, ca) = tls_world();
    let missing = w.home().join("missing.pem").display().to_string();
    let run = |bundle: &str, env: &[(&str, &str)]| {
        w.write(
            ".aws/config",
            &format!("[profile alice]\nregion = us-east-1\nca_bundle = {bundle}\n"),
        );
        let mut r = w
            .cmd(&[
                "getcallerid",
                "--profile",
                "alice",
                "--assume-roles",
                DEPLOY,
            ])
            .env("AWS_ENDPOINT_URL_STS", &https(&tls));
        for (k, v) in env {
            r = r.env(k, v);
        }
        r.run()
    };
    run(&ca, &[]).ok();
    run(&missing, &[]).fails(1, "ca_bundle in profile 'alice'");
    run(&missing, &[("AWS_CA_BUNDLE", &ca)]).ok();
}

#[test]
fn a_bundle_that_cannot_be_read_or_parsed_is_one_line_naming_its_variable() {
    let (w, tls, _ca) = tls_world();
    let not_pem = w.write("not.pem", "just some text\n");
    let bad_pem = w.write(
        "bad.pem",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
    );
    let dir = w.home().join("a-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let missing = w.home().join("missing.pem");
    let mut tried = 0;
    for var in ["AWS_CA_BUNDLE", "SSL_CERT_FILE"] {
        for (path, says) in [
            (&missing, "does not exist"),
            (&dir, "is not a regular file"),
            (&not_pem, "no PEM certificate"),
            (&bad_pem, "cannot be parsed"),
        ] {
            eprintln!("case: {var}={}", path.display());
            w.alice(&["getcallerid"])
                .env("AWS_ENDPOINT_URL_STS", &https(&tls))
                .env(var, &path.display().to_string())
                .run()
                .fails(1, var)
                .fails(1, says);
            tried += 1;
        }
    }
    assert_eq!(tried, 8);
}

#[test]
fn sso_and_the_federation_endpoint_use_the_same_bundle() {
    let (w, tls, ca) = tls_world();
    let t = w.fake.issue_sso_token(3600, false);
    let role = [
        "--sso-acct-id",
        "111111111111",
        "--sso-role-name",
        "Admin",
        "--sso-access-token",
        &t.access_token,
        "--sso-region",
        "us-east-1",
    ];
    let mut args = vec!["dumpcreds"];
    args.extend(role);
    // The portal over TLS: refused without the bundle, served with it.
    w.cmd(&args)
        .env("AWS_ENDPOINT_URL_SSO", &https(&tls))
        .run()
        .fails(1, "certificate is not trusted");
    w.cmd(&args)
        .env("AWS_ENDPOINT_URL_SSO", &https(&tls))
        .env("AWS_CA_BUNDLE", &ca)
        .run()
        .ok();
    // The console federation endpoint over TLS.
    let console = |bundle: Option<&str>| {
        let mut r = w
            .alice(&["console", "--no-browser", "--assume-roles", DEPLOY])
            .env("AWS_ENDPOINT_URL_SIGNIN", &https(&tls));
        if let Some(b) = bundle {
            r = r.env("AWS_CA_BUNDLE", b);
        }
        r.run()
    };
    console(None).fails(1, "certificate is not trusted");
    let out = console(Some(&ca));
    out.ok();
    assert!(out.stdout.contains("SigninToken="), "{}", out.stdout);
}
