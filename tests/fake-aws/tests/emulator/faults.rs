//! Fault injection: throttling, server errors, dropped connections, latency.

use super::raw::send;
use super::*;
use fake_aws::{Fault, Service};
use std::time::Instant;

#[tokio::test]
async fn sts_throttling_and_5xx_are_aws_shaped() {
    let fake = FakeAws::start(scenario());
    let fault = Fault {
        throttle_every: Some(2),
        ..Fault::default()
    };
    fake.set_fault(Service::Sts, fault);
    let client = alice(&fake);
    client.get_caller_identity().send().await.unwrap();
    let err = client.get_caller_identity().send().await.unwrap_err();
    assert_eq!(code_of(&err), "Throttling");
    assert_eq!(message_of(&err), "Rate exceeded");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 400);

    let fault = Fault {
        error_5xx_every: Some(1),
        ..Fault::default()
    };
    fake.set_fault(Service::Sts, fault);
    let err = client.get_caller_identity().send().await.unwrap_err();
    assert_eq!(code_of(&err), "InternalFailure");
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);

    fake.clear_faults();
    client.get_caller_identity().send().await.unwrap();
    let log: Vec<_> = fake
        .log()
        .into_iter()
        .map(|e| (e.status, e.error_code, e.access_key_id))
        .collect();
    let key = Some(ALICE_KEY.to_string());
    assert_eq!(
        log,
        [
            (200, None, key.clone()),
            (400, Some("Throttling".into()), key.clone()),
            (500, Some("InternalFailure".into()), key.clone()),
            (200, None, key),
        ]
    );
}

#[tokio::test]
async fn sdk_retries_through_transient_faults() {
    let fake = FakeAws::start(scenario());
    let client = sts_with_retry(&fake, ALICE_KEY, ALICE_SECRET, None, quick_retries());
    for fault in [
        Fault {
            throttle_every: Some(2),
            ..Fault::default()
        },
        Fault {
            error_5xx_every: Some(2),
            ..Fault::default()
        },
        Fault {
            drop_every: Some(2),
            ..Fault::default()
        },
    ] {
        fake.set_fault(Service::Sts, fault.clone());
        for _ in 0..2 {
            client.get_caller_identity().send().await.unwrap();
        }
        let faulted = fake.log().into_iter().filter(|e| e.status != 200).count();
        assert!(faulted >= 1, "{fault:?}");
    }
}

#[test]
fn dropped_connections_get_no_response() {
    let fake = FakeAws::start(scenario());
    fake.set_fault(
        Service::Imds,
        Fault {
            drop_every: Some(2),
            throttle_every: Some(3),
            ..Fault::default()
        },
    );
    let ttl = [("X-aws-ec2-metadata-token-ttl-seconds", "60")];
    let first = send(&fake, "PUT", "/latest/api/token", &ttl, "");
    assert_eq!(first.unwrap().status, 200);
    assert!(send(&fake, "PUT", "/latest/api/token", &ttl, "").is_none());
    let third = send(&fake, "PUT", "/latest/api/token", &ttl, "").unwrap();
    assert_eq!(third.status, 429);
    // Other services keep their own counters.
    let container = send(&fake, "GET", "/container-credentials", &[], "").unwrap();
    assert_eq!(container.status, 401);
    let log: Vec<_> = fake
        .log()
        .into_iter()
        .map(|e| (e.service, e.status))
        .collect();
    assert_eq!(
        log,
        [
            (Service::Imds, 200),
            (Service::Imds, 0),
            (Service::Imds, 429),
            (Service::Container, 401)
        ]
    );
    assert_eq!(
        fake.log()[1].error_code.as_deref(),
        Some("ConnectionDropped")
    );
}

#[test]
fn latency_and_container_faults() {
    let fake = FakeAws::start(scenario());
    fake.set_fault(
        Service::Container,
        Fault {
            latency_ms: 150,
            error_5xx_every: Some(1),
            ..Fault::default()
        },
    );
    let start = Instant::now();
    let resp = send(&fake, "GET", "/container-credentials", &[], "").unwrap();
    assert!(start.elapsed().as_millis() >= 150);
    assert_eq!(resp.status, 500);
}
