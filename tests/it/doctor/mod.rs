//! `doctor`: each check passes on a sound set-up and fails (or warns) on its breakage;
//! `sso sessions`; the prompt's mark of a sign-in about to end.

mod checks;
mod shells;
mod signins;

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::harness::*;

/// `doctor --json`'s lines, each as `(check, status, detail, fix)`.
pub fn report(out: &Out) -> Vec<(String, String, String, String)> {
    let Value::Array(rows) = out.json() else {
        panic!("doctor --json prints an array: {}", out.stdout)
    };
    rows.iter()
        .map(|r| {
            let field = |k: &str| {
                r[k].as_str()
                    .unwrap_or_else(|| panic!("{k} is a string: {r}"))
                    .to_string()
            };
            (
                field("check"),
                field("status"),
                field("detail"),
                field("fix"),
            )
        })
        .collect()
}

/// The status of the first line whose check name starts with `check`.
#[track_caller]
pub fn status_of(out: &Out, check: &str) -> (String, String, String) {
    report(out)
        .into_iter()
        .find(|(c, ..)| c.starts_with(check))
        .map(|(_, s, d, f)| (s, d, f))
        .unwrap_or_else(|| panic!("no {check} line: {}", out.stdout))
}

pub fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A home where every check passes: a profile of each kind that resolves, private files.
pub fn sound_world() -> World {
    let w = World::new().with_user_profiles();
    w.write(
        ".aws/config",
        &format!(
            "[profile deploy]\nrole_arn = {DEPLOY}\nsource_profile = alice\n\n\
             [sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n\n\
             [profile prod-admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\n"
        ),
    );
    chmod(&w.credentials_path(), 0o600);
    w
}
