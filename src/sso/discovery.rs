//! Listing every account and role the token can see: ListAccounts (paginated), then
//! ListAccountRoles for all accounts concurrently, bounded, with jittered backoff on
//! throttling and server errors.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_sdk_sso::error::{ProvideErrorMetadata, SdkError};
use rand::Rng;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::aws::{Service, call_error};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub roles: Vec<String>,
}

/// Why listing stopped: the token was rejected (the caller may refresh and retry), or
/// anything else.
pub enum Failure {
    Unauthorized,
    Other(anyhow::Error),
}

const MAX_ATTEMPTS: u32 = 12;

pub async fn discover(
    sdk: &SdkConfig,
    region: &str,
    token: &str,
    concurrency: usize,
) -> Result<Vec<Account>, Failure> {
    // Retries are ours (below): the SDK's retry quota runs dry under sustained throttling.
    let conf = aws_sdk_sso::config::Builder::from(sdk)
        .region(aws_config::Region::new(region.to_string()))
        .retry_config(RetryConfig::disabled())
        .build();
    let client = aws_sdk_sso::Client::from_conf(conf);
    let mut accounts = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let page = with_retry("ListAccounts", || {
            client
                .list_accounts()
                .access_token(token)
                .max_results(100)
                .set_next_token(next.clone())
                .send()
        })
        .await?;
        for a in page.account_list() {
            accounts.push(Account {
                id: a.account_id().unwrap_or_default().to_string(),
                name: a.account_name().unwrap_or_default().to_string(),
                roles: Vec::new(),
            });
        }
        next = page.next_token().map(str::to_string);
        if next.is_none() {
            break;
        }
    }

    let progress = std::io::stderr().is_terminal();
    let limit = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for (i, account) in accounts.iter().enumerate() {
        let (client, limit, token, id) = (
            client.clone(),
            limit.clone(),
            token.to_string(),
            account.id.clone(),
        );
        tasks.spawn(async move {
            let _permit = limit
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            let mut roles = Vec::new();
            let mut next: Option<String> = None;
            loop {
                let page = with_retry("ListAccountRoles", || {
                    client
                        .list_account_roles()
                        .access_token(&token)
                        .account_id(&id)
                        .max_results(100)
                        .set_next_token(next.clone())
                        .send()
                })
                .await?;
                roles.extend(
                    page.role_list()
                        .iter()
                        .filter_map(|r| r.role_name().map(str::to_string)),
                );
                next = page.next_token().map(str::to_string);
                if next.is_none() {
                    return Ok::<_, Failure>((i, roles));
                }
            }
        });
    }
    let total = accounts.len();
    let mut done = 0;
    while let Some(joined) = tasks.join_next().await {
        let (i, roles) =
            joined.map_err(|e| Failure::Other(anyhow!("listing roles failed: {e}")))??;
        accounts[i].roles = roles;
        done += 1;
        if progress {
            eprint!("\r\x1b[2Kaws-login: listed the roles of {done}/{total} accounts");
        }
    }
    if progress && total > 0 {
        eprint!("\r\x1b[2K");
    }
    Ok(accounts)
}

/// Call `op` until it succeeds, retrying throttling and 5xx with full-jitter exponential
/// backoff (100 ms doubling, capped at 5 s).
async fn with_retry<T, E, F, Fut>(name: &str, mut op: F) -> Result<T, Failure>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SdkError<E, aws_sdk_sso::config::http::HttpResponse>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        let err = match op().await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let status = err.raw_response().map(|r| r.status().as_u16());
        let code = err.code().unwrap_or_default().to_string();
        if code == "UnauthorizedException" || status == Some(401) {
            return Err(Failure::Unauthorized);
        }
        let transient = matches!(status, Some(429) | Some(500..=599))
            || code == "TooManyRequestsException"
            || matches!(
                err,
                SdkError::TimeoutError(_) | SdkError::DispatchFailure(_)
            );
        if !transient || attempt >= MAX_ATTEMPTS {
            return Err(Failure::Other(call_error(Service::SSO, name, err)));
        }
        let cap = 100u64.saturating_mul(1 << (attempt - 1).min(6)).min(5000);
        let wait = rand::rng().random_range(0..=cap);
        tracing::debug!(%name, attempt, wait, "retrying after a transient error");
        tokio::time::sleep(Duration::from_millis(wait)).await;
    }
}
