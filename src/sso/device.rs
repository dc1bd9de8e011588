//! Sign-in with the device-authorization grant: for SSH sessions, containers and
//! `--no-browser`, where no local browser can reach a loopback port.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_sdk_ssooidc::operation::create_token::CreateTokenError;
use aws_sdk_ssooidc::operation::start_device_authorization::StartDeviceAuthorizationError;
use tokio::time::{Instant, sleep};

use super::browser::{Spinner, open};
use super::cache::Cache;
use super::oidc::{DEVICE_GRANT, Flow, Granted, Oidc, Registration, granted};
use crate::aws::{Service, call_error};
use crate::inert::{echo, server};

pub struct Device<'a> {
    pub oidc: &'a Oidc,
    pub cache: &'a Cache,
    pub start_url: &'a str,
    pub refreshable: bool,
    pub open_browser: bool,
    pub timeout: Duration,
    /// The terminal, when the caller keeps stderr: the code is shown there too.
    pub tty: Option<std::fs::File>,
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
                    return Err(call_error(Service::SSO_OIDC, "StartDeviceAuthorization", e));
                }
            }
        };
        // Both are shown on the terminal and the URL is opened: check them for their kind
        // rather than trust the service (or whatever answers at its endpoint).
        let code = user_code(auth.user_code().unwrap_or_default())?;
        let url = verification_url(
            auth.verification_uri_complete()
                .or(auth.verification_uri())
                .unwrap_or_default(),
        )?;
        let prompt = format!(
            "aws-login: to sign in to {}, open {url} and confirm the code {code}",
            server(self.start_url)
        );
        eprintln!("{prompt}");
        if let Some(mut tty) = self.tty.as_ref() {
            // Best effort: stderr has the line too.
            let _ = writeln!(tty, "{prompt}");
        }
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
                        return Err(call_error(Service::SSO_OIDC, "CreateToken", e));
                    }
                },
            }
        }
    }
}

/// A user code is letters, digits and dashes (AWS sends `ABCD-EFGH`).
fn user_code(code: &str) -> Result<&str> {
    let ok = (1..=64).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(code)
    } else {
        Err(anyhow!(
            "the SSO OIDC service sent a user code that is not letters, digits and '-' ('{}'): refusing it; check AWS_ENDPOINT_URL_SSO_OIDC",
            echo(code)
        ))
    }
}

/// The verification URL: https, or http to this machine (a loopback address, where no
/// one on the network can read or change it). Returned in its parsed form, in which
/// controls and spaces are percent-encoded.
fn verification_url(raw: &str) -> Result<String> {
    let parsed = url::Url::parse(raw).ok().filter(|u| match u.scheme() {
        "https" => u.host().is_some(),
        "http" => match u.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        },
        _ => false,
    });
    match parsed {
        Some(u) => Ok(server(u.as_str()).into_owned()),
        None => Err(anyhow!(
            "the SSO OIDC service sent a verification URL that is not https ('{}'): refusing it; check AWS_ENDPOINT_URL_SSO_OIDC",
            echo(raw)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_letters_digits_and_dashes() {
        assert!(user_code("ABCD-EFGH").is_ok());
        for bad in ["", "AB\u{1b}[2J", "AB CD", "ABCD\u{202e}", &"A".repeat(65)] {
            assert!(user_code(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn verification_urls_are_https_or_loopback_http() {
        let ok = verification_url("https://device.sso.us-east-1.amazonaws.com/?user_code=AB-CD");
        assert_eq!(
            ok.unwrap(),
            "https://device.sso.us-east-1.amazonaws.com/?user_code=AB-CD"
        );
        assert!(verification_url("http://127.0.0.1:8080/device").is_ok());
        assert!(verification_url("http://[::1]/device").is_ok());
        let inert = verification_url("http://127.0.0.1/device\u{1b}[2J\r").unwrap();
        assert!(!inert.chars().any(char::is_control), "{inert}");
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://example.com/device",
            "http://localhost.evil.example/device",
            "not a url",
            "",
        ] {
            assert!(verification_url(bad).is_err(), "{bad:?}");
        }
    }
}
