//! The AWS CLI's `aws login` cache: `<dir>/<sha256 hex of the login_session>.json`,
//! shared both ways with the CLI. The file is kept as the CLI wrote it (fields aws-login
//! does not know included); a refresh replaces the credentials and the rotated refresh
//! token, atomically and under the writers' lock.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::creds::Creds;
use crate::env::Env;
use crate::fsutil;
use crate::lock::Locked;

/// One cached session.
pub struct Entry {
    doc: Map<String, Value>,
    pub creds: Creds,
    pub expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub client_id: String,
    pub dpop_key: String,
}

/// The directory of the cache (see crate::paths::login_cache_dir).
pub fn dir(env: &Env) -> Result<PathBuf> {
    crate::paths::login_cache_dir(env)
        .context("cannot find the home directory for the login session cache: set HOME")
}

/// The file of `session` in `dir`.
pub fn path(dir: &Path, session: &str) -> PathBuf {
    let hash: String = Sha256::digest(session.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    dir.join(format!("{hash}.json"))
}

/// The cached session at `path`, `None` when there is none.
pub fn read(path: &Path) -> Result<Option<Entry>> {
    let Some(text) = fsutil::read_private(path, fsutil::SMALL_FILE, "the login session cache")?
    else {
        return Ok(None);
    };
    Entry::parse(&text).map(Some).map_err(|e| {
        anyhow!(
            "the login session cache {} {e}: sign in again",
            path.display()
        )
    })
}

impl Entry {
    fn parse(text: &str) -> Result<Entry> {
        let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(text) else {
            return Err(anyhow!("is not a JSON object"));
        };
        let text = |v: &Value, name: &str| -> Result<String> {
            v.get(name)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .ok_or_else(|| anyhow!("has no {name}"))
        };
        let root = Value::Object(doc.clone());
        let access = root
            .get("accessToken")
            .ok_or_else(|| anyhow!("has no accessToken"))?;
        let expires = text(access, "expiresAt")?;
        let expires_at = crate::time::parse(&expires)
            .ok_or_else(|| anyhow!("has an expiresAt that is not a time"))?;
        let creds = Creds {
            access_key_id: text(access, "accessKeyId")?,
            secret_access_key: text(access, "secretAccessKey")?,
            session_token: Some(text(access, "sessionToken")?),
            expiration: Some(expires_at),
            account_id: crate::creds::account(access.get("accountId").and_then(Value::as_str)),
        };
        Ok(Entry {
            creds,
            expires_at,
            refresh_token: text(&root, "refreshToken")?,
            client_id: text(&root, "clientId")?,
            dpop_key: text(&root, "dpopKey")?,
            doc,
        })
    }

    /// A new session, as `aws login` leaves it.
    pub fn new(
        creds: Creds,
        account: &str,
        token_type: &str,
        client_id: &str,
        refresh_token: String,
        id_token: &str,
        dpop_key: String,
    ) -> Entry {
        let expires_at = creds.expiration.unwrap_or_else(Utc::now);
        let mut doc = Map::new();
        doc.insert("accessToken".into(), json!({"accountId": account}));
        doc.insert("tokenType".into(), json!(token_type));
        doc.insert("clientId".into(), json!(client_id));
        doc.insert("idToken".into(), json!(id_token));
        let mut entry = Entry {
            doc,
            creds: creds.clone(),
            expires_at,
            refresh_token: refresh_token.clone(),
            client_id: client_id.to_string(),
            dpop_key,
        };
        entry.renew(creds, refresh_token);
        entry
    }

    /// Replace the credentials and the refresh token after a refresh.
    pub fn renew(&mut self, creds: Creds, refresh_token: String) {
        let expires_at = creds.expiration.unwrap_or_else(Utc::now);
        let access = self.doc.entry("accessToken").or_insert_with(|| json!({}));
        if !access.is_object() {
            *access = json!({});
        }
        access["accessKeyId"] = json!(creds.access_key_id);
        access["secretAccessKey"] = json!(creds.secret_access_key);
        access["sessionToken"] = json!(creds.session_token.clone().unwrap_or_default());
        access["expiresAt"] = json!(crate::time::format(expires_at));
        self.doc.insert("refreshToken".into(), json!(refresh_token));
        self.doc.insert("dpopKey".into(), json!(self.dpop_key));
        self.creds = creds;
        self.expires_at = expires_at;
        self.refresh_token = refresh_token;
    }

    /// Write the entry to `path`: 0600 in a 0700 directory, replaced atomically and
    /// flushed, since the refresh token in it is now the only one that works.
    pub fn write(&self, path: &Path, lock: &Locked) -> Result<()> {
        if let Some(dir) = path.parent() {
            fsutil::private_dir(dir)?;
        }
        let text = serde_json::to_string(&self.doc)?;
        fsutil::write_atomic(path, &text, 0o600, lock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_named_by_the_sha256_of_the_session() {
        let p = path(Path::new("/c"), "arn:aws:iam::0123456789012:user/Admin");
        assert_eq!(p.extension().unwrap(), "json");
        assert_eq!(p.file_stem().unwrap().len(), 64);
    }

    #[test]
    fn a_renewal_keeps_unknown_fields_and_replaces_the_secrets() {
        let text = r#"{"accessToken":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T",
            "accountId":"012345678901","expiresAt":"2025-09-14T04:05:45Z"},"tokenType":"aws_sigv4",
            "refreshToken":"R","idToken":"I","clientId":"arn:aws:signin:::devtools/same-device",
            "dpopKey":"K","extra":1}"#;
        let mut e = Entry::parse(text).unwrap();
        assert_eq!(e.creds.access_key_id, "A");
        let creds = Creds {
            access_key_id: "A2".into(),
            secret_access_key: "S2".into(),
            session_token: Some("T2".into()),
            expiration: Some(Utc::now()),
            account_id: None,
        };
        e.renew(creds, "R2".into());
        let out: Value = serde_json::from_str(&serde_json::to_string(&e.doc).unwrap()).unwrap();
        assert_eq!(out["refreshToken"], "R2");
        assert_eq!(out["accessToken"]["accountId"], "012345678901");
        assert_eq!(out["accessToken"]["sessionToken"], "T2");
        assert_eq!(out["extra"], 1);
        assert!(Entry::parse("[]").is_err());
        assert!(Entry::parse(r#"{"accessToken":{}}"#).is_err());
    }
}
