//! `-v` diagnostics on stderr.
//!
//! Only aws-login's own events and aws-config's credential-chain decisions are enabled; the
//! SDK's HTTP-level tracing (which can show headers and bodies) never is, whatever the
//! verbosity, so no secret reaches stderr.

use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

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
                .without_time(),
        )
        .with(filter)
        .init();
}
