//! The MFA device and code for the one STS call that takes them: the code as given, or
//! asked for on the terminal.

use std::io::{BufRead, BufReader, Write};

use anyhow::{Result, anyhow};

use crate::error::bail_usage;
use crate::validate;

#[derive(Debug, Clone)]
pub struct Mfa {
    serial: String,
    code: Option<String>,
    /// Whether a missing code may be asked for on the terminal.
    prompt: bool,
}

const TTY: &str = "/dev/tty";

impl Mfa {
    /// Check the serial and code; without a code, there must be a terminal to ask on.
    pub fn new(serial: &str, code: Option<&str>) -> Result<Mfa> {
        validate::mfa_serial(serial)?;
        if let Some(code) = code {
            validate::mfa_code(code)?;
        } else if std::fs::File::open(TTY).is_err() {
            bail_usage!(
                "--mfa-serial needs --mfa-code here: there is no terminal to ask for the code on"
            );
        }
        Ok(Mfa {
            serial: serial.to_string(),
            code: code.map(str::to_string),
            prompt: true,
        })
    }

    /// The device (never the code: it is part of no cache key).
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// For a run nobody watches: no code (the given one was used) and no prompt.
    pub fn unattended(&mut self) {
        self.code = None;
        self.prompt = false;
    }

    /// The serial and code for the next call that takes them (once: one code serves one
    /// call), prompting on the terminal when the code was not given.
    pub fn take(mfa: &mut Option<Mfa>) -> Result<(Option<String>, Option<String>)> {
        let Some(m) = mfa.take() else {
            return Ok((None, None));
        };
        let code = match m.code {
            Some(code) => code,
            None if m.prompt => prompt(&m.serial)?,
            None => {
                return Err(anyhow!(
                    "a new MFA code for {} is needed, and none can be asked for while the program runs: run the command again",
                    crate::inert::echo(&m.serial)
                ));
            }
        };
        Ok((Some(m.serial), Some(code)))
    }
}

fn prompt(serial: &str) -> Result<String> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(TTY)
        .map_err(|_| anyhow!("cannot ask for the MFA code: no terminal; pass --mfa-code"))?;
    let mut out = &tty;
    write!(out, "MFA code for {serial}: ")?;
    out.flush()?;
    let mut line = String::new();
    BufReader::new(&tty).read_line(&mut line)?;
    let code = line.trim().to_string();
    validate::mfa_code(&code)?;
    Ok(code)
}
