//! `shell init`: the scripts in shell/, rendered with a few placeholders.

use std::path::Path;

use anyhow::Result;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::{MARKER, Shell, envcomplete, reserved};
use crate::error::usage;

/// Every placeholder the scripts may use; none survives rendering.
#[cfg(test)]
pub const PLACEHOLDERS: [&str; 9] = [
    "__AWSL_CMD__",
    "__AWSL_USAGE__",
    "__AWSL_COMPLETER__",
    "__AWSL_BIN__",
    "__AWSL_PROMPT__",
    "__AWSL_COMPLETION__",
    "__AWSL_MARKER__",
    "__AWSL_SHELL__",
    "__AWSL_COMPLETES__",
];

impl Shell {
    fn template(self) -> &'static str {
        match self {
            Shell::Bash => include_str!("../../shell/aws-login.bash"),
            Shell::Zsh => include_str!("../../shell/aws-login.zsh"),
            Shell::Fish => include_str!("../../shell/aws-login.fish"),
            Shell::Powershell => include_str!("../../shell/aws-login.ps1"),
            Shell::Nushell => include_str!("../../shell/aws-login.nu"),
            Shell::Elvish => include_str!("../../shell/aws-login.elv"),
            Shell::Xonsh => include_str!("../../shell/aws-login.xsh"),
        }
    }

    /// clap_complete's dynamic-completion support for this shell.
    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Powershell => &Powershell,
            Shell::Nushell => &envcomplete::NUSHELL,
            Shell::Elvish => &Elvish,
            Shell::Xonsh => &envcomplete::XONSH,
        }
    }
}

pub fn render(
    shell: Shell,
    cmd: &str,
    completion: bool,
    prompt: bool,
    bin: &Path,
) -> Result<String> {
    reserved::check(shell, cmd).map_err(usage)?;
    let bin_text = bin
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the path of aws-login is not UTF-8: {}", bin.display()))?;
    let quoted_bin = shell
        .dialect()
        .quote(bin_text)
        .map_err(|e| anyhow::anyhow!(e))?;
    let registration = if completion {
        registration(shell, cmd)?
    } else {
        String::new()
    };
    let prompt = if prompt { "1" } else { "0" };
    let usage = shell
        .dialect()
        .quote(&function_usage(cmd))
        .map_err(|e| anyhow::anyhow!(e))?;
    // For shells that cannot ask whether a completer is registered (see doctor).
    let completes = if completion {
        "completion"
    } else {
        "no-completion"
    };
    Ok(fill(
        shell.template(),
        &[
            ("__AWSL_MARKER__", MARKER),
            ("__AWSL_SHELL__", shell.name()),
            ("__AWSL_COMPLETION__", &registration),
            ("__AWSL_CMD__", cmd),
            ("__AWSL_BIN__", &quoted_bin),
            ("__AWSL_PROMPT__", prompt),
            ("__AWSL_USAGE__", &usage),
            ("__AWSL_COMPLETES__", completes),
        ],
    ))
}

/// What the function prints when called alone: its own commands, not aws-login's.
fn function_usage(cmd: &str) -> String {
    format!(
        "Usage: {cmd} COMMAND [OPTIONS]\n\
         \n\
         \x20 {cmd} assume [PROFILE]  set an identity in this shell (alone: pick one)\n\
         \x20 {cmd} unassume          clear it\n\
         \x20 {cmd} refresh           renew it from cached tokens, never a browser\n\
         \x20 {cmd} whoami            show it, its region and the time it has left\n\
         \x20 {cmd} COMMAND ...       any other aws-login command (see aws-login --help)"
    )
}

/// The template with each placeholder replaced, in one pass: an inserted value (a binary
/// path, the registration) is never searched for placeholders itself.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 1024);
    let mut rest = template;
    while let Some(i) = rest.find("__AWSL_") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match values.iter().find(|(p, _)| tail.starts_with(p)) {
            Some((p, v)) => {
                out.push_str(v);
                rest = &tail[p.len()..];
            }
            None => {
                out.push_str("__AWSL_");
                rest = &tail["__AWSL_".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// clap_complete's dynamic-completion registration, for `aws-login` and for the function:
/// both ask this binary (COMPLETE=<shell>) for candidates, never the network.
///
/// clap_complete would embed the binary's path in each shell's own quoting, and gets bash
/// wrong (single quotes inside double quotes: a path with a space fails, one with `$` or a
/// backtick expands) and PowerShell wrong (inside an expanding here-string). Instead the
/// registration calls the binary through `__awsl_bin`, which the script has already set
/// with the path quoted by Dialect::quote.
fn registration(shell: Shell, cmd: &str) -> Result<String> {
    const COMPLETER: &str = "__AWSL_COMPLETER__";
    // The variable as each registration reads it: bash `"COMPLETER"`; zsh a bare word;
    // fish inside a double-quoted string evaluated again at completion time (so `\$`);
    // PowerShell inside an expanding here-string passed to Invoke-Expression (so `` `$ ``).
    // elvish: an argument of the external `env`.
    let bin = match shell {
        Shell::Bash | Shell::Elvish => "$__awsl_bin",
        Shell::Zsh => "\"$__awsl_bin\"",
        Shell::Fish => "\\$__awsl_bin",
        Shell::Powershell => "`$global:__awsl_bin",
        // nushell completes a command's arguments through a completer named in its
        // signature, which the script defines: the registration is that annotation.
        Shell::Nushell => return Ok("@__awsl_complete".into()),
        // xonsh: the script's completer is added when this (inside quotes) is not empty.
        Shell::Xonsh => return Ok("yes".into()),
    };
    let mut buf = Vec::new();
    for name in ["aws-login", cmd] {
        shell
            .completer()
            .write_registration("COMPLETE", name, name, COMPLETER, &mut buf)?;
    }
    let text = String::from_utf8(buf)?;
    let text = text.replace(COMPLETER, bin);
    Ok(match shell {
        Shell::Zsh => zsh_registration(&text),
        _ => text,
    })
}

/// zsh: `compdef` exists only once compinit has run, and `shell init` may come before it in
/// .zshrc, after it, or with no compinit at all. The completion functions are defined at
/// once; they are registered at once when compinit has run, else at the first prompt (by
/// then .zshrc, and any compinit in it, has run). If there is still no compinit then,
/// nothing else will start completion, so the hook runs `compinit -i` itself (insecure
/// directories are skipped, never asked about at a prompt).
fn zsh_registration(text: &str) -> String {
    // zsh lists matches that have a description (every option has one) before plain
    // ones: `awsl assume <Tab>` would show the profiles last. So where there are names
    // (profiles, commands), options are zsh options (`-o`), which zsh offers once a `-` is
    // typed (its prefix-needed style); elsewhere they are offered as they are.
    let text = text.replace(
        "        [[ -n $other ]] && _describe -V 'values' other\n",
        "        local -a names=() flags=()\n\
        \x20       for completion in $other; do\n\
        \x20           if [[ $completion == -* ]]; then flags+=(\"$completion\"); else names+=(\"$completion\"); fi\n\
        \x20       done\n\
        \x20       if [[ -n $names ]]; then\n\
        \x20           _describe -V 'values' names\n\
        \x20           [[ -n $flags ]] && _describe -o -V 'options' flags\n\
        \x20       elif [[ -n $flags ]]; then\n\
        \x20           _describe -V 'options' flags\n\
        \x20       fi\n",
    );
    let mut functions = String::new();
    let mut compdefs = String::new();
    for line in text.lines() {
        if line.starts_with("compdef ") {
            compdefs.push_str("    ");
            compdefs.push_str(line);
            compdefs.push('\n');
        } else {
            // `#compdef` heads a completion file; here it is only a comment.
            functions.push_str(&line.replace("#compdef ", "# compdef "));
            functions.push('\n');
        }
    }
    format!(
        "{functions}\
__awsl_compdef() {{
{compdefs}}}
if (( ${{+functions[compdef]}} )); then
    __awsl_compdef
else
    __awsl_compinit() {{
        add-zsh-hook -d precmd __awsl_compinit
        if (( ! ${{+functions[compdef]}} )); then
            autoload -Uz compinit && compinit -i
        fi
        __awsl_compdef
    }}
    add-zsh-hook precmd __awsl_compinit
fi
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn a_value_that_holds_a_placeholder_is_inserted_as_it_is() {
        let bin = Path::new("/opt/__AWSL_PROMPT__/__AWSL_CMD__/aws-login");
        for shell in Shell::value_variants() {
            let text = render(*shell, "awsl", true, false, bin).unwrap();
            assert!(text.contains("__AWSL_PROMPT__/__AWSL_CMD__"), "{shell:?}");
        }
        assert_eq!(
            fill("a __AWSL_X__ __AWSL_B__", &[("__AWSL_B__", "__AWSL_B__!")]),
            "a __AWSL_X__ __AWSL_B__!"
        );
    }

    #[test]
    fn no_placeholder_survives_rendering() {
        for shell in Shell::value_variants() {
            for (completion, prompt) in [(false, false), (true, true)] {
                let text = render(
                    *shell,
                    "awsl",
                    completion,
                    prompt,
                    Path::new("/opt/aws login/bin/aws-login"),
                )
                .unwrap();
                for p in PLACEHOLDERS {
                    assert!(!text.contains(p), "{shell:?}: {p} survived");
                }
            }
        }
    }

    /// The zsh registration is clap_complete's text, edited: an edit that no longer finds
    /// its line would leave the options listed before the profiles, or compdef unguarded.
    #[test]
    fn the_zsh_registration_edits_find_their_lines() {
        let text = render(Shell::Zsh, "awsl", true, false, Path::new("/bin/aws-login")).unwrap();
        assert!(!text.contains("_describe -V 'values' other"), "{text}");
        assert_eq!(text.matches("_describe -o -V 'options' flags").count(), 2);
        let (top, hook) = text.split_once("__awsl_compdef() {").unwrap();
        assert!(!top.lines().any(|l| l.starts_with("compdef ")), "{top}");
        assert_eq!(
            hook.matches("    compdef _clap_dynamic_completer_").count(),
            2
        );
        assert!(!text.contains("#compdef"));
    }

    /// The script checks for the marker and passes its name only as Rust gives them, so
    /// the contract with `awsl assume` cannot drift in one template.
    #[test]
    fn every_script_gets_the_marker_and_its_name_from_rust() {
        for shell in Shell::value_variants() {
            let template = shell.template();
            assert!(!template.contains(MARKER), "{shell:?}: a literal marker");
            assert!(
                !template.contains(&format!("AWS_LOGIN_SHELL {}", shell.name()))
                    && !template.contains(&format!("AWS_LOGIN_SHELL={}", shell.name())),
                "{shell:?}: a literal shell name"
            );
            let text = render(*shell, "awsl", false, false, Path::new("/bin/aws-login")).unwrap();
            assert_eq!(text.matches(MARKER).count(), 1, "{shell:?}");
            // `AWS_LOGIN_SHELL=bash`, `AWS_LOGIN_SHELL fish`, `AWS_LOGIN_SHELL = 'powershell'`,
            // `AWS_LOGIN_SHELL: 'nushell'`, `AWS_LOGIN_SHELL="xonsh"`.
            let (_, after) = text.split_once("AWS_LOGIN_SHELL").unwrap();
            let named = after
                .trim_start_matches([' ', '=', ':', '\'', '"'])
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next();
            assert_eq!(named.and_then(Shell::from_name), Some(*shell), "{shell:?}");
        }
    }
}
