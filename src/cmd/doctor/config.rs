//! The config and credentials files parse, and every profile resolves: a `source_profile`
//! that names no profile, a loop, an `sso_session` with no section, a value not of its kind,
//! an endpoint URL that is none.

use aws_config::profile::ProfileSet;

use super::Check;
use crate::env::Env;
use crate::inert::echo;
use crate::paths::config_file;
use crate::profiles;
use crate::source::chain;

const CHECK: &str = "config";

/// The checks, and the parsed files for the checks after (none when they do not parse).
pub async fn checks(env: &Env, out: &mut Vec<Check>) -> Option<ProfileSet> {
    let set = match profiles::load(env).await {
        Ok(set) => set,
        Err(e) => {
            out.push(Check::fail(
                CHECK,
                format!("{e:#}"),
                "fix the file and line named (or point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE elsewhere)",
            ));
            return None;
        }
    };
    let file = config_file(env)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "~/.aws/config".to_string());
    let mut names: Vec<&str> = set.profiles().collect();
    names.sort_unstable();
    let mut broken = 0;
    for name in &names {
        if let Some(why) = broken_profile(&set, name, env) {
            broken += 1;
            out.push(Check::fail(
                &format!("profile {}", echo(name)),
                why,
                format!("edit [profile {}] in {file}", echo(name)),
            ));
        }
    }
    // A stale AWS_PROFILE breaks every command run without --profile.
    if let Err(e) = profiles::selected(&set, None, env) {
        broken += 1;
        out.push(Check::fail(
            "AWS_PROFILE",
            format!("{e:#}"),
            "unset AWS_PROFILE or set it to a profile that exists",
        ));
    }
    if broken == 0 {
        out.push(Check::ok(
            CHECK,
            format!(
                "{} profile(s) and {} sso-session(s) parse and resolve",
                names.len(),
                set.sso_sessions().count()
            ),
        ));
    }
    Some(set)
}

/// What is wrong with profile `name`, if anything: as a run with it would report it.
fn broken_profile(set: &ProfileSet, name: &str, env: &Env) -> Option<String> {
    let profile = set.get_profile(name)?;
    if let Some(session) = profile.get("sso_session")
        && set.sso_session(session).is_none()
    {
        return Some(format!(
            "sso_session = {}, but there is no [sso-session {}] section",
            echo(session),
            echo(session)
        ));
    }
    if let Err(e) = chain::resolve(set, name) {
        return Some(format!("{e:#}"));
    }
    // An endpoint the SDK would send to that is no URL.
    if let Err(e) = profiles::check_endpoints(set, name, env) {
        return Some(format!("{e:#}"));
    }
    // A profile aws-config resolves itself (keys, credential_process) may still point at
    // a source that is not there.
    profiles::check_source_profiles(set, Some(name))
        .err()
        .map(|e| format!("{e:#}"))
}
