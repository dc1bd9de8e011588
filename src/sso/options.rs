//! The SSO options a run uses: the command line, completed from the config's
//! `[sso-session NAME]` as the AWS CLI does, and checked once for every command.

use anyhow::Result;

use crate::cli::{Refresh, SsoArgs};
use crate::env::Env;
use crate::error::{bail_usage, usage};
use crate::inert::{echo, for_terminal};
use crate::source::profiles;
use crate::validate;

/// What a client registration asks for when the config names no scopes.
pub const DEFAULT_SCOPE: &str = "sso:account:access";
const MAX_SCOPES: usize = 32;
const MAX_SCOPE_LEN: usize = 128;

/// The resolved options: `args` with `start_url` and `sso_region` filled in from the
/// config where the command line left them out.
pub struct SsoOptions {
    pub args: SsoArgs,
    /// `sso_registration_scopes` of the section, else [`DEFAULT_SCOPE`].
    pub scopes: Vec<String>,
    /// "[sso-session NAME] in FILE", when that section gave a setting.
    pub section: Option<String>,
    pub start_url_from_config: bool,
    pub region_from_config: bool,
    /// The command a sign-in hint names, with what it needs besides the token options
    /// (e.g. `getcallerid --sso-acct-id … --sso-role-name …`).
    pub hint_command: Vec<String>,
}

impl SsoOptions {
    /// How messages name the start URL's origin.
    pub fn start_url_origin(&self) -> String {
        self.origin(self.start_url_from_config, "--start-url", "sso_start_url")
    }

    pub fn region_origin(&self) -> String {
        self.origin(self.region_from_config, "--sso-region", "sso_region")
    }

    fn origin(&self, from_config: bool, flag: &str, key: &str) -> String {
        match (&self.section, from_config) {
            (Some(section), true) => format!("{key} of {section}"),
            _ => flag.to_string(),
        }
    }
}

/// The token-option rules every command shares, and the `[sso-session NAME]` settings,
/// before any browser or network call. `no_browser_alone`: whether `--no-browser` means
/// something without a sign-in (console).
pub async fn resolve(sso: &SsoArgs, no_browser_alone: bool, env: &Env) -> Result<SsoOptions> {
    if sso.refresh.is_some_and(|r| r != Refresh::Auto)
        && !sso.use_cache
        && sso.accesstoken_cache.is_none()
    {
        bail_usage!(
            "--refresh off/force works only with a cache: add --use-cache or --accesstoken-cache"
        );
    }
    if let Some(url) = &sso.start_url {
        validate::start_url("--start-url", url).map_err(usage)?;
    }
    if let Some(r) = &sso.sso_region {
        validate::region("--sso-region", r).map_err(usage)?;
    }
    let mut opts = SsoOptions {
        args: sso.clone(),
        scopes: vec![DEFAULT_SCOPE.to_string()],
        section: None,
        start_url_from_config: false,
        region_from_config: false,
        hint_command: vec!["getcallerid".to_string()],
    };
    if let Some(name) = &sso.sso_session_name {
        from_config(&mut opts, name, env).await?;
    }
    let mut sign_in_only = vec![
        (sso.use_device_code, "--use-device-code"),
        (sso.nrt, "--nrt"),
    ];
    if !no_browser_alone {
        sign_in_only.push((sso.no_browser, "--no-browser"));
    }
    for (set, flag) in sign_in_only {
        if set && opts.args.start_url.is_none() {
            bail_usage!(
                "{flag} applies to a sign-in, which needs a start URL: add --start-url (or --sso-session-name of an [sso-session] in the config), or drop {flag}"
            );
        }
    }
    Ok(opts)
}

/// The settings of one `[sso-session NAME]`, each checked for its kind.
pub struct Section {
    /// "[sso-session NAME] in FILE", for messages.
    pub place: String,
    pub start_url: Option<String>,
    pub region: Option<String>,
    pub scopes: Option<Vec<String>>,
}

/// `[sso-session NAME]` of the config file, if there is one. Its values are as hostile as
/// any input: a value not of its kind is an error naming the file and section.
pub async fn section(name: &str, env: &Env) -> Result<Option<Section>> {
    let set = profiles::load(env).await?;
    let Some(section) = set.sso_session(name) else {
        return Ok(None);
    };
    let file = crate::paths::config_file(env)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "the config file".to_string());
    let place = format!(
        "[sso-session {}] in {}",
        echo(name),
        for_terminal(&file, 512)
    );
    let bad = |msg: String| usage(format!("{place}: {msg}; fix the config"));
    let start_url = section.get("sso_start_url");
    if let Some(url) = start_url {
        validate::start_url("sso_start_url", url).map_err(bad)?;
    }
    let region = section.get("sso_region");
    if let Some(r) = region {
        validate::region("sso_region", r).map_err(bad)?;
    }
    let scopes = section
        .get("sso_registration_scopes")
        .map(parse_scopes)
        .transpose()
        .map_err(bad)?;
    Ok(Some(Section {
        start_url: start_url.map(str::to_string),
        region: region.map(str::to_string),
        scopes,
        place,
    }))
}

/// Fill in what `[sso-session NAME]` holds; the command line wins, and a value it gives
/// that differs from the section's is an error naming both.
async fn from_config(opts: &mut SsoOptions, name: &str, env: &Env) -> Result<()> {
    let Some(section) = section(name, env).await? else {
        return Ok(());
    };
    let place = &section.place;
    let conflict = |flag: &str, given: &str, key: &str, configured: &str| {
        usage(format!(
            "{flag} {} differs from {key} = {} of {place}: drop {flag}, or use another --sso-session-name",
            echo(given),
            echo(configured)
        ))
    };
    if let Some(url) = &section.start_url {
        match &opts.args.start_url {
            Some(given) if trim_url(given) != trim_url(url) => {
                return Err(conflict("--start-url", given, "sso_start_url", url));
            }
            Some(_) => {}
            None => {
                opts.args.start_url = Some(url.clone());
                opts.start_url_from_config = true;
            }
        }
    }
    if let Some(region) = &section.region {
        match &opts.args.sso_region {
            Some(given) if given != region => {
                return Err(conflict("--sso-region", given, "sso_region", region));
            }
            Some(_) => {}
            None => {
                opts.args.sso_region = Some(region.clone());
                opts.region_from_config = true;
            }
        }
    }
    if let Some(scopes) = section.scopes {
        opts.scopes = scopes;
    }
    opts.section = Some(section.place);
    Ok(())
}

/// `sso_registration_scopes`: a comma-separated list, as the AWS CLI reads it. Each scope
/// reaches RegisterClient, the authorize URL and dumpconfig's INI, so only scope
/// characters pass.
fn parse_scopes(value: &str) -> Result<Vec<String>, String> {
    let ok = |s: &str| {
        (1..=MAX_SCOPE_LEN).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":._-/".contains(c))
    };
    let scopes: Vec<String> = value.split(',').map(|s| s.trim().to_string()).collect();
    if scopes.len() > MAX_SCOPES {
        return Err(format!(
            "sso_registration_scopes lists more than {MAX_SCOPES} scopes"
        ));
    }
    match scopes.iter().find(|s| !ok(s)) {
        Some(s) => Err(format!(
            "sso_registration_scopes holds '{}', which is not a scope: give comma-separated scopes such as {DEFAULT_SCOPE}",
            echo(s)
        )),
        None => Ok(scopes),
    }
}

/// Start URLs that differ only in a trailing `/` or `#` name the same portal.
pub fn trim_url(u: &str) -> &str {
    u.trim_end_matches('/')
        .trim_end_matches("#")
        .trim_end_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_a_comma_separated_list_of_scope_words() {
        assert_eq!(
            parse_scopes("sso:account:access, codewhisperer:completions").unwrap(),
            ["sso:account:access", "codewhisperer:completions"]
        );
        for bad in ["", ",", "a,,b", "sso:account:access,$(id)", "a b", "x\ny"] {
            assert!(parse_scopes(bad).is_err(), "{bad:?}");
        }
        assert!(parse_scopes(&vec!["a"; 33].join(",")).is_err());
    }
}
