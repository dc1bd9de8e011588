//! `runas --serve` and `serve`: the chain acquired once here (where a sign-in or an MFA
//! prompt may happen), then served by the local endpoint, which re-acquires it through
//! one closure that never signs in or prompts.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use anyhow::{Context, Result};
use tokio::signal::unix::{SignalKind, signal};

use super::runas;
use crate::cli::{EndpointArgs, RunasArgs, ServeArgs};
use crate::creds::Creds;
use crate::env::Env;
use crate::error::bail_usage;
use crate::pipeline::Request;
use crate::region::REGION_VARS;
use crate::serve::caps::Caps;
use crate::serve::log::RequestLog;
use crate::serve::{Acquire, DEFAULT_ROLE, Endpoint, Kind, Setup, TOKEN_VAR, short_for_botocore};

/// What the child must not inherit: keys and their account (the endpoint replaces them),
/// profile names (SDKs would prefer the profile), and container settings that outrank the
/// full URI.
const CHILD_REMOVES: [&str; 10] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    crate::time::EXPIRATION_VAR,
    "AWS_ACCOUNT_ID",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    TOKEN_VAR,
];

/// The one way the endpoint re-acquires the whole chain: the checked request, unattended,
/// asking for nothing that outlives the cap, and nothing at all once it has passed.
fn reacquire(request: &Request, caps: Arc<Caps>) -> Acquire {
    let request = request.unattended();
    Arc::new(move || {
        let mut request = request.clone();
        let caps = caps.clone();
        // Through the session cache: an entry another process stored with 15 minutes
        // left serves, and one chain answers every endpoint and process at once.
        Box::pin(async move {
            if let Some(reason) = caps.refusal() {
                anyhow::bail!(reason);
            }
            fit(&mut request, &caps);
            request.credentials().await
        })
    })
}

/// The final STS call asks for no more than the cap leaves.
fn fit(request: &mut Request, caps: &Caps) {
    if let Some(secs) = caps.seconds_left() {
        request.plan.fit_final_duration(secs);
    }
}

/// What the endpoint needs besides its address.
struct Prepared {
    creds: Creds,
    acquire: Acquire,
    region: Option<String>,
    kind: Kind,
    caps: Arc<Caps>,
    log: RequestLog,
}

impl Prepared {
    fn setup<'a>(self, args: &'a EndpointArgs, env: &'a Env) -> (Creds, Acquire, Setup<'a>) {
        let setup = Setup {
            kind: self.kind,
            caps: self.caps,
            log: self.log,
            token_file: args.token_file.as_deref(),
            env,
        };
        (self.creds, self.acquire, setup)
    }
}

/// Check the options, acquire the first credentials, and the way to get the next ones.
/// The caps count from here.
async fn first(
    args: crate::cli::CredArgs,
    endpoint: &EndpointArgs,
    imds: bool,
    env: &Env,
) -> Result<Prepared> {
    let mut request = Request::prepare(args.into(), env).await?;
    // The final role's ARN, or an Identity Center role's account/role, for the records.
    let identity = request.cache_key().meta.identity;
    let log = RequestLog::new(identity, endpoint.log.as_deref())?;
    let region = request.region.exported().map(str::to_string);
    let caps = Arc::new(Caps::new(endpoint.max_lifetime, endpoint.idle_timeout));
    let acquire = reacquire(&request, caps.clone());
    let kind = if imds {
        // Instance metadata names the instance profile's role: the final role's name.
        let role = request.plan.final_role().map(|r| r.name.clone());
        Kind::Imds {
            role: role.unwrap_or_else(|| DEFAULT_ROLE.to_string()),
        }
    } else {
        Kind::Container
    };
    fit(&mut request, &caps);
    let creds = request.credentials().await?;
    if imds && short_for_botocore(&creds) {
        eprintln!(
            "aws-login: warning: these credentials last under 15 minutes: botocore (boto3, the aws CLI) keeps instance-metadata credentials minutes past that, so a long-running botocore program may use expired ones; leave out --imds for it"
        );
    }
    Ok(Prepared {
        creds,
        acquire,
        region,
        kind,
        caps,
        log,
    })
}

/// Spawn (not exec: the endpoint lives while the child runs) and wait; the child's
/// status, or 128+N for death by signal N, becomes aws-login's.
pub fn runas(args: &RunasArgs, env: &Env) -> Result<()> {
    runas::check_program(args)?;
    let rt = super::runtime()?;
    let code = rt.block_on(async {
        let prepared = first(args.cred.clone(), &args.endpoint, args.imds, env).await?;
        let region = prepared.region.clone();
        let (creds, acquire, setup) = prepared.setup(&args.endpoint, env);
        let account = creds.account_id.clone();
        let loopback = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        // With --idle-timeout it may stop while the child runs: then connecting is refused.
        let endpoint = Endpoint::start(loopback, creds, acquire, setup).await?;
        // Before the child exists, so that no signal meant for it ends aws-login alone.
        let mut forwarded = Forwarded::new()?;
        let (mut cmd, shown) = runas::command(args);
        for name in CHILD_REMOVES {
            cmd.env_remove(name);
        }
        for (name, value) in endpoint.vars() {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            };
        }
        if let Some(region) = &region {
            for name in REGION_VARS {
                cmd.env(name, region);
            }
        }
        // Every refresh re-acquires the same chain: the account stays this one.
        if let Some(account) = &account {
            cmd.env("AWS_ACCOUNT_ID", account);
        }
        let mut child = cmd.spawn().map_err(|e| runas::cannot_run(&shown, &e))?;
        let pid = child.id() as libc::pid_t;
        let wait = tokio::task::spawn_blocking(move || child.wait());
        let status = forwarded.until(pid, wait).await?;
        drop(endpoint);
        anyhow::Ok(exit_code(status))
    })?;
    // The endpoint was dropped as the child ended: nothing answers on the port any more,
    // and its token file is gone.
    // In the background: a refresh waiting for a lock must not hold the exit up.
    rt.shutdown_background();
    std::process::exit(code)
}

/// `serve`: print the variables, serve until Ctrl-C or SIGTERM.
pub fn foreground(args: &ServeArgs, env: &Env) -> Result<()> {
    let bind = args
        .bind
        .unwrap_or_else(|| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    if bind.ip().is_unspecified() {
        bail_usage!(
            "--bind {bind} names no address: give the one clients will use (its Host header is checked)"
        );
    }
    let dialect = args.outform.dialect();
    let rt = super::runtime()?;
    let served = rt.block_on(async {
        let mut int = signal(SignalKind::interrupt()).context("cannot watch for Ctrl-C")?;
        let mut term = signal(SignalKind::terminate()).context("cannot watch for SIGTERM")?;
        let prepared = first(args.cred.clone(), &args.endpoint, args.imds, env).await?;
        let (creds, acquire, setup) = prepared.setup(&args.endpoint, env);
        let mut endpoint = Endpoint::start(bind, creds, acquire, setup).await?;
        if !bind.ip().is_loopback() {
            // Instance metadata has no secret shared beforehand: reaching it is enough.
            let who = if args.imds {
                "anyone who can reach it"
            } else {
                "anyone who can reach it and has the token"
            };
            eprintln!(
                "aws-login: warning: listening on {bind}, which is not loopback: {who} gets these credentials"
            );
        }
        let code = dialect
            .script(&endpoint.vars())
            .map_err(anyhow::Error::msg)?;
        let mut out = std::io::stdout().lock();
        out.write_all(code.as_bytes())?;
        out.flush()?;
        drop(out);
        eprintln!(
            "aws-login: serving credentials on {} until Ctrl-C",
            endpoint.url()
        );
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
            // Said on stderr where it stopped.
            _ = endpoint.ended() => {}
        }
        drop(endpoint);
        anyhow::Ok(())
    });
    // A refresh waiting for a lock must not hold the exit up.
    rt.shutdown_background();
    served
}

/// Signals for the child, caught from before it starts until it ends.
struct Forwarded {
    streams: Vec<(libc::c_int, tokio::signal::unix::Signal)>,
}

impl Forwarded {
    fn new() -> Result<Forwarded> {
        let kinds = [
            (libc::SIGINT, SignalKind::interrupt()),
            (libc::SIGTERM, SignalKind::terminate()),
            (libc::SIGHUP, SignalKind::hangup()),
            (libc::SIGQUIT, SignalKind::quit()),
        ];
        let mut streams = Vec::new();
        for (n, kind) in kinds {
            streams.push((n, signal(kind).context("cannot watch for signals")?));
        }
        Ok(Forwarded { streams })
    }

    async fn until(
        &mut self,
        pid: libc::pid_t,
        wait: tokio::task::JoinHandle<std::io::Result<std::process::ExitStatus>>,
    ) -> Result<std::process::ExitStatus> {
        tokio::pin!(wait);
        loop {
            let next = futures_first(&mut self.streams);
            tokio::select! {
                status = &mut wait => {
                    return status.context("lost the child")?.context("cannot wait for the child");
                }
                n = next => forward(pid, n),
            }
        }
    }
}

/// The first signal any stream delivers.
async fn futures_first(streams: &mut [(libc::c_int, tokio::signal::unix::Signal)]) -> libc::c_int {
    std::future::poll_fn(|cx| {
        for (n, s) in streams.iter_mut() {
            if s.poll_recv(cx).is_ready() {
                return std::task::Poll::Ready(*n);
            }
        }
        std::task::Poll::Pending
    })
    .await
}

/// Pass `sig` on, except a terminal's Ctrl-C (or Ctrl-\): the terminal sent that to its
/// whole foreground group, the child included, and twice means "abandon" to some
/// programs (terraform).
fn forward(pid: libc::pid_t, sig: libc::c_int) {
    if matches!(sig, libc::SIGINT | libc::SIGQUIT) && in_terminal_foreground() {
        return;
    }
    // SAFETY: kill only sends a signal to the child we started and still wait for.
    unsafe {
        libc::kill(pid, sig);
    }
}

fn in_terminal_foreground() -> bool {
    // SAFETY: plain queries on our own descriptors and process group.
    unsafe {
        let group = libc::getpgrp();
        (0..3).any(|fd| libc::isatty(fd) == 1 && libc::tcgetpgrp(fd) == group)
    }
}

fn exit_code(status: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(sig)) => 128 + sig,
        (None, None) => 1,
    }
}
