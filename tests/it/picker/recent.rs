//! Recent assumes in the picker: one row per identity, however it was assumed, named as
//! the discovery index names its account now.

use super::pty::{Step::*, play};
use super::world;
use crate::harness::*;

#[test]
fn one_recent_row_per_identity_named_from_the_index() {
    let w = world();
    // Assumed before the index knew the account's name: once through the token cache,
    // once not. Both are acme-prod's Admin.
    let index = w.home().join(".local/state/aws-login/sso-index/corp.json");
    let names = std::fs::read_to_string(&index).unwrap();
    std::fs::remove_file(&index).unwrap();
    let role = [
        "assume",
        "--start-url",
        START_URL,
        "--sso-acct-id",
        "222222222222",
        "--sso-role-name",
        "Admin",
    ];
    for extra in [&["--use-cache"][..], &[]] {
        let mut args = role.to_vec();
        args.extend_from_slice(extra);
        let out = w.cmd(&args).env("AWS_LOGIN_SHELL", "bash").run();
        out.ok();
        assert!(
            out.stdout.contains("AWS_LOGIN_IDENTITY=222222222222-Admin"),
            "{}",
            out.stdout
        );
    }
    let file = w.home().join(".local/state/aws-login/recent-assumes");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 1, "recorded once: {text}");
    assert!(!text.contains("--use-cache"), "the newest kept: {text}");

    // An older aws-login kept both; the index has learned the name since.
    std::fs::write(
        &file,
        format!(
            "{text}{}\n",
            text.trim_end().replace("\"]", "\",\"--use-cache\"]")
        ),
    )
    .unwrap();
    std::fs::write(&index, names).unwrap();
    // acme-prod's Admin matches: shown once, as recent, by its name.
    let steps = [
        Expect("assume> "),
        Send("acme-prod admin"),
        Expect("  1/"),
        Sleep(0.3),
        Send("\x1b"),
    ];
    let played = play(
        &w,
        &[BIN, "assume", "--pick"],
        &[("AWS_LOGIN_SHELL", "bash")],
        &steps,
    );
    assert!(
        played.screen.contains("recent   acme-prod-Admin"),
        "{}",
        played.screen
    );
    assert!(
        !played.screen.contains("acme-prod / Admin"),
        "{}",
        played.screen
    );
}
