use anyhow::Result;
use serde::Serialize;

use crate::aws::{sts, sts_error};
use crate::cli::CredArgs;
use crate::env::Env;
use crate::output;
use crate::pipeline::Pipeline;

/// The seed's key order: UserId, Account, Arn.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct CallerIdentity<'a> {
    user_id: &'a str,
    account: &'a str,
    arn: &'a str,
}

pub async fn run(args: &CredArgs, env: &Env) -> Result<()> {
    let id = Pipeline::prepare(args, env, false)
        .await?
        .acquire(args, env)
        .await?;
    let out = sts(&id.sdk, &id.creds)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| sts_error("GetCallerIdentity", e))?;
    output::print(&output::json(&CallerIdentity {
        user_id: out.user_id().unwrap_or_default(),
        account: out.account().unwrap_or_default(),
        arn: out.arn().unwrap_or_default(),
    }))
}
