//! Sign-in tokens handed out by `getSigninToken` and the console sessions
//! `login` opens with them.

use crate::ids;
use chrono::{DateTime, Duration, SubsecRound, Utc};

/// Sign-in tokens are good for one login within 15 minutes, as at AWS.
pub const TOKEN_TTL_SECS: i64 = 900;

/// A successful `getSigninToken`, with what a later `login` added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleSignin {
    /// Caller ARN of the session the sign-in token was made from, as
    /// GetCallerIdentity reports it.
    pub caller_arn: String,
    /// The `SessionDuration` the client sent, if any.
    pub session_duration: Option<i64>,
    /// `Issuer` of the login that used the token.
    pub issuer: Option<String>,
    /// `Destination` of the login that used the token.
    pub destination: Option<String>,
    /// A login succeeded with the token (it cannot be used again).
    pub used: bool,
}

/// How long a console session lasts once opened.
#[derive(Clone, Copy, Debug)]
pub enum Lifetime {
    /// From the moment of login (SessionDuration, or the role default).
    Secs(i64),
    /// Until a fixed time: GetFederationToken credentials keep their own expiry.
    Until(DateTime<Utc>),
}

/// A console session opened by `login`.
#[derive(Clone, Debug)]
pub struct Console {
    pub id: String,
    pub region: String,
    pub expires_at: DateTime<Utc>,
}

/// One issued sign-in token.
pub struct Grant {
    pub token: String,
    pub access_key_id: String,
    pub caller_arn: String,
    pub session_duration: Option<i64>,
    pub lifetime: Lifetime,
    pub issued_at: DateTime<Utc>,
    pub used: bool,
    pub issuer: Option<String>,
    pub destination: Option<String>,
    pub console: Option<Console>,
}

impl Grant {
    pub fn token_expired(&self) -> bool {
        Utc::now() >= self.issued_at + Duration::seconds(TOKEN_TTL_SECS)
    }

    /// Opens the console session; the caller has checked the token.
    pub fn open_console(&mut self, region: String) -> &Console {
        // Whole seconds so "remaining" counts down from exactly the duration.
        let now = Utc::now().trunc_subsecs(0);
        let expires_at = match self.lifetime {
            Lifetime::Secs(secs) => now + Duration::seconds(secs),
            Lifetime::Until(t) => t,
        };
        self.used = true;
        self.console.insert(Console {
            id: ids::console_session_id(),
            region,
            expires_at,
        })
    }
}

/// Grants in issue order; linear lookups are fine at test scale.
#[derive(Default)]
pub struct SigninStore {
    grants: Vec<Grant>,
}

impl SigninStore {
    /// Records a new sign-in token and returns it.
    pub fn issue(
        &mut self,
        access_key_id: String,
        caller_arn: String,
        session_duration: Option<i64>,
        lifetime: Lifetime,
    ) -> String {
        let token = ids::signin_token();
        self.grants.push(Grant {
            token: token.clone(),
            access_key_id,
            caller_arn,
            session_duration,
            lifetime,
            issued_at: Utc::now(),
            used: false,
            issuer: None,
            destination: None,
            console: None,
        });
        token
    }

    pub fn by_token_mut(&mut self, token: &str) -> Option<&mut Grant> {
        self.grants.iter_mut().find(|g| g.token == token)
    }

    /// The grant whose login opened console session `id`, with that session.
    pub fn by_console(&self, id: &str) -> Option<(&Grant, &Console)> {
        self.grants.iter().find_map(|g| {
            let c = g.console.as_ref().filter(|c| c.id == id)?;
            Some((g, c))
        })
    }

    /// The identity console session `id` is signed in as, while it lasts.
    pub fn live_console_arn(&self, id: &str) -> Option<String> {
        let (grant, console) = self.by_console(id)?;
        (console.expires_at > Utc::now()).then(|| grant.caller_arn.clone())
    }

    /// Signs console session `id` out: it ends now.
    pub fn end_console(&mut self, id: &str) {
        let now = Utc::now();
        for g in &mut self.grants {
            if let Some(c) = g.console.as_mut().filter(|c| c.id == id) {
                c.expires_at = c.expires_at.min(now);
            }
        }
    }

    /// The sign-in tokens issued so far (they are bearer secrets).
    pub fn secrets(&self) -> Vec<String> {
        self.grants.iter().map(|g| g.token.clone()).collect()
    }

    pub fn signins(&self) -> Vec<ConsoleSignin> {
        let signin = |g: &Grant| ConsoleSignin {
            caller_arn: g.caller_arn.clone(),
            session_duration: g.session_duration,
            issuer: g.issuer.clone(),
            destination: g.destination.clone(),
            used: g.used,
        };
        self.grants.iter().map(signin).collect()
    }

    /// Ages every token past its 15 minutes; console sessions are unaffected.
    pub fn expire_tokens(&mut self) {
        let old = Utc::now() - Duration::seconds(TOKEN_TTL_SECS + 1);
        for g in &mut self.grants {
            g.issued_at = g.issued_at.min(old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_open_consoles_once_per_lifetime() {
        let mut s = SigninStore::default();
        let t = s.issue("ASIA1".into(), "arn".into(), Some(900), Lifetime::Secs(900));
        let g = s.by_token_mut(&t).unwrap();
        assert!(!g.token_expired() && !g.used);
        let c = g.open_console("eu-west-1".into()).clone();
        let left = (c.expires_at - Utc::now()).num_seconds();
        assert!((898..=900).contains(&left), "{left}");
        let (g, found) = s.by_console(&c.id).unwrap();
        assert!(g.used && found.region == "eu-west-1");
        assert!(s.by_console("nope").is_none());
        s.expire_tokens();
        assert!(s.by_token_mut(&t).unwrap().token_expired());
        assert_eq!(s.secrets(), [t]);
        assert_eq!(s.signins()[0].session_duration, Some(900));
    }
}
