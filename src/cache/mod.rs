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

pub mod entry;

use std::future::Future;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use chrono::{DateTime, Utc};

pub use entry::{Cached, Entry, Key, Meta, Shape};

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
}

impl Store {
    pub fn new(env: &Env) -> Result<Store> {
        Ok(Store {
            dir: paths::cache_dir(env).map(|d| d.join("sessions")),
            locks: Locks::new(env)?,
        })
    }

    fn path(&self, key: &Key) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(key.file_name()))
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
        if !fresh && let Some(hit) = read_fresh(&path) {
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
        if !fresh
            && lock.is_some()
            && let Some(hit) = read_fresh(&path)
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
        let now = Utc::now();
        let Some(entry) = Entry::new(&key.meta, got, now) else {
            return;
        };
        if !entry.fresh_at(now, MIN_LEFT) {
            return;
        }
        let written = self
            .make_dir()
            .and_then(|()| fsutil::write_atomic_cache(path, &entry.to_json(), 0o600, lock));
        if let Err(e) = written {
            warn(&format!("{e:#}"));
        }
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

    /// Every readable entry, with its file (for `cache list`, `cache clear`, `logout`).
    pub fn entries(&self) -> Vec<(PathBuf, Entry)> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut found: Vec<(PathBuf, Entry)> = fsutil::json_files(dir)
            .filter_map(|p| Some((p.clone(), read(&p)?)))
            .collect();
        found.sort_by_key(|(_, e)| e.expiration);
        found
    }

    /// Remove the entry for `key`; whether there was one.
    pub fn remove(&self, key: &Key) -> Result<bool> {
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
                crate::input::io_reason(&e)
            )),
        }
    }

    /// Every file in the cache directory that is an entry or looks like one (damaged ones
    /// too), for `cache clear --all`.
    pub fn files(&self) -> Vec<PathBuf> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        // Regular files only, links not followed: only what aws-login could have written.
        fsutil::json_files(dir)
            .filter(|p| p.symlink_metadata().is_ok_and(|m| m.is_file()))
            .collect()
    }
}

/// The entry at `path`, `None` when there is none or it cannot be used.
fn read(path: &Path) -> Option<Entry> {
    match fsutil::read_private(path, fsutil::SMALL_FILE, "the cached session") {
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

fn read_fresh(path: &Path) -> Option<Cached> {
    read(path)
        .filter(|e| e.fresh_at(Utc::now(), MIN_LEFT))
        .map(|e| e.cached())
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
