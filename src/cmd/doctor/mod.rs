//! `aws-login doctor`: one screen that says whether the set-up is right, a line per check
//! with what to do about each that is not. Every check reads files, the environment or
//! the network, so every text is shown inert (crate::inert) in both forms.

mod clock;
mod config;
mod files;
mod net;
mod shell;
mod signins;

use anyhow::Result;
use serde::Serialize;

use crate::cli::DoctorArgs;
use crate::env::Env;
use crate::inert::for_terminal;
use crate::output;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

/// One line of the report: `fix` is empty when there is nothing to do.
#[derive(Debug, Serialize)]
pub struct Check {
    check: String,
    status: Status,
    detail: String,
    fix: String,
}

impl Check {
    pub fn ok(check: &str, detail: impl Into<String>) -> Check {
        Check::new(check, Status::Ok, detail.into(), String::new())
    }
    pub fn warn(check: &str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check::new(check, Status::Warn, detail.into(), fix.into())
    }
    pub fn fail(check: &str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check::new(check, Status::Fail, detail.into(), fix.into())
    }
    fn new(check: &str, status: Status, detail: String, fix: String) -> Check {
        // One line each: a parser's message may span lines, and the fix goes under it.
        let shown = |s: &str| {
            let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
            for_terminal(&line, 1024).into_owned()
        };
        Check {
            check: shown(check),
            status,
            detail: shown(&detail),
            fix: shown(&fix),
        }
    }
}

pub async fn run(args: &DoctorArgs, env: &Env) -> Result<()> {
    let mut checks = Vec::new();
    // First: reading the caches makes a token file private on the way (see files).
    let mut modes = Vec::new();
    files::checks(env, &mut modes);
    let profiles = config::checks(env, &mut checks).await;
    shell::checks(env, &mut checks);
    clock::checks(env, profiles.as_ref(), &mut checks).await;
    signins::checks(env, profiles.as_ref(), &mut checks);
    net::checks(env, profiles.as_ref(), &mut checks);
    checks.append(&mut modes);
    let text = if args.json {
        output::json(&checks)
    } else {
        render(&checks)
    };
    output::print(&text)?;
    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    if failed > 0 {
        anyhow::bail!("{failed} check(s) failed: see the fix under each");
    }
    Ok(())
}

fn render(checks: &[Check]) -> String {
    let mut text = String::new();
    for c in checks {
        let status = match c.status {
            Status::Ok => "ok  ",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
        };
        text.push_str(&format!("{status}  {}: {}\n", c.check, c.detail));
        if !c.fix.is_empty() {
            text.push_str(&format!("      fix: {}\n", c.fix));
        }
    }
    text
}
