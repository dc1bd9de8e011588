//! aws-login's session cache: final credentials (and MFA sessions) kept between processes,
//! so that a `credential_process` called many times a minute makes one chain of STS calls.
//!
//! Entries live in `sessions/` of the cache directory (crate::paths::cache_dir), 0600 in
//! 0700 directories, each named by the hash of its request's description (entry::Key) and
//! written atomically under the entry's lock (crate::lock). Readers take no lock; a miss
//! takes the lock, reads again, and only then acquires: N processes asking at once for the
//! same missing entry make one chain, the others read what the first wrote.
//!
//! The cache may never make a run fail: a damaged or unreadable entry is a miss (and is
//! replaced), and a cache that cannot be written is a warning.
//!
//! What is served must be what this user made: directories and entries of the effective
//! user's that no one else can write (not through a symlink), never the environment's own
//! keys, and credentials made from an IAM Identity Center token only while that token's
//! file is there, so a sign-out ends them ([`Entry::backed`]).

pub mod entry;

use std::future::Future;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

pub use entry::{Cached, Entry, Key, Meta, Shape, TokenFrom};

use crate::env::Env;
use crate::fsutil;
use crate::lock::{Locked, Locks};
use crate::paths;

/// An entry is reused while it has this much left: the SDKs' advisory refresh window, so
/// an SDK calling `credential_process` is never handed credentials it will refresh at once.
pub const MIN_LEFT: chrono::Duration = chrono::Duration::minutes(15);

pub struct Store {
    /// `None`: no home directory, nothing is cached.
    dir: Option<PathBuf>,
    locks: Locks,
    /// The environment's own key id: credentials with it came from the environment as
    /// they are. The environment holds them already; a copy would only show up in
    /// `cache list` beside the entries of real requests.
    env_key: Option<String>,
}

impl Store {
    pub fn new(env: &Env) -> Result<Store> {
        Ok(Store {
            dir: paths::cache_dir(env).map(|d| d.join("sessions")),
            locks: Locks::new(env)?,
            env_key: env.get("AWS_ACCESS_KEY_ID").map(str::to_string),
        })
    }

    fn path(&self, key: &Key) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(key.file_name()))
    }

    /// Whether the cache's directories (aws-login's and `sessions/`) may hold credentials:
    /// not symlinks, the effective user's, and (unless `loose_ok`, for removing or before
    /// they are made private again) writable by no one else. Fine when not there yet.
    pub fn check_dirs(&self, loose_ok: bool) -> Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        if let Some(parent) = dir.parent() {
            fsutil::check_own_dir(parent, loose_ok)?;
        }
        fsutil::check_own_dir(dir, loose_ok)
    }

    /// Whether entries may be read; why not goes to the log (a write says it on stderr).
    fn readable(&self) -> bool {
        self.check_dirs(false)
            .inspect_err(|e| tracing::info!("the session cache is not read: {e:#}"))
            .is_ok()
    }

    /// The credentials for `key`: the cached ones while they have [`MIN_LEFT`] (unless
    /// `fresh`), else those `acquire` makes, stored for the next run.
    pub async fn get_or_acquire<F, Fut>(&self, key: &Key, fresh: bool, acquire: F) -> Result<Cached>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Cached>>,
    {
        let Some(path) = self.path(key) else {
            return acquire().await;
        };
        let readable = !fresh && self.readable();
        if readable && let Some(hit) = self.read_fresh(&path) {
            tracing::info!(entry = %path.display(), "credentials from the session cache");
            return Ok(hit);
        }
        let lock = match self.locks.lock(&path) {
            Ok(lock) => Some(lock),
            Err(e) if crate::lock::is_unwritable(&e) => {
                warn(&format!("{e:#}"));
                None
            }
            Err(e) => return Err(e),
        };
        // Another process may have made the entry while this one waited for the lock.
        if readable
            && lock.is_some()
            && let Some(hit) = self.read_fresh(&path)
        {
            tracing::info!(entry = %path.display(), "credentials made by a concurrent run");
            return Ok(hit);
        }
        let got = acquire().await?;
        if let Some(lock) = &lock {
            self.store(&path, key, &got, lock);
        }
        Ok(got)
    }

    /// Write the entry; a cache that cannot be written costs only the reuse.
    fn store(&self, path: &Path, key: &Key, got: &Cached, lock: &Locked) {
        if self.is_environments(&got.creds.access_key_id) {
            return;
        }
        let now = Utc::now();
        let Some(entry) = Entry::new(&key.meta, got, now) else {
            return;
        };
        if !entry.fresh_at(now, MIN_LEFT) {
            return;
        }
        // Checked before anything is made private: a symlink is not followed, and root
        // leaves another user's directories alone. The reason names its own fix.
        if let Err(e) = self.check_dirs(true) {
            eprintln!(
                "aws-login: warning: the session cache is not used: {}",
                crate::inert::for_terminal(&format!("{e:#}"), crate::inert::LINE_MAX)
            );
            return;
        }
        let written = self
            .make_dir()
            .and_then(|()| fsutil::write_atomic_cache(path, &entry.to_json(), 0o600, lock));
        match written {
            // The directories were checked above: sweep without asking again.
            Ok(()) => {
                if let Some(dir) = &self.dir {
                    fsutil::sweep_temporaries(dir, fsutil::STALE_TEMPORARY);
                }
            }
            Err(e) => warn(&format!("{e:#}")),
        }
    }

    fn is_environments(&self, key_id: &str) -> bool {
        self.env_key.as_deref() == Some(key_id)
    }

    fn make_dir(&self) -> Result<()> {
        let dir = self
            .dir
            .as_deref()
            .ok_or_else(|| anyhow!("no cache directory"))?;
        if let Some(parent) = dir.parent() {
            fsutil::private_dir(parent)?;
        }
        fsutil::private_dir(dir)
    }

    /// Remove the temporary files of writers killed mid-write (they hold credentials);
    /// how many there were.
    pub fn sweep(&self) -> usize {
        match &self.dir {
            Some(dir) if self.check_dirs(true).is_ok() => {
                fsutil::sweep_temporaries(dir, fsutil::STALE_TEMPORARY)
            }
            _ => 0,
        }
    }

    /// Every readable entry, with its file (for `cache list`, `cache clear`, `logout`).
    pub fn entries(&self) -> Vec<(PathBuf, Entry)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        if !self.readable() {
            return Vec::new();
        }
        let mut found: Vec<(PathBuf, Entry)> = fsutil::json_files(dir)
            .filter_map(|p| Some((p.clone(), read(&p)?)))
            .collect();
        found.sort_by_key(|(_, e)| e.expiration);
        found
    }

    /// Remove the entry for `key`; whether there was one.
    pub fn remove(&self, key: &Key) -> Result<bool> {
        self.check_dirs(true)?;
        match self.path(key) {
            Some(path) => self.remove_file(&path),
            None => Ok(false),
        }
    }

    /// Remove an entry's file (under its lock, so no writer is mid-way); whether it was there.
    pub fn remove_file(&self, path: &Path) -> Result<bool> {
        let _lock = self.locks.lock(path).ok();
        match std::fs::remove_file(path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(anyhow!(
                "cannot remove {}: {}: remove it by hand",
                path.display(),
                crate::fsutil::io_reason(&e)
            )),
        }
    }

    /// Every file in the cache directory that is an entry of any version (damaged or
    /// expired ones too), for `cache clear --all`. Only what aws-login could have written:
    /// regular files of the effective user's in its own directories; anything else there
    /// is left alone.
    pub fn files(&self) -> Result<Vec<PathBuf>> {
        self.check_dirs(true)?;
        let Some(dir) = &self.dir else {
            return Ok(Vec::new());
        };
        Ok(fsutil::json_files(dir)
            .filter(|p| {
                fsutil::read_own(p, fsutil::SMALL_FILE, "the cached session")
                    .is_ok_and(|text| text.is_some_and(|t| Entry::looks_like_one(&t)))
            })
            .collect())
    }

    fn read_fresh(&self, path: &Path) -> Option<Cached> {
        read(path)
            .filter(|e| e.fresh_at(Utc::now(), MIN_LEFT) && e.backed())
            .map(|e| e.cached())
            .filter(|c| !self.is_environments(&c.creds.access_key_id))
    }
}

/// The entry at `path`, `None` when there is none or it cannot be used.
fn read(path: &Path) -> Option<Entry> {
    match fsutil::read_own(path, fsutil::SMALL_FILE, "the cached session") {
        Ok(Some(text)) => {
            let entry = Entry::parse(&text);
            if entry.is_none() {
                tracing::info!(entry = %path.display(), "damaged session cache entry: a miss");
            }
            entry
        }
        Ok(None) => None,
        Err(e) => {
            tracing::info!("unreadable session cache entry: a miss ({e})");
            None
        }
    }
}

/// Time left until `t`, for people: `3h12m`, `14m`, `expired`.
pub fn time_left(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (t - now).num_seconds();
    if secs <= 0 {
        return "expired".to_string();
    }
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    if h > 0 {
        format!("{h}h{m:02}m")
    } else {
        format!("{m}m")
    }
}

fn warn(why: &str) {
    eprintln!(
        "aws-login: warning: the session cache is not used ({}): make it writable or set XDG_CACHE_HOME",
        crate::inert::for_terminal(why, crate::inert::LINE_MAX)
    );
}
