//! Console sessions (`login_session`, the AWS CLI's `aws login`) as a source: read from
//! the CLI's cache, refreshed with DPoP under a lock when under 5 minutes are left, and
//! `aws-login login` / `logout`.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::harness::*;

mod signin;

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
        .cmd(&[
            "-vv",
            "dumpcreds",
            "--credential-helper",
            "--profile",
            "console",
        ])
        .run();
    out.ok();
    let before: serde_json::Value = serde_json::from_str(&s.cache_json).unwrap();
    let key = before["dpopKey"].as_str().unwrap();
    let key_body: String = key.lines().filter(|l| !l.starts_with("-----")).collect();
    for secret in w.fake.issued_secrets().iter().chain([&key_body]) {
        assert!(
            !out.stderr.contains(secret.as_str()),
            "a secret on stderr: {}",
            out.stderr
        );
    }
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
    // The whole provider chain, where botocore has awscrt (LoginProvider needs it).
    let crt = std::process::Command::new("python3")
        .args(["-c", "import awscrt.crypto"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !require_tool(crt, "awscrt (botocore[crt])", "not installed") {
        return;
    }
    let script = "import botocore.session\n\
                  c = botocore.session.Session(profile='console').get_credentials()\n\
                  print(c.method, c.get_frozen_credentials().access_key)\n";
    let out = w.cmd(&["-c", script]).program("python3").run();
    assert_eq!(
        out.ok().stdout.trim(),
        format!("login {}", j["key"].as_str().unwrap())
    );
}

#[test]
fn a_damaged_cache_or_session_value_is_one_line_naming_the_fix() {
    let (w, _, file) = signed_in(3600);
    std::fs::write(&file, "{\"accessToken\": 1}").unwrap();
    w.cmd(&["getcallerid", "--profile", "console"])
        .run()
        .fails(1, "sign in again");
    w.write(
        ".aws/config",
        "[profile console]\nlogin_session = not an arn\n",
    );
    w.cmd(&["getcallerid", "--profile", "console"])
        .run()
        .fails(2, "login_session = not an arn, which is not an ARN");
}

#[test]
fn aws_login_cache_directory_moves_the_cache() {
    let (w, s, file) = signed_in(3600);
    let elsewhere = w.home().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::rename(&file, elsewhere.join(file.file_name().unwrap())).unwrap();
    let out = w
        .cmd(&["dumpcreds", "--credential-helper", "--profile", "console"])
        .env("AWS_LOGIN_CACHE_DIRECTORY", elsewhere.to_str().unwrap())
        .run();
    assert_eq!(
        out.ok().json()["AccessKeyId"],
        s.creds.access_key_id.as_str()
    );
}

/// POST a refresh to the emulator's token endpoint with `proof`: the status and body.
fn post_refresh(w: &World, s: &fake_aws::LoginSession, proof: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let host = w.fake.url().trim_start_matches("http://").to_string();
    let body = serde_json::json!({
        "clientId": "arn:aws:signin:::devtools/same-device",
        "grantType": "refresh_token",
        "refreshToken": s.refresh_token,
    })
    .to_string();
    let mut conn = std::net::TcpStream::connect(&host).unwrap();
    write!(
        conn,
        "POST /v1/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nDPoP: {proof}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    (status, answer)
}

/// A DPoP proof signed with the session's key, as a client makes it.
fn proof_for(s: &fake_aws::LoginSession, htu: &str, jti: &str) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use p256::ecdsa::signature::Signer;
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    let pem = cached_from(s)["dpopKey"].as_str().unwrap().to_string();
    let key = p256::SecretKey::from_sec1_pem(&pem).unwrap();
    let point = key.public_key().to_encoded_point(false);
    let header = serde_json::json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": {"kty": "EC",
        "crv": "P-256", "x": B64.encode(point.x().unwrap()), "y": B64.encode(point.y().unwrap())}});
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let payload = serde_json::json!({"htm": "POST", "htu": htu, "iat": now, "jti": jti});
    let msg = format!(
        "{}.{}",
        B64.encode(header.to_string()),
        B64.encode(payload.to_string())
    );
    let sig: p256::ecdsa::Signature = p256::ecdsa::SigningKey::from(&key).sign(msg.as_bytes());
    format!("{msg}.{}", B64.encode(sig.to_bytes()))
}

#[test]
fn the_emulator_refuses_a_replayed_proof_and_a_spent_refresh_token() {
    let w = World::new();
    let s = w.fake.issue_login_session(240);
    let htu = format!("{}/v1/token", w.fake.url());
    let proof = proof_for(&s, &htu, "jti-1");
    assert_eq!(post_refresh(&w, &s, &proof).0, 200);
    let (status, body) = post_refresh(&w, &s, &proof);
    assert_eq!(status, 400);
    assert!(body.contains("jti was used before"), "{body}");
    // A new proof, but the refresh token was rotated by the first call.
    let (status, body) = post_refresh(&w, &s, &proof_for(&s, &htu, "jti-2"));
    assert_eq!(status, 401);
    assert!(body.contains("TOKEN_EXPIRED"), "{body}");
}

#[test]
fn no_refresh_is_made_that_could_not_be_stored() {
    let (w, s, file) = signed_in(240);
    let unshare = std::process::Command::new("unshare")
        .args(["-m", "true"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !require_tool(unshare, "unshare -m", "not permitted (no read-only mount)") {
        return;
    }
    // As the AWS CLI leaves it: private.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The cache directory read-only in a mount namespace (root included); the lock
    // directory stays writable, so only the write of the rotated token would fail.
    const SCRIPT: &str = r#"mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 98
shift; exec "$@""#;
    let dir = file.parent().unwrap().to_str().unwrap();
    let args = [
        "-m",
        "--",
        "/bin/sh",
        "-c",
        SCRIPT,
        "ro",
        dir,
        BIN,
        "getcallerid",
        "--profile",
        "console",
    ];
    let out = w.cmd(&args).program("unshare").run();
    out.fails(1, "is not writable");
    assert!(
        token_calls(&w).is_empty(),
        "the refresh token was not spent"
    );
    assert_eq!(cached(&file)["refreshToken"], s.refresh_token.as_str());
}

#[test]
fn runas_works_from_a_login_session() {
    let (w, s, _) = signed_in(3600);
    let args = [
        "runas",
        "--profile",
        "console",
        "-c",
        "echo $AWS_ACCESS_KEY_ID",
    ];
    let out = w.cmd(&args).run();
    assert_eq!(out.ok().stdout.trim(), s.creds.access_key_id);
}
