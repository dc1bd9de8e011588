//! The endpoint's bearer token in a file (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, which
//! botocore, the AWS CLI and the Rust and JavaScript SDKs prefer to the token variable):
//! a path in an environment or on stdout is no secret, and a file goes away with the
//! endpoint. 0600, written atomically, with no newline (botocore refuses a token with one).

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use crate::env::Env;
use crate::fsutil;
use crate::fsutil::io_reason;
use crate::paths;

pub const VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

/// The written file, removed when this goes (or by [`TokenFile::remove`] before).
pub struct TokenFile {
    path: PathBuf,
    token: String,
}

impl TokenFile {
    /// Write `token` to `given` (`--token-file`), else to a file of this endpoint's own
    /// in aws-login's runtime directory.
    pub fn write(given: Option<&Path>, token: &str, port: u16, env: &Env) -> Result<TokenFile> {
        let path = match given {
            Some(p) => given_path(p)?,
            None => default_path(port, env)?,
        };
        let lock = crate::lock::lock(env, &path)?;
        fsutil::write_atomic(&path, token, 0o600, &lock)
            .map_err(|e| anyhow!("{e:#}: choose another --token-file"))?;
        Ok(TokenFile {
            path,
            token: token.to_string(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Remove the file, unless another endpoint has replaced it with its own token since.
    pub fn remove(&self) {
        let ours = std::fs::read(&self.path).is_ok_and(|t| t == self.token.as_bytes());
        if ours && let Err(e) = std::fs::remove_file(&self.path) {
            tracing::warn!(
                "cannot remove the token file {}: {}",
                self.path.display(),
                io_reason(&e)
            );
        }
    }
}

impl Drop for TokenFile {
    fn drop(&mut self) {
        self.remove();
    }
}

/// `--token-file`: absolute (clients run in other directories), and never a directory,
/// a symlink or a device in the way (only a regular file, as a stale token file is, is
/// replaced).
fn given_path(p: &Path) -> Result<PathBuf> {
    let shown = || crate::inert::echo(&p.to_string_lossy()).into_owned();
    let path = std::path::absolute(p)
        .map_err(|e| anyhow!("--token-file {}: {}", shown(), io_reason(&e)))?;
    if path.to_str().is_none() {
        crate::error::bail_usage!("--token-file {} is not UTF-8: give another path", shown());
    }
    if path.file_name().is_none() {
        crate::error::bail_usage!("--token-file {} names no file: give a file path", shown());
    }
    if let Ok(meta) = std::fs::symlink_metadata(&path)
        && !meta.file_type().is_file()
    {
        crate::error::bail_usage!(
            "--token-file {} is {}: give the path of a file to create",
            shown(),
            fsutil::kind(meta.file_type())
        );
    }
    Ok(path)
}

/// `serve/<port>-<pid>.token` in the runtime directory: no two live endpoints share one.
fn default_path(port: u16, env: &Env) -> Result<PathBuf> {
    let dir = paths::runtime_dir(env)
        .ok_or_else(|| anyhow!("no directory for the token file: set HOME or give --token-file"))?
        .join("serve");
    fsutil::private_dir(&dir)?;
    Ok(dir.join(format!("{port}-{}.token", std::process::id())))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn the_file_is_private_exact_and_gone_after() {
        let home = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("HOME", home.path().to_str().unwrap())]);
        let f = TokenFile::write(None, "tok", 4567, &env).unwrap();
        let path = f.path().to_path_buf();
        assert!(path.starts_with(home.path()), "{}", path.display());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "tok");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        drop(f);
        assert!(!path.exists());
    }

    #[test]
    fn a_file_another_endpoint_took_over_is_left_alone() {
        let home = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("HOME", home.path().to_str().unwrap())]);
        let given = home.path().join("t");
        let f = TokenFile::write(Some(&given), "one", 1, &env).unwrap();
        std::fs::write(&given, "two").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&given).unwrap(), "two");
        let err = TokenFile::write(Some(home.path()), "x", 1, &env)
            .err()
            .unwrap();
        assert!(format!("{err:#}").contains("directory"), "{err:#}");
    }
}
