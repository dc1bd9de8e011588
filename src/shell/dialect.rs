//! Dialects: how to write a value so that a shell reads back exactly those bytes, and the
//! lines that set and unset a variable. Every piece of code that aws-login prints for a
//! shell to evaluate goes through here.

use std::fmt::Write as _;

/// The language of the code printed for a shell. bash and zsh share one; cmd.exe has one
/// but no init script (see `Shell` and `Outform`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// bash, zsh, sh, dash, ksh.
    Posix,
    Fish,
    Powershell,
    /// cmd.exe.
    Cmd,
    /// nushell, which cannot evaluate code it is given: a JSON object it reads with
    /// `from json` (a string sets a variable, null removes it).
    Nushell,
    Elvish,
    Xonsh,
}

impl Dialect {
    /// A literal the shell evaluates to exactly `value`, or an error for what the shell
    /// cannot represent (cmd.exe has no quoting for `"`, `%`, `!` or line breaks).
    pub fn quote(self, value: &str) -> Result<String, String> {
        Ok(match self {
            Dialect::Posix => shell_escape::unix::escape(value.into()).into_owned(),
            Dialect::Fish => format!("'{}'", value.replace('\\', r"\\").replace('\'', r"\'")),
            // PowerShell also ends single-quoted strings at typographic single quotes.
            Dialect::Powershell => {
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
            Dialect::Cmd => {
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
            // elvish single quotes hold every character but `'`, which is written twice.
            Dialect::Elvish => format!("'{}'", value.replace('\'', "''")),
            // A Python string literal: xonsh reads `$NAME = "…"` in Python mode, where a
            // string expands nothing.
            Dialect::Xonsh => {
                let mut s = String::with_capacity(value.len() + 2);
                s.push('"');
                for c in value.chars() {
                    match c {
                        '"' | '\\' => {
                            s.push('\\');
                            s.push(c);
                        }
                        c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                            let _ = write!(s, "\\U{:08x}", u32::from(c));
                        }
                        c => s.push(c),
                    }
                }
                s.push('"');
                s
            }
            // A double-quoted nushell string: only backslash escapes, no interpolation.
            Dialect::Nushell => {
                let mut s = String::with_capacity(value.len() + 2);
                s.push('"');
                for c in value.chars() {
                    match c {
                        '"' | '\\' => {
                            s.push('\\');
                            s.push(c);
                        }
                        c if c.is_control() => {
                            let _ = write!(s, "\\u{{{:x}}}", u32::from(c));
                        }
                        c => s.push(c),
                    }
                }
                s.push('"');
                s
            }
        })
    }

    /// A line that sets (exports) a variable.
    pub fn set(self, name: &str, value: &str) -> Result<String, String> {
        let v = self.quote(value)?;
        Ok(match self {
            Dialect::Posix => format!("export {name}={v}"),
            Dialect::Fish => format!("set -gx {name} {v}"),
            Dialect::Powershell => format!("$Env:{name} = {v}"),
            Dialect::Cmd => format!("set \"{name}={v}\""),
            Dialect::Nushell => format!("{}: {v}", json_name(name)),
            Dialect::Elvish => format!("set-env {name} {v}"),
            Dialect::Xonsh => format!("${name} = {v}"),
        })
    }

    /// A line that removes a variable (never assigns it empty).
    pub fn unset(self, name: &str) -> String {
        match self {
            Dialect::Posix => format!("unset {name}"),
            Dialect::Fish => format!("set -e {name}"),
            Dialect::Powershell => format!("Remove-Item Env:{name} -ErrorAction SilentlyContinue"),
            Dialect::Cmd => format!("set \"{name}=\""),
            Dialect::Nushell => format!("{}: null", json_name(name)),
            Dialect::Elvish => format!("unset-env {name}"),
            Dialect::Xonsh => format!("${{...}}.pop(\"{name}\", None)"),
        }
    }

    /// Shell code applying `vars` (`None` = unset).
    pub fn script(self, vars: &[(&str, Option<String>)]) -> Result<String, String> {
        if self == Dialect::Nushell {
            return Ok(nushell_record(vars));
        }
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

/// A variable name as a JSON string (names are ASCII identifiers, so this cannot fail).
fn json_name(name: &str) -> String {
    serde_json::Value::from(name).to_string()
}

/// The object nushell's `from json | load-env` reads: one member per line, in order, so a
/// person reading it sees what `dumpcreds` prints for the other shells.
fn nushell_record(vars: &[(&str, Option<String>)]) -> String {
    let members: Vec<String> = vars
        .iter()
        .map(|(name, value)| {
            let value = value.as_deref().map_or(serde_json::Value::Null, Into::into);
            format!("  {}: {value}", json_name(name))
        })
        .collect();
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_hostile_values() {
        assert_eq!(Dialect::Posix.quote("a'b").unwrap(), r"'a'\''b'");
        assert_eq!(Dialect::Posix.quote("").unwrap(), "''");
        assert_eq!(Dialect::Fish.quote(r"a'b\c").unwrap(), r"'a\'b\\c'");
        assert_eq!(
            Dialect::Powershell.quote("a'b\u{2019}").unwrap(),
            "'a''b\u{2019}\u{2019}'"
        );
        assert!(Dialect::Cmd.quote("50%").is_err());
        assert_eq!(Dialect::Cmd.set("K", "a b&c").unwrap(), "set \"K=a b&c\"");
        assert_eq!(
            Dialect::Nushell.quote("a\"b\\$(c)\n\u{1}é").unwrap(),
            r#""a\"b\\$(c)\u{a}\u{1}é""#
        );
        assert_eq!(
            Dialect::Xonsh.quote("a\"b\\$(c)\n").unwrap(),
            r#""a\"b\\$(c)\U0000000a""#
        );
        assert_eq!(Dialect::Elvish.quote("a'b$(c)\n").unwrap(), "'a''b$(c)\n'");
        assert_eq!(
            Dialect::Nushell
                .script(&[("A", Some("x'\"\n".into())), ("B", None)])
                .unwrap(),
            "{\n  \"A\": \"x'\\\"\\n\",\n  \"B\": null\n}\n"
        );
    }
}
