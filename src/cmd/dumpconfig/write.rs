//! `--write`: keep the generated profiles in a managed block of the config file.
//!
//! Everything outside `# BEGIN aws-login <session>` … `# END aws-login <session>` is kept
//! byte for byte; the file is replaced atomically after a backup.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use crate::env::Env;
use crate::fsutil;
use crate::lock::Locks;

/// `--write` with no value: `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn default_path(env: &Env) -> Result<PathBuf> {
    crate::source::profiles::config_file(env)
        .context("cannot find ~/.aws/config: set HOME or give --write FILE")
}

/// `--write` replaces a regular file or creates one: a FIFO, a device or a directory
/// there is refused before anything is locked, read or written (no `.lock` beside it).
pub fn check_target(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(format!(
            "--write {} is not a regular file (it is {}): give the path of a config file",
            path.display(),
            fsutil::kind(meta.file_type())
        )),
        _ => Ok(()),
    }
}

/// The file with the block for `session` replaced (or appended), or an error naming a
/// generated profile that is already defined outside the block.
pub fn merge(
    existing: &str,
    session: &str,
    body: &str,
    names: &[String],
) -> Result<String, String> {
    let begin = format!("# BEGIN aws-login {session}");
    let end = format!("# END aws-login {session}");
    let block = format!("{begin}\n{body}{end}\n");
    let lines: Vec<(usize, &str)> = line_starts(existing);
    let b = lines.iter().position(|(_, l)| l.trim_end() == begin);
    let e = b.and_then(|b| {
        lines[b..]
            .iter()
            .position(|(_, l)| l.trim_end() == end)
            .map(|i| b + i)
    });
    let (before, after) = match (b, e) {
        (Some(b), Some(e)) => {
            let start = lines[b].0;
            let stop = lines.get(e + 1).map_or(existing.len(), |(i, _)| *i);
            (&existing[..start], &existing[stop..])
        }
        (Some(_), None) => {
            return Err(format!(
                "the file has '{begin}' but no '{end}': fix or remove the partial block"
            ));
        }
        _ => (existing, ""),
    };
    for (_, line) in lines_of(before).chain(lines_of(after)) {
        let t = line.trim();
        let defined = t
            .strip_prefix("[profile ")
            .and_then(|r| r.strip_suffix(']'))
            .map(str::trim);
        if let Some(name) = defined.filter(|n| names.iter().any(|g| g == n)) {
            return Err(format!(
                "profile {name} is already defined outside the aws-login block: rename or remove it, or use --name-format"
            ));
        }
        if t == format!("[sso-session {session}]") {
            return Err(format!(
                "[sso-session {session}] is already defined outside the aws-login block: remove it or pick another --sso-session-name"
            ));
        }
    }
    let mut out = String::with_capacity(existing.len() + block.len() + 2);
    out.push_str(before);
    if b.is_none() && !before.is_empty() {
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

fn lines_of(s: &str) -> impl Iterator<Item = (usize, &str)> {
    line_starts(s).into_iter()
}

/// Merge and write; returns the backup path when there was a file to back up, or `None`
/// when nothing changed.
pub fn apply(
    env: &Env,
    path: &Path,
    session: &str,
    body: &str,
    names: &[String],
) -> Result<Option<Option<PathBuf>>> {
    check_target(path).map_err(|e| anyhow!(e))?;
    let locks = Locks::new(env)?;
    let lock = locks
        .lock(path)
        .map_err(|e| anyhow!("cannot write {}: {e:#}", path.display()))?;
    let (existing, mode) = match fsutil::read_bounded(path, fsutil::LARGE_FILE, "--write")? {
        Some(text) => (
            Some(text),
            std::fs::metadata(path)?.permissions().mode() & 0o777,
        ),
        None => (None, 0o600),
    };
    let merged = merge(existing.as_deref().unwrap_or(""), session, body, names)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
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

    const BODY: &str = "[profile a-Admin]\nsso_session = s\n";

    #[test]
    fn appending_then_replacing_keeps_every_other_byte() {
        let original =
            "# my config\n[profile mine]\nregion = eu-west-1 ; comment\n\n[default]\noutput=json";
        let once = merge(original, "s", BODY, &["a-Admin".into()]).unwrap();
        assert!(once.starts_with(original));
        assert!(once.ends_with(
            "# BEGIN aws-login s\n[profile a-Admin]\nsso_session = s\n# END aws-login s\n"
        ));
        let twice = merge(&once, "s", BODY, &["a-Admin".into()]).unwrap();
        assert_eq!(once, twice, "idempotent");
        let changed = merge(
            &format!("{once}[profile after]\nx = 1\n"),
            "s",
            "[profile b]\n",
            &["b".into()],
        )
        .unwrap();
        assert!(changed.starts_with(original));
        assert!(changed.ends_with(
            "# BEGIN aws-login s\n[profile b]\n# END aws-login s\n[profile after]\nx = 1\n"
        ));
    }

    #[test]
    fn a_name_defined_outside_the_block_is_an_error() {
        let err = merge("[profile a-Admin]\n", "s", BODY, &["a-Admin".into()]).unwrap_err();
        assert!(err.contains("a-Admin"), "{err}");
        assert!(merge("[sso-session s]\n", "s", BODY, &[]).is_err());
        assert!(merge("# BEGIN aws-login s\n", "s", BODY, &[]).is_err());
    }
}
