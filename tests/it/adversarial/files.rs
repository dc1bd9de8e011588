//! Adversarial: file inputs. Every file aws-login reads (option values given as
//! `file://PATH`, the config and credentials files, the SSO token cache, its own state,
//! and all of these during completion) is read only when it is a regular file no larger
//! than a cap; a lock never follows a planted symlink; a cache file others can read is
//! made private when read.
//!
//! Each run has a deadline and a 1 GiB address-space limit, so a regression (a FIFO that
//! blocks, `/dev/zero` read to the end) fails the test instead of hanging CI or eating
//! the machine's memory; and its peak memory is checked, since a read that runs into the
//! limit may be swallowed as an error and look like success.

mod read_once;
mod run;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use self::run::{complete, limited, refused, within};
use crate::harness::*;
use crate::sso::{cache_json, role_args};

fn fifo(path: &Path) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo {}", path.display());
    path.to_path_buf()
}

/// A sparse regular file of `len` zero bytes.
fn huge(path: &Path, len: u64) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
    path.to_path_buf()
}

const MIB: u64 = 1 << 20;

/// The hostile files for one kind of input: a device, a FIFO, and a regular file past
/// `cap`, each with what the refusal must say.
fn hostile(w: &World, name: &str, cap: u64) -> Vec<(PathBuf, &'static str)> {
    vec![
        (PathBuf::from("/dev/zero"), "is not a regular file"),
        (
            fifo(&w.home().join(format!("{name}.fifo"))),
            "is not a regular file",
        ),
        (
            huge(&w.home().join(format!("{name}.huge")), cap + 1),
            "is larger than",
        ),
    ]
}

#[test]
fn file_options_refuse_devices_fifos_and_oversized_files() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    // (label, the option the error must name, the command line around the file URL)
    type Args = fn(&str, &str) -> Vec<String>;
    let options: [(&str, &str, Args); 4] = [
        ("assume-roles", "--assume-roles", |url, _| {
            vec!["getcallerid".into(), "--assume-roles".into(), url.into()]
        }),
        ("accesstoken-cache", "--accesstoken-cache", |url, _| {
            let mut v: Vec<String> = role_args(&[]).iter().map(|s| s.to_string()).collect();
            v.extend(["--accesstoken-cache".into(), url.into()]);
            v
        }),
        (
            "target-arn-profiles",
            "--target-arn-profiles",
            |url, token| {
                [
                    "dumpconfig",
                    "--start-url",
                    START_URL,
                    "--sso-access-token",
                    token,
                ]
                .iter()
                .map(|s| s.to_string())
                .chain(["--target-arn-profiles".into(), url.into()])
                .collect()
            },
        ),
        ("importcache", "--accesstoken-cache", |url, _| {
            vec![
                "importcache".into(),
                "--accesstoken-cache".into(),
                url.into(),
            ]
        }),
    ];
    for (label, option, args) in options {
        for (path, says) in hostile(&w, label, MIB) {
            let url = format!("file://{}", path.display());
            let args = args(&url, &t.access_token);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = within(
                limited(&w, &args)
                    .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET),
            );
            let shown = path.display().to_string();
            refused(&out, &format!("{label} {url}"), &[option, &shown, says]);
        }
    }
    assert!(w.sts_actions().is_empty(), "no call before the checks");
}

#[test]
fn config_and_credentials_files_refuse_devices_fifos_and_oversized_files() {
    let w = World::new();
    for var in ["AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"] {
        for (path, says) in hostile(&w, var, 16 * MIB) {
            let shown = path.display().to_string();
            let out = within(
                limited(&w, &["getcallerid"])
                    .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
                    .env(var, &shown),
            );
            refused(&out, &format!("{var}={shown}"), &[var, &shown, says]);
        }
    }
    // The SDK expands a leading `~/` in these variables: so does the check.
    fifo(&w.home().join("tilde.fifo"));
    let out = within(
        limited(&w, &["getcallerid"])
            .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
            .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
            .env("AWS_CONFIG_FILE", "~/tilde.fifo"),
    );
    refused(
        &out,
        "~/tilde.fifo",
        &["AWS_CONFIG_FILE", "is not a regular file"],
    );
    // dumpconfig reaches the SDK by another road (no profile, no credentials).
    let t = w.fake.issue_sso_token(3600, false);
    let config = fifo(&w.home().join("dumpconfig.fifo"));
    let out = within(
        limited(
            &w,
            &[
                "dumpconfig",
                "--start-url",
                START_URL,
                "--sso-access-token",
                &t.access_token,
            ],
        )
        .env("AWS_CONFIG_FILE", &config.display().to_string()),
    );
    refused(
        &out,
        "dumpconfig",
        &["AWS_CONFIG_FILE", "is not a regular file"],
    );
    // A missing file is no error, as before.
    let out = within(
        limited(&w, &["getcallerid"])
            .env("AWS_ACCESS_KEY_ID", ALICE_KEY)
            .env("AWS_SECRET_ACCESS_KEY", ALICE_SECRET)
            .env("AWS_CONFIG_FILE", "/nonexistent/aws-login-config"),
    );
    out.ok();
}

#[test]
fn completion_answers_promptly_past_fifos_and_devices() {
    let w = World::new();
    w.write(".aws/credentials", "[from-creds]\naws_access_key_id = A\n");
    let url = "https://cached.awsapps.com/start";
    w.write(
        ".aws/sso/cache/0123.json",
        &format!(
            r#"{{"startUrl": "{url}", "accessToken": "t", "expiresAt": "2030-01-01T00:00:00Z"}}"#
        ),
    );
    fifo(&w.home().join(".aws/sso/cache/blocking.json"));
    let got = complete(&w, &["aws-login", "console", "--start-url", ""], &[]);
    assert_eq!(got, [url], "a FIFO in the SSO cache directory");

    let config = fifo(&w.home().join("config.fifo")).display().to_string();
    for path in [config.as_str(), "/dev/zero"] {
        let got = complete(
            &w,
            &["aws-login", "console", "--profile", ""],
            &[("AWS_CONFIG_FILE", path)],
        );
        assert_eq!(got, ["from-creds"], "AWS_CONFIG_FILE={path}");
    }

    let state = w.home().join(".local/state/aws-login");
    w.write(
        ".local/state/aws-login/sso-index/good.json",
        r#"{"startUrl": "https://x", "updatedAt": "", "accounts": {"123456789012": {"name": "n", "roles": ["Admin"]}}}"#,
    );
    fifo(&state.join("sso-index/blocking.json"));
    let got = complete(&w, &["aws-login", "console", "--sso-acct-id", ""], &[]);
    assert_eq!(got, ["123456789012"], "a FIFO in the discovery index");

    fifo(&state.join("assumed-roles"));
    let got = complete(&w, &["aws-login", "console", "--assume-roles", ""], &[]);
    assert!(got.is_empty(), "the assume history is a FIFO: {got:?}");
}

#[test]
fn a_fifo_in_the_sso_cache_is_refused_or_skipped_never_waited_on() {
    let w = World::new();
    fifo(&w.sso_cache_file("corp"));
    let out = within(limited(
        &w,
        &role_args(&["--use-cache", "--sso-session-name", "corp"]),
    ));
    let shown = w.sso_cache_file("corp").display().to_string();
    refused(&out, "cache FIFO", &[&shown, "is not a regular file"]);
    // aws-config reads it for an sso-session profile: vetted before it does.
    w.write(
        ".aws/config",
        &format!(
            "[profile sso]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n\n\
             [sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
        ),
    );
    let out = within(limited(&w, &["getcallerid", "--profile", "sso"]));
    refused(&out, "SDK cache FIFO", &[&shown, "is not a regular file"]);
    // Looking for the most recent sign-in passes over it.
    let t = w.fake.issue_sso_token(3600, false);
    w.write(".aws/sso/cache/good.json", &cache_json(&t, "us-east-1"));
    within(limited(&w, &role_args(&["--use-cache"]))).ok();
}

#[test]
fn write_refuses_a_target_that_is_not_a_regular_file_and_leaves_no_lock() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let dir = w.home().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let null = w.home().join("null-config");
    symlink("/dev/null", &null).unwrap();
    let targets = [fifo(&w.home().join("config.fifo")), dir, null];
    for target in targets {
        let shown = target.display().to_string();
        let out = within(limited(
            &w,
            &[
                "dumpconfig",
                "--start-url",
                START_URL,
                "--sso-access-token",
                &t.access_token,
                "--write",
                &shown,
            ],
        ));
        refused(&out, &shown, &[&shown, "is not a regular file"]);
        let lock = PathBuf::from(format!("{shown}.lock"));
        assert!(
            std::fs::symlink_metadata(&lock).is_err(),
            "{shown}: a lock file was left beside it"
        );
    }
    assert!(w.fake.log().is_empty(), "refused before any call");
}

#[test]
fn a_symlink_planted_at_a_lock_path_is_not_followed() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    let token = cache_json(&t, "us-east-1");
    std::fs::create_dir_all(w.sso_cache_file("corp").parent().unwrap()).unwrap();
    let cache_lock = w.lock_file(&w.sso_cache_file("corp"));
    std::fs::create_dir_all(cache_lock.parent().unwrap()).unwrap();
    let cache_lock = cache_lock.display().to_string();
    let import = [
        "importcache",
        "--sso-session-name",
        "corp",
        "--accesstoken-cache",
    ];

    // Pointing nowhere: following it would create the victim.
    let absent = w.home().join("victim-absent");
    symlink(&absent, &cache_lock).unwrap();
    let mut args = import.to_vec();
    args.push(&token);
    let out = within(limited(&w, &args));
    refused(&out, "dangling lock symlink", &[&cache_lock, "symlink"]);
    assert!(
        std::fs::symlink_metadata(&absent).is_err(),
        "the victim was created"
    );
    assert!(!w.sso_cache_file("corp").exists(), "nothing was imported");

    // Pointing at a file of the user's: it stays exactly as it was.
    let victim = w.write("victim", "precious\n");
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(&cache_lock).unwrap();
    symlink(&victim, &cache_lock).unwrap();
    let out = within(limited(&w, &args));
    refused(&out, "lock symlink to a file", &[&cache_lock, "symlink"]);

    // The config file's lock under --write.
    let config_lock = w.lock_file(&w.config_path()).display().to_string();
    symlink(&victim, &config_lock).unwrap();
    let out = within(limited(
        &w,
        &[
            "dumpconfig",
            "--start-url",
            START_URL,
            "--sso-access-token",
            &t.access_token,
            "--write",
        ],
    ));
    refused(&out, "config lock symlink", &[&config_lock, "symlink"]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let mode = std::fs::metadata(&victim).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o644, "the victim's mode changed");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn open_to_all(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn state_files_others_can_read_are_made_private_when_read() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, false);
    let cached = w.sso_cache_file("corp");
    std::fs::create_dir_all(cached.parent().unwrap()).unwrap();
    std::fs::write(&cached, cache_json(&t, "us-east-1")).unwrap();
    open_to_all(&cached);
    within(limited(
        &w,
        &role_args(&["--use-cache", "--sso-session-name", "corp"]),
    ))
    .ok();
    assert_eq!(mode(&cached), 0o600, "the SSO token cache file");

    let index = w.write(
        ".local/state/aws-login/sso-index/0a.json",
        r#"{"startUrl": "https://x", "updatedAt": "", "accounts": {"123456789012": {"name": "n", "roles": ["Admin"]}}}"#,
    );
    let history = w.write(
        ".local/state/aws-login/assumed-roles",
        &format!("{DEPLOY}\n"),
    );
    open_to_all(&index);
    open_to_all(&history);
    complete(&w, &["aws-login", "console", "--sso-acct-id", ""], &[]);
    assert_eq!(mode(&index), 0o600, "the discovery index");
    complete(&w, &["aws-login", "console", "--assume-roles", ""], &[]);
    assert_eq!(mode(&history), 0o600, "the assume history");
}
