//! Console sessions (`login_session`, the AWS CLI's `aws login`) as a source: read from
//! the CLI's cache, refreshed with DPoP under a lock when under 5 minutes are left, and
//! `aws-login login` / `logout`.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::harness::*;

const ALICE_ARN: &str = "arn:aws:iam::111111111111:user/alice";

/// A world with `[profile console]` naming a login session that has `ttl` seconds left,
/// and `[profile deploy]` assuming Deploy from it; the session and its cache file.
fn signed_in(ttl: i64) -> (World, fake_aws::LoginSession, PathBuf) {
    let w = World::new();
    let s = w.fake.issue_login_session(ttl);
    w.write(
        ".aws/config",
        &format!(
            "[profile console]\nlogin_session = {}\nregion = us-east-1\n\n\
             [profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = console\nregion = us-east-1\n",
            s.arn
        ),
    );
    let file = cache_file(&w, &s.arn);
    w.write(
        file.strip_prefix(w.home()).unwrap().to_str().unwrap(),
        &s.cache_json,
    );
    (w, s, file)
}

fn cache_file(w: &World, session: &str) -> PathBuf {
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(session.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    w.home().join(format!(".aws/login/cache/{hash}.json"))
}

fn token_calls(w: &World) -> Vec<fake_aws::LogEntry> {
    w.calls("CreateOAuth2Token")
}

fn cached(file: &PathBuf) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn a_login_session_profile_is_a_source_for_every_command_and_for_role_profiles() {
    let (w, s, _) = signed_in(3600);
    assert_eq!(
        w.cmd(&["getcallerid", "--profile", "console"])
            .run()
            .ok()
            .arn(),
        ALICE_ARN
    );
    let helper = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "console"])
        .run();
    helper.ok();
    assert_eq!(helper.json()["AccessKeyId"], s.creds.access_key_id.as_str());
    assert!(
        w.cmd(&["getcallerid", "--profile", "deploy"])
            .run()
            .ok()
            .arn()
            .starts_with("arn:aws:sts::222222222222:assumed-role/Deploy/")
    );
    assert!(
        token_calls(&w).is_empty(),
        "fresh credentials need no refresh"
    );
}

#[test]
fn a_missing_sign_in_says_how_to_sign_in() {
    let (w, _, file) = signed_in(3600);
    std::fs::remove_file(file).unwrap();
    w.cmd(&["getcallerid", "--profile", "console"])
        .run()
        .fails(1, "aws-login login --profile console");
}

#[test]
fn under_five_minutes_left_one_dpop_refresh_rotates_the_token_atomically() {
    let (w, s, file) = signed_in(240);
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "console"])
        .run();
    out.ok();
    let calls = token_calls(&w);
    assert_eq!(calls.len(), 1);
    // The emulator answers 200 only to a proof that verifies (signature, htm, htu, iat,
    // a new jti) with the key the refresh token is bound to.
    assert_eq!(calls[0].status, 200, "{:?}", calls[0]);
    assert_eq!(calls[0].params["grantType"], "refresh_token");
    let after = cached(&file);
    assert_ne!(after["refreshToken"], s.refresh_token.as_str());
    assert_eq!(
        out.json()["AccessKeyId"],
        after["accessToken"]["accessKeyId"]
    );
    assert_ne!(
        after["accessToken"]["accessKeyId"],
        s.creds.access_key_id.as_str()
    );
    let before: serde_json::Value = serde_json::from_str(&s.cache_json).unwrap();
    for kept in ["dpopKey", "clientId", "idToken", "tokenType"] {
        assert_eq!(after[kept], before[kept], "{kept}");
    }
    assert_eq!(after["accessToken"]["accountId"], "111111111111");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temp file left beside the cache");
    assert!(
        !w.lock_file(&file).starts_with(file.parent().unwrap()),
        "the lock is not in the CLI's directory"
    );
    // Fresh now: the next run uses the stored credentials.
    w.cmd(&["getcallerid", "--profile", "console"]).run().ok();
    assert_eq!(token_calls(&w).len(), 1);
}

#[test]
fn a_proof_made_with_another_key_is_refused() {
    let (w, _, file) = signed_in(240);
    let other = w.fake.issue_login_session(3600);
    let mut doc = cached(&file);
    doc["dpopKey"] = cached_from(&other)["dpopKey"].clone();
    std::fs::write(&file, doc.to_string()).unwrap();
    w.cmd(&["getcallerid", "--profile", "console"])
        .run()
        .fails(1, "AWS Sign-In");
    assert_eq!(token_calls(&w)[0].status, 400);
    assert_eq!(cached(&file), doc, "a failed refresh leaves the file alone");
}

fn cached_from(s: &fake_aws::LoginSession) -> serde_json::Value {
    serde_json::from_str(&s.cache_json).unwrap()
}

#[test]
fn sixteen_concurrent_helpers_make_one_refresh_and_all_succeed() {
    let (w, _, file) = signed_in(240);
    // Half as the session itself, half as a role from it: runs that aws-login's session
    // cache does not serialize (other entries, and --fresh), which meet at the login cache.
    let children: Vec<_> = (0..16)
        .map(|i| {
            let profile = if i % 2 == 0 { "console" } else { "deploy" };
            let args = [
                "dumpcreds",
                "--credential-helper",
                "--fresh",
                "--profile",
                profile,
            ];
            (profile, w.cmd(&args).spawn())
        })
        .collect();
    let mut keys = std::collections::BTreeSet::new();
    for (profile, c) in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if profile == "console" {
            keys.insert(j["AccessKeyId"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(token_calls(&w).len(), 1, "{:?}", token_calls(&w));
    assert_eq!(keys.len(), 1, "every run got the refreshed credentials");
    assert_eq!(
        cached(&file)["accessToken"]["accessKeyId"]
            .as_str()
            .unwrap(),
        keys.first().unwrap()
    );
}

#[test]
fn botocore_reads_the_file_aws_login_wrote() {
    let probe = "import botocore.credentials as c; print(hasattr(c, 'LoginCredentialFetcher'))";
    let has = std::process::Command::new("python3")
        .args(["-c", probe])
        .output();
    let found = has.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "True");
    if !require_tool(
        found,
        "botocore with LoginCredentialFetcher",
        "not installed",
    ) {
        return;
    }
    let (w, s, file) = signed_in(240);
    w.cmd(&["getcallerid", "--profile", "console"]).run().ok();
    // botocore's own loader and fetcher: what LoginProvider builds its credentials from.
    let script = format!(
        "import json, sys\n\
         from botocore.credentials import LoginCredentialFetcher\n\
         from botocore.utils import JSONFileCache, LoginTokenLoader, get_login_token_cache_directory\n\
         f = LoginCredentialFetcher(session_name='{}', token_loader=LoginTokenLoader(JSONFileCache(get_login_token_cache_directory())), client_creator=None)\n\
         c = f.load_cached_credentials()\n\
         print(json.dumps({{'key': c['access_key'], 'account': c['account_id'], 'expiry': str(c['expiry_time'])}}))\n",
        s.arn
    );
    let out = w.cmd(&["-c", &script]).program("python3").run();
    out.ok();
    let j = out.json();
    assert_eq!(j["key"], cached(&file)["accessToken"]["accessKeyId"]);
    assert_ne!(j["key"], s.creds.access_key_id.as_str());
    assert_eq!(j["account"], "111111111111");
}

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
    w.cmd(&["login", "--profile", "console"])
        .env("BROWSER", &w.fetching_browser())
        .run()
        .ok();
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
