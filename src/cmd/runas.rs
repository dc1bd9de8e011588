use std::os::unix::process::CommandExt;
use std::process::Command;

use anyhow::Result;

use crate::cli::RunasArgs;
use crate::env::Env;
use crate::error::{WithCode, bail_usage};
use crate::exports::credential_vars;
use crate::fsutil::io_reason;
use crate::pipeline::Request;

/// The POSIX shell for `-c`; every Unix has it at this path.
const SH: &str = "/bin/sh";

/// Acquire the identity, then replace this process with the child.
///
/// exec (rather than spawn and wait) makes the child's exit status, or the signal that
/// killed it (128+N in the calling shell), aws-login's own; signals reach the child
/// directly; and no process holding the credentials lingers. The credentials travel in the
/// environment, never in argv.
pub fn run(args: &RunasArgs, env: &Env) -> Result<()> {
    check_program(args)?;
    let rt = super::runtime()?;
    let (creds, region) = rt.block_on(async {
        let request = Request::prepare(args.cred.clone().into(), env).await?;
        let region = request.region.exported().map(str::to_string);
        anyhow::Ok((request.credentials().await?, region))
    })?;
    drop(rt);

    let (mut child, shown) = command(args);
    for (name, value) in credential_vars(&creds, region.as_deref()) {
        match value {
            Some(v) => child.env(name, v),
            None => child.env_remove(name),
        };
    }
    Err(cannot_run(&shown, &child.exec()))
}

/// Check that there is something to run.
pub fn check_program(args: &RunasArgs) -> Result<()> {
    if args.command.is_none() && args.program.is_empty() {
        bail_usage!("runas needs something to run: -c 'COMMAND LINE' or -- PROGRAM [ARGS...]");
    }
    Ok(())
}

/// The child's command, and how messages name it.
pub fn command(args: &RunasArgs) -> (Command, String) {
    match &args.command {
        // By absolute path: the first `sh` on PATH could be anything the PATH leads to.
        Some(line) => {
            let mut c = Command::new(SH);
            c.arg("-c").arg(line);
            (c, SH.to_string())
        }
        None => {
            let mut c = Command::new(&args.program[0]);
            c.args(&args.program[1..]);
            (c, args.program[0].clone())
        }
    }
}

/// The program could not be started: 127 when not found, else 126, as shells do.
pub fn cannot_run(shown: &str, err: &std::io::Error) -> anyhow::Error {
    let code = match err.kind() {
        std::io::ErrorKind::NotFound => 127,
        _ => 126,
    };
    WithCode(
        code,
        format!(
            "cannot run '{}': {} (check the program name and PATH)",
            crate::inert::echo(shown),
            io_reason(err)
        ),
    )
    .into()
}
