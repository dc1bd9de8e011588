//! The picker run directly: no terminal is a usage error; hostile names are drawn inert;
//! the first frame at 5,000 candidates comes fast; a recent assume is offered first and
//! replays its options.

use super::pty::{Step::*, play};
use super::{world, world_with};
use crate::harness::*;

#[test]
fn pick_without_a_terminal_is_a_usage_error_that_names_the_fix() {
    let w = world();
    for command in [&["assume", "--pick"][..], &["console", "--pick"]] {
        let out = w
            .cmd(command)
            .detached()
            .env("AWS_LOGIN_SHELL", "bash")
            .run();
        out.fails(2, "give a profile or options");
        assert_eq!(out.stdout, "", "{command:?}");
    }
    // Without --pick and without a terminal, `assume` alone keeps the default chain.
    let out = w
        .alice(&["assume"])
        .detached()
        .env("AWS_LOGIN_SHELL", "bash")
        .run();
    out.ok();
    assert!(out.stdout.contains(ALICE_KEY), "{}", out.stdout);
}

#[test]
fn hostile_account_names_are_drawn_inert() {
    let evil = "evil\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{202e}";
    let w = world_with(&[("333333333333", evil, &["Admin"])]);
    let steps = [
        Expect("assume> "),
        Send("evil"),
        Expect("  1/"),
        Send("\x1b"),
    ];
    let played = play(
        &w,
        &[BIN, "assume", "--pick"],
        &[("AWS_LOGIN_SHELL", "bash")],
        &steps,
    );
    let s = &played.screen;
    assert!(
        s.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[31mred\\u{202e}"),
        "{s}"
    );
    for active in ["\u{1b}]0;pwned", "\u{1b}[31m", "\u{7}", "\u{202e}"] {
        assert!(
            !s.contains(active),
            "{active:?} reached the terminal: {s:?}"
        );
    }
}

#[test]
fn the_first_frame_at_5000_candidates_comes_within_half_a_second() {
    let w = world();
    let config: String = (0..5000)
        .map(|i| format!("[profile team-{i:04}]\nregion = us-east-1\n"))
        .collect();
    w.write(".aws/config", &config);
    // 5,000 profiles, alice and bob, three Identity Center pairs.
    let steps = [
        Expect("  5005/5005"),
        Send("team 4999"),
        Expect("  1/"),
        Send("\x1b"),
    ];
    let played = play(
        &w,
        &[BIN, "assume", "--pick"],
        &[("AWS_LOGIN_SHELL", "bash")],
        &steps,
    );
    let first = played.times[0];
    assert!(first < 0.5, "first frame after {first:.3}s");
}

#[test]
fn a_recent_assume_is_offered_first_and_replays_its_options() {
    let w = world();
    w.alice(&["assume", "--assume-roles", DEPLOY])
        .env("AWS_LOGIN_SHELL", "bash")
        .run()
        .ok();
    w.cmd(&["assume", "bob"])
        .env("AWS_LOGIN_SHELL", "bash")
        .run()
        .ok();
    let file = w.home().join(".local/state/aws-login/recent-assumes");
    let text = std::fs::read_to_string(&file).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("--profile=bob"),
        "most recent first: {text}"
    );
    assert!(
        lines[1].contains(&format!("--assume-roles={DEPLOY}")),
        "{text}"
    );
    assert!(
        !text.contains(ALICE_SECRET) && !text.contains("ASIA"),
        "{text}"
    );

    // The chain needs alice's keys from the environment: the picker replays the options.
    let steps = [
        Expect("assume> "),
        Send("recent deploy"),
        Expect("  1/"),
        Send("\r"),
    ];
    let env = [
        ("AWS_LOGIN_SHELL", "bash"),
        ("AWS_ACCESS_KEY_ID", ALICE_KEY),
        ("AWS_SECRET_ACCESS_KEY", ALICE_SECRET),
    ];
    let played = play(&w, &[BIN, "assume", "--pick"], &env, &steps);
    assert!(
        played.screen.contains("export AWS_LOGIN_IDENTITY="),
        "{}",
        played.screen
    );
    assert!(
        played.screen.contains("acme-prod-Deploy"),
        "{}",
        played.screen
    );
}
