//! The credential pipeline every credential command shares: validate the options, resolve
//! the source, run the transitions.

use anyhow::Result;
use aws_config::SdkConfig;

use crate::arn::is_account_id;
use crate::aws::base_config;
use crate::cli::CredArgs;
use crate::creds::Creds;
use crate::env::Env;
use crate::error::{bail_usage, usage};
use crate::region::{self, Resolved, Source};
use crate::source::{self, profiles};
use crate::sso::SsoOptions;
use crate::sso::cache::Cache;
use crate::transition::Plan;
use crate::{sso, validate};

/// A run whose options have all been checked; nothing has touched the network yet.
pub struct Pipeline {
    profile: Option<String>,
    explicit_profile: bool,
    pub region: Resolved,
    pub plan: Plan,
    sso: SsoOptions,
    /// The profile along the source chain that takes an SSO token, for a clear message
    /// when that token is missing or dead.
    sso_link: Option<profiles::SsoLink>,
}

/// The final identity's credentials and the SDK configuration to use them with.
pub struct Identity {
    pub creds: Creds,
    pub sdk: SdkConfig,
}

impl Pipeline {
    /// Every check that needs no network: option combinations (seed §1.4 and the ones it
    /// lacked), values, the role chain, and that the named profile exists.
    pub async fn prepare(args: &CredArgs, env: &Env, console: bool) -> Result<Pipeline> {
        let sso = check_sso(args, console, env).await?;
        if let Some(r) = &args.source.region {
            validate::region("--region", r).map_err(usage)?;
        }
        let plan = Plan::new(&args.transitions, console)?;
        let profile_set = profiles::load(env).await?;
        let profile = profiles::selected(&profile_set, args.source.profile.as_deref(), env)?;
        profiles::check_sso_cache(&profile_set, profile, env)?;
        if args.source.profile.is_some() {
            profiles::check_source_profiles(&profile_set, profile)?;
        }
        let region = region::resolve(
            args.source.region.as_deref(),
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
            validate::region(&from, &region.name).map_err(usage)?;
        }
        Ok(Pipeline {
            profile: profile.map(str::to_string),
            explicit_profile: args.source.profile.is_some(),
            region,
            plan,
            sso_link: profiles::sso_link(&profile_set, profile),
            sso,
        })
    }

    /// The starting credentials, and the SDK configuration for the calls that follow.
    pub async fn source(&self, args: &CredArgs, env: &Env) -> Result<(SdkConfig, Creds)> {
        let sdk = base_config(&self.region.name, self.profile.as_deref(), env).await?;
        let start = match (&args.sso_role.sso_acct_id, &args.sso_role.sso_role_name) {
            (Some(account), Some(role)) => {
                let mut session = sso::Session::open(&self.sso, &sdk, env).await?;
                session.role_credentials(account, role).await?
            }
            _ => source::resolve(
                self.profile.as_deref(),
                self.explicit_profile,
                &self.region.name,
                env,
            )
            .await
            .map_err(|e| self.sso_profile_error(e, env))?,
        };
        Ok((sdk, start))
    }

    /// A profile that takes an SSO token failed: when the token is missing or dead, say
    /// which sign-in stores it where the profile looks, instead of the SDK's account.
    fn sso_profile_error(&self, err: anyhow::Error, env: &Env) -> anyhow::Error {
        let hint = self
            .sso_link
            .as_ref()
            .zip(Cache::new(env).ok())
            .and_then(|(link, cache)| sso::hint::for_profile(link, &cache));
        match hint {
            Some(message) => anyhow::anyhow!(message),
            None => err,
        }
    }

    /// Run the transitions from `start`.
    pub async fn transitions(self, sdk: &SdkConfig, start: Creds) -> Result<Creds> {
        self.plan.check_source(&start)?;
        self.plan.run(sdk, &self.region.name, start).await
    }

    pub async fn acquire(self, args: &CredArgs, env: &Env) -> Result<Identity> {
        let (sdk, start) = self.source(args, env).await?;
        let creds = self.transitions(&sdk, start).await?;
        Ok(Identity { creds, sdk })
    }
}

/// The SSO option rules of seed §1.4, all before any browser or network call, and the
/// options completed from the config's `[sso-session NAME]`.
async fn check_sso(args: &CredArgs, console: bool, env: &Env) -> Result<SsoOptions> {
    let (acct, role) = (&args.sso_role.sso_acct_id, &args.sso_role.sso_role_name);
    let mut opts = sso::options::resolve(&args.sso, console, env).await?;
    let sso = &opts.args;
    let has_token_source = sso.has_token_source();
    match (acct, role) {
        (Some(_), None) => {
            bail_usage!("--sso-acct-id is of no use without --sso-role-name: add it")
        }
        (None, Some(_)) => {
            bail_usage!("--sso-role-name is of no use without --sso-acct-id: add it")
        }
        (Some(_), Some(_)) if !has_token_source => match &sso.sso_session_name {
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
    if has_token_source && args.source.profile.is_some() {
        bail_usage!(
            "--profile and an SSO token source both give starting credentials: use one of them"
        );
    }
    if let (Some(acct), Some(role)) = (acct, role) {
        opts.hint_command = sso::hint::role_command(acct, role);
    }
    Ok(opts)
}
