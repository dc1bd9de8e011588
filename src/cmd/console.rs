use anyhow::Result;

use crate::aws::{sts, sts_error};
use crate::cli::ConsoleArgs;
use crate::console::{destination, federation, handoff};
use crate::env::Env;
use crate::error::{bail_usage, usage};
use crate::output;
use crate::partition;
use crate::pipeline::Pipeline;
use crate::transition::CHAINED_MAX;
use crate::validate;

const SESSION_MAX: i32 = 43200;

/// Sign the browser in to the web console as the final identity.
pub async fn run(args: &ConsoleArgs, env: &Env) -> Result<()> {
    let mut pipeline = Pipeline::prepare(&args.cred, env, true).await?;
    let t = &args.cred.transitions;
    let explicit = t.duration_seconds;
    if let Some(d) = explicit
        && !t.get_federation_token
    {
        validate::duration("the console session (SessionDuration)", d, 900, SESSION_MAX)
            .map_err(usage)?;
    }
    let partition_name = pipeline
        .plan
        .final_partition()
        .unwrap_or(partition::for_region(&pipeline.region.name).name)
        .to_string();
    let console = partition::console(&partition_name).map_err(usage)?;
    let dest = destination::resolve(
        args.destination.as_deref(),
        args.service.as_deref(),
        &pipeline.region.name,
        console,
    )
    .map_err(usage)?;
    let endpoint = console.federation_endpoint(env.get("AWS_ENDPOINT_URL_SIGNIN"));

    let (sdk, start) = pipeline.source(&args.cred, env).await?;
    if start.is_long_term() && pipeline.plan.is_empty() {
        eprintln!(
            "aws-login: long-term IAM user keys cannot sign in to the console: getting a federation token first"
        );
        pipeline
            .plan
            .federate(t.role_session_name.as_deref(), explicit);
    }
    // Federation-token credentials bring their own lifetime; AWS refuses SessionDuration for them.
    let session_duration = if pipeline.plan.federates() {
        None
    } else if pipeline.plan.chains(&start) {
        if let Some(d) = explicit.filter(|d| *d > CHAINED_MAX) {
            bail_usage!(
                "AWS caps console sessions from role-chained credentials at 1 hour: --duration-seconds {d} is too long; use 3600 or less"
            );
        }
        Some(explicit.unwrap_or(CHAINED_MAX))
    } else {
        Some(explicit.unwrap_or(SESSION_MAX))
    };
    let region = pipeline.region.name.clone();
    let creds = pipeline.transitions(&sdk, start).await?;

    let me = sts(&sdk, &creds)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| sts_error("GetCallerIdentity", e))?;
    // Shown in warnings: STS chose it, so it is shown inert.
    let who = crate::inert::server(me.arn().unwrap_or("the final identity")).into_owned();
    let token = federation::signin_token(&endpoint, &creds, session_duration).await?;
    let url = federation::login_url(&endpoint, &args.issuer, &dest, &token)?;

    if args.cred.sso.no_browser {
        eprintln!(
            "aws-login: warning: the sign-in URL on stdout is a secret: for 15 minutes anyone who has it can sign in as {who}"
        );
        return output::print(&format!("{url}\n"));
    }
    if args.print {
        eprintln!(
            "aws-login: warning: the sign-in URL on stdout is a secret: anyone who has it can sign in as {who}"
        );
        output::print(&format!("{url}\n"))?;
    }
    // Never `webbrowser::open(&url)`: the browser's command line would show the token.
    let page = handoff::open(&url, env)?;
    eprintln!("aws-login: opened the AWS console as {who} ({region})");
    page.remove_once_read().await
}
