//! The fuzzy picker: `awsl assume` with no source on a terminal, `assume --pick`,
//! `console --pick`. It offers recent assumes, profiles and indexed Identity Center
//! account/role pairs, and answers with the options of the one chosen; the command then
//! runs as if they had been typed.

mod candidates;
mod filter;
mod ui;

use std::fs::{File, OpenOptions};
use std::io::IsTerminal;

use anyhow::Result;

pub use candidates::{Candidate, gather};

use crate::error::{WithCode, usage};

/// Whether the user is at a terminal: stdin is one (stdout is the `awsl` function's pipe).
pub fn at_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// The controlling terminal, or the usage error that names what to give instead.
fn terminal(title: &str) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| {
            usage(format!(
                "the picker needs a terminal and there is none: give a profile or options instead (aws-login {title} --help)"
            ))
        })
}

/// Let the user choose one of `candidates`: its options, or exit 130 when cancelled.
pub fn pick(title: &str, candidates: &[Candidate]) -> Result<Vec<String>> {
    let tty = terminal(title)?;
    if candidates.is_empty() {
        return Err(usage(format!(
            "nothing to pick from (no profiles, no indexed Identity Center accounts, no recent assumes): give a profile or options (aws-login {title} --help)"
        )));
    }
    let lines: Vec<String> = candidates.iter().map(|c| c.shown.clone()).collect();
    match ui::run(tty, title, &lines) {
        Ok(ui::Outcome::Chosen(i)) => Ok(candidates[i].args.clone()),
        Ok(ui::Outcome::Cancelled) => {
            Err(WithCode(130, "cancelled: nothing changed".to_string()).into())
        }
        Err(e) => Err(usage(format!(
            "the picker cannot use the terminal ({e}): give a profile or options instead"
        ))),
    }
}
