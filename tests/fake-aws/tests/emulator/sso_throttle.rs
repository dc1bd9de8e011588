//! `portal_tps` under a concurrent client: 429s the SDK parses as throttling,
//! and a client that backs off on them still lists every role.

use super::sso_common::*;
use super::*;
use aws_sdk_sso::error::SdkError;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use fake_aws::generated_assignments;
use serde_json::json;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Instant;

const TPS: u32 = 20;
const WORKERS: usize = 8;

/// Retries 429 TooManyRequestsException with jittered exponential backoff,
/// as the client under test does; any other error fails the test.
async fn with_backoff<T, E, F, Fut>(mut call: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    E: aws_sdk_sso::error::ProvideErrorMetadata + std::fmt::Debug,
{
    for attempt in 0..30 {
        let err = match call().await {
            Ok(out) => return out,
            Err(err) => err,
        };
        let status = err.raw_response().map(|r| r.status().as_u16());
        // The code the SDK's retry classifier lists as throttling.
        assert_eq!(
            (status, code_of(&err).as_str()),
            (Some(429), "TooManyRequestsException"),
            "{err:?}"
        );
        let cap = (25u64 << attempt.min(6)).min(1000);
        let pause = rand::random_range(cap / 2..=cap);
        tokio::time::sleep(Duration::from_millis(pause)).await;
    }
    panic!("still throttled after 30 attempts");
}

#[tokio::test]
async fn backing_off_client_lists_every_role_under_portal_tps() {
    let org = json!({"accounts": 60, "roles_per_account": 3, "seed": 11});
    let extra = json!({"assignments": [], "organisation": org, "portal_tps": TPS});
    let fake = FakeAws::start(sso_scenario(extra));
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal(&fake);
    let start = Instant::now();

    let mut ids = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let page = || {
            let req = p.list_accounts().access_token(&token);
            req.set_next_token(next.clone()).send()
        };
        let out = with_backoff(page).await;
        ids.extend(
            out.account_list()
                .iter()
                .map(|a| a.account_id().unwrap().to_string()),
        );
        next = out.next_token().map(String::from);
        if next.is_none() {
            break;
        }
    }
    assert_eq!(ids.len(), 60);

    let queue = Arc::new(Mutex::new(ids));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..WORKERS {
        let (p, token, queue) = (p.clone(), token.clone(), queue.clone());
        workers.spawn(async move {
            let mut got = Vec::new();
            loop {
                // Popped in its own statement so the guard is gone before any await.
                let next = queue.lock().unwrap().pop();
                let Some(id) = next else { break };
                let call = || {
                    p.list_account_roles()
                        .access_token(&token)
                        .account_id(&id)
                        .send()
                };
                let out = with_backoff(call).await;
                let names = out.role_list().iter().map(|r| r.role_name().unwrap());
                got.extend(names.map(|r| (id.clone(), r.to_string())));
            }
            got
        });
    }
    let mut roles = BTreeSet::new();
    while let Some(got) = workers.join_next().await {
        roles.extend(got.unwrap());
    }
    let elapsed = start.elapsed();

    let expected: BTreeSet<_> = generated_assignments(60, 3, 11)
        .into_iter()
        .flat_map(|a| a.roles.into_iter().map(move |r| (a.account_id.clone(), r)))
        .collect();
    assert_eq!(roles, expected);
    let log = fake.log();
    let ok = log.iter().filter(|e| e.status == 200).count();
    let throttled = log.iter().filter(|e| e.status == 429).count();
    eprintln!("{ok} calls admitted, {throttled} throttled, in {elapsed:?}");
    assert_eq!(ok, 3 + 60, "3 ListAccounts pages and 60 ListAccountRoles");
    assert_eq!(ok + throttled, log.len());
    assert!(throttled > 0, "8 workers must outrun {TPS} TPS");
    // Admitted calls 21, 41 and 61 each need the previous second's window to pass.
    assert!(elapsed >= Duration::from_secs(3), "{elapsed:?}");
}
