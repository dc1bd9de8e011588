//! The only way dumpconfig writes config text. Every line is proven to be what it says:
//! a comment, a section header with a name the AWS config parsers read as one word, or
//! one key with one value, never a line break or anything that could start another
//! section or key. The values were checked for their kind before; this is the last wall.

use anyhow::{Result, bail};

use crate::inert::echo;
use crate::validate::is_config_name;

#[derive(Default)]
pub struct Ini {
    text: String,
}

impl Ini {
    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `# text`: one line with no control character or line separator.
    pub fn comment(&mut self, text: &str) -> Result<()> {
        if !one_line(text) {
            bail!(
                "refusing to write the comment '{}': it is not one line",
                echo(text)
            );
        }
        self.line(&format!("# {text}"));
        Ok(())
    }

    /// `[kind name]`, e.g. `[profile dev-Admin]`.
    pub fn section(&mut self, kind: &str, name: &str) -> Result<()> {
        if !is_config_name(name) {
            bail!(
                "refusing to write the {kind} name '{}': the AWS config parsers do not read it as one name",
                echo(name)
            );
        }
        self.line(&format!("[{kind} {name}]"));
        Ok(())
    }

    /// `key = value`: the value one word of printable characters, so that it can neither
    /// end the line nor be read as a comment, a continuation or a section.
    pub fn key(&mut self, key: &str, value: &str) -> Result<()> {
        let key_ok = !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        let value_ok = !value.is_empty()
            && value.chars().all(|c| !c.is_control() && !c.is_whitespace())
            && !value.starts_with(['[', '#', ';']);
        if !key_ok || !value_ok {
            bail!(
                "refusing to write {key} = '{}': it is not one value on one line",
                echo(value)
            );
        }
        self.line(&format!("{key} = {value}"));
        Ok(())
    }

    pub fn finish(self) -> String {
        self.text
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }
}

/// No control character and no whitespace other than a plain space (Python's
/// `str.splitlines` also breaks at U+2028, U+0085 and friends).
fn one_line(text: &str) -> bool {
    text.chars()
        .all(|c| !c.is_control() && (c == ' ' || !c.is_whitespace()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_but_one_line_gets_through() {
        let mut ini = Ini::default();
        ini.comment("made by aws-login").unwrap();
        ini.section("profile", "dev-Admin").unwrap();
        ini.key("sso_start_url", "https://x.awsapps.com/start#/")
            .unwrap();
        ini.blank();
        assert_eq!(
            ini.finish(),
            "# made by aws-login\n[profile dev-Admin]\nsso_start_url = https://x.awsapps.com/start#/\n\n"
        );
        let mut ini = Ini::default();
        for bad in ["a\nb", "a\rb", "a\u{2028}b", "a\u{85}b", "a\u{b}b"] {
            assert!(ini.comment(bad).is_err(), "{bad:?}");
            assert!(ini.key("k", bad).is_err(), "{bad:?}");
            assert!(ini.section("profile", bad).is_err(), "{bad:?}");
        }
        for bad in ["", " x", "x y", "[profile x]", "#x", ";x"] {
            assert!(ini.key("k", bad).is_err(), "{bad:?}");
        }
        for bad in ["x]", "[x", "a b", "", "a=b"] {
            assert!(ini.section("sso-session", bad).is_err(), "{bad:?}");
        }
        assert!(ini.key("credential_process\n[x]", "v").is_err());
        assert_eq!(ini.finish(), "", "a refused line leaves nothing");
    }
}
