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
pub struct LoginArgs {
    /// The profile to sign in for (default: AWS_PROFILE, else default); its login_session is set.
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::profiles))]
    pub profile: Option<String>,

    /// Sign in on another device: print the URL, then read the code the page shows.
    #[arg(long)]
    pub remote: bool,

    /// Region of the sign-in (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// How long to wait for the sign-in in the browser, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub login_timeout: u64,
}

#[derive(Debug, Args, Clone)]
#[group(id = "which", required = true, multiple = false)]
pub struct LogoutArgs {
    /// Sign out of the console session (aws-login login, aws login) this profile names.
    #[arg(long, value_name = "NAME", group = "which", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::profiles))]
    pub profile: Option<String>,

    /// The sso-session to sign out of (the token cache's key).
    #[arg(long, value_name = "NAME", group = "which", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::sso_sessions))]
    pub sso_session_name: Option<String>,

    /// Sign out of every session with this start URL.
    #[arg(long, value_name = "URL", group = "which", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::start_urls))]
    pub start_url: Option<String>,

    /// Sign out of every session in the shared token cache, and of every console session.
    #[arg(long, group = "which")]
    pub all: bool,
}
