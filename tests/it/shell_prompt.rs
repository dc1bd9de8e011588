//! The prompt hooks: no call while the identity is valid, auto-refresh, `$?`, other hooks.

use std::path::PathBuf;

use crate::harness::*;

/// A stand-in for aws-login that counts its calls, substituted into the rendered script.
fn counting_init(w: &World, shell: &str) -> (PathBuf, PathBuf) {
    let count = w.home().join("calls");
    let shim = w.executable(
        "aws-login-shim",
        &format!(
            "#!/bin/sh\necho call >> '{}'\nexec '{BIN}' \"$@\"\n",
            count.display()
        ),
    );
    let rendered =
        std::fs::read_to_string(render(w, shell, &["--prompt"], &format!("count-{shell}")))
            .unwrap();
    assert!(rendered.contains(BIN));
    let file = w.write(&format!("count-{shell}"), &rendered.replace(BIN, &shim));
    (file, count)
}

fn calls(count: &PathBuf) -> usize {
    std::fs::read_to_string(count)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn twenty_prompts_cost_no_call_while_the_identity_is_valid() {
    let w = World::new().with_user_profiles();
    let prompts = ":\n".repeat(20);
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let (init, count) = counting_init(&w, shell);
        let setup = format!(
            "{} '{}'\nawsl assume alice --assume-roles {DEPLOY}\nrm -f '{}'\n",
            if shell == "fish" { "source" } else { "." },
            init.display(),
            count.display()
        );
        let out = match shell {
            "bash" => w
                .cmd(&["--norc", "--noprofile", "--noediting", "-i"])
                .program(which("bash").unwrap())
                .run_with_stdin(Some(&format!(
                    "{setup}{prompts}echo \"seg=$AWSL_PROMPT\"\nexit\n"
                ))),
            "zsh" => w
                .cmd(&["-f", "-i"])
                .program(which("zsh").unwrap())
                .run_with_stdin(Some(&format!(
                    "{setup}{prompts}echo \"seg=$AWSL_PROMPT\"\nexit\n"
                ))),
            _ => {
                if !have("script") {
                    continue;
                }
                // fish wants a terminal for its interactive loop: `script` gives it one.
                w.cmd(&["-qec", "fish --no-config -i", "/dev/null"])
                    .program(which("script").unwrap())
                    .env("TERM", "xterm")
                    .run_with_stdin(Some(&format!(
                        "{setup}{prompts}echo \"seg=$AWSL_PROMPT\"\nexit\n"
                    )))
            }
        };
        assert!(
            out.stdout.contains("seg=222222222222-Deploy "),
            "{shell}: the hook ran: {}{}",
            out.stdout,
            out.stderr
        );
        // --prompt shows the segment at every prompt, so the hook really ran each time.
        let shown = format!("{}{}", out.stdout, out.stderr)
            .matches("[222222222222-Deploy ")
            .count();
        assert!(
            shown >= 20,
            "{shell}: {shown} prompts showed the segment: {}{}",
            out.stdout,
            out.stderr
        );
        assert_eq!(calls(&count), 0, "{shell}: prompts called aws-login");
    }
}

#[test]
fn auto_refresh_fires_once_near_expiry_and_keeps_the_status() {
    let w = World::new().with_user_profiles();
    for shell in ["bash", "zsh"] {
        if !have(shell) {
            continue;
        }
        let (init, count) = counting_init(&w, shell);
        let input = format!(
            ". '{}'\nawsl assume alice --assume-roles {DEPLOY}\nexport AWS_LOGIN_AUTO_REFRESH=1\nAWS_LOGIN_EXPIRES_EPOCH=$(( $(date +%s) + 120 )); old=$AWS_ACCESS_KEY_ID; rm -f '{}'\n{}false\necho \"rc=$?\"\n[ \"$old\" != \"$AWS_ACCESS_KEY_ID\" ] && echo renewed\necho \"left=$(( AWS_LOGIN_EXPIRES_EPOCH - $(date +%s) ))\"\nexit\n",
            init.display(),
            count.display(),
            ":\n".repeat(10)
        );
        let args: Vec<&str> = if shell == "bash" {
            vec!["--norc", "--noprofile", "--noediting", "-i"]
        } else {
            vec!["-f", "-i"]
        };
        let out = w
            .cmd(&args)
            .program(which(shell).unwrap())
            .run_with_stdin(Some(&input));
        assert!(
            out.stdout.contains("renewed"),
            "{shell}: {}{}",
            out.stdout,
            out.stderr
        );
        assert!(out.stdout.contains("rc=1"), "{shell}: $? kept");
        let left: i64 = out
            .stdout
            .split("left=")
            .nth(1)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!(left > 600, "{shell}: the new identity lasts: {left}");
        assert_eq!(calls(&count), 1, "{shell}: one refresh");
    }
}

#[test]
fn a_users_zsh_precmd_function_keeps_running_beside_the_hook() {
    if !have("zsh") {
        return;
    }
    let w = World::new().with_user_profiles();
    let init = render(&w, "zsh", &[], "pre.zsh");
    let input = format!(
        "precmd() {{ echo \"user-precmd rc=$?\" }}\n. '{}'\n. '{}'\nawsl assume alice\nfalse\necho \"seg=$AWSL_PROMPT hooks=${{#precmd_functions}}\"\nexit\n",
        init.display(),
        init.display()
    );
    let out = w
        .cmd(&["-f", "-i"])
        .program(which("zsh").unwrap())
        .run_with_stdin(Some(&input));
    assert!(
        out.stdout.contains("user-precmd rc=1"),
        "the user's precmd sees $?: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("seg=alice hooks=1"),
        "one hook, after sourcing twice: {}",
        out.stdout
    );
}

#[test]
fn fish_auto_refresh_fires_once_near_expiry_too() {
    if !have("fish") || !have("script") {
        return;
    }
    let w = World::new().with_user_profiles();
    let (init, count) = counting_init(&w, "fish");
    let input = format!(
        "source '{}'\nawsl assume alice --assume-roles {DEPLOY}\nset -gx AWS_LOGIN_AUTO_REFRESH 1; set -gx AWS_LOGIN_EXPIRES_EPOCH (math (date +%s) + 120); set -g old $AWS_ACCESS_KEY_ID; rm -f '{}'\n{}false\necho \"r\"\"c=$status\"\ntest \"$old\" != \"$AWS_ACCESS_KEY_ID\"; and echo \"re\"\"newed\"\necho \"le\"\"ft=\"(math $AWS_LOGIN_EXPIRES_EPOCH - (date +%s))\";\"\nexit\n",
        init.display(),
        count.display(),
        ":\n".repeat(5)
    );
    // The terminal echoes the typed input, so the words checked below are split in it ("re""newed").
    let out = w
        .cmd(&["-qec", "fish --no-config -i", "/dev/null"])
        .program(which("script").unwrap())
        .env("TERM", "xterm")
        .run_with_stdin(Some(&input));
    let text = plain(&out.stdout);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(lines.contains(&"renewed"), "{text}");
    assert!(lines.contains(&"rc=1"), "$status kept: {text}");
    let left: i64 = lines
        .iter()
        .find_map(|l| l.strip_prefix("left=")?.strip_suffix(';'))
        .unwrap()
        .parse()
        .unwrap();
    assert!(left > 600, "the new identity lasts: {left}");
    assert_eq!(calls(&count), 1, "one refresh");
}

/// Terminal output without escape sequences and carriage returns.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                // OSC: up to BEL.
                Some(']') => while chars.next().is_some_and(|c| c != '\x07') {},
                // CSI: up to a final letter.
                Some('[') => while chars.next().is_some_and(|c| !c.is_ascii_alphabetic()) {},
                // Charset selection and the like: one more character.
                _ => {
                    chars.next();
                }
            },
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
