//! The environment variables that carry an identity, shared by `dumpcreds` (as shell code)
//! and `runas` (as the child's environment).

use crate::creds::Creds;
use crate::env::Env;
use crate::region::{self, EXPORTED_VAR, REGION_VARS, Resolved, Source};
use crate::time::EXPIRATION_VAR;

/// `(name, Some(value))` to set, `(name, None)` to unset. Unset rather than assign empty:
/// tools such as starship treat an empty variable as set. `region` is set in both region
/// variables when given (see `Resolved::exported`); otherwise they are left as they are.
pub fn credential_vars(creds: &Creds, region: Option<&str>) -> Vec<(&'static str, Option<String>)> {
    let mut vars = vec![
        ("AWS_ACCESS_KEY_ID", Some(creds.access_key_id.clone())),
        (
            "AWS_SECRET_ACCESS_KEY",
            Some(creds.secret_access_key.clone()),
        ),
        ("AWS_SESSION_TOKEN", creds.session_token.clone()),
        (EXPIRATION_VAR, creds.expiration_rfc3339()),
        // The SDKs take it beside the keys for account-based endpoints; unset when unknown,
        // so an earlier identity's account never stays beside these keys.
        ("AWS_ACCOUNT_ID", creds.account_id.clone()),
        // A profile variable beside explicit keys misleads prompts, and some SDKs prefer
        // the profile over the keys.
        ("AWS_PROFILE", None),
        ("AWS_DEFAULT_PROFILE", None),
        // The pre-2014 name of the session token; a stale one confuses old tools.
        ("AWS_SECURITY_TOKEN", None),
    ];
    if let Some(region) = region {
        vars.extend(REGION_VARS.map(|v| (v, Some(region.to_string()))));
    }
    vars
}

/// Everything `awsl assume` sets that `awsl unassume` clears. The region variables are not
/// here: unassume clears them only while they hold aws-login's own export
/// (`region::exported_leftovers`), so a region the user set survives it.
pub const ASSUME_VARS: [&str; 13] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    EXPIRATION_VAR,
    "AWS_ACCOUNT_ID",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SECURITY_TOKEN",
    EXPORTED_VAR,
    "AWS_LOGIN_IDENTITY",
    "AWS_LOGIN_EXPIRES_EPOCH",
    SIGNIN_VAR,
    "AWS_LOGIN_ASSUME",
];

/// When the Identity Center sign-in behind the identity ends (an epoch), for prompts to
/// warn before a refresh would need a browser.
pub const SIGNIN_VAR: &str = "AWS_LOGIN_SIGNIN_EXPIRES_EPOCH";

/// What `awsl assume` left in `env`: aws-login's state, never the user's input. While an
/// assume is in force (its replay variable is set) that is everything in [`ASSUME_VARS`],
/// as `awsl unassume` takes it; the region variables only while they still hold the
/// recorded export, so a region the user set stays theirs.
pub fn own_state(env: &Env) -> Vec<&'static str> {
    let mut vars = region::exported_leftovers(env);
    if env.get("AWS_LOGIN_ASSUME").is_some() {
        vars.extend(ASSUME_VARS);
    }
    vars
}

/// What `awsl assume` exports: the credentials and both region variables (unless the region
/// is the bare fallback: then `leftovers`, the previous assume's region, are removed and a
/// region the user set stays); `AWS_PROFILE` only when it names a real profile whose
/// credentials are the final ones (else unset: a stale profile misleads prompts);
/// aws-login's display name, the expiry as an epoch for fork-free prompts, the end of
/// the Identity Center sign-in it came from (`signin_ends`, an epoch; unset for any other
/// source), and the arguments for `awsl refresh`.
///
/// The region is recorded in AWS_LOGIN_REGION when aws-login chose it (`--region`, a
/// profile), not when it came from the environment: that one is the user's and stays
/// theirs on the next assume and after unassume.
pub fn assume_vars(
    creds: &Creds,
    region: &Resolved,
    leftovers: &[&'static str],
    profile: Option<&str>,
    identity: &str,
    signin_ends: Option<i64>,
    replay: &str,
) -> Vec<(&'static str, Option<String>)> {
    let mut vars = credential_vars(creds, region.exported());
    if region.exported().is_none() {
        vars.extend(leftovers.iter().map(|v| (*v, None)));
    }
    let recorded = matches!(region.source, Source::Flag | Source::Profile);
    vars.push((EXPORTED_VAR, recorded.then(|| region.name.clone())));
    for (name, value) in vars.iter_mut() {
        if *name == "AWS_PROFILE" {
            *value = profile.map(str::to_string);
        }
    }
    vars.push(("AWS_LOGIN_IDENTITY", Some(identity.to_string())));
    vars.push((
        "AWS_LOGIN_EXPIRES_EPOCH",
        creds.expiration.map(|t| t.timestamp().to_string()),
    ));
    vars.push((SIGNIN_VAR, signin_ends.map(|t| t.to_string())));
    vars.push(("AWS_LOGIN_ASSUME", Some(replay.to_string())));
    vars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_an_assume_exported_is_its_own_state_and_unassume_clears_it() {
        let assumed = Env::from_pairs(&[
            ("AWS_LOGIN_ASSUME", "[]"),
            ("AWS_ACCOUNT_ID", "123456789012"),
        ]);
        assert!(own_state(&assumed).contains(&"AWS_ACCOUNT_ID"));
        let users = Env::from_pairs(&[("AWS_ACCOUNT_ID", "123456789012")]);
        assert!(!own_state(&users).contains(&"AWS_ACCOUNT_ID"));
    }
}
