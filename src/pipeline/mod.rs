//! The credential pipeline every credential command shares: check the options once into
//! a [`Request`], resolve its source, run its transitions.

use anyhow::Result;
use aws_config::SdkConfig;

use crate::arn::is_account_id;
use crate::aws::base_config;
use crate::creds::Creds;
use crate::env::Env;
use crate::error::bail_usage;
use crate::profiles;
use crate::region::{self, Resolved, Source};
use crate::source;
use crate::source::chain::{self, Base, Chain};
use crate::sso::cache::Cache;
use crate::sso::options::{self as sso_options, SsoOptions};
use crate::transition::{self, Plan};
use crate::{sso, validate};

mod describe;
mod options;

pub use options::Options;

/// A run whose options have all been checked; nothing has touched the network yet.
/// Clone: `serve` keeps one to re-acquire the chain (see [`Request::unattended`]).
#[derive(Clone)]
pub struct Request {
    /// The profile whose settings the SDK reads (`--profile`, else `AWS_PROFILE`).
    profile: Option<String>,
    start: Start,
    pub region: Resolved,
    pub plan: Plan,
    /// The settings of the profile chain the source reads, for the cache key.
    profile_settings: serde_json::Value,
    fresh: bool,
    /// The environment as the precedence rule lets this run read it
    /// ([`Options::user_env`]): every later step reads this one.
    env: Env,
}

/// Where the starting credentials come from.
#[derive(Clone)]
enum Start {
    /// The SDK's chain from the profile (or the environment, instance metadata…).
    Chain {
        explicit_profile: bool,
        /// The profile along the source chain that takes an SSO token, for a clear
        /// message when that token is missing or dead.
        sso_link: Option<profiles::SsoLink>,
    },
    /// A profile aws-login resolves itself (roles, SSO, MFA); its hops are in the plan.
    Profile {
        base: Base,
        /// For an SSO base: the options from the profile and the command line's sign-in flags.
        sso: Option<Box<SsoOptions>>,
    },
    /// SSO GetRoleCredentials with a token from the options.
    Sso {
        options: Box<SsoOptions>,
        account: String,
        role: String,
    },
}

/// The final identity's credentials and the SDK configuration to use them with.
pub struct Identity {
    pub creds: Creds,
    pub sdk: SdkConfig,
}

impl Request {
    /// Every check that needs no network: option combinations (which SSO options need or
    /// exclude which others, and the rest), values, the role chain, and that the named
    /// profile exists.
    pub async fn prepare(opts: Options, env: &Env) -> Result<Request> {
        let user_env = opts.user_env(env);
        let env = &user_env;
        let explicit_profile = opts.profile.is_some();
        let profile_set = profiles::load(env).await?;
        let profile = profiles::selected(&profile_set, opts.profile.as_deref(), env)?;
        let source_profile = profiles::source(profile, explicit_profile, env);
        let own_chain = match source_profile {
            Some(name) => chain::resolve(&profile_set, name)?,
            None => None,
        };
        let sso = match (&own_chain, profile) {
            (
                Some(Chain {
                    base: Base::Sso(link),
                    ..
                }),
                Some(name),
            ) => check_sso_profile(&opts, link, name, env).await?,
            _ => check_sso(&opts, env).await?,
        };
        if let Some(r) = &opts.region {
            validate::region("--region", r)?;
        }
        let mut transitions = opts.transitions.clone().with_env(env);
        if own_chain.is_none() {
            // A profile with its own keys (or credential_process) may tag a federation token.
            transitions.profile_tags = source_profile
                .and_then(|name| profile_set.get_profile(name))
                .and_then(|p| {
                    let from =
                        format!("session_tags of profile '{}'", crate::inert::echo(p.name()));
                    p.get("session_tags")
                        .map(|v| transition::Given::new(&from, v))
                });
        }
        let (mut plan, base) = match own_chain {
            Some(c) => (
                Plan::with_profile(&transitions, c.hops, c.mfa_process)?,
                Some(c.base),
            ),
            None => (Plan::new(&transitions)?, None),
        };
        plan.check_mfa(env)?;
        crate::sso::cache::check_profiles(&profile_set, profile, env)?;
        if explicit_profile {
            profiles::check_source_profiles(&profile_set, profile)?;
        }
        let region = region::resolve(
            opts.region.as_deref(),
            env,
            profiles::region(&profile_set, profile),
        );
        // The region goes into endpoint URLs and, exported, into shells and child processes:
        // one from the environment or a config file is checked like `--region`.
        let from = match region.source {
            Source::Env(var) => Some(var.to_string()),
            Source::Profile => Some(format!(
                "the region of profile '{}'",
                crate::inert::echo(profile.unwrap_or("default"))
            )),
            Source::Flag | Source::Fallback => None,
        };
        if let Some(from) = from {
            validate::region(&from, &region.name)?;
        }
        if let Some(p) = profile.and_then(|name| profile_set.get_profile(name)) {
            chain::account_id(p)?;
        }
        let start = match (sso, opts.sso_account, opts.sso_role) {
            (options, _, _) if base.is_some() => Start::Profile {
                sso: matches!(base, Some(Base::Sso(_))).then(|| Box::new(options)),
                base: base.expect("checked"),
            },
            (options, Some(account), Some(role)) => Start::Sso {
                options: Box::new(options),
                account,
                role,
            },
            _ => Start::Chain {
                explicit_profile,
                sso_link: profiles::sso_link(&profile_set, profile),
            },
        };
        let request = Request {
            profile_settings: describe::profile_settings(&profile_set, profile),
            profile: profile.map(str::to_string),
            start,
            region,
            plan,
            fresh: opts.fresh,
            env: user_env.clone(),
        };
        if request.uses_environment_keys()
            && let Some(id) = env.get("AWS_ACCOUNT_ID")
        {
            validate::env_account_id(id)?;
        }
        Ok(request)
    }

    /// The environment this run reads (see [`Options::user_env`]).
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// Whether the starting credentials are keys from the environment (directly, or a
    /// profile's `credential_source = Environment`).
    pub fn uses_environment_keys(&self) -> bool {
        match &self.start {
            Start::Profile { base, .. } => matches!(base, Base::Environment),
            Start::Chain {
                explicit_profile, ..
            } => !explicit_profile && self.env.get("AWS_ACCESS_KEY_ID").is_some(),
            Start::Sso { .. } => false,
        }
    }

    /// The profile whose settings the SDK reads.
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }

    /// How a sign-in this run makes goes, when it can make one.
    fn sign_in(&mut self) -> Option<&mut sso_options::SignIn> {
        match &mut self.start {
            Start::Sso { options, .. }
            | Start::Profile {
                sso: Some(options), ..
            } => Some(&mut options.sign_in),
            _ => None,
        }
    }

    /// A sign-in this run makes opens no browser (the console's `--no-browser`).
    pub fn never_open_browser(&mut self) {
        if let Some(s) = self.sign_in() {
            s.open_browser = false;
        }
    }

    /// A run whose stderr its caller keeps (`dumpcreds --credential-helper`, run as a
    /// `credential_process`): a sign-in shows its code on the terminal instead, or fails
    /// at once when there is neither a terminal nor a browser.
    pub fn stderr_hidden(&mut self) {
        if let Some(s) = self.sign_in() {
            s.stderr_hidden = true;
        }
    }

    /// The same request for a run nobody watches (`serve` re-acquiring while its child
    /// runs): cached and refreshed SSO tokens only, never a sign-in, and no MFA prompt.
    pub fn unattended(&self) -> Request {
        let mut r = self.clone();
        if let Start::Sso { options, .. } = &mut r.start
            && options.start_url.is_some()
            && options.token.is_none()
        {
            options.token = Some(sso_options::TokenSource::Cache);
        }
        if let Some(s) = r.sign_in() {
            s.allowed = false;
        }
        r.plan.unattended();
        r
    }

    /// The starting credentials, and the SDK configuration for the calls that follow.
    pub async fn source(&self) -> Result<(SdkConfig, Creds)> {
        let env = &self.env;
        let sdk = base_config(&self.region.name, self.profile.as_deref(), env).await?;
        let start = match &self.start {
            Start::Sso {
                options,
                account,
                role,
            } => {
                let mut session = sso::Session::open(options, &sdk, env).await?;
                session.role_credentials(account, role).await?
            }
            Start::Profile { base, sso } => {
                source::profile_base(base, sso.as_deref(), &sdk, &self.region.name, env).await?
            }
            Start::Chain {
                explicit_profile,
                sso_link,
            } => source::resolve(
                self.profile.as_deref(),
                *explicit_profile,
                &self.region.name,
                env,
            )
            .await
            .map_err(|e| sso_profile_error(sso_link.as_ref(), e, env))?,
        };
        Ok((sdk, start))
    }

    /// Run the transitions from `start`.
    pub async fn transitions(self, sdk: &SdkConfig, start: Creds) -> Result<Creds> {
        self.plan.check_source(&start)?;
        self.plan
            .run(&self.env, sdk, &self.region.name, start)
            .await
    }

    /// The final credentials (through the session cache) and an SDK configuration for
    /// calls made with them.
    pub async fn acquire(self) -> Result<Identity> {
        let (region, profile, env) = (
            self.region.name.clone(),
            self.profile.clone(),
            self.env.clone(),
        );
        let creds = self.credentials().await?;
        let sdk = base_config(&region, profile.as_deref(), &env).await?;
        Ok(Identity { creds, sdk })
    }
}

/// A profile that takes an SSO token failed: when the token is missing or dead, say
/// which sign-in stores it where the profile looks, instead of the SDK's account.
fn sso_profile_error(
    link: Option<&profiles::SsoLink>,
    err: anyhow::Error,
    env: &Env,
) -> anyhow::Error {
    let hint = link
        .zip(Cache::new(env).ok())
        .and_then(|(link, cache)| sso::hint::for_profile(link, &cache));
    match hint {
        Some(message) => anyhow::anyhow!(message),
        None => err,
    }
}

/// The SSO options of a profile that takes an IAM Identity Center role: its session or
/// legacy keys, with the command line's sign-in flags; a token source on the command line
/// competes with the profile.
async fn check_sso_profile(
    opts: &Options,
    link: &chain::SsoProfile,
    name: &str,
    env: &Env,
) -> Result<SsoOptions> {
    let given = &opts.sso;
    if given.start_url.is_some() || given.token.is_some() || given.session_name.is_some() {
        bail_usage!(
            "--profile and an SSO token source both give starting credentials: use one of them"
        );
    }
    if opts.sso_account.is_some() || opts.sso_role.is_some() {
        bail_usage!(
            "profile '{}' names its account and role: drop --sso-acct-id and --sso-role-name",
            crate::inert::echo(name)
        );
    }
    let mut sso = sso_options::resolve(
        sso_options::Options {
            start_url: link.start_url.clone(),
            region: link.region.clone(),
            session_name: link.session.clone(),
            token: Some(sso_options::TokenSource::Cache),
            refresh: given.refresh,
            sign_in: given.sign_in.clone(),
        },
        env,
    )
    .await?;
    if sso.start_url.is_none() {
        bail_usage!(
            "profile '{}' has sso_session = {}, but no [sso-session] section of that name gives sso_start_url: add it",
            crate::inert::echo(name),
            crate::inert::echo(link.session.as_deref().unwrap_or_default())
        );
    }
    sso.start_url_from_config = true;
    sso.region_from_config = true;
    sso.profile = Some(name.to_string());
    Ok(sso)
}

/// The SSO option rules (an account needs a role and both need a token source, and so
/// on), all before any browser or network call, and the options completed from the
/// config's `[sso-session NAME]`.
async fn check_sso(opts: &Options, env: &Env) -> Result<SsoOptions> {
    let (acct, role) = (&opts.sso_account, &opts.sso_role);
    let mut sso = sso_options::resolve(opts.sso.clone(), env).await?;
    let has_token_source = sso.has_token_source();
    match (acct, role) {
        (Some(_), None) => {
            bail_usage!("--sso-acct-id is of no use without --sso-role-name: add it")
        }
        (None, Some(_)) => {
            bail_usage!("--sso-role-name is of no use without --sso-acct-id: add it")
        }
        (Some(_), Some(_)) if !has_token_source => match &sso.session_name {
            Some(name) => bail_usage!(
                "--sso-acct-id and --sso-role-name need a token, and no [sso-session {}] in the config gives a start URL: add --start-url, --sso-access-token, --accesstoken-cache or --use-cache",
                crate::inert::echo(name)
            ),
            None => bail_usage!(
                "--sso-acct-id and --sso-role-name need a token: add --start-url (or --sso-session-name of an [sso-session] in the config), --sso-access-token, --accesstoken-cache or --use-cache"
            ),
        },
        (None, None) if has_token_source => bail_usage!(
            "an SSO token gives credentials only for an account and role: add --sso-acct-id and --sso-role-name"
        ),
        _ => {}
    }
    if let Some(id) = acct
        && !is_account_id(id)
    {
        bail_usage!(
            "--sso-acct-id '{}' is not an account id: use the 12 digits",
            crate::inert::echo(id)
        );
    }
    if has_token_source && opts.profile.is_some() {
        bail_usage!(
            "--profile and an SSO token source both give starting credentials: use one of them"
        );
    }
    if let (Some(acct), Some(role)) = (acct, role) {
        sso.hint_command = sso::hint::role_command(acct, role);
    }
    Ok(sso)
}
