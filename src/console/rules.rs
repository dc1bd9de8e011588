//! What the console makes of the credential options, a step of its own before and after
//! the checks every command shares: `--duration-seconds` is also the console session's
//! length, `--role-session-name` names the federated user long-term keys sign in as,
//! `--no-browser` prints the sign-in URL; GetSessionToken credentials cannot sign in.

use anyhow::Result;

use crate::cache::Shape;
use crate::error::bail_usage;
use crate::pipeline::{Options, Request};
use crate::transition::CHAINED_MAX;
use crate::validate;

/// The longest console session AWS grants (SessionDuration).
pub const SESSION_MAX: i32 = 43200;

/// The console's share of the options, taken before the shared checks.
#[derive(Debug)]
pub struct Rules {
    duration: Option<i32>,
    /// A federation token sets the session's length itself.
    federation_given: bool,
    print_url: bool,
}

/// The console's settings, once the request is checked.
#[derive(Debug)]
pub struct Console {
    duration: Option<i32>,
    /// `--no-browser`: print the sign-in URL instead of opening it.
    pub print_url: bool,
}

impl Rules {
    /// Take from `opts` what only the console uses, so that the shared checks see the
    /// transitions alone. `profile_hops`: the profile assumes a role itself, so
    /// `--role-session-name` names that role's session, not a federated user.
    pub fn take(opts: &mut Options, profile_hops: bool) -> Result<Rules> {
        let t = &mut opts.transitions;
        let hops = t.assume_roles.is_some() || profile_hops;
        if t.get_session_token && !hops {
            bail_usage!(
                "the console does not accept GetSessionToken credentials: drop --get-session-token, or add --assume-roles"
            );
        }
        let rules = Rules {
            duration: t.duration_seconds,
            federation_given: t.get_federation_token,
            print_url: !opts.sso.sign_in.open_browser,
        };
        if t.role_session_name.is_some() && !hops {
            // The name of the federated user: a federation token it is.
            t.get_federation_token = true;
        }
        if !hops && !t.get_session_token && !t.get_federation_token {
            // The session's length only.
            t.duration_seconds = None;
        }
        // The console's own option here; handed back to a sign-in by `apply`.
        opts.sso.sign_in.open_browser = true;
        Ok(rules)
    }

    /// After the shared checks, before any call: the session length is checked, long-term
    /// keys get a federation token, and a sign-in opens no browser with `--no-browser`.
    pub fn apply(self, request: &mut Request) -> Result<Console> {
        if let Some(d) = self.duration
            && !self.federation_given
        {
            validate::duration("the console session (SessionDuration)", d, 900, SESSION_MAX)?;
        }
        request.plan.federate_long_term_keys(self.duration);
        if self.print_url {
            request.never_open_browser();
        }
        Ok(Console {
            duration: self.duration,
            print_url: self.print_url,
        })
    }
}

impl Console {
    /// SessionDuration for credentials from `start` through `plan`: none for federation
    /// tokens (they bring their own lifetime, and AWS refuses it for them), at most an hour
    /// for role-chained credentials.
    pub fn session_duration(&self, shape: Shape) -> Result<Option<i32>> {
        if shape.federated {
            return Ok(None);
        }
        if shape.chained {
            if let Some(d) = self.duration.filter(|d| *d > CHAINED_MAX) {
                bail_usage!(
                    "AWS caps console sessions from role-chained credentials at 1 hour: --duration-seconds {d} is too long; use 3600 or less"
                );
            }
            return Ok(Some(self.duration.unwrap_or(CHAINED_MAX)));
        }
        Ok(Some(self.duration.unwrap_or(SESSION_MAX)))
    }
}
