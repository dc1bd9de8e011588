//! What a request is, for the session cache: a canonical description of everything that
//! decides its final credentials (crate::cache::entry::Key), and the cached acquire.

use std::future::Future;

use anyhow::Result;
use aws_config::profile::ProfileSet;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Request, Start};
use crate::cache::{Cached, Key, Meta, Shape, Store, TokenFrom};
use crate::creds::Creds;
use crate::env::Env;
use crate::source::chain::Base;
use crate::sso::options::{SsoOptions, TokenSource};
use crate::transition::Plan;

/// The settings of a profile that can change the credentials it gives. aws-config keeps
/// a profile's property list private, so the keys are named here; secret values are
/// described by their hash, so the description never holds a secret.
const PROFILE_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_account_id",
    "aws_secret_access_key",
    "aws_session_token",
    "credential_process",
    "credential_source",
    "duration_seconds",
    "endpoint_url",
    "external_id",
    "mfa_process",
    "mfa_serial",
    "region",
    "role_arn",
    "role_session_name",
    "session_tags",
    "source_identity",
    "source_profile",
    "sso_account_id",
    "sso_region",
    "sso_registration_scopes",
    "sso_role_name",
    "sso_session",
    "sso_start_url",
    "sts_regional_endpoints",
    "transitive_session_tags",
    "use_dualstack_endpoint",
    "use_fips_endpoint",
    "web_identity_token_file",
];
const SECRET_KEYS: &[&str] = &["aws_secret_access_key", "aws_session_token"];
const SSO_SESSION_KEYS: &[&str] = &["sso_start_url", "sso_region", "sso_registration_scopes"];

/// Variables that change where the SDK's calls go or which default-chain source answers
/// (never a secret: the container authorization token is left out).
const ENV_KEYS: &[&str] = &[
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_STS_REGIONAL_ENDPOINTS",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
];

fn hashed(secret: &str) -> String {
    format!(
        "sha256:{}",
        crate::fsutil::hex(&Sha256::digest(secret.as_bytes()))
    )
}

/// The settings of `name` and of every profile along its `source_profile` chain, with
/// the `[sso-session]` sections they name: `{profile: {key: value}}`, sorted.
pub(super) fn profile_settings(profiles: &ProfileSet, name: Option<&str>) -> Value {
    let mut all = Map::new();
    let mut next = Some(name.unwrap_or("default"));
    while let Some(profile) = next.and_then(|n| profiles.get_profile(n)) {
        if all.contains_key(profile.name()) {
            break;
        }
        let mut settings = Map::new();
        for key in PROFILE_KEYS {
            if let Some(v) = profile.get(key) {
                let v = if SECRET_KEYS.contains(key) {
                    hashed(v)
                } else {
                    v.to_string()
                };
                settings.insert(key.to_string(), v.into());
            }
        }
        if let Some(section) = profile
            .get("sso_session")
            .and_then(|s| profiles.sso_session(s))
        {
            let mut sso = Map::new();
            for key in SSO_SESSION_KEYS {
                if let Some(v) = section.get(key) {
                    sso.insert(key.to_string(), v.into());
                }
            }
            settings.insert("[sso-session]".to_string(), sso.into());
        }
        all.insert(profile.name().to_string(), settings.into());
        next = profile.get("source_profile");
    }
    all.into()
}

/// The Identity Center session an entry came from, as `logout` matches it: by its
/// `[sso-session]` name, else by its start URL.
fn sso_meta(meta: &mut Meta, session: &Option<String>, start_url: &Option<String>) {
    meta.sso_session = session.clone().or_else(|| start_url.clone());
    meta.sso_start_url = start_url.clone();
}

/// The token the credentials of an Identity Center request are made from: the shared
/// cache's file the session reads (and a sign-in writes), the file given, or a token given
/// as a value.
fn token_from(options: &SsoOptions, env: &Env) -> Option<TokenFrom> {
    match &options.token {
        Some(TokenSource::Given(_)) => Some(TokenFrom::Given),
        Some(TokenSource::External(src)) => Some(
            src.strip_prefix("file://")
                .and_then(|rest| crate::input::file_path(rest).ok())
                .and_then(|p| std::path::absolute(p).ok())
                .map_or(TokenFrom::Given, TokenFrom::File),
        ),
        Some(TokenSource::Cache) | None => {
            let file = match options.session_name.as_ref().or(options.start_url.as_ref()) {
                Some(key) => crate::sso::cache::token_file(env, key),
                // No session named: the token signed in last, as the session picks it.
                None => crate::sso::cache::Cache::new(env).ok()?.most_recent(),
            };
            file.map(TokenFrom::File)
        }
    }
}

/// With environment keys, the account given beside them (`AWS_ACCOUNT_ID`) is part of
/// the answer. Added only when there is one, so other requests keep the keys they had.
fn with_env_account(source: &mut Value, env_key: Option<&str>, env: &Env) {
    if let (Some(_), Some(account)) = (env_key, env.get("AWS_ACCOUNT_ID")) {
        source["env_account"] = account.into();
    }
}

impl Request {
    /// A canonical description of the whole request: the source identity, every
    /// transition with its options, and the region (see crate::cache).
    pub fn describe(&self) -> Value {
        let env = &self.env;
        let source = match &self.start {
            Start::Sso {
                options,
                account,
                role,
            } => {
                let token = match &options.token {
                    Some(TokenSource::Given(t)) => Some(hashed(t)),
                    Some(TokenSource::External(src)) => Some(hashed(src)),
                    Some(TokenSource::Cache) | None => None,
                };
                json!({"sso": {
                    "start_url": options.start_url,
                    "session": options.session_name,
                    "region": options.region,
                    "account": account,
                    "role": role,
                    "token": token,
                }})
            }
            Start::Profile { base, .. } => {
                // The profile's settings (secrets hashed) name its source and hops; a
                // `credential_source = Environment` base adds the environment's key id.
                let env_key = matches!(base, Base::Environment)
                    .then(|| env.get("AWS_ACCESS_KEY_ID"))
                    .flatten();
                let mut source = json!({
                    "profile": self.profile,
                    "env_key": env_key,
                    "settings": self.profile_settings,
                });
                with_env_account(&mut source, env_key, env);
                json!({ "profile": source })
            }
            Start::Chain {
                explicit_profile, ..
            } => {
                let env_key = (!explicit_profile)
                    .then(|| env.get("AWS_ACCESS_KEY_ID"))
                    .flatten();
                let mut source = json!({
                    "profile": self.profile,
                    "explicit": explicit_profile,
                    "env_key": env_key,
                    "settings": self.profile_settings,
                });
                with_env_account(&mut source, env_key, env);
                json!({ "chain": source })
            }
        };
        let endpoints: Map<String, Value> = ENV_KEYS
            .iter()
            .filter_map(|k| Some((k.to_string(), env.get(k)?.into())))
            .collect();
        json!({
            "kind": "credentials",
            "source": source,
            "transitions": self.plan.describe(),
            "region": self.region.name,
            "environment": endpoints,
        })
    }

    /// The cache key, with what `cache list` and `logout` show and match.
    pub fn cache_key(&self) -> Key {
        let env = &self.env;
        let mut meta = Meta {
            kind: "credentials".to_string(),
            identity: self.plan.final_role().map(|r| r.to_string()),
            ..Meta::default()
        };
        match &self.start {
            Start::Sso {
                options,
                account,
                role,
            } => {
                meta.identity
                    .get_or_insert_with(|| format!("{account}/{role}"));
                meta.source = format!(
                    "sso {} {account}/{role}",
                    options.start_url.as_deref().unwrap_or("(given token)")
                );
                sso_meta(&mut meta, &options.session_name, &options.start_url);
                meta.sso_token = token_from(options, env);
            }
            Start::Profile { base, sso } => {
                meta.source = format!("profile {}", self.profile.as_deref().unwrap_or("default"));
                if let (Base::Sso(link), Some(options)) = (base, sso) {
                    meta.identity
                        .get_or_insert_with(|| format!("{}/{}", link.account, link.role));
                    sso_meta(&mut meta, &options.session_name, &options.start_url);
                    meta.sso_token = token_from(options, env);
                }
            }
            Start::Chain {
                explicit_profile,
                sso_link,
            } => {
                meta.source = match (&self.profile, env.get("AWS_ACCESS_KEY_ID")) {
                    (Some(p), _) if *explicit_profile => format!("profile {p}"),
                    (_, Some(key)) => format!("environment key {key}"),
                    (Some(p), None) => format!("profile {p}"),
                    (None, None) => "default credential chain".to_string(),
                };
                // Keys in the environment come before the profile (see source::resolve):
                // then its token has no part in the credentials. Else the SDK reads it
                // from the shared cache, by the same key.
                let env_keys = !explicit_profile
                    && env.get("AWS_ACCESS_KEY_ID").is_some()
                    && env.get("AWS_SECRET_ACCESS_KEY").is_some();
                if let Some(link) = sso_link.as_ref().filter(|_| !env_keys) {
                    sso_meta(&mut meta, &link.session, &link.start_url);
                    meta.sso_token = link
                        .session
                        .as_ref()
                        .or(link.start_url.as_ref())
                        .and_then(|key| crate::sso::cache::token_file(env, key))
                        .map(TokenFrom::File);
                }
            }
        }
        Key::new(self.describe(), meta)
    }

    /// The final credentials through the session cache (see crate::cache): no SDK
    /// configuration is built and no SSO token read when the cache answers.
    ///
    /// Not itself async: one more future wrapping this one takes the assume command's
    /// future past the compiler's layout depth limit.
    pub fn cached(self) -> impl Future<Output = Result<Cached>> {
        self.cached_checked(|_, _, _| Ok(()))
    }

    /// [`Request::cached`], with `check` run on a miss once the starting credentials are
    /// known and before any transition, so a request the caller would refuse (the
    /// console's session length) costs no call.
    pub async fn cached_checked(
        self,
        check: impl FnOnce(&Plan, &Creds, Shape) -> Result<()>,
    ) -> Result<Cached> {
        let key = self.cache_key();
        let fresh = self.fresh;
        Store::new(&self.env)?
            .get_or_acquire(&key, fresh, || async move {
                let (sdk, start) = self.source().await?;
                let shape = Shape {
                    chained: self.plan.chains(&start),
                    federated: self.plan.federates(&start),
                };
                check(&self.plan, &start, shape)?;
                let creds = self.transitions(&sdk, start).await?;
                Ok(Cached { creds, shape })
            })
            .await
    }

    /// [`Request::cached`]'s credentials.
    pub async fn credentials(self) -> Result<Creds> {
        Ok(self.cached().await?.creds)
    }
}
