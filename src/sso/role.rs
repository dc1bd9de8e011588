//! Role credentials from the session's token (SSO GetRoleCredentials), and recovering
//! once when the portal rejects the token.

use anyhow::{Result, anyhow};
use aws_sdk_sso::operation::get_role_credentials::GetRoleCredentialsError;
use chrono::{DateTime, Utc};

use super::index;
use super::options::Refresh;
use super::session::Session;
use crate::aws::{Service, call_error};
use crate::creds::Creds;

impl Session<'_> {
    /// Role credentials for an account and role (SSO GetRoleCredentials), refreshing the
    /// token once if the portal rejects it.
    pub async fn role_credentials(&mut self, account: &str, role: &str) -> Result<Creds> {
        loop {
            let conf = aws_sdk_sso::config::Builder::from(self.sdk)
                .region(aws_config::Region::new(self.region.clone()))
                .build();
            let result = aws_sdk_sso::Client::from_conf(conf)
                .get_role_credentials()
                .access_token(self.token.access_token())
                .account_id(account)
                .role_name(role)
                .send()
                .await;
            match result {
                Ok(out) => {
                    let c = out
                        .role_credentials()
                        .ok_or_else(|| anyhow!("sso GetRoleCredentials returned no credentials"))?;
                    if let Some(key) = self.index_key()
                        && let Err(e) =
                            index::record_role(self.env, &key, self.start_url(), account, role)
                    {
                        tracing::debug!("cannot update the discovery index: {e:#}");
                    }
                    return Ok(Creds {
                        access_key_id: c.access_key_id().unwrap_or_default().to_string(),
                        secret_access_key: c.secret_access_key().unwrap_or_default().to_string(),
                        session_token: c
                            .session_token()
                            .filter(|t| !t.is_empty())
                            .map(str::to_string),
                        expiration: DateTime::from_timestamp_millis(c.expiration())
                            .filter(|_| c.expiration() > 0),
                        // The portal was asked for this account's role.
                        account_id: crate::creds::account(Some(account)),
                    });
                }
                Err(e)
                    if matches!(
                        e.as_service_error(),
                        Some(GetRoleCredentialsError::UnauthorizedException(_))
                    ) =>
                {
                    self.recover().await?;
                }
                Err(e) => {
                    return Err(call_error(Service::SSO, "GetRoleCredentials", e));
                }
            }
        }
    }

    /// After the portal rejected the token: refresh it once, if allowed and possible.
    pub async fn recover(&mut self) -> Result<()> {
        let can_retry = !self.refreshed
            && self.opts.refresh != Refresh::Off
            && self.token.refreshable(Utc::now());
        if !can_retry {
            return Err(anyhow!(
                "the SSO token was rejected (expired or signed out): {}",
                self.sign_in_hint("sign in again")
            ));
        }
        self.refresh(false).await
    }

    /// The start URL, from the options or the token.
    pub fn start_url(&self) -> Option<&str> {
        self.opts.start_url.as_deref().or(self.token.start_url())
    }

    /// The discovery index key: like the cache, the session name, else the start URL.
    pub fn index_key(&self) -> Option<String> {
        self.opts
            .session_name
            .clone()
            .or_else(|| self.start_url().map(str::to_string))
    }
}
