//! Credentials as aws-login passes them between stages. Debug never shows the secrets.

use std::fmt;
use std::time::SystemTime;

use chrono::{DateTime, Utc};

use crate::error::Usage;
use crate::validate;

#[derive(Clone, PartialEq, Eq)]
pub struct Creds {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    /// When the credentials stop working, if known (STS `Expiration`, provider expiry).
    pub expiration: Option<DateTime<Utc>>,
}

impl fmt::Debug for Creds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Creds")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiration", &self.expiration)
            .finish()
    }
}

impl Creds {
    /// Long-term IAM user keys: no session token.
    pub fn is_long_term(&self) -> bool {
        self.session_token.is_none()
    }

    /// RFC 3339 in UTC with `Z`, the form starship and the SDKs parse.
    pub fn expiration_rfc3339(&self) -> Option<String> {
        self.expiration.map(crate::time::format)
    }

    /// To sign with them: the access key id and the session token travel in HTTP headers
    /// (the signature's, and as is), so a value no header can hold is an input error here,
    /// not a signing that fails (or aborts) later. Without a call any value is passed on
    /// (`dumpcreds` prints what it was given).
    pub fn check_signable(&self) -> Result<(), Usage> {
        let fix = "fix it where the credentials come from";
        validate::token("the access key id to sign with", &self.access_key_id)
            .map_err(|e| Usage(format!("{e}; {fix}")))?;
        match &self.session_token {
            Some(t) => validate::token("the session token to sign with", t)
                .map_err(|e| Usage(format!("{e}; {fix}"))),
            None => Ok(()),
        }
    }

    pub fn from_sdk(c: &aws_credential_types::Credentials) -> Creds {
        Creds {
            access_key_id: c.access_key_id().to_string(),
            secret_access_key: c.secret_access_key().to_string(),
            session_token: c
                .session_token()
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            expiration: c.expiry().map(DateTime::<Utc>::from),
        }
    }

    pub fn from_sts(c: &aws_sdk_sts::types::Credentials) -> Creds {
        let expiry = SystemTime::try_from(*c.expiration()).ok();
        Creds {
            access_key_id: c.access_key_id().to_string(),
            secret_access_key: c.secret_access_key().to_string(),
            session_token: Some(c.session_token().to_string()).filter(|t| !t.is_empty()),
            expiration: expiry.map(DateTime::<Utc>::from),
        }
    }

    pub fn to_sdk(&self) -> aws_credential_types::Credentials {
        aws_credential_types::Credentials::new(
            &self.access_key_id,
            &self.secret_access_key,
            self.session_token.clone(),
            self.expiration.map(SystemTime::from),
            "aws-login",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_redacts_secrets() {
        let c = Creds {
            access_key_id: "AKIAEXAMPLE".into(),
            secret_access_key: "very-secret".into(),
            session_token: Some("token-secret".into()),
            expiration: None,
        };
        let s = format!("{c:?}");
        assert!(s.contains("AKIAEXAMPLE"));
        assert!(!s.contains("very-secret") && !s.contains("token-secret"));
    }
}
