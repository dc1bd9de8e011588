//! Stand-in browsers for BROWSER: one that fetches what it is given, one that never signs
//! in, and a headless Chromium wrapper.

use std::path::Path;

use super::{World, have, which};

impl World {
    /// A "browser" for BROWSER: a script that fetches the URL and follows redirects
    /// (python's urllib), and the meta refresh of a local page as browsers do (the console
    /// sign-in page), recording each URL it was given in `browser.log`.
    pub fn fetching_browser(&self) -> String {
        let log = self.home().join("browser.log");
        let script = format!(
            "#!/bin/sh\necho \"$1\" >> '{}'\nexec python3 -c 'import html, re, sys, urllib.request\ntry:\n    page = urllib.request.urlopen(sys.argv[1], timeout=20).read().decode()\n    m = re.search(r\"http-equiv=.refresh. content=.0;url=([^\\\"]+)\", page) if sys.argv[1].startswith(\"file:\") else None\n    print(urllib.request.urlopen(html.unescape(m.group(1)), timeout=20).read().decode() if m else page)\nexcept Exception as e:\n    print(\"browser error\", e)' \"$1\" >> '{}.pages' 2>&1\n",
            log.display(),
            log.display()
        );
        self.executable("fetch-browser", &script)
    }

    /// A BROWSER that does nothing (a user who never signs in).
    pub fn idle_browser(&self) -> String {
        self.executable("idle-browser", "#!/bin/sh\nexit 0\n")
    }

    /// The pages the fetching browser saw.
    pub fn browser_pages(&self) -> String {
        std::fs::read_to_string(self.home().join("browser.log.pages")).unwrap_or_default()
    }

    /// The pages, once one contains `needle` (the browser runs in the background and may
    /// still be loading when aws-login exits); what there is after 20 s.
    pub fn wait_browser_pages(&self, needle: &str) -> String {
        wait_for_text(&self.home().join("browser.log.pages"), needle)
    }
}

/// A BROWSER wrapper around headless Chromium that writes the final page's DOM to `dom`.
pub fn chromium(w: &World) -> Option<(String, std::path::PathBuf)> {
    let exe = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(which);
    let exe = match exe {
        Some(e) => e,
        None => {
            have("chromium");
            return None;
        }
    };
    let dom = w.home().join("dom.html");
    let args = w.home().join("chromium-args.log");
    let profile = w.home().join("chromium-profile");
    let script = format!(
        "#!/bin/sh\necho \"$1\" >> '{}'\nexec '{}' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
         --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
         --user-data-dir='{}' --dump-dom \"$1\" > '{}' 2>/dev/null\n",
        args.display(),
        exe.display(),
        profile.display(),
        dom.display()
    );
    Some((w.executable("chromium-browser", &script), dom))
}

/// A file's text once it contains `needle` (a browser in the background may still be
/// writing when aws-login exits); whatever it holds after 30 s.
pub fn wait_for_text(path: &Path, needle: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
