//! `--imds`: the endpoint as EC2 instance metadata (IMDSv2), for `serve` and `runas --serve`.

use std::io::{BufRead, BufReader};

use super::*;

/// One HTTP/1.1 request with `headers` (Host is `addr`): status and body text.
pub fn call(addr: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("Content-Length: 0\r\n\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    (status, body.to_string())
}

const TTL: &str = "X-aws-ec2-metadata-token-ttl-seconds";
const TOKEN: &str = "X-aws-ec2-metadata-token";
const CREDS: &str = "/latest/meta-data/iam/security-credentials/";

/// A session token for `ttl` seconds.
pub fn imds_token(addr: &str, ttl: &str) -> String {
    let (status, token) = call(addr, "PUT", "/latest/api/token", &[(TTL, ttl)]);
    assert_eq!(status, 200, "{token}");
    token
}

/// An aws-login process killed when the test ends, however it ends.
pub struct Killed(pub Option<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        if let Some(c) = &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Start `serve --imds` with `args`, read the endpoint it prints (fish syntax) and check
/// that the container variables are unset by the same code.
pub fn serve_imds(w: &World, args: &[&str]) -> (Killed, String) {
    use std::process::Stdio;
    let mut argv = vec!["serve", "--imds", "--outform", "fish"];
    argv.extend_from_slice(args);
    let mut child = w
        .alice(&argv)
        .command()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let child = Killed(Some(child));
    let mut lines = Vec::new();
    for _ in 0..6 {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        lines.push(line.trim_end().to_string());
    }
    let endpoint = lines[0]
        .strip_prefix("set -gx AWS_EC2_METADATA_SERVICE_ENDPOINT 'http://")
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or_else(|| panic!("{lines:?}"))
        .to_string();
    for name in [
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_EC2_METADATA_DISABLED",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("set -e") && l.contains(name)),
            "{name} not unset: {lines:?}"
        );
    }
    (child, endpoint)
}

/// SIGTERM: aws-login must stop cleanly; its stderr.
pub fn stop(mut served: Killed) -> String {
    let mut child = served.0.take().unwrap();
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    stderr
}

#[test]
fn serve_imds_answers_imdsv2_as_ec2_does() {
    let w = World::new();
    let (child, addr) = serve_imds(&w, &["--assume-roles", DEPLOY]);
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let put = |headers: &[(&str, &str)]| call(&addr, "PUT", "/latest/api/token", headers).0;
    for bad in ["0", "21601", "-5", "abc", ""] {
        assert_eq!(put(&[(TTL, bad)]), 400, "ttl {bad:?}");
    }
    assert_eq!(put(&[]), 400, "no ttl");
    assert_eq!(put(&[(TTL, "60"), ("X-Forwarded-For", "203.0.113.9")]), 403);
    let port = addr.rsplit(':').next().unwrap();
    let rebound = format!("attacker.example:{port}");
    assert_eq!(put(&[(TTL, "60"), ("Host", &rebound)]), 403);
    // IMDSv1 is refused.
    assert_eq!(call(&addr, "GET", CREDS, &[]).0, 401);
    assert_eq!(call(&addr, "GET", CREDS, &[(TOKEN, "made-up")]).0, 401);
    let token = imds_token(&addr, "21600");
    let (status, role) = call(&addr, "GET", CREDS, &[(TOKEN, &token)]);
    assert_eq!((status, role.as_str()), (200, "Deploy"));
    let (status, body) = call(&addr, "GET", &format!("{CREDS}Deploy"), &[(TOKEN, &token)]);
    assert_eq!(status, 200, "{body}");
    let creds: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(creds["Code"], "Success");
    assert_eq!(creds["Type"], "AWS-HMAC");
    assert!(creds["AccessKeyId"].as_str().unwrap().starts_with("ASIA"));
    for key in ["LastUpdated", "SecretAccessKey", "Token", "Expiration"] {
        assert!(creds[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
    // botocore parses the expiry with exactly this form.
    let exp = creds["Expiration"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(exp, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
        "{exp}"
    );
    assert_eq!(
        call(&addr, "GET", &format!("{CREDS}Other"), &[(TOKEN, &token)]).0,
        404
    );
    // A token lives its TTL and no longer.
    let short = imds_token(&addr, "1");
    assert_eq!(call(&addr, "GET", CREDS, &[(TOKEN, &short)]).0, 200);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(call(&addr, "GET", CREDS, &[(TOKEN, &short)]).0, 401);
    let stderr = stop(child);
    assert!(!stderr.contains(&token), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn without_a_final_role_the_role_is_named_aws_login() {
    let w = World::new();
    let (child, addr) = serve_imds(&w, &["--get-session-token"]);
    let token = imds_token(&addr, "60");
    let (status, role) = call(&addr, "GET", CREDS, &[(TOKEN, &token)]);
    assert_eq!((status, role.as_str()), (200, "aws-login"));
    let (status, body) = call(
        &addr,
        "GET",
        &format!("{CREDS}aws-login"),
        &[(TOKEN, &token)],
    );
    assert_eq!(status, 200, "{body}");
    stop(child);
}

/// The child gets the instance-metadata endpoint, and none of the container variables its
/// parent had (they would outrank it), nor a switch that turns instance metadata off.
#[test]
fn runas_serve_imds_gives_the_child_instance_metadata_and_no_container_variables() {
    if !have("python3") {
        return;
    }
    let w = World::new();
    let script = r#"
import os, boto3
for name in ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN',
             'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
             'AWS_EC2_METADATA_DISABLED', 'AWS_ACCESS_KEY_ID']:
    assert name not in os.environ, name
assert os.environ['AWS_EC2_METADATA_SERVICE_ENDPOINT'].startswith('http://127.0.0.1:')
s = boto3.Session()
assert s.get_credentials().method == 'iam-role', s.get_credentials().method
print(s.client('sts').get_caller_identity()['Arn'])
"#;
    let out = w
        .alice(&[
            "runas",
            "--serve",
            "--imds",
            "--assume-roles",
            DEPLOY,
            "--region",
            "eu-west-1",
            "--",
            "python3",
            "-c",
            script,
        ])
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/x")
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "stale-token-value")
        .env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/x")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("assumed-role/Deploy/aws-login"),
        "{}",
        out.stdout
    );
    let last = w.last_call("GetCallerIdentity");
    assert_eq!(last.status, 200);
}

#[test]
fn imds_without_serve_is_a_usage_error() {
    let w = World::new();
    let out = w
        .alice(&["runas", "--imds", "--assume-roles", DEPLOY, "--", "true"])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--serve"), "{}", out.stderr);
}

/// botocore keeps instance-metadata credentials minutes past their fetch: credentials that
/// last under 15 minutes are warned about, an hour's are not.
#[test]
fn credentials_too_short_for_botocore_through_instance_metadata_are_warned_about() {
    let run = |w: &World| {
        let argv = [
            "runas",
            "--serve",
            "--imds",
            "--assume-roles",
            DEPLOY,
            "--",
            "true",
        ];
        let out = w.alice(&argv).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stderr
    };
    let stderr = run(&short_lived(600));
    assert!(
        stderr.starts_with("aws-login: warning: these credentials last under 15 minutes"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stderr = run(&World::new());
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// Instance metadata has no secret shared beforehand: on loopback, only the user aws-login
/// runs as (or root) gets a session token. Here aws-login runs as root and curl as nobody.
#[test]
fn another_user_on_this_machine_gets_no_token() {
    // SAFETY: a plain query.
    let root = unsafe { libc::geteuid() } == 0;
    if !have("curl")
        || !require_tool(
            root && have("setpriv"),
            "setpriv",
            "missing, or the tests do not run as root",
        )
    {
        return;
    }
    let w = World::new();
    let (child, addr) = serve_imds(&w, &["--assume-roles", DEPLOY]);
    let url = format!("http://{addr}/latest/api/token");
    let curl = |as_nobody: bool| {
        let mut argv = vec![];
        if as_nobody {
            argv.extend([
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
            ]);
        }
        argv.extend([
            "curl",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "-X",
            "PUT",
        ]);
        argv.extend(["-H", "X-aws-ec2-metadata-token-ttl-seconds: 60", &url]);
        let out = std::process::Command::new(argv[0])
            .args(&argv[1..])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(curl(true), "403");
    assert_eq!(curl(false), "200");
    stop(child);
}
