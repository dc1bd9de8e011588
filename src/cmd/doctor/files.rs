//! No file with credentials in it open to others: the credentials file, aws-login's
//! session cache and the shared SSO token cache (the directories and what they hold).
//! Looked at before any other check reads the caches: reading a token file makes it
//! private on the way, and this report is about what was found.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use super::Check;
use crate::env::Env;
use crate::paths::{cache_dir, credentials_file, sso_cache_dir};

const CHECK: &str = "file modes";

pub fn checks(env: &Env, out: &mut Vec<Check>) {
    let mut open = Vec::new();
    if let Some(file) = credentials_file(env) {
        open.extend(loose(&file, "chmod 600"));
    }
    for dir in [
        cache_dir(env),
        cache_dir(env).map(|d| d.join("sessions")),
        sso_cache_dir(env),
    ]
    .into_iter()
    .flatten()
    {
        open.extend(loose(&dir, "chmod 700"));
        for path in crate::fsutil::json_files(&dir).take(10_000) {
            open.extend(loose(&path, "chmod 600"));
        }
    }
    if open.is_empty() {
        out.push(Check::ok(
            CHECK,
            "the credentials file and the caches are private to you",
        ));
        return;
    }
    for (path, mode, fix) in open {
        out.push(Check::fail(
            CHECK,
            format!("{path} is mode {mode:o}: others can read it"),
            format!("{fix} {path}"),
        ));
    }
}

/// `(path, mode, fix)` when `path` exists and its group or others have any access.
fn loose(path: &Path, fix: &'static str) -> Option<(String, u32, &'static str)> {
    let meta = std::fs::metadata(path).ok()?;
    let mode = meta.permissions().mode() & 0o777;
    (mode & 0o077 != 0 && meta.uid() == crate::fsutil::euid())
        .then(|| (path.display().to_string(), mode, fix))
}
