//! console: a browser profile per identity (`--browser-profile`, `--browser`), signing the
//! shared profile out first (`--logout-first`), and the clipboard through the terminal
//! (`--clip`).

mod clip;
mod logout;
mod profiles;

use std::path::PathBuf;

use crate::harness::*;

pub const A_ARN: &str = "arn:aws:sts::222222222222:assumed-role/Deploy/web-a";
pub const B_ARN: &str = "arn:aws:sts::111111111111:federated-user/web-b";

/// alice's console run as identity A (role Deploy) or B (a federated user), with `extra`
/// options.
pub fn as_identity<'w>(w: &'w World, a: bool, extra: &[&str]) -> Run<'w> {
    let mut args = if a {
        vec![
            "console",
            "--assume-roles",
            DEPLOY,
            "--role-session-name",
            "web-a",
        ]
    } else {
        vec!["console", "--role-session-name", "web-b"]
    };
    args.extend_from_slice(extra);
    w.alice(&args)
}

/// Headless Chromium that takes the profile arguments aws-login gives it, recording them
/// (one per line, a `---` line after each start) in `argv.log` and writing each final
/// page's DOM to `dom-PID.html`. Its name makes it a Chromium-family browser.
pub fn headless_chromium(w: &World) -> Option<String> {
    let exe = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(which);
    let Some(exe) = exe else {
        have("chromium");
        return None;
    };
    let home = w.home().display().to_string();
    let script = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" --- >> '{home}/argv.log'\nexec '{}' {} \"$@\" > '{home}/dom-'$$'.html' 2>/dev/null\n",
        exe.display(),
        HEADLESS
    );
    Some(w.executable("chromium-headless", &script))
}

pub const HEADLESS: &str = "--headless --no-sandbox --disable-gpu --disable-quic \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --dump-dom";

/// The text of all the DOMs the headless wrapper wrote, once one contains each of
/// `needles` (30 s at most).
pub fn doms_with(w: &World, needles: &[&str]) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let text = doms(w);
        if needles.iter().all(|n| text.contains(n)) || std::time::Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn doms(w: &World) -> String {
    let mut text = String::new();
    for e in std::fs::read_dir(w.home()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("dom-") {
            text += &std::fs::read_to_string(e.path()).unwrap_or_default();
        }
    }
    text
}

/// The profile directories aws-login gave its browsers, in the order given.
pub fn user_data_dirs(w: &World) -> Vec<PathBuf> {
    std::fs::read_to_string(w.home().join("argv.log"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("--user-data-dir="))
        .map(PathBuf::from)
        .collect()
}
