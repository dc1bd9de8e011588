//! Which browser opens the console, and in which profile.
//!
//! AWS keeps one console session per browser profile, so a second identity signed in
//! through the same profile replaces (or is refused by) the first. `--browser-profile`
//! gives every final identity a profile of its own, kept under aws-login's state directory
//! and keyed by a hash of the identity's ARN (never by anything secret), so two identities
//! stay signed in side by side.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, Result, anyhow};
use sha2::{Digest, Sha256};

use crate::env::Env;
use crate::error::{bail_usage, usage};
use crate::fsutil;
use crate::inert::echo;
use crate::paths;

/// How a browser takes a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Chrome, Chromium, Brave, Edge, Vivaldi: `--user-data-dir`.
    Chromium,
    /// `--profile DIR`.
    Firefox,
}

/// Names that tell a browser's family, matched in a program's file name; the matched
/// word also keeps the profiles of different browsers apart (Chrome refuses a profile a
/// newer Brave wrote).
const KINDS: &[(&str, Family)] = &[
    ("firefox", Family::Firefox),
    ("chromium", Family::Chromium),
    ("chrome", Family::Chromium),
    ("brave", Family::Chromium),
    ("edge", Family::Chromium),
    ("vivaldi", Family::Chromium),
];

/// Programs looked for on PATH when no browser is named, in this order.
const KNOWN: &[&str] = &[
    "google-chrome",
    "google-chrome-stable",
    "chromium",
    "chromium-browser",
    "brave-browser",
    "microsoft-edge",
    "vivaldi",
    "firefox",
];

/// macOS keeps browsers in app bundles, off PATH.
#[cfg(target_os = "macos")]
const MAC_APPS: &[&str] = &[
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Brave Browser.app/Contents/MacOS/Brave Browser",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Vivaldi.app/Contents/MacOS/Vivaldi",
    "/Applications/Firefox.app/Contents/MacOS/firefox",
];
#[cfg(not(target_os = "macos"))]
const MAC_APPS: &[&str] = &[];

/// A browser program to start.
#[derive(Debug, Clone)]
pub struct Browser {
    pub program: PathBuf,
    /// Known when the program's name (or its link target's) names a browser.
    kind: Option<(&'static str, Family)>,
}

impl Browser {
    /// `--browser NAME|PATH`: a path, or a program found on PATH.
    pub fn named(name: &str, env: &Env) -> Result<Browser> {
        if name.trim().is_empty() {
            bail_usage!("--browser is empty: name a browser (chromium, firefox, ...) or its path");
        }
        let program = if name.contains('/') {
            let p = PathBuf::from(name);
            if !p.is_file() {
                bail_usage!(
                    "--browser '{}' is not a program: give the browser's path or its name on PATH",
                    echo(name)
                );
            }
            p
        } else {
            find_on_path(name, env).ok_or_else(|| {
                usage(format!(
                    "--browser '{}' is not on PATH: give the browser's path",
                    echo(name)
                ))
            })?
        };
        Ok(Browser::at(program))
    }

    /// The browser for a profile of its own: `--browser`, else BROWSER when it names one
    /// aws-login knows how to give a profile, else the first known browser installed.
    pub fn for_profile(flag: Option<&str>, env: &Env) -> Result<Browser> {
        if let Some(name) = flag {
            return Browser::named(name, env);
        }
        let from_var = env
            .get("BROWSER")
            .and_then(|v| v.split(':').next())
            .filter(|v| !v.contains(' ') && !v.contains('%'))
            .and_then(|v| Browser::named(v, env).ok())
            .filter(|b| b.kind.is_some());
        if let Some(b) = from_var {
            return Ok(b);
        }
        KNOWN
            .iter()
            .find_map(|n| find_on_path(n, env))
            .or_else(|| MAC_APPS.iter().map(PathBuf::from).find(|p| p.is_file()))
            .map(Browser::at)
            .ok_or_else(|| {
                usage(format!(
                    "--browser-profile found no browser it knows ({}): name one with --browser",
                    KNOWN.join(", ")
                ))
            })
    }

    fn at(program: PathBuf) -> Browser {
        let kind = kind_of(&program).or_else(|| kind_of(&fs::canonicalize(&program).ok()?));
        Browser { program, kind }
    }

    /// The family, or why a profile cannot be given.
    pub fn family(&self) -> Result<Family> {
        self.kind.map(|(_, f)| f).ok_or_else(|| {
            usage(format!(
                "cannot tell how to give {} a profile of its own: name a Chromium-family browser (chrome, chromium, brave, edge, vivaldi) or firefox with --browser",
                echo(&self.program.to_string_lossy())
            ))
        })
    }

    /// The profile directory for `identity_arn` under the state directory, created (0700)
    /// and made ready on first use; the arguments that open it.
    pub fn profile_args(&self, identity_arn: &str, env: &Env) -> Result<Vec<String>> {
        let family = self.family()?;
        if identity_arn.is_empty() {
            return Err(anyhow!(
                "STS GetCallerIdentity named no identity: cannot choose its browser profile"
            ));
        }
        let word = self.kind.map_or("browser", |(w, _)| w);
        let root = paths::state_dir(env)
            .ok_or_else(|| anyhow!("no state directory for browser profiles: set HOME"))?
            .join("browser-profiles");
        fsutil::private_dir(&root)?;
        let dir = root.join(format!("{word}-{}", identity_key(identity_arn)));
        let new = !dir.exists();
        fsutil::private_dir(&dir)?;
        let dir_text = dir
            .to_str()
            .ok_or_else(|| anyhow!("{} is not UTF-8: set XDG_STATE_HOME", dir.display()))?;
        Ok(match family {
            Family::Chromium => {
                // The sentinel Chromium writes after its first run: no welcome page.
                touch(&dir.join("First Run"))?;
                vec![
                    format!("--user-data-dir={dir_text}"),
                    "--no-first-run".to_string(),
                    "--no-default-browser-check".to_string(),
                ]
            }
            Family::Firefox => {
                if new {
                    first_run_prefs(&dir)?;
                }
                // No -no-remote: a Firefox already running this profile opens the page.
                vec!["--profile".to_string(), dir_text.to_string()]
            }
        })
    }

    /// Start the browser on `page_url` (a local file:// page, never the sign-in URL) in
    /// the background, detached from the terminal's job control so that Ctrl-C on
    /// aws-login leaves it running.
    pub fn open(&self, args: &[String], page_url: &str) -> Result<()> {
        use std::os::unix::process::CommandExt;
        Command::new(&self.program)
            .args(args)
            .arg(page_url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map(drop)
            .with_context(|| format!("cannot start the browser {}", self.program.display()))
    }
}

/// The profile directory's name for an identity: its ARN's SHA-256 (128 bits, hex), so
/// no name in it reaches a path.
fn identity_key(arn: &str) -> String {
    crate::fsutil::hex(&Sha256::digest(arn.as_bytes())[..16])
}

fn kind_of(path: &Path) -> Option<(&'static str, Family)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    KINDS.iter().copied().find(|(w, _)| name.contains(w))
}

fn find_on_path(name: &str, env: &Env) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    which::which_in(name, env.get("PATH"), cwd).ok()
}

fn touch(path: &Path) -> Result<()> {
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Preferences that keep a new Firefox profile from asking first-run questions.
fn first_run_prefs(dir: &Path) -> Result<()> {
    let prefs = "user_pref(\"browser.shell.checkDefaultBrowser\", false);\n\
                 user_pref(\"browser.aboutwelcome.enabled\", false);\n\
                 user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");\n\
                 user_pref(\"datareporting.policy.dataSubmissionPolicyBypassNotification\", true);\n\
                 user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);\n";
    fs::write(dir.join("user.js"), prefs)
        .with_context(|| format!("cannot write {}", dir.join("user.js").display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_come_from_the_program_name() {
        let k = |p: &str| kind_of(Path::new(p));
        assert_eq!(
            k("/usr/bin/google-chrome-stable"),
            Some(("chrome", Family::Chromium))
        );
        assert_eq!(
            k("/usr/bin/chromium-browser"),
            Some(("chromium", Family::Chromium))
        );
        assert_eq!(k("/opt/x/Brave Browser"), Some(("brave", Family::Chromium)));
        assert_eq!(
            k("/usr/bin/microsoft-edge"),
            Some(("edge", Family::Chromium))
        );
        assert_eq!(
            k("/usr/bin/firefox-esr"),
            Some(("firefox", Family::Firefox))
        );
        assert_eq!(k("/usr/bin/lynx"), None);
    }

    #[test]
    fn identities_key_profiles_by_a_hash_of_their_arn() {
        let a = identity_key("arn:aws:sts::1:assumed-role/A/s");
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, identity_key("arn:aws:sts::1:assumed-role/A/s"));
        assert_ne!(a, identity_key("arn:aws:sts::1:assumed-role/B/s"));
    }
}
