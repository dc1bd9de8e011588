use anyhow::Result;
use serde::Serialize;

use crate::aws::{Service, call_error, sts};
use crate::cli::CredArgs;
use crate::env::Env;
use crate::output;
use crate::pipeline::Request;

/// The seed's key order: UserId, Account, Arn.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CallerIdentity<'a> {
    user_id: &'a str,
    account: &'a str,
    arn: &'a str,
}

pub async fn run(args: &CredArgs, env: &Env) -> Result<()> {
    let id = Request::prepare(args.clone().into(), env)
        .await?
        .acquire()
        .await?;
    let out = sts(&id.sdk, &id.creds)?
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| call_error(Service::STS, "GetCallerIdentity", e))?;
    output::print(&output::json(&CallerIdentity {
        user_id: out.user_id().unwrap_or_default(),
        account: out.account().unwrap_or_default(),
        arn: out.arn().unwrap_or_default(),
    }))
}
