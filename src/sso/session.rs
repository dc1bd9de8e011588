//! An SSO session: a usable token from the source the options name, refreshed per
//! `--refresh` (in the shared cache under its lock), or a sign-in when none will do.

use std::fs::OpenOptions;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use chrono::{DateTime, Utc};

use super::DEFAULT_REGION;
use super::cache::Cache;
use super::hint::{SignIn, StartUrl};
use super::oidc::Oidc;
use super::options::{Refresh, SsoOptions, TokenSource};
use super::section::trim_url;
use super::token::Token;
use super::{browser, device, pkce, vanity};
use crate::env::Env;
use crate::input::read_value;
use crate::time;

/// Refresh this long before expiry, as aws-config and the AWS CLI do.
const REFRESH_MARGIN: chrono::Duration = chrono::Duration::minutes(5);

/// Where the token in hand came from; decides whether and where a refresh is stored.
#[derive(Debug, Clone)]
enum Origin {
    /// `--sso-access-token`: used as is, never refreshed.
    Given,
    /// `--accesstoken-cache`: refreshed in memory only; that file is never rewritten.
    External,
    /// The shared cache (read with `--use-cache`, or written after a sign-in).
    Shared(PathBuf),
}

pub struct Session<'a> {
    pub(super) opts: &'a SsoOptions,
    pub(super) cache: Cache,
    pub(super) sdk: &'a SdkConfig,
    pub(super) env: &'a Env,
    pub token: Token,
    origin: Origin,
    pub region: String,
    pub(super) refreshed: bool,
}

impl<'a> Session<'a> {
    /// A usable token from the source the options name, refreshed per `--refresh`.
    pub async fn open(
        opts: &'a SsoOptions,
        sdk: &'a SdkConfig,
        env: &'a Env,
    ) -> Result<Session<'a>> {
        let cache = Cache::new(env)?;
        let region = opts
            .region
            .clone()
            .unwrap_or_else(|| DEFAULT_REGION.to_string());
        let mut s = Session {
            opts,
            cache,
            sdk,
            env,
            token: Token::bare(""),
            origin: Origin::Given,
            region,
            refreshed: false,
        };
        if let Some(TokenSource::Given(t)) = &opts.token {
            s.token = Token::bare(t);
            return Ok(s);
        }
        if let Some(TokenSource::External(src)) = &opts.token {
            let text = read_value("--accesstoken-cache", src)?;
            s.token = Token::parse(&text, "--accesstoken-cache")?;
            s.origin = Origin::External;
            s.adopt_cached_token()?;
            s.apply_refresh_policy().await?;
            return Ok(s);
        }
        if opts.token == Some(TokenSource::Cache) {
            let path = match s.cache_key() {
                Some(key) => s.cache.path(&key),
                None => s.cache.most_recent().ok_or_else(|| {
                    anyhow!(
                        "no SSO token is cached yet: {}",
                        s.sign_in_hint("sign in once")
                    )
                })?,
            };
            // No lock to read: writes replace the file atomically (see crate::lock).
            if let Some(token) = s.cache.read(&path)? {
                s.token = token;
                s.origin = Origin::Shared(path.clone());
                s.adopt_cached_token()?;
                match s.apply_refresh_policy().await {
                    Ok(()) => return Ok(s),
                    // A dead cached token with --start-url: sign in again, as if nothing were cached.
                    Err(e) if opts.start_url.is_some() && !s.token_usable_now() => {
                        tracing::info!("cached token unusable ({e:#}); signing in again");
                    }
                    Err(e) => return Err(e),
                }
            } else if opts.start_url.is_none() {
                let name = opts.session_name.as_deref().unwrap_or("that session");
                return Err(anyhow!(
                    "no SSO token is cached for {}, and no [sso-session {0}] in the config gives its start URL: {}",
                    crate::inert::echo(name),
                    s.sign_in_hint("sign in once")
                ));
            }
        }
        s.sign_in().await?;
        Ok(s)
    }

    /// The shared-cache key: the sso-session name, else the start URL (the AWS CLI's rule).
    pub(super) fn cache_key(&self) -> Option<String> {
        self.opts
            .session_name
            .clone()
            .or_else(|| self.opts.start_url.clone())
    }

    /// A cached token brings its own region and start URL: check and adopt them.
    fn adopt_cached_token(&mut self) -> Result<()> {
        if let (Some(wanted), Some(cached)) = (&self.opts.start_url, self.token.start_url())
            && trim_url(wanted) != trim_url(cached)
        {
            return Err(anyhow!(
                "the cached token is for {}, not {} {}: use the matching --sso-session-name or sign in without --use-cache",
                crate::inert::echo(cached),
                self.opts.start_url_origin(),
                crate::inert::echo(wanted)
            ));
        }
        if let Some(r) = self.token.region() {
            if let Some(explicit) = &self.opts.region
                && explicit != r
            {
                eprintln!(
                    "aws-login: note: using SSO region {} from the token cache, not {} {explicit}",
                    crate::inert::echo(r),
                    self.opts.region_origin()
                );
            }
            self.region = r.to_string();
        }
        Ok(())
    }

    fn token_usable_now(&self) -> bool {
        !self
            .token
            .expires_within(Utc::now(), chrono::Duration::zero())
    }

    /// The sign-in to suggest (`how`: "sign in again", …): a command that stores the
    /// token under this run's cache key, in its region.
    pub(super) fn sign_in_hint(&self, how: &str) -> String {
        if let Some(profile) = &self.opts.profile {
            return super::hint::profile_advice(how, profile);
        }
        let start_url = match self.token.start_url().or(self.opts.start_url.as_deref()) {
            _ if self.opts.start_url_from_config => StartUrl::FromConfig,
            Some(url) => StartUrl::Known(url),
            None => StartUrl::Unknown,
        };
        let advice = SignIn {
            command: &self.opts.hint_command,
            start_url,
            session: self.opts.session_name.as_deref(),
            region: (!self.opts.region_from_config).then_some(self.region.as_str()),
        }
        .advice(how);
        let instead = match &self.opts.token {
            Some(TokenSource::Given(_)) => "--sso-access-token",
            Some(TokenSource::External(_)) => "--accesstoken-cache",
            _ => return advice,
        };
        format!("{advice}, then use --use-cache instead of {instead}")
    }

    async fn apply_refresh_policy(&mut self) -> Result<()> {
        let now = Utc::now();
        let mode = self.opts.refresh;
        let refreshable = self.token.refreshable(now);
        let expired = self.token.expires_within(now, chrono::Duration::zero());
        match mode {
            Refresh::Off if expired => Err(anyhow!(
                "the SSO token has expired (and --refresh off): {}",
                self.sign_in_hint("sign in again")
            )),
            Refresh::Off => Ok(()),
            Refresh::Force if refreshable => self.refresh(false).await,
            Refresh::Force => Err(anyhow!(
                "--refresh force: the token cannot be refreshed (no refresh token or client registration): {}",
                self.sign_in_hint("sign in again")
            )),
            Refresh::Auto if self.token.expires_within(now, REFRESH_MARGIN) && refreshable => {
                self.refresh(!expired).await
            }
            Refresh::Auto if expired => Err(anyhow!(
                "the SSO token has expired and cannot be refreshed: {}",
                self.sign_in_hint("sign in again")
            )),
            Refresh::Auto => Ok(()),
        }
    }

    /// Refresh the token; for the shared cache, under its lock, and only if no other
    /// process refreshed it meanwhile. `early`: the token still works for a while.
    ///
    /// Where the shared cache cannot store the result (a read-only HOME), a token that
    /// still works is used as it is: refreshing may retire the cached refresh token, which
    /// could not be replaced. An expired one is refreshed for this run only.
    pub(super) async fn refresh(&mut self, early: bool) -> Result<()> {
        let shared = match &self.origin {
            Origin::Shared(path) => Some(path.clone()),
            _ => None,
        };
        let lock = shared
            .as_deref()
            .map(|p| self.cache.lock_to_store(p))
            .transpose()?;
        if let Some(Err(why)) = &lock
            && early
        {
            eprintln!(
                "aws-login: warning: the SSO token expires within {} minutes and cannot be refreshed here ({why:#}): using it as it is",
                REFRESH_MARGIN.num_minutes()
            );
            return Ok(());
        }
        if let (Some(path), Some(Ok(_))) = (&shared, &lock)
            && let Some(current) = self.cache.read(path)?
            && current.access_token() != self.token.access_token()
            && !current.expires_within(Utc::now(), REFRESH_MARGIN)
        {
            tracing::debug!("another process refreshed the token");
            self.token = current;
            self.refreshed = true;
            return Ok(());
        }
        tracing::info!("refreshing the SSO token");
        let g = Oidc::new(self.sdk, &self.region)
            .refresh(&self.token)
            .await
            .map_err(|e| self.refresh_failed(e))?;
        apply_grant(
            &mut self.token,
            &g.access_token,
            g.expires_at,
            g.refresh_token.as_deref(),
        );
        if let (Some(path), Some(lock)) = (&shared, lock) {
            let stored = lock.and_then(|l| self.cache.write(path, &self.token.to_json(), &l));
            if let Err(e) = stored {
                eprintln!(
                    "aws-login: warning: the refreshed SSO token cannot be stored ({e:#}): it serves this run only"
                );
            }
        }
        self.refreshed = true;
        Ok(())
    }

    fn refresh_failed(&self, e: anyhow::Error) -> anyhow::Error {
        anyhow!(
            "the SSO token could not be refreshed ({e:#}): {}",
            self.sign_in_hint("sign in again")
        )
    }

    async fn sign_in(&mut self) -> Result<()> {
        let Some(start_url) = self.opts.start_url.clone() else {
            return Err(anyhow!(
                "no usable SSO token: {}",
                self.sign_in_hint("sign in again")
            ));
        };
        if !self.opts.sign_in.allowed {
            return Err(anyhow!(
                "signing in is needed (no usable cached or refreshable token), and --no-sign-in forbids it: {}",
                self.sign_in_hint("sign in again")
            ));
        }
        let portal = self.portal(&start_url).await?;
        let oidc = Oidc::new(self.sdk, &self.region).with_scopes(&self.opts.scopes);
        let sign_in = &self.opts.sign_in;
        let refreshable = sign_in.refresh_token;
        let open_browser = sign_in.open_browser;
        let timeout = sign_in.timeout;
        let device = sign_in.device_code
            || !sign_in.open_browser
            || !browser::local_browser_available(self.env);
        // Where the device code (or the sign-in URL, should the browser not open) can be
        // seen: stderr, unless the caller keeps it; then the terminal, if there is one;
        // else the browser (the verification page carries the code). With none of them a
        // device-code wait could only run to its timeout.
        let hidden = sign_in.stderr_hidden && !std::io::stderr().is_terminal();
        let tty = hidden
            .then(|| OpenOptions::new().write(true).open("/dev/tty").ok())
            .flatten();
        let browser_opens = open_browser && browser::local_browser_available(self.env);
        if device && hidden && tty.is_none() && !browser_opens {
            return Err(anyhow!(
                "signing in to {} needs a code confirmed, and this credential_process run can show it nowhere (its caller keeps stderr, and it has no terminal and no browser): {}",
                crate::inert::server(&start_url),
                self.sign_in_hint("sign in once from a terminal")
            ));
        }
        let (granted, reg) = if device {
            let flow = device::Device {
                oidc: &oidc,
                cache: &self.cache,
                start_url: &portal,
                refreshable,
                open_browser,
                timeout,
                tty,
            };
            flow.sign_in().await?
        } else {
            let shown_nowhere = (hidden && tty.is_none()).then(|| {
                format!(
                    "signing in to {} needs a browser, none could be opened, and this credential_process run can show the sign-in URL nowhere (its caller keeps stderr, and it has no terminal): {}",
                    crate::inert::server(&start_url),
                    self.sign_in_hint("sign in once from a terminal")
                )
            });
            let flow = pkce::Pkce {
                oidc: &oidc,
                cache: &self.cache,
                start_url: &portal,
                refreshable,
                timeout,
                tty,
                shown_nowhere,
            };
            flow.sign_in().await?
        };
        let mut token = Token::new(
            Some(&start_url),
            &self.region,
            &granted.access_token,
            granted.expires_at,
        );
        token.set("clientId", &reg.id);
        token.set("clientSecret", &reg.secret);
        token.set("registrationExpiresAt", &time::format(reg.expires_at));
        if let Some(r) = &granted.refresh_token {
            token.set("refreshToken", r);
        }
        // The token keeps the configured URL (a vanity one too), as the AWS CLI's does.
        // Store every sign-in in the shared cache: one sign-in serves the AWS CLI and SDKs too.
        let key = self.cache_key().unwrap_or(start_url);
        let path = self.cache.path(&key);
        let lock = self.cache.lock(&path)?;
        self.cache.write(&path, &token.to_json(), &lock)?;
        self.token = token;
        self.origin = Origin::Shared(path);
        Ok(())
    }

    /// The portal URL a sign-in gives OIDC: the start URL itself, or the AWS-owned portal
    /// a vanity one redirects to, whose host may name the region (it wins, as in the AWS CLI).
    async fn portal(&mut self, start_url: &str) -> Result<String> {
        let origin = self.opts.start_url_origin();
        let portal = vanity::resolve(start_url, &origin, self.opts.region.is_some()).await?;
        if let Some(r) = portal.region {
            if let Some(given) = self.opts.region.as_deref().filter(|g| *g != r) {
                eprintln!(
                    "aws-login: note: using SSO region {r}, which the portal's host names, not {} {given}",
                    self.opts.region_origin()
                );
            }
            self.region = r;
        }
        Ok(portal.url)
    }
}

fn apply_grant(token: &mut Token, access: &str, expires_at: DateTime<Utc>, refresh: Option<&str>) {
    token.set("accessToken", access);
    token.set("expiresAt", &time::format(expires_at));
    if let Some(r) = refresh {
        token.set("refreshToken", r);
    }
}
