//! `sso sessions`, the sign-in lines of `doctor`, and the prompt's mark of a sign-in that
//! ends within 15 minutes.

use std::path::PathBuf;

use super::*;
use crate::sso::cache_json;

/// Session `corp`'s token (refreshable, an hour left) and a legacy start-URL token whose
/// sign-in has ended.
fn two_signins(w: &World) {
    let live = w.fake.issue_sso_token(3600, true);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(w.sso_cache_file("corp"), cache_json(&live, "us-east-1")).unwrap();
    let dead = w.fake.issue_sso_token(-60, false);
    let mut doc: serde_json::Value = serde_json::from_str(&cache_json(&dead, "eu-west-1")).unwrap();
    doc.as_object_mut().unwrap().remove("refreshToken");
    doc["startUrl"] = "https://legacy.awsapps.com/start".into();
    let file = w.sso_cache_file("https://legacy.awsapps.com/start");
    std::fs::write(&file, doc.to_string()).unwrap();
    for f in [w.sso_cache_file("corp"), file] {
        chmod(&f, 0o600);
    }
    chmod(&w.home().join(".aws/sso/cache"), 0o700);
    chmod(&w.home().join(".aws/sso"), 0o700);
}

#[test]
fn sso_sessions_lists_each_sign_in_with_its_time_left() {
    let w = sound_world();
    two_signins(&w);
    let out = w.cmd(&["sso", "sessions", "--json"]).run();
    out.ok();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{}", out.stdout);
    let corp = rows
        .iter()
        .find(|r| r["session"] == "corp")
        .expect("named by its sso-session");
    assert_eq!(corp["start_url"], START_URL);
    assert_eq!(corp["region"], "us-east-1");
    assert_eq!(corp["refresh_token"], true);
    let left = corp["seconds_left"].as_i64().unwrap();
    assert!((3500..=3600).contains(&left), "{left}");
    assert!(corp["registration_seconds_left"].as_i64().unwrap() > 3600);
    let legacy = rows
        .iter()
        .find(|r| r["session"] == "https://legacy.awsapps.com/start")
        .expect("a legacy token is named by its start URL");
    assert_eq!(legacy["refresh_token"], false);
    assert!(legacy["seconds_left"].as_i64().unwrap() <= 0);
    assert!(!out.stdout.contains("accessToken") && !out.stdout.contains("clientSecret"));

    let text = w.cmd(&["sso", "sessions"]).run();
    text.ok();
    let corp_line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("corp\t"))
        .unwrap();
    assert!(
        corp_line.contains("\tus-east-1\t59m\tyes\t")
            || corp_line.contains("\tus-east-1\t1h00m\tyes\t"),
        "{corp_line}"
    );
    let legacy_line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("https://legacy"))
        .unwrap();
    assert!(legacy_line.contains("\texpired\tno\t"), "{legacy_line}");
    // Doctor: the live one passes, the ended one warns (its next use signs in again).
    let doc = w.cmd(&["doctor", "--json"]).run();
    doc.ok();
    assert_eq!(status_of(&doc, "sso corp").0, "ok");
    let (s, d, f) = status_of(&doc, "sso https://legacy");
    assert_eq!(s, "warn", "{d}");
    assert!(d.contains("ended"), "{d}");
    assert!(f.contains("sign in again"), "{f}");
}

#[test]
fn sso_sessions_with_an_empty_cache_says_so_on_stderr() {
    let w = sound_world();
    let out = w.cmd(&["sso", "sessions"]).run();
    out.ok();
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("aws-login: no Identity Center sign-in"),
        "{}",
        out.stderr
    );
    let json = w.cmd(&["sso", "sessions", "--json"]).run();
    assert_eq!(json.json(), serde_json::json!([]));
}

/// The init script for `shell` with the binary replaced by a shim that counts its calls.
fn counting_init(w: &World, shell: &str) -> (PathBuf, PathBuf) {
    let count = w.home().join(format!("calls-{shell}"));
    let shim = w.executable(
        &format!("shim-{shell}"),
        &format!(
            "#!/bin/sh\necho call >> '{}'\nexec '{BIN}' \"$@\"\n",
            count.display()
        ),
    );
    let rendered =
        std::fs::read_to_string(render(w, shell, &["--prompt"], &format!("sig-{shell}"))).unwrap();
    let file = w.write(&format!("sig-{shell}"), &rendered.replace(BIN, &shim));
    (file, count)
}

/// What the shell printed after `label` (not the echo of the command that printed it).
fn printed<'a>(all: &'a str, label: &str) -> Option<&'a str> {
    all.match_indices(label)
        .map(|(i, _)| all[i + label.len()..].lines().next().unwrap_or_default())
        .find(|rest| !rest.starts_with('$'))
        .map(str::trim_end)
}

#[test]
fn the_prompt_marks_a_sign_in_that_ends_within_15_minutes_with_no_call_per_prompt() {
    let w = sound_world();
    // A sign-in with 10 minutes left and no refresh token.
    let t = w.fake.issue_sso_token(600, false);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(w.sso_cache_file("corp"), cache_json(&t, "us-east-1")).unwrap();
    let prompts = ":\n".repeat(20);
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let (init, count) = counting_init(&w, shell);
        let input = format!(
            "{}\nawsl assume prod-admin\nrm -f '{}'\n{prompts}echo \"seg=$AWSL_PROMPT\"\necho \"epoch=$AWS_LOGIN_SIGNIN_EXPIRES_EPOCH\"\nawsl unassume\necho \"after=$AWS_LOGIN_SIGNIN_EXPIRES_EPOCH.\"\nexit\n",
            source_line(shell, &init),
            count.display()
        );
        let out = match shell {
            "bash" => w
                .cmd(&["--norc", "--noprofile", "--noediting", "-i"])
                .program(which("bash").unwrap())
                .run_with_stdin(Some(&input)),
            "zsh" => w
                .cmd(&["-f", "-i"])
                .program(which("zsh").unwrap())
                .run_with_stdin(Some(&input)),
            _ => {
                if !have("script") {
                    continue;
                }
                w.cmd(&["-qec", "fish --no-config -i", "/dev/null"])
                    .program(which("script").unwrap())
                    .env("TERM", "xterm")
                    .run_with_stdin(Some(&input))
            }
        };
        let all = format!("{}{}", out.stdout, out.stderr);
        let epoch: i64 = printed(&all, "epoch=")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{shell}: the assume exported the sign-in's end: {all}"));
        assert_eq!(epoch, t.expires_at.timestamp(), "{shell}");
        let seg = printed(&all, "seg=").unwrap_or_else(|| panic!("{shell}: {all}"));
        assert!(
            seg.contains("(sign-in 9m)") || seg.contains("(sign-in 10m)"),
            "{shell}: {seg}"
        );
        // The prompt itself shows it, every time, and computing it costs no call.
        let shown = all.matches("(sign-in ").count();
        assert!(
            shown >= 20,
            "{shell}: {shown} prompts showed the mark: {all}"
        );
        assert_eq!(
            std::fs::read_to_string(&count)
                .map(|t| t.lines().count())
                .unwrap_or(0),
            1,
            "{shell}: only unassume called aws-login"
        );
        assert!(
            all.contains("after=."),
            "{shell}: unassume removed it: {all}"
        );
    }
}

#[test]
fn a_sign_in_far_from_its_end_leaves_the_segment_as_it_was() {
    let w = sound_world();
    let t = w.fake.issue_sso_token(3 * 3600, false);
    w.write(".aws/sso/cache/.keep", "");
    std::fs::write(w.sso_cache_file("corp"), cache_json(&t, "us-east-1")).unwrap();
    if !have("bash") {
        return;
    }
    let init = render(&w, "bash", &[], "far-bash");
    let out = w
        .cmd(&["--norc", "--noprofile", "--noediting", "-i"])
        .program(which("bash").unwrap())
        .run_with_stdin(Some(&format!(
            ". '{}'\nawsl assume prod-admin\n:\necho \"seg=$AWSL_PROMPT\"\nexit\n",
            init.display()
        )));
    let seg = out.stdout.split("seg=").nth(1).unwrap_or_default();
    assert!(
        seg.starts_with("prod-admin "),
        "{}{}",
        out.stdout,
        out.stderr
    );
    assert!(!seg.contains("sign-in"), "{seg}");
}
