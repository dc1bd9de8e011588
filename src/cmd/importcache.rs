use anyhow::Result;

use crate::cli::ImportcacheArgs;
use crate::env::Env;
use crate::error::{bail_usage, usage};
use crate::inert::echo;
use crate::input::read_value;
use crate::sso::cache::Cache;
use crate::sso::section;
use crate::sso::token::Token;

/// Validate a token in the AWS CLI cache format and store it in the shared cache under
/// its key (the sso-session name, else its start URL). Prints nothing on success.
pub async fn run(args: &ImportcacheArgs, env: &Env) -> Result<()> {
    let text = read_value("--accesstoken-cache", &args.accesstoken_cache)?;
    let token = Token::parse(&text, "--accesstoken-cache")?;
    let Some(start_url) = token.start_url() else {
        bail_usage!(
            "--accesstoken-cache has no 'startUrl': the token cannot be matched to a sign-in; add it"
        );
    };
    if token.region().is_none() {
        bail_usage!(
            "--accesstoken-cache has no 'region': add the Identity Center region (e.g. \"region\": \"us-east-1\")"
        );
    }
    if !token.refreshable(chrono::Utc::now()) {
        eprintln!(
            "aws-login: warning: the imported token has no refresh token or client registration: it cannot be refreshed, so sign in again when it expires"
        );
    }
    // The SDKs take the start URL of an `sso_session` profile from its section: a token
    // for another portal stored under that name would be sent to the wrong one.
    if let Some(name) = &args.sso_session_name
        && let Some(section) = section::section(name, env).await?
        && let Some(configured) = &section.start_url
        && section::trim_url(configured) != section::trim_url(start_url)
    {
        return Err(usage(format!(
            "the token is for {}, but sso_start_url of {} is {}: import it under the --sso-session-name of its portal",
            echo(start_url),
            section.place,
            echo(configured)
        )));
    }
    let cache = Cache::new(env)?;
    let path = cache.path(args.sso_session_name.as_deref().unwrap_or(start_url));
    let lock = cache.lock(&path)?;
    cache.write(&path, &token.to_json(), &lock)
}
