//! aws-login: acquire any AWS IAM identity, then use it.

mod argv;
mod arn;
mod aws;
mod cache;
mod cli;
mod cmd;
mod console;
mod creds;
mod dumpconfig;
mod env;
mod error;
mod exports;
mod fsutil;
mod inert;
mod input;
mod lock;
mod logging;
mod login;
mod mfa;
mod net;
mod output;
mod partition;
mod paths;
mod picker;
mod pipeline;
mod profiles;
mod region;
mod roles;
mod serve;
mod shell;
mod source;
mod sso;
mod time;
mod transition;
mod validate;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    // Completion requests (COMPLETE=<shell>) are answered before anything else runs;
    // candidates are quoted for the shell asking, which CompleteEnv hides once it starts.
    let env = env::Env::real();
    shell::candidate::Requester::remember(&env);
    clap_complete::CompleteEnv::with_factory(cli::Cli::command)
        .shells(shell::envcomplete::SHELLS)
        .complete();

    // One clap definition serves both the command-word normalization and the parse:
    // building it is the largest share of a short run's CPU. The grouped command list
    // is shown by the top-level help alone, so only a run that may ask for help writes it.
    let args: Vec<_> = std::env::args_os().collect();
    let mut command = cli::Cli::command();
    if cli::may_ask_for_help(&args) {
        command = cli::grouped(command);
    }
    let argv = argv::normalize_args(&command, args);
    let parsed = command.try_get_matches_from_mut(&argv).and_then(|mut m| {
        cli::Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut command))
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", short_usage(&mut command, &argv));
            return ExitCode::from(2);
        }
        Err(e) => return clap_error(e),
    };
    // The command definition is the largest thing on the heap by then: freed now, its
    // memory serves the run instead of new pages (each first touch is a page fault).
    drop((command, argv));
    logging::init(cli.verbose);
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
    let line = one_line(&format!("{err:#}"));
    eprintln!("aws-login: {}", inert::for_terminal(&line, inert::LINE_MAX));
    ExitCode::from(error::exit_code(err))
}

/// A command given without its command word (`aws-login`, `aws-login shell`): a few lines,
/// where the whole help would fill the terminal with what was not asked for.
fn short_usage(command: &mut clap::Command, argv: &[std::ffi::OsString]) -> String {
    let mut cmd = command;
    for word in argv.iter().skip(1).filter_map(|a| a.to_str()) {
        if !word.starts_with('-') && cmd.find_subcommand(word).is_some() {
            cmd = cmd.find_subcommand_mut(word).expect("found above");
        }
    }
    let mut text = format!("{}\n", cmd.render_usage());
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .map(|s| s.get_name())
        .collect();
    if !names.is_empty() {
        text.push_str(&format!("Commands: {}\n", names.join(", ")));
    }
    let bin = cmd.get_bin_name().unwrap_or("aws-login");
    text.push_str(&format!("See '{bin} --help' for what each does.\n"));
    text
}

/// clap's usage errors as one `aws-login: …` line (exit 2); help and version as clap prints them.
fn clap_error(mut e: clap::Error) -> ExitCode {
    use clap::error::{ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    // clap quotes the offending input: cut it and make it inert like every echoed value.
    let echoed: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) => Some((kind, ContextValue::String(inert::echo(s).into()))),
            ContextValue::Strings(v) => Some((
                kind,
                ContextValue::Strings(v.iter().map(|s| inert::echo(s).into()).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in echoed {
        e.insert(kind, value);
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
    eprintln!(
        "aws-login: {}; see --help",
        inert::for_terminal(&msg, inert::LINE_MAX)
    );
    ExitCode::from(2)
}

/// Messages from the SDK can span lines; the contract is one line on stderr.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
