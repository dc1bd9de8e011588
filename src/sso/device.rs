//! Sign-in with the device-authorization grant: for SSH sessions, containers and
//! `--no-browser`, where no local browser can reach a loopback port.

use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_sdk_ssooidc::operation::create_token::CreateTokenError;
use aws_sdk_ssooidc::operation::start_device_authorization::StartDeviceAuthorizationError;
use tokio::time::{Instant, sleep};

use super::browser::{Spinner, open};
use super::cache::Cache;
use super::oidc::{DEVICE_GRANT, Flow, Granted, Oidc, Registration, granted};
use crate::aws::call_error;

pub struct Device<'a> {
    pub oidc: &'a Oidc,
    pub cache: &'a Cache,
    pub start_url: &'a str,
    pub refreshable: bool,
    pub open_browser: bool,
    pub timeout: Duration,
}

impl Device<'_> {
    pub async fn sign_in(&self) -> Result<(Granted, Registration)> {
        let register = |fresh: bool| {
            self.oidc.registration(
                self.cache,
                self.start_url,
                Flow::Device,
                self.refreshable,
                None,
                fresh,
            )
        };
        let mut reg = register(false).await?;
        let mut fresh = false;
        let auth = loop {
            let result = self
                .oidc
                .client
                .start_device_authorization()
                .client_id(&reg.id)
                .client_secret(&reg.secret)
                .start_url(self.start_url)
                .send()
                .await;
            match result {
                Ok(auth) => break auth,
                // The service forgot the cached client (revoked, or another endpoint): register anew once.
                Err(e)
                    if !fresh
                        && matches!(
                            e.as_service_error(),
                            Some(StartDeviceAuthorizationError::InvalidClientException(_))
                        ) =>
                {
                    fresh = true;
                    reg = register(true).await?;
                }
                Err(e) => {
                    return Err(call_error(
                        "SSO OIDC",
                        "AWS_ENDPOINT_URL_SSO_OIDC",
                        "StartDeviceAuthorization",
                        e,
                    ));
                }
            }
        };
        let code = auth.user_code().unwrap_or_default();
        let url = auth
            .verification_uri_complete()
            .or(auth.verification_uri())
            .unwrap_or_default()
            .to_string();
        eprintln!(
            "aws-login: to sign in to {}, open {url} and confirm the code {code}",
            self.start_url
        );
        if self.open_browser {
            open(&url, "sign in");
        }
        let mut interval = Duration::from_secs(u64::try_from(auth.interval()).unwrap_or(5).max(1));
        let expires_in = Duration::from_secs(u64::try_from(auth.expires_in()).unwrap_or(600));
        let deadline = Instant::now() + expires_in.min(self.timeout);
        let device_code = auth.device_code().unwrap_or_default();
        let _spinner = Spinner::start(&format!(
            "Waiting for approval of code {code} (Ctrl-C to cancel)"
        ));
        loop {
            if Instant::now() + interval > deadline {
                return Err(anyhow!(if expires_in <= self.timeout {
                    "the device code expired before the sign-in was approved: run the command again"
                        .to_string()
                } else {
                    format!(
                        "sign-in timed out after {} s: run the command again or raise --login-timeout",
                        self.timeout.as_secs()
                    )
                }));
            }
            sleep(interval).await;
            let result = self
                .oidc
                .client
                .create_token()
                .client_id(&reg.id)
                .client_secret(&reg.secret)
                .grant_type(DEVICE_GRANT)
                .device_code(device_code)
                .send()
                .await;
            match result {
                Ok(out) => {
                    return Ok((
                        granted(out.access_token(), out.expires_in(), out.refresh_token()),
                        reg,
                    ));
                }
                Err(e) => match e.as_service_error() {
                    Some(CreateTokenError::AuthorizationPendingException(_)) => {}
                    // RFC 8628 §3.5: slow down by 5 seconds for this and every later poll.
                    Some(CreateTokenError::SlowDownException(_)) => {
                        interval += Duration::from_secs(5)
                    }
                    Some(CreateTokenError::ExpiredTokenException(_)) => {
                        return Err(anyhow!(
                            "the device code expired before the sign-in was approved: run the command again"
                        ));
                    }
                    Some(CreateTokenError::AccessDeniedException(_)) => {
                        return Err(anyhow!(
                            "the sign-in was denied in the browser: run the command again to retry"
                        ));
                    }
                    _ => {
                        return Err(call_error(
                            "SSO OIDC",
                            "AWS_ENDPOINT_URL_SSO_OIDC",
                            "CreateToken",
                            e,
                        ));
                    }
                },
            }
        }
    }
}
