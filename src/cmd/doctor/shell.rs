//! The shell integration: the init script exports AWS_LOGIN_SHELL_INIT as
//! `SHELL:PID:completion|no-completion` (PID the shell that ran it); and starship, when it
//! is installed, shows the identity through the env_var module docs/shell.md gives.

use std::path::PathBuf;

use super::Check;
use crate::env::Env;
use crate::fsutil;
use crate::paths::home;
use crate::shell::Shell;

pub const MARKER_VAR: &str = "AWS_LOGIN_SHELL_INIT";

pub fn checks(env: &Env, out: &mut Vec<Check>) {
    out.push(integration(env));
    if let Some(check) = starship(env) {
        out.push(check);
    }
}

fn init_line(shell: &str) -> String {
    match shell {
        "fish" => "add `aws-login shell init fish | source` to ~/.config/fish/config.fish".into(),
        "powershell" => {
            "add `aws-login shell init powershell | Out-String | Invoke-Expression` to $PROFILE"
                .into()
        }
        "zsh" => "add eval \"$(aws-login shell init zsh)\" to ~/.zshrc".into(),
        "nushell" | "nu" => {
            "save `aws-login shell init nushell` to a file in env.nu and `source` it in config.nu (docs/shell.md)"
                .into()
        }
        "elvish" => {
            "add `eval (aws-login shell init elvish | slurp)` to ~/.config/elvish/rc.elv".into()
        }
        "xonsh" => "add `execx($(aws-login shell init xonsh))` to ~/.xonshrc".into(),
        _ => {
            "add eval \"$(aws-login shell init bash)\" to ~/.bashrc (or the rc file of your shell)"
                .into()
        }
    }
}

fn integration(env: &Env) -> Check {
    const CHECK: &str = "shell integration";
    let Some(marker) = env.get(MARKER_VAR) else {
        let shell = env
            .get("SHELL")
            .and_then(|s| s.rsplit('/').next())
            .unwrap_or("bash");
        return Check::warn(
            CHECK,
            "the awsl function is not loaded in this shell (awsl assume, the prompt segment and completion need it)",
            format!("{}, then open a new shell", init_line(shell)),
        );
    };
    let mut parts = marker.split(':');
    let (Some(shell), Some(pid), Some(completion), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Check::warn(
            CHECK,
            format!("{MARKER_VAR} is not what the init script sets"),
            format!("unset {MARKER_VAR}, then load the init script again"),
        );
    };
    let Some(shell) = Shell::from_name(shell).map(Shell::name) else {
        return Check::warn(
            CHECK,
            format!("{MARKER_VAR} names no shell aws-login knows"),
            format!("unset {MARKER_VAR}, then load the init script again"),
        );
    };
    // Exported, the marker reaches every child: a shell started from the one that loaded
    // the script has it without the function. The script's shell is this process's parent
    // (or this process itself, when the shell ran it with exec).
    let here = [std::os::unix::process::parent_id(), std::process::id()];
    if !pid.parse::<u32>().is_ok_and(|p| here.contains(&p)) {
        return Check::warn(
            CHECK,
            format!("loaded in another {shell} (a parent of this one), not in this shell"),
            init_line(shell),
        );
    }
    match (shell, completion) {
        (_, "completion") => Check::ok(CHECK, format!("loaded in this {shell}, with completion")),
        ("zsh", _) => Check::warn(
            CHECK,
            "loaded in this zsh, but completion is not registered (compinit had not run)",
            "run `autoload -Uz compinit && compinit` in ~/.zshrc before the aws-login init line",
        ),
        _ => Check::warn(
            CHECK,
            format!("loaded in this {shell}, without completion"),
            "drop --no-completion from the init line",
        ),
    }
}

/// The env_var module on AWS_LOGIN_IDENTITY, when starship is on PATH.
fn starship(env: &Env) -> Option<Check> {
    const CHECK: &str = "starship";
    on_path(env, "starship")?;
    let config = match env.get("STARSHIP_CONFIG") {
        Some(p) => PathBuf::from(p),
        None => home(env)?.join(".config/starship.toml"),
    };
    let shown = config.display().to_string();
    let fix = format!(
        "add to {shown}: [env_var.AWS_LOGIN_IDENTITY] with format = \"[$env_value]($style) \" (docs/shell.md, Shell integration)"
    );
    let text = match fsutil::read_bounded(&config, fsutil::SMALL_FILE, "the starship config") {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Some(Check::warn(
                CHECK,
                format!(
                    "starship is installed but {shown} does not exist: the prompt shows no aws-login identity"
                ),
                fix,
            ));
        }
        Err(e) => {
            return Some(Check::fail(
                CHECK,
                e.to_string(),
                format!("make {shown} a readable file"),
            ));
        }
    };
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(_) => {
            return Some(Check::fail(
                CHECK,
                format!("{shown} is not valid TOML: starship ignores it"),
                format!("fix {shown} (starship config shows where)"),
            ));
        }
    };
    let module = table
        .get("env_var")
        .and_then(|v| v.get("AWS_LOGIN_IDENTITY"));
    let disabled = module
        .and_then(|m| m.get("disabled"))
        .and_then(|d| d.as_bool())
        .unwrap_or(false);
    Some(match module {
        Some(_) if !disabled => Check::ok(CHECK, format!("{shown} shows AWS_LOGIN_IDENTITY")),
        Some(_) => Check::warn(
            CHECK,
            format!("[env_var.AWS_LOGIN_IDENTITY] in {shown} is disabled"),
            "set disabled = false",
        ),
        None => Check::warn(
            CHECK,
            format!(
                "{shown} has no [env_var.AWS_LOGIN_IDENTITY]: the prompt shows no role-hop or Identity Center identity"
            ),
            fix,
        ),
    })
}

fn on_path(env: &Env, program: &str) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    which::which_in(program, env.get("PATH"), cwd).ok()
}
