//! `awsl assume` alone in a real bash, zsh and fish: the picker draws on the terminal,
//! the function's capture and eval are untouched, and a cancel changes nothing.

use super::pty::{Step::*, play};
use super::world;
use crate::harness::*;

/// The picker leaving the alternate screen.
const LEFT: &str = "\u{1b}[?1049l";

fn shell_argv(shell: &str) -> Vec<&'static str> {
    match shell {
        "bash" => vec!["bash", "--norc", "--noprofile", "-i"],
        "zsh" => vec!["zsh", "-f", "-i"],
        "fish" => vec!["fish", "--no-config", "-i"],
        _ => unreachable!(),
    }
}

fn status(shell: &str) -> &'static str {
    if shell == "fish" { "$status" } else { "$?" }
}

#[test]
fn typing_a_filter_arrows_and_enter_set_the_picked_identity_in_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let w = world();
        let init = render(&w, shell, &["--no-completion"], &format!("init.{shell}"));
        let source = format!("source '{}'\n", init.display());
        let steps = [
            Type(source),
            Send("awsl assume\n"),
            Expect("assume> "),
            // Every term must match: only acme-prod / Admin has both.
            Send("prod adm"),
            Expect("  1/"),
            Send("\r"),
            // Typed only once the picker has left the terminal to the shell.
            Expect(LEFT),
            Send("echo \"id=<$AWS_LOGIN_IDENTITY> key=<$AWS_ACCESS_KEY_ID>\"\n"),
            Expect("id=<acme-prod-Admin> key=<ASIA"),
            // Arrows: "profile" matches alice then bob; one down is bob.
            Send("awsl assume\n"),
            Expect("assume> "),
            Send("profile"),
            Expect("  2/"),
            Send("\x1b[B"),
            Sleep(0.2),
            Send("\r"),
            // Typed only once the picker has left the terminal to the shell.
            Expect(LEFT),
            Send("echo \"id=<$AWS_LOGIN_IDENTITY> key=<$AWS_ACCESS_KEY_ID>\"\n"),
            Expect("id=<bob> key=<AKIABOB"),
            Send("exit\n"),
        ];
        let played = play(&w, &shell_argv(shell), &[("PS1", "$ ")], &steps);
        assert!(
            !played.screen.contains("# aws-login assume"),
            "{shell}: the script was printed, not evaluated"
        );
    }
}

#[test]
fn esc_and_ctrl_c_cancel_with_130_and_change_nothing_in_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let w = world();
        let init = render(&w, shell, &["--no-completion"], &format!("init.{shell}"));
        let rc = status(shell);
        let steps = [
            Type(format!("source '{}'\n", init.display())),
            Send("awsl assume bob\n"),
            Type(format!("awsl assume; echo \"rc=<{rc}>\"\n")),
            Expect("assume> "),
            Send("alice"),
            Expect("  1/"),
            Send("\x1b"),
            Expect("rc=<130>"),
            Type(format!("awsl assume; echo \"rc=<{rc}>\"\n")),
            Expect("assume> "),
            Send("\x03"),
            Expect("rc=<130>"),
            Send("echo \"id=<$AWS_LOGIN_IDENTITY> key=<$AWS_ACCESS_KEY_ID>\"\n"),
            Expect("id=<bob> key=<AKIABOB"),
            Send("exit\n"),
        ];
        let played = play(&w, &shell_argv(shell), &[("PS1", "$ ")], &steps);
        assert!(
            played.screen.contains("cancelled"),
            "{shell}: {}",
            played.screen
        );
    }
}
