//! The test builder: a temp HOME with its own AWS files, an optional emulator, and a
//! command runner that starts aws-login with a cleared environment.
//!
//! `World` and the standard scenario live here; beside them: running a program and
//! checking its outcome (`run`), stand-in browsers (`browser`), external tools and when a
//! missing one may skip (`tools`), and the `shell init` scripts in real shells (`shells`).

mod browser;
mod run;
mod shells;
mod strace;
mod tools;

pub use browser::*;
pub use run::*;
pub use shells::*;
pub use strace::*;
pub use tools::*;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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

    pub fn executable(&self, name: &str, script: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let p = self.write(&format!("bin/{name}"), script);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p.display().to_string()
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

    /// The emulator's log entries for `action`, in order.
    pub fn calls(&self, action: &str) -> Vec<fake_aws::LogEntry> {
        let mut log = self.fake.log();
        log.retain(|e| e.action == action);
        log
    }

    /// The first `action` the emulator saw.
    pub fn first_call(&self, action: &str) -> fake_aws::LogEntry {
        let mut calls = self.calls(action);
        assert!(!calls.is_empty(), "the emulator saw no {action}");
        calls.swap_remove(0)
    }

    /// The last `action` the emulator saw.
    pub fn last_call(&self, action: &str) -> fake_aws::LogEntry {
        let calls = self.calls(action);
        calls
            .into_iter()
            .next_back()
            .unwrap_or_else(|| panic!("the emulator saw no {action}"))
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
