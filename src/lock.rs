//! Exclusive locks for aws-login's writes, kept out of the directories they protect.
//!
//! A `<file>.lock` beside each file littered ~/.aws (a directory other tools and dotfile
//! managers own) and made reading impossible where ~/.aws is read-only. The lock for a
//! file lives in aws-login's own lock directory, `$XDG_RUNTIME_DIR/aws-login/locks`
//! (per user, in memory), else `locks/` in the state directory, 0700 (crate::paths). It is named by the
//! SHA-256 of the file's canonical path, so every aws-login process that writes the same
//! file, by whichever path, takes the same lock, and the name reveals nothing.
//!
//! Only writers lock. Every write replaces its file atomically (fsutil::write_atomic), so
//! a reader sees the old or the new file whole; a reader that goes on to write (a token
//! refresh) takes the lock then and reads again under it.
//!
//! A lock held by another process is waited on, with a message after two seconds, for at
//! most AWS_LOGIN_LOCK_TIMEOUT seconds (60 by default); then the run fails naming the lock.

use std::fs::{self, File, FileType, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use sha2::{Digest, Sha256};

use crate::env::Env;
use crate::error::usage;
use crate::fsutil::io_reason;
use crate::fsutil::kind;
use crate::paths;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a wait goes unannounced: most holders finish well within it.
const QUIET_WAIT: Duration = Duration::from_secs(2);
const POLL: Duration = Duration::from_millis(50);

/// An exclusive lock, released on drop (closing the file releases the flock).
pub use crate::fsutil::Locked;

/// Where locks go and how long to wait for one; read from the environment once.
#[derive(Clone, Debug)]
pub struct Locks {
    dir: Option<PathBuf>,
    timeout: Duration,
}

/// The lock directory cannot be made or written (a read-only HOME, no XDG_RUNTIME_DIR):
/// callers that can do without the write go on without the lock (see [`is_unwritable`]).
#[derive(Debug)]
struct Unwritable(String);

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unwritable {}

/// Whether locking failed only because the lock directory is not writable.
pub fn is_unwritable(e: &anyhow::Error) -> bool {
    e.is::<Unwritable>()
}

/// Lock `path` for writing (see [`Locks::lock`]).
pub fn lock(env: &Env, path: &Path) -> Result<Locked> {
    Locks::new(env)?.lock(path)
}

impl Locks {
    /// A bad AWS_LOGIN_LOCK_TIMEOUT is a usage error, whether or not a lock is then taken.
    pub fn new(env: &Env) -> Result<Locks> {
        let timeout = match env.get("AWS_LOGIN_LOCK_TIMEOUT") {
            None => DEFAULT_TIMEOUT,
            Some(v) => v.trim().parse::<u64>().map(Duration::from_secs).map_err(|_| {
                usage(format!(
                    "AWS_LOGIN_LOCK_TIMEOUT is {}, not a whole number of seconds: set it to e.g. 60",
                    crate::inert::echo(v)
                ))
            })?,
        };
        Ok(Locks {
            dir: paths::lock_dir(env),
            timeout,
        })
    }

    /// Lock `path` exclusively, waiting for another holder at most the timeout.
    ///
    /// A symlink planted at the lock path would make the open create or touch a file
    /// elsewhere: it is refused, both before the open and by the open itself (O_NOFOLLOW);
    /// so is anything but a regular file there (O_NONBLOCK: a FIFO cannot block the open).
    pub fn lock(&self, path: &Path) -> Result<Locked> {
        let dir = self.dir.as_deref().ok_or_else(|| {
            anyhow!("no directory for lock files: set HOME, XDG_RUNTIME_DIR or XDG_STATE_HOME")
        })?;
        make_dir(dir)?;
        let lock_path = dir.join(format!("{}.lock", name(path)));
        let file = open(&lock_path)?;
        self.wait(file, path, &lock_path)
    }

    fn wait(&self, file: File, path: &Path, lock_path: &Path) -> Result<Locked> {
        let start = Instant::now();
        let mut announced = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Locked::held(file)),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => {
                    return Err(anyhow!(
                        "cannot lock {}: {}",
                        lock_path.display(),
                        io_reason(&e)
                    ));
                }
            }
            let waited = start.elapsed();
            if waited >= self.timeout {
                return Err(anyhow!(
                    "another aws-login still holds the lock on {} after {} s (lock {}): let it finish or stop it, or raise AWS_LOGIN_LOCK_TIMEOUT",
                    path.display(),
                    self.timeout.as_secs(),
                    lock_path.display()
                ));
            }
            if !announced && waited >= QUIET_WAIT {
                eprintln!(
                    "aws-login: waiting for another aws-login to finish with {} (lock {})…",
                    path.display(),
                    lock_path.display()
                );
                announced = true;
            }
            std::thread::sleep(POLL.min(self.timeout - waited));
        }
    }
}

/// The lock file's name: the hex SHA-256 of the canonical absolute path. A file that does
/// not exist yet is named through its longest existing ancestor, so that it keeps its
/// lock once it (and its directory) exist.
fn name(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    let canonical = loop {
        if let Ok(c) = fs::canonicalize(existing) {
            break c;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    let full = rest.iter().rev().fold(canonical, |p, c| p.join(c));
    crate::fsutil::hex(&Sha256::digest(full.as_os_str().as_encoded_bytes()))
}

/// An error that only says the directory cannot be written (read-only, not ours).
fn unwritable_or(e: &std::io::Error, msg: String) -> anyhow::Error {
    match e.raw_os_error() {
        Some(libc::EROFS | libc::EACCES | libc::EPERM) => anyhow::Error::new(Unwritable(msg)),
        _ => anyhow!(msg),
    }
}

/// Create the lock directory (and parents) and make it private.
fn make_dir(dir: &Path) -> Result<()> {
    let fail = |e: std::io::Error| {
        unwritable_or(
            &e,
            format!(
                "cannot make the lock directory {} ({}): make it writable, or set XDG_RUNTIME_DIR or XDG_STATE_HOME to a writable directory",
                dir.display(),
                io_reason(&e)
            ),
        )
    };
    crate::fsutil::ensure_private_dir(dir).map_err(fail)
}

fn open(lock_path: &Path) -> Result<File> {
    let not_regular = |t: FileType| {
        anyhow!(
            "the lock file {} is {}, not a regular file: remove it",
            lock_path.display(),
            kind(t)
        )
    };
    if let Ok(meta) = fs::symlink_metadata(lock_path)
        && !meta.is_file()
    {
        return Err(not_regular(meta.file_type()));
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(lock_path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => anyhow!(
                "the lock file {} is a symlink, not a regular file: remove it",
                lock_path.display()
            ),
            _ => unwritable_or(
                &e,
                format!(
                    "cannot open the lock file {}: {}",
                    lock_path.display(),
                    io_reason(&e)
                ),
            ),
        })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locks_in(dir: &Path, timeout: u64) -> Locks {
        Locks {
            dir: Some(dir.to_path_buf()),
            timeout: Duration::from_secs(timeout),
        }
    }

    #[test]
    fn a_lock_path_that_is_a_symlink_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let locks = locks_in(&dir.path().join("locks"), 1);
        let file = dir.path().join("f");
        let target = dir.path().join("victim");
        fs::create_dir(dir.path().join("locks")).unwrap();
        let lock_path = dir.path().join(format!("locks/{}.lock", name(&file)));
        std::os::unix::fs::symlink(&target, &lock_path).unwrap();
        let err = format!("{:#}", locks.lock(&file).err().unwrap());
        assert!(err.contains("is a symlink"), "{err}");
        assert!(!target.exists());
        assert!(locks.lock(&dir.path().join("g")).is_ok());
    }

    #[test]
    fn one_file_has_one_lock_by_any_path_and_before_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::create_dir(&real).unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
        let via_link = name(&dir.path().join("link/../real/sub/f"));
        fs::create_dir_all(real.join("sub")).unwrap();
        fs::write(real.join("sub/f"), "").unwrap();
        assert_eq!(via_link, name(&real.join("sub/f")));
        assert_eq!(via_link.len(), 64);
        assert_ne!(via_link, name(&real.join("sub/g")));
    }

    #[test]
    fn a_held_lock_times_out_and_a_free_one_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let locks = locks_in(dir.path(), 0);
        let file = dir.path().join("f");
        let held = locks.lock(&file).unwrap();
        let err = format!("{:#}", locks.lock(&file).err().unwrap());
        assert!(err.contains("still holds the lock"), "{err}");
        drop(held);
        assert!(locks.lock(&file).is_ok());
    }

    #[test]
    fn the_timeout_must_be_whole_seconds() {
        let env = Env::from_pairs(&[("AWS_LOGIN_LOCK_TIMEOUT", "1.5")]);
        assert!(Locks::new(&env).is_err());
        let env = Env::from_pairs(&[("AWS_LOGIN_LOCK_TIMEOUT", "7")]);
        assert_eq!(Locks::new(&env).unwrap().timeout, Duration::from_secs(7));
    }
}
