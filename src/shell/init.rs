//! `shell init`: the scripts in shell/, rendered with a few placeholders.

use std::path::Path;

use anyhow::Result;
use clap_complete::env::{Bash, EnvCompleter, Fish, Powershell, Zsh};

use super::{Shell, reserved};
use crate::cli::InitShell;
use crate::error::usage;

const BASH: &str = include_str!("../../shell/aws-login.bash");
const ZSH: &str = include_str!("../../shell/aws-login.zsh");
const FISH: &str = include_str!("../../shell/aws-login.fish");
const POWERSHELL: &str = include_str!("../../shell/aws-login.ps1");

/// Every placeholder the scripts may use; none survives rendering.
#[cfg(test)]
pub const PLACEHOLDERS: [&str; 5] = [
    "__AWSL_CMD__",
    "__AWSL_COMPLETER__",
    "__AWSL_BIN__",
    "__AWSL_PROMPT__",
    "__AWSL_COMPLETION__",
];

pub fn render(
    shell: InitShell,
    cmd: &str,
    completion: bool,
    prompt: bool,
    bin: &Path,
) -> Result<String> {
    reserved::check(shell, cmd).map_err(usage)?;
    let (template, quoting) = match shell {
        InitShell::Bash => (BASH, Shell::Posix),
        InitShell::Zsh => (ZSH, Shell::Posix),
        InitShell::Fish => (FISH, Shell::Fish),
        InitShell::Powershell => (POWERSHELL, Shell::Powershell),
    };
    let bin_text = bin
        .to_str()
        .ok_or_else(|| anyhow::anyhow!("the path of aws-login is not UTF-8: {}", bin.display()))?;
    let quoted_bin = quoting.quote(bin_text).map_err(|e| anyhow::anyhow!(e))?;
    let registration = if completion {
        registration(shell, cmd)?
    } else {
        String::new()
    };
    Ok(template
        .replace("__AWSL_COMPLETION__", &registration)
        .replace("__AWSL_CMD__", cmd)
        .replace("__AWSL_BIN__", &quoted_bin)
        .replace("__AWSL_PROMPT__", if prompt { "1" } else { "0" }))
}

/// clap_complete's dynamic-completion registration, for `aws-login` and for the function:
/// both ask this binary (COMPLETE=<shell>) for candidates, never the network.
///
/// clap_complete would embed the binary's path in each shell's own quoting, and gets bash
/// wrong (single quotes inside double quotes: a path with a space fails, one with `$` or a
/// backtick expands) and PowerShell wrong (inside an expanding here-string). Instead the
/// registration calls the binary through `__awsl_bin`, which the script has already set
/// with the path quoted by Shell::quote.
fn registration(shell: InitShell, cmd: &str) -> Result<String> {
    const COMPLETER: &str = "__AWSL_COMPLETER__";
    let mut buf = Vec::new();
    for name in ["aws-login", cmd] {
        match shell {
            InitShell::Bash => {
                Bash.write_registration("COMPLETE", name, name, COMPLETER, &mut buf)?
            }
            InitShell::Zsh => {
                Zsh.write_registration("COMPLETE", name, name, COMPLETER, &mut buf)?
            }
            InitShell::Fish => {
                Fish.write_registration("COMPLETE", name, name, COMPLETER, &mut buf)?
            }
            InitShell::Powershell => {
                Powershell.write_registration("COMPLETE", name, name, COMPLETER, &mut buf)?
            }
        }
    }
    let text = String::from_utf8(buf)?;
    // The variable as each registration reads it: bash `"COMPLETER"`; zsh a bare word;
    // fish inside a double-quoted string evaluated again at completion time (so `\$`);
    // PowerShell inside an expanding here-string passed to Invoke-Expression (so `` `$ ``).
    let bin = match shell {
        InitShell::Bash => "$__awsl_bin",
        InitShell::Zsh => "\"$__awsl_bin\"",
        InitShell::Fish => "\\$__awsl_bin",
        InitShell::Powershell => "`$global:__awsl_bin",
    };
    let text = text.replace(COMPLETER, bin);
    // zsh: compdef exists only once compinit has run; without it, skip quietly.
    Ok(match shell {
        InitShell::Zsh => format!(
            "if (( ${{+functions[compdef]}} )); then\n{}\nfi",
            text.replace("#compdef ", "# compdef ")
        ),
        _ => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn no_placeholder_survives_rendering() {
        for shell in InitShell::value_variants() {
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
}
