//! Shells: the one place that knows, per shell, its init script, its quoting, the name its
//! `awsl` function passes in AWS_LOGIN_SHELL, its completion registration and candidate
//! quoting, and the names a function must not take.
//!
//! Two types, because two sets of values exist: `Shell` is an interactive shell that
//! `shell init` writes a script for (bash, zsh, fish, PowerShell); `Dialect` is the
//! language of the code printed for one to evaluate, shared by bash and zsh, and also
//! spoken by cmd.exe, which `dumpcreds --outform cmd` prints for but which has no init
//! script. `Outform` (the `--outform` names) maps onto a dialect. Every mapping is a total
//! `match`, so adding a shell is a compile error everywhere it needs a decision.

pub mod candidate;
pub mod complete;
mod dialect;
pub mod envcomplete;
pub mod history;
pub mod init;
mod reserved;

use clap::ValueEnum;

pub use dialect::Dialect;

use crate::env::Env;

/// The first line of everything `awsl assume|refresh|unassume` prints. The function
/// evaluates only output that starts with it, so help text or anything unexpected is
/// printed, never run. The scripts get it through `__AWSL_MARKER__`, inside quotes in
/// every shell: it must stay free of quotes, `$`, `\`, `*` and `` ` `` (a unit test checks).
const MARKER: &str = "# aws-login assume";

/// The variable the `awsl` function sets to its shell's name for the binary to read.
const CALLER_VAR: &str = "AWS_LOGIN_SHELL";

/// An interactive shell `shell init` writes a script for. The value names (and the `pwsh`
/// alias) are the `shell init` argument, the AWS_LOGIN_SHELL value and the COMPLETE value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    #[value(alias = "pwsh")]
    Powershell,
    #[value(alias = "nu")]
    Nushell,
    Elvish,
    Xonsh,
}

impl Shell {
    /// The canonical name: what the script passes in AWS_LOGIN_SHELL.
    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Nushell => "nushell",
            Shell::Elvish => "elvish",
            Shell::Xonsh => "xonsh",
        }
    }

    /// The shell a name (or alias) denotes, exactly as written.
    pub fn from_name(name: &str) -> Option<Shell> {
        Shell::from_str(name, false).ok()
    }

    pub fn dialect(self) -> Dialect {
        match self {
            Shell::Bash | Shell::Zsh => Dialect::Posix,
            Shell::Fish => Dialect::Fish,
            Shell::Powershell => Dialect::Powershell,
            Shell::Nushell => Dialect::Nushell,
            Shell::Elvish => Dialect::Elvish,
            Shell::Xonsh => Dialect::Xonsh,
        }
    }

    /// The shell whose `awsl` function called this process (None: not called by one).
    pub fn calling(env: &Env) -> Option<Shell> {
        env.get(CALLER_VAR).and_then(Shell::from_name)
    }

    /// What `awsl assume|refresh|unassume` prints: the marker line, then the code that
    /// applies `vars` (`None` = unset).
    pub fn marked_script(self, vars: &[(&str, Option<String>)]) -> Result<String, String> {
        Ok(format!("{MARKER}\n{}", self.dialect().script(vars)?))
    }
}

/// Output shells for `dumpcreds` and `serve`, by name. `linux`, `mac` and `windows` are
/// the names the original tool used, kept as aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Outform {
    /// bash.
    Bash,
    /// zsh.
    Zsh,
    /// POSIX sh and its kin (dash, ksh; also `linux`, `mac`).
    #[value(aliases = ["linux", "mac"])]
    Sh,
    /// fish.
    Fish,
    /// PowerShell.
    #[value(alias = "pwsh")]
    Powershell,
    /// cmd.exe (also `windows`).
    #[value(alias = "windows")]
    Cmd,
    /// nushell: a JSON object for `from json | load-env`.
    #[value(alias = "nu")]
    Nushell,
    /// elvish.
    Elvish,
    /// xonsh.
    Xonsh,
}

impl Outform {
    pub fn dialect(self) -> Dialect {
        match self {
            Outform::Bash | Outform::Zsh | Outform::Sh => Dialect::Posix,
            Outform::Fish => Dialect::Fish,
            Outform::Powershell => Dialect::Powershell,
            Outform::Cmd => Dialect::Cmd,
            Outform::Nushell => Dialect::Nushell,
            Outform::Elvish => Dialect::Elvish,
            Outform::Xonsh => Dialect::Xonsh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shell_reads_back_its_own_name_and_alias() {
        for shell in Shell::value_variants() {
            assert_eq!(Shell::from_name(shell.name()), Some(*shell));
            let value = shell.to_possible_value().unwrap();
            assert_eq!(value.get_name(), shell.name());
            for alias in value.get_name_and_aliases() {
                assert_eq!(Shell::from_name(alias), Some(*shell), "{alias}");
            }
        }
        assert_eq!(Shell::from_name("pwsh"), Some(Shell::Powershell));
        assert_eq!(Shell::from_name("Bash"), None);
        assert_eq!(Shell::from_name("sh"), None);
    }

    #[test]
    fn the_marker_reads_the_same_inside_every_scripts_quotes() {
        assert!(
            !MARKER.contains(['\'', '"', '$', '\\', '*', '`', '\n']),
            "{MARKER}"
        );
        let out = Shell::Fish
            .marked_script(&[("A", Some("1".into())), ("B", None)])
            .unwrap();
        assert_eq!(out, "# aws-login assume\nset -gx A '1'\nset -e B\n");
    }
}
