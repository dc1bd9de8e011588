//! Per-service fault injection: latency, throttling, server errors, dropped
//! connections, each on every Nth request of that service.

use crate::router::Service;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Clone, Debug, Default)]
pub struct Fault {
    /// Sleep before answering every request of the service.
    pub latency_ms: u64,
    /// Every Nth request gets a throttling error (STS: 400 Throttling; SSO portal:
    /// 429 TooManyRequestsException; SSO OIDC: 400 SlowDownException, its only
    /// throttling error; IMDS/container: 429).
    pub throttle_every: Option<u32>,
    /// Every Nth request gets HTTP 500 (STS: InternalFailure; SSO portal and
    /// SSO OIDC: InternalServerException).
    pub error_5xx_every: Option<u32>,
    /// Every Nth request: the connection is closed without any response.
    pub drop_every: Option<u32>,
}

/// The failure chosen for one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Injected {
    Drop,
    Throttle,
    ServerError,
}

#[derive(Default)]
pub struct Faults {
    /// Fault plus the number of requests the service has seen since it was set,
    /// so "every Nth" counts from the moment a test configures it.
    by_service: Mutex<HashMap<Service, (Fault, u32)>>,
}

impl Faults {
    pub fn set(&self, service: Service, fault: Fault) {
        self.by_service.lock().unwrap().insert(service, (fault, 0));
    }

    pub fn clear(&self) {
        self.by_service.lock().unwrap().clear();
    }

    /// Counts this request and decides its fate.
    pub fn next(&self, service: Service) -> (Duration, Option<Injected>) {
        let mut map = self.by_service.lock().unwrap();
        let Some((fault, count)) = map.get_mut(&service) else {
            return (Duration::ZERO, None);
        };
        *count += 1;
        let n = *count;
        let hits = |every: Option<u32>| every.is_some_and(|e| e > 0 && n % e == 0);
        // When several schedules coincide, the most disruptive one wins.
        let injected = if hits(fault.drop_every) {
            Some(Injected::Drop)
        } else if hits(fault.error_5xx_every) {
            Some(Injected::ServerError)
        } else if hits(fault.throttle_every) {
            Some(Injected::Throttle)
        } else {
            None
        };
        (Duration::from_millis(fault.latency_ms), injected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nth_counts_per_service() {
        let f = Faults::default();
        f.set(
            Service::Sts,
            Fault {
                throttle_every: Some(2),
                drop_every: Some(3),
                ..Fault::default()
            },
        );
        let got: Vec<_> = (0..6).map(|_| f.next(Service::Sts).1).collect();
        use Injected::*;
        assert_eq!(
            got,
            [
                None,
                Some(Throttle),
                Some(Drop),
                Some(Throttle),
                None,
                Some(Drop)
            ]
        );
        assert_eq!(f.next(Service::Imds), (Duration::ZERO, None));
    }
}
