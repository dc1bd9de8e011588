//! `aws-login login` (same device and `--remote`) and `logout` of console sessions.

use std::os::unix::fs::PermissionsExt;

use super::{ALICE_ARN, cache_file, cached, signed_in};
use crate::harness::*;

/// A world with no sign-in yet: `[profile console]` holds only its region.
fn not_signed_in() -> World {
    let w = World::new();
    w.write(
        ".aws/config",
        "# kept\n[profile console]\nregion = us-east-1\n",
    );
    w
}

/// After a sign-in as alice: the profile names the session, the cache holds it (0600)
/// in a form botocore's fetcher reads, and the profile works.
fn check_signed_in(w: &World, client: &str) {
    let config = std::fs::read_to_string(w.config_path()).unwrap();
    assert_eq!(
        config,
        format!("# kept\n[profile console]\nregion = us-east-1\nlogin_session = {ALICE_ARN}\n")
    );
    let file = cache_file(w, ALICE_ARN);
    let doc = cached(&file);
    assert_eq!(doc["clientId"], client);
    assert_eq!(doc["tokenType"], "aws_sigv4");
    assert_eq!(doc["accessToken"]["accountId"], "111111111111");
    assert!(
        doc["dpopKey"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN EC PRIVATE KEY-----\n")
    );
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let exchange = w.last_call("CreateOAuth2Token");
    assert_eq!(
        (exchange.status, exchange.params["grantType"].as_str()),
        (200, "authorization_code")
    );
    assert_eq!(
        w.cmd(&["getcallerid", "--profile", "console"])
            .run()
            .ok()
            .arn(),
        ALICE_ARN
    );
    // The AWS CLI's refresh of what aws-login wrote: under 5 minutes left makes botocore's
    // fetcher refresh with the stored key, through the emulator's DPoP checks.
    let mut doc = doc;
    doc["accessToken"]["expiresAt"] = serde_json::json!("2000-01-01T00:00:00Z");
    std::fs::write(&file, doc.to_string()).unwrap();
    let script = format!(
        "from botocore.credentials import LoginCredentialFetcher\n\
         from botocore.utils import JSONFileCache, LoginTokenLoader, get_login_token_cache_directory\n\
         import botocore.session\n\
         s = botocore.session.Session()\n\
         f = LoginCredentialFetcher(session_name='{ALICE_ARN}', token_loader=LoginTokenLoader(JSONFileCache(get_login_token_cache_directory())), client_creator=lambda *a, **k: s.create_client(*a, region_name='us-east-1', **k))\n\
         print(f.refresh_credentials()['access_key'])\n"
    );
    // botocore signs DPoP proofs with awscrt (botocore[crt]).
    let crt = std::process::Command::new("python3")
        .args(["-c", "import awscrt.crypto"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !require_tool(crt, "awscrt (botocore[crt])", "not installed") {
        return;
    }
    let out = w.cmd(&["-c", &script]).program("python3").run();
    out.ok();
    assert_eq!(
        out.stdout.trim(),
        cached(&file)["accessToken"]["accessKeyId"]
    );
    // And the reverse: aws-login uses what botocore wrote.
    let helper = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "console"])
        .run();
    assert_eq!(helper.ok().json()["AccessKeyId"], out.stdout.trim());
}

#[test]
fn login_signs_in_with_pkce_in_the_browser() {
    let w = not_signed_in();
    let out = w
        .cmd(&["-vv", "login", "--profile", "console"])
        .env("BROWSER", &w.fetching_browser())
        .run();
    out.ok();
    let doc = cached(&cache_file(&w, ALICE_ARN));
    let key: String = doc["dpopKey"]
        .as_str()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    for secret in w.fake.issued_secrets().iter().chain([&key]) {
        assert!(
            !out.stderr.contains(secret.as_str()),
            "a secret on stderr: {}",
            out.stderr
        );
    }
    let authorize = w.first_call("Authorize");
    assert_eq!(
        authorize.params["client_id"],
        "arn:aws:signin:::devtools/same-device"
    );
    assert!(authorize.params["redirect_uri"].starts_with("http://127.0.0.1:"));
    check_signed_in(&w, "arn:aws:signin:::devtools/same-device");
}

#[test]
fn login_remote_reads_the_code_the_page_shows() {
    use std::io::{BufRead, BufReader, Write};
    let w = not_signed_in();
    let mut c = w
        .cmd(&["login", "--remote", "--profile", "console"])
        .command();
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut url = String::new();
    while !url.starts_with("http") {
        url.clear();
        assert!(stderr.read_line(&mut url).unwrap() > 0, "no URL on stderr");
    }
    // The user's other device: it follows the redirect to Sign-In's confirmation page.
    let fetch = "import re, sys, urllib.request\n\
                 page = urllib.request.urlopen(sys.argv[1]).read().decode()\n\
                 print(re.search(r'id=\"verification-code\">([^<]+)<', page).group(1))\n";
    let page = std::process::Command::new("python3")
        .args(["-c", fetch, url.trim()])
        .output()
        .unwrap();
    let code = String::from_utf8(page.stdout).unwrap();
    assert!(
        !code.trim().is_empty(),
        "{}",
        String::from_utf8_lossy(&page.stderr)
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(code.as_bytes())
        .unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert_eq!(
        w.first_call("Authorize").params["client_id"],
        "arn:aws:signin:::devtools/cross-device"
    );
    check_signed_in(&w, "arn:aws:signin:::devtools/cross-device");
}

#[test]
fn login_remote_refuses_a_code_of_another_sign_in() {
    use base64::Engine;
    let w = not_signed_in();
    let forged = base64::engine::general_purpose::STANDARD.encode("state=other&code=x");
    let out = w
        .cmd(&["login", "--remote", "--profile", "console"])
        .run_with_stdin(Some(&format!("{forged}\n")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let last = out.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("aws-login: ") && last.contains("belongs to another sign-in"),
        "{}",
        out.stderr
    );
    assert!(w.calls("CreateOAuth2Token").is_empty());
}

#[test]
fn login_leaves_a_profile_with_other_credentials_alone() {
    let w = World::new().with_user_profiles();
    w.write(".aws/config", "[profile alice]\nregion = us-east-1\n");
    w.cmd(&["login", "--profile", "alice"])
        .run()
        .fails(2, "already has access key credentials");
}

#[test]
fn logout_removes_the_session_file() {
    let (w, _, file) = signed_in(3600);
    w.cmd(&["logout", "--profile", "console"]).run().ok();
    assert!(!file.exists());
    w.cmd(&["getcallerid", "--profile", "console"])
        .run()
        .fails(1, "aws-login login --profile console");
    let (w, _, file) = signed_in(3600);
    w.write(".aws/login/cache/not-a-session.json", "{\"other\": 1}");
    w.cmd(&["logout", "--all"]).run().ok();
    assert!(!file.exists());
    assert!(
        w.home()
            .join(".aws/login/cache/not-a-session.json")
            .exists()
    );
}
