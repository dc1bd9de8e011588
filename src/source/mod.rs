//! Where the starting credentials come from: environment keys, a profile (any kind
//! aws-config resolves: static, role_arn + source_profile, credential_process, sso-session),
//! container credentials or EC2 instance metadata.

pub mod chain;

use anyhow::{Result, anyhow};
use aws_config::Region;
use aws_config::ecs::EcsCredentialsProvider;
use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_config::imds::credentials::ImdsCredentialsProvider;
use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, future};
use aws_runtime::env_config::file::EnvConfigFiles;
use chrono::{DateTime, Utc};

use crate::creds::Creds;
use crate::env::Env;
use crate::sso::options::SsoOptions;
use chain::Base;

const NO_CREDENTIALS: &str = "no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
use --profile NAME (or AWS_PROFILE), sign in with --start-url URL (or --sso-session-name NAME) --sso-acct-id ID --sso-role-name ROLE, or run where container or EC2 instance credentials are available";

/// What the SDK's credential providers share: the region, and aws-login's HTTP client
/// (proxies, private CAs, no trust store read before a TLS connection).
fn provider_config(region: &str, env: &Env) -> Result<ProviderConfig> {
    Ok(ProviderConfig::without_region()
        .with_region(Some(Region::new(region.to_string())))
        .with_http_client(crate::net::configure(env, None)?))
}

/// Resolve the starting credentials. With an explicit `--profile`, environment keys are
/// ignored (as botocore does); otherwise the SDK's default chain decides.
pub async fn resolve(
    profile: Option<&str>,
    explicit: bool,
    region: &str,
    env: &Env,
) -> Result<Creds> {
    let conf = provider_config(region, env)?;
    let env_keys = !(explicit && profile.is_some())
        && env.get("AWS_ACCESS_KEY_ID").is_some()
        && env.get("AWS_SECRET_ACCESS_KEY").is_some();
    let result = match profile {
        Some(name) if explicit => {
            ProfileFileCredentialsProvider::builder()
                .profile_name(name)
                .profile_files(crate::profiles::files(env)?)
                .configure(&conf)
                .build()
                .provide_credentials()
                .await
        }
        // Keys in the environment come first in the SDK's default chain; read them with
        // its own first link rather than building the whole chain (a fifth of the CPU of
        // a two-hop run).
        _ if env_keys => {
            EnvironmentVariableCredentialsProvider::new()
                .provide_credentials()
                .await
        }
        _ => {
            check_container_token(env)?;
            let files = crate::profiles::files(env)?;
            default_chain(profile, files, &conf)
                .provide_credentials()
                .await
        }
    };
    let what = match (profile, explicit) {
        (Some(name), true) => format!("profile '{}'", crate::inert::echo(name)),
        (Some(name), false) => format!("AWS_PROFILE '{}'", crate::inert::echo(name)),
        (None, _) => "the default credential chain".to_string(),
    };
    match result {
        Ok(c) => {
            let mut creds = Creds::from_sdk(&c);
            if !explicit {
                creds.expiration = creds.expiration.or_else(|| env_expiration(&creds, env));
            }
            // The SDK's provider reads the process environment; the account beside the
            // keys is read from the one the precedence rule lets this run see.
            if env_keys {
                creds.account_id = crate::creds::account(env.get("AWS_ACCOUNT_ID"));
            }
            let expiration = creds.expiration_rfc3339();
            let expiration = expiration.as_deref().unwrap_or("none");
            tracing::debug!(source = %what, key = %creds.access_key_id, expiration, "starting credentials");
            Ok(creds)
        }
        Err(CredentialsError::CredentialsNotLoaded(_)) if profile.is_none() => {
            Err(anyhow!(NO_CREDENTIALS))
        }
        Err(CredentialsError::CredentialsNotLoaded(_)) => Err(anyhow!(
            "{what} holds no credentials: give it aws_access_key_id/aws_secret_access_key, role_arn with \
source_profile, credential_process or sso_session"
        )),
        Err(e) => Err(crate::aws::sdk_error(
            format_args!("cannot load credentials from {what}"),
            &e,
        )),
    }
}

/// The SDK's default chain without its first link, and with a last link whose failure
/// means only that nothing was found.
///
/// - The SDK reads the process environment, not `env`: its environment link would find
///   keys that the precedence rule set aside (an earlier `awsl assume`'s), and an unnamed
///   profile would be AWS_PROFILE's. Keys that do count are read before this (see
///   [`resolve`]), so the chain starts at the profile, named, and keeps the SDK's order.
/// - Off EC2, whatever answers at the metadata address (a filtering proxy's 403, a captive
///   portal's page) would otherwise end the run with that service's text instead of the
///   ways to get credentials. What it answered is logged at `-v`.
fn default_chain(
    profile: Option<&str>,
    files: EnvConfigFiles,
    conf: &ProviderConfig,
) -> CredentialsProviderChain {
    let name = profile.unwrap_or("default");
    CredentialsProviderChain::first_try(
        "Profile",
        ProfileFileCredentialsProvider::builder()
            .profile_name(name)
            .profile_files(files)
            .configure(conf)
            .build(),
    )
    .or_else(
        "WebIdentityToken",
        WebIdentityTokenCredentialsProvider::builder()
            .configure(conf)
            .build(),
    )
    .or_else(
        "EcsContainer",
        EcsCredentialsProvider::builder().configure(conf).build(),
    )
    .or_else(
        "Ec2InstanceMetadata",
        LastResort(ImdsCredentialsProvider::builder().configure(conf).build()),
    )
}

/// A link whose failure means "not found here".
#[derive(Debug)]
struct LastResort<P>(P);

impl<P: ProvideCredentials> ProvideCredentials for LastResort<P> {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.0.provide_credentials().await.map_err(|e| match e {
                CredentialsError::CredentialsNotLoaded(_) => e,
                e => {
                    tracing::info!("no instance credentials: {}", crate::inert::describe(&e));
                    CredentialsError::not_loaded("the instance metadata service gave none")
                }
            })
        })
    }
}

/// The container credentials' authorization token goes into a header: one no header can
/// hold is an input error, where the SDK's provider reports a failed configuration (exit 1).
fn check_container_token(env: &Env) -> Result<(), crate::error::Usage> {
    let container = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
        || env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some();
    match env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
        Some(token) if container => {
            crate::validate::token("AWS_CONTAINER_AUTHORIZATION_TOKEN", token)
        }
        _ => Ok(()),
    }
}

/// Environment keys carry no expiry for the SDK; aws-login's own exports set
/// `AWS_CREDENTIAL_EXPIRATION` beside them, so honour it when the keys came from there.
fn env_expiration(creds: &Creds, env: &Env) -> Option<DateTime<Utc>> {
    if env.get("AWS_ACCESS_KEY_ID") != Some(creds.access_key_id.as_str()) {
        return None;
    }
    crate::time::credential_expiration(env)
}

/// The first credentials of a profile that aws-login resolves itself (see [`chain`]).
pub async fn profile_base(
    base: &Base,
    sso: Option<&SsoOptions>,
    sdk: &aws_config::SdkConfig,
    region: &str,
    env: &Env,
) -> Result<Creds> {
    let conf = provider_config(region, env)?;
    if matches!(base, Base::EcsContainer) {
        check_container_token(env)?;
    }
    let what = match base {
        Base::Keys(keys) => return Ok(keys.clone()),
        Base::Sdk(profile) => return resolve(Some(profile), true, region, env).await,
        Base::Sso(link) => {
            let options = sso.ok_or_else(|| anyhow!("internal: no SSO options for the profile"))?;
            let mut session = crate::sso::Session::open(options, sdk, env).await?;
            return session.role_credentials(&link.account, &link.role).await;
        }
        Base::Login { session, profile } => {
            // The session's ARN names its account, whatever the cache holds.
            let mut creds = crate::login::credentials(session, profile, region, env).await?;
            creds.account_id = crate::creds::account_of_arn(session);
            return Ok(creds);
        }
        Base::Environment => {
            let (Some(id), Some(secret)) = (
                env.get("AWS_ACCESS_KEY_ID"),
                env.get("AWS_SECRET_ACCESS_KEY"),
            ) else {
                return Err(anyhow!(
                    "credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set: set them"
                ));
            };
            let mut creds = Creds {
                access_key_id: id.to_string(),
                secret_access_key: secret.to_string(),
                session_token: env.get("AWS_SESSION_TOKEN").map(str::to_string),
                expiration: None,
                account_id: crate::creds::account(env.get("AWS_ACCOUNT_ID")),
            };
            creds.expiration = env_expiration(&creds, env);
            return Ok(creds);
        }
        Base::Ec2InstanceMetadata => (
            "credential_source = Ec2InstanceMetadata",
            aws_config::imds::credentials::ImdsCredentialsProvider::builder()
                .configure(&conf)
                .build()
                .provide_credentials()
                .await,
        ),
        Base::EcsContainer => (
            "credential_source = EcsContainer",
            aws_config::ecs::EcsCredentialsProvider::builder()
                .configure(&conf)
                .build()
                .provide_credentials()
                .await,
        ),
    };
    match what {
        (_, Ok(c)) => Ok(Creds::from_sdk(&c)),
        (source, Err(e)) => Err(crate::aws::sdk_error(
            format_args!("cannot load credentials from {source}"),
            &e,
        )),
    }
}
