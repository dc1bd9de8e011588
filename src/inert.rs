//! Text from outside (servers, files, the command line) made inert before it is shown: on
//! a terminal without anything a terminal acts on, on a page with its HTML escaped.

use std::borrow::Cow;

/// Longest user input echoed back in a message: enough to recognise the value.
pub const ECHO_MAX: usize = 64;
/// Longest server-provided text (an error message, a URL) shown.
pub const SERVER_MAX: usize = 300;
/// Longest line aws-login prints on stderr, whatever it is built from.
pub const LINE_MAX: usize = 2000;

/// `s` for a terminal, one line: every control character (C0 such as ESC, CR, LF and
/// BEL; DEL; C1) and every character that reorders or breaks the displayed line (bidi
/// embeddings, overrides, isolates and marks; line and paragraph separators) shown as a
/// visible `\u{..}` escape instead of acting; cut to `max` characters with `…`.
pub fn for_terminal(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().count() <= max && !s.chars().any(active) {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut shown = 0;
    for c in s.chars() {
        let piece = if active(c) {
            c.escape_unicode().to_string()
        } else {
            c.to_string()
        };
        shown += piece.chars().count();
        if shown > max {
            out.push('…');
            break;
        }
        out.push_str(&piece);
    }
    Cow::Owned(out)
}

/// A user-provided value echoed in a message: terminal-safe and at most [`ECHO_MAX`]
/// characters, so a 100 KB argument cannot flood the terminal.
pub fn echo(s: &str) -> Cow<'_, str> {
    for_terminal(s, ECHO_MAX)
}

/// Server-provided text (an error message, a verification URL) for a message.
pub fn server(s: &str) -> Cow<'_, str> {
    for_terminal(s, SERVER_MAX)
}

/// `s` escaped for HTML text and attribute values.
pub fn html(s: &str) -> Cow<'_, str> {
    html_escape::encode_safe(s)
}

/// `text` up to the first `Debug` rendering in it: a type or variant name followed by `(`
/// or ` {` (`CredentialsNotLoaded(…`, `ProfileChain { …`), or a value that is `None`; the ` (`,
/// `:`, quote or spaces that led up to it are cut too. The SDK puts such renderings in
/// messages (`DisplayErrorContext`, a request it could not send: body included).
pub fn display_only(text: &str) -> &str {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut cut = text.len();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = bytes[i].is_ascii_uppercase() && (i == 0 || !ident(bytes[i - 1]));
        if starts_word {
            let end = i + bytes[i..].iter().take_while(|b| ident(**b)).count();
            let rest = &text[end..];
            let word = &text[i..end];
            if rest.starts_with('(')
                || rest.starts_with(" {")
                || (word == "None" && i == 0 && rest.is_empty())
            {
                cut = i;
                break;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    text[..cut].trim_end_matches([' ', '(', ':', ',', '`'])
}

fn active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Longest description of an error chain.
const CHAIN_MAX: usize = 600;

/// An error and its sources as one line of their messages, `a: b: c`, for a terminal.
/// Unlike the SDK's `DisplayErrorContext`, which ends with the `Debug` form of the whole
/// chain (`DispatchFailure(DispatchFailure { source: … })`), only `Display` is used, and
/// cut where a `Debug` rendering starts in it: some SDK messages embed one (a request it
/// could not send, whose body may hold a client secret or refresh token). A message
/// already contained in the one before it (or empty) is left out, because the SDK's
/// wrappers often repeat their source.
pub fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        let text = display_only(text.trim());
        if !text.is_empty() && !parts.last().is_some_and(|p| p.contains(text)) {
            parts.push(text.to_string());
        }
        next = e.source();
    }
    for_terminal(&parts.join(": "), CHAIN_MAX).into_owned()
}

/// A value as one POSIX shell word that a person reads in a message and may paste: as it
/// is when every character is one no shell acts on (start URLs, names and regions mostly
/// are), else single-quoted as a POSIX shell reads it (the rule the shell
/// module's POSIX dialect quotes by).
pub fn posix_word(value: &str) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        std::borrow::Cow::Borrowed(value)
    } else {
        shell_escape::unix::escape(value.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            for_terminal("us-east-1 ünïcode", 64),
            Cow::Borrowed("us-east-1 ünïcode")
        ));
    }

    #[test]
    fn controls_and_bidi_characters_are_shown_not_acted_on() {
        let got = for_terminal(
            "a\u{1b}]0;x\u{7}\r\n\t\u{7f}\u{9b}\u{85}\u{202e}\u{2067}b",
            200,
        );
        assert_eq!(
            got,
            "a\\u{1b}]0;x\\u{7}\\u{d}\\u{a}\\u{9}\\u{7f}\\u{9b}\\u{85}\\u{202e}\\u{2067}b"
        );
        assert!(!got.chars().any(active));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(echo(&"x".repeat(100_000)).chars().count(), ECHO_MAX + 1);
        assert!(echo(&"x".repeat(100_000)).ends_with("x…"));
        // An escape is never cut in half.
        let cut = for_terminal("abc\u{1b}def", 5);
        assert_eq!(cut, "abc…");
        assert_eq!(for_terminal(&"é".repeat(10), 10), "é".repeat(10));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html("<script>a('x')&\"</script>"),
            "&lt;script&gt;a(&#x27;x&#x27;)&amp;&quot;&lt;&#x2F;script&gt;"
        );
    }

    #[test]
    fn debug_renderings_are_cut_off() {
        for (text, shown) in [
            (
                "the credential provider was not enabled: environment variable not set (CredentialsNotLoaded(CredentialsNotLoaded { source: Some(\"environment variable not set\") }))",
                "the credential provider was not enabled: environment variable not set",
            ),
            ("ProfileChain { base: AccessKey(..), chain: [] }", ""),
            ("Some(2026-01-01T00:00:00Z)", ""),
            ("None", ""),
            (
                "first credentials will be loaded from AccessKey(Credentials { .. })",
                "first credentials will be loaded from",
            ),
            (
                "failed to load IMDS session token: service error: request forbidden: IMDS is disabled",
                "failed to load IMDS session token: service error: request forbidden: IMDS is disabled",
            ),
            ("Ec2InstanceMetadata", "Ec2InstanceMetadata"),
            (
                "None of the profiles is Named",
                "None of the profiles is Named",
            ),
            (
                "http://169.254.169.254/latest",
                "http://169.254.169.254/latest",
            ),
        ] {
            assert_eq!(display_only(text), shown, "{text}");
        }
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn a_chain_is_its_messages_without_repeats_or_debug_forms() {
        let e = Layer(
            "loading failed",
            Some(Box::new(Layer(
                "loading failed",
                Some(Box::new(Layer(
                    "cannot read `f`: gone (os error 2)",
                    Some(Box::new(Layer("gone (os error 2)", None))),
                ))),
            ))),
        );
        assert_eq!(
            describe(&e),
            "loading failed: cannot read `f`: gone (os error 2)"
        );
        assert_eq!(describe(&Layer("two\nlines", None)), "two\\u{a}lines");
    }
}
