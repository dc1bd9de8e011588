//! The shared SSO token cache: the AWS CLI's directory and format
//! (`~/.aws/sso/cache/<sha1 hex of the key>.json`), written atomically under a lock.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use sha1::{Digest, Sha1};

use aws_config::profile::ProfileSet;

use super::token::Token;
use crate::env::Env;
use crate::fsutil;
use crate::lock::Locks;
use crate::paths;

pub struct Cache {
    dir: PathBuf,
    locks: Locks,
}

/// An exclusive lock on one cache entry, held while it is refreshed and written, so that
/// concurrent aws-login processes refresh at most once and never interleave. Readers take
/// none (see crate::lock); the lock file is in aws-login's lock directory, not in the cache.
pub use crate::lock::Locked;

impl Cache {
    pub fn new(env: &Env) -> Result<Cache> {
        let dir = paths::sso_cache_dir(env)
            .context("cannot find the home directory for the SSO token cache: set HOME")?;
        Ok(Cache {
            dir,
            locks: Locks::new(env)?,
        })
    }

    /// The file for a key: the sso-session name, or the start URL for legacy profiles.
    pub fn path(&self, key: &str) -> PathBuf {
        self.dir.join(file_name(key))
    }

    pub fn lock(&self, path: &Path) -> Result<Locked> {
        self.locks.lock(path)
    }

    /// The lock for refreshing and storing the token at `path`, `Ok(Err(why))` when the
    /// result could not be stored: the lock directory or the cache is not writable (a
    /// read-only HOME). Other lock failures (a held lock, a planted symlink) are errors.
    pub fn lock_to_store(&self, path: &Path) -> Result<Result<Locked>> {
        match self.lock(path) {
            Err(e) if crate::lock::is_unwritable(&e) => Ok(Err(e)),
            Err(e) => Err(e),
            // An unnamed temp file, gone on close: the cheapest true test of a write.
            Ok(lock) => Ok(tempfile::tempfile_in(&self.dir).map(|_| lock).map_err(|e| {
                anyhow!(
                    "cannot write to {}: {}",
                    self.dir.display(),
                    crate::fsutil::io_reason(&e)
                )
            })),
        }
    }

    /// The cached token at `path`, `None` when there is none. Bounded, regular files
    /// only, and made private if others could read it.
    pub fn read(&self, path: &Path) -> Result<Option<Token>> {
        match fsutil::read_private(path, fsutil::SMALL_FILE, "the cached token")? {
            Some(text) => Ok(
                Token::parse(&text, &format!("the cached token {}", path.display())).map(Some)?,
            ),
            None => Ok(None),
        }
    }

    /// Replace the file atomically, private (0600). Then remove what earlier writes that
    /// never finished left (a token each, in a file no other tool ever reads or removes).
    pub fn write(&self, path: &Path, contents: &str, lock: &Locked) -> Result<()> {
        fsutil::private_dir(&self.dir)?;
        fsutil::write_atomic(path, contents, 0o600, lock)?;
        fsutil::sweep_temporaries(&self.dir, fsutil::STALE_TEMPORARY);
        Ok(())
    }

    /// The token file written most recently that holds a start URL: the session this
    /// user signed into last, whichever tool did it. Files that cannot be read safely
    /// (FIFOs, oversized ones) are passed over.
    pub fn most_recent(&self) -> Option<PathBuf> {
        fsutil::json_files(&self.dir)
            .filter_map(|p| {
                let modified = p.metadata().ok()?.modified().ok()?;
                read_quietly(&p)?.start_url()?;
                Some((modified, p))
            })
            .max_by_key(|(t, _)| *t)
            .map(|(_, p)| p)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every token file that holds a start URL, with its token (for `logout`).
    pub fn token_files(&self) -> Vec<(PathBuf, Token)> {
        fsutil::json_files(&self.dir)
            .filter_map(|p| {
                let token = read_quietly(&p)?;
                token.start_url()?;
                Some((p, token))
            })
            .collect()
    }
}

/// The shared cache's file for `key` (see [`Cache::path`]), for who only needs its name.
pub fn token_file(env: &Env, key: &str) -> Option<PathBuf> {
    Some(paths::sso_cache_dir(env)?.join(file_name(key)))
}

fn file_name(key: &str) -> String {
    format!("{}.json", fsutil::hex(&Sha1::digest(key.as_bytes())))
}

/// The tokens of the first `max` `*.json` files in the cache directory (for completion,
/// which must answer at once whatever is there).
pub fn tokens(env: &Env, max: usize) -> Vec<Token> {
    let Some(dir) = paths::sso_cache_dir(env) else {
        return Vec::new();
    };
    fsutil::json_files(&dir)
        .take(max)
        .filter_map(|p| read_quietly(&p))
        .collect()
}

/// A token file's token; nothing for a file that cannot be read safely (a FIFO, an
/// oversized one) or is not a valid token (a client registration, a hostile value).
fn read_quietly(path: &Path) -> Option<Token> {
    let text = fsutil::read_private(path, fsutil::SMALL_FILE, "").ok()??;
    Token::parse(&text, "").ok()
}

/// aws-config reads the shared SSO token cache itself for a profile with `sso_session`
/// (or a legacy `sso_start_url`), also along `source_profile`: vet those files the way
/// aws-login's own reads do (bounded, regular, made private) before it does.
pub fn check_profiles(profiles: &ProfileSet, name: Option<&str>, env: &Env) -> Result<()> {
    let Ok(cache) = Cache::new(env) else {
        return Ok(());
    };
    for profile in crate::profiles::chain(profiles, name) {
        if let Some(key) = profile
            .get("sso_session")
            .or_else(|| profile.get("sso_start_url"))
        {
            fsutil::read_private(&cache.path(key), fsutil::SMALL_FILE, "the cached token")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn keys_hash_like_the_aws_cli() {
        let cache = Cache {
            dir: PathBuf::from("/c"),
            locks: Locks::new(&Env::default()).unwrap(),
        };
        // The AWS CLI's file for sso-session "corp" (checked against botocore).
        assert_eq!(
            cache.path("corp"),
            PathBuf::from("/c/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
        );
    }

    #[test]
    fn writes_are_private_and_atomic() {
        let dir = tempfile::tempdir().unwrap();
        let env = Env::from_pairs(&[("XDG_STATE_HOME", dir.path().to_str().unwrap())]);
        let cache = Cache {
            dir: dir.path().join("sso/cache"),
            locks: Locks::new(&env).unwrap(),
        };
        let path = cache.path("k");
        let lock = cache.lock(&path).unwrap();
        cache.write(&path, "{}", &lock).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(cache.dir()).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let leftovers: Vec<_> = fs::read_dir(cache.dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(".aws-login-") || name.ends_with(".lock")
            })
            .collect();
        assert!(leftovers.is_empty());
    }
}
