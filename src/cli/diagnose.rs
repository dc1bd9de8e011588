//! The options of the commands that look at the set-up rather than act on an identity
//! (`doctor`, `sso sessions`).

use clap::{Args, Subcommand};

#[derive(Debug, Args, Clone)]
pub struct DoctorArgs {
    /// JSON (an array of {check, status, detail, fix}) for scripts.
    #[arg(long)]
    pub json: bool,
}

// Deferred like the top-level commands.
#[derive(Debug, Subcommand, Clone)]
#[command(defer = true)]
pub enum SsoCommand {
    /// List the Identity Center sign-ins in the shared token cache, with their time left.
    Sessions(SsoSessionsArgs),
}

#[derive(Debug, Args, Clone)]
pub struct SsoSessionsArgs {
    /// JSON (an array of objects) for scripts.
    #[arg(long)]
    pub json: bool,
}
