//! An SSO access token in the AWS CLI's cache format.
//!
//! Kept as a JSON object so that keys aws-login does not know survive a rewrite.

use std::fmt;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::error::Usage;
use crate::time;
use crate::validate;

#[derive(Clone, PartialEq)]
pub struct Token {
    fields: Map<String, Value>,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("startUrl", &self.start_url())
            .field("region", &self.region())
            .field("expiresAt", &self.expires_at())
            .field("refreshable", &self.refreshable(Utc::now()))
            .finish_non_exhaustive()
    }
}

impl Token {
    pub fn new(
        start_url: Option<&str>,
        region: &str,
        access_token: &str,
        expires_at: DateTime<Utc>,
    ) -> Token {
        let mut t = Token { fields: Map::new() };
        if let Some(url) = start_url {
            t.set("startUrl", url);
        }
        t.set("region", region);
        t.set("accessToken", access_token);
        t.set("expiresAt", &time::format(expires_at));
        t
    }

    /// A token given as is, with nothing known about it.
    pub fn bare(access_token: &str) -> Token {
        let mut t = Token { fields: Map::new() };
        t.set("accessToken", access_token);
        t
    }

    /// Parse cache-format JSON; `what` names the source in errors.
    pub fn parse(text: &str, what: &str) -> Result<Token, Usage> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Usage(format!(
                "{what} is not valid JSON ({e}): give a token cache file in the AWS CLI format"
            ))
        })?;
        let Value::Object(fields) = value else {
            return Err(Usage(format!(
                "{what} must be a JSON object in the AWS CLI token cache format"
            )));
        };
        let t = Token { fields };
        for key in ["accessToken", "expiresAt"] {
            if t.str(key).is_none() {
                return Err(Usage(format!(
                    "{what} has no '{key}': it is not an SSO token cache file"
                )));
            }
        }
        if t.expires_at().is_none() {
            return Err(Usage(format!(
                "{what}: 'expiresAt' is not an RFC 3339 time such as 2026-01-01T12:00:00Z"
            )));
        }
        validate::token(&format!("the accessToken in {what}"), t.access_token())?;
        // Both end up in config files (dumpconfig), cache keys and messages: checked here,
        // where every token read from a file or the command line passes.
        if let Some(url) = t.start_url() {
            validate::start_url(&format!("the startUrl in {what}"), url)?;
        }
        if let Some(region) = t.region() {
            validate::region(&format!("the region in {what}"), region)?;
        }
        Ok(t)
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.fields).expect("a JSON map serialises");
        s.push('\n');
        s
    }

    fn str(&self, key: &str) -> Option<&str> {
        self.fields.get(key)?.as_str().filter(|s| !s.is_empty())
    }

    pub fn set(&mut self, key: &str, value: &str) {
        self.fields
            .insert(key.to_string(), Value::String(value.to_string()));
    }

    pub fn access_token(&self) -> &str {
        self.str("accessToken").unwrap_or_default()
    }
    pub fn start_url(&self) -> Option<&str> {
        self.str("startUrl")
    }
    pub fn region(&self) -> Option<&str> {
        self.str("region")
    }
    pub fn refresh_token(&self) -> Option<&str> {
        self.str("refreshToken")
    }
    pub fn client_id(&self) -> Option<&str> {
        self.str("clientId")
    }
    pub fn client_secret(&self) -> Option<&str> {
        self.str("clientSecret")
    }
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        time::parse(self.str("expiresAt")?)
    }
    pub fn registration_expires_at(&self) -> Option<DateTime<Utc>> {
        time::parse(self.str("registrationExpiresAt")?)
    }

    /// Whether the token is past its expiry, or within `margin` of it.
    pub fn expires_within(&self, now: DateTime<Utc>, margin: chrono::Duration) -> bool {
        self.expires_at().is_some_and(|t| t - margin <= now)
    }

    /// Refreshable: a refresh token and a client registration that has not expired.
    pub fn refreshable(&self, now: DateTime<Utc>) -> bool {
        self.refresh_token().is_some()
            && self.client_id().is_some()
            && self.client_secret().is_some()
            && self.registration_expires_at().is_none_or(|t| t > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_survive_and_times_are_written_with_z() {
        let mut t = Token::parse(
            r#"{"accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z", "custom": {"x": 1}}"#,
            "test",
        )
        .unwrap();
        t.set(
            "expiresAt",
            &time::format(time::parse("2031-02-03T04:05:06+00:00").unwrap()),
        );
        let out: Value = serde_json::from_str(&t.to_json()).unwrap();
        assert_eq!(out["custom"]["x"], 1);
        assert_eq!(out["expiresAt"], "2031-02-03T04:05:06Z");
    }

    #[test]
    fn malformed_caches_are_rejected_with_reasons() {
        assert!(
            Token::parse("nope", "x")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        assert!(
            Token::parse("[]", "x")
                .unwrap_err()
                .to_string()
                .contains("JSON object")
        );
        assert!(
            Token::parse(r#"{"expiresAt": "2030-01-01T00:00:00Z"}"#, "x")
                .unwrap_err()
                .to_string()
                .contains("accessToken")
        );
        assert!(Token::parse(r#"{"accessToken": "a", "expiresAt": "soon"}"#, "x").is_err());
        for (field, bad) in [
            ("startUrl", "https://x.awsapps.com/start\n[profile x]"),
            ("startUrl", "https://u:p@x.awsapps.com/start"),
            ("startUrl", "http://x.awsapps.com/start"),
            ("region", "us-east-1\n[profile x]"),
        ] {
            let mut t = Token::bare("a");
            t.set("expiresAt", "2030-01-01T00:00:00Z");
            t.set(field, bad);
            let err = Token::parse(&t.to_json(), "the file")
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("the {field} in the file")), "{err}");
        }
    }

    #[test]
    fn refreshable_needs_all_parts_and_a_live_registration() {
        let now = Utc::now();
        let mut t = Token::new(Some("https://x"), "us-east-1", "a", now);
        assert!(!t.refreshable(now));
        t.set("refreshToken", "r");
        t.set("clientId", "c");
        t.set("clientSecret", "s");
        assert!(t.refreshable(now));
        t.set(
            "registrationExpiresAt",
            &time::format(now - chrono::Duration::hours(1)),
        );
        assert!(!t.refreshable(now));
    }
}
