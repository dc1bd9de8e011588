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
