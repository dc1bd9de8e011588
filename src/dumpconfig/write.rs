//! `--write`: keep the generated profiles in a managed block of the config file.
//!
//! Everything outside `# BEGIN aws-login <session>` … `# END aws-login <session>` is kept
//! byte for byte; the file is replaced atomically after a backup.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::outside::{self, Session};
use crate::env::Env;
use crate::error::{Usage, usage};
use crate::fsutil;
use crate::lock::Locks;

/// `--write` with no value: `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn default_path(env: &Env) -> Result<PathBuf> {
    crate::paths::config_file(env)
        .context("cannot find ~/.aws/config: set HOME or give --write FILE")
}

/// The file `--write` means: the target of a symlink (a config kept in a dotfiles
/// repository), so that the link stays and the file it points to is replaced, with the
/// backup and the lock beside it. A link to nothing is an error: aws-login does not
/// create a file wherever a link points.
pub fn resolve(path: &Path) -> Result<PathBuf, Usage> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            let to = std::fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            Usage(format!(
                "--write {} is a symlink to {to}, which does not exist ({}): create the file or fix the link",
                path.display(),
                crate::fsutil::io_reason(&e)
            ))
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// `--write` replaces a regular file or creates one: a FIFO, a device or a directory
/// there is refused before anything is locked, read or written (no `.lock` beside it).
pub fn check_target(path: &Path) -> Result<(), Usage> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(Usage(format!(
            "--write {} is not a regular file (it is {}): give the path of a config file",
            path.display(),
            fsutil::kind(meta.file_type())
        ))),
        _ => Ok(()),
    }
}

/// The file with the block for `session` replaced (or appended), or an error: for a
/// doubled or unmatched block marker, a generated profile already defined outside the
/// block, or an `[sso-session]` outside it that differs from `session`. `body` renders
/// the block, with its own `[sso-session]` section or without it (when the file has one).
pub fn merge(
    existing: &str,
    session: &Session,
    body: impl Fn(bool) -> Result<String>,
    names: &[String],
) -> Result<String> {
    let begin = format!("# BEGIN aws-login {}", session.name);
    let end = format!("# END aws-login {}", session.name);
    let lines: Vec<(usize, &str)> = line_starts(existing);
    let at = |marker: &str| -> Vec<usize> {
        (0..lines.len())
            .filter(|i| lines[*i].1.trim_end() == marker)
            .collect()
    };
    let (begins, ends) = (at(&begin), at(&end));
    if begins.len() > 1 {
        return Err(usage(format!(
            "the file has {} blocks '{begin}': remove all but one",
            begins.len()
        )));
    }
    let (before, after) = match (begins.first(), ends.as_slice()) {
        (None, []) => (existing, ""),
        (Some(&b), [e]) if *e > b => {
            let start = lines[b].0;
            let stop = lines.get(e + 1).map_or(existing.len(), |(i, _)| *i);
            (&existing[..start], &existing[stop..])
        }
        (Some(_), []) => {
            return Err(usage(format!(
                "the file has '{begin}' but no '{end}': fix or remove the partial block"
            )));
        }
        _ => {
            return Err(usage(format!(
                "the file has a '{end}' that closes no '{begin}' block: fix or remove the stray line"
            )));
        }
    };
    let outside = format!("{before}{after}");
    let shared = outside::check(&outside, session, names)?;
    let block = format!("{begin}\n{}{end}\n", body(!shared)?);
    let mut out = String::with_capacity(existing.len() + block.len() + 2);
    out.push_str(before);
    if begins.is_empty() && !before.is_empty() {
        // Appending: end the last line, then leave a blank line before the block.
        if !before.ends_with('\n') {
            out.push('\n');
        }
        if !before.ends_with("\n\n") {
            out.push('\n');
        }
    }
    out.push_str(&block);
    out.push_str(after);
    Ok(out)
}

fn line_starts(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut i = 0;
    for line in s.split_inclusive('\n') {
        out.push((i, line));
        i += line.len();
    }
    out
}

/// Merge and write `path` (resolved already); returns the backup path when there was a
/// file to back up, or `None` when nothing changed.
pub fn apply(
    env: &Env,
    path: &Path,
    session: &Session,
    body: impl Fn(bool) -> Result<String>,
    names: &[String],
) -> Result<Option<Option<PathBuf>>> {
    check_target(path)?;
    let locks = Locks::new(env)?;
    let lock = locks
        .lock(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let (existing, mode) = match fsutil::read_bounded(path, fsutil::LARGE_FILE, "--write")? {
        Some(text) => (
            Some(text),
            std::fs::metadata(path)?.permissions().mode() & 0o777,
        ),
        None => (None, 0o600),
    };
    let merged = merge(existing.as_deref().unwrap_or(""), session, body, names)
        .with_context(|| path.display().to_string())?;
    if existing.as_deref() == Some(merged.as_str()) {
        return Ok(None);
    }
    let backup = match &existing {
        Some(text) => {
            let mut name = path.as_os_str().to_owned();
            name.push(".bak");
            let backup = PathBuf::from(name);
            let backup_lock = locks.lock(&backup)?;
            fsutil::write_atomic(&backup, text, mode, &backup_lock)
                .with_context(|| format!("cannot back up {}", path.display()))?;
            Some(backup)
        }
        None => None,
    };
    fsutil::write_atomic(path, &merged, mode, &lock)?;
    Ok(Some(backup))
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Session = Session {
        name: "s",
        start_url: "https://x.awsapps.com/start",
        region: "us-east-1",
    };

    fn body(text: &'static str) -> impl Fn(bool) -> Result<String> {
        move |with_session| {
            Ok(match with_session {
                true => format!("[sso-session s]\n{text}"),
                false => text.to_string(),
            })
        }
    }

    const BODY: &str = "[profile a-Admin]\nsso_session = s\n";

    #[test]
    fn appending_then_replacing_keeps_every_other_byte() {
        let original =
            "# my config\n[profile mine]\nregion = eu-west-1 ; comment\n\n[default]\noutput=json";
        let once = merge(original, &S, body(BODY), &["a-Admin".into()]).unwrap();
        assert!(once.starts_with(original));
        assert!(once.ends_with(
            "# BEGIN aws-login s\n[sso-session s]\n[profile a-Admin]\nsso_session = s\n# END aws-login s\n"
        ));
        let twice = merge(&once, &S, body(BODY), &["a-Admin".into()]).unwrap();
        assert_eq!(once, twice, "idempotent");
        let changed = merge(
            &format!("{once}[profile after]\nx = 1\n"),
            &S,
            body("[profile b]\n"),
            &["b".into()],
        )
        .unwrap();
        assert!(changed.starts_with(original));
        assert!(changed.ends_with(
            "# BEGIN aws-login s\n[sso-session s]\n[profile b]\n# END aws-login s\n[profile after]\nx = 1\n"
        ));
    }

    #[test]
    fn a_session_outside_the_block_is_used_when_it_matches() {
        let theirs = "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n";
        let merged = merge(theirs, &S, body(BODY), &[]).unwrap();
        assert_eq!(
            merged,
            format!("{theirs}\n# BEGIN aws-login s\n{BODY}# END aws-login s\n")
        );
        let err = merge(
            &theirs.replace("us-east-1", "us-west-2"),
            &S,
            body(BODY),
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("us-west-2") && err.contains("us-east-1"),
            "{err}"
        );
    }

    #[test]
    fn names_outside_and_bad_markers_are_errors() {
        let err = merge("[profile a-Admin]\n", &S, body(BODY), &["a-Admin".into()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("a-Admin"), "{err}");
        let block = "# BEGIN aws-login s\n# END aws-login s\n";
        for bad in [
            "# BEGIN aws-login s\n".to_string(),
            "# END aws-login s\n".to_string(),
            "# END aws-login s\n# BEGIN aws-login s\n".to_string(),
            format!("{block}{block}"),
            format!("{block}# END aws-login s\n"),
        ] {
            assert!(merge(&bad, &S, body(BODY), &[]).is_err(), "{bad}");
        }
        // Another session's block is not this one's business.
        let other = "# BEGIN aws-login t\n# END aws-login t\n";
        assert!(merge(&format!("{other}{other}"), &S, body(BODY), &[]).is_ok());
    }
}
