//! One file per command.

mod assume;
mod cache;
mod console;
mod doctor;
mod dumpcreds;
mod getcallerid;
mod importcache;
mod login;
mod logout;
mod pick;
mod replay;
mod request;
mod runas;
mod serve;
mod shell;
mod sso;
mod whoami;

use anyhow::{Context, Result};

use crate::cli::Command;
use crate::env::Env;

pub fn run(command: Command, env: &Env) -> Result<()> {
    match command {
        Command::Getcallerid(args) => runtime()?.block_on(getcallerid::run(&args, env)),
        Command::Dumpcreds(args) => runtime()?.block_on(dumpcreds::run(&args, env)),
        Command::Runas(args) if args.serve => serve::runas(&args, env),
        Command::Runas(args) => {
            if let Some(option) = args.endpoint.first_given() {
                crate::error::bail_usage!("{option} is an option of the endpoint: add --serve");
            }
            runas::run(&args, env)
        }
        Command::Serve(args) => serve::foreground(&args, env),
        Command::Console(args) => runtime()?.block_on(console::run(&args, env)),
        Command::Dumpconfig(args) => runtime()?.block_on(crate::dumpconfig::run(&args, env)),
        Command::Importcache(args) => runtime()?.block_on(importcache::run(&args, env)),
        Command::Shell(args) => shell::run(&args),
        Command::Assume(args) => runtime()?.block_on(assume::assume(&args, env)),
        Command::Refresh(args) => runtime()?.block_on(assume::refresh(&args, env)),
        Command::Unassume(args) => runtime()?.block_on(assume::unassume(&args, env)),
        Command::Whoami(args) => runtime()?.block_on(whoami::run(&args, env)),
        Command::Cache(args) => runtime()?.block_on(cache::run(&args, env)),
        Command::Login(args) => runtime()?.block_on(login::run(&args, env)),
        Command::Logout(args) => runtime()?.block_on(logout::run(&args, env)),
        Command::Doctor(args) => runtime()?.block_on(doctor::run(&args, env)),
        Command::Sso(args) => sso::run(&args, env),
    }
}

/// One thread is plenty for a handful of sequential calls, and starts faster.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}
