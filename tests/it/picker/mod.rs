//! The fuzzy picker (`awsl assume` alone, `assume --pick`, `console --pick`), driven on a
//! real terminal: in bash, zsh and fish through the `awsl` function, and directly.

mod more_shells;
pub mod pty;
mod recent;
mod shells;
mod terminal;

use crate::harness::*;
use crate::sso::cache_json;

/// alice and bob as profiles; an Identity Center index (acme-prod: Admin, ReadOnly;
/// acme-dev: Admin) with `extra` accounts, and a cached token for its start URL.
pub fn world_with(accounts: &[(&str, &str, &[&str])]) -> World {
    let w = World::new().with_user_profiles();
    let t = w.fake.issue_sso_token(3600, true);
    w.write(".aws/sso/cache/x", "");
    std::fs::write(w.sso_cache_file(START_URL), cache_json(&t, "us-east-1")).unwrap();
    let mut all: Vec<(&str, &str, &[&str])> = vec![
        ("222222222222", "acme-prod", &["Admin", "ReadOnly"]),
        ("111111111111", "acme-dev", &["Admin"]),
    ];
    all.extend_from_slice(accounts);
    let accounts: serde_json::Map<String, serde_json::Value> = all
        .iter()
        .map(|(id, name, roles)| {
            (
                id.to_string(),
                serde_json::json!({ "name": name, "roles": roles }),
            )
        })
        .collect();
    let index = serde_json::json!({
        "startUrl": START_URL,
        "updatedAt": "2026-01-01T00:00:00Z",
        "accounts": accounts,
    });
    w.write(
        ".local/state/aws-login/sso-index/corp.json",
        &index.to_string(),
    );
    w
}

pub fn world() -> World {
    world_with(&[])
}
