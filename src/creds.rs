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
    /// The account the identity belongs to, when known without a call: always 12 digits
    /// (see [`account`]), since it is exported to shells and pages. Not a secret.
    pub account_id: Option<String>,
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
            .field("account_id", &self.account_id)
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
            account_id: account(c.account_id().map(|a| a.as_str())),
        }
    }

    pub fn from_sts(c: &aws_sdk_sts::types::Credentials) -> Creds {
        let expiry = SystemTime::try_from(*c.expiration()).ok();
        Creds {
            access_key_id: c.access_key_id().to_string(),
            secret_access_key: c.secret_access_key().to_string(),
            session_token: Some(c.session_token().to_string()).filter(|t| !t.is_empty()),
            expiration: expiry.map(DateTime::<Utc>::from),
            account_id: None,
        }
    }

    pub fn to_sdk(&self) -> aws_credential_types::Credentials {
        let mut b = aws_credential_types::Credentials::builder()
            .access_key_id(&self.access_key_id)
            .secret_access_key(&self.secret_access_key)
            .provider_name("aws-login");
        b.set_session_token(self.session_token.clone());
        b.set_expiry(self.expiration.map(SystemTime::from));
        b.set_account_id(self.account_id.clone().map(Into::into));
        b.build()
    }
}

/// `value` as an account id, or `None` when it is not one. Every account id a `Creds`
/// holds comes through here: from AWS, a provider or a file it is input, and it goes into
/// shell code, child environments and JSON unquoted by some readers.
pub fn account(value: Option<&str>) -> Option<String> {
    let value = value?;
    if crate::arn::is_account_id(value) {
        Some(value.to_string())
    } else {
        // Not echoed: its only use would be to show what a misbehaving source sent.
        tracing::debug!("ignoring an account id that is not 12 digits");
        None
    }
}

/// The account of an ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:…`), when it holds one.
pub fn account_of_arn(arn: &str) -> Option<String> {
    account(arn.split(':').nth(4))
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
            account_id: Some("123456789012".into()),
        };
        let s = format!("{c:?}");
        assert!(s.contains("AKIAEXAMPLE") && s.contains("123456789012"));
        assert!(!s.contains("very-secret") && !s.contains("token-secret"));
    }

    #[test]
    fn only_twelve_digits_are_an_account() {
        assert_eq!(
            account(Some("123456789012")).as_deref(),
            Some("123456789012")
        );
        for bad in [
            "",
            "12345678901",
            "1234567890123",
            "12345678901x",
            "$(id)12345678",
            "１２３４５６７８９０１２",
        ] {
            assert_eq!(account(Some(bad)), None, "{bad}");
        }
        assert_eq!(
            account_of_arn("arn:aws:sts::222222222222:assumed-role/Deploy/s").as_deref(),
            Some("222222222222")
        );
        assert_eq!(
            account_of_arn("arn:aws:sts::2222';x:federated-user/x"),
            None
        );
        assert_eq!(account_of_arn("not an arn"), None);
    }

    #[test]
    fn the_account_reaches_the_sdk_and_back() {
        let c = Creds {
            access_key_id: "ASIAX".into(),
            secret_access_key: "s".into(),
            session_token: Some("t".into()),
            expiration: None,
            account_id: Some("123456789012".into()),
        };
        assert_eq!(Creds::from_sdk(&c.to_sdk()), c);
        let hostile = aws_credential_types::Credentials::builder()
            .access_key_id("A")
            .secret_access_key("s")
            .account_id("1;rm -rf ~")
            .provider_name("test")
            .build();
        assert_eq!(Creds::from_sdk(&hostile).account_id, None);
    }
}
