//! Where files are: the AWS files aws-login shares with the SDKs and the AWS CLI, and
//! aws-login's own directories. Decided here only, with one home-directory rule.
//!
//! Home is `HOME` when it is set and not empty, else the user's entry in the password
//! database: botocore's rule (`os.path.expanduser`), so aws-login finds the files the AWS
//! CLI writes, the SSO token cache above all. aws-config (Unix) reads `HOME` only; the two
//! differ only where `HOME` is unset or empty, and there aws-config finds no file at all.

use std::path::{Path, PathBuf};

use crate::env::Env;

pub const CONFIG_VAR: &str = "AWS_CONFIG_FILE";
pub const CREDENTIALS_VAR: &str = "AWS_SHARED_CREDENTIALS_FILE";

/// The endpoint override of every service.
pub const ENDPOINT_VAR: &str = "AWS_ENDPOINT_URL";
/// The services aws-login calls: each one's key in a config file's `[services]` section,
/// and its own endpoint variable.
pub const SERVICE_ENDPOINTS: [(&str, &str); 3] = [
    ("sts", "AWS_ENDPOINT_URL_STS"),
    ("sso", "AWS_ENDPOINT_URL_SSO"),
    ("sso_oidc", "AWS_ENDPOINT_URL_SSO_OIDC"),
];
const APP: &str = "aws-login";

/// The home directory (see the module docs).
pub fn home(env: &Env) -> Option<PathBuf> {
    home_or(env, std::env::home_dir)
}

/// [`home`] with the password-database lookup given, so tests need not read the real one.
fn home_or(env: &Env, fallback: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
    env.get("HOME")
        .map(PathBuf::from)
        .or_else(|| fallback().filter(|h| !h.as_os_str().is_empty()))
}

/// The config file: `AWS_CONFIG_FILE`, else `~/.aws/config` (the SDKs' rule, a leading
/// `~` included).
pub fn config_file(env: &Env) -> Option<PathBuf> {
    aws_file(env, CONFIG_VAR, "config")
}

/// The credentials file: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn credentials_file(env: &Env) -> Option<PathBuf> {
    aws_file(env, CREDENTIALS_VAR, "credentials")
}

fn aws_file(env: &Env, var: &str, name: &str) -> Option<PathBuf> {
    let home = home(env);
    let Some(path) = env.get(var).map(Path::new) else {
        return Some(home?.join(".aws").join(name));
    };
    // aws-config replaces a first component `~` with the home directory; read the same
    // file it does.
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => Some(home.join(rest)),
        _ => Some(path.to_path_buf()),
    }
}

/// The shared SSO token cache of the AWS CLI and the SDKs: `~/.aws/sso/cache`.
pub fn sso_cache_dir(env: &Env) -> Option<PathBuf> {
    Some(home(env)?.join(".aws").join("sso").join("cache"))
}

/// The AWS CLI's `aws login` cache: `AWS_LOGIN_CACHE_DIRECTORY` (a leading `~` is the
/// home directory, as the CLI expands it), else `~/.aws/login/cache`.
pub fn login_cache_dir(env: &Env) -> Option<PathBuf> {
    let home = home(env);
    match env
        .get("AWS_LOGIN_CACHE_DIRECTORY")
        .filter(|d| !d.is_empty())
    {
        None => Some(home?.join(".aws").join("login").join("cache")),
        Some(dir) => match (Path::new(dir).strip_prefix("~"), home) {
            (Ok(rest), Some(home)) => Some(home.join(rest)),
            _ => Some(PathBuf::from(dir)),
        },
    }
}

/// aws-login's state (discovery index, assume history): `$XDG_STATE_HOME/aws-login`, else
/// `~/.local/state/aws-login`.
pub fn state_dir(env: &Env) -> Option<PathBuf> {
    env.get("XDG_STATE_HOME")
        .map(PathBuf::from)
        .or_else(|| Some(home(env)?.join(".local").join("state")))
        .map(|d| d.join(APP))
}

/// aws-login's session cache (credentials it may throw away): `$XDG_CACHE_HOME/aws-login`,
/// else `~/.cache/aws-login`. A relative XDG_CACHE_HOME is ignored (the XDG spec).
pub fn cache_dir(env: &Env) -> Option<PathBuf> {
    env.get("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
        .or_else(|| Some(home(env)?.join(".cache")))
        .map(|d| d.join(APP))
}

/// `$XDG_RUNTIME_DIR/aws-login` (per user, in memory, cleared at logout) when
/// XDG_RUNTIME_DIR is an absolute path.
fn xdg_runtime_dir(env: &Env) -> Option<PathBuf> {
    env.get("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
        .map(|d| d.join(APP))
}

/// Short-lived private files (the console sign-in page): `$XDG_RUNTIME_DIR/aws-login`,
/// else `run` in the state directory.
pub fn runtime_dir(env: &Env) -> Option<PathBuf> {
    xdg_runtime_dir(env).or_else(|| Some(state_dir(env)?.join("run")))
}

/// Lock files (see crate::lock): `locks` in `$XDG_RUNTIME_DIR/aws-login`, else in the
/// state directory.
pub fn lock_dir(env: &Env) -> Option<PathBuf> {
    xdg_runtime_dir(env)
        .or_else(|| state_dir(env))
        .map(|d| d.join("locks"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<PathBuf> {
        Some(PathBuf::from(s))
    }

    #[test]
    fn home_is_a_set_home_else_the_password_database() {
        let passwd = || p("/pw");
        assert_eq!(
            home_or(&Env::from_pairs(&[("HOME", "/h")]), passwd),
            p("/h")
        );
        assert_eq!(home_or(&Env::from_pairs(&[("HOME", "")]), passwd), p("/pw"));
        assert_eq!(home_or(&Env::default(), passwd), p("/pw"));
        assert_eq!(home_or(&Env::default(), || p("")), None);
        assert_eq!(home_or(&Env::default(), || None), None);
    }

    #[test]
    fn the_aws_files_follow_their_variables_with_a_leading_tilde_expanded() {
        let env = Env::from_pairs(&[("HOME", "/h")]);
        assert_eq!(config_file(&env), p("/h/.aws/config"));
        assert_eq!(credentials_file(&env), p("/h/.aws/credentials"));
        assert_eq!(sso_cache_dir(&env), p("/h/.aws/sso/cache"));
        let env = Env::from_pairs(&[
            ("HOME", "/h"),
            (CONFIG_VAR, "~/c/config"),
            (CREDENTIALS_VAR, "/abs/~/creds"),
        ]);
        assert_eq!(config_file(&env), p("/h/c/config"));
        assert_eq!(credentials_file(&env), p("/abs/~/creds"));
        // Only a whole first component is the home directory, as in aws-config.
        let env = Env::from_pairs(&[("HOME", "/h"), (CONFIG_VAR, "~root/config")]);
        assert_eq!(config_file(&env), p("~root/config"));
    }

    #[test]
    fn the_cache_directory_follows_xdg_cache_home_else_home() {
        let env = Env::from_pairs(&[("HOME", "/h")]);
        assert_eq!(cache_dir(&env), p("/h/.cache/aws-login"));
        let env = Env::from_pairs(&[("HOME", "/h"), ("XDG_CACHE_HOME", "/c")]);
        assert_eq!(cache_dir(&env), p("/c/aws-login"));
        let env = Env::from_pairs(&[("HOME", "/h"), ("XDG_CACHE_HOME", "rel")]);
        assert_eq!(cache_dir(&env), p("/h/.cache/aws-login"));
    }

    #[test]
    fn own_directories_follow_xdg_with_home_fallbacks() {
        let env = Env::from_pairs(&[("HOME", "/h")]);
        assert_eq!(state_dir(&env), p("/h/.local/state/aws-login"));
        assert_eq!(runtime_dir(&env), p("/h/.local/state/aws-login/run"));
        assert_eq!(lock_dir(&env), p("/h/.local/state/aws-login/locks"));
        let env = Env::from_pairs(&[
            ("HOME", "/h"),
            ("XDG_STATE_HOME", "/st"),
            ("XDG_RUNTIME_DIR", "/run/user/1"),
        ]);
        assert_eq!(state_dir(&env), p("/st/aws-login"));
        assert_eq!(runtime_dir(&env), p("/run/user/1/aws-login"));
        assert_eq!(lock_dir(&env), p("/run/user/1/aws-login/locks"));
        // A relative XDG_RUNTIME_DIR is not a runtime directory (the XDG spec).
        let env = Env::from_pairs(&[("XDG_STATE_HOME", "/st"), ("XDG_RUNTIME_DIR", "run")]);
        assert_eq!(runtime_dir(&env), p("/st/aws-login/run"));
        assert_eq!(lock_dir(&env), p("/st/aws-login/locks"));
    }
}
