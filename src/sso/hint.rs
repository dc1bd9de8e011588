//! The sign-in command that messages suggest, built in one place so that it is complete:
//! pasted into a shell, it signs in and stores the token under the key that the command
//! which failed reads (the sso-session name, else the start URL), in the right region.

use std::borrow::Cow;

use super::cache::Cache;
use super::token::Token;
use crate::arn::{is_account_id, is_role_name};
use crate::fsutil;
use crate::inert::posix_word;
use crate::inert::{LINE_MAX, echo, for_terminal};
use crate::profiles::SsoLink;
use crate::region::DEFAULT_REGION;

/// Where the suggested command gets its start URL.
pub enum StartUrl<'a> {
    /// `--sso-session-name` brings it from the config's `[sso-session NAME]`.
    FromConfig,
    Known(&'a str),
    /// Not known here: the command shows the placeholder `URL`.
    Unknown,
}

pub struct SignIn<'a> {
    /// The command and what it needs besides the token options, e.g. `getcallerid
    /// --sso-acct-id … --sso-role-name …`.
    pub command: &'a [String],
    pub start_url: StartUrl<'a>,
    pub session: Option<&'a str>,
    /// Shown when it is not the default.
    pub region: Option<&'a str>,
}

impl SignIn<'_> {
    /// `aws-login …`, each value quoted for a POSIX shell where it needs it.
    pub fn command(&self) -> String {
        self.command_as("aws-login")
    }

    /// The same command run as `program` (`awsl` for an assume in the current shell).
    pub fn command_as(&self, program: &str) -> String {
        let mut words: Vec<Cow<'_, str>> = vec![program.into()];
        words.extend(self.command.iter().map(|w| posix_word(w)));
        match self.start_url {
            StartUrl::FromConfig => {}
            StartUrl::Known(url) => words.extend(["--start-url".into(), posix_word(url)]),
            StartUrl::Unknown => words.extend(["--start-url".into(), "URL".into()]),
        }
        if let Some(name) = self.session {
            words.extend(["--sso-session-name".into(), posix_word(name)]);
        }
        if let Some(region) = self.region.filter(|r| *r != DEFAULT_REGION) {
            words.extend(["--sso-region".into(), posix_word(region)]);
        }
        words.push("--use-cache".into());
        // Quoting keeps the shell from acting on a value; this keeps the terminal from it.
        for_terminal(&words.join(" "), LINE_MAX).into_owned()
    }

    /// `sign in with aws-login …` (`how`: "sign in", "sign in again"), saying what `URL`
    /// stands for when the start URL is not known.
    pub fn advice(&self, how: &str) -> String {
        let placeholder = match self.start_url {
            StartUrl::Unknown => " (URL: your start URL)",
            _ => "",
        };
        format!("{how}{placeholder} with {}", self.command())
    }
}

/// `sign in with aws-login getcallerid --profile NAME`: a profile brings its own session.
pub fn profile_advice(how: &str, profile: &str) -> String {
    let command = format!("aws-login getcallerid --profile {}", posix_word(profile));
    format!("{how} with {}", for_terminal(&command, LINE_MAX))
}

/// The words a credential command needs besides the token options.
pub fn role_command(account: &str, role: &str) -> Vec<String> {
    [
        "getcallerid",
        "--sso-acct-id",
        account,
        "--sso-role-name",
        role,
    ]
    .map(String::from)
    .to_vec()
}

/// For a profile whose credentials come from an SSO token (`sso_session`, or a legacy
/// `sso_start_url`) that is missing or dead: one line naming the sign-in that stores the
/// token where the profile's lookup finds it. `None` when the token is there and alive
/// (the failure is something else) or the profile's values cannot make a valid command.
pub fn for_profile(link: &SsoLink, cache: &Cache) -> Option<String> {
    let (account, role) = (link.account.as_deref()?, link.role.as_deref()?);
    if !is_account_id(account) || !is_role_name(role) {
        return None;
    }
    let key = link.session.as_deref().or(link.start_url.as_deref())?;
    let state = match fsutil::read_private(&cache.path(key), fsutil::SMALL_FILE, "") {
        Ok(None) => "no token is cached",
        Ok(Some(text)) => match Token::parse(&text, "the cached token") {
            Ok(t) if t.expires_within(chrono::Utc::now(), chrono::Duration::zero()) => {
                "its cached token has expired and could not be refreshed"
            }
            Ok(_) => return None,
            Err(_) => "its cached token cannot be read",
        },
        Err(_) => return None,
    };
    let command = role_command(account, role);
    let (what, sign_in) = match &link.session {
        Some(name) => (
            format!("IAM Identity Center session {}", echo(name)),
            SignIn {
                command: &command,
                start_url: StartUrl::FromConfig,
                session: Some(name),
                region: None,
            },
        ),
        None => (
            "IAM Identity Center (sso_start_url in the profile)".to_string(),
            SignIn {
                command: &command,
                start_url: StartUrl::Known(link.start_url.as_deref()?),
                session: None,
                region: link.region.as_deref(),
            },
        ),
    };
    Some(format!(
        "profile {} uses {what} and {state}: {}",
        echo(&link.profile),
        sign_in.advice("sign in")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_keeps_the_cache_key_and_quotes_what_a_shell_would_act_on() {
        let cmd = role_command("111111111111", "Admin");
        let s = SignIn {
            command: &cmd,
            start_url: StartUrl::Known("https://x.example/start?a=1&b='2'"),
            session: Some("my corp"),
            region: Some("eu-west-1"),
        };
        assert_eq!(
            s.command(),
            "aws-login getcallerid --sso-acct-id 111111111111 --sso-role-name Admin \
             --start-url 'https://x.example/start?a=1&b='\\''2'\\''' --sso-session-name 'my corp' \
             --sso-region eu-west-1 --use-cache"
        );
        let s = SignIn {
            command: &cmd,
            start_url: StartUrl::Unknown,
            session: None,
            region: Some(DEFAULT_REGION),
        };
        assert_eq!(
            s.advice("sign in"),
            "sign in (URL: your start URL) with aws-login getcallerid --sso-acct-id 111111111111 \
             --sso-role-name Admin --start-url URL --use-cache"
        );
    }
}
