//! `aws-login cache list|clear`: what the session cache (crate::cache) holds, and removing it.

use anyhow::Result;
use chrono::Utc;
use serde::Serialize;

use crate::cache::{Store, time_left};
use crate::cli::{CacheClearArgs, CacheCommand, CacheListArgs};
use crate::env::Env;
use crate::error::bail_usage;
use crate::output;
use crate::pipeline::Request;

pub async fn run(command: &CacheCommand, env: &Env) -> Result<()> {
    match command {
        CacheCommand::List(a) => list(a, env),
        CacheCommand::Clear(a) => clear(a, env).await,
    }
}

/// One line of `cache list`: never a secret (the identity is an ARN or a key id).
#[derive(Serialize)]
struct Row {
    kind: String,
    identity: String,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sso_session: Option<String>,
    expiration: String,
    seconds_left: i64,
    /// `valid`, `expired`, or `signed_out`: made from an Identity Center token whose file
    /// is gone (a sign-out), so never served, however long the credentials have left.
    state: &'static str,
}

fn list(args: &CacheListArgs, env: &Env) -> Result<()> {
    let now = Utc::now();
    let store = Store::new(env)?;
    store.check_dirs(false)?;
    let rows: Vec<(Row, String)> = store
        .entries()
        .into_iter()
        .map(|(_, e)| {
            let (state, left) = if !e.backed() {
                ("signed_out", "signed out".to_string())
            } else if e.expiration <= now {
                ("expired", time_left(e.expiration, now))
            } else {
                ("valid", time_left(e.expiration, now))
            };
            let row = Row {
                kind: e.meta.kind.clone(),
                identity: e.meta.identity.clone().unwrap_or_default(),
                source: e.meta.source.clone(),
                sso_session: e.meta.sso_session.clone(),
                expiration: crate::time::format(e.expiration),
                seconds_left: (e.expiration - now).num_seconds().max(0),
                state,
            };
            (row, left)
        })
        .collect();
    if args.json {
        let rows: Vec<&Row> = rows.iter().map(|(r, _)| r).collect();
        return output::print(&output::json(&rows));
    }
    // Values from files are shown inert: a hostile entry cannot drive the terminal.
    let shown = |s: &str| crate::inert::for_terminal(s, 300).into_owned();
    let mut text = String::new();
    for (r, left) in &rows {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            shown(&r.identity),
            shown(&r.source),
            r.expiration,
            left
        ));
    }
    if rows.is_empty() {
        eprintln!("aws-login: the session cache is empty");
    }
    output::print(&text)
}

async fn clear(args: &CacheClearArgs, env: &Env) -> Result<()> {
    let store = Store::new(env)?;
    store.check_dirs(true)?;
    store.sweep();
    if args.all {
        if args.cred.source.profile.is_some() || args.cred.transitions.assume_roles.is_some() {
            bail_usage!(
                "cache clear --all removes every entry: drop --all or the request's options"
            );
        }
        let mut n = 0;
        for path in store.files()? {
            n += usize::from(store.remove_file(&path)?);
        }
        eprintln!("aws-login: removed {n} cached credential set(s)");
        return Ok(());
    }
    let request = Request::prepare(args.cred.clone().into(), env).await?;
    let removed = store.remove(&request.cache_key())?;
    eprintln!(
        "aws-login: {}",
        if removed {
            "removed the cached credentials of this request"
        } else {
            "no cached credentials for this request"
        }
    );
    Ok(())
}
