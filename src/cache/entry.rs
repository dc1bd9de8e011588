//! One session-cache entry: its key (the hash of a canonical description of the request)
//! and its file, versioned JSON holding the credentials and what `cache list` shows.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::creds::Creds;

/// The entry format; a file with any other version is a miss, replaced when written.
pub const VERSION: u32 = 1;

/// What an entry is for, and what `cache list` and `logout` know it by. Nothing here is a
/// secret: the description may name a key id, never a secret key or token.
#[derive(Debug, Clone)]
pub struct Key {
    /// Canonical description of the request (see `Request::describe`); only its hash is
    /// kept, as the file name.
    description: Value,
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Meta {
    /// `credentials` (a request's final credentials) or `mfa-session`.
    pub kind: String,
    /// The final role ARN, `account/role` for SSO, else (filled in when stored) the key id.
    pub identity: Option<String>,
    /// A short description of the source (`profile dev`, `environment key AKIA…`).
    pub source: String,
    /// The Identity Center session the credentials were made from (its sso-session name
    /// or start URL: the shared token cache's key), for `logout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_session: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_start_url: Option<String>,
    /// The Identity Center token the credentials were made from, for credentials made
    /// from one: they are served only while its file is there (see [`Entry::backed`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso_token: Option<TokenFrom>,
}

/// Where the Identity Center token of an entry came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TokenFrom {
    /// A token file (the shared cache's, or `--accesstoken-cache file://PATH`).
    File(PathBuf),
    /// A token given as a value (`--sso-access-token`, inline JSON): nothing to sign out of
    /// locally.
    Given,
}

/// Facts about the credentials that callers need without the source (the console's
/// session length rules).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Shape {
    /// Made by role chaining (AWS caps such a session at one hour).
    pub chained: bool,
    /// Made by GetFederationToken.
    pub federated: bool,
}

/// Credentials as the cache hands them back.
#[derive(Debug, Clone)]
pub struct Cached {
    pub creds: Creds,
    pub shape: Shape,
}

impl From<Creds> for Cached {
    fn from(creds: Creds) -> Cached {
        Cached {
            creds,
            shape: Shape::default(),
        }
    }
}

impl Key {
    pub fn new(description: Value, meta: Meta) -> Key {
        Key { description, meta }
    }

    /// The file name: hex SHA-256 of the description as canonical JSON (serde_json's
    /// maps are sorted by key), so it reveals nothing of the request.
    pub fn file_name(&self) -> String {
        let canonical = self.description.to_string();
        let hash = Sha256::digest(canonical.as_bytes());
        format!("{}.json", crate::fsutil::hex(&hash))
    }
}

/// The file's contents.
#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(default)]
    pub shape: Shape,
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    #[serde(with = "rfc3339")]
    pub expiration: DateTime<Utc>,
    pub credentials: StoredCreds,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StoredCreds {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    /// Absent from entries older aws-login versions wrote, and when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
}

impl std::fmt::Debug for StoredCreds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredCreds")
            .field("access_key_id", &self.access_key_id)
            .field("account_id", &self.account_id)
            .finish_non_exhaustive()
    }
}

impl Entry {
    /// An entry for temporary credentials with an expiry; `None` for anything else
    /// (long-term keys are never copied into the cache).
    pub fn new(meta: &Meta, cached: &Cached, now: DateTime<Utc>) -> Option<Entry> {
        let c = &cached.creds;
        let (Some(token), Some(expiration)) = (&c.session_token, c.expiration) else {
            return None;
        };
        let mut meta = meta.clone();
        meta.identity.get_or_insert_with(|| c.access_key_id.clone());
        Some(Entry {
            version: VERSION,
            meta,
            shape: cached.shape,
            created: now,
            expiration,
            credentials: StoredCreds {
                access_key_id: c.access_key_id.clone(),
                secret_access_key: c.secret_access_key.clone(),
                session_token: token.clone(),
                account_id: c.account_id.clone(),
            },
        })
    }

    /// Whether `text` is an entry of any version, whole or not quite (what `cache clear
    /// --all` may remove): a JSON object with a version and credentials.
    pub fn looks_like_one(text: &str) -> bool {
        serde_json::from_str::<Value>(text)
            .is_ok_and(|v| v["version"].is_u64() && v["credentials"].is_object())
    }

    /// A file's entry; `None` when it is not one this version wrote whole.
    pub fn parse(text: &str) -> Option<Entry> {
        let entry: Entry = serde_json::from_str(text).ok()?;
        let c = &entry.credentials;
        let whole = entry.version == VERSION
            && !c.access_key_id.is_empty()
            && !c.secret_access_key.is_empty()
            && !c.session_token.is_empty();
        whole.then_some(entry)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an entry serializes")
    }

    /// Whether what the credentials were made from is still there: a sign-out (`aws sso
    /// logout`, aws-login's `logout`) removes the token file, and ends what was made from
    /// it too. One `stat`; an expired token that is still there keeps its credentials
    /// served while they last, as botocore does. An entry from an Identity Center session
    /// that does not say which token it came from (an older aws-login wrote it) is not
    /// served: nothing shows that its session is still signed in.
    pub fn backed(&self) -> bool {
        let from_sso = self.meta.sso_session.is_some() || self.meta.sso_start_url.is_some();
        match &self.meta.sso_token {
            Some(TokenFrom::File(path)) => path.try_exists().unwrap_or(false),
            Some(TokenFrom::Given) => true,
            None => !from_sso,
        }
    }

    /// Whether the credentials still have at least `margin` left at `now`.
    pub fn fresh_at(&self, now: DateTime<Utc>, margin: chrono::Duration) -> bool {
        self.expiration - now >= margin
    }

    pub fn cached(&self) -> Cached {
        let c = &self.credentials;
        Cached {
            creds: Creds {
                access_key_id: c.access_key_id.clone(),
                secret_access_key: c.secret_access_key.clone(),
                session_token: Some(c.session_token.clone()),
                expiration: Some(self.expiration),
                // Checked again: the file is read back, not trusted to hold an account id.
                account_id: crate::creds::account(c.account_id.as_deref()),
            },
            shape: self.shape,
        }
    }
}

/// Times as RFC 3339 UTC with `Z` (crate::time), whole seconds.
mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::format(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        crate::time::parse(&text).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(expiration: Option<DateTime<Utc>>) -> Cached {
        Creds {
            access_key_id: "ASIAX".into(),
            secret_access_key: "secret-value".into(),
            session_token: Some("token-value".into()),
            expiration,
            account_id: Some("123456789012".into()),
        }
        .into()
    }

    #[test]
    fn the_file_name_is_a_hash_of_the_sorted_description() {
        let a = Key::new(serde_json::json!({"b": 1, "a": "x"}), Meta::default());
        let b = Key::new(serde_json::json!({"a": "x", "b": 1}), Meta::default());
        assert_eq!(a.file_name(), b.file_name());
        assert_eq!(a.file_name().len(), 64 + 5);
        let c = Key::new(serde_json::json!({"a": "y", "b": 1}), Meta::default());
        assert_ne!(a.file_name(), c.file_name());
    }

    #[test]
    fn only_temporary_credentials_with_an_expiry_make_an_entry() {
        let now = DateTime::from_timestamp(2_000_000_000, 0).unwrap();
        assert!(Entry::new(&Meta::default(), &temp(None), now).is_none());
        let mut long_term = temp(Some(now));
        long_term.creds.session_token = None;
        assert!(Entry::new(&Meta::default(), &long_term, now).is_none());
        let e = Entry::new(&Meta::default(), &temp(Some(now)), now).unwrap();
        assert_eq!(e.meta.identity.as_deref(), Some("ASIAX"));
        let back = Entry::parse(&e.to_json()).unwrap();
        assert_eq!(back.cached().creds, temp(Some(now)).creds);
        assert!(!format!("{back:?}").contains("secret-value"));
    }

    #[test]
    fn an_entry_from_a_token_file_is_backed_while_the_file_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let token = dir.path().join("token.json");
        let now = Utc::now();
        let mut e = Entry::new(&Meta::default(), &temp(Some(now)), now).unwrap();
        assert!(e.backed(), "not from a token at all");
        e.meta.sso_session = Some("work".into());
        assert!(!e.backed(), "from a session, token unknown");
        e.meta.sso_token = Some(TokenFrom::Given);
        assert!(e.backed());
        e.meta.sso_token = Some(TokenFrom::File(token.clone()));
        assert!(!e.backed());
        std::fs::write(&token, "{}").unwrap();
        let back = Entry::parse(&e.to_json()).unwrap();
        assert_eq!(back.meta.sso_token, Some(TokenFrom::File(token)));
        assert!(back.backed());
    }

    #[test]
    fn entries_of_any_version_look_like_one_and_other_files_do_not() {
        let now = Utc::now();
        let json = Entry::new(&Meta::default(), &temp(Some(now)), now)
            .unwrap()
            .to_json();
        assert!(Entry::looks_like_one(&json));
        assert!(Entry::looks_like_one(
            r#"{"version": 9, "credentials": {}}"#
        ));
        for other in [
            "",
            "junk",
            "{}",
            r#"{"version": 1}"#,
            r#"{"accessToken": "x"}"#,
        ] {
            assert!(!Entry::looks_like_one(other), "{other}");
        }
    }

    #[test]
    fn other_versions_and_damaged_files_are_no_entry() {
        let now = Utc::now();
        let e = Entry::new(&Meta::default(), &temp(Some(now)), now).unwrap();
        let json = e.to_json();
        assert!(Entry::parse(&json.replace("\"version\": 1", "\"version\": 2")).is_none());
        assert!(Entry::parse(&json[..json.len() / 2]).is_none());
        assert!(Entry::parse(&json.replace("token-value", "")).is_none());
    }

    #[test]
    fn the_account_is_kept_and_entries_without_it_still_load() {
        let now = DateTime::from_timestamp(2_000_000_000, 0).unwrap();
        let json = Entry::new(&Meta::default(), &temp(Some(now)), now)
            .unwrap()
            .to_json();
        assert!(json.contains(r#""AccountId": "123456789012""#), "{json}");
        let back = Entry::parse(&json).unwrap().cached().creds;
        assert_eq!(back.account_id.as_deref(), Some("123456789012"));

        let older = json.replace(r#""AccountId": "123456789012""#, r#""Other": 1"#);
        assert!(!older.contains("AccountId"));
        let back = Entry::parse(&older).expect("an entry without an account loads");
        assert_eq!(back.cached().creds.account_id, None);
        assert_eq!(back.cached().creds.access_key_id, "ASIAX");

        let tampered = json.replace("123456789012", "1234;id;5678");
        let back = Entry::parse(&tampered).unwrap();
        assert_eq!(back.cached().creds.account_id, None);
    }
}
