use anyhow::{Result, anyhow};
use chrono::Utc;

use crate::cli::{CredArgs, WhoamiArgs};
use crate::env::Env;
use crate::inert;
use crate::output;
use crate::region::REGION_VARS;

/// Identity, region and time left, read from the environment (no network); `--check`
/// asks STS instead.
pub async fn run(args: &WhoamiArgs, env: &Env) -> Result<()> {
    if args.check {
        return super::getcallerid::run(&CredArgs::default(), env).await;
    }
    let identity = env
        .get("AWS_LOGIN_IDENTITY")
        .or_else(|| env.get("AWS_PROFILE"))
        .or_else(|| env.get("AWS_ACCESS_KEY_ID"))
        .ok_or_else(|| anyhow!("no identity in this shell: run awsl assume PROFILE (or awsl whoami --check to ask STS)"))?;
    let region = REGION_VARS
        .into_iter()
        .find_map(|v| env.get(v))
        .unwrap_or("(no region)");
    // Anyone can set these by hand, to anything: shown inert, never acted on.
    let identity = inert::for_terminal(identity, inert::SERVER_MAX);
    let region = inert::echo(region);
    let expiry = env
        .get("AWS_LOGIN_EXPIRES_EPOCH")
        .and_then(epoch)
        .or_else(|| crate::time::credential_expiration(env).map(|t| t.timestamp()));
    let left = match expiry {
        Some(epoch) => format!("{} left", time_left(epoch - Utc::now().timestamp())),
        None => "no expiry".to_string(),
    };
    output::print(&format!("{identity}  {region}  {left}\n"))
}

/// `42m`, `1h05m`, `expired`: the same shape the prompt hooks compute.
pub fn time_left(secs: i64) -> String {
    if secs <= 0 {
        return "expired".to_string();
    }
    let m = secs / 60;
    if m < 60 {
        format!("{m}m")
    } else {
        format!("{}h{:02}m", m / 60, m % 60)
    }
}

/// AWS_LOGIN_EXPIRES_EPOCH as the prompt hooks read it: up to 12 digits, else unknown.
fn epoch(value: &str) -> Option<i64> {
    if value.len() > 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}
