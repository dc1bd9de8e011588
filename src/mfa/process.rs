//! `mfa_process`: a command whose stdout is the MFA code, as in aws-vault. It is split
//! into words as a POSIX shell would, but run without one, so a `;` or `$(…)` in the
//! config is an argument, never code. Its stderr is the user's (a "touch your key" prompt).

use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use anyhow::{Result, anyhow};
use tokio::io::AsyncReadExt;
use tokio::process::Child;

use super::MfaProcess;
use crate::inert::echo;

/// Long enough to find a hardware key and touch it.
const TIMEOUT: Duration = Duration::from_secs(120);
/// A code and a newline fit many times over; more is not a code.
const MAX_OUTPUT: u64 = 256;
/// How long output without a newline may still arrive once the process has exited.
const AFTER_EXIT: Duration = Duration::from_millis(500);

/// What a program that prints a code printed, and how it ended; `None` when it gave no
/// answer within `timeout`. Reading stops once the output ends, or once the program has
/// exited and a whole line is in (or nothing more comes for a moment): a child it left in
/// the background may hold stdout open for as long as that child runs.
pub async fn answer(
    mut child: Child,
    timeout: Duration,
) -> std::io::Result<Option<(Vec<u8>, ExitStatus)>> {
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let read = async {
        let mut out = Vec::new();
        let mut chunk = [0u8; 64];
        let mut status = None;
        loop {
            let line_in = out.contains(&b'\n');
            if (status.is_some() && line_in) || out.len() as u64 > MAX_OUTPUT {
                break;
            }
            tokio::select! {
                read = stdout.read(&mut chunk) => match read? {
                    0 => break,
                    n => out.extend_from_slice(&chunk[..n]),
                },
                exited = child.wait(), if status.is_none() => status = Some(exited?),
                () = tokio::time::sleep(AFTER_EXIT), if status.is_some() => break,
            }
        }
        drop(stdout);
        let status = match status {
            Some(s) => s,
            None => child.wait().await?,
        };
        Ok((out, status))
    };
    match tokio::time::timeout(timeout, read).await {
        Ok(done) => done.map(Some),
        Err(_) => Ok(None),
    }
}

pub async fn run(p: &MfaProcess) -> Result<String> {
    let profile = echo(&p.profile);
    let words = shell_words::split(&p.command).map_err(|e| {
        anyhow!(
            "mfa_process of profile '{profile}' cannot be split into words ({e}): fix its quotes"
        )
    })?;
    let Some((program, args)) = words.split_first() else {
        return Err(anyhow!(
            "mfa_process of profile '{profile}' is empty: give a command that prints the code"
        ));
    };
    let child = tokio::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| {
            anyhow!(
                "cannot run mfa_process of profile '{profile}' ({}: {e}): fix the command",
                echo(program)
            )
        })?;
    let finished = answer(child, TIMEOUT).await;
    let (out, status) = match finished {
        Ok(Some(done)) => done,
        Err(e) => {
            return Err(anyhow!(
                "cannot read the code from mfa_process of profile '{profile}': {e}"
            ));
        }
        Ok(None) => {
            return Err(anyhow!(
                "mfa_process of profile '{profile}' gave no code within {} s: fix the command or pass --mfa-code",
                TIMEOUT.as_secs()
            ));
        }
    };
    if !status.success() {
        let how = match status.code() {
            Some(c) => format!("exit status {c}"),
            None => "killed by a signal".to_string(),
        };
        return Err(anyhow!(
            "mfa_process of profile '{profile}' failed ({how}): fix the command or pass --mfa-code"
        ));
    }
    // Never echo what it printed: it may be anything, a secret included.
    let code = std::str::from_utf8(&out).unwrap_or_default().trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(anyhow!(
            "mfa_process of profile '{profile}' printed something that is not a 6-digit code: make it print only the code"
        ));
    }
    Ok(code.to_string())
}
