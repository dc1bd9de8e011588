//! Completion candidates as the requesting shell must receive them.
//!
//! The shells differ in what they do with a candidate (clap_complete's registrations):
//! - bash puts the words into COMPREPLY through an unquoted command substitution (so they
//!   are glob-expanded) and readline inserts them verbatim. A word the shell would not
//!   read literally is sent ANSI-C quoted with every other byte as `\xHH`: `$'p\x24\x28…'`
//!   holds no glob, IFS or quote character, and Enter passes the exact name.
//! - zsh (`_describe`, i.e. compadd), fish and elvish escape what they insert: they get the
//!   raw name; quoting it here would quote it twice. (elvish also hands its completer the
//!   typed words already unquoted.)
//! - PowerShell inserts the CompletionResult text verbatim: single-quoted when needed.
//! - nushell, xonsh and any other shell get only the names that need no quoting: their
//!   completers hand the value to the line editor as it is.

use std::fmt::Write as _;
use std::sync::OnceLock;

use super::{Dialect, Shell};
use crate::env::Env;

/// The shell asking for completions; `None` for one aws-login writes no init script for,
/// which gets only the names that need no quoting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requester(pub Option<Shell>);

static REQUESTER: OnceLock<Requester> = OnceLock::new();

impl Requester {
    /// Note the shell asking, from the `COMPLETE` variable that clap_complete's
    /// registrations set. Call before CompleteEnv, which removes the variable.
    pub fn remember(env: &Env) {
        let _ = REQUESTER.set(Requester(env.get("COMPLETE").and_then(Shell::from_name)));
    }

    /// The shell asking for completions (none when none was noted).
    pub fn get() -> Requester {
        REQUESTER.get().copied().unwrap_or(Requester(None))
    }

    /// The word to send for `value`, or `None` when this shell cannot be given it safely.
    pub fn quote(self, value: &str) -> Option<String> {
        if value.is_empty() || value.chars().any(char::is_control) {
            return None;
        }
        match self.0 {
            Some(Shell::Bash) if !is_literal(value, BASH_LITERAL) => Some(ansi_c(value)),
            Some(Shell::Powershell) if !is_literal(value, POWERSHELL_LITERAL) => {
                Dialect::Powershell.quote(value).ok()
            }
            None | Some(Shell::Nushell | Shell::Xonsh)
                if !is_literal(value, POWERSHELL_LITERAL) =>
            {
                None
            }
            _ => Some(value.to_string()),
        }
    }

    /// The text the user typed so far, with the shell's quoting removed, so that a partly
    /// typed quoted word still matches. PowerShell and elvish have removed their quoting
    /// already.
    pub fn unquote_prefix(self, typed: &str) -> String {
        match self.0 {
            Some(Shell::Bash | Shell::Zsh | Shell::Fish) => posix_unquote(typed),
            Some(Shell::Powershell | Shell::Nushell | Shell::Elvish | Shell::Xonsh) | None => {
                typed.to_string()
            }
        }
    }
}

/// Characters every shell reads literally in an unquoted word (beyond ASCII letters and
/// digits). bash: none of these globs, splits, expands or ends a word.
const BASH_LITERAL: &str = "_./:-,=@+%";
/// PowerShell: `,` makes an array, `@` splats, `=`, `+` and `%` are operators.
const POWERSHELL_LITERAL: &str = "_./:-";

fn is_literal(value: &str, extra: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

fn ansi_c(value: &str) -> String {
    let mut s = String::from("$'");
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || BASH_LITERAL.as_bytes().contains(&b) {
            s.push(char::from(b));
        } else {
            let _ = write!(s, "\\x{b:02x}");
        }
    }
    s.push('\'');
    s
}

/// Remove `'…'`, `"…"`, `$'…'` and backslash quoting from a (possibly unfinished) word.
fn posix_unquote(typed: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(typed.len());
    let b = typed.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' => {
                let end = b[i + 1..].iter().position(|&c| c == b'\'');
                let end = end.map_or(b.len(), |e| i + 1 + e);
                out.extend(&b[i + 1..end]);
                i = end + 1;
            }
            b'$' if b.get(i + 1) == Some(&b'\'') => {
                i += 2;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' && i + 1 < b.len() {
                        let hex = typed.get(i + 2..i + 4);
                        match (b[i + 1], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                            (b'x', Some(v)) => {
                                out.push(v);
                                i += 4;
                            }
                            (c, _) => {
                                out.push(match c {
                                    b'n' => b'\n',
                                    b't' => b'\t',
                                    c => c,
                                });
                                i += 2;
                            }
                        }
                    } else {
                        out.push(b[i]);
                        i += 1;
                    }
                }
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' && i + 1 < b.len() && b"\"\\$`".contains(&b[i + 1]) {
                        i += 1;
                    }
                    out.push(b[i]);
                    i += 1;
                }
                i += 1;
            }
            b'\\' if i + 1 < b.len() => {
                out.push(b[i + 1]);
                i += 2;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A description (an account name from the SSO portal) as plain text on one line: no
/// control characters for the terminal, at most 64 characters.
pub fn help(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_shell_gets_a_word_it_reads_back_as_the_name() {
        let hostile = "p$(touch X)/*'";
        assert_eq!(
            Requester(Some(Shell::Bash)).quote("team-1").unwrap(),
            "team-1"
        );
        assert_eq!(
            Requester(Some(Shell::Bash)).quote(hostile).unwrap(),
            r"$'p\x24\x28touch\x20X\x29/\x2a\x27'"
        );
        assert_eq!(Requester(Some(Shell::Zsh)).quote(hostile).unwrap(), hostile);
        assert_eq!(
            Requester(Some(Shell::Fish)).quote(hostile).unwrap(),
            hostile
        );
        assert_eq!(
            Requester(Some(Shell::Powershell)).quote("a,b'c").unwrap(),
            "'a,b''c'"
        );
        assert_eq!(
            Requester(Some(Shell::Elvish)).quote(hostile).unwrap(),
            hostile
        );
        assert_eq!(Requester(Some(Shell::Nushell)).quote(hostile), None);
        assert_eq!(Requester(None).quote(hostile), None);
        assert_eq!(Requester(Some(Shell::Bash)).quote("a\nb"), None);
        assert_eq!(Requester(Some(Shell::Fish)).quote(""), None);
    }

    #[test]
    fn typed_quoting_is_removed_before_matching() {
        let bash = Requester(Some(Shell::Bash));
        assert_eq!(bash.unquote_prefix(r"$'p\x24\x28to"), "p$(to");
        assert_eq!(bash.unquote_prefix("'a b"), "a b");
        assert_eq!(bash.unquote_prefix(r#""a\$b"#), "a$b");
        assert_eq!(bash.unquote_prefix(r"a\ b\"), r"a b\");
        assert_eq!(
            Requester(Some(Shell::Powershell)).unquote_prefix("'x"),
            "'x"
        );
    }

    #[test]
    fn help_text_is_inert() {
        assert_eq!(help("prod\u{1b}]0;x\u{7}\tname\n"), "prod]0;xname");
        assert_eq!(help(&"a".repeat(100)).len(), 64);
    }
}
