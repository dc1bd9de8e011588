//! SSO OIDC: client registrations (reused until they expire), token grants, and the
//! authorize endpoint for the PKCE flow.

use anyhow::{Context, Result, anyhow};
use aws_config::SdkConfig;
use aws_sdk_ssooidc::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
use aws_types::service_config::ServiceConfigKey;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::cache::Cache;
use super::token::Token;
use crate::aws::{Service, call_error};
use crate::fsutil;
use crate::fsutil::hex;
use crate::time;

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Pkce,
    Device,
}

/// A registered OIDC client.
#[derive(Clone)]
pub struct Registration {
    pub id: String,
    pub secret: String,
    pub expires_at: DateTime<Utc>,
    /// Read from the cache rather than registered by this run: the service may have
    /// forgotten it since (revoked, or the cache was made against another endpoint).
    pub reused: bool,
}

pub struct Oidc {
    pub client: aws_sdk_ssooidc::Client,
    pub region: String,
    /// What a registration asks for (`sso_registration_scopes`).
    pub scopes: Vec<String>,
    sdk: SdkConfig,
}

/// A token as CreateToken returned it.
pub struct Granted {
    pub access_token: String,
    pub expires_at: DateTime<Utc>,
    pub refresh_token: Option<String>,
}

impl Oidc {
    pub fn new(sdk: &SdkConfig, region: &str) -> Oidc {
        let conf = aws_sdk_ssooidc::config::Builder::from(sdk)
            .region(aws_config::Region::new(region.to_string()))
            .build();
        Oidc {
            client: aws_sdk_ssooidc::Client::from_conf(conf),
            region: region.to_string(),
            scopes: vec![super::section::DEFAULT_SCOPE.to_string()],
            sdk: sdk.clone(),
        }
    }

    pub fn with_scopes(mut self, scopes: &[String]) -> Oidc {
        self.scopes = scopes.to_vec();
        self
    }

    /// The OIDC endpoint the SDK would call: an override (`AWS_ENDPOINT_URL_SSO_OIDC`,
    /// `AWS_ENDPOINT_URL`, profile `services`) or `https://oidc.<region>.<partition dns>`.
    pub async fn endpoint(&self) -> Result<String> {
        let key = ServiceConfigKey::builder()
            .service_id("SSO OIDC")
            .env("AWS_ENDPOINT_URL")
            .profile("endpoint_url")
            .build()
            .expect("all fields set");
        let configured = self
            .sdk
            .service_config()
            .and_then(|c| c.load_config(key))
            .or_else(|| self.sdk.endpoint_url().map(str::to_string));
        let params = Params::builder()
            .region(self.region.clone())
            .set_endpoint(configured)
            .build()
            .context("cannot resolve the SSO OIDC endpoint")?;
        let endpoint = DefaultResolver::new()
            .resolve_endpoint(&params)
            .await
            .map_err(|e| {
                anyhow!(
                    "cannot resolve the SSO OIDC endpoint for region {}: {e}",
                    self.region
                )
            })?;
        Ok(endpoint.url().trim_end_matches('/').to_string())
    }

    /// A client registration for `flow`, reused from the cache until it expires (AWS allows
    /// few registrations; the seed registered one per sign-in). `fresh` registers anew, for
    /// when the service no longer knows the cached client. A cached client registered for
    /// other redirect URIs is registered anew too: older versions registered the loopback
    /// callback with the port of that one sign-in, which a later listener cannot reuse.
    pub async fn registration(
        &self,
        cache: &Cache,
        start_url: &str,
        flow: Flow,
        refreshable: bool,
        redirect_uri: Option<&str>,
        fresh: bool,
    ) -> Result<Registration> {
        let mut grants = match flow {
            Flow::Pkce => vec!["authorization_code"],
            Flow::Device => vec![DEVICE_GRANT],
        };
        if refreshable {
            grants.push("refresh_token");
        }
        let key = json!({"tool": "aws-login", "startUrl": start_url, "region": self.region, "grantTypes": grants, "scopes": self.scopes}).to_string();
        let path = cache.dir().join(format!(
            "aws-login-client-{}.json",
            &hex(&<sha1::Sha1 as sha1::Digest>::digest(key.as_bytes()))[..16]
        ));
        let redirect_uris: Vec<&str> = redirect_uri.into_iter().collect();
        let lock = cache.lock(&path)?;
        if !fresh
            && let Some((reg, registered)) = fsutil::read_private(&path, fsutil::SMALL_FILE, "")
                .ok()
                .flatten()
                .and_then(|t| parse_registration(&t))
            && reg.expires_at - Duration::minutes(15) > Utc::now()
            && registered == redirect_uris
        {
            tracing::debug!("reusing the OIDC client registration");
            return Ok(reg);
        }
        tracing::info!(?grants, "registering an OIDC client");
        let out = self
            .client
            .register_client()
            .client_name("aws-login")
            .client_type("public")
            .set_scopes(Some(self.scopes.clone()))
            .set_grant_types(Some(grants.iter().map(|g| g.to_string()).collect()))
            .set_redirect_uris(redirect_uri.map(|u| vec![u.to_string()]))
            .issuer_url(start_url)
            .send()
            .await
            .map_err(|e| call_error(Service::SSO_OIDC, "RegisterClient", e))?;
        let reg = Registration {
            id: out.client_id().unwrap_or_default().to_string(),
            secret: out.client_secret().unwrap_or_default().to_string(),
            expires_at: DateTime::from_timestamp(out.client_secret_expires_at(), 0)
                .unwrap_or_else(Utc::now),
            reused: false,
        };
        let doc = json!({
            "clientId": reg.id, "clientSecret": reg.secret,
            "expiresAt": time::format(reg.expires_at), "startUrl": start_url,
            "region": self.region, "grantTypes": grants, "redirectUris": redirect_uris,
            "scopes": self.scopes,
        });
        cache.write(&path, &format!("{doc:#}\n"), &lock)?;
        Ok(reg)
    }

    /// Exchange a refresh token for a new access token (and maybe a new refresh token).
    pub async fn refresh(&self, token: &Token) -> Result<Granted> {
        let out = self
            .client
            .create_token()
            .client_id(token.client_id().unwrap_or_default())
            .client_secret(token.client_secret().unwrap_or_default())
            .grant_type("refresh_token")
            .refresh_token(token.refresh_token().unwrap_or_default())
            .send()
            .await
            .map_err(|e| call_error(Service::SSO_OIDC, "CreateToken (refresh)", e))?;
        Ok(granted(
            out.access_token(),
            out.expires_in(),
            out.refresh_token(),
        ))
    }
}

pub fn granted(
    access_token: Option<&str>,
    expires_in: i32,
    refresh_token: Option<&str>,
) -> Granted {
    Granted {
        access_token: access_token.unwrap_or_default().to_string(),
        expires_at: Utc::now() + Duration::seconds(i64::from(expires_in)),
        refresh_token: refresh_token.filter(|t| !t.is_empty()).map(str::to_string),
    }
}

/// A cached registration and the redirect URIs it was registered for (none when the
/// file predates that field, or for the device flow).
fn parse_registration(text: &str) -> Option<(Registration, Vec<String>)> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let reg = Registration {
        id: v["clientId"].as_str()?.to_string(),
        secret: v["clientSecret"].as_str()?.to_string(),
        expires_at: time::parse(v["expiresAt"].as_str()?)?,
        reused: true,
    };
    let uris = match &v["redirectUris"] {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|u| u.as_str().map(str::to_string))
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some((reg, uris))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn endpoint_for(region: &str) -> String {
        let sdk = SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        Oidc::new(&sdk, region).endpoint().await.unwrap()
    }

    #[test]
    fn a_cached_registration_tells_which_redirect_uris_it_was_made_for() {
        let base = r#""clientId": "c", "clientSecret": "s", "expiresAt": "2030-01-01T00:00:00Z""#;
        let uris = |extra: &str| parse_registration(&format!("{{{base}{extra}}}")).map(|r| r.1);
        assert_eq!(uris(""), Some(vec![]));
        assert_eq!(
            uris(r#", "redirectUris": ["http://127.0.0.1/oauth/callback"]"#),
            Some(vec!["http://127.0.0.1/oauth/callback".to_string()])
        );
        assert_eq!(uris(r#", "redirectUris": "http://127.0.0.1/x""#), None);
        assert_eq!(uris(r#", "redirectUris": [1]"#), None);
    }

    #[test]
    fn the_authorize_host_follows_the_partition() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        assert_eq!(
            rt.block_on(endpoint_for("eu-west-1")),
            "https://oidc.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            rt.block_on(endpoint_for("cn-north-1")),
            "https://oidc.cn-north-1.amazonaws.com.cn"
        );
    }
}
