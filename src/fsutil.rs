//! Private files written safely: 0700 directories, atomic replacement (temp file in the
//! same directory, then rename), and exclusive locks on a side file.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use anyhow::{Context, Result};

/// An exclusive lock, released on drop.
pub struct Locked {
    _file: File,
}

/// Create `dir` (and parents) and make it private.
pub fn private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot make {} private (0700)", dir.display()))
}

/// Lock `<path>.lock` exclusively, waiting for other holders.
pub fn lock(path: &Path) -> Result<Locked> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = Path::new(&name);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    file.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    Ok(Locked { _file: file })
}

/// Replace `path` with `contents` atomically, the new file having `mode`.
pub fn write_atomic(path: &Path, contents: &str, mode: u32, _lock: &Locked) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".aws-login-")
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .with_context(|| format!("cannot write to {}", dir.display()))?;
    tmp.write_all(contents.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}
