//! SDK plumbing: the base configuration, STS clients, and error messages people can act on.

use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};

use crate::creds::Creds;
use crate::env::Env;
use crate::inert::{describe, echo, server};
use crate::paths::{ENDPOINT_VAR, SERVICE_ENDPOINTS};

/// Everything SDK clients share: region, HTTP client, timeouts, endpoint overrides
/// (`AWS_ENDPOINT_URL_STS`, profile `services`), but no credentials: each client gets the
/// credentials of its stage explicitly. It reads the config and credentials files as
/// aws-login read them (regular files, bounded: see `profiles::files`). The HTTP client is
/// aws-login's own ([`crate::net`]): proxies, `AWS_CA_BUNDLE` / the profile's `ca_bundle`,
/// and a trust store read only at the first TLS connection.
///
/// Built once per region and profile in a process: a run that acquires credentials and
/// then calls with them (getcallerid, console) asks twice.
pub async fn base_config(region: &str, profile: Option<&str>, env: &Env) -> Result<SdkConfig> {
    type Built = ((String, Option<String>), SdkConfig);
    static LAST: std::sync::Mutex<Option<Built>> = std::sync::Mutex::new(None);
    let key = (region.to_string(), profile.map(str::to_string));
    if let Some((k, sdk)) = &*LAST.lock().unwrap_or_else(|e| e.into_inner())
        && *k == key
    {
        return Ok(sdk.clone());
    }
    let sdk = build_config(region, profile, env).await?;
    *LAST.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, sdk.clone()));
    Ok(sdk)
}

async fn build_config(region: &str, profile: Option<&str>, env: &Env) -> Result<SdkConfig> {
    // The SDK takes an empty one for a URL too (and aborts on it).
    let service_vars = SERVICE_ENDPOINTS.map(|(_, var)| var);
    for var in std::iter::once(ENDPOINT_VAR).chain(service_vars) {
        if let Some(value) = env.raw(var) {
            crate::validate::endpoint_url(var, value)?;
        }
    }
    let profiles = crate::profiles::load(env).await?;
    let name = profile.unwrap_or("default");
    crate::profiles::check_endpoints(&profiles, name, env)?;
    let bundle = profiles
        .get_profile(name)
        .and_then(|p| p.get("ca_bundle"))
        .map(|path| (name, path));
    let loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(crate::net::configure(env, bundle)?)
        .region(Region::new(region.to_string()))
        .no_credentials()
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(Duration::from_secs(20))
                .operation_timeout(Duration::from_secs(60))
                .build(),
        );
    // Named even when it is the default: left unnamed, the SDK would read AWS_PROFILE from
    // the process environment, which the precedence rule may have set aside.
    Ok(loader
        .profile_files(crate::profiles::files(env)?)
        .profile_name(name)
        .load()
        .await)
}

/// An STS client that signs with `creds`, once they are fit to sign with.
pub fn sts(sdk: &SdkConfig, creds: &Creds) -> Result<aws_sdk_sts::Client> {
    creds.check_signable()?;
    let conf = aws_sdk_sts::config::Builder::from(sdk)
        .credentials_provider(creds.to_sdk())
        .build();
    Ok(aws_sdk_sts::Client::from_conf(conf))
}

/// An AWS service aws-login calls: its name in messages, and the variable that points it
/// elsewhere (named when the service cannot be reached).
#[derive(Debug, Clone, Copy)]
pub struct Service {
    name: &'static str,
    endpoint_var: &'static str,
}

impl Service {
    pub const STS: Service = Service {
        name: "STS",
        endpoint_var: "AWS_ENDPOINT_URL_STS",
    };
    pub const SSO: Service = Service {
        name: "SSO",
        endpoint_var: "AWS_ENDPOINT_URL_SSO",
    };
    pub const SSO_OIDC: Service = Service {
        name: "SSO OIDC",
        endpoint_var: "AWS_ENDPOINT_URL_SSO_OIDC",
    };
}

/// The one mapper for failed SDK calls: one line, never a `Debug` form, and a failure
/// (exit 1), never an input error. Never includes request details (they carry signatures
/// and tokens), only the service's error code and message, plus a hint where the code
/// suggests one.
pub fn call_error<E, R>(service: Service, op: &str, err: SdkError<E, R>) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let Service { name, endpoint_var } = service;
    let svc = name.to_lowercase();
    match &err {
        SdkError::ServiceError(se) => {
            // Both come from the service: shown inert and bounded, never as sent.
            let code = se.err().code().unwrap_or("UnknownError");
            let msg = server(se.err().message().unwrap_or("no message"));
            let op_name = op.split(' ').next().unwrap_or(op);
            let hint = match (code, op_name) {
                ("ExpiredToken", _) => {
                    "; the credentials used for this call have expired: get fresh ones"
                }
                ("InvalidClientTokenId", _) => {
                    "; AWS does not know this access key: check the credentials source"
                }
                ("SignatureDoesNotMatch", _) => {
                    "; the secret key does not match the access key id (or the clock is off)"
                }
                ("AccessDenied", "AssumeRole") => {
                    "; check that the role trusts the caller, and --external-id / --mfa-serial if its trust policy needs them"
                }
                ("ForbiddenException", "GetRoleCredentials") => {
                    "; check --sso-acct-id and --sso-role-name: that role is not assigned to you in that account"
                }
                ("Throttling" | "TooManyRequestsException", _) => {
                    "; the service is throttling requests: try again shortly"
                }
                _ => "",
            };
            anyhow!("{svc} {op} failed: {}: {msg}{hint}", echo(code))
        }
        SdkError::TimeoutError(_) => {
            anyhow!("{svc} {op} timed out: check the network or {endpoint_var}")
        }
        SdkError::DispatchFailure(_) if let Some(why) = crate::net::explain(&err) => {
            anyhow!("cannot reach {name} for {op}: {why}")
        }
        SdkError::DispatchFailure(_) => anyhow!(
            "cannot reach {name} for {op}: {}; check the network or {endpoint_var}",
            describe(&err)
        ),
        _ => sdk_error(format!("{svc} {op} failed"), &err),
    }
}

/// An SDK error that is not a call's (the credential chain's): `what: messages`, one line.
pub fn sdk_error(
    what: impl std::fmt::Display,
    err: &(dyn std::error::Error + 'static),
) -> anyhow::Error {
    anyhow!("{what}: {}", describe(err))
}
