use anyhow::{Result, anyhow};
use serde::Serialize;

use crate::cli::DumpcredsArgs;
use crate::creds::Creds;
use crate::env::Env;
use crate::exports::credential_vars;
use crate::output;
use crate::pipeline::Request;

/// The credential_process v1 document. `SessionToken` and `Expiration` are omitted when
/// unknown: a `null` token breaks some SDKs, and without `Expiration` SDKs never refresh.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessCredentials<'a> {
    version: u8,
    access_key_id: &'a str,
    secret_access_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expiration: Option<String>,
    /// Read by botocore and aws-config for account-based endpoints; when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    account_id: Option<&'a str>,
}

pub async fn run(args: &DumpcredsArgs, env: &Env) -> Result<()> {
    let mut request = Request::prepare(args.cred.clone().into(), env).await?;
    if args.credential_helper {
        request.stderr_hidden();
    }
    let region = request.region.exported().map(str::to_string);
    // Through the session cache: a warm call builds no SDK configuration at all.
    let creds = request.credentials().await?;
    let text = if args.credential_helper {
        helper_json(&creds)
    } else {
        args.outform
            .dialect()
            .script(&credential_vars(&creds, region.as_deref()))
            .map_err(|e| anyhow!(e))?
    };
    output::print(&text)
}

fn helper_json(c: &Creds) -> String {
    output::json(&ProcessCredentials {
        version: 1,
        access_key_id: &c.access_key_id,
        secret_access_key: &c.secret_access_key,
        session_token: c.session_token.as_deref(),
        expiration: c.expiration_rfc3339(),
        account_id: c.account_id.as_deref(),
    })
}
