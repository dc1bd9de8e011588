use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{Cli, ShellCommand};
use crate::output;
use crate::shell::init;

pub fn run(command: &ShellCommand) -> Result<()> {
    match command {
        ShellCommand::Init(a) => {
            let bin = std::env::current_exe().context("cannot find the path of aws-login")?;
            output::print(&init::render(
                a.shell,
                &a.cmd,
                !a.no_completion,
                a.prompt,
                &bin,
            )?)
        }
        ShellCommand::Completions(a) => {
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "aws-login", &mut buf);
            output::print(&String::from_utf8(buf)?)
        }
    }
}
