//! aws-login: acquire any AWS IAM identity, then use it.

mod argv;
mod arn;
mod aws;
mod cli;
mod cmd;
mod console;
mod creds;
mod env;
mod error;
mod exports;
mod fsutil;
mod input;
mod logging;
mod output;
mod pipeline;
mod region;
mod roles;
mod shell;
mod source;
mod sso;
mod transition;
mod validate;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    // Completion requests (COMPLETE=<shell>) are answered before anything else runs.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();

    let argv = argv::normalize_args(std::env::args_os().collect());
    let cli = match cli::Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    logging::init(cli.verbose);
    let env = env::Env::real();
    match cmd::run(cli.command, &env) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn report(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("aws-login: {}", one_line(&format!("{err:#}")));
    ExitCode::from(error::exit_code(err))
}

/// clap's usage errors as one `aws-login: …` line (exit 2); help and version as clap prints them.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let text = e.render().to_string();
    let mut parts: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if !line.is_empty() {
            parts.push(line.trim_start_matches("error: ").to_string());
        }
    }
    let mut msg = String::new();
    for part in parts {
        if !msg.is_empty() {
            msg.push_str(if msg.ends_with(':') { " " } else { "; " });
        }
        msg.push_str(&part);
    }
    eprintln!("aws-login: {msg}; see --help");
    ExitCode::from(2)
}

/// Messages from the SDK can span lines; the contract is one line on stderr.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
