//! Completion through clap_complete's environment protocol (`COMPLETE=<shell>`), for the
//! four shells: what is offered, how it is quoted, and that reading never blocks.

use std::path::PathBuf;

use super::{ARN_GLOB, ARN_QUOTES, ARN_SUBST, PROFILE_CASES, URL_HOSTILE, history, hostile_home};
use crate::harness::*;

/// What `COMPLETE=<shell>` answers for `words`, as (value, help) pairs.
fn candidates(w: &World, shell: &str, words: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["--", "aws-login"];
    args.extend(words);
    let out = w
        .cmd(&args)
        .env("COMPLETE", shell)
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", &words.len().to_string())
        .run();
    assert_eq!(out.code, 0, "{shell} {words:?}: {}", out.stderr);
    out.stdout
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            // zsh: `value:help` with `\:` and `\\` escaped in the value; others: a tab.
            let at = if shell == "zsh" {
                let mut escaped = false;
                l.char_indices().find_map(|(i, c)| {
                    let hit = c == ':' && !escaped;
                    escaped = c == '\\' && !escaped;
                    hit.then_some(i)
                })
            } else {
                l.find('\t')
            };
            match at {
                Some(i) => (l[..i].to_string(), l[i + 1..].to_string()),
                None => (l.to_string(), String::new()),
            }
        })
        .collect()
}

/// The name a candidate stands for, read back the way the shell reads it.
fn unquote(shell: &str, v: &str) -> String {
    match shell {
        "bash" => match v.strip_prefix("$'").and_then(|s| s.strip_suffix('\'')) {
            Some(inner) => {
                let (mut bytes, mut rest) = (Vec::new(), inner.as_bytes());
                while let Some((&b, tail)) = rest.split_first() {
                    if b == b'\\' {
                        assert_eq!(tail[0], b'x', "{v}");
                        let hex = std::str::from_utf8(&tail[1..3]).unwrap();
                        bytes.push(u8::from_str_radix(hex, 16).unwrap());
                        rest = &tail[3..];
                    } else {
                        bytes.push(b);
                        rest = tail;
                    }
                }
                String::from_utf8(bytes).unwrap()
            }
            None => v.to_string(),
        },
        "powershell" => match v.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Some(inner) => inner.replace("''", "'"),
            None => v.to_string(),
        },
        // zsh (compadd) and fish escape what they insert themselves: the value is raw.
        _ => v.replace("\\:", ":").replace("\\\\", "\\"),
    }
}

/// Characters each shell reads literally in an unquoted word.
fn literal(shell: &str, v: &str) -> bool {
    let extra = match shell {
        "powershell" => "_./:-",
        _ => "_./:-,=@+%",
    };
    v.chars()
        .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

#[test]
fn candidates_are_filtered_and_quoted_for_each_shell_through_the_env_protocol() {
    let w = World::new();
    hostile_home(&w);
    w.write(
        ".local/state/aws-login/assumed-roles",
        &history(&[ARN_SUBST, ARN_GLOB, ARN_QUOTES]),
    );
    let cases: [(&[&str], &[&str]); 6] = [
        (
            &["getcallerid", "--profile", ""],
            &["a%b@c:d+e/f.g_h-i", "default"],
        ),
        (&["getcallerid", "--sso-session-name", ""], &["corp"]),
        (&["getcallerid", "--sso-acct-id", ""], &["123456789012"]),
        (&["getcallerid", "--sso-role-name", ""], &[]),
        (
            &["getcallerid", "--assume-roles", ""],
            &[ARN_SUBST, ARN_GLOB, ARN_QUOTES],
        ),
        (&["getcallerid", "--start-url", ""], &[URL_HOSTILE]),
    ];
    for shell in ["bash", "zsh", "fish", "powershell"] {
        for (words, want) in &cases {
            let got = candidates(&w, shell, words);
            for (v, h) in &got {
                assert!(
                    !v.chars().chain(h.chars()).any(char::is_control),
                    "{shell} {words:?}: a control character in {v:?} / {h:?}"
                );
                if matches!(shell, "bash" | "powershell") {
                    let quoted = match shell {
                        // ANSI-C quoting with only \xHH escapes: no glob, IFS or quote character.
                        "bash" => v
                            .strip_prefix("$'")
                            .and_then(|s| s.strip_suffix('\''))
                            .is_some_and(|i| literal(shell, &i.replace('\\', ""))),
                        _ => v
                            .strip_prefix('\'')
                            .and_then(|s| s.strip_suffix('\''))
                            .is_some_and(|i| {
                                !i.replace("''", "").contains([
                                    '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}',
                                ])
                            }),
                    };
                    assert!(
                        literal(shell, v) || quoted,
                        "{shell} {words:?}: {v:?} is neither literal nor quoted"
                    );
                }
            }
            let mut names: Vec<String> = got.iter().map(|(v, _)| unquote(shell, v)).collect();
            names.sort();
            let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(names, want, "{shell} {words:?}: {got:?}");
        }
    }
}

/// Every profile completion offers is one both botocore (the aws CLI) and aws-login read:
/// each works in `aws-login getcallerid --profile NAME` and is in botocore's profile list.
#[test]
fn every_offered_profile_is_one_botocore_and_aws_login_both_accept() {
    if !have("python3") {
        return;
    }
    let w = World::new();
    let keys = format!("aws_access_key_id = {ALICE_KEY}\naws_secret_access_key = {ALICE_SECRET}\n");
    let config = PROFILE_CASES.replace(
        "region = us-east-1\n",
        &format!("region = us-east-1\n{keys}"),
    );
    w.write(".aws/config", &config);
    let offered: Vec<String> = candidates(&w, "fish", &["getcallerid", "--profile", ""])
        .into_iter()
        .map(|(v, _)| v)
        .collect();
    assert_eq!(offered.len(), 2, "{offered:?}");
    let botocore = w
        .cmd(&[
            "-c",
            "import botocore.session, json; print(json.dumps(botocore.session.Session().available_profiles))",
        ])
        .program(which("python3").unwrap())
        .run();
    let known: Vec<String> = serde_json::from_str(botocore.stdout.trim()).unwrap();
    // botocore accepts hostile names too: the filter is aws-login's own parser.
    assert!(known.iter().any(|p| p.contains("$(")), "{known:?}");
    for name in offered {
        assert!(known.contains(&name), "botocore does not know {name:?}");
        w.cmd(&["getcallerid", "--profile", &name]).run().ok();
    }
}

#[test]
fn completion_reads_no_fifo_device_or_endless_file() {
    let w = World::new();
    let fifo = |rel: &str| -> PathBuf {
        let p = w.home().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let ok = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(ok.success());
        p
    };
    let config = fifo("fifo-config");
    fifo(".aws/sso/cache/fifo.json");
    fifo(".local/state/aws-login/sso-index/fifo.json");
    fifo(".local/state/aws-login/assumed-roles");
    for (config, words) in [
        (config.to_str().unwrap(), ["getcallerid", "--profile", ""]),
        ("/dev/zero", ["getcallerid", "--profile", ""]),
        ("/dev/zero", ["getcallerid", "--start-url", ""]),
        ("/dev/zero", ["getcallerid", "--sso-acct-id", ""]),
        ("/dev/zero", ["getcallerid", "--sso-role-name", ""]),
        ("/dev/zero", ["getcallerid", "--assume-roles", ""]),
    ] {
        let mut args = vec!["--", "aws-login"];
        args.extend(words);
        let mut child = w
            .cmd(&args)
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", "3")
            .env("AWS_CONFIG_FILE", config)
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")
            .spawn();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        assert!(
            status.is_some_and(|s| s.success()),
            "completion of {words:?} with config {config} hung or failed: {status:?}"
        );
    }
}
