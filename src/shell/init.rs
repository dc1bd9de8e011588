//! `shell init`: the scripts in shell/, rendered with a few placeholders.

use std::path::Path;

use anyhow::Result;
use clap_complete::env::{Bash, EnvCompleter, Fish, Powershell, Zsh};

use super::Shell;
use crate::cli::InitShell;

const BASH: &str = include_str!("../../shell/aws-login.bash");
const ZSH: &str = include_str!("../../shell/aws-login.zsh");
const FISH: &str = include_str!("../../shell/aws-login.fish");
const POWERSHELL: &str = include_str!("../../shell/aws-login.ps1");

/// Every placeholder the scripts may use; none survives rendering.
#[cfg(test)]
pub const PLACEHOLDERS: [&str; 4] = [
    "__AWSL_CMD__",
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
        registration(shell, cmd, bin_text)?
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
fn registration(shell: InitShell, cmd: &str, bin: &str) -> Result<String> {
    let mut buf = Vec::new();
    for name in ["aws-login", cmd] {
        match shell {
            InitShell::Bash => Bash.write_registration("COMPLETE", name, name, bin, &mut buf)?,
            InitShell::Zsh => Zsh.write_registration("COMPLETE", name, name, bin, &mut buf)?,
            InitShell::Fish => Fish.write_registration("COMPLETE", name, name, bin, &mut buf)?,
            InitShell::Powershell => {
                Powershell.write_registration("COMPLETE", name, name, bin, &mut buf)?
            }
        }
    }
    let text = String::from_utf8(buf)?;
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
