//! Shell completion: dynamic candidates through clap_complete's environment protocol
//! (`COMPLETE=bash|fish aws-login -- WORDS…`), at organisation scale (5,000 profiles, an
//! index of 1,000 accounts), in real bash through the `shell init` registration, and the
//! static scripts committed in completions/.
//!
//! Here: the fixtures and both protocols, and words the CLI definition knows (subcommands,
//! options, value enums, regions). Beside it, one module per kind of name completed from
//! the user's files: `profiles`, `roles`, `sso` (accounts, start URLs, sso-session names).

mod profiles;
mod roles;
mod sso;

use crate::harness::*;
pub const PROFILES: usize = 5_000;
pub const ACCOUNTS: usize = 1_000;
pub const CONFIG_URL: &str = "https://config.awsapps.com/start";
pub const CACHE_URL: &str = "https://cache.awsapps.com/start";
pub const INDEX_URL: &str = "https://index.awsapps.com/start";
pub const CONFIG_ROLE_A: &str = "arn:aws:iam::222222222222:role/ConfigA";
pub const CONFIG_ROLE_B: &str = "arn:aws:iam::333333333333:role/team/ConfigB";
pub const HISTORY_ROLE: &str = "arn:aws:iam::444444444444:role/Assumed";

pub fn profile(i: usize) -> String {
    format!("team-{i:04}")
}

pub fn account_id(i: usize) -> String {
    format!("{}", 100_000_000_000 + i)
}

/// Every account has Admin and a role of its own, so filtering by account shows.
pub fn account_roles(i: usize) -> [String; 2] {
    ["Admin".to_string(), format!("Team{i:04}")]
}

/// A home at scale: a config with 5,000 profiles (plus `[default]`, an sso-session, role
/// ARNs and sections that are not profiles), a credentials file, an SSO cache, a discovery
/// index of 1,000 accounts and an assume history.
pub fn big_world() -> World {
    let w = World::new();
    let mut config = String::from("[default]\nregion = us-east-1\n\n");
    config.push_str(&format!(
        "[sso-session corp]\nsso_start_url = {CONFIG_URL}\nsso_region = us-east-1\n\n\
         [sso-session lab]\nsso_start_url = {CONFIG_URL}\n\n\
         [services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n\n"
    ));
    for i in 0..PROFILES {
        config.push_str(&format!(
            "[profile {}]\nsso_session = corp\nsso_account_id = {}\nsso_role_name = Admin\nregion = eu-west-1\n\n",
            profile(i),
            account_id(i % ACCOUNTS)
        ));
    }
    config.push_str(&format!(
        "[profile chained]\nsource_profile = team-0000\nrole_arn = {CONFIG_ROLE_A}\n\n\
         [profile audit]\nsource_profile = chained\nrole_arn = {CONFIG_ROLE_B}\n"
    ));
    w.write(".aws/config", &config);
    w.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = x\n\n\
         [cred-only]\naws_access_key_id = AKIACREDONLY\naws_secret_access_key = y\n",
    );
    w.write(
        ".aws/sso/cache/0123456789abcdef.json",
        &format!(
            r#"{{"startUrl": "{CACHE_URL}", "region": "us-east-1", "accessToken": "t", "expiresAt": "2030-01-01T00:00:00Z"}}"#
        ),
    );
    // A client registration: no startUrl, and not a candidate.
    w.write(
        ".aws/sso/cache/botocore-client-id-us-east-1.json",
        r#"{"clientId": "c", "clientSecret": "s", "expiresAt": "2030-01-01T00:00:00Z"}"#,
    );
    let accounts: serde_json::Map<String, serde_json::Value> = (0..ACCOUNTS)
        .map(|i| {
            (
                account_id(i),
                serde_json::json!({"name": format!("acct-{i:04}"), "roles": account_roles(i)}),
            )
        })
        .collect();
    let index = serde_json::json!({
        "startUrl": INDEX_URL,
        "updatedAt": "2026-01-01T00:00:00Z",
        "accounts": accounts,
    });
    w.write(
        ".local/state/aws-login/sso-index/0a1b2c3d.json",
        &index.to_string(),
    );
    w.write(
        ".local/state/aws-login/assumed-roles",
        &format!("{HISTORY_ROLE}\n{CONFIG_ROLE_A}\n"),
    );
    w
}

/// The bash protocol: the last word is the one completed; candidates joined by _CLAP_IFS.
pub fn bash_complete(w: &World, words: &[&str]) -> Vec<String> {
    let out = bash_request(w, words).run();
    out.ok();
    assert_eq!(out.stderr, "", "{words:?}");
    out.stdout
        .split('\n')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn bash_request<'w>(w: &'w World, words: &[&str]) -> Run<'w> {
    let mut args = vec!["--"];
    args.extend(words);
    w.cmd(&args)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", &(words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
}

/// The fish protocol: one `value<TAB>help` per line.
pub fn fish_complete(w: &World, words: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["--"];
    args.extend(words);
    let out = w.cmd(&args).env("COMPLETE", "fish").run();
    out.ok();
    assert_eq!(out.stderr, "", "{words:?}");
    out.stdout
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((v, h)) => (v.to_string(), h.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

pub fn sorted(v: Vec<String>) -> Vec<String> {
    let mut v = v;
    v.sort();
    v
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Completion reads local files only: the emulator, which every AWS endpoint points at,
/// saw nothing.
#[track_caller]
pub fn assert_no_network(w: &World) {
    let log = w.fake.log();
    assert!(log.is_empty(), "completion made network calls: {log:?}");
}

#[test]
fn subcommands_options_and_value_enums_complete() {
    let w = World::new();
    assert_eq!(
        bash_complete(&w, &["aws-login", "dump"]),
        ["dumpcreds", "dumpconfig"]
    );
    assert_eq!(
        sorted(bash_complete(&w, &["aws-login", "getcallerid", "--sso-"])),
        [
            "--sso-access-token",
            "--sso-acct-id",
            "--sso-region",
            "--sso-role-name",
            "--sso-session-name"
        ]
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "dumpcreds", "--outform", ""]),
        [
            "bash",
            "zsh",
            "sh",
            "fish",
            "powershell",
            "cmd",
            "nushell",
            "elvish",
            "xonsh"
        ]
    );
    let fish = fish_complete(&w, &["aws-login", "dumpcreds", "--outform", "p"]);
    assert_eq!(fish, [("powershell".to_string(), "PowerShell".to_string())]);
    assert_no_network(&w);
}

#[test]
fn regions_complete_from_their_prefix() {
    let w = World::new();
    assert_eq!(
        bash_complete(&w, &["aws-login", "getcallerid", "--region", "eu-"]),
        [
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3"
        ]
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "console", "--sso-region", "us-gov-"]),
        ["us-gov-east-1", "us-gov-west-1"]
    );
    assert_no_network(&w);
}
