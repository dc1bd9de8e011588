//! Commands whose options parse and validate here, and whose work lands in later issues.

use anyhow::{Result, anyhow};

use crate::cli::ShellArgs;

fn not_yet(what: &str) -> anyhow::Error {
    anyhow!("{what} is not available in this version of aws-login yet")
}

pub fn shell(_args: &ShellArgs) -> Result<()> {
    Err(not_yet("shell init"))
}
