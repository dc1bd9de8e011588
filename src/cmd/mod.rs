//! One file per command.

mod assume;
mod console;
mod dumpconfig;
mod dumpcreds;
mod getcallerid;
mod importcache;
mod runas;
mod shell;
mod whoami;

use anyhow::{Context, Result};

use crate::cli::Command;
use crate::env::Env;

pub fn run(command: Command, argv: &[String], env: &Env) -> Result<()> {
    match command {
        Command::Getcallerid(args) => runtime()?.block_on(getcallerid::run(&args, env)),
        Command::Dumpcreds(args) => runtime()?.block_on(dumpcreds::run(&args, env)),
        Command::Runas(args) => runas::run(&args, env),
        Command::Console(args) => runtime()?.block_on(console::run(&args, env)),
        Command::Dumpconfig(args) => runtime()?.block_on(dumpconfig::run(&args, env)),
        Command::Importcache(args) => importcache::run(&args, env),
        Command::Shell(args) => shell::run(&args),
        Command::Assume(args) => {
            // What follows `assume` on the command line, for `awsl refresh` to replay.
            let raw = argv
                .iter()
                .skip_while(|a| *a != "assume")
                .skip(1)
                .cloned()
                .collect();
            runtime()?.block_on(assume::assume(&args, raw, env))
        }
        Command::Refresh(args) => runtime()?.block_on(assume::refresh(&args, env)),
        Command::Unassume => assume::unassume(env),
        Command::Whoami(args) => runtime()?.block_on(whoami::run(&args, env)),
    }
}

/// One thread is plenty for a handful of sequential calls, and starts faster.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}
