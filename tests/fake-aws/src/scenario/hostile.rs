//! Hostile-server mode: the texts a compromised or spoofed endpoint could send back, so
//! tests can prove the client keeps them inert on the terminal and on its pages. Every
//! field is optional; an absent one leaves the normal answer.

use serde::{Deserialize, Serialize};

/// The OIDC operations `fail` may name.
pub const FAILABLE: &[&str] = &[
    "RegisterClient",
    "StartDeviceAuthorization",
    "CreateToken",
    "Authorize",
];

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hostile {
    /// The OAuth `error` of every OIDC error body, and of the /authorize redirect
    /// when `fail` names Authorize (default `access_denied` there).
    pub error: Option<String>,
    /// The `error_description` of every OIDC error body (and its `message`, the field
    /// SDKs show), and of the /authorize redirect when `fail` names Authorize.
    pub error_description: Option<String>,
    /// OIDC operations (see [`FAILABLE`]) that fail: the JSON ones with
    /// InvalidRequestException, Authorize with a redirect carrying `error=` instead of a code.
    pub fail: Vec<String>,
    /// StartDeviceAuthorization's `verificationUri`; `verificationUriComplete` becomes
    /// this plus `?user_code=…` unless `verification_uri_complete` is set too.
    pub verification_uri: Option<String>,
    pub verification_uri_complete: Option<String>,
    /// StartDeviceAuthorization's `userCode` (the verification page accepts it too).
    pub user_code: Option<String>,
    /// The message of every STS and SSO portal error.
    pub message: Option<String>,
}

impl Hostile {
    pub fn validate(&self) -> anyhow::Result<()> {
        if let Some(bad) = self.fail.iter().find(|f| !FAILABLE.contains(&f.as_str())) {
            anyhow::bail!("hostile.fail: unknown operation {bad:?} (known: {FAILABLE:?})");
        }
        Ok(())
    }

    pub fn fails(&self, operation: &str) -> bool {
        self.fail.iter().any(|f| f == operation)
    }
}
