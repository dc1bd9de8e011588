//! The proxy for each outgoing connection, from `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`,
//! read as the AWS CLI (Python's urllib) reads them: the lower-case name wins over the
//! upper-case one, a proxy without a scheme is `http://`, and a `NO_PROXY` entry is `*`,
//! a host or IP, a domain suffix (`example.com` and `.example.com` both cover
//! `a.example.com`), or any of those with `:port`.

use anyhow::Result;

use crate::env::Env;
use crate::error::usage;

/// A proxy, its credentials kept apart so no message can show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Proxy {
    /// `scheme://host:port`, no credentials: the form used in messages and to connect.
    pub url: String,
    pub tls: bool,
    pub auth: Option<(String, String)>,
    /// The variable it came from, for messages.
    pub var: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proxies {
    pub https: Option<Proxy>,
    pub http: Option<Proxy>,
    no_proxy: Vec<String>,
}

impl Proxies {
    pub fn from_env(env: &Env) -> Result<Proxies> {
        let pick = |lower: &'static str, upper: &'static str| -> Option<(&'static str, &str)> {
            env.get(lower)
                .map(|v| (lower, v))
                .or_else(|| env.get(upper).map(|v| (upper, v)))
        };
        let https = pick("https_proxy", "HTTPS_PROXY")
            .map(|(var, v)| parse(var, v))
            .transpose()?;
        let http = pick("http_proxy", "HTTP_PROXY")
            .map(|(var, v)| parse(var, v))
            .transpose()?;
        let no_proxy = pick("no_proxy", "NO_PROXY")
            .map(|(_, v)| {
                v.split(',')
                    .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
                    .filter(|e| !e.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Ok(Proxies {
            https,
            http,
            no_proxy,
        })
    }

    /// The proxy a request to `scheme://host[:port]` goes through, if any.
    pub fn for_target(&self, scheme: &str, host: &str, port: Option<u16>) -> Option<&Proxy> {
        let proxy = match scheme {
            "https" => self.https.as_ref(),
            "http" => self.http.as_ref(),
            _ => None,
        }?;
        (!self.exempt(host, port)).then_some(proxy)
    }

    fn exempt(&self, host: &str, port: Option<u16>) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let host = host.to_ascii_lowercase();
        let with_port = port.map(|p| format!("{host}:{p}"));
        self.no_proxy.iter().any(|rule| {
            if rule == "*" {
                return true;
            }
            let suffix = format!(".{rule}");
            [Some(&host), with_port.as_ref()]
                .into_iter()
                .flatten()
                .any(|h| *h == *rule || h.ends_with(&suffix))
        })
    }
}

/// The longest proxy variable taken. The HTTP client gets the proxy as one URL with the
/// credentials in it, and drops, without a word, one longer than an `http::Uri` holds
/// (64 KiB): requests would then go direct. Half that leaves room for any real credentials.
const MAX_LEN: usize = 32 * 1024;

fn parse(var: &'static str, value: &str) -> Result<Proxy> {
    let bad = |why: &str| {
        usage(format!(
            "{var} is not a proxy URL ({why}): give http://[user:password@]host:port"
        ))
    };
    if value.len() > MAX_LEN {
        return Err(bad("it is longer than 32 KiB"));
    }
    let text = if value.contains("://") {
        value.to_string()
    } else {
        format!("http://{value}")
    };
    let url = url::Url::parse(&text).map_err(|_| bad("it does not parse"))?;
    let tls = match url.scheme() {
        "http" => false,
        "https" => true,
        _ => return Err(bad("its scheme is neither http nor https")),
    };
    let host = url.host_str().ok_or_else(|| bad("it names no host"))?;
    let port = url.port_or_known_default().unwrap_or(80);
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| bad("its credentials are not UTF-8"))
    };
    let auth = if url.username().is_empty() && url.password().is_none() {
        None
    } else {
        Some((
            decode(url.username())?,
            decode(url.password().unwrap_or_default())?,
        ))
    };
    Ok(Proxy {
        url: format!("{}://{host}:{port}", url.scheme()),
        tls,
        auth,
        var,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(pairs: &[(&str, &str)]) -> Proxies {
        Proxies::from_env(&Env::from_pairs(pairs)).unwrap()
    }

    #[test]
    fn lower_case_wins_and_credentials_are_kept_apart() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://us%40r:p%3Ass@lower:3128"),
        ]);
        let https = p.https.unwrap();
        assert_eq!(https.url, "http://lower:3128");
        assert_eq!(https.auth, Some(("us@r".into(), "p:ss".into())));
        assert_eq!(https.var, "https_proxy");
        assert_eq!(
            proxies(&[("HTTP_PROXY", "proxy:8080")]).http.unwrap().url,
            "http://proxy:8080"
        );
        assert!(Proxies::from_env(&Env::from_pairs(&[("HTTPS_PROXY", "socks5://x:1")])).is_err());
    }

    #[test]
    fn credentials_too_long_for_the_client_are_refused() {
        let url = |n: usize| format!("http://user:{}@proxy:3128", "p".repeat(n));
        assert!(Proxies::from_env(&Env::from_pairs(&[("HTTPS_PROXY", &url(30_000))])).is_ok());
        let err = Proxies::from_env(&Env::from_pairs(&[("HTTPS_PROXY", &url(70_000))]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("longer than 32 KiB") && !err.contains("ppp"),
            "{err}"
        );
    }

    #[test]
    fn no_proxy_rules_cover_hosts_suffixes_ports_and_star() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://proxy:3128"),
            ("NO_PROXY", " .corp.example , 10.0.0.1,api.test:8443"),
        ]);
        let via = |host, port| p.for_target("https", host, port).is_some();
        assert!(!via("corp.example", None));
        assert!(!via("sts.corp.example", Some(443)));
        assert!(via("notcorp.example", None));
        assert!(!via("10.0.0.1", Some(443)));
        assert!(!via("api.test", Some(8443)));
        assert!(via("api.test", Some(443)));
        assert!(p.for_target("http", "other", None).is_none());
        let all = proxies(&[("HTTPS_PROXY", "http://proxy:3128"), ("no_proxy", "*")]);
        assert!(all.for_target("https", "anything", None).is_none());
    }
}
