//! Generated organisations and concurrent portal calls: injected latency
//! must overlap across connections, not add up, or a client's concurrent
//! `dumpconfig` could never beat a sequential one against the emulator.

use super::sso_common::*;
use super::*;
use fake_aws::{Fault, Service, generated_assignments};
use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::Instant;

const LATENCY_MS: u64 = 50;

fn latency(fake: &FakeAws) {
    let fault = Fault {
        latency_ms: LATENCY_MS,
        ..Fault::default()
    };
    fake.set_fault(Service::Sso, fault);
}

#[tokio::test]
async fn generated_organisation_is_served_and_sdk_calls_overlap() {
    let org = json!({"accounts": 500, "roles_per_account": 3, "seed": 7});
    let fake = FakeAws::start(sso_scenario(json!({"organisation": org, "page_size": 100})));
    let token = fake.issue_sso_token(3600, false).access_token;
    let p = portal(&fake);
    let accounts: Vec<_> = p
        .list_accounts()
        .access_token(&token)
        .max_results(100)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let expected = generated_assignments(500, 3, 7);
    assert_eq!(
        accounts.len(),
        2 + 500,
        "two hand-written assignments first"
    );
    for (got, want) in accounts[2..].iter().zip(&expected) {
        assert_eq!(got.account_id(), Some(want.account_id.as_str()));
        // Leading/trailing spaces, quotes and non-ASCII survive the wire unchanged.
        assert_eq!(got.account_name(), Some(want.account_name.as_str()));
    }
    let pages = fake
        .log()
        .iter()
        .filter(|e| e.action == "ListAccounts")
        .count();
    assert_eq!(pages, 6, "max_result 100 with page_size 100");

    latency(&fake);
    fake.clear_log();
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for a in expected.iter().take(16) {
        let req = p
            .list_account_roles()
            .access_token(&token)
            .account_id(&a.account_id);
        tasks.spawn(req.send());
    }
    let mut roles = 0;
    while let Some(out) = tasks.join_next().await {
        roles += out.unwrap().unwrap().role_list().len();
    }
    let elapsed = start.elapsed();
    eprintln!("16 concurrent SDK ListAccountRoles at {LATENCY_MS} ms latency: {elapsed:?}");
    assert_eq!(roles, 16 * 3);
    assert_eq!(fake.log().len(), 16);
    // Serialised they would take 16 x 50 = 800 ms.
    assert!(elapsed < Duration::from_millis(400), "{elapsed:?}");
}

/// Sends `n` requests on one keep-alive connection; returns their statuses.
fn keep_alive_gets(port: u16, target: &str, token: &str, n: usize) -> Vec<u16> {
    let mut writer = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut reader = BufReader::new(writer.try_clone().unwrap());
    let mut statuses = Vec::new();
    for _ in 0..n {
        let head = format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nx-amz-sso_bearer_token: {token}\r\n\r\n"
        );
        writer.write_all(head.as_bytes()).unwrap();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        statuses.push(line.split(' ').nth(1).unwrap().parse().unwrap());
        let mut len = 0;
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                len = value.trim().parse().unwrap();
            }
        }
        reader.read_exact(&mut vec![0; len]).unwrap();
    }
    statuses
}

#[test]
fn thirty_two_keep_alive_connections_sleep_in_parallel() {
    let org = json!({"accounts": 32, "seed": 1});
    let fake = FakeAws::start(sso_scenario(json!({"organisation": org})));
    let token = fake.issue_sso_token(3600, false).access_token;
    let port: u16 = fake.url().rsplit(':').next().unwrap().parse().unwrap();
    latency(&fake);
    let ids: Vec<_> = generated_assignments(32, 3, 1)
        .into_iter()
        .map(|a| a.account_id)
        .collect();
    let barrier = Arc::new(Barrier::new(ids.len() + 1));
    let threads: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let (barrier, token) = (barrier.clone(), token.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let target = format!("/assignment/roles?account_id={id}");
                keep_alive_gets(port, &target, &token, 2)
            })
        })
        .collect();
    barrier.wait();
    let start = Instant::now();
    for t in threads {
        assert_eq!(t.join().unwrap(), [200, 200]);
    }
    let elapsed = start.elapsed();
    eprintln!("32 connections x 2 keep-alive requests at {LATENCY_MS} ms latency: {elapsed:?}");
    assert_eq!(fake.log().len(), 64);
    // Two sequential requests per connection: about 100 ms; serialised, 3.2 s.
    assert!(elapsed < Duration::from_millis(800), "{elapsed:?}");
}
