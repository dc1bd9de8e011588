//! Commands whose options parse and validate here, and whose work lands in later issues.

use anyhow::{Result, anyhow};

use crate::cli::{DumpconfigArgs, ShellArgs};
use crate::error::bail_usage;

fn not_yet(what: &str) -> anyhow::Error {
    anyhow!("{what} is not available in this version of aws-login yet")
}

pub fn dumpconfig(args: &DumpconfigArgs) -> Result<()> {
    let sso = &args.sso;
    if sso.start_url.is_none()
        && sso.sso_access_token.is_none()
        && sso.accesstoken_cache.is_none()
        && !sso.use_cache
    {
        bail_usage!(
            "dumpconfig needs an SSO token: add --start-url, --sso-access-token, --accesstoken-cache or --use-cache"
        );
    }
    Err(not_yet("dumpconfig"))
}

pub fn shell(_args: &ShellArgs) -> Result<()> {
    Err(not_yet("shell init"))
}
