//! Each Identity Center sign-in in the shared token cache: its token, refresh token and
//! client registration, with their time left. An ended sign-in is a warning: the next
//! use signs in again in the browser.

use aws_config::profile::ProfileSet;
use chrono::Utc;

use super::Check;
use crate::env::Env;
use crate::sso::signins::{self, left};

/// A registration this close to its end is worth a warning: after it, a browser sign-in.
const REGISTRATION_WARN_SECS: i64 = 7 * 86400;

pub fn checks(env: &Env, set: Option<&ProfileSet>, out: &mut Vec<Check>) {
    let all = signins::all(env, set, Utc::now());
    if all.is_empty() {
        out.push(Check::ok(
            "sso sign-ins",
            "none cached (an Identity Center profile signs in at its first use)",
        ));
        return;
    }
    for s in all {
        let name = format!("sso {}", s.session);
        let token_live = s.seconds_left.is_some_and(|l| l > 0);
        let registration_live = s.registration_seconds_left.is_some_and(|l| l > 0);
        let refreshes = s.refresh_token && registration_live;
        let detail = format!(
            "token {}, refresh token {}, registration {}",
            left(s.seconds_left),
            if s.refresh_token { "yes" } else { "no" },
            if s.registration_seconds_left.is_some() {
                left(s.registration_seconds_left)
            } else {
                "none".to_string()
            }
        );
        let sign_in = format!(
            "sign in again: aws-login logout --sso-session-name {} then use a profile of it (or `aws sso login`)",
            s.session
        );
        out.push(if !token_live && !refreshes {
            Check::warn(&name, format!("{detail}: the sign-in has ended"), sign_in)
        } else if refreshes
            && s.registration_seconds_left
                .is_some_and(|l| l < REGISTRATION_WARN_SECS)
        {
            Check::warn(
                &name,
                format!("{detail}: the client registration ends soon, then a browser sign-in"),
                sign_in,
            )
        } else {
            Check::ok(&name, detail)
        });
    }
}
