//! Completion of Identity Center names: account ids from the discovery index (wherever
//! XDG_STATE_HOME puts it), start URLs and sso-session names.

use super::{
    ACCOUNTS, CACHE_URL, CONFIG_URL, INDEX_URL, account_id, assert_no_network, bash_complete,
    big_world, fish_complete,
};
use crate::harness::*;

#[test]
fn account_ids_complete_from_the_discovery_index_with_their_names_as_help() {
    let w = big_world();
    let found = fish_complete(
        &w,
        &["aws-login", "getcallerid", "--sso-acct-id", "10000000012"],
    );
    let expected: Vec<(String, String)> = (120..130)
        .map(|i| (account_id(i), format!("acct-{i:04}")))
        .collect();
    assert_eq!(found, expected);

    let all = bash_complete(&w, &["aws-login", "getcallerid", "--sso-acct-id", ""]);
    assert_eq!(all, (0..ACCOUNTS).map(account_id).collect::<Vec<_>>());
    assert_no_network(&w);
}

#[test]
fn the_index_follows_xdg_state_home() {
    let w = World::new();
    let index = serde_json::json!({
        "startUrl": INDEX_URL,
        "updatedAt": "2026-01-01T00:00:00Z",
        "accounts": {"555555555555": {"name": "xdg", "roles": ["Xdg"]}},
    });
    w.write("xdg/aws-login/sso-index/s.json", &index.to_string());
    let xdg = w.home().join("xdg").display().to_string();
    let out = w
        .cmd(&["--", "aws-login", "getcallerid", "--sso-acct-id", "5"])
        .env("COMPLETE", "fish")
        .env("XDG_STATE_HOME", &xdg)
        .run();
    out.ok();
    assert_eq!(out.stdout, "555555555555\txdg\n");
    assert_no_network(&w);
}

#[test]
fn start_urls_and_sso_session_names_complete_from_config_cache_and_index() {
    let w = big_world();
    assert_eq!(
        bash_complete(&w, &["aws-login", "dumpconfig", "--start-url", "https://"]),
        [CACHE_URL, CONFIG_URL, INDEX_URL]
    );
    assert_eq!(
        bash_complete(
            &w,
            &["aws-login", "getcallerid", "--start-url", "https://i"]
        ),
        [INDEX_URL]
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "getcallerid", "--sso-session-name", ""]),
        ["corp", "lab"]
    );
    assert_eq!(
        bash_complete(&w, &["aws-login", "importcache", "--sso-session-name", "l"]),
        ["lab"]
    );
    assert_no_network(&w);
}
