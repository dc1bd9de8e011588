//! The environment variables that carry an identity, shared by `dumpcreds` (as shell code)
//! and `runas` (as the child's environment).

use crate::creds::Creds;

/// `(name, Some(value))` to set, `(name, None)` to unset. Unset rather than assign empty:
/// tools such as starship treat an empty variable as set.
pub fn credential_vars(creds: &Creds, region: Option<&str>) -> Vec<(&'static str, Option<String>)> {
    let mut vars = vec![
        ("AWS_ACCESS_KEY_ID", Some(creds.access_key_id.clone())),
        (
            "AWS_SECRET_ACCESS_KEY",
            Some(creds.secret_access_key.clone()),
        ),
        ("AWS_SESSION_TOKEN", creds.session_token.clone()),
        ("AWS_CREDENTIAL_EXPIRATION", creds.expiration_rfc3339()),
        // A profile variable beside explicit keys misleads prompts, and some SDKs prefer
        // the profile over the keys.
        ("AWS_PROFILE", None),
        ("AWS_DEFAULT_PROFILE", None),
        // The pre-2014 name of the session token; a stale one confuses old tools.
        ("AWS_SECURITY_TOKEN", None),
    ];
    if let Some(region) = region {
        vars.push(("AWS_REGION", Some(region.to_string())));
        vars.push(("AWS_DEFAULT_REGION", Some(region.to_string())));
    }
    vars
}

/// Everything `awsl assume` sets, so `awsl unassume` clears exactly that.
pub const ASSUME_VARS: [&str; 12] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SECURITY_TOKEN",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_LOGIN_IDENTITY",
    "AWS_LOGIN_EXPIRES_EPOCH",
    "AWS_LOGIN_ASSUME",
];

/// What `awsl assume` exports: the credentials and both region variables; `AWS_PROFILE`
/// only when it names a real profile whose credentials are the final ones (else unset: a
/// stale profile misleads prompts); aws-login's display name, the expiry as an epoch for
/// fork-free prompts, and the arguments for `awsl refresh`.
pub fn assume_vars(
    creds: &Creds,
    region: &str,
    profile: Option<&str>,
    identity: &str,
    replay: &str,
) -> Vec<(&'static str, Option<String>)> {
    let mut vars = credential_vars(creds, Some(region));
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
    vars.push(("AWS_LOGIN_ASSUME", Some(replay.to_string())));
    vars
}
