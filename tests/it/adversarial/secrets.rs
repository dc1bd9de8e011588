//! Adversarial: secrets. `awsl assume` leaves no SSO token, refresh token, client secret or
//! MFA code in the environment of the shell or its children; the console sign-in token is
//! on no process's command line (`console.rs`); `runas -c` never runs an `sh` planted on PATH.

use crate::harness::*;
use crate::sso::cache_json;

mod console;

/// An MFA code that appears nowhere else in the scenario.
const MFA_CODE: &str = "808417";

const NOT_KEPT: &str = "this identity came from a token given on the command line, which is not kept: run awsl assume again, or sign in once (URL: your start URL) with awsl assume --sso-acct-id 111111111111 --sso-role-name Admin --start-url URL --use-cache";

fn world() -> World {
    let json =
        scenario_json().replace("\"code\": \"123456\"", &format!("\"code\": \"{MFA_CODE}\""));
    World::with_scenario(&json).with_user_profiles()
}

/// `s` as one word of `shell`.
fn quote(shell: &str, s: &str) -> String {
    match shell {
        "fish" => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        _ => format!("'{}'", s.replace('\'', "'\\''")),
    }
}

struct Case {
    name: &'static str,
    args: Vec<String>,
    /// `Some(true)`: refresh works; `Some(false)`: refresh says the token was not kept;
    /// `None`: an MFA identity (refresh --quiet asks for a code).
    refresh: Option<bool>,
}

fn sso_role(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = ["--sso-acct-id", "111111111111", "--sso-role-name", "Admin"]
        .map(String::from)
        .into();
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

#[test]
fn assume_leaves_no_token_secret_or_mfa_code_in_the_environment_of_bash_zsh_or_fish() {
    let w = world();
    let given = w.fake.issue_sso_token(3600, false);
    let inline = w.fake.issue_sso_token(3600, true);
    let in_file = w.fake.issue_sso_token(3600, true);
    let inline_json = cache_json(&inline, "us-east-1");
    let file = w.write("tokens/cli-cache.json", &cache_json(&in_file, "us-east-1"));
    let mut secrets = vec![
        given.access_token.clone(),
        MFA_CODE.to_string(),
        "mfa-code".to_string(),
        "sso-access-token".to_string(),
    ];
    for t in [&inline, &in_file] {
        secrets.push(t.access_token.clone());
        secrets.push(t.refresh_token.clone().unwrap());
        secrets.push(t.client_secret.clone());
    }
    let mfa = |code_arg: Vec<String>| -> Vec<String> {
        let mut v: Vec<String> = [
            "--profile",
            "alice",
            "--get-session-token",
            "--mfa-serial",
            MFA_SERIAL,
        ]
        .map(String::from)
        .into();
        v.extend(code_arg);
        v
    };
    let cases = [
        Case {
            name: "sso-access-token",
            args: sso_role(&["--sso-access-token", &given.access_token]),
            refresh: Some(false),
        },
        Case {
            name: "sso-access-token=",
            args: sso_role(&[&format!("--sso-access-token={}", given.access_token)]),
            refresh: Some(false),
        },
        Case {
            name: "inline accesstoken-cache",
            args: sso_role(&["--accesstoken-cache", &inline_json]),
            refresh: Some(false),
        },
        Case {
            name: "inline accesstoken-cache=",
            args: sso_role(&[&format!("--accesstoken-cache={inline_json}")]),
            refresh: Some(false),
        },
        Case {
            name: "mfa-code",
            args: mfa(vec!["--mfa-code".into(), MFA_CODE.into()]),
            refresh: None,
        },
        Case {
            name: "mfa-code=",
            args: mfa(vec![format!("--mfa-code={MFA_CODE}")]),
            refresh: None,
        },
        Case {
            name: "accesstoken-cache file:///abs",
            args: sso_role(&["--accesstoken-cache", &format!("file://{}", file.display())]),
            refresh: Some(true),
        },
        // A relative file:// path is kept as an absolute one, so refresh works elsewhere.
        Case {
            name: "accesstoken-cache=file://relative",
            args: sso_role(&["--accesstoken-cache=file://tokens/cli-cache.json"]),
            refresh: Some(true),
        },
    ];
    std::fs::create_dir_all(w.home().join("elsewhere")).unwrap();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        let init = render(&w, shell, &[], &format!("secrets-{shell}"));
        let dir = w.home().join(format!("dump-{shell}"));
        std::fs::create_dir_all(&dir).unwrap();
        let d = dir.display();
        let mut script = match shell {
            "fish" => format!("source '{}'\n", init.display()),
            _ => format!(". '{}'\n", init.display()),
        };
        for (i, case) in cases.iter().enumerate() {
            let words: Vec<String> = case.args.iter().map(|a| quote(shell, a)).collect();
            let refresh = if case.refresh.is_some() {
                "awsl refresh"
            } else {
                "awsl refresh --quiet"
            };
            // The environment as the shell has it, and as a child process sees it.
            let dump = |tag: &str| {
                format!("env > '{d}/env-{i}{tag}'; cat /proc/self/environ > '{d}/environ-{i}{tag}'")
            };
            let status = if shell == "fish" { "$status" } else { "$?" };
            script.push_str(&format!(
                "awsl assume {} 2> '{d}/assume-{i}.err'\necho {status} > '{d}/assume-{i}.rc'\n{}\ncd elsewhere\n{refresh} > /dev/null 2> '{d}/refresh-{i}.err'\necho {status} > '{d}/refresh-{i}.rc'\ncd ..\n{}\nawsl unassume\n",
                words.join(" "),
                dump(""),
                dump("-after"),
            ));
        }
        let args: Vec<&str> = match shell {
            "bash" => vec!["--norc", "--noprofile", "-c", &script],
            "zsh" => vec!["-f", "-c", &script],
            _ => vec!["--no-config", "-c", &script],
        };
        let out = w.cmd(&args).program(which(shell).unwrap()).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        if shell == "fish" {
            for (refresh, said) in [
                (Some(false), format!("aws-login: {NOT_KEPT}\n")),
                (
                    None,
                    "aws-login: this identity needs an MFA code".to_string(),
                ),
            ] {
                let expected = cases.iter().filter(|c| c.refresh == refresh).count();
                let in_files = (0..cases.len())
                    .filter(|i| {
                        std::fs::read_to_string(dir.join(format!("refresh-{i}.err")))
                            .is_ok_and(|e| e.contains(&said))
                    })
                    .count();
                assert_eq!(
                    out.stderr.matches(&said).count() + in_files,
                    expected,
                    "fish: {}",
                    out.stderr
                );
            }
        }
        let read = |name: String| std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        for (i, case) in cases.iter().enumerate() {
            let what = format!("{shell}, {}", case.name);
            assert_eq!(
                read(format!("assume-{i}.rc")).trim(),
                "0",
                "{what}: assume failed: {}",
                read(format!("assume-{i}.err"))
            );
            for tag in ["", "-after"] {
                let env = read(format!("env-{i}{tag}"));
                let environ = read(format!("environ-{i}{tag}"));
                assert!(
                    env.contains("AWS_LOGIN_IDENTITY=") && environ.contains("AWS_LOGIN_IDENTITY="),
                    "{what}: no identity in the environment: {env}"
                );
                for s in &secrets {
                    assert!(
                        !env.contains(s.as_str()) && !environ.contains(s.as_str()),
                        "{what}: {s:?} is in the environment: {env}"
                    );
                }
            }
            let rc = read(format!("refresh-{i}.rc"));
            let err = read(format!("refresh-{i}.err"));
            match case.refresh {
                Some(true) => {
                    assert_eq!(rc.trim(), "0", "{what}: refresh failed: {err}");
                    let env = read(format!("env-{i}-after"));
                    assert!(
                        env.contains(&format!("file://{}", file.display())),
                        "{what}: refresh replays the absolute path: {env}"
                    );
                }
                Some(false) => {
                    assert_eq!(rc.trim(), "1", "{what}: {err}");
                    // fish 3.6 sends a function's command-substitution stderr past the
                    // redirection: there the message is on the shell's own stderr.
                    if shell != "fish" || !err.is_empty() {
                        assert_eq!(err.trim_end(), format!("aws-login: {NOT_KEPT}"), "{what}");
                    }
                }
                None => {
                    assert_eq!(rc.trim(), "1", "{what}: {err}");
                    assert!(
                        err.contains("MFA code") || shell == "fish" && err.is_empty(),
                        "{what}: {err}"
                    );
                }
            }
        }
    }
}

#[test]
fn runas_c_runs_bin_sh_never_an_sh_planted_on_path() {
    let w = World::new();
    let marker = w.home().join("fake-sh-ran");
    w.executable(
        "sh",
        &format!(
            "#!/bin/bash\necho \"$@\" >> '{}'\necho planted\n",
            marker.display()
        ),
    );
    let path = format!(
        "{}:{}",
        w.home().join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for args in [
        &["runas", "-c", "echo hi"][..],
        &["runas", "--command", "echo hi"],
    ] {
        let out = w.alice(args).env("PATH", &path).run();
        out.ok();
        assert_eq!(out.stdout, "hi\n", "{args:?}");
        assert!(!marker.exists(), "{args:?}: the sh on PATH ran");
    }
}

#[test]
fn a_token_that_an_older_version_stored_is_never_replayed() {
    let w = World::new();
    let t = w.fake.issue_sso_token(3600, true);
    let role = ["--sso-acct-id", "111111111111", "--sso-role-name", "Admin"];
    for source in [
        vec!["--sso-access-token".to_string(), t.access_token.clone()],
        vec![format!(
            "--accesstoken-cache={}",
            cache_json(&t, "us-east-1")
        )],
    ] {
        let stored: Vec<String> = role.iter().map(|s| s.to_string()).chain(source).collect();
        let out = w
            .cmd(&["refresh"])
            .env("AWS_LOGIN_SHELL", "bash")
            .env("AWS_LOGIN_ASSUME", &serde_json::to_string(&stored).unwrap())
            .run();
        out.fails(1, NOT_KEPT);
    }
    assert!(w.fake.log().is_empty(), "no call with the stored token");
}

/// The sign-in that refresh suggests for a token it did not keep is a complete command:
/// pasted (with the start URL for `URL`) into the shell, it signs in, and the refresh after
/// it replays without a token.
#[test]
fn the_sign_in_that_refresh_suggests_for_a_token_not_kept_works() {
    let w = World::new();
    let given = w.fake.issue_sso_token(3600, false);
    let init = render(&w, "bash", &[], "suggested");
    let script = format!(
        ". '{}'\nawsl assume --sso-acct-id 111111111111 --sso-role-name Admin --sso-access-token '{}'\n\
         said=$(awsl refresh 2>&1) && exit 9\n\
         cmd=${{said#*with }}\ncmd=${{cmd//URL/{START_URL}}}\necho \"$cmd\" > suggested.txt\n\
         eval \"$cmd\" || exit 7\nawsl refresh || exit 8\necho \"$AWS_LOGIN_ASSUME\"\n",
        init.display(),
        given.access_token
    );
    let out = w
        .cmd(&["--norc", "--noprofile", "-c", &script])
        .program(which("bash").unwrap())
        .env("BROWSER", &w.fetching_browser())
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let suggested = std::fs::read_to_string(w.home().join("suggested.txt")).unwrap();
    assert!(
        suggested.starts_with(
            "awsl assume --sso-acct-id 111111111111 --sso-role-name Admin --start-url https://"
        ),
        "{suggested}"
    );
    assert!(out.stdout.contains("--use-cache"), "{}", out.stdout);
    assert!(!out.stdout.contains(&given.access_token));
}
