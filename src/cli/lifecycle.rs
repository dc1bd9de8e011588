//! The options of the session-cache and sign-out commands (`cache`, `logout`,
//! `unassume --logout`).

use clap::{Args, Subcommand};

use super::CredArgs;

#[derive(Debug, Args, Clone)]
pub struct UnassumeArgs {
    /// Also sign out of the Identity Center session the identity came from (see `logout`).
    #[arg(long)]
    pub logout: bool,
}

// Deferred like the top-level commands (`clear` takes every credential option).
#[derive(Debug, Subcommand, Clone)]
#[command(defer = true)]
pub enum CacheCommand {
    /// Show each entry: identity, source, expiry, time left (never a secret).
    List(CacheListArgs),
    /// Remove the entry of the request the options describe, or every entry with --all.
    Clear(Box<CacheClearArgs>),
}

#[derive(Debug, Args, Clone)]
pub struct CacheListArgs {
    /// JSON (an array of objects) for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CacheClearArgs {
    /// Remove every entry.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub cred: CredArgs,
}

#[derive(Debug, Args, Clone)]
#[group(id = "which", required = true, multiple = false)]
pub struct LogoutArgs {
    /// The sso-session to sign out of (the token cache's key).
    #[arg(long, value_name = "NAME", group = "which", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::sso_sessions))]
    pub sso_session_name: Option<String>,

    /// Sign out of every session with this start URL.
    #[arg(long, value_name = "URL", group = "which", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::start_urls))]
    pub start_url: Option<String>,

    /// Sign out of every session in the shared token cache.
    #[arg(long, group = "which")]
    pub all: bool,
}
