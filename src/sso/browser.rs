//! Opening the browser, and telling whether one here could reach a loopback port.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::env::Env;

/// Whether a browser on this machine can be opened and would reach 127.0.0.1 here. Not over
/// SSH (the browser runs on the other end) and not on a Linux box without a display,
/// unless BROWSER says which program to use.
pub fn local_browser_available(env: &Env) -> bool {
    if env.get("BROWSER").is_some() {
        return true;
    }
    if ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"]
        .iter()
        .any(|v| env.get(v).is_some())
    {
        return false;
    }
    if cfg!(target_os = "linux") {
        return env.get("DISPLAY").is_some() || env.get("WAYLAND_DISPLAY").is_some();
    }
    true
}

/// Open `url` in the browser (`BROWSER` honoured). The caller has shown the URL already:
/// a browser command can start and then fail (or exit at once) without a word, so the URL
/// on the terminal is the way out whatever happens here; on an error this says to use it.
/// For sign-in URLs that are no secret; the console's sign-in URL goes through
/// `console::handoff`, never here.
pub fn open(url: &str, what: &str) -> bool {
    // Web pages only: a URL a server sent (device verification) must not open a local file or
    // start another scheme's handler.
    if !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        eprintln!("aws-login: not opening a browser: the address to {what} is not an http(s) URL");
        return false;
    }
    match webbrowser::open(url) {
        Ok(()) => true,
        Err(e) => {
            eprintln!(
                "aws-login: cannot open a browser ({}): open the URL above to {what}",
                crate::inert::server(&e.to_string()),
            );
            false
        }
    }
}

/// A spinner with an instruction on stderr, only when stderr is a terminal.
pub struct Spinner {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Spinner {
    pub fn start(message: &str) -> Spinner {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let stop = stop.clone();
            let message = message.to_string();
            std::thread::spawn(move || {
                let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    eprint!("\r{} {message}", frames[i % frames.len()]);
                    let _ = std::io::stderr().flush();
                    i += 1;
                    std::thread::sleep(Duration::from_millis(100));
                }
                eprint!("\r\x1b[2K");
            })
        });
        Spinner { stop, thread }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_opened() {
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "/etc/passwd",
            "ssh://x",
        ] {
            assert!(!open(url, "sign in"), "{url}");
        }
    }
}
