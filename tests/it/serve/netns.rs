//! The recipe for a container or sandbox that shares no loopback with the host: the
//! endpoint bound on 169.254.170.2 (an address the SDKs accept for plain http), reached
//! from another network namespace over a veth pair. The test makes the namespace and the
//! pair, uses only 169.254.170.2 and 169.254.170.23, and removes both when it ends.

use std::process::Command;

use super::imds::{Killed, call, serve_imds, stop};
use super::*;

const HOST_IP: &str = "169.254.170.2";
const SANDBOX_IP: &str = "169.254.170.23";

/// A network namespace with one end of a veth pair (169.254.170.23), the other end on
/// this side (169.254.170.2); gone when dropped, also when the test fails.
struct Sandbox {
    ns: String,
    host_if: String,
    /// Held while the sandbox exists: only one test at a time (of any checkout on this
    /// machine) gives 169.254.170.2 to a veth.
    _lock: std::fs::File,
}

fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ip {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

impl Sandbox {
    fn new() -> Result<Sandbox, String> {
        use std::os::fd::AsRawFd;
        let lock = std::fs::File::create(std::env::temp_dir().join("aws-login-netns-test.lock"))
            .map_err(|e| e.to_string())?;
        // SAFETY: flock on a descriptor this function owns.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err("cannot lock".into());
        }
        let id = std::process::id() % 100_000;
        let sandbox = Sandbox {
            ns: format!("awslogin{id}"),
            host_if: format!("alh{id}"),
            _lock: lock,
        };
        let (ns, host_if) = (sandbox.ns.as_str(), sandbox.host_if.as_str());
        let sandbox_if = format!("als{id}");
        ip(&["netns", "add", ns])?;
        ip(&[
            "link",
            "add",
            host_if,
            "type",
            "veth",
            "peer",
            "name",
            &sandbox_if,
        ])?;
        ip(&["link", "set", &sandbox_if, "netns", ns])?;
        ip(&["addr", "add", &format!("{HOST_IP}/32"), "dev", host_if])?;
        ip(&["link", "set", host_if, "up"])?;
        ip(&["route", "add", &format!("{SANDBOX_IP}/32"), "dev", host_if])?;
        let inside = |args: &[&str]| {
            let mut all = vec!["netns", "exec", ns, "ip"];
            all.extend_from_slice(args);
            ip(&all)
        };
        inside(&["link", "set", "lo", "up"])?;
        inside(&[
            "addr",
            "add",
            &format!("{SANDBOX_IP}/32"),
            "dev",
            &sandbox_if,
        ])?;
        inside(&["link", "set", &sandbox_if, "up"])?;
        inside(&["route", "add", &format!("{HOST_IP}/32"), "dev", &sandbox_if])?;
        Ok(sandbox)
    }

    /// `program` inside the namespace with only `env` (and PATH): status, stdout, stderr.
    fn run(&self, env: &[(&str, &str)], program: &[&str]) -> (i32, String, String) {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns])
            .args(program)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir());
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        (
            exit_code(&out.status),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Deleting the namespace deletes its end of the pair, and so the pair.
        let _ = ip(&["netns", "del", &self.ns]);
        let _ = ip(&["link", "del", &self.host_if]);
    }
}

/// Root and `ip netns`: what the test needs to make a namespace.
fn sandbox() -> Option<Sandbox> {
    // SAFETY: a plain query.
    let root = unsafe { libc::geteuid() } == 0;
    if !require_tool(
        root && have("ip"),
        "ip",
        "missing, or the tests do not run as root",
    ) {
        return None;
    }
    match Sandbox::new() {
        Ok(s) => Some(s),
        Err(e) => panic!("cannot make the network namespace: {e}"),
    }
}

const BOTO3_KEY: &str =
    "import boto3; print(boto3.Session().get_credentials().get_frozen_credentials().access_key)";

#[test]
fn a_sandbox_without_the_hosts_loopback_reaches_the_endpoint_on_169_254_170_2() {
    if !have("python3") || !have("curl") {
        return;
    }
    let Some(sandbox) = sandbox() else {
        return;
    };
    let w = World::new();
    let bind = format!("{HOST_IP}:0");
    let (child, uri, token) = foreground::start(foreground::serve_command(&w, &["--bind", &bind]));
    let mut served = Killed(Some(child));
    assert!(uri.starts_with(&format!("http://{HOST_IP}:")), "{uri}");
    let (host, path) = foreground::split(&uri);
    let (_, expected) = get(&host, &host, &path, Some(&token));
    let key = expected["AccessKeyId"].as_str().unwrap();
    // boto3 in the sandbox, through the container provider.
    let env = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", token.as_str()),
    ];
    let (code, out, err) = sandbox.run(&env, &["python3", "-c", BOTO3_KEY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), key);
    // Without the token: 401, from the sandbox too.
    let (code, out, err) = sandbox.run(
        &[],
        &["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", &uri],
    );
    assert_eq!((code, out.as_str()), (0, "401"), "{err}");
    let mut child = served.0.take().unwrap();
    // SAFETY: a signal to the aws-login this test started.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, stderr) = finish(&mut child);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("warning:").count(),
        1,
        "one warning for the non-loopback bind: {stderr}"
    );
    assert!(!stderr.contains(&token), "{stderr}");
}

#[test]
fn a_sandbox_reaches_instance_metadata_on_169_254_170_2() {
    if !have("python3") {
        return;
    }
    let Some(sandbox) = sandbox() else {
        return;
    };
    let w = World::new();
    let (served, addr) = serve_imds(
        &w,
        &["--assume-roles", DEPLOY, "--bind", &format!("{HOST_IP}:0")],
    );
    assert!(addr.starts_with(HOST_IP), "{addr}");
    let token = super::imds::imds_token(&addr, "60");
    let path = "/latest/meta-data/iam/security-credentials/Deploy";
    let (status, body) = call(&addr, "GET", path, &[("X-aws-ec2-metadata-token", &token)]);
    assert_eq!(status, 200, "{body}");
    let expected: serde_json::Value = serde_json::from_str(&body).unwrap();
    let endpoint = format!("http://{addr}");
    let env = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint.as_str())];
    let (code, out, err) = sandbox.run(&env, &["python3", "-c", BOTO3_KEY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), expected["AccessKeyId"].as_str().unwrap());
    let stderr = stop(served);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
}
