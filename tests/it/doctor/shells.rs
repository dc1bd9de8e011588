//! The shell-integration check in real shells: loaded here, loaded with or without
//! completion, inherited from a parent shell, not loaded.

use super::*;

/// `doctor --json`'s shell-integration line, as `script` (run by `shell`) leaves it.
fn integration(w: &World, shell: &str, args: &[&str], script: &str) -> (String, String) {
    let mut all: Vec<&str> = args.to_vec();
    all.push("-c");
    all.push(script);
    let out = w.cmd(&all).program(which(shell).unwrap()).run();
    let json = out
        .stdout
        .find('[')
        .map(|i| &out.stdout[i..])
        .unwrap_or_default();
    let parsed = Out {
        code: out.code,
        stdout: json.to_string(),
        stderr: out.stderr.clone(),
    };
    let (s, d, _) = status_of(&parsed, "shell integration");
    (s, d)
}

#[test]
fn the_check_sees_the_function_loaded_in_this_shell_and_its_completion() {
    let w = sound_world();
    // `; :` keeps the shell from replacing itself with the last command.
    let doctor = format!("'{BIN}' doctor --json; :");
    if have("bash") {
        let init = render(&w, "bash", &[], "init-bash");
        let (s, d) = integration(
            &w,
            "bash",
            &["--norc", "--noprofile"],
            &format!(". '{}'\n{doctor}", init.display()),
        );
        assert_eq!(s, "ok", "bash: {d}");
        assert!(d.contains("with completion"), "{d}");
        let bare = render(&w, "bash", &["--no-completion"], "init-bash-bare");
        let (s, d) = integration(
            &w,
            "bash",
            &["--norc", "--noprofile"],
            &format!(". '{}'\n{doctor}", bare.display()),
        );
        assert_eq!(s, "warn", "bash --no-completion: {d}");
        assert!(d.contains("without completion"), "{d}");
        // A child shell inherits the exported marker but not the function.
        let (s, d) = integration(
            &w,
            "bash",
            &["--norc", "--noprofile"],
            &format!(
                ". '{}'\nbash --norc --noprofile -c \"{doctor}\"; :",
                init.display()
            ),
        );
        assert_eq!(s, "warn", "bash child: {d}");
        assert!(d.contains("another"), "{d}");
        // Not loaded at all.
        let (s, _) = integration(&w, "bash", &["--norc", "--noprofile"], &doctor);
        assert_eq!(s, "warn");
    }
    if have("zsh") {
        let init = render(&w, "zsh", &[], "init-zsh");
        // Without compinit zsh registers no completion: the check says how to get it.
        let (s, d) = integration(
            &w,
            "zsh",
            &["-f"],
            &format!(". '{}'\n{doctor}", init.display()),
        );
        assert_eq!(s, "warn", "zsh without compinit: {d}");
        assert!(d.contains("completion is not registered"), "{d}");
        let (s, d) = integration(
            &w,
            "zsh",
            &["-f"],
            &format!(
                "autoload -Uz compinit && compinit -u -D\n. '{}'\n{doctor}",
                init.display()
            ),
        );
        assert_eq!(s, "ok", "zsh with compinit: {d}");
    }
    if have("fish") {
        let init = render(&w, "fish", &[], "init-fish");
        let (s, d) = integration(
            &w,
            "fish",
            &["--no-config"],
            &format!("source '{}'\n{doctor}", init.display()),
        );
        assert_eq!(s, "ok", "fish: {d}");
        let bare = render(&w, "fish", &["--no-completion"], "init-fish-bare");
        let (s, d) = integration(
            &w,
            "fish",
            &["--no-config"],
            &format!("source '{}'\n{doctor}", bare.display()),
        );
        assert_eq!(s, "warn", "fish --no-completion: {d}");
    }
}

#[test]
fn a_marker_not_of_the_scripts_form_is_a_warning_not_trusted() {
    let w = sound_world();
    for marker in [
        "bash",
        "tcsh:1:completion",
        "bash:1:completion:x",
        "bash:notapid:completion",
    ] {
        let out = w
            .cmd(&["doctor", "--json"])
            .env("AWS_LOGIN_SHELL_INIT", marker)
            .run();
        out.ok();
        assert_eq!(status_of(&out, "shell integration").0, "warn", "{marker}");
    }
}
