//! `shell init`: every shell and option set rendered, run in strict mode, and linted.

use crate::harness::*;

#[test]
fn every_init_renders_and_runs_silently_in_strict_mode_twice() {
    let w = World::new();
    for shell in ["bash", "zsh", "fish"] {
        if !have(shell) {
            continue;
        }
        for opts in OPTION_SETS {
            let file = render(&w, shell, opts, &format!("init-{shell}"));
            let path = file.display();
            let script = match shell {
                "fish" => format!("source '{path}'; source '{path}'"),
                _ => format!(". '{path}'; . '{path}'"),
            };
            let out = strict(&w, shell, &script);
            assert_eq!(
                (out.code, out.stdout.as_str(), out.stderr.as_str()),
                (0, "", ""),
                "{shell} {opts:?}"
            );
        }
    }
}

#[test]
fn the_scripts_pass_their_linters() {
    let w = World::new();
    for opts in OPTION_SETS {
        let bash = render(&w, "bash", opts, "lint.bash");
        if have("shellcheck") {
            let out = w
                .cmd(&[&bash.display().to_string()])
                .program(which("shellcheck").unwrap())
                .run();
            assert_eq!(out.code, 0, "shellcheck bash {opts:?}: {}", out.stdout);
        }
        let out = w
            .cmd(&["-n", &bash.display().to_string()])
            .program(which("bash").unwrap())
            .run();
        assert_eq!(out.code, 0, "bash -n {opts:?}: {}", out.stderr);
        if have("zsh") {
            let zsh = render(&w, "zsh", opts, "lint.zsh");
            let out = w
                .cmd(&["-n", &zsh.display().to_string()])
                .program(which("zsh").unwrap())
                .run();
            assert_eq!(out.code, 0, "zsh -n {opts:?}: {}", out.stderr);
            let out = zsh_strict_options(&w, &zsh, opts);
            assert_eq!(
                (out.code, out.stderr.as_str()),
                (0, ""),
                "zsh's warn_create_global/warn_nested_var {opts:?}"
            );
        }
        if have("fish") {
            let fish = render(&w, "fish", opts, "lint.fish");
            let out = w
                .cmd(&["--no-execute", &fish.display().to_string()])
                .program(which("fish").unwrap())
                .run();
            assert_eq!(out.code, 0, "fish --no-execute {opts:?}: {}", out.stderr);
        }
    }
}

/// zsh's own lint, as shellcheck reads no zsh: the script sourced twice and its paths run
/// (assume with its eval, the prompt segment in each expiry branch with auto-refresh,
/// unassume, a passed-through command) under zsh's strictest checks. warn_create_global
/// and warn_nested_var catch a function setting a global by accident; a global it sets on
/// purpose says so with `typeset -g`.
fn zsh_strict_options(w: &World, file: &std::path::Path, opts: &[&str]) -> Out {
    let name = opts
        .iter()
        .position(|o| *o == "--cmd")
        .map_or("awsl", |i| opts[i + 1]);
    let script = format!(
        "setopt warn_create_global warn_nested_var err_return no_unset pipe_fail\n\
         . '{file}'; . '{file}'\n\
         {name} assume --quiet --assume-roles {DEPLOY}\n\
         for left in 7200 1200 -5; do\n\
           AWS_LOGIN_EXPIRES_EPOCH=$((EPOCHSECONDS + left)); __awsl_precmd\n\
         done\n\
         {name} unassume\n\
         {name} --version >/dev/null\n",
        file = file.display()
    );
    w.alice(&["-f", "-c", &script])
        .env("AWS_LOGIN_AUTO_REFRESH", "1")
        .program(which("zsh").unwrap())
        .run()
}

#[test]
fn the_powershell_script_is_complete_and_runs_where_pwsh_exists() {
    let w = World::new();
    // pwsh is the one tool that may be missing in CI too: `have` says why (tools.rs).
    let pwsh = have("pwsh").then(|| which("pwsh").unwrap());
    for opts in OPTION_SETS {
        let file = render(&w, "powershell", opts, "init.ps1");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("__AWSL_"),
            "a placeholder survived: {opts:?}"
        );
        for (open, close) in [('{', '}'), ('(', ')')] {
            assert_eq!(
                text.matches(open).count(),
                text.matches(close).count(),
                "unbalanced {open}{close} {opts:?}"
            );
        }
        let name = opts
            .iter()
            .position(|o| *o == "--cmd")
            .map_or("awsl", |i| opts[i + 1]);
        assert!(
            text.contains(&format!("function global:{name} ")),
            "{opts:?}"
        );
        assert!(text.contains(&format!("$global:__awsl_bin = '{BIN}'")));
        if let Some(pwsh) = &pwsh {
            let out = w
                .cmd(&["-NoProfile", "-Command", &format!(". '{}'", file.display())])
                .program(pwsh)
                .run();
            assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{opts:?}");
        }
    }
}

#[test]
fn prompt_command_in_string_or_array_form_keeps_the_users_command_and_its_status() {
    if !have("bash") {
        return;
    }
    let w = World::new();
    let init = render(&w, "bash", &[], "init.bash");
    let i = init.display();
    for setup in [
        r#"PROMPT_COMMAND='echo "rc=$?"'"#,
        r#"PROMPT_COMMAND=('echo "rc=$?"')"#,
    ] {
        let script = format!(
            "{setup}; . '{i}'; . '{i}'; declare -p PROMPT_COMMAND; false; for c in \"${{PROMPT_COMMAND[@]}}\"; do eval \"$c\"; done"
        );
        let out = w
            .cmd(&["--norc", "-u", "-c", &script])
            .program(which("bash").unwrap())
            .run();
        assert_eq!(out.stderr, "", "{setup}");
        assert_eq!(
            out.stdout.matches("__awsl_precmd").count(),
            1,
            "registered once: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("echo"),
            "the user's command stays: {}",
            out.stdout
        );
        assert!(
            out.stdout.trim_end().ends_with("rc=1"),
            "$? reaches the user's command: {}",
            out.stdout
        );
    }
}
