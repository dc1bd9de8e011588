//! What Sign-In's OAuth endpoints remember: authorization codes, refresh tokens (each
//! bound to the client's DPoP key, good for one use: every refresh rotates it) and the
//! DPoP proof ids already seen.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, HashSet};

/// Authorization codes live five minutes.
pub const CODE_TTL_SECS: i64 = 300;
/// The access token's lifetime: Sign-In's credentials last 15 minutes.
pub const ACCESS_TTL_SECS: i64 = 900;

pub struct Code {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

pub struct Refresh {
    pub client_id: String,
    /// Thumbprint of the DPoP key the token was issued to.
    pub jkt: String,
    pub used: bool,
}

#[derive(Default)]
pub struct LoginStore {
    pub codes: HashMap<String, Code>,
    pub refresh: HashMap<String, Refresh>,
    pub jtis: HashSet<String>,
}

impl LoginStore {
    pub fn add_code(&mut self, code: String, client_id: &str, redirect_uri: &str, challenge: &str) {
        self.codes.insert(
            code,
            Code {
                client_id: client_id.to_string(),
                redirect_uri: redirect_uri.to_string(),
                challenge: challenge.to_string(),
                expires_at: Utc::now() + Duration::seconds(CODE_TTL_SECS),
                used: false,
            },
        );
    }

    pub fn add_refresh(&mut self, token: String, client_id: &str, jkt: &str) {
        let refresh = Refresh {
            client_id: client_id.to_string(),
            jkt: jkt.to_string(),
            used: false,
        };
        self.refresh.insert(token, refresh);
    }

    /// Every refresh token issued, for the leak checks.
    pub fn secrets(&self) -> Vec<String> {
        self.refresh.keys().cloned().collect()
    }
}
