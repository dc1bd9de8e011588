//! dumpcreds output evaluated by the real shells, with values that break naive quoting.

use crate::harness::*;

const KEY: &str = "AKIA'quote\"dq";
const SECRET: &str =
    "s3cr3t $HOME `id` $(id) 'x' \"y\" \\n back\\slash\nnew line;|&<>*?! %PATH% ‘smart’";
const TOKEN: &str = "tok en\t$USER`uname`'\"\n\nend";

fn dump(w: &World, outform: &str) -> String {
    let out = w
        .cmd(&["dumpcreds", "--outform", outform, "--region", "eu-west-3"])
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .run();
    out.ok();
    out.stdout.clone()
}

/// Evaluate `script` in `shell` (with a stale AWS_PROFILE set) and read the variables back
/// NUL-separated.
fn eval_in(w: &World, shell: &str, script: &str) -> Vec<String> {
    let path = w.write("creds.sh", script);
    let vars =
        "AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION";
    let (args, body): (Vec<&str>, String) = match shell {
        "bash" => (
            vec!["--norc", "--noprofile", "-euo", "pipefail", "-c"],
            format!(
                r#"eval "$(cat '{}')"; for v in {vars}; do printf '%s\0' "${{!v}}"; done; printf '%s\0' "${{AWS_PROFILE-<unset>}}""#,
                path.display()
            ),
        ),
        "zsh" => (
            vec!["-f", "-euo", "pipefail", "-c"],
            format!(
                r#"eval "$(<'{}')"; for v in {vars}; do printf '%s\0' "${{(P)v}}"; done; printf '%s\0' "${{AWS_PROFILE-<unset>}}""#,
                path.display()
            ),
        ),
        "fish" => (
            vec!["--no-config", "-c"],
            format!(
                r#"source '{}'; for v in {vars}; printf '%s\0' "$$v"; end; if set -q AWS_PROFILE; printf '%s\0' $AWS_PROFILE; else; printf '<unset>\0'; end"#,
                path.display()
            ),
        ),
        _ => unreachable!(),
    };
    let mut argv = args;
    argv.push(&body);
    let out = w
        .cmd(&argv)
        .program(which(shell).unwrap())
        .env("AWS_PROFILE", "stale")
        .run();
    assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
    assert_eq!(out.stderr, "", "{shell}");
    out.stdout.split('\0').take(6).map(str::to_string).collect()
}

fn expected() -> Vec<String> {
    [KEY, SECRET, TOKEN, "eu-west-3", "eu-west-3", "<unset>"]
        .map(String::from)
        .to_vec()
}

#[test]
fn posix_output_round_trips_hostile_values_in_bash_and_zsh() {
    let w = World::new();
    for form in ["bash", "zsh", "sh", "linux", "mac", "LINUX"] {
        let script = dump(&w, form);
        if have("bash") {
            assert_eq!(eval_in(&w, "bash", &script), expected(), "bash {form}");
        }
        if have("zsh") {
            assert_eq!(eval_in(&w, "zsh", &script), expected(), "zsh {form}");
        }
    }
}

#[test]
fn fish_output_round_trips_hostile_values_in_fish() {
    let w = World::new();
    let script = dump(&w, "fish");
    if have("fish") {
        assert_eq!(eval_in(&w, "fish", &script), expected());
    }
}

/// A reader for the subset of PowerShell that the output uses: `$Env:NAME = '…'` and
/// `Remove-Item Env:NAME …`.
fn parse_powershell(script: &str) -> Vec<(String, Option<String>)> {
    let mut vars = Vec::new();
    let mut rest = script;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("$Env:") {
            let (name, r) = r.split_once(" = '").expect("assignment");
            let mut value = String::new();
            let mut chars = r.char_indices().peekable();
            let end = loop {
                let (i, c) = chars.next().expect("closing quote");
                if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
                    if chars.peek().is_some_and(|&(_, n)| {
                        matches!(n, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
                    }) {
                        value.push(chars.next().unwrap().1);
                        continue;
                    }
                    break i + c.len_utf8();
                }
                value.push(c);
            };
            vars.push((name.to_string(), Some(value)));
            rest = r[end..].strip_prefix('\n').expect("one statement per line");
        } else {
            let (line, r) = rest.split_once('\n').expect("newline");
            let name = line
                .strip_prefix("Remove-Item Env:")
                .expect("known statement")
                .split(' ')
                .next()
                .unwrap();
            vars.push((name.to_string(), None));
            rest = r;
        }
    }
    vars
}

#[test]
fn powershell_output_parses_back_to_the_exact_values() {
    let w = World::new();
    let vars = parse_powershell(&dump(&w, "powershell"));
    let get = |n: &str| vars.iter().find(|(k, _)| k == n).unwrap().1.clone();
    assert_eq!(get("AWS_ACCESS_KEY_ID").as_deref(), Some(KEY));
    assert_eq!(get("AWS_SECRET_ACCESS_KEY").as_deref(), Some(SECRET));
    assert_eq!(get("AWS_SESSION_TOKEN").as_deref(), Some(TOKEN));
    assert_eq!(get("AWS_PROFILE"), None);
    assert!(dump(&w, "pwsh").starts_with("$Env:AWS_ACCESS_KEY_ID = "));
}

#[test]
fn cmd_output_sets_plain_values_and_clears_the_token_for_long_term_keys() {
    let w = World::new();
    let out = w.alice(&["dumpcreds", "--outform", "Windows"]).run();
    out.ok();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!("set \"AWS_ACCESS_KEY_ID={ALICE_KEY}\""));
    assert_eq!(
        lines[1],
        format!("set \"AWS_SECRET_ACCESS_KEY={ALICE_SECRET}\"")
    );
    assert_eq!(lines[2], "set \"AWS_SESSION_TOKEN=\"");
    assert!(!out.stdout.contains("None"));
}

#[test]
fn long_term_keys_unset_the_session_token_instead_of_printing_none() {
    let w = World::new();
    let out = w.alice(&["dumpcreds"]).run();
    out.ok();
    assert!(out.stdout.contains("unset AWS_SESSION_TOKEN\n"));
    assert!(out.stdout.contains("unset AWS_CREDENTIAL_EXPIRATION\n"));
    assert!(!out.stdout.contains("None"));
    if have("bash") {
        let path = w.write("c.sh", &out.stdout);
        let o = w
            .cmd(&[
                "--norc",
                "-euc",
                &format!(
                    ". '{}'; printf '%s' \"${{AWS_SESSION_TOKEN-<unset>}}\"",
                    path.display()
                ),
            ])
            .program(which("bash").unwrap())
            .env("AWS_SESSION_TOKEN", "stale-token-value")
            .run();
        assert_eq!(o.stdout, "<unset>");
    }
}

#[test]
fn credential_helper_output_is_exactly_the_v1_document() {
    let w = World::new();
    let out = w.alice(&["dumpcreds", "--credential-helper"]).run();
    out.ok();
    assert_eq!(
        out.stdout,
        format!(
            "{{\n    \"Version\": 1,\n    \"AccessKeyId\": \"{ALICE_KEY}\",\n    \"SecretAccessKey\": \"{ALICE_SECRET}\"\n}}\n"
        )
    );
    let role = w
        .alice(&["dumpcreds", "--credential-helper", "--assume-roles", DEPLOY])
        .run();
    role.ok();
    let j = role.json();
    let order: Vec<usize> = [
        "Version",
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
    ]
    .iter()
    .map(|k| {
        role.stdout
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k} missing"))
    })
    .collect();
    assert!(
        order.windows(2).all(|p| p[0] < p[1]),
        "key order: {}",
        role.stdout
    );
    let exp = j["Expiration"].as_str().unwrap();
    assert!(
        exp.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(exp).is_ok(),
        "{exp}"
    );
}

#[test]
fn exports_carry_the_expiration_of_the_final_credentials() {
    let w = World::new();
    let out = w
        .alice(&[
            "dumpcreds",
            "--assume-roles",
            DEPLOY,
            "--duration-seconds",
            "1800",
        ])
        .run();
    out.ok();
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("export AWS_CREDENTIAL_EXPIRATION="))
        .unwrap();
    let value = line.split('=').nth(1).unwrap().trim_matches('\'');
    let left = chrono::DateTime::parse_from_rfc3339(value)
        .unwrap()
        .signed_duration_since(chrono::Utc::now())
        .num_seconds();
    assert!((1700..=1800).contains(&left), "{left}");
}

/// `--outform` takes the shells' names; the seed's `linux`, `mac` and `windows` (and any
/// case) still work, as aliases of `sh` and `cmd`.
#[test]
fn outform_takes_shell_names_and_keeps_the_old_ones_as_aliases() {
    let w = World::new();
    let simple = |form: &str| {
        let out = w
            .cmd(&["dumpcreds", "--outform", form, "--region", "eu-west-3"])
            .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .run();
        out.ok();
        out.stdout.clone()
    };
    let posix = simple("sh");
    assert!(posix.contains("export AWS_ACCESS_KEY_ID="), "{posix}");
    for form in ["bash", "zsh", "SH", "Bash", "linux", "mac", "MAC"] {
        assert_eq!(simple(form), posix, "{form}");
    }
    let cmd = simple("cmd");
    assert!(cmd.contains("set \"AWS_ACCESS_KEY_ID="), "{cmd}");
    assert_eq!(simple("windows"), cmd);
    assert_eq!(simple("pwsh"), simple("powershell"));
    // The default is POSIX code.
    let out = w
        .cmd(&["dumpcreds", "--region", "eu-west-3"])
        .env("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .run();
    assert_eq!(out.stdout, posix);
    let help = w.cmd(&["dumpcreds", "--help"]).run();
    for name in ["bash", "zsh", "sh", "fish", "powershell", "cmd"] {
        assert!(
            help.stdout.contains(&format!("- {name}:")),
            "{name}: {}",
            help.stdout
        );
    }
}
