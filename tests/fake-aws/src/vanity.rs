//! A company's own sign-in host in front of IAM Identity Center (a vanity start URL):
//! each host configured here answers every request with its redirect to the portal. The
//! TLS listener serves it for any host name a request names, reached through the
//! listener's CONNECT proxy, so a client finds `login.example.test` with nothing but
//! `HTTPS_PROXY` and the test CA.

use crate::http::{Request, Response};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

#[derive(Default)]
pub struct Redirects {
    /// Host (lower case, no port) -> status and `Location` (none: a redirect without one).
    hosts: Mutex<HashMap<String, (u16, Option<String>)>>,
    /// Hosts that answer HEAD with 405, as some front ends do: a client asks again with GET.
    head_refused: Mutex<HashSet<String>>,
    /// `METHOD host path` of every request answered, oldest first.
    seen: Mutex<Vec<String>>,
}

impl Redirects {
    pub fn set(&self, host: &str, status: u16, location: Option<&str>) {
        self.hosts.lock().unwrap().insert(
            host.to_ascii_lowercase(),
            (status, location.map(str::to_string)),
        );
    }

    pub fn refuse_head(&self, host: &str) {
        self.head_refused
            .lock()
            .unwrap()
            .insert(host.to_ascii_lowercase());
    }

    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// The answer for a request to a configured host; `None` for every other request.
    pub fn answer(&self, req: &Request) -> Option<Response> {
        let host = req.header("host")?;
        let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
        let host = host.to_ascii_lowercase();
        let (status, location) = self.hosts.lock().unwrap().get(&host).cloned()?;
        self.seen
            .lock()
            .unwrap()
            .push(format!("{} {host} {}", req.method, req.path));
        if req.method == "HEAD" && self.head_refused.lock().unwrap().contains(&host) {
            return Some(Response::text(405, ""));
        }
        let resp = Response::text(status, "");
        Some(match location {
            Some(l) => resp.with_header("Location", l),
            None => resp,
        })
    }
}
