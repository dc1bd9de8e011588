//! The credential options as a command gives them, and the one precedence rule that says
//! which of the environment a run may read.

use anyhow::Result;

use crate::env::Env;
use crate::profiles;
use crate::sso::options as sso_options;
use crate::transition;

/// The credential options as given (the command line's, in aws-login's own types).
#[derive(Debug, Clone)]
pub struct Options {
    pub profile: Option<String>,
    pub region: Option<String>,
    /// `--sso-acct-id` and `--sso-role-name`.
    pub sso_account: Option<String>,
    pub sso_role: Option<String>,
    pub sso: sso_options::Options,
    pub transitions: transition::Options,
    /// `--fresh`: acquire anew instead of reading the session cache (and store the result).
    pub fresh: bool,
    /// The run makes a new identity for the shell (`awsl assume`, `refresh`, the picker):
    /// what the previous assume exported is not read even where the command line names
    /// no source.
    pub new_identity: bool,
}

impl Options {
    /// Whether the command line names where the starting credentials come from: a
    /// profile, or an Identity Center role with its token, start URL or session.
    pub fn names_source(&self) -> bool {
        let sso = &self.sso;
        self.profile.is_some()
            || self.sso_account.is_some()
            || self.sso_role.is_some()
            || sso.start_url.is_some()
            || sso.session_name.is_some()
            || sso.token.is_some()
    }

    /// Whether the profile this run starts from assumes a role itself (`role_arn` on it or
    /// on a profile its `source_profile` reaches), by the same choice as [`Request::prepare`]:
    /// `--profile`, else `AWS_PROFILE` when no environment keys come before it.
    pub async fn profile_assumes_roles(&self, env: &Env) -> Result<bool> {
        let env = &self.user_env(env);
        let set = profiles::load(env).await?;
        let selected = profiles::selected(&set, self.profile.as_deref(), env)?;
        Ok(
            match profiles::source(selected, self.profile.is_some(), env) {
                Some(name) => profiles::chain(&set, Some(name))
                    .iter()
                    .any(|p| p.get("role_arn").is_some()),
                None => false,
            },
        )
    }

    /// The environment as this run may read it, by the one precedence rule (command line
    /// over environment over config files, and what aws-login exported is its own state,
    /// not the environment).
    ///
    /// - A source on the command line makes `AWS_PROFILE` a default that does not apply,
    ///   as `--profile` makes environment keys one (botocore's rule for those two).
    /// - The identity an earlier `awsl assume` exported (keys, `AWS_PROFILE`, the region
    ///   it recorded) is the shell's current identity: commands that name no source act
    ///   as it, but it is never read for another source, nor for a new identity.
    pub(super) fn user_env(&self, env: &Env) -> Env {
        let mut ignored = Vec::new();
        if self.names_source() || self.new_identity {
            ignored.extend(crate::exports::own_state(env));
        }
        if self.names_source() {
            ignored.extend(["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]);
        }
        env.without(&ignored)
    }
}
