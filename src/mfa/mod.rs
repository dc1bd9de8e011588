//! MFA codes for the STS calls that take them: `--mfa-code` (once), else the profile's
//! `mfa_process`, else asked for (on the terminal or in a dialog, see [`ask`]); and the
//! MFA session made with one.

mod ask;
mod process;
pub mod session;

use anyhow::{Result, anyhow};

use crate::env::Env;
use crate::error::Usage;
use crate::validate;
use ask::Asker;

/// `mfa_process` of a profile: the command that prints a code, and whose it is.
#[derive(Debug, Clone)]
pub struct MfaProcess {
    pub profile: String,
    pub command: String,
}

/// Where the next MFA code comes from.
#[derive(Debug, Default, Clone)]
pub struct Codes {
    /// `--mfa-code`: one code serves one call.
    given: Option<String>,
    process: Option<MfaProcess>,
    /// A run nobody watches (`serve` re-acquiring): never ask on the terminal.
    unattended: bool,
    /// How a person is asked, or why nobody can be: chosen before any call
    /// ([`Codes::check_askable`]), told only when a code is needed.
    asker: Option<Result<Asker, Usage>>,
}

impl Codes {
    /// Check `--mfa-serial` and `--mfa-code` when given.
    pub fn new(
        serial: Option<&str>,
        code: Option<&str>,
        process: Option<MfaProcess>,
    ) -> Result<Codes> {
        if let Some(serial) = serial {
            validate::mfa_serial(serial)?;
        }
        if let Some(code) = code {
            validate::mfa_code(code)?;
        }
        Ok(Codes {
            given: code.map(str::to_string),
            process,
            ..Codes::default()
        })
    }

    /// Before any call, for a plan that may need a code: choose how a person would be asked
    /// for one. When the command line's `--mfa-serial` needs one (no `--mfa-code`, no
    /// `mfa_process`) and there is no way to ask, fail now; a profile's serial may be
    /// served by a cached session, so its failure waits until a code is really needed.
    pub fn check_askable(&mut self, cli_serial: bool, env: &Env) -> Result<()> {
        let choice = Asker::choose(env);
        if cli_serial
            && self.given.is_none()
            && self.process.is_none()
            && let Err(e) = &choice
        {
            return Err(e.clone().into());
        }
        self.asker = Some(choice);
        Ok(())
    }

    /// For a run nobody watches: the given code was used already (one code serves one
    /// call) and nobody is there to type one; `mfa_process` still answers.
    pub fn unattended(&mut self) {
        self.given = None;
        self.unattended = true;
    }

    /// The code for the next call that takes one.
    pub async fn next(&mut self, serial: &str) -> Result<String> {
        if let Some(code) = self.given.take() {
            return Ok(code);
        }
        match &self.process {
            Some(p) => process::run(p).await,
            None if self.unattended => Err(anyhow!(
                "a new MFA code for {} is needed, and none can be asked for while the program runs: set mfa_process in the profile, or run the command again",
                crate::inert::echo(serial)
            )),
            None => match &self.asker {
                Some(Ok(asker)) => asker.ask(serial).await,
                Some(Err(no_way)) => Err(no_way.clone().into()),
                None => Asker::Terminal.ask(serial).await,
            },
        }
    }
}
