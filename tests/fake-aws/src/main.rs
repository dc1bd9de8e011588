//! `fake-aws --scenario FILE [--port N] [--latency SERVICE=MS]...`: runs the emulator
//! for manual testing, demos and benchmarks, printing shell `export` lines for the
//! endpoint overrides.

use anyhow::{Context, bail};
use fake_aws::{FakeAws, Fault, Scenario, Service};
use std::io::Write;

const USAGE: &str = "usage: fake-aws --scenario FILE [--port N] [--latency SERVICE=MS]...\n  SERVICE: sts, imds, container, sso, sso-oidc, signin";

fn main() -> anyhow::Result<()> {
    let mut scenario_path = None;
    let mut port = 0u16;
    let mut latencies = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scenario" => scenario_path = args.next(),
            "--port" => {
                let v = args.next().context(USAGE)?;
                port = v.parse().with_context(|| format!("bad --port {v:?}"))?;
            }
            "--latency" => {
                let v = args.next().context(USAGE)?;
                let (name, ms) = v
                    .split_once('=')
                    .with_context(|| format!("bad --latency {v:?}\n{USAGE}"))?;
                let service = match name {
                    "sts" => Service::Sts,
                    "imds" => Service::Imds,
                    "container" => Service::Container,
                    "sso" => Service::Sso,
                    "sso-oidc" => Service::SsoOidc,
                    "signin" => Service::Signin,
                    _ => bail!("unknown service {name:?}\n{USAGE}"),
                };
                latencies.push((
                    service,
                    ms.parse::<u64>()
                        .with_context(|| format!("bad milliseconds {ms:?}"))?,
                ));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    let path = scenario_path.context(USAGE)?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    let scenario = Scenario::from_json(&text).with_context(|| format!("loading {path}"))?;
    let fake = FakeAws::start_on(scenario, port)?;
    fake.echo_requests(true);
    for (service, latency_ms) in latencies {
        fake.set_fault(
            service,
            Fault {
                latency_ms,
                ..Default::default()
            },
        );
    }

    let mut out = std::io::stdout().lock();
    for (name, value) in fake.endpoint_env() {
        writeln!(out, "export {name}='{value}'")?;
    }
    out.flush()?;
    drop(out);
    // Not exported above: setting it would switch SDK credential chains to it.
    eprintln!(
        "[fake-aws] serving on {}; container credentials: AWS_CONTAINER_CREDENTIALS_FULL_URI={}",
        fake.url(),
        fake.container_uri()
    );
    // Serve until SIGTERM/SIGINT, whose default action ends the process.
    loop {
        std::thread::park();
    }
}
