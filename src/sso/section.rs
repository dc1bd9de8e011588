//! The config's `[sso-session NAME]`: the start URL, region and scopes it gives every
//! command, each checked for its kind.

use anyhow::Result;

use crate::env::Env;
use crate::error::Usage;
use crate::inert::{echo, for_terminal};
use crate::profiles;
use crate::validate;

/// What a client registration asks for when the config names no scopes.
pub const DEFAULT_SCOPE: &str = "sso:account:access";

const MAX_SCOPES: usize = 32;
const MAX_SCOPE_LEN: usize = 128;

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
    let bad = |e: Usage| Usage(format!("{place}: {e}; fix the config"));
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

/// `sso_registration_scopes`: a comma-separated list, as the AWS CLI reads it. Each scope
/// reaches RegisterClient, the authorize URL and dumpconfig's INI, so only scope
/// characters pass.
fn parse_scopes(value: &str) -> Result<Vec<String>, Usage> {
    let ok = |s: &str| {
        (1..=MAX_SCOPE_LEN).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || ":._-/".contains(c))
    };
    let scopes: Vec<String> = value.split(',').map(|s| s.trim().to_string()).collect();
    if scopes.len() > MAX_SCOPES {
        return Err(Usage(format!(
            "sso_registration_scopes lists more than {MAX_SCOPES} scopes"
        )));
    }
    match scopes.iter().find(|s| !ok(s)) {
        Some(s) => Err(Usage(format!(
            "sso_registration_scopes holds '{}', which is not a scope: give comma-separated scopes such as {DEFAULT_SCOPE}",
            echo(s)
        ))),
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
