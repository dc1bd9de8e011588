//! `aws-login logout`: sign out of IAM Identity Center sessions. For each: the portal's
//! Logout call (the token stops working), the token file removed from the shared cache,
//! and aws-login's cached credentials made from that session removed.

use std::path::PathBuf;

use anyhow::Result;

use crate::aws::{Service, base_config, call_error};
use crate::cache::Store;
use crate::cli::LogoutArgs;
use crate::env::Env;
use crate::sso::cache::Cache;
use crate::sso::section::trim_url;
use crate::sso::token::Token;

/// The sessions to sign out of.
pub enum Which {
    Name(String),
    StartUrl(String),
    All,
}

pub async fn run(args: &LogoutArgs, env: &Env) -> Result<()> {
    if let Some(profile) = &args.profile {
        return crate::login::logout::profile(profile, env).await;
    }
    if args.all {
        crate::login::logout::all(env)?;
    }
    let which = match (&args.sso_session_name, &args.start_url) {
        (Some(n), _) => Which::Name(n.clone()),
        (None, Some(u)) => Which::StartUrl(u.clone()),
        (None, None) => Which::All,
    };
    logout(&which, env).await
}

pub async fn logout(which: &Which, env: &Env) -> Result<()> {
    let cache = Cache::new(env)?;
    let tokens: Vec<(PathBuf, Token)> = match which {
        Which::Name(name) => {
            let path = cache.path(name);
            cache.read(&path)?.map(|t| (path, t)).into_iter().collect()
        }
        Which::StartUrl(url) => cache
            .token_files()
            .into_iter()
            .filter(|(_, t)| t.start_url().is_some_and(|u| trim_url(u) == trim_url(url)))
            .collect(),
        Which::All => cache.token_files(),
    };
    let mut keys: Vec<String> = Vec::new();
    let mut urls: Vec<String> = Vec::new();
    match which {
        Which::Name(n) => keys.push(n.clone()),
        Which::StartUrl(u) => urls.push(u.clone()),
        Which::All => {}
    }
    for (path, token) in &tokens {
        let url = token.start_url().unwrap_or_default().to_string();
        sign_out(token, env).await;
        let _lock = cache.lock(path).ok();
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => eprintln!(
                "aws-login: warning: cannot remove the token file {}: {}",
                path.display(),
                crate::fsutil::io_reason(&e)
            ),
        }
        eprintln!("aws-login: signed out of {}", crate::inert::server(&url));
        urls.push(url);
    }
    if tokens.is_empty() {
        eprintln!("aws-login: no Identity Center token is cached for that session");
    }
    let store = Store::new(env)?;
    let mut removed = 0;
    for (path, entry) in store.entries() {
        let by_key = matches!(which, Which::All) && entry.meta.sso_session.is_some()
            || entry.meta.sso_session.as_ref().is_some_and(|k| {
                keys.contains(k) || urls.iter().any(|u| trim_url(u) == trim_url(k))
            })
            || entry
                .meta
                .sso_start_url
                .as_ref()
                .is_some_and(|s| urls.iter().any(|u| trim_url(u) == trim_url(s)));
        if by_key {
            removed += usize::from(store.remove_file(&path)?);
        }
    }
    if removed > 0 {
        eprintln!("aws-login: removed {removed} cached credential set(s) made from it");
    }
    Ok(())
}

/// The portal's Logout call; a failure is a warning (the local files go anyway, as with
/// the AWS CLI's `sso logout`).
async fn sign_out(token: &Token, env: &Env) {
    let region = token.region().unwrap_or(crate::region::DEFAULT_REGION);
    let result = async {
        let sdk = base_config(region, None, env).await?;
        aws_sdk_sso::Client::new(&sdk)
            .logout()
            .access_token(token.access_token())
            .send()
            .await
            .map_err(|e| call_error(Service::SSO, "Logout", e))?;
        anyhow::Ok(())
    }
    .await;
    if let Err(e) = result {
        eprintln!(
            "aws-login: warning: the sign-out call failed ({e:#}): the local token is removed anyway"
        );
    }
}
