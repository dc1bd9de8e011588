use anyhow::Result;

use crate::aws::{Service, call_error, sts};
use crate::cli::ConsoleArgs;
use crate::console::rules::Rules;
use crate::console::{destination, federation, handoff};
use crate::env::Env;
use crate::output;
use crate::partition;
use crate::pipeline::Request;

/// Sign the browser in to the web console as the final identity.
pub async fn run(args: &ConsoleArgs, env: &Env) -> Result<()> {
    let cred = match args.pick {
        true => super::pick::choose("console", &args.cred, env)?,
        false => args.cred.clone(),
    };
    let mut opts = cred.into();
    let rules = Rules::take(&mut opts)?;
    let mut request = Request::prepare(opts, env).await?;
    let console = rules.apply(&mut request)?;
    let partition_name = request
        .plan
        .final_partition()
        .unwrap_or(partition::for_region(&request.region.name).name)
        .to_string();
    let hosts = partition::console(&partition_name)?;
    let dest = destination::resolve(
        args.destination.as_deref(),
        args.service.as_deref(),
        &request.region.name,
        hosts,
    )?;
    let endpoint = hosts.federation_endpoint(env.get("AWS_ENDPOINT_URL_SIGNIN"));

    let (sdk, start) = request.source(env).await?;
    if request.plan.federates_keys(&start) {
        eprintln!(
            "aws-login: long-term IAM user keys cannot sign in to the console: getting a federation token first"
        );
    }
    let session_duration = console.session_duration(&request.plan, &start)?;
    let region = request.region.name.clone();
    let creds = request.transitions(&sdk, start).await?;

    let me = sts(&sdk, &creds)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| call_error(Service::STS, "GetCallerIdentity", e))?;
    // Shown in warnings: STS chose it, so it is shown inert.
    let who = crate::inert::server(me.arn().unwrap_or("the final identity")).into_owned();
    let token = federation::signin_token(&endpoint, &creds, session_duration).await?;
    let url = federation::login_url(&endpoint, &args.issuer, &dest, &token)?;

    if console.print_url {
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
