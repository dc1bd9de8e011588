//! `AWS_ACCOUNT_ID` in every export: each `--outform` as the shells read it, `runas`, and
//! `awsl assume`/`unassume` in bash, zsh and fish.

use super::*;

/// Evaluate `script` in `shell` with a stale `AWS_ACCOUNT_ID`, then print it (or `<unset>`).
fn account_after(w: &World, shell: &str, script: &str) -> String {
    let path = w.write(&format!("creds-{shell}"), script);
    let p = path.display();
    let body = match shell {
        "fish" => format!(
            "source '{p}'; if set -q AWS_ACCOUNT_ID; printf '%s' $AWS_ACCOUNT_ID; else; printf '<unset>'; end"
        ),
        _ => format!(r#"eval "$(cat '{p}')"; printf '%s' "${{AWS_ACCOUNT_ID-<unset>}}""#),
    };
    let args: Vec<&str> = match shell {
        "bash" => vec!["--norc", "--noprofile", "-euo", "pipefail", "-c", &body],
        "zsh" => vec!["-f", "-euo", "pipefail", "-c", &body],
        _ => vec!["--no-config", "-c", &body],
    };
    let out = w
        .cmd(&args)
        .program(which(shell).unwrap())
        .env("AWS_ACCOUNT_ID", "999999999999")
        .run();
    assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
    out.stdout
}

fn dump(w: &World, form: &str, extra: &[&str]) -> String {
    let mut argv = vec!["dumpcreds", "--outform", form, "--profile", "alice"];
    argv.extend_from_slice(extra);
    let out = w.cmd(&argv).run();
    out.ok();
    out.stdout.clone()
}

#[test]
fn every_outform_exports_the_account_and_the_shells_read_it_back() {
    let w = World::new().with_user_profiles();
    let role = ["--assume-roles", DEPLOY];
    for (form, shells) in [
        ("linux", &["bash", "zsh"][..]),
        ("mac", &["bash", "zsh"]),
        ("fish", &["fish"]),
    ] {
        let known = dump(&w, form, &role);
        // Plain keys: no account known, so an earlier one is removed, never left beside them.
        let unknown = dump(&w, form, &[]);
        for shell in shells {
            if !have(shell) {
                continue;
            }
            assert_eq!(
                account_after(&w, shell, &known),
                DEPLOY_ACCOUNT,
                "{form} {shell}"
            );
            assert_eq!(
                account_after(&w, shell, &unknown),
                "<unset>",
                "{form} {shell}"
            );
        }
    }
    let ps = dump(&w, "powershell", &role);
    assert!(
        ps.contains(&format!("$Env:AWS_ACCOUNT_ID = '{DEPLOY_ACCOUNT}'\n")),
        "{ps}"
    );
    let ps = dump(&w, "powershell", &[]);
    assert!(ps.contains("Remove-Item Env:AWS_ACCOUNT_ID "), "{ps}");
    let cmd = dump(&w, "windows", &role);
    assert!(
        cmd.contains(&format!("set \"AWS_ACCOUNT_ID={DEPLOY_ACCOUNT}\"\n")),
        "{cmd}"
    );
    let cmd = dump(&w, "windows", &[]);
    assert!(cmd.contains("set \"AWS_ACCOUNT_ID=\"\n"), "{cmd}");
}

#[test]
fn runas_gives_the_child_the_account_and_never_a_stale_one() {
    let w = World::new().with_user_profiles();
    let show = [
        "--",
        "sh",
        "-c",
        "printf '%s' \"${AWS_ACCOUNT_ID-<unset>}\"",
    ];
    let run = |args: &[&str]| {
        let argv = [&["runas", "--profile", "alice"][..], args, &show].concat();
        let out = w.cmd(&argv).env("AWS_ACCOUNT_ID", "999999999999").run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(run(&["--assume-roles", DEPLOY]), DEPLOY_ACCOUNT);
    assert_eq!(run(&[]), "<unset>");
}

#[test]
fn awsl_assume_exports_the_account_and_unassume_removes_it_in_bash_zsh_and_fish() {
    let w = World::new().with_user_profiles();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &[], &format!("init-{shell}"));
        let (source, show) = match shell {
            "fish" => (
                format!("source '{}'", init.display()),
                "if set -q AWS_ACCOUNT_ID; echo $AWS_ACCOUNT_ID; else; echo '<unset>'; end",
            ),
            _ => (
                format!(". '{}'", init.display()),
                "echo \"${AWS_ACCOUNT_ID-<unset>}\"",
            ),
        };
        let script = format!(
            "{source}; awsl assume --profile alice --assume-roles {DEPLOY}; {show}; awsl unassume; {show}"
        );
        let out = strict(&w, shell, &script);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert_eq!(
            out.stdout,
            format!("{DEPLOY_ACCOUNT}\n<unset>\n"),
            "{shell}"
        );
    }
}

#[test]
fn an_account_in_the_environment_is_not_a_profiles() {
    let w = World::new().with_user_profiles();
    let args = [
        "dumpcreds",
        "--credential-helper",
        "--profile",
        "alice",
        "--assume-roles",
        DEPLOY,
    ];
    w.cmd(&args).run().ok();
    // The user's own, and one an earlier `awsl assume` left with its keys: neither is the
    // profile's, and the request stays the same one, answered by the cache.
    let out = w.cmd(&args).env("AWS_ACCOUNT_ID", "999999999999").run();
    out.ok();
    assert_eq!(account_of(&out.json()), Some(DEPLOY_ACCOUNT));
    let out = w
        .cmd(&args)
        .env("AWS_LOGIN_ASSUME", "[\"--profile\",\"bob\"]")
        .env("AWS_ACCESS_KEY_ID", BOB_KEY)
        .env("AWS_SECRET_ACCESS_KEY", BOB_SECRET)
        .env("AWS_ACCOUNT_ID", "999999999999")
        .run();
    out.ok();
    assert_eq!(
        w.calls("AssumeRole").len(),
        1,
        "the same request, from the cache"
    );
    assert_eq!(account_of(&out.json()), Some(DEPLOY_ACCOUNT));
}
