//! Shortening what the final STS call asks for, so that the credentials it gives do not
//! outlive a deadline (the endpoint's `--max-lifetime`).

use super::{ASSUME_ROLE_RANGE, Plan};
use crate::mfa::session::DEFAULT_SECS;

/// What AssumeRole gives when no DurationSeconds is sent.
const ASSUME_ROLE_DEFAULT: i32 = 3600;

impl Plan {
    /// Ask the stage whose credentials are the final ones for at most `secs` (never less
    /// than STS's 900 s minimum: the caller stops using them at its deadline). Earlier
    /// stages only sign the next call and keep what they ask for. A plan with no STS
    /// stage has nothing to ask.
    pub fn fit_final_duration(&mut self, secs: i32) {
        let secs = secs.max(ASSUME_ROLE_RANGE.0);
        let fit = |asked: Option<i32>, default: i32| match asked {
            Some(d) if d <= secs => Some(d),
            None if default <= secs => None,
            _ => Some(secs),
        };
        if let Some(hop) = self.hops.last_mut() {
            hop.duration = fit(hop.duration, ASSUME_ROLE_DEFAULT);
        } else if let Some(fed) = &mut self.federation {
            fed.duration = fit(fed.duration, DEFAULT_SECS);
        } else if let Some(token) = &mut self.session_token {
            *token = fit(*token, DEFAULT_SECS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Options;
    use super::*;

    const A: &str = "arn:aws:iam::111111111111:role/A";
    const B: &str = "arn:aws:iam::222222222222:role/B";

    fn plan(f: impl FnOnce(&mut Options)) -> Plan {
        let mut t = Options::default();
        f(&mut t);
        Plan::new(&t).unwrap()
    }

    fn durations(p: &Plan) -> Vec<Option<i32>> {
        p.hops.iter().map(|h| h.duration).collect()
    }

    #[test]
    fn only_the_final_hop_is_shortened_and_never_below_the_minimum() {
        let mut p = plan(|t| t.assume_roles = Some(format!("{A},{B}")));
        p.fit_final_duration(1200);
        assert_eq!(durations(&p), [None, Some(1200)]);
        p.fit_final_duration(5);
        assert_eq!(durations(&p), [None, Some(900)]);
        // A cap longer than what is asked changes nothing.
        let mut p = plan(|t| {
            t.assume_roles = Some(A.into());
            t.duration_seconds = Some(1000);
        });
        p.fit_final_duration(7200);
        assert_eq!(durations(&p), [Some(1000)]);
        let mut p = plan(|t| t.assume_roles = Some(A.into()));
        p.fit_final_duration(7200);
        assert_eq!(durations(&p), [None]);
    }

    #[test]
    fn without_hops_the_token_call_is_shortened() {
        let mut p = plan(|t| t.get_session_token = true);
        p.fit_final_duration(3000);
        assert_eq!(p.session_token, Some(Some(3000)));
        let mut p = plan(|t| t.get_federation_token = true);
        p.fit_final_duration(100);
        assert_eq!(p.federation.unwrap().duration, Some(900));
        let mut p = plan(|_| {});
        p.fit_final_duration(100);
        assert!(p.is_empty());
    }
}
