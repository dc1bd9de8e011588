//! Running a program in the world: aws-login (or a shell, the aws CLI) with a cleared
//! environment pointed at the temp HOME and the emulator, and its outcome checked.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::{ALICE_KEY, ALICE_SECRET, BIN, World};

impl World {
    pub fn cmd(&self, args: &[&str]) -> Run<'_> {
        Run {
            world: self,
            args: args.iter().map(|s| s.to_string()).collect(),
            env: Vec::new(),
            program: BIN.into(),
        }
    }

    /// The aws CLI, run in the same clean environment.
    pub fn aws_cli(&self, args: &[&str]) -> Run<'_> {
        self.cmd(args)
            .program(which::which("aws").expect("the aws CLI on PATH"))
    }

    /// The ARN the aws CLI gets from STS GetCallerIdentity as `profile` (it must succeed):
    /// what a user's own client makes of what aws-login wrote.
    pub fn aws_cli_arn(&self, profile: &str) -> String {
        let args = [
            "sts",
            "get-caller-identity",
            "--profile",
            profile,
            "--output",
            "json",
        ];
        let out = self.aws_cli(&args).run();
        assert_eq!(out.code, 0, "aws CLI as {profile}: {}", out.stderr);
        out.json()["Arn"].as_str().expect("an Arn").to_string()
    }

    /// aws-login with alice's keys in the environment.
    pub fn alice(&self, args: &[&str]) -> Run<'_> {
        self.cmd(args)
            .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
            .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
    }
}

pub struct Run<'w> {
    world: &'w World,
    args: Vec<String>,
    env: Vec<(String, String)>,
    program: PathBuf,
}

impl Run<'_> {
    /// The arguments, in place of those given when the run was made.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }

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

    /// Run it with no controlling terminal (`setsid -w`), as under an IDE, cron or a
    /// scheduler: /dev/tty cannot be opened.
    pub fn detached(mut self) -> Self {
        let setsid = super::which("setsid").expect("setsid (util-linux)");
        let program = std::mem::replace(&mut self.program, setsid);
        let mut args = vec!["-w".to_string(), program.display().to_string()];
        args.append(&mut self.args);
        self.args = args;
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

/// The first Rust `Debug` rendering in `text`, if any: a CamelCase type or variant name
/// followed by `(` or ` {` (`ServiceError(…`, `ProfileChain { …`, `Some(…`).
pub fn debug_rendering(text: &str) -> Option<String> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        if c.is_ascii_uppercase() && !ident(prev) {
            let word: String = text[i..].chars().take_while(|c| ident(*c)).collect();
            let rest = &text[i + word.len()..];
            if word.chars().any(|c| c.is_ascii_lowercase())
                && (rest.starts_with('(') || rest.starts_with(" {"))
            {
                return Some(text[i..].chars().take(80).collect());
            }
        }
        prev = c;
    }
    None
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
