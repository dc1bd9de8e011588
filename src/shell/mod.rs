//! Shells: how to write a value so that the shell reads back exactly those bytes.
//!
//! Every piece of code that aws-login prints for a shell to evaluate goes through here.

pub mod candidate;
pub mod complete;
pub mod history;
pub mod init;
mod reserved;

use crate::cli::Outform;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// bash, zsh, sh, dash, ksh.
    Posix,
    Fish,
    Powershell,
    /// cmd.exe.
    Cmd,
}

impl From<Outform> for Shell {
    fn from(o: Outform) -> Shell {
        match o {
            Outform::Linux | Outform::Mac => Shell::Posix,
            Outform::Fish => Shell::Fish,
            Outform::Powershell => Shell::Powershell,
            Outform::Windows => Shell::Cmd,
        }
    }
}

impl Shell {
    /// A literal the shell evaluates to exactly `value`, or an error for what the shell
    /// cannot represent (cmd.exe has no quoting for `"`, `%`, `!` or line breaks).
    pub fn quote(self, value: &str) -> Result<String, String> {
        Ok(match self {
            Shell::Posix => shell_escape::unix::escape(value.into()).into_owned(),
            Shell::Fish => format!("'{}'", value.replace('\\', r"\\").replace('\'', r"\'")),
            // PowerShell also ends single-quoted strings at typographic single quotes.
            Shell::Powershell => {
                let mut s = String::with_capacity(value.len() + 2);
                s.push('\'');
                for c in value.chars() {
                    if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
                        s.push(c);
                    }
                    s.push(c);
                }
                s.push('\'');
                s
            }
            Shell::Cmd => {
                if let Some(c) = value
                    .chars()
                    .find(|c| matches!(c, '"' | '%' | '!' | '\r' | '\n'))
                {
                    return Err(format!(
                        "a value holds {c:?}, which cmd.exe cannot represent: use --outform powershell"
                    ));
                }
                value.to_string()
            }
        })
    }

    /// A line that sets (exports) a variable.
    pub fn set(self, name: &str, value: &str) -> Result<String, String> {
        let v = self.quote(value)?;
        Ok(match self {
            Shell::Posix => format!("export {name}={v}"),
            Shell::Fish => format!("set -gx {name} {v}"),
            Shell::Powershell => format!("$Env:{name} = {v}"),
            Shell::Cmd => format!("set \"{name}={v}\""),
        })
    }

    /// A line that removes a variable (never assigns it empty).
    pub fn unset(self, name: &str) -> String {
        match self {
            Shell::Posix => format!("unset {name}"),
            Shell::Fish => format!("set -e {name}"),
            Shell::Powershell => format!("Remove-Item Env:{name} -ErrorAction SilentlyContinue"),
            Shell::Cmd => format!("set \"{name}=\""),
        }
    }

    /// Shell code applying `vars` (`None` = unset).
    pub fn script(self, vars: &[(&str, Option<String>)]) -> Result<String, String> {
        let mut out = String::new();
        for (name, value) in vars {
            let line = match value {
                Some(v) => self.set(name, v)?,
                None => self.unset(name),
            };
            out.push_str(&line);
            out.push('\n');
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_hostile_values() {
        assert_eq!(Shell::Posix.quote("a'b").unwrap(), r"'a'\''b'");
        assert_eq!(Shell::Posix.quote("").unwrap(), "''");
        assert_eq!(Shell::Fish.quote(r"a'b\c").unwrap(), r"'a\'b\\c'");
        assert_eq!(
            Shell::Powershell.quote("a'b\u{2019}").unwrap(),
            "'a''b\u{2019}\u{2019}'"
        );
        assert!(Shell::Cmd.quote("50%").is_err());
        assert_eq!(Shell::Cmd.set("K", "a b&c").unwrap(), "set \"K=a b&c\"");
    }
}
