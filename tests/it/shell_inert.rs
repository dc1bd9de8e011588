//! What the prompt hooks and `awsl whoami` print stays text: an account name from the
//! portal, or an identity, region or expiry set by hand, cannot act on the terminal (a
//! title, a screen clear, a line break, a bidi override) nor break the prompt.

use crate::harness::*;

/// An account whose portal name sets the terminal title, clears the screen, breaks the
/// line and reverses what follows.
const EVIL_ACCOUNT: &str = "777777777777";
const EVIL_NAME: &str = "evil\u{1b}]0;title\u{7}\u{1b}[2J\nline\u{202e}rev";

/// What must never reach the terminal raw (the BEL only after the title: fish's own title
/// sequence ends with one).
const ACTIVE: [&str; 4] = ["\u{1b}]0;title", "title\u{7}", "\u{1b}[2J", "\u{202e}"];

fn assert_inert(shell: &str, text: &str) {
    for active in ACTIVE {
        assert!(
            !text.contains(active),
            "{shell}: {active:?} reached the terminal: {text:?}"
        );
    }
}

/// `input` typed into an interactive `shell` (fish on a terminal, which it needs), with
/// `env` set; everything the terminal got, prompts included. None when the shell is missing.
fn interactive(w: &World, shell: &str, env: &[(&str, &str)], input: &str) -> Option<String> {
    if !have(shell) || (shell == "fish" && !have("script")) {
        return None;
    }
    let mut run = match shell {
        "bash" => w
            .cmd(&["--norc", "--noprofile", "--noediting", "-i"])
            .program(which("bash").unwrap()),
        "zsh" => w.cmd(&["-f", "-i"]).program(which("zsh").unwrap()),
        _ => w
            .cmd(&["-qec", "fish --no-config -i", "/dev/null"])
            .program(which("script").unwrap())
            .env("TERM", "xterm"),
    };
    for (k, v) in env {
        run = run.env(k, v);
    }
    let out = run.run_with_stdin(Some(input));
    Some(format!("{}{}", out.stdout, out.stderr))
}

fn source(w: &World, shell: &str) -> String {
    let init = render(w, shell, &["--prompt"], &format!("inert-{shell}"));
    let dot = if shell == "fish" { "source" } else { "." };
    format!("{dot} '{}'\n", init.display())
}

#[test]
fn a_portal_account_name_reaches_the_prompt_and_whoami_inert() {
    let name = serde_json::to_string(EVIL_NAME).unwrap();
    let json = scenario_json().replace(
        r#""assignments": ["#,
        &format!(r#""assignments": [{{"account_id": "{EVIL_ACCOUNT}", "account_name": {name}, "roles": ["Admin"]}}, "#),
    );
    let w = World::with_scenario(&json);
    let t = w.fake.issue_sso_token(3600, false);
    w.cmd(&[
        "dumpconfig",
        "--sso-access-token",
        &t.access_token,
        "--start-url",
        START_URL,
    ])
    .run()
    .ok();
    // The discovery index keeps the name inert.
    let dir = w.home().join(".local/state/aws-login/sso-index");
    let mut names = Vec::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let index: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file.unwrap().path()).unwrap()).unwrap();
        names.push(index["accounts"][EVIL_ACCOUNT]["name"].clone());
    }
    assert_eq!(
        names,
        ["evil\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{a}line\\u{202e}rev"],
        "{dir:?}"
    );

    for shell in ["bash", "zsh", "fish"] {
        let input = format!(
            "{}awsl assume --sso-access-token {} --sso-acct-id {EVIL_ACCOUNT} --sso-role-name Admin\n:\n:\nawsl whoami\nexit\n",
            source(&w, shell),
            t.access_token
        );
        let Some(text) = interactive(&w, shell, &[], &input) else {
            continue;
        };
        assert_inert(shell, &text);
        // One line: the prompt segment, and whoami's line, each whole.
        let shown = "evil\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{a}line\\u{202e}rev-Admin";
        assert!(
            text.lines().any(|l| l.contains(&format!("[{shown} "))),
            "{shell}: no prompt segment: {text:?}"
        );
        assert!(
            text.lines()
                .any(|l| l.contains(&format!("{shown}  (no region)"))),
            "{shell}: no whoami line: {text:?}"
        );
    }
}

#[test]
fn a_hand_set_identity_and_region_reach_the_prompt_and_whoami_inert() {
    let w = World::new();
    // A C1 control too (CSI), which [[:cntrl:]] misses in the C locale.
    let identity = "hand\u{1b}]0;title\u{7}\u{1b}[2J\nset\u{202e}id\u{9b}31m";
    let region = "eu\u{1b}]0;title\u{7}\u{1b}[2J\nwest\u{202e}1";
    let shown = "hand\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{a}set\\u{202e}id\\u{9b}31m  \
                 eu\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{a}west\\u{202e}1  no expiry";
    for lang in ["C.UTF-8", "C"] {
        let env = [
            ("AWS_LOGIN_IDENTITY", identity),
            ("AWS_REGION", region),
            ("AWS_LOGIN_EXPIRES_EPOCH", "1234567890123456789012"),
            ("LANG", lang),
        ];
        for shell in ["bash", "zsh", "fish"] {
            let input = format!("{}:\n:\nawsl whoami\nexit\n", source(&w, shell));
            let Some(text) = interactive(&w, shell, &env, &input) else {
                continue;
            };
            assert_inert(shell, &text);
            assert!(!text.contains('\u{9b}'), "{shell} {lang}: {text:?}");
            // Controls shown as '?' at the prompt; no time left for an epoch that is none.
            // (fish in the C locale reads the variable byte by byte, and passes it on so:
            // what it shows is inert, but each byte of a UTF-8 character is one of its own.)
            let (segment, whoami) = if (shell, lang) == ("fish", "C") {
                ("[hand?]0;title??[2J?set", &shown[..40])
            } else {
                ("[hand?]0;title??[2J?set?id?31m] ", shown)
            };
            assert!(text.contains(segment), "{shell} {lang}: {text:?}");
            assert!(text.contains(whoami), "{shell} {lang}: {text:?}");
        }
    }
    // whoami alone too, and its exact line.
    let out = w
        .cmd(&["whoami"])
        .env("AWS_LOGIN_IDENTITY", identity)
        .env("AWS_REGION", region)
        .run();
    out.ok();
    assert_eq!(out.stdout, format!("{shown}\n"));
}

#[test]
fn an_expiry_epoch_that_is_no_plausible_time_is_unknown_at_every_prompt() {
    let w = World::new();
    for epoch in ["1234567890123456789012", "1234567890123", "12x"] {
        let env = [
            ("AWS_LOGIN_IDENTITY", "prod-Admin"),
            ("AWS_LOGIN_EXPIRES_EPOCH", epoch),
        ];
        for shell in ["bash", "zsh", "fish"] {
            let input = format!(
                "{}:\n:\necho \"seg=$AWSL_PROMPT;\"\nexit\n",
                source(&w, shell)
            );
            let Some(text) = interactive(&w, shell, &env, &input) else {
                continue;
            };
            let text = text.replace('\r', "");
            // The segment without a time, and no error at any prompt.
            assert!(
                text.contains("seg=prod-Admin;"),
                "{shell} {epoch}: {text:?}"
            );
            assert!(
                text.matches("[prod-Admin] ").count() >= 2,
                "{shell} {epoch}: {text:?}"
            );
            for error in ["math:", "rror", "truncated", "overflow"] {
                assert!(!text.contains(error), "{shell} {epoch}: {text:?}");
            }
        }
    }
}
