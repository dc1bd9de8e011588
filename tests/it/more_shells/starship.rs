//! starship in nushell, elvish and xonsh: it reads the environment, so after `awsl assume`
//! a child process must see what its aws module and the README's env_var snippet read
//! (region, expiry, AWS_LOGIN_IDENTITY, no AWS_PROFILE after hops); where starship is
//! installed, it runs in each shell with the README's snippet.

use super::*;
use crate::hygiene::starship::{readme_snippet, starship, strip_ansi};

/// Runs `child` (a program and its arguments, each a plain word) from `shell` after an
/// assume of a role chain with a region, with `env` added; its stdout.
fn after_assume(w: &World, shell: &str, child: &[&str], env: &[(&str, &str)]) -> String {
    let init = render(w, shell, &[], &format!("st-{shell}"));
    let assume = format!("awsl assume --assume-roles {DEPLOY},{AUDIT} --region eu-west-1");
    let out_file = w.home().join(format!("child-{shell}"));
    let argv = child.join(" ");
    let o = out_file.display();
    let i = init.display();
    let run = match shell {
        "nushell" => with_env(
            env,
            w.alice(&[
                "--no-config-file",
                "--commands",
                &format!("source '{i}'; {assume}; ^{argv} | save -f '{o}'"),
            ]),
        )
        .program(which("nu").unwrap())
        .run(),
        "xonsh" => {
            let script = w.write(
                "st.xsh",
                &format!("execx($(cat '{i}'))\n{assume}\n{argv} > '{o}'\n"),
            );
            with_env(env, w.alice(&["--no-rc", &script.display().to_string()]))
                .program(which("xonsh").unwrap())
                .run()
        }
        _ => with_env(env, w.alice(&["-qec", "elvish -norc", "/dev/null"]))
            .program(which("script").unwrap())
            .run_with_stdin(Some(&format!(
                "eval (slurp < '{i}')\n{assume}\n{argv} > '{o}'\nexit\n"
            ))),
    };
    std::fs::read_to_string(&out_file)
        .unwrap_or_else(|e| panic!("{shell}: {e}: {}{}", run.stdout, run.stderr))
}

fn with_env<'w>(env: &[(&str, &str)], mut run: Run<'w>) -> Run<'w> {
    for (k, v) in env {
        run = run.env(k, v);
    }
    run
}

#[test]
fn a_child_of_nushell_elvish_and_xonsh_sees_what_starship_reads_after_an_assume() {
    for (shell, tool) in [("nushell", "nu"), ("elvish", "elvish"), ("xonsh", "xonsh")] {
        if !have(tool) || (shell == "elvish" && !have("script")) {
            continue;
        }
        let w = World::new();
        let env = after_assume(&w, shell, &["env"], &[]);
        let get = |name: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{name}=")))
                .map(str::to_string)
        };
        assert_eq!(
            get("AWS_LOGIN_IDENTITY").as_deref(),
            Some("333333333333-Audit"),
            "{shell}"
        );
        assert_eq!(get("AWS_REGION").as_deref(), Some("eu-west-1"), "{shell}");
        assert_eq!(
            get("AWS_DEFAULT_REGION").as_deref(),
            Some("eu-west-1"),
            "{shell}"
        );
        let exp = get("AWS_CREDENTIAL_EXPIRATION").unwrap_or_default();
        assert!(
            exp.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(&exp).is_ok(),
            "{shell}: {exp}"
        );
        assert_eq!(
            get("AWS_PROFILE"),
            None,
            "{shell}: no AWS_PROFILE after hops"
        );
    }
}

#[test]
fn starship_with_the_readme_snippet_shows_the_identity_in_nushell_elvish_and_xonsh() {
    let shells: Vec<(&str, &str)> = [("nushell", "nu"), ("elvish", "elvish"), ("xonsh", "xonsh")]
        .into_iter()
        .filter(|(shell, tool)| have(tool) && (*shell != "elvish" || have("script")))
        .collect();
    if shells.is_empty() {
        return;
    }
    let Some(starship) = starship() else { return };
    let bin = starship.display().to_string();
    for (shell, _) in shells {
        let w = World::new();
        let config = w.write("starship.toml", &readme_snippet());
        let config = config.display().to_string();
        let shown = after_assume(
            &w,
            shell,
            &[&bin, "prompt"],
            &[("STARSHIP_CONFIG", &config), ("TERM", "xterm-256color")],
        );
        // The aws module's region, then the identity from the snippet's env_var module.
        let shown = strip_ansi(&shown);
        assert!(
            shown.contains("(eu-west-1) [") && shown.contains("333333333333-Audit"),
            "{shell}: {shown:?}"
        );
    }
}
