//! `-v` diagnostics on stderr.
//!
//! Only aws-login's own events and aws-config's credential-chain decisions are enabled; the
//! SDK's HTTP-level tracing (which can show headers and bodies) never is, whatever the
//! verbosity, so no secret reaches stderr. aws-config's lines end their errors with the
//! `Debug` form of the whole chain (`DisplayErrorContext`) and log some values only as
//! `Debug`: every value is shown up to where such a rendering starts
//! ([`inert::display_only`]).

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
        let text = inert::display_only(text);
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
        self.push(field, &crate::inert::describe(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.push(field, &format!("{value:?}"));
    }
}
