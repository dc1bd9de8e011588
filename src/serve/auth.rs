//! Who may read the credentials: the holder of the bearer token, talking to the address
//! the endpoint was given (the `Host` check stops DNS rebinding: a web page cannot make a
//! browser send a `Host` of 127.0.0.1), from this machine unless `serve --bind` opened it
//! to others, on the one path.

use std::net::{IpAddr, SocketAddr};

use base64::Engine;
use subtle::ConstantTimeEq;

/// The one path that serves credentials.
pub const PATH: &str = "/aws-login/credentials";

pub struct Guard {
    token: String,
    /// `ADDR:PORT` as clients write it in `Host`.
    host: String,
    /// Refuse peers that are not on this machine (always, unless bound elsewhere).
    loopback_only: bool,
}

/// Why a request is refused: the status and the message for the body (never a secret).
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal(pub u16, pub &'static str);

impl Guard {
    /// A fresh random token (256 bits) for an endpoint listening on `addr`.
    pub fn new(addr: SocketAddr) -> Guard {
        let bytes: [u8; 32] = rand::random();
        Guard {
            token: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
            host: addr.to_string(),
            loopback_only: addr.ip().is_loopback(),
        }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn check(
        &self,
        peer: IpAddr,
        host: Option<&[u8]>,
        authorization: Option<&[u8]>,
        method: &str,
        path: &str,
    ) -> Result<(), Refusal> {
        self.check_origin(peer, host)?;
        // The SDKs send AWS_CONTAINER_AUTHORIZATION_TOKEN as the whole header value.
        let given = authorization.unwrap_or_default();
        if !bool::from(given.ct_eq(self.token.as_bytes())) {
            return Err(Refusal(401, "a valid authorization token is required"));
        }
        if path != PATH {
            return Err(Refusal(404, "no such path"));
        }
        if method != "GET" {
            return Err(Refusal(405, "only GET is served"));
        }
        Ok(())
    }
}

impl Guard {
    /// The peer and `Host` checks alone: what instance metadata, whose clients carry no
    /// shared secret, can check.
    pub fn check_origin(&self, peer: IpAddr, host: Option<&[u8]>) -> Result<(), Refusal> {
        if self.loopback_only && !is_loopback(peer) {
            return Err(Refusal(403, "only this machine may ask"));
        }
        if host != Some(self.host.as_bytes()) {
            return Err(Refusal(
                403,
                "the Host header is not this endpoint's address",
            ));
        }
        Ok(())
    }
}

/// 127.0.0.0/8, ::1, and IPv4-mapped loopback (a dual-stack socket's view of 127.0.0.1).
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::new("127.0.0.1:4567".parse().unwrap())
    }

    #[test]
    fn only_the_token_holder_on_this_machine_at_this_address_and_path_is_served() {
        let g = guard();
        let t = g.token().as_bytes().to_vec();
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let host = Some(&b"127.0.0.1:4567"[..]);
        assert_eq!(g.check(local, host, Some(&t), "GET", PATH), Ok(()));
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert_eq!(g.check(mapped, host, Some(&t), "GET", PATH), Ok(()));
        let remote: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(
            g.check(remote, host, Some(&t), "GET", PATH).unwrap_err().0,
            403
        );
        for bad_host in [
            None,
            Some(&b"localhost:4567"[..]),
            Some(b"evil.example:4567"),
        ] {
            assert_eq!(
                g.check(local, bad_host, Some(&t), "GET", PATH)
                    .unwrap_err()
                    .0,
                403
            );
        }
        let mut wrong = t.clone();
        wrong[0] ^= 1;
        for bad in [None, Some(&wrong[..]), Some(&t[..t.len() - 1]), Some(b"")] {
            assert_eq!(g.check(local, host, bad, "GET", PATH).unwrap_err().0, 401);
        }
        assert_eq!(
            g.check(local, host, Some(&t), "GET", "/").unwrap_err().0,
            404
        );
        assert_eq!(
            g.check(local, host, Some(&t), "POST", PATH).unwrap_err().0,
            405
        );
    }

    #[test]
    fn a_non_loopback_bind_admits_other_peers_but_still_wants_the_token_and_host() {
        let g = Guard::new("192.0.2.1:80".parse().unwrap());
        let t = g.token().as_bytes().to_vec();
        let remote: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(
            g.check(remote, Some(b"192.0.2.1:80"), Some(&t), "GET", PATH),
            Ok(())
        );
        assert_eq!(
            g.check(remote, Some(b"192.0.2.1:80"), None, "GET", PATH)
                .unwrap_err()
                .0,
            401
        );
    }

    #[test]
    fn tokens_are_fresh_and_long() {
        let (a, b) = (guard(), guard());
        assert_ne!(a.token(), b.token());
        assert!(a.token().len() >= 43);
    }
}
