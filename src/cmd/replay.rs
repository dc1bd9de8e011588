//! What `awsl refresh` replays, kept in AWS_LOGIN_ASSUME: the shell and every child it
//! starts can read it, so it holds no token, refresh token, client secret, MFA code or
//! password.
//!
//! The arguments are rebuilt from the parsed options, never copied from argv: each option
//! is listed below as replayed or not, and the structs are destructured without `..`, so a
//! new option does not compile until someone decides whether it is safe to keep.

use std::path::Path;

use clap::{Parser, ValueEnum};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::{Deserialize, Serialize};

use crate::cli::{
    AssumeArgs, Cli, Command, CredArgs, SourceArgs, SsoArgs, SsoRoleArgs, TransitionArgs,
};

/// Why an identity cannot be refreshed: nothing secret, so it can be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotKept {
    /// `--sso-access-token`, or `--accesstoken-cache` with the token inline.
    TokenOnCommandLine,
    /// A start URL with a user name or password in it.
    StartUrlCredentials,
    /// Keys from the environment, which the assume replaced with its own.
    EnvironmentKeys,
}

impl NotKept {
    /// Why refresh cannot replay, with `sign_in` (the complete command that signs in and
    /// keeps the token in the cache, see [`sign_in_command`]) where there is one.
    pub fn message(self, sign_in: Option<&str>) -> String {
        match (self, sign_in) {
            (NotKept::TokenOnCommandLine, Some(command)) => format!(
                "this identity came from a token given on the command line, which is not kept: run awsl assume again, or sign in once{command}"
            ),
            (NotKept::TokenOnCommandLine, None) => "this identity came from a token given on the command line, which is not kept: run awsl assume again".to_string(),
            (NotKept::EnvironmentKeys, _) => "this identity was made from keys in the environment, which awsl assume replaced: run awsl unassume, set the keys again, then awsl assume".to_string(),
            (NotKept::StartUrlCredentials, _) => "this identity's start URL holds a user name or password, which is not kept: run awsl assume again with a start URL without them".to_string(),
        }
    }
}

/// For an Identity Center identity whose token was given on the command line: ` with awsl
/// assume … --use-cache`, which signs in when nothing is cached and stores the token under
/// the same key, so that the next refresh can replay it. Nothing here is secret.
pub fn sign_in_command(cred: &CredArgs) -> Option<String> {
    let (Some(account), Some(role)) = (&cred.sso_role.sso_acct_id, &cred.sso_role.sso_role_name)
    else {
        return None;
    };
    let mut words = crate::sso::hint::role_command(account, role);
    words[0] = "assume".to_string();
    let sso = &cred.sso;
    let hint = crate::sso::hint::SignIn {
        command: &words,
        start_url: match &sso.start_url {
            Some(url) => crate::sso::hint::StartUrl::Known(url),
            None => crate::sso::hint::StartUrl::Unknown,
        },
        session: sso.sso_session_name.as_deref(),
        region: sso.sso_region.as_deref(),
    };
    let placeholder = match hint.start_url {
        crate::sso::hint::StartUrl::Unknown => " (URL: your start URL)",
        _ => "",
    };
    Some(format!("{placeholder} with {}", hint.command_as("awsl")))
}

/// The value of AWS_LOGIN_ASSUME: the arguments to replay, or why there are none.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Stored {
    Args(Vec<String>),
    NotKept {
        not_kept: NotKept,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sign_in: Option<String>,
    },
}

impl Stored {
    pub fn of(cred: &CredArgs) -> Stored {
        match replay_args(cred) {
            Ok(args) => Stored::Args(args),
            Err(not_kept) => Stored::NotKept {
                not_kept,
                sign_in: sign_in_command(cred),
            },
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("strings serialise")
    }
}

/// The options that reproduce `cred` without a browser, or why that cannot be done safely.
pub fn replay_args(cred: &CredArgs) -> Result<Vec<String>, NotKept> {
    let CredArgs {
        source,
        sso_role,
        sso,
        transitions,
    } = cred;
    let SourceArgs {
        profile,
        region,
        // Refresh needs no --fresh: a cached entry near its expiry is a miss anyway.
        fresh: _,
    } = source;
    let SsoRoleArgs {
        sso_acct_id,
        sso_role_name,
    } = sso_role;
    let SsoArgs {
        start_url,
        sso_region,
        sso_session_name,
        sso_access_token,
        accesstoken_cache,
        use_cache,
        refresh,
        // Sign-in only: refresh never signs in.
        use_device_code: _,
        nrt: _,
        no_browser: _,
        no_sign_in: _,
        login_timeout: _,
    } = sso;
    let TransitionArgs {
        get_session_token,
        get_federation_token,
        assume_roles,
        role_session_name,
        duration_seconds,
        mfa_serial,
        // One code serves one call: refresh asks for a new one.
        mfa_code: _,
        external_id,
        source_identity,
        tags,
        transitive_tags,
        policy,
        policy_arns,
    } = transitions;

    if sso_access_token.is_some() {
        return Err(NotKept::TokenOnCommandLine);
    }
    let accesstoken_cache = match accesstoken_cache {
        Some(src) => Some(file_source(src).ok_or(NotKept::TokenOnCommandLine)?),
        None => None,
    };
    if let Some(url) = start_url
        && url::Url::parse(url).is_ok_and(|u| !u.username().is_empty() || u.password().is_some())
    {
        return Err(NotKept::StartUrlCredentials);
    }

    let mut out = Vec::new();
    let mut value = |name: &str, v: Option<String>| {
        if let Some(v) = v {
            // `--name=value`: a value that starts with '-' stays a value.
            out.push(format!("--{name}={v}"));
        }
    };
    value("profile", profile.clone());
    value("region", region.clone());
    value("sso-acct-id", sso_acct_id.clone());
    value("sso-role-name", sso_role_name.clone());
    value("start-url", start_url.clone());
    value("sso-region", sso_region.clone());
    value("sso-session-name", sso_session_name.clone());
    value("accesstoken-cache", accesstoken_cache);
    value(
        "refresh",
        refresh.and_then(|r| r.to_possible_value().map(|p| p.get_name().to_string())),
    );
    value("assume-roles", assume_roles.as_deref().map(absolute_file));
    value("role-session-name", role_session_name.clone());
    value("duration-seconds", duration_seconds.map(|d| d.to_string()));
    value("mfa-serial", mfa_serial.clone());
    // An ExternalId guards against a confused deputy; AWS does not treat it as a secret.
    value("external-id", external_id.clone());
    // Session controls say who acts and what the session may do, not how to prove it:
    // AWS logs them in CloudTrail and shows them to the role's account, so none is a
    // secret. A policy file is replayed by its (absolute) path, read again at refresh.
    value("source-identity", source_identity.clone());
    value("tags", tags.clone());
    value("transitive-tags", transitive_tags.clone());
    value("policy", policy.as_deref().map(absolute_file));
    value("policy-arns", policy_arns.clone());
    for (set, flag) in [
        (*use_cache, "--use-cache"),
        (*get_session_token, "--get-session-token"),
        (*get_federation_token, "--get-federation-token"),
    ] {
        if set {
            out.push(flag.to_string());
        }
    }
    Ok(out)
}

/// `assume` options (stored in AWS_LOGIN_ASSUME, or picked) parsed as if typed after
/// `aws-login assume`.
pub fn parse_assume(words: impl IntoIterator<Item = String>) -> Result<AssumeArgs, clap::Error> {
    let argv = ["aws-login", "assume"]
        .into_iter()
        .map(String::from)
        .chain(words);
    match Cli::try_parse_from(argv)?.command {
        Command::Assume(assume) => Ok(assume),
        _ => unreachable!("parsed as assume"),
    }
}

/// `--accesstoken-cache file://PATH` names a file, which may be kept; inline JSON is the
/// token itself, which may not.
fn file_source(src: &str) -> Option<String> {
    src.starts_with("file://").then(|| absolute_file(src))
}

/// Characters that `input::read_value` would decode or that end the path.
const PATH_ESCAPES: &AsciiSet = &CONTROLS.add(b'%');

/// A `file://` value with a relative path made absolute, so that a refresh run in another
/// directory reads the same file; anything else unchanged.
fn absolute_file(src: &str) -> String {
    let Some(rest) = src.strip_prefix("file://") else {
        return src.to_string();
    };
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
    if decoded.starts_with('/') || decoded.starts_with("localhost/") {
        return src.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!(
            "file://{}",
            utf8_percent_encode(
                &cwd.join(Path::new(decoded.as_ref())).to_string_lossy(),
                PATH_ESCAPES
            )
        ),
        Err(_) => src.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cred(args: &[&str]) -> CredArgs {
        let argv = ["aws-login", "assume"].iter().chain(args);
        let Command::Assume(a) = Cli::try_parse_from(argv).unwrap().command else {
            unreachable!()
        };
        a.cred
    }

    #[test]
    fn tokens_codes_and_passwords_are_never_kept() {
        let role = ["--sso-acct-id", "111111111111", "--sso-role-name", "Admin"];
        let with = |extra: &[&str]| {
            let mut v = role.to_vec();
            v.extend_from_slice(extra);
            replay_args(&cred(&v))
        };
        for extra in [
            &["--sso-access-token", "tok"][..],
            &["--sso-access-token=tok"],
            &[
                "--accesstoken-cache",
                r#"{"accessToken":"tok","refreshToken":"r"}"#,
            ],
            &["--accesstoken-cache= file:///not-a-file-source"],
        ] {
            assert_eq!(with(extra), Err(NotKept::TokenOnCommandLine), "{extra:?}");
        }
        for url in [
            "https://user:pw@example.awsapps.com/start",
            "https://user@example.awsapps.com/start",
        ] {
            assert_eq!(
                with(&["--start-url", url]),
                Err(NotKept::StartUrlCredentials)
            );
        }
        let kept = replay_args(&cred(&[
            "--profile",
            "alice",
            "--get-session-token",
            "--mfa-serial",
            "arn:aws:iam::111111111111:mfa/alice",
            "--mfa-code",
            "123456",
            "--external-id=-ext",
        ]))
        .unwrap();
        assert_eq!(
            kept,
            [
                "--profile=alice",
                "--mfa-serial=arn:aws:iam::111111111111:mfa/alice",
                "--external-id=-ext",
                "--get-session-token"
            ]
        );
    }

    #[test]
    fn what_is_kept_parses_back_to_the_same_options() {
        let args = [
            "--region",
            "eu-west-1",
            "--sso-acct-id",
            "111111111111",
            "--sso-role-name",
            "Admin",
            "--start-url",
            "https://example.awsapps.com/start",
            "--sso-region",
            "eu-central-1",
            "--sso-session-name",
            "corp",
            "--use-cache",
            "--refresh",
            "on",
            "--assume-roles",
            "file:///roles.json",
            "--role-session-name",
            "me",
            "--duration-seconds",
            "900",
            "--source-identity",
            "alice",
            "--tags",
            "team=blue,env=-dev",
            "--transitive-tags",
            "team",
            "--policy",
            r#"{"Version": "2012-10-17", "Statement": []}"#,
            "--policy-arns",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
        ];
        let first = replay_args(&cred(&args)).unwrap();
        for kept in [
            "--source-identity=alice",
            "--tags=team=blue,env=-dev",
            "--transitive-tags=team",
            "--policy-arns=arn:aws:iam::aws:policy/ReadOnlyAccess",
        ] {
            assert!(first.contains(&kept.to_string()), "{kept}: {first:?}");
        }
        assert!(first.contains(&"--refresh=force".to_string()), "{first:?}");
        let strs: Vec<&str> = first.iter().map(String::as_str).collect();
        assert_eq!(replay_args(&cred(&strs)).unwrap(), first);
    }

    #[test]
    fn a_relative_token_file_is_kept_as_an_absolute_one() {
        let cwd = std::env::current_dir().unwrap();
        let kept = file_source("file://dir/my%25tok.json").unwrap();
        assert_eq!(kept, format!("file://{}/dir/my%25tok.json", cwd.display()));
        assert_eq!(
            file_source("file:///abs/t.json").unwrap(),
            "file:///abs/t.json"
        );
        assert_eq!(file_source("{}"), None);
    }

    #[test]
    fn the_stored_form_round_trips() {
        for s in [
            Stored::Args(vec!["--use-cache".into()]),
            Stored::NotKept {
                not_kept: NotKept::TokenOnCommandLine,
                sign_in: None,
            },
            Stored::NotKept {
                not_kept: NotKept::TokenOnCommandLine,
                sign_in: Some(" with awsl assume --use-cache".into()),
            },
        ] {
            assert_eq!(serde_json::from_str::<Stored>(&s.to_json()).unwrap(), s);
        }
    }
}
