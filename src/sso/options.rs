//! The SSO options a run uses: as given (the command line's, in aws-login's own types),
//! completed from the config's `[sso-session NAME]` as the AWS CLI does, and checked once
//! for every command.

use std::time::Duration;

use anyhow::Result;

use super::section::{self, DEFAULT_SCOPE};
use crate::env::Env;
use crate::error::{Usage, bail_usage};
use crate::inert::echo;
use crate::validate;

/// When the token is refreshed: auto (when near expiry or rejected), off, force. (No doc
/// comments on the values: clap would show them in `--help`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Refresh {
    #[default]
    Auto,
    #[value(alias = "false")]
    Off,
    #[value(aliases = ["on", "true"])]
    Force,
}

/// Where the token comes from, besides a sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `--sso-access-token`: used as is, never refreshed.
    Given(String),
    /// `--accesstoken-cache`: a file (`file://PATH`) or inline JSON in the AWS CLI cache
    /// format; refreshed in memory only.
    External(String),
    /// `--use-cache`: the shared cache, read, refreshed and written.
    Cache,
}

/// How a sign-in goes, when one is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignIn {
    /// The device-code flow instead of the browser redirect (PKCE).
    pub device_code: bool,
    /// Ask for a refresh token (`--no-refresh-token` asks for none).
    pub refresh_token: bool,
    pub open_browser: bool,
    /// `--no-sign-in`: fail rather than start one.
    pub allowed: bool,
    /// How long to wait for the approval.
    pub timeout: Duration,
    /// The caller keeps stderr to itself (`credential_process`: SDKs show it only after
    /// the run fails), so a device code printed there reaches nobody.
    pub stderr_hidden: bool,
}

impl SignIn {
    /// The options that mean something only to a sign-in, as given.
    fn given(&self) -> Vec<&'static str> {
        [
            (self.device_code, "--use-device-code"),
            (!self.refresh_token, "--no-refresh-token"),
            (!self.open_browser, "--no-browser"),
        ]
        .into_iter()
        .filter_map(|(set, flag)| set.then_some(flag))
        .collect()
    }
}

/// The SSO options as given, not yet checked.
#[derive(Debug, Clone)]
pub struct Options {
    pub start_url: Option<String>,
    pub region: Option<String>,
    /// Keys the token cache; its `[sso-session]` in the config gives settings.
    pub session_name: Option<String>,
    pub token: Option<TokenSource>,
    pub refresh: Option<Refresh>,
    pub sign_in: SignIn,
}

impl Options {
    /// Cached and refreshed tokens only, never a sign-in (`awsl refresh`). An sso-session
    /// name may bring its start URL from the config, so it reads the cache too.
    pub fn cached_only(&mut self) {
        if (self.start_url.is_some() || self.session_name.is_some())
            && !matches!(self.token, Some(TokenSource::External(_)))
        {
            self.token = Some(TokenSource::Cache);
        }
        self.sign_in.allowed = false;
    }
}

/// The checked options: the given ones with `start_url` and `region` filled in from the
/// config where the command line left them out.
#[derive(Debug, Clone)]
pub struct SsoOptions {
    pub start_url: Option<String>,
    pub region: Option<String>,
    pub session_name: Option<String>,
    pub token: Option<TokenSource>,
    pub refresh: Refresh,
    pub sign_in: SignIn,
    /// `sso_registration_scopes` of the section, else [`DEFAULT_SCOPE`].
    pub scopes: Vec<String>,
    /// "[sso-session NAME] in FILE", when that section gave a setting.
    pub section: Option<String>,
    pub start_url_from_config: bool,
    pub region_from_config: bool,
    /// The command a sign-in hint names, with what it needs besides the token options
    /// (e.g. `getcallerid --sso-acct-id … --sso-role-name …`).
    pub hint_command: Vec<String>,
    /// The profile these options come from: a sign-in hint names it alone.
    pub profile: Option<String>,
}

impl SsoOptions {
    /// How messages name the start URL's origin.
    pub fn start_url_origin(&self) -> String {
        self.origin(self.start_url_from_config, "--start-url", "sso_start_url")
    }

    pub fn region_origin(&self) -> String {
        self.origin(self.region_from_config, "--sso-region", "sso_region")
    }

    fn origin(&self, from_config: bool, flag: &str, key: &str) -> String {
        match (&self.section, from_config) {
            (Some(section), true) => format!("{key} of {section}"),
            _ => flag.to_string(),
        }
    }

    /// Whether any option names where an SSO token comes from.
    pub fn has_token_source(&self) -> bool {
        self.start_url.is_some() || self.token.is_some()
    }
}

/// The token-option rules every command shares, and the `[sso-session NAME]` settings,
/// before any browser or network call.
pub async fn resolve(given: Options, env: &Env) -> Result<SsoOptions> {
    let caches = matches!(
        given.token,
        Some(TokenSource::Cache | TokenSource::External(_))
    );
    if given.refresh.is_some_and(|r| r != Refresh::Auto) && !caches {
        bail_usage!(
            "--refresh off/force works only with a cache: add --use-cache or --accesstoken-cache"
        );
    }
    if let Some(url) = &given.start_url {
        validate::start_url("--start-url", url)?;
    }
    if let Some(TokenSource::Given(token)) = &given.token {
        validate::token("--sso-access-token", token)?;
    }
    if let Some(r) = &given.region {
        validate::region("--sso-region", r)?;
    }
    let mut opts = SsoOptions {
        start_url: given.start_url,
        region: given.region,
        session_name: given.session_name,
        token: given.token,
        refresh: given.refresh.unwrap_or_default(),
        sign_in: given.sign_in,
        scopes: vec![DEFAULT_SCOPE.to_string()],
        section: None,
        start_url_from_config: false,
        region_from_config: false,
        hint_command: vec!["getcallerid".to_string()],
        profile: None,
    };
    if let Some(name) = opts.session_name.clone() {
        complete(&mut opts, &name, env).await?;
    }
    if opts.start_url.is_none()
        && let Some(flag) = opts.sign_in.given().first()
    {
        bail_usage!(
            "{flag} applies to a sign-in, which needs a start URL: add --start-url (or --sso-session-name of an [sso-session] in the config), or drop {flag}"
        );
    }
    Ok(opts)
}

/// Fill in what `[sso-session NAME]` holds; the command line wins, and a value it gives
/// that differs from the section's is an error naming both.
async fn complete(opts: &mut SsoOptions, name: &str, env: &Env) -> Result<()> {
    let Some(section) = section::section(name, env).await? else {
        return Ok(());
    };
    let place = &section.place;
    let conflict = |flag: &str, given: &str, key: &str, configured: &str| {
        Usage(format!(
            "{flag} {} differs from {key} = {} of {place}: drop {flag}, or use another --sso-session-name",
            echo(given),
            echo(configured)
        ))
    };
    if let Some(url) = &section.start_url {
        match &opts.start_url {
            Some(given) if section::trim_url(given) != section::trim_url(url) => {
                return Err(conflict("--start-url", given, "sso_start_url", url).into());
            }
            Some(_) => {}
            None => {
                opts.start_url = Some(url.clone());
                opts.start_url_from_config = true;
            }
        }
    }
    if let Some(region) = &section.region {
        match &opts.region {
            Some(given) if given != region => {
                return Err(conflict("--sso-region", given, "sso_region", region).into());
            }
            Some(_) => {}
            None => {
                opts.region = Some(region.clone());
                opts.region_from_config = true;
            }
        }
    }
    if let Some(scopes) = section.scopes {
        opts.scopes = scopes;
    }
    opts.section = Some(section.place);
    Ok(())
}
