//! External tools the tests drive (shells, linters, the aws CLI, a browser, moto). A test
//! whose tool is missing skips, saying so; under AWS_LOGIN_REQUIRE_TOOLS=1 (CI, which
//! installs them first) it fails instead, so nothing skips silently there.
//!
//! One documented exception: a tool that no registry this project reaches can install
//! (see `NOT_INSTALLABLE`) still skips under AWS_LOGIN_REQUIRE_TOOLS=1, with its reason
//! on the uncaptured stderr, so the CI log shows every run that did not happen.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Tools CI cannot install from the registries it reaches (crates.io, PyPI, Debian's
/// archive, npm), with why. `.ci/run` installs them where an apt source offers them.
const NOT_INSTALLABLE: [(&str, &str); 1] = [(
    "pwsh",
    "Debian bookworm's archive has no powershell package, PyPI's `pwsh` is a Windows-only \
     Python API, and npm's `pwsh` downloads PowerShell from GitHub at install time",
)];

/// Whether an external tool is available; panics under AWS_LOGIN_REQUIRE_TOOLS=1 so CI
/// cannot skip silently (unless the tool is in `NOT_INSTALLABLE`).
pub fn have(tool: &str) -> bool {
    require_tool(which(tool).is_some(), tool, "not installed")
}

/// Whether a test's precondition `what` holds (`found`); when it does not, the test skips
/// saying `what` is `missing`, or fails under AWS_LOGIN_REQUIRE_TOOLS=1.
pub fn require_tool(found: bool, what: &str, missing: &str) -> bool {
    if found {
        return true;
    }
    let required = std::env::var("AWS_LOGIN_REQUIRE_TOOLS").as_deref() == Ok("1");
    if !required || NOT_INSTALLABLE.iter().any(|(tool, _)| *tool == what) {
        record_skip(what, missing);
    }
    match NOT_INSTALLABLE.iter().find(|(tool, _)| *tool == what) {
        // Written past the test harness's capture: a skip in CI must show in its log.
        Some((_, why)) if required => {
            let _ = writeln!(
                std::io::stderr(),
                "skipping: {what} is {missing}, and AWS_LOGIN_REQUIRE_TOOLS=1 lets it skip: \
                 it cannot be installed here ({why})"
            );
        }
        _ if required => panic!("{what} is required (AWS_LOGIN_REQUIRE_TOOLS=1) but {missing}"),
        _ => eprintln!("skipping: {what} is {missing}"),
    }
    false
}

pub fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.is_file())
}

/// Appends `test: what is missing` to the file `AWS_LOGIN_SKIP_LOG` names, so that the
/// summary `.ci/run` prints counts and names every test that did not run in full.
pub fn record_skip(what: &str, missing: &str) {
    let Some(path) = std::env::var_os("AWS_LOGIN_SKIP_LOG") else {
        return;
    };
    let test = std::thread::current()
        .name()
        .unwrap_or("(unnamed test)")
        .to_string();
    let line = format!("{test}: {what} is {missing}\n");
    // One write per line on an O_APPEND file: tests running at once do not interleave.
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = f.write_all(line.as_bytes());
    }
}
