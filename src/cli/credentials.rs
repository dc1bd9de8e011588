//! The credential options every credential command shares: the source, Identity Center
//! sign-in and role, and the STS transitions.

use clap::Args;

use super::Refresh;

// Where the starting credentials come from, and the STS transitions applied to them.
#[derive(Debug, Args, Clone, Default)]
pub struct CredArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub sso_role: SsoRoleArgs,
    #[command(flatten)]
    pub sso: SsoArgs,
    #[command(flatten)]
    pub transitions: TransitionArgs,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Source")]
pub struct SourceArgs {
    /// Named profile from ~/.aws/config or ~/.aws/credentials (environment keys are then ignored).
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::profiles))]
    pub profile: Option<String>,

    /// AWS region for STS calls (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1).
    #[arg(long, value_name = "REGION", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::regions))]
    pub region: Option<String>,

    /// Acquire new credentials instead of reusing aws-login's session cache (the new ones are stored).
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "IAM Identity Center")]
pub struct SsoRoleArgs {
    /// Account id for SSO GetRoleCredentials (with --sso-role-name).
    #[arg(long, value_name = "ID", value_parser = non_blank, add = clap_complete::ArgValueCompleter::new(crate::shell::complete::accounts))]
    pub sso_acct_id: Option<String>,

    /// The SSO role (permission set) to get credentials for (with --sso-acct-id).
    #[arg(long, value_name = "NAME", value_parser = non_blank, add = clap_complete::ArgValueCompleter::new(crate::shell::complete::roles))]
    pub sso_role_name: Option<String>,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "IAM Identity Center")]
pub struct SsoArgs {
    /// Identity Center start URL: sign in through the browser (unless --use-cache finds a token).
    #[arg(long, value_name = "URL", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::start_urls))]
    pub start_url: Option<String>,

    /// Identity Center region.
    #[arg(long, value_name = "REGION", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::regions))]
    pub sso_region: Option<String>,

    /// Name of the sso-session: keys the token cache; its [sso-session] in the config gives the start URL, region and scopes.
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::sso_sessions))]
    pub sso_session_name: Option<String>,

    /// Use this SSO access token as is (not refreshable).
    #[arg(long, value_name = "TOKEN", value_parser = non_blank, conflicts_with_all = ["accesstoken_cache", "use_cache"])]
    pub sso_access_token: Option<String>,

    /// Read the token from an AWS CLI cache file (file://PATH) or inline JSON.
    #[arg(long, value_name = "SRC", conflicts_with = "use_cache")]
    pub accesstoken_cache: Option<String>,

    /// Read, refresh and store the token in the shared cache (~/.aws/sso/cache).
    #[arg(long)]
    pub use_cache: bool,

    /// Token refresh: auto (when near expiry or rejected), off, force.
    #[arg(long, value_enum, ignore_case = true, value_name = "MODE")]
    pub refresh: Option<Refresh>,

    /// Sign in with the device-code flow instead of the browser redirect (PKCE).
    #[arg(long)]
    pub use_device_code: bool,

    /// Ask for a token without a refresh token: it cannot be renewed, so a sign-in is
    /// needed when it expires.
    #[arg(long = "no-refresh-token", alias = "nrt")]
    pub nrt: bool,

    /// Do not open a browser.
    #[arg(long)]
    pub no_browser: bool,

    /// Never start an interactive sign-in: fail when no cached or refreshable token will do.
    #[arg(long)]
    pub no_sign_in: bool,

    /// How long to wait for the sign-in to be approved, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub login_timeout: u64,
}

#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "STS transitions")]
pub struct TransitionArgs {
    /// Call STS GetSessionToken first (long-term IAM user keys only).
    #[arg(long, conflicts_with = "get_federation_token")]
    pub get_session_token: bool,

    /// Call STS GetFederationToken first (long-term IAM user keys only; cannot assume roles).
    /// Its session policy is --policy/--policy-arns, else AdministratorAccess (leaving the
    /// IAM user's own permissions); --tags tag the federated session.
    #[arg(long, conflicts_with = "assume_roles")]
    pub get_federation_token: bool,

    /// Roles to chain through: JSON array of ARNs or of {"RoleArn", "RoleSessionName",
    /// "ExternalId", "DurationSeconds"} objects, a comma/space separated list, or file://PATH.
    #[arg(long, value_name = "LIST", add = clap_complete::ArgValueCompleter::new(crate::shell::complete::role_arns))]
    pub assume_roles: Option<String>,

    /// RoleSessionName for every hop (2-64 chars), and the GetFederationToken Name (2-32) [default: aws-login].
    #[arg(long, value_name = "NAME")]
    pub role_session_name: Option<String>,

    /// Lifetime of the STS credentials requested (AssumeRole 900-43200, 3600 at most for a
    /// chained hop; session and federation tokens 900-129600).
    #[arg(long, value_name = "N")]
    pub duration_seconds: Option<i32>,

    /// MFA device serial (ARN) for GetSessionToken, or else the first role hop.
    #[arg(long, value_name = "ARN")]
    pub mfa_serial: Option<String>,

    /// The MFA code for --mfa-serial or a profile's mfa_serial (else the profile's
    /// mfa_process, else asked for on the terminal).
    #[arg(long, value_name = "CODE")]
    pub mfa_code: Option<String>,

    /// ExternalId for every role hop that sets none of its own.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,

    /// SourceIdentity for every role hop (default: AWS_SOURCE_IDENTITY; with neither, a
    /// role_arn profile's source_identity, on its own hop). 2-64 characters of letters,
    /// digits and +=,.@_-; once set it cannot change along the chain. Not for a federation token.
    #[arg(long, value_name = "ID", help_heading = "Session controls")]
    pub source_identity: Option<String>,

    /// Session tags KEY=VALUE,KEY=VALUE for every role hop, or the federation token
    /// (default: AWS_SESSION_TAGS; with neither, a role_arn profile's session_tags, on its
    /// own hop, or the federating profile's). At most 50.
    #[arg(long, value_name = "TAGS", help_heading = "Session controls")]
    pub tags: Option<String>,

    /// Keys of the session tags that later hops inherit, KEY,KEY, each among the tags
    /// (default: AWS_TRANSITIVE_TAGS; with neither, a profile's transitive_session_tags).
    /// Not for a federation token, which no hop follows.
    #[arg(long, value_name = "KEYS", help_heading = "Session controls")]
    pub transitive_tags: Option<String>,

    /// Session policy (JSON or file://PATH) for the final role hop, or the federation token
    /// (in place of AdministratorAccess). It can only narrow what the role or IAM user
    /// allows, never widen it. At most 2048 characters without whitespace.
    #[arg(long, value_name = "JSON", help_heading = "Session controls")]
    pub policy: Option<String>,

    /// Managed policies (ARN,ARN; at most 10) that narrow the final role hop, or the
    /// federation token (in place of AdministratorAccess), as a session policy: the
    /// session gets only what both the role or IAM user and these allow.
    #[arg(long, value_name = "ARNS", help_heading = "Session controls")]
    pub policy_arns: Option<String>,
}

impl CredArgs {
    /// Whether the starting credentials come from an Identity Center token.
    pub fn wants_sso(&self) -> bool {
        self.sso_role.sso_acct_id.is_some()
    }
}

/// A value that must say something: empty or blank is a usage error before any call.
pub(super) fn non_blank(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("it is empty: give a value".to_string())
    } else {
        Ok(s.to_string())
    }
}
