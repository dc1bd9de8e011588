//! The command line: every command and option. Doc comments are the `--help` text.
//!
//! Each command takes only the options that mean something to it (anything else is a
//! usage error), so the option groups below are flattened per command.

use clap::{Args, Parser, Subcommand};

use crate::shell::{Outform, Shell};
pub use crate::sso::Refresh;

mod credentials;
mod diagnose;
mod endpoint;
mod groups;
mod lifecycle;
#[cfg(test)]
mod man;
pub use credentials::*;
pub use diagnose::*;
pub use endpoint::*;
pub use groups::{grouped, may_ask_for_help};
pub use lifecycle::*;

/// Acquire any AWS IAM identity (env, profile, SSO, instance metadata), chain STS
/// transitions, and use it.
#[derive(Debug, Parser)]
#[command(name = "aws-login", version, propagate_version = true)]
#[command(
    after_help = "Example: aws-login getcallerid --profile base --assume-roles arn:aws:iam::123456789012:role/Admin"
)]
pub struct Cli {
    /// More detail on stderr (-v: decisions, -vv: SDK credential-chain details); never secrets.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

// `defer`: a run builds the arguments of its own command only, not of all fourteen (about
// 0.3 ms of every start). So an args struct carries no doc comment of its own: run later,
// it would replace the command's. The two commands with commands of their own take them
// directly (`#[command(subcommand)]`, which `defer` leaves in place; their own enums defer
// their arguments), so `help shell init` is in the tree the completion scripts read.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Open the AWS web console signed in as the final identity.
    Console(ConsoleArgs),
    /// Print the final credentials as shell code or as credential_process JSON.
    Dumpcreds(DumpcredsArgs),
    /// Print the final identity (STS GetCallerIdentity) as JSON.
    Getcallerid(CredArgs),
    /// Run a command with the final credentials in its environment.
    Runas(RunasArgs),
    /// Serve the final credentials to local SDKs (container-credentials endpoint), refreshed, until Ctrl-C.
    Serve(ServeArgs),
    /// Print ~/.aws/config profiles for every Identity Center account and role.
    Dumpconfig(DumpconfigArgs),
    /// Import an SSO token cache (AWS CLI format) into the shared token cache.
    Importcache(ImportcacheArgs),
    /// Shell integration: the init script that defines the `awsl` function, static completions.
    #[command(subcommand)]
    Shell(ShellCommand),
    /// Set the identity in the current shell (run it as `awsl assume`: needs `shell init`).
    Assume(AssumeArgs),
    /// Clear the identity that `awsl assume` set (run it as `awsl unassume`).
    Unassume(UnassumeArgs),
    /// Re-run the last `awsl assume` without a browser: cached and refreshed tokens only.
    Refresh(RefreshArgs),
    /// Show the identity, region and time left in this shell (no network unless --check).
    Whoami(WhoamiArgs),
    /// aws-login's session cache: list or clear the credentials it keeps between runs.
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Sign in to an AWS console session for a profile (as `aws login`): sets its login_session.
    Login(LoginArgs),
    /// Sign out of IAM Identity Center or of a console session: the session's token and the credentials made from it are removed.
    Logout(LogoutArgs),
    /// Check the set-up: config files, shell integration, clock, sign-ins, proxy, file modes.
    Doctor(DoctorArgs),
    /// IAM Identity Center sign-ins kept in the shared token cache.
    #[command(subcommand)]
    Sso(SsoCommand),
}

#[derive(Debug, Args, Clone)]
pub struct AssumeArgs {
    /// A profile from ~/.aws/config or ~/.aws/credentials (same as --profile).
    #[arg(value_name = "PROFILE", conflicts_with = "profile", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::profiles))]
    pub profile_name: Option<String>,

    /// Choose the source in a fuzzy picker on the terminal (what `awsl assume` alone does).
    #[arg(long, conflicts_with_all = PICKED)]
    pub pick: bool,

    /// Print nothing on stderr when it succeeds (no "assumed ..." line).
    #[arg(long)]
    pub quiet: bool,

    #[command(flatten)]
    pub cred: CredArgs,
}

/// The options `--pick` chooses for the user.
const PICKED: [&str; 5] = [
    "profile_name",
    "profile",
    "sso_acct_id",
    "sso_access_token",
    "accesstoken_cache",
];

#[derive(Debug, Args, Clone)]
pub struct RefreshArgs {
    /// Print nothing on stderr unless the refresh fails (for prompt hooks).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args, Clone)]
pub struct WhoamiArgs {
    /// Ask STS (GetCallerIdentity) instead of reading the environment.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args, Clone)]
#[command(
    after_help = "--duration-seconds sets the console session length (900-43200, default 43200; AWS caps \
role-chained credentials at 3600). Long-term IAM user keys sign in through a federation token."
)]
pub struct ConsoleArgs {
    #[command(flatten)]
    pub cred: CredArgs,

    /// Choose the identity in a fuzzy picker on the terminal.
    #[arg(long, conflicts_with_all = &PICKED[1..])]
    pub pick: bool,

    /// Issuer shown by the console as where the sign-in came from.
    #[arg(long, value_name = "NAME", default_value = "aws-login")]
    pub issuer: String,

    /// Console page to open (https, on the partition's console host).
    #[arg(long, value_name = "URL", conflicts_with = "service")]
    pub destination: Option<String>,

    /// Service page to open (ec2, s3, iam, lambda, ...), in the region.
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Also print the sign-in URL on stdout (it is a bearer secret: anyone with it is you).
    #[arg(long)]
    pub print: bool,

    #[command(flatten)]
    pub open: ConsoleOpenArgs,
}

// How the console opens: which browser, which profile, or the clipboard instead.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Browser")]
pub struct ConsoleOpenArgs {
    /// Open it in a browser profile of the identity's own (kept in aws-login's state
    /// directory), so several identities stay signed in side by side [env: AWS_LOGIN_BROWSER_PROFILE=1].
    #[arg(long, conflicts_with = "no_browser")]
    pub browser_profile: bool,

    /// The browser to open: a name on PATH or a path (default: BROWSER, or, with
    /// --browser-profile, an installed Chromium-family browser or Firefox).
    #[arg(long, value_name = "NAME|PATH", conflicts_with = "no_browser")]
    pub browser: Option<String>,

    /// Sign the browser's current console session out first (for one shared profile).
    #[arg(long, conflicts_with = "no_browser")]
    pub logout_first: bool,

    /// Put the sign-in URL on the clipboard through the terminal (OSC 52) instead of
    /// opening a browser; works over SSH.
    #[arg(long, conflicts_with_all = ["no_browser", "print", "browser_profile", "browser", "logout_first"])]
    pub clip: bool,
}

#[derive(Debug, Args, Clone)]
pub struct DumpcredsArgs {
    #[command(flatten)]
    pub cred: CredArgs,

    /// Shell to print code for.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Outform::Sh, conflicts_with = "credential_helper")]
    pub outform: Outform,

    /// Print credential_process JSON (for a profile's credential_process) instead of shell code.
    #[arg(long)]
    pub credential_helper: bool,
}

#[derive(Debug, Args, Clone)]
pub struct RunasArgs {
    #[command(flatten)]
    pub cred: CredArgs,

    /// Command line to run through `sh -c`.
    #[arg(short = 'c', long, value_name = "STRING", conflicts_with = "program")]
    pub command: Option<String>,

    /// Program and arguments to run directly (after `--`).
    #[arg(last = true, value_name = "PROGRAM")]
    pub program: Vec<String>,

    /// Give the child a local credentials endpoint that refreshes itself instead of keys
    /// (for work that outlives the credentials); it ends with the child.
    #[arg(long)]
    pub serve: bool,

    /// With --serve: speak EC2 instance metadata (IMDSv2) through
    /// AWS_EC2_METADATA_SERVICE_ENDPOINT instead of container credentials.
    #[arg(long, requires = "serve")]
    pub imds: bool,

    #[command(flatten)]
    pub endpoint: EndpointArgs,
}

#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub cred: CredArgs,

    /// Shell to print the two variables for.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Outform::Sh)]
    pub outform: Outform,

    /// Address and port to listen on [default: 127.0.0.1 and a free port].
    #[arg(long, value_name = "ADDR:PORT")]
    pub bind: Option<std::net::SocketAddr>,

    /// Speak EC2 instance metadata (IMDSv2) and print AWS_EC2_METADATA_SERVICE_ENDPOINT
    /// instead of the container-credentials variables.
    #[arg(long)]
    pub imds: bool,

    #[command(flatten)]
    pub endpoint: EndpointArgs,
}

#[derive(Debug, Args, Clone)]
pub struct DumpconfigArgs {
    #[command(flatten)]
    pub sso: SsoArgs,

    /// Region written into every generated profile.
    #[arg(long, value_name = "REGION", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::regions))]
    pub region: Option<String>,

    /// role_session_name written into the --target-arn-profiles profiles.
    #[arg(long, value_name = "NAME")]
    pub role_session_name: Option<String>,

    /// Extra assume-role profiles: JSON array of {"SourceAccountID", "SourceRoleName",
    /// "TargetArn", "TargetAccountName", "Region"}, inline or file://PATH.
    #[arg(long, value_name = "LIST")]
    pub target_arn_profiles: Option<String>,

    /// Profile names: {account_name}, {account_id} and {role_name} are replaced; anything
    /// outside [A-Za-z0-9._-] becomes '-'.
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "{account_name}-{role_name}"
    )]
    pub name_format: String,

    /// How many ListAccountRoles calls to make at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,

    /// Write the profiles into FILE (default: AWS_CONFIG_FILE or ~/.aws/config) as a managed
    /// block, keeping everything else in the file; a backup goes to FILE.bak.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "")]
    pub write: Option<String>,
}

#[derive(Debug, Args, Clone)]
pub struct ImportcacheArgs {
    /// The token to import: file://PATH or inline JSON in the AWS CLI cache format.
    #[arg(long, value_name = "SRC", required = true)]
    pub accesstoken_cache: String,

    /// Store it under this sso-session name (default: keyed by its startUrl).
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::sso_sessions))]
    pub sso_session_name: Option<String>,
}

#[derive(Debug, Subcommand, Clone)]
#[command(defer = true)]
pub enum ShellCommand {
    /// Print the init script that defines the `awsl` function.
    Init(ShellInitArgs),
    /// Print a static completion script for aws-login, to install where your shell loads completions.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args, Clone)]
pub struct ShellInitArgs {
    /// The shell to print the script for.
    #[arg(value_enum, ignore_case = true)]
    pub shell: Shell,

    /// Name of the function to define.
    #[arg(long, value_name = "NAME", default_value = "awsl", value_parser = function_name)]
    pub cmd: String,

    /// Do not register tab completion.
    #[arg(long)]
    pub no_completion: bool,

    /// Add the identity segment to the prompt.
    #[arg(long)]
    pub prompt: bool,
}

fn function_name(s: &str) -> Result<String, String> {
    let mut chars = s.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && s.len() <= 64;
    if ok {
        Ok(s.to_string())
    } else {
        Err("use letters, digits, _ and - (starting with a letter or _)".to_string())
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// With `defer`, a doc comment on an args struct replaces the about line of every
    /// command that takes it (run after the command's own): they would then share one.
    #[test]
    fn every_command_keeps_its_own_about_line() {
        let mut cli = super::Cli::command();
        cli.build();
        let mut seen = std::collections::BTreeMap::new();
        let own = |c: &&clap::Command| c.get_name() != "help";
        let commands = cli
            .get_subcommands()
            .filter(own)
            .chain(
                cli.get_subcommands()
                    .filter(own)
                    .flat_map(|c| c.get_subcommands()),
            )
            .filter(own);
        for c in commands {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(!about.is_empty(), "{} has no about line", c.get_name());
            if let Some(other) = seen.insert(about.clone(), c.get_name()) {
                panic!(
                    "{} and {other} share the about line {about:?}",
                    c.get_name()
                );
            }
        }
    }
}
