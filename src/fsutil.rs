//! Files read and written safely. Reads: regular files only, bounded in size, never
//! blocking on a FIFO; aws-login's private files made 0600 when found open to others.
//! Writes: 0700 directories, atomic replacement (temp file in the same directory, then
//! rename) under a lock (crate::lock: kept in aws-login's own directory, never beside the
//! file).

use std::fs::{self, DirBuilder, FileType, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow, bail};

use crate::error::Usage;

/// The cap for option values (`file://`), token caches, client registrations and the
/// assume history: real ones are a few KiB.
pub const SMALL_FILE: u64 = 1 << 20;
/// The cap for the config and credentials files and the discovery index: 5,000 profiles
/// or accounts take about 1 MiB.
pub const LARGE_FILE: u64 = 16 << 20;

/// How the temporary file of an atomic write is named (see [`sweep_temporaries`]).
pub const TEMP_PREFIX: &str = ".aws-login-";

/// A temporary file this old is what a killed writer left (see [`sweep_temporaries`]).
pub const STALE_TEMPORARY: Duration = Duration::from_secs(60);

/// An io::Error without the "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Lowercase hex of some bytes: how digests name cache and lock files.
pub fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Proof that an exclusive lock is held (crate::lock takes it), demanded by the atomic
/// writes; it lives here so that the writes need not know how locks are taken.
pub struct Locked {
    _file: fs::File,
}

impl Locked {
    /// The lock is held on `file` (flocked by the caller), and released when it closes.
    pub fn held(file: fs::File) -> Locked {
        Locked { _file: file }
    }
}

/// The effective user: the one whose files aws-login may trust.
pub fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Create `dir` (and parents) and make it private.
pub fn private_dir(dir: &Path) -> Result<()> {
    ensure_private_dir(dir).with_context(|| {
        format!(
            "cannot create {} as a private (0700) directory",
            dir.display()
        )
    })
}

/// [`private_dir`] with the bare I/O error, for callers that explain it their own way.
/// A directory that is already there, ours and private is left alone: one `stat` instead
/// of a `mkdir` and a `chmod` on every cache write. One of another user goes on to the
/// `chmod`, which refuses it, as it always did. Missing parents are made 0700 too: they
/// are often an XDG base directory (`$XDG_CACHE_HOME`, `~/.local/state`), which the XDG
/// spec asks to be created so.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    let me = euid();
    if fs::metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == me && m.permissions().mode() & 0o7777 == 0o700)
    {
        return Ok(());
    }
    DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

/// A directory that holds aws-login's credentials, as found: `Ok` when it is not there
/// yet, or is a directory of the effective user's; an error naming the fix when it is a
/// symlink (never followed: it could lead anywhere), not a directory, or another user's
/// (root run with that user's XDG_CACHE_HOME). Unless `loose_ok`, one that others can
/// write to is refused too: what they may have put there is not to be used.
pub fn check_own_dir(dir: &Path, loose_ok: bool) -> Result<()> {
    let shown = dir.display();
    let meta = match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!("cannot inspect {shown}: {}", io_reason(&e)),
        Ok(m) => m,
    };
    if meta.is_symlink() {
        bail!("{shown} is a symlink, which is not followed: replace it with a directory");
    }
    if !meta.is_dir() {
        bail!(
            "{shown} is {}, not a directory: remove it",
            kind(meta.file_type())
        );
    }
    if meta.uid() != euid() {
        bail!(
            "{shown} belongs to another user (uid {}): use your own (set XDG_CACHE_HOME)",
            meta.uid()
        );
    }
    if !loose_ok && meta.permissions().mode() & 0o022 != 0 {
        bail!("{shown} can be written by others: make it private (chmod 700)");
    }
    Ok(())
}

/// Remove what writes that never finished (a writer killed mid-way) left in `dir`:
/// aws-login's temporary files, regular files of the effective user's last written more
/// than `age` ago. A write takes milliseconds; an age rather than the writer's process id,
/// which means nothing on another host sharing the directory. Best effort: how many went.
pub fn sweep_temporaries(dir: &Path, age: Duration) -> usize {
    let Some(before) = SystemTime::now().checked_sub(age) else {
        return 0;
    };
    let me = euid();
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .as_encoded_bytes()
                .starts_with(TEMP_PREFIX.as_bytes())
        })
        .filter(|e| {
            e.metadata().is_ok_and(|m| {
                m.is_file() && m.uid() == me && m.modified().is_ok_and(|t| t < before)
            })
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Replace `path` with `contents` atomically, the new file having `mode`, and durably:
/// flushed to the disk before it replaces the old one, so a crash leaves one or the other.
pub fn write_atomic(path: &Path, contents: &str, mode: u32, lock: &Locked) -> Result<()> {
    replace(path, contents, mode, lock, true)
}

/// [`write_atomic`] for a cache whose entries are checked when read, and cheaper: no
/// flush (after a power cut an entry may be empty, which reads as no entry), and the old
/// entry is removed before the new one is renamed into place, because ext4 flushes a file
/// renamed over another one. A reader sees the old entry, none, or the new one, never a
/// part; one that finds none takes the writers' lock, so it waits for the new one. The
/// flush and the rename over took 0.7 ms of a 4 ms run that acquires credentials.
pub fn write_atomic_cache(path: &Path, contents: &str, mode: u32, lock: &Locked) -> Result<()> {
    replace(path, contents, mode, lock, false)
}

fn replace(path: &Path, contents: &str, mode: u32, _lock: &Locked, durable: bool) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(|e| anyhow!("cannot write {}: {}", path.display(), io_reason(&e)))?;
    tmp.write_all(contents.as_bytes())?;
    let cannot =
        |e: &std::io::Error| anyhow!("cannot replace {}: {}", path.display(), io_reason(e));
    if durable {
        tmp.as_file().sync_all()?;
    } else if let Err(e) = fs::remove_file(path)
        && e.kind() != ErrorKind::NotFound
    {
        return Err(cannot(&e));
    }
    tmp.persist(path).map_err(|e| cannot(&e.error))?;
    Ok(())
}

/// The paths in `dir` named `*.json` (none when it cannot be listed): the files of the SSO
/// token cache and of the session cache. What they are is for the reader to check.
pub fn json_files(dir: &Path) -> impl Iterator<Item = std::path::PathBuf> {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
}

/// What a non-regular file is, for error messages.
pub fn kind(t: FileType) -> &'static str {
    if t.is_symlink() {
        "a symlink"
    } else if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

/// The text of `what` at `path` (e.g. "AWS_CONFIG_FILE", "the cached token"), `None`
/// when there is no such file. A device, FIFO, socket or directory is an error, checked
/// before and after the open (which never waits: O_NONBLOCK), and so is a file larger
/// than `cap` or one that is not UTF-8. At most `cap` + 1 bytes are ever read.
pub fn read_bounded(path: &Path, cap: u64, what: &str) -> Result<Option<String>, Usage> {
    read_file(path, cap, what, Guard::None)
}

/// [`read_bounded`] for a file only aws-login's user should read (the SSO token cache,
/// aws-login's state): one that others can read is made 0600 through the open file,
/// or refused when that is not allowed (a file of another user's).
pub fn read_private(path: &Path, cap: u64, what: &str) -> Result<Option<String>, Usage> {
    read_file(path, cap, what, Guard::Private)
}

/// [`read_private`] for a file aws-login alone writes (the session cache): it must also
/// be the effective user's, not a symlink, and writable by no one else. Anything else may
/// have been planted (a root run with another user's XDG_CACHE_HOME) and is refused.
pub fn read_own(path: &Path, cap: u64, what: &str) -> Result<Option<String>, Usage> {
    read_file(path, cap, what, Guard::Own)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Guard {
    None,
    Private,
    Own,
}

fn read_file(path: &Path, cap: u64, what: &str, guard: Guard) -> Result<Option<String>, Usage> {
    let shown = path.display();
    let cannot =
        |e: std::io::Error| Usage(format!("cannot read {what} {shown}: {}", io_reason(&e)));
    let not_regular = |t: FileType| {
        Usage(format!(
            "{what} {shown} is not a regular file (it is {}): give a regular file",
            kind(t)
        ))
    };
    let too_large = || {
        Usage(format!(
            "{what} {shown} is larger than {} KiB: give a smaller file",
            cap / 1024
        ))
    };
    match fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
        Ok(meta) if !meta.is_file() => return Err(not_regular(meta.file_type())),
        Ok(_) => {}
    }
    let nofollow = if guard == Guard::Own {
        libc::O_NOFOLLOW
    } else {
        0
    };
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | nofollow)
        .open(path)
    {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(cannot(e)),
        Ok(f) => f,
    };
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    if meta.len() > cap {
        return Err(too_large());
    }
    if guard == Guard::Own {
        if meta.uid() != euid() {
            return Err(Usage(format!(
                "{what} {shown} belongs to another user (uid {}): remove it",
                meta.uid()
            )));
        }
        if meta.permissions().mode() & 0o022 != 0 {
            return Err(Usage(format!(
                "{what} {shown} can be written by others: remove it"
            )));
        }
    }
    if guard != Guard::None && meta.permissions().mode() & 0o077 != 0 {
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| {
                Usage(format!(
                    "{what} {shown} is readable by others and cannot be made private ({}): remove it or fix its owner",
                    io_reason(&e)
                ))
            })?;
    }
    let mut bytes = Vec::new();
    file.take(cap + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Usage(format!(
            "{what} {shown} is not UTF-8 text: give a text file"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounded_and_typed() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        fs::File::create(&big).unwrap().set_len(11).unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = |p: &Path| format!("{:#}", read_bounded(p, 10, "X").unwrap_err());
        assert!(err(&big).contains("larger than"), "{}", err(&big));
        assert!(err(&fifo).contains("not a regular file (it is a FIFO)"));
        assert!(err(Path::new("/dev/zero")).contains("a character device"));
        assert!(err(dir.path()).contains("a directory"));
        assert!(
            read_bounded(&dir.path().join("none"), 10, "X")
                .unwrap()
                .is_none()
        );
        fs::write(&big, "ten bytes!").unwrap();
        assert_eq!(read_bounded(&big, 10, "X").unwrap().unwrap(), "ten bytes!");
    }

    #[test]
    fn a_private_dir_is_made_private_whatever_was_there_and_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        let nested = dir.path().join("a/b");
        private_dir(&nested).unwrap();
        assert_eq!(mode(&nested), 0o700);
        // Loosened since (by hand, a umask, a restore): tightened again, not trusted.
        for loose in [0o755, 0o1700, 0o750] {
            fs::set_permissions(&nested, fs::Permissions::from_mode(loose)).unwrap();
            private_dir(&nested).unwrap();
            assert_eq!(mode(&nested), 0o700, "from {loose:o}");
        }
        let file = dir.path().join("f");
        fs::write(&file, "").unwrap();
        let err = format!("{:#}", private_dir(&file).unwrap_err());
        assert!(
            err.starts_with(&format!("cannot create {}", file.display())),
            "{err}"
        );
    }

    #[test]
    fn a_cache_write_replaces_the_entry_whole_and_private_leaving_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let env = crate::env::Env::from_pairs(&[("XDG_RUNTIME_DIR", state.to_str().unwrap())]);
        let entries = dir.path().join("entries");
        private_dir(&entries).unwrap();
        let entry = entries.join("e.json");
        let lock = crate::lock::lock(&env, &entry).unwrap();
        for text in ["{\"first\": 1}", "{\"second\": 2}"] {
            write_atomic_cache(&entry, text, 0o600, &lock).unwrap();
            assert_eq!(fs::read_to_string(&entry).unwrap(), text);
            let mode = fs::metadata(&entry).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let names: Vec<_> = fs::read_dir(&entries)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(
                names,
                ["e.json"],
                "no temporary file is left beside the entry"
            );
        }
        // A directory where the entry should be is not silently replaced.
        let blocked = entries.join("d.json");
        fs::create_dir(&blocked).unwrap();
        assert!(write_atomic_cache(&blocked, "{}", 0o600, &lock).is_err());
        assert!(blocked.is_dir());
    }

    #[test]
    fn private_reads_close_the_file_to_others() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, "x").unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(read_private(&p, 10, "X").unwrap().unwrap(), "x");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
