//! Running a command with the source the picker chose: the chosen options, plus every
//! option the user gave that the choice does not set, as if all had been typed.

use anyhow::Result;

use super::replay;
use crate::cli::CredArgs;
use crate::env::Env;
use crate::error::usage;
use crate::picker;

/// `given` with its source replaced by the one the user picks.
pub fn choose(title: &str, given: &CredArgs, env: &Env) -> Result<CredArgs> {
    let candidates = picker::gather(env);
    let chosen = picker::pick(title, &candidates)?;
    merge(given, chosen)
}

/// `awsl assume` with no source at a terminal picks one, when there is anything to pick;
/// otherwise (no terminal, nothing offered) it keeps the default credential chain.
pub fn implicit(given: &CredArgs, env: &Env) -> Result<Option<CredArgs>> {
    let no_source = replay::replay_args(given).is_ok_and(|a| a.is_empty())
        && given.sso.sso_access_token.is_none();
    if !no_source || !picker::at_terminal() {
        return Ok(None);
    }
    let candidates = picker::gather(env);
    if candidates.is_empty() {
        return Ok(None);
    }
    let chosen = picker::pick("assume", &candidates)?;
    merge(given, chosen).map(Some)
}

fn name(arg: &str) -> &str {
    arg.split_once('=').map_or(arg, |(n, _)| n)
}

fn merge(given: &CredArgs, chosen: Vec<String>) -> Result<CredArgs> {
    let kept = replay::replay_args(given).map_err(|_| {
        usage("--pick takes no token on the command line: pick, or give the token without --pick")
    })?;
    let names: Vec<String> = chosen.iter().map(|a| name(a).to_string()).collect();
    let words = kept
        .into_iter()
        .filter(|a| !names.iter().any(|n| n == name(a)))
        .chain(chosen);
    let picked = replay::parse_assume(words).map_err(|e| {
        usage(format!(
            "the picked options do not parse ({}): give a profile or options instead",
            e.kind()
        ))
    })?;
    let mut cred = picked.cred;
    // What a recent assume holds comes from a file: it never brings a token.
    replay::replay_args(&cred)
        .map_err(|_| usage("the picked assume holds a token: give a profile or options instead"))?;
    // Options of this run only, never kept in what was picked.
    let (to, from) = (&mut cred.sso, &given.sso);
    to.use_device_code |= from.use_device_code;
    to.nrt |= from.nrt;
    to.no_browser |= from.no_browser;
    to.no_sign_in |= from.no_sign_in;
    to.login_timeout = from.login_timeout;
    cred.transitions.mfa_code = given.transitions.mfa_code.clone();
    Ok(cred)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(argv: &[&str]) -> CredArgs {
        crate::cmd::replay::parse_assume(argv.iter().map(|a| a.to_string()))
            .unwrap()
            .cred
    }

    #[test]
    fn the_choice_wins_and_the_other_given_options_are_kept() {
        let given = parsed(&[
            "--region",
            "eu-west-1",
            "--duration-seconds",
            "900",
            "--no-browser",
        ]);
        let chosen = vec![
            "--profile=dev".to_string(),
            "--region=us-east-2".to_string(),
        ];
        let cred = merge(&given, chosen).unwrap();
        assert_eq!(cred.source.profile.as_deref(), Some("dev"));
        assert_eq!(cred.source.region.as_deref(), Some("us-east-2"));
        assert_eq!(cred.transitions.duration_seconds, Some(900));
        assert!(cred.sso.no_browser);
    }

    #[test]
    fn a_picked_token_is_refused() {
        let chosen = vec!["--sso-access-token=secret".to_string()];
        assert!(merge(&CredArgs::default(), chosen).is_err());
    }
}
