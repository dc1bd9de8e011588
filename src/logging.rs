//! `-v` diagnostics on stderr.
//!
//! Only aws-login's own events and aws-config's credential-chain decisions are enabled; the
//! SDK's HTTP-level tracing (which can show headers and bodies) never is, whatever the
//! verbosity, so no secret reaches stderr. aws-config's lines end their errors with the
//! `Debug` form of the whole chain (`DisplayErrorContext`) and log some values only as
//! `Debug`: every value is shown up to where such a rendering starts ([`display_only`]).

use std::fmt::{self, Write};

use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::field::RecordFields;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::FormatFields;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::prelude::*;

use crate::inert;

pub fn init(verbose: u8) {
    if verbose == 0 {
        return;
    }
    let (own, sdk) = match verbose {
        1 => (LevelFilter::DEBUG, LevelFilter::INFO),
        _ => (LevelFilter::TRACE, LevelFilter::DEBUG),
    };
    let filter = Targets::new()
        .with_target("aws_login", own)
        .with_target("aws_config", sdk);
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_target(true)
                .without_time()
                .fmt_fields(DisplayOnly),
        )
        .with(filter)
        .init();
}

/// Event and span fields as `name=value` (the message bare), each value one
/// terminal-safe line without any `Debug` rendering; a value that is nothing else is left out.
struct DisplayOnly;

impl<'w> FormatFields<'w> for DisplayOnly {
    fn format_fields<R: RecordFields>(&self, mut writer: Writer<'w>, fields: R) -> fmt::Result {
        let mut line = Line(String::new());
        fields.record(&mut line);
        writer.write_str(&line.0)
    }
}

struct Line(String);

impl Line {
    fn push(&mut self, field: &Field, text: &str) {
        let text = display_only(text);
        if text.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() != "message" {
            let _ = write!(self.0, "{}=", field.name());
        }
        self.0.push_str(&inert::for_terminal(text, inert::LINE_MAX));
    }
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.push(field, value);
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        self.push(field, &crate::aws::describe(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.push(field, &format!("{value:?}"));
    }
}

/// `text` up to the first `Debug` rendering in it: a type or variant name followed by `(`
/// or ` {` (`CredentialsNotLoaded(…`, `ProfileChain { …`), or a value that is `None`; the ` (`,
/// `:` or spaces that led up to it are cut too.
fn display_only(text: &str) -> &str {
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
    text[..cut].trim_end_matches([' ', '(', ':', ','])
}

#[cfg(test)]
mod tests {
    use super::display_only;

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
}
