//! Handing the sign-in URL to the browser without putting it on a command line.
//!
//! A browser started with the URL as an argument shows its SigninToken to every local user
//! for as long as it runs (`ps`, /proc/PID/cmdline), and the token signs in as the identity.
//! Instead the URL goes into a page that redirects to it: 0600, in a 0700 directory of
//! aws-login's ($XDG_RUNTIME_DIR/aws-login, else run/ in its state directory), opened as
//! `file:///…/signin-XXXX.html`. The page is removed once the browser has read it (its
//! access time moves), or after READ_WAIT at the latest; a page that an interrupted run
//! left behind is swept by the next one.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, anyhow};
use tempfile::TempPath;

use crate::env::Env;
use crate::fsutil;
use crate::paths;

/// How long the page may wait for the browser to read it: a cold browser start on a busy
/// machine takes seconds.
const READ_WAIT: Duration = Duration::from_secs(20);
/// Time to finish reading once the browser has started to.
const GRACE: Duration = Duration::from_secs(1);
/// Pages older than this belong to no running aws-login.
const STALE: Duration = Duration::from_secs(60);
const PREFIX: &str = "signin-";

/// A sign-in page the browser was sent to; removed on drop.
pub struct Page {
    path: TempPath,
    written_atime: Option<SystemTime>,
}

/// Write the redirect page for `url` and open it in the system's browser (BROWSER, else
/// the desktop's).
pub fn open(url: &str, env: &Env) -> Result<Page> {
    open_with(url, env, |page_url| {
        webbrowser::open(page_url).map_err(|e| {
            anyhow!(
                "cannot open a browser ({e}): use --no-browser to get the sign-in URL on stdout instead"
            )
        })
    })
}

/// Write the redirect page for `url` and have `launch` open its file:// URL.
pub fn open_with(url: &str, env: &Env, launch: impl FnOnce(&str) -> Result<()>) -> Result<Page> {
    let dir = private_dir(env)?;
    sweep(&dir);
    let mut file = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(".html")
        .rand_bytes(12)
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(&dir)
        .with_context(|| format!("cannot write the sign-in page in {}", dir.display()))?;
    file.write_all(redirect_page(url).as_bytes())
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write the sign-in page in {}", dir.display()))?;
    let path = file.into_temp_path();
    let written_atime = fs::metadata(&path).and_then(|m| m.accessed()).ok();
    let page_url = url::Url::from_file_path(&path)
        .map_err(|()| anyhow!("cannot name {} as a file:// URL", path.display()))?;
    launch(page_url.as_str())?;
    Ok(Page {
        path,
        written_atime,
    })
}

impl Page {
    /// Wait until the browser has read the page (bounded), then remove it. Ctrl-C removes
    /// it too.
    pub async fn remove_once_read(self) -> Result<()> {
        let read = async {
            let start = Instant::now();
            while start.elapsed() < READ_WAIT {
                if self.was_read() {
                    tokio::time::sleep(GRACE).await;
                    return;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        let interrupted = tokio::select! {
            () = read => false,
            _ = tokio::signal::ctrl_c() => true,
        };
        match self.path.close() {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).context("cannot remove the sign-in page");
            }
            _ => {}
        }
        if interrupted {
            return Err(crate::error::WithCode(130, "interrupted".to_string()).into());
        }
        Ok(())
    }

    /// The access time moved since the page was written. Where the file system does not
    /// keep access times (noatime), this never turns true and READ_WAIT applies.
    fn was_read(&self) -> bool {
        let now = fs::metadata(&self.path).and_then(|m| m.accessed()).ok();
        now.is_some() && now != self.written_atime
    }
}

/// aws-login's runtime directory (crate::paths), created 0700.
fn private_dir(env: &Env) -> Result<PathBuf> {
    let dir = paths::runtime_dir(env).ok_or_else(|| {
        anyhow!("no private directory for the sign-in page: set HOME or XDG_RUNTIME_DIR")
    })?;
    fsutil::private_dir(&dir)?;
    Ok(dir)
}

/// Remove pages left by runs that were killed before they could.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let stale = e.file_name().to_string_lossy().starts_with(PREFIX)
            && e.metadata().is_ok_and(|m| {
                m.is_file()
                    && m.modified()
                        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE))
            });
        if stale {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// A page that sends the browser on to `url` at once: script first (location.replace keeps
/// the page out of the history), a meta refresh without script, a link as a last resort.
fn redirect_page(url: &str) -> String {
    let attr = html_escape::encode_double_quoted_attribute(url);
    let js = html_escape::encode_script_double_quoted_text(url);
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <meta http-equiv=\"refresh\" content=\"0;url={attr}\">\
         <title>Signing in to the AWS console</title>\
         <script>window.location.replace(\"{js}\");</script></head>\
         <body><p><a href=\"{attr}\">Continue to the AWS console</a></p></body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_url_cannot_leave_its_attribute_or_script_string() {
        let url = "https://x/?a=1&b=\"><script>alert(1)</script>'\\\u{2028}";
        let page = redirect_page(url);
        assert_eq!(page.matches("<script>").count(), 1, "{page}");
        assert_eq!(page.matches("</script>").count(), 1, "{page}");
        assert!(
            page.contains("content=\"0;url=https://x/?a=1&amp;b=&quot;&gt;&lt;script&gt;"),
            "{page}"
        );
        assert!(
            page.contains(
                r#"replace("https://x/?a=1&b=\">\x3Cscript>alert(1)\x3C/script>'\\\u2028")"#
            ),
            "{page}"
        );
    }

    #[test]
    fn only_old_sign_in_pages_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        for name in ["signin-old.html", "other.html", "signin-new.html"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        for name in ["signin-old.html", "other.html"] {
            let f = fs::File::options()
                .write(true)
                .open(dir.path().join(name))
                .unwrap();
            f.set_modified(old).unwrap();
        }
        sweep(dir.path());
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["other.html", "signin-new.html"]);
    }
}
