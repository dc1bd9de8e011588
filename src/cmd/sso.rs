//! `aws-login sso sessions`: the Identity Center sign-ins in the shared token cache.

use anyhow::Result;
use chrono::Utc;

use crate::cli::{SsoCommand, SsoSessionsArgs};
use crate::env::Env;
use crate::output;
use crate::profiles;
use crate::sso::signins::{self, left};

pub fn run(command: &SsoCommand, env: &Env) -> Result<()> {
    match command {
        SsoCommand::Sessions(a) => super::runtime()?.block_on(sessions(a, env)),
    }
}

async fn sessions(args: &SsoSessionsArgs, env: &Env) -> Result<()> {
    // The config only names the sessions: a config that does not parse leaves them
    // shown by start URL (doctor says what is wrong with it).
    let set = profiles::load(env).await.ok();
    let rows = signins::all(env, set.as_ref(), Utc::now());
    if args.json {
        return output::print(&output::json(&rows));
    }
    if rows.is_empty() {
        eprintln!(
            "aws-login: no Identity Center sign-in is cached: sign in with `aws-login assume --sso-session-name NAME` or the AWS CLI's `aws sso login`"
        );
        return Ok(());
    }
    let mut text = String::from("SESSION\tREGION\tTOKEN\tREFRESH\tREGISTRATION\n");
    for r in &rows {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            r.session,
            r.region,
            left(r.seconds_left),
            if r.refresh_token { "yes" } else { "no" },
            left(r.registration_seconds_left),
        ));
    }
    output::print(&text)
}
