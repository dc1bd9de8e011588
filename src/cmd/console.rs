use anyhow::Result;

use crate::aws::{Service, base_config, call_error, sts};
use crate::cli::ConsoleArgs;
use crate::console::open::Opener;
use crate::console::rules::Rules;
use crate::console::{destination, federation};
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
    let mut opts: crate::pipeline::Options = cred.into();
    let profile_hops = opts.profile_assumes_roles(env).await?;
    let rules = Rules::take(&mut opts, profile_hops)?;
    let mut request = Request::prepare(opts, env).await?;
    let console = rules.apply(&mut request)?;
    let opener = Opener::choose(&args.open, console.print_url, env)?;
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
    let signin_base = env.get("AWS_ENDPOINT_URL_SIGNIN");
    let endpoint = hosts.federation_endpoint(signin_base);
    let logout_first = args.open.logout_first && !console.print_url;
    let profile = request.profile().map(str::to_string);
    let user_env = request.env().clone();

    let region = request.region.name.clone();
    let got = request
        .cached_checked(|plan, start, shape| {
            if plan.federates_keys(start) {
                eprintln!(
                    "aws-login: long-term IAM user keys cannot sign in to the console: getting a federation token first"
                );
            }
            // A duration AWS would refuse costs no call.
            console.session_duration(shape).map(|_| ())
        })
        .await?;
    let session_duration = console.session_duration(got.shape)?;
    let creds = got.creds;
    let sdk = base_config(&region, profile.as_deref(), &user_env).await?;

    let me = sts(&sdk, &creds)?
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| call_error(Service::STS, "GetCallerIdentity", e))?;
    // Shown in warnings: STS chose it, so it is shown inert.
    let who = crate::inert::server(me.arn().unwrap_or("the final identity")).into_owned();
    let token = federation::signin_token(&endpoint, &creds, session_duration).await?;
    let login_endpoint = if logout_first {
        hosts.login_endpoint_after_logout(signin_base)
    } else {
        endpoint
    };
    let url = federation::login_url(&login_endpoint, &args.issuer, &dest, &token)?;

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
    let open_url = if logout_first {
        federation::logout_then(&hosts.logout_endpoint(signin_base), &url)?
    } else {
        url
    };
    // Never a browser started on the URL: its command line would show the token.
    let page = opener.open(&open_url, me.arn().unwrap_or_default(), env)?;
    let Some(page) = page else {
        eprintln!(
            "aws-login: the sign-in URL is on the clipboard (through the terminal): paste it in a browser within 15 minutes to sign in as {who} ({region}); it is a secret"
        );
        return Ok(());
    };
    eprintln!("aws-login: opened the AWS console as {who} ({region})");
    page.remove_once_read().await
}
