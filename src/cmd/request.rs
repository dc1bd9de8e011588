//! The boundary: clap's option structs become aws-login's own option types here, once;
//! nothing below the command layer sees a clap type.

use std::time::Duration;

use crate::cli::{CredArgs, SsoArgs, TransitionArgs};
use crate::pipeline;
use crate::sso::options::{self as sso, SignIn, TokenSource};
use crate::transition::{self, Given};

impl From<CredArgs> for pipeline::Options {
    fn from(args: CredArgs) -> Self {
        pipeline::Options {
            profile: args.source.profile,
            region: args.source.region,
            sso_account: args.sso_role.sso_acct_id,
            sso_role: args.sso_role.sso_role_name,
            sso: args.sso.into(),
            transitions: args.transitions.into(),
            fresh: args.source.fresh,
            new_identity: false,
        }
    }
}

impl From<SsoArgs> for sso::Options {
    fn from(a: SsoArgs) -> Self {
        // clap lets at most one of these through (`conflicts_with`).
        let token = match (a.sso_access_token, a.accesstoken_cache, a.use_cache) {
            (Some(t), _, _) => Some(TokenSource::Given(t)),
            (None, Some(src), _) => Some(TokenSource::External(src)),
            (None, None, true) => Some(TokenSource::Cache),
            (None, None, false) => None,
        };
        sso::Options {
            start_url: a.start_url,
            region: a.sso_region,
            session_name: a.sso_session_name,
            token,
            refresh: a.refresh,
            sign_in: SignIn {
                device_code: a.use_device_code,
                refresh_token: !a.nrt,
                open_browser: !a.no_browser,
                allowed: !a.no_sign_in,
                timeout: Duration::from_secs(a.login_timeout),
                stderr_hidden: false,
            },
        }
    }
}

impl From<TransitionArgs> for transition::Options {
    fn from(t: TransitionArgs) -> Self {
        transition::Options {
            get_session_token: t.get_session_token,
            get_federation_token: t.get_federation_token,
            assume_roles: t.assume_roles,
            role_session_name: t.role_session_name,
            duration_seconds: t.duration_seconds,
            mfa_serial: t.mfa_serial,
            mfa_code: t.mfa_code,
            external_id: t.external_id,
            source_identity: t
                .source_identity
                .map(|v| Given::new("--source-identity", &v)),
            tags: t.tags.map(|v| Given::new("--tags", &v)),
            transitive_tags: t
                .transitive_tags
                .map(|v| Given::new("--transitive-tags", &v)),
            policy: t.policy,
            policy_arns: t.policy_arns,
            // Read with the profile, where the profile gives the starting keys.
            profile_tags: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command, CredArgs};
    use crate::console::rules::Rules;
    use crate::creds::Creds;
    use crate::pipeline::Options;
    use crate::sso::options::TokenSource;
    use crate::transition::Plan;

    fn parsed(argv: &[&str]) -> CredArgs {
        let cli = Cli::try_parse_from(["aws-login"].iter().chain(argv)).unwrap();
        match cli.command {
            Command::Console(a) => a.cred,
            Command::Getcallerid(c) => c,
            Command::Assume(a) => a.cred,
            _ => unreachable!(),
        }
    }

    fn options(argv: &[&str]) -> Options {
        parsed(argv).into()
    }

    fn keys() -> Creds {
        Creds {
            access_key_id: "AKIA".into(),
            secret_access_key: "s".into(),
            session_token: None,
            expiration: None,
            account_id: None,
        }
    }

    #[test]
    fn the_console_gives_a_session_name_and_a_duration_a_use_without_a_transition() {
        for alone in [
            &["--role-session-name", "me"][..],
            &["--duration-seconds", "3600"],
        ] {
            let get = options(&[&["getcallerid"][..], alone].concat());
            assert!(Plan::new(&get.transitions).is_err(), "{alone:?}");
            let mut console = options(&[&["console"][..], alone].concat());
            Rules::take(&mut console, false).unwrap();
            assert!(Plan::new(&console.transitions).is_ok(), "{alone:?}");
        }
        let mut named = options(&["console", "--role-session-name", "me"]);
        Rules::take(&mut named, false).unwrap();
        assert!(Plan::new(&named.transitions).unwrap().federates(&keys()));
    }

    #[test]
    fn the_console_refuses_session_token_credentials_and_keys_get_a_federation_token() {
        let mut gst = options(&["console", "--get-session-token"]);
        assert!(Rules::take(&mut gst, false).is_err());
        let mut hops = options(&[
            "console",
            "--get-session-token",
            "--assume-roles",
            "arn:aws:iam::111111111111:role/A",
        ]);
        assert!(Rules::take(&mut hops, false).is_ok());

        let mut plain = options(&["console", "--duration-seconds", "900"]);
        Rules::take(&mut plain, false).unwrap();
        let mut plan = Plan::new(&plain.transitions).unwrap();
        assert!(!plan.federates(&keys()));
        plan.federate_long_term_keys(Some(900));
        assert!(plan.federates_keys(&keys()));
        let temporary = Creds {
            session_token: Some("t".into()),
            ..keys()
        };
        assert!(!plan.federates(&temporary));
    }

    #[test]
    fn the_console_takes_no_browser_for_itself() {
        let mut opts = options(&["console", "--no-browser"]);
        assert!(!opts.sso.sign_in.open_browser);
        Rules::take(&mut opts, false).unwrap();
        // Without a start URL it is not a sign-in option: the shared checks pass it.
        assert!(opts.sso.sign_in.open_browser);
    }

    #[test]
    fn refresh_reads_the_cache_and_never_signs_in() {
        let mut opts = options(&["assume", "--start-url", "https://x.awsapps.com/start"]);
        opts.sso.cached_only();
        assert_eq!(opts.sso.token, Some(TokenSource::Cache));
        assert!(!opts.sso.sign_in.allowed);
        let mut file = options(&[
            "assume",
            "--start-url",
            "https://x.awsapps.com/start",
            "--accesstoken-cache",
            "file:///t.json",
        ]);
        file.sso.cached_only();
        assert_eq!(
            file.sso.token,
            Some(TokenSource::External("file:///t.json".into()))
        );
        let mut keys = options(&["assume", "--profile", "p"]);
        keys.sso.cached_only();
        assert_eq!(keys.sso.token, None);
    }
}
