//! MFA codes for the STS calls that take them: `--mfa-code` (once), else the profile's
//! `mfa_process`, else asked for on the terminal; and the MFA session made with one.

mod process;
pub mod session;

use std::io::{BufRead, BufReader, Write};

use anyhow::{Result, anyhow};

use crate::error::bail_usage;
use crate::source::chain::MfaProcess;
use crate::validate;

const TTY: &str = "/dev/tty";

/// Where the next MFA code comes from.
#[derive(Debug, Default, Clone)]
pub struct Codes {
    /// `--mfa-code`: one code serves one call.
    given: Option<String>,
    process: Option<MfaProcess>,
    /// A run nobody watches (`serve` re-acquiring): never ask on the terminal.
    unattended: bool,
}

impl Codes {
    /// Check `--mfa-serial` and `--mfa-code` when given; with a serial and neither a code
    /// nor an `mfa_process`, there must be a terminal to ask on.
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
        } else if serial.is_some() && process.is_none() && std::fs::File::open(TTY).is_err() {
            bail_usage!(
                "--mfa-serial needs --mfa-code here: there is no terminal to ask for the code on"
            );
        }
        Ok(Codes {
            given: code.map(str::to_string),
            process,
            unattended: false,
        })
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
            None => prompt(serial),
        }
    }
}

fn prompt(serial: &str) -> Result<String> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(TTY)
        .map_err(|_| {
            anyhow!(
                "cannot ask for the MFA code of {}: no terminal; pass --mfa-code, or set mfa_process in the profile",
                crate::inert::echo(serial)
            )
        })?;
    let mut out = &tty;
    write!(out, "MFA code for {}: ", crate::inert::echo(serial))?;
    out.flush()?;
    let mut line = String::new();
    BufReader::new(&tty).read_line(&mut line)?;
    let code = line.trim().to_string();
    validate::mfa_code(&code)?;
    Ok(code)
}
