//! Sign-in with the authorization-code grant and PKCE: a one-shot listener on
//! 127.0.0.1, the browser sent to the OIDC authorize endpoint, and the code exchanged
//! with the verifier.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_sdk_ssooidc::error::SdkError;
use aws_sdk_ssooidc::operation::create_token::{CreateTokenError, CreateTokenOutput};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::browser::{Spinner, open};
use super::cache::Cache;
use super::callback::{CALLBACK, Callback, Listener};
use super::oidc::{Flow, Granted, Oidc, Registration, granted};
use crate::aws::{Service, call_error};
use crate::inert;

pub struct Pkce<'a> {
    pub oidc: &'a Oidc,
    pub cache: &'a Cache,
    pub start_url: &'a str,
    pub refreshable: bool,
    pub timeout: Duration,
    /// The terminal, when the caller keeps stderr: the URL is shown there too.
    pub tty: Option<std::fs::File>,
    /// The error when no browser opens and the URL reaches nobody (the caller keeps
    /// stderr, and there is no terminal): better at once than after the whole wait.
    pub shown_nowhere: Option<String>,
}

impl Pkce<'_> {
    pub async fn sign_in(&self) -> Result<(Granted, Registration)> {
        let listener = Listener::bind("").await?;
        let port = listener.port();
        // The client is registered for the callback without a port, which matches any
        // port (RFC 8252 §7.3, as the AWS CLI does), so it serves every later sign-in; the
        // authorize and token requests name this listener's port.
        let registered_uri = format!("http://127.0.0.1{CALLBACK}");
        let redirect_uri = format!("http://127.0.0.1:{port}{CALLBACK}");
        let register = |fresh| {
            self.oidc.registration(
                self.cache,
                self.start_url,
                Flow::Pkce,
                self.refreshable,
                Some(&registered_uri),
                fresh,
            )
        };
        let mut reg = register(false).await?;
        // A client the service has forgotten gets an error page at /authorize, which never
        // comes back to the listener: the wait would run to its timeout, at every sign-in
        // until the registration expires. Ask first, and register anew once if so.
        if reg.reused && self.forgotten(&reg, &redirect_uri).await {
            tracing::info!("the service no longer knows the cached OIDC client");
            reg = register(true).await?;
        }

        let verifier = random_b64(32);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        let state = random_b64(32);
        let mut url = url::Url::parse(&format!("{}/authorize", self.oidc.endpoint().await?))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &reg.id)
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("state", &state)
            .append_pair("code_challenge_method", "S256")
            .append_pair("scopes", &self.oidc.scopes.join(" "))
            .append_pair("code_challenge", &challenge);

        // The URL holds no secret (the verifier never leaves this process), and a browser
        // command may start and fail without a word: shown first, it is the way out when
        // no browser page appears, as the AWS CLI does.
        let prompt = format!(
            "aws-login: signing in to {} in the browser; if no browser opens, open this URL:\n{}",
            inert::server(self.start_url),
            inert::for_terminal(url.as_str(), usize::MAX)
        );
        eprintln!("{prompt}");
        if let Some(mut tty) = self.tty.as_ref() {
            // Best effort: stderr has the lines too.
            let _ = writeln!(tty, "{prompt}");
        }
        if !open(url.as_str(), "sign in")
            && let Some(why) = &self.shown_nowhere
        {
            return Err(anyhow!("{why}"));
        }
        let spinner = Spinner::start("Waiting for sign-in in the browser (Ctrl-C to cancel)");
        let timeout = self.timeout;
        let expected_state = state.clone();
        let retry = "run the command again, raise --login-timeout, or use --use-device-code";
        let callback = listener.wait(&expected_state, timeout, retry).await?;
        drop(spinner);
        let code = match callback {
            Callback::Code(code) => code,
            Callback::Refused(why) => {
                return Err(anyhow!(
                    "sign-in was not approved: {why}; run the command again to retry"
                ));
            }
        };
        let out = self
            .exchange(&reg, code, &redirect_uri, verifier)
            .await
            .map_err(|e| call_error(Service::SSO_OIDC, "CreateToken", e))?;
        Ok((
            granted(out.access_token(), out.expires_in(), out.refresh_token()),
            reg,
        ))
    }
}

impl Pkce<'_> {
    /// The authorization code exchanged for a token (CreateToken).
    async fn exchange(
        &self,
        reg: &Registration,
        code: String,
        redirect_uri: &str,
        verifier: String,
    ) -> Result<CreateTokenOutput, SdkError<CreateTokenError, HttpResponse>> {
        self.oidc
            .client
            .create_token()
            .client_id(&reg.id)
            .client_secret(&reg.secret)
            .grant_type("authorization_code")
            .code(code)
            .redirect_uri(redirect_uri)
            .code_verifier(verifier)
            .send()
            .await
    }

    /// Whether the service rejects `reg` itself: a code exchange with a code it never
    /// issued fails with InvalidGrantException for a client it knows (nothing is granted)
    /// and InvalidClientException for one it does not. Any other outcome (the network,
    /// throttling) is left to the real exchange to report.
    async fn forgotten(&self, reg: &Registration, redirect_uri: &str) -> bool {
        let probe = self
            .exchange(reg, random_b64(32), redirect_uri, random_b64(32))
            .await;
        matches!(
            probe.as_ref().map_err(|e| e.as_service_error()),
            Err(Some(CreateTokenError::InvalidClientException(_)))
        )
    }
}

fn random_b64(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
