//! The test builder: a temp HOME with its own AWS files, an optional emulator, and a
//! command runner that starts aws-login with a cleared environment.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fake_aws::{FakeAws, Scenario};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_aws-login");

pub const ALICE_KEY: &str = "AKIAALICE00000000001";
pub const ALICE_SECRET: &str = "alice-secret-0123456789abcdefghijklmnopq";
pub const BOB_KEY: &str = "AKIABOB0000000000001";
pub const BOB_SECRET: &str = "bob-secret-0123456789abcdefghijklmnopqrs";
pub const DEPLOY: &str = "arn:aws:iam::222222222222:role/Deploy";
pub const AUDIT: &str = "arn:aws:iam::333333333333:role/team/Audit";
pub const FINAL: &str = "arn:aws:iam::111111111111:role/Final";
pub const PARTNER: &str = "arn:aws:iam::222222222222:role/Partner";
pub const SECURE: &str = "arn:aws:iam::222222222222:role/Secure";
pub const MFA_SERIAL: &str = "arn:aws:iam::111111111111:mfa/alice";
pub const START_URL: &str = "https://example.awsapps.com/start";
pub const FROM_SSO: &str = "arn:aws:iam::222222222222:role/FromSso";
pub const VIEWER: &str = "arn:aws:iam::333333333333:role/ConsoleViewer";

/// One organisation used across the tests: alice can reach Deploy, Deploy can reach
/// team/Audit, Audit can reach Final; Partner needs an external id, Secure needs MFA.
pub fn scenario_json() -> String {
    format!(
        r#"{{
  "accounts": [{{"id": "111111111111", "name": "dev"}}, {{"id": "222222222222", "name": "prod"}},
               {{"id": "333333333333", "name": "audit"}}],
  "users": [
    {{"account": "111111111111", "name": "alice",
      "access_keys": [{{"id": "{ALICE_KEY}", "secret": "{ALICE_SECRET}"}}],
      "mfa": {{"serial": "{MFA_SERIAL}", "code": "123456"}}}},
    {{"account": "111111111111", "name": "bob",
      "access_keys": [{{"id": "{BOB_KEY}", "secret": "{BOB_SECRET}"}}]}}
  ],
  "roles": [
    {{"arn": "{DEPLOY}", "trust": ["arn:aws:iam::111111111111:user/alice"]}},
    {{"arn": "{AUDIT}", "trust": ["{DEPLOY}"]}},
    {{"arn": "{FINAL}", "trust": ["{AUDIT}"]}},
    {{"arn": "{PARTNER}", "trust": ["arn:aws:iam::111111111111:user/alice"], "external_id": "ext-123"}},
    {{"arn": "{SECURE}", "trust": ["arn:aws:iam::111111111111:user/alice"], "require_mfa": true}},
    {{"arn": "arn:aws:iam::111111111111:role/Ec2Role", "trust": ["*"]}},
    {{"arn": "{FROM_SSO}", "trust": ["arn:aws:iam::111111111111:root"]}},
    {{"arn": "{VIEWER}", "trust": ["{FROM_SSO}"]}},
    {{"arn": "arn:aws:iam::111111111111:role/TaskRole", "trust": ["*"]}}
  ],
  "imds": {{"role_arn": "arn:aws:iam::111111111111:role/Ec2Role"}},
  "sso": {{"start_url": "{START_URL}", "region": "us-east-1", "user": "alice@example.com",
           "assignments": [{{"account_id": "111111111111", "account_name": "dev", "roles": ["Admin", "ReadOnly"]}},
                           {{"account_id": "222222222222", "account_name": "prod", "roles": ["Admin"]}}]}},
  "container": {{"role_arn": "arn:aws:iam::111111111111:role/TaskRole", "auth_token": "task-auth-token"}}
}}"#
    )
}

pub struct World {
    pub dir: TempDir,
    pub fake: FakeAws,
    /// Values that must never show up on stderr.
    secrets: BTreeSet<String>,
}

impl World {
    /// A temp HOME and the standard scenario's emulator.
    pub fn new() -> World {
        World::with_scenario(&scenario_json())
    }

    pub fn with_scenario(json: &str) -> World {
        let scenario = Scenario::from_json(json).expect("scenario parses");
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".aws")).unwrap();
        let secrets = [ALICE_SECRET, BOB_SECRET, "task-auth-token"]
            .map(String::from)
            .into();
        World {
            dir,
            fake: FakeAws::start(scenario),
            secrets,
        }
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_path(&self) -> PathBuf {
        self.home().join(".aws/config")
    }

    pub fn credentials_path(&self) -> PathBuf {
        self.home().join(".aws/credentials")
    }

    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.home().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// A credentials file with alice's and bob's keys as profiles `alice` and `bob`.
    pub fn with_user_profiles(self) -> World {
        self.write(
            ".aws/credentials",
            &format!(
                "[alice]\naws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n\n\
                 [bob]\naws_access_key_id = {BOB_KEY}\naws_secret_access_key = {BOB_SECRET}\n"
            ),
        );
        self
    }

    pub fn cmd(&self, args: &[&str]) -> Run<'_> {
        Run {
            world: self,
            args: args.iter().map(|s| s.to_string()).collect(),
            env: Vec::new(),
            program: BIN.into(),
        }
    }

    /// aws-login with alice's keys in the environment.
    pub fn alice(&self, args: &[&str]) -> Run<'_> {
        self.cmd(args)
            .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
            .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
    }

    /// A "browser" for BROWSER: a script that fetches the URL and follows redirects
    /// (python's urllib), and the meta refresh of a local page as browsers do (the console
    /// sign-in page), recording each URL it was given in `browser.log`.
    pub fn fetching_browser(&self) -> String {
        let log = self.home().join("browser.log");
        let script = format!(
            "#!/bin/sh\necho \"$1\" >> '{}'\nexec python3 -c 'import html, re, sys, urllib.request\ntry:\n    page = urllib.request.urlopen(sys.argv[1], timeout=20).read().decode()\n    m = re.search(r\"http-equiv=.refresh. content=.0;url=([^\\\"]+)\", page) if sys.argv[1].startswith(\"file:\") else None\n    print(urllib.request.urlopen(html.unescape(m.group(1)), timeout=20).read().decode() if m else page)\nexcept Exception as e:\n    print(\"browser error\", e)' \"$1\" >> '{}.pages' 2>&1\n",
            log.display(),
            log.display()
        );
        self.executable("fetch-browser", &script)
    }

    /// A BROWSER that does nothing (a user who never signs in).
    pub fn idle_browser(&self) -> String {
        self.executable("idle-browser", "#!/bin/sh\nexit 0\n")
    }

    pub fn executable(&self, name: &str, script: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let p = self.write(&format!("bin/{name}"), script);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p.display().to_string()
    }

    /// The pages the fetching browser saw.
    pub fn browser_pages(&self) -> String {
        std::fs::read_to_string(self.home().join("browser.log.pages")).unwrap_or_default()
    }

    /// The pages, once one contains `needle` (the browser runs in the background and may
    /// still be loading when aws-login exits); what there is after 20 s.
    pub fn wait_browser_pages(&self, needle: &str) -> String {
        wait_for_text(&self.home().join("browser.log.pages"), needle)
    }

    /// The shared SSO cache file for a key (sso-session name or start URL).
    pub fn sso_cache_file(&self, key: &str) -> PathBuf {
        use sha1::Digest;
        let hash: String = sha1::Sha1::digest(key.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.home().join(format!(".aws/sso/cache/{hash}.json"))
    }

    /// The lock aws-login takes for `file` when neither XDG_RUNTIME_DIR nor XDG_STATE_HOME
    /// is set: in the state directory's `locks/`, never beside the file.
    pub fn lock_file(&self, file: &Path) -> PathBuf {
        lock_file_in(&self.home().join(".local/state/aws-login/locks"), file)
    }

    /// Every STS action the emulator saw, in order.
    pub fn sts_actions(&self) -> Vec<String> {
        self.fake
            .log()
            .into_iter()
            .filter(|e| e.service == fake_aws::Service::Sts)
            .map(|e| e.action)
            .collect()
    }
}

pub struct Run<'w> {
    world: &'w World,
    args: Vec<String>,
    env: Vec<(String, String)>,
    program: PathBuf,
}

impl Run<'_> {
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.to_string(), v.to_string()));
        self
    }

    /// Temporary credentials (e.g. a minted session) as environment keys.
    pub fn session(self, c: &fake_aws::IssuedCreds) -> Self {
        self.env("AWS_ACCESS_KEY_ID", &c.access_key_id)
            .env("AWS_SECRET_ACCESS_KEY", &c.secret_access_key)
            .env("AWS_SESSION_TOKEN", &c.session_token)
    }

    /// Run another program (a shell, the aws CLI) in the same clean environment.
    pub fn program(mut self, p: impl Into<PathBuf>) -> Self {
        self.program = p.into();
        self
    }

    pub fn command(&self) -> Command {
        let w = self.world;
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", w.home())
            .env("AWS_CONFIG_FILE", w.config_path())
            .env("AWS_SHARED_CREDENTIALS_FILE", w.credentials_path())
            .env("LANG", "C.UTF-8")
            .current_dir(w.home())
            .stdin(Stdio::null());
        for (k, v) in w.fake.endpoint_env() {
            c.env(k, v);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    /// Start without waiting, stdout and stderr piped.
    pub fn spawn(self) -> std::process::Child {
        let mut c = self.command();
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        c.spawn().unwrap()
    }

    pub fn run(self) -> Out {
        self.run_with_stdin(None)
    }

    pub fn run_with_stdin(self, stdin: Option<&str>) -> Out {
        let mut c = self.command();
        if stdin.is_some() {
            c.stdin(Stdio::piped());
        }
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.program.display()));
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let code = exit_code(&out.status);
        let o = Out {
            code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        self.assert_no_secret_on_stderr(&o);
        o
    }

    /// Every run checks that no secret it could know of reached stderr: the scenario's
    /// secrets, the ones passed in its environment or printed on stdout, and every secret
    /// and token the emulator issued (intermediate hops included).
    fn assert_no_secret_on_stderr(&self, o: &Out) {
        let mut secrets = self.world.secrets.clone();
        for (k, v) in &self.env {
            if k.contains("SECRET") || k.contains("TOKEN") {
                secrets.insert(v.clone());
            }
        }
        secrets.extend(secrets_in(&o.stdout));
        secrets.extend(self.world.fake.issued_secrets());
        for s in secrets.iter().filter(|s| s.len() >= 8) {
            assert!(
                !o.stderr.contains(s.as_str()),
                "a secret reached stderr: {}",
                o.stderr
            );
        }
    }
}

/// The lock for `file` in the lock directory `dir`: named by the SHA-256 of the file's
/// canonical path (its directory's, when the file does not exist yet).
pub fn lock_file_in(dir: &Path, file: &Path) -> PathBuf {
    use sha2::Digest;
    let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| {
        std::fs::canonicalize(file.parent().unwrap())
            .unwrap()
            .join(file.file_name().unwrap())
    });
    let hash: String = sha2::Sha256::digest(canonical.as_os_str().as_encoded_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    dir.join(format!("{hash}.lock"))
}

/// A file's text once it contains `needle` (a browser in the background may still be
/// writing when aws-login exits); whatever it holds after 30 s.
pub fn wait_for_text(path: &Path, needle: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Secret values printed as exports or credential_process JSON.
pub fn secrets_in(stdout: &str) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(stdout) {
        for k in ["SecretAccessKey", "SessionToken"] {
            if let Some(s) = v.get(k).and_then(|s| s.as_str()) {
                found.push(s.to_string());
            }
        }
    }
    for line in stdout.lines() {
        for k in ["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] {
            if let Some(i) = line.find(k) {
                let rest = line[i + k.len()..].trim_start_matches(['=', ' ']);
                found.push(rest.trim_matches(['\'', '"']).to_string());
            }
        }
    }
    found
}

fn exit_code(status: &std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// A failure with exactly one `aws-login: …` line on stderr and nothing on stdout.
    #[track_caller]
    pub fn fails(&self, code: i32, needle: &str) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert_eq!(self.stdout, "", "stdout must stay empty on failure");
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "one stderr line expected, got: {}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("aws-login: "),
            "prefix: {}",
            self.stderr
        );
        assert!(
            self.stderr.contains(needle),
            "stderr should mention {needle:?}: {}",
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    pub fn arn(&self) -> String {
        self.json()["Arn"].as_str().unwrap().to_string()
    }
}

/// Whether an external tool is available; panics under AWS_LOGIN_REQUIRE_TOOLS=1 so CI
/// cannot skip silently.
pub fn have(tool: &str) -> bool {
    let found = which(tool).is_some();
    if !found {
        if std::env::var("AWS_LOGIN_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{tool} is required (AWS_LOGIN_REQUIRE_TOOLS=1) but not installed");
        }
        eprintln!("skipping: {tool} is not installed");
    }
    found
}

pub fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.is_file())
}
