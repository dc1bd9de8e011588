//! `console --clip`: the sign-in URL onto the clipboard through the terminal (OSC 52), so
//! it works over SSH, where no local clipboard tool can reach the user's desktop.
//!
//! The sequence goes to /dev/tty, never to stdout or stderr (which may be captured or
//! logged), and no helper program is started with the URL in its arguments.

use std::fs::{File, OpenOptions};
use std::io::Write;

use anyhow::{Context, Result};
use base64::Engine;

use crate::env::Env;
use crate::error::usage;

/// The controlling terminal, opened before any call so that a run without one fails
/// before it signs anything in.
pub struct Terminal(File);

impl Terminal {
    pub fn open() -> Result<Terminal> {
        OpenOptions::new()
            .write(true)
            .open("/dev/tty")
            .map(Terminal)
            .map_err(|_| {
                usage(
                    "--clip needs a terminal (it sets the clipboard through it): run it in one, or use --no-browser",
                )
            })
    }

    /// Put `text` on the clipboard. Inside tmux the sequence is passed through to the
    /// outer terminal (tmux's `allow-passthrough`, or `set-clipboard on`, must allow it).
    pub fn copy(mut self, text: &str, env: &Env) -> Result<()> {
        let seq = sequence(text, env.get("TMUX").is_some());
        self.0
            .write_all(seq.as_bytes())
            .and_then(|()| self.0.flush())
            .context("cannot write to the terminal")
    }
}

/// ESC ] 52 ; c ; BASE64 BEL, wrapped for tmux when asked: its DCS passthrough doubles
/// every ESC inside.
fn sequence(text: &str, tmux: bool) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let osc = format!("\x1b]52;c;{b64}\x07");
    if tmux {
        format!("\x1bPtmux;{}\x1b\\", osc.replace('\x1b', "\x1b\x1b"))
    } else {
        osc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(sequence("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            sequence("hi", true),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }
}
