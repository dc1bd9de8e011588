//! Asking a person for an MFA code: on the terminal, or where there is none (an IDE or a
//! build tool running aws-login as a `credential_process`) through a desktop dialog.
//! `AWS_LOGIN_MFA_PROMPT` chooses; left unset, the terminal when there is one, else the
//! first dialog program installed. With no way to ask the run fails at once: waiting for a
//! code nobody can type helps nobody.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Result, anyhow};

use crate::env::Env;
use crate::error::Usage;
use crate::inert::echo;
use crate::validate;

const TTY: &str = "/dev/tty";
pub const VAR: &str = "AWS_LOGIN_MFA_PROMPT";

/// A person takes a while to find their device; a dialog left open longer is forgotten.
const DIALOG_TIMEOUT: Duration = Duration::from_secs(300);

/// The dialog programs, in the order an unset `AWS_LOGIN_MFA_PROMPT` tries them.
const DIALOGS: [Dialog; 3] = [Dialog::Zenity, Dialog::Kdialog, Dialog::Osascript];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Zenity,
    Kdialog,
    Osascript,
}

impl Dialog {
    fn program(self) -> &'static str {
        match self {
            Dialog::Zenity => "zenity",
            Dialog::Kdialog => "kdialog",
            Dialog::Osascript => "osascript",
        }
    }

    /// The arguments that show one text field asking for the code of `serial` (already
    /// checked: ARN characters only, so nothing in it is markup or AppleScript syntax).
    fn args(self, serial: &str) -> Vec<String> {
        let text = format!("MFA code for {serial}");
        match self {
            Dialog::Zenity => vec![
                "--entry".into(),
                "--title=aws-login".into(),
                format!("--text={text}"),
            ],
            Dialog::Kdialog => vec![
                "--title".into(),
                "aws-login".into(),
                "--inputbox".into(),
                text,
            ],
            Dialog::Osascript => vec![
                "-e".into(),
                format!(
                    "text returned of (display dialog \"{text}\" default answer \"\" with title \"aws-login\")"
                ),
            ],
        }
    }
}

/// How the code is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asker {
    Terminal,
    Dialog(Dialog, PathBuf),
}

/// The choices of `AWS_LOGIN_MFA_PROMPT`, for messages.
const CHOICES: &str = "terminal, zenity, kdialog, osascript, none";

impl Asker {
    /// The way to ask that `env` chooses, or why there is none (one line naming the ways
    /// to give a code).
    pub fn choose(env: &Env) -> Result<Asker, Usage> {
        let no_way = |why: String| {
            Usage(format!(
                "{why}: pass --mfa-code, set mfa_process in the profile, or set {VAR} to one of {CHOICES}"
            ))
        };
        let find = |d: Dialog| Some(Asker::Dialog(d, find_program(d.program(), env)?));
        match env.get(VAR) {
            None => {
                if has_terminal() {
                    return Ok(Asker::Terminal);
                }
                DIALOGS.into_iter().find_map(find).ok_or_else(|| {
                    no_way(
                        "an MFA code is needed, and there is no terminal to ask on nor a dialog program (zenity, kdialog, osascript)".into(),
                    )
                })
            }
            Some("terminal") if has_terminal() => Ok(Asker::Terminal),
            Some("terminal") => Err(no_way(format!(
                "{VAR}=terminal, but there is no terminal to ask for the MFA code on"
            ))),
            Some("none") => Err(no_way(format!(
                "{VAR}=none: no prompt may ask for the MFA code"
            ))),
            Some(name) => match DIALOGS.into_iter().find(|d| d.program() == name) {
                Some(d) => find(d)
                    .ok_or_else(|| no_way(format!("{VAR}={name}, but {name} is not on PATH"))),
                None => Err(Usage(format!(
                    "{VAR} '{}' is not a way to ask: use one of {CHOICES}",
                    echo(name)
                ))),
            },
        }
    }

    pub async fn ask(&self, serial: &str) -> Result<String> {
        match self {
            Asker::Terminal => terminal(serial),
            Asker::Dialog(d, path) => dialog(*d, path, serial).await,
        }
    }
}

fn has_terminal() -> bool {
    std::fs::File::open(TTY).is_ok()
}

/// `program` on the PATH aws-login was given.
fn find_program(program: &str, env: &Env) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    which::which_in(program, env.get("PATH"), cwd).ok()
}

fn terminal(serial: &str) -> Result<String> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(TTY)
        .map_err(|_| {
            anyhow!(
                "cannot ask for the MFA code of {}: no terminal; pass --mfa-code, or set mfa_process in the profile",
                echo(serial)
            )
        })?;
    let mut out = &tty;
    write!(out, "MFA code for {}: ", echo(serial))?;
    out.flush()?;
    let mut line = String::new();
    BufReader::new(&tty).read_line(&mut line)?;
    let code = line.trim().to_string();
    validate::mfa_code(&code)?;
    Ok(code)
}

async fn dialog(d: Dialog, path: &PathBuf, serial: &str) -> Result<String> {
    let name = d.program();
    let child = tokio::process::Command::new(path)
        .args(d.args(&echo(serial)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| anyhow!("cannot show the MFA dialog ({name}: {e}): pass --mfa-code"))?;
    let answered = super::process::answer(child, DIALOG_TIMEOUT).await;
    let (out, status) = match answered {
        Ok(Some(done)) => done,
        Err(e) => return Err(anyhow!("cannot read the MFA code from {name}: {e}")),
        Ok(None) => {
            return Err(anyhow!(
                "the MFA dialog got no answer within {} s: run the command again",
                DIALOG_TIMEOUT.as_secs()
            ));
        }
    };
    if !status.success() {
        return Err(anyhow!(
            "the MFA dialog was cancelled: run the command again to retry"
        ));
    }
    let code = std::str::from_utf8(&out).unwrap_or_default().trim();
    validate::mfa_code(code)?;
    Ok(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_is_no_way_to_ask_names_the_choices() {
        let env = Env::from_pairs(&[(VAR, "xmessage")]);
        let err = Asker::choose(&env).unwrap_err().0;
        assert!(err.contains(CHOICES), "{err}");
        let env = Env::from_pairs(&[(VAR, "none")]);
        let err = Asker::choose(&env).unwrap_err().0;
        assert!(
            err.contains("--mfa-code") && err.contains("mfa_process"),
            "{err}"
        );
    }

    #[test]
    fn a_dialog_named_but_not_installed_is_refused() {
        let env = Env::from_pairs(&[(VAR, "kdialog"), ("PATH", "/nonexistent")]);
        let err = Asker::choose(&env).unwrap_err().0;
        assert!(err.contains("kdialog is not on PATH"), "{err}");
    }
}
