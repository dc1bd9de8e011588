//! aws-login's one HTTP client. Every outgoing connection goes through it: the SDK's
//! (STS, SSO portal, SSO OIDC, the credential providers) and the console federation call.
//!
//! Nothing is prepared before a request needs it: the trust store is read at the first
//! https connection (once per process, [`tls`]), so a run whose endpoints are all http, or
//! that makes no connection, reads no certificate file. Proxies ([`proxy`]) are chosen per
//! request; one that fails is named in the error, without its credentials.

pub mod call;
pub mod proxy;
pub mod tls;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use anyhow::Result;
use aws_smithy_async::rt::sleep::SharedAsyncSleep;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Connector, ConnectorBuilder};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::env::Env;
use proxy::{Proxies, Proxy};
use tls::{Roots, TrustError};

#[derive(Debug)]
pub struct Net {
    roots: Roots,
    proxies: Proxies,
    /// The trusted roots as PEM, loaded at the first TLS connection.
    trust: OnceLock<Result<Arc<Vec<u8>>, TrustError>>,
    /// One set of connectors per timeout setting, so every client shares one pool.
    connectors: Mutex<Vec<(Key, SharedHttpConnector)>>,
}

type Key = (Option<Duration>, Option<Duration>);

static NET: OnceLock<Arc<Net>> = OnceLock::new();

/// Set up the client from the environment and the active profile's `ca_bundle`; the first
/// call of a run decides. Reads no file (the proxy variables are checked here: a bad one is
/// a usage error before any call).
pub fn configure(env: &Env, profile_bundle: Option<(&str, &str)>) -> Result<SharedHttpClient> {
    if let Some(net) = NET.get() {
        return Ok(SharedHttpClient::new(Client(net.clone())));
    }
    let net = Arc::new(Net {
        roots: Roots::choose(env, profile_bundle),
        proxies: Proxies::from_env(env)?,
        trust: OnceLock::new(),
        connectors: Mutex::new(Vec::new()),
    });
    let net = NET.get_or_init(|| net).clone();
    Ok(SharedHttpClient::new(Client(net)))
}

/// The connector for a call made outside the SDK (the federation endpoint): the one the
/// run's SDK clients use (set up by [`configure`], else from the process environment).
pub fn connector(settings: &HttpConnectorSettings) -> Result<SharedHttpConnector> {
    let net = match NET.get() {
        Some(net) => net.clone(),
        None => {
            configure(&Env::real(), None)?;
            NET.get().expect("configured above").clone()
        }
    };
    Ok(net.connector(settings, None))
}

/// What stays as is in a URL's user or password: the unreserved characters.
const USERINFO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

#[derive(Debug)]
struct Client(Arc<Net>);

impl HttpClient for Client {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        self.0.connector(settings, components.sleep_impl())
    }
}

impl Net {
    fn connector(
        self: &Arc<Self>,
        settings: &HttpConnectorSettings,
        sleep: Option<SharedAsyncSleep>,
    ) -> SharedHttpConnector {
        let key = (settings.connect_timeout(), settings.read_timeout());
        let mut all = self.connectors.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, c)) = all.iter().find(|(k, _)| *k == key) {
            return c.clone();
        }
        let c = SharedHttpConnector::new(Lazy {
            net: self.clone(),
            settings: settings.clone(),
            sleep,
            slots: Default::default(),
        });
        all.push((key, c.clone()));
        c
    }

    fn trusted_pem(&self) -> Result<Arc<Vec<u8>>, TrustError> {
        self.trust
            .get_or_init(|| self.roots.load().map(|c| Arc::new(tls::pem(&c))))
            .clone()
    }
}

/// Four connectors, each built at its first use: {plain, TLS} x {direct, through a proxy}.
#[derive(Debug)]
struct Lazy {
    net: Arc<Net>,
    settings: HttpConnectorSettings,
    sleep: Option<SharedAsyncSleep>,
    slots: [OnceLock<Result<Arc<Connector>, TrustError>>; 4],
}

impl Lazy {
    fn get(
        &self,
        tls: bool,
        proxy: Option<&Proxy>,
        https: bool,
    ) -> Result<Arc<Connector>, TrustError> {
        let slot = &self.slots[usize::from(tls) * 2 + usize::from(proxy.is_some())];
        slot.get_or_init(|| {
            let mut b = ConnectorBuilder::default().connector_settings(self.settings.clone());
            if let Some(sleep) = &self.sleep {
                b = b.sleep_impl(sleep.clone());
            }
            if let Some(p) = proxy {
                let config = if https {
                    ProxyConfig::https(p.url.as_str())
                } else {
                    ProxyConfig::http(p.url.as_str())
                };
                // The URL was checked when the variable was read.
                let mut config = config.unwrap_or_else(|_| ProxyConfig::disabled());
                if let Some((user, pass)) = &p.auth {
                    // The client puts them into a proxy URL as they are and decodes that
                    // URL's userinfo again: given decoded, an `@`, `/` or space would move
                    // the proxy's address or make the URL unusable (and then silently
                    // unused). Encoded, they arrive as given.
                    let enc = |s: &str| utf8_percent_encode(s, USERINFO).to_string();
                    config = config.with_basic_auth(enc(user), enc(pass));
                }
                b = b.proxy_config(config);
            }
            if !tls {
                return Ok(Arc::new(b.build_http()));
            }
            let pem = self.net.trusted_pem()?;
            let context = TlsContext::builder()
                .with_trust_store(TrustStore::empty().with_pem_certificate(pem.as_slice()))
                .build()
                .map_err(|_| TrustError("cannot set up TLS with these certificates".into()))?;
            Ok(Arc::new(
                b.tls_provider(Provider::Rustls(CryptoMode::AwsLc))
                    .tls_context(context)
                    .build(),
            ))
        })
        .clone()
    }
}

impl HttpConnector for Lazy {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let Ok(uri) = request.uri().parse::<http::Uri>() else {
            return HttpConnectorFuture::ready(Err(ConnectorError::user("not a URL".into())));
        };
        let https = uri.scheme_str() == Some("https");
        let scheme = if https { "https" } else { "http" };
        let proxy = uri
            .host()
            .and_then(|h| self.net.proxies.for_target(scheme, h, uri.port_u16()))
            .cloned();
        let tls = https || proxy.as_ref().is_some_and(|p| p.tls);
        let connector = match self.get(tls, proxy.as_ref(), https) {
            Ok(c) => c,
            Err(e) => {
                return HttpConnectorFuture::ready(Err(ConnectorError::other(e.into(), None)));
            }
        };
        let call = connector.call(request);
        let Some(proxy) = proxy else { return call };
        HttpConnectorFuture::new(async move {
            let failure = |why: ProxyWhy, source: Option<ConnectorError>| ProxyFailure {
                url: proxy.url.clone(),
                var: proxy.var,
                credentials: proxy.auth.is_some(),
                why,
                source,
            };
            match call.await {
                // A plain-http request goes to the proxy itself, so a 407 is the proxy's
                // own answer, not the service's: left as a response, the SDK would report
                // it as a service error with no message. Not retried: the same
                // credentials get the same answer.
                Ok(resp) if !https && resp.status().as_u16() == 407 => Err(ConnectorError::other(
                    failure(ProxyWhy::Credentials, None).into(),
                    None,
                )),
                Ok(resp) => Ok(resp),
                Err(e) if e.is_timeout() => Err(ConnectorError::timeout(
                    failure(ProxyWhy::Timeout, Some(e)).into(),
                )),
                Err(e) if refused_connect_for_credentials(&e) => Err(ConnectorError::other(
                    failure(ProxyWhy::Credentials, Some(e)).into(),
                    None,
                )),
                Err(e) => Err(ConnectorError::io(
                    failure(ProxyWhy::Failed, Some(e)).into(),
                )),
            }
        })
    }
}

/// Whether a proxy answered the CONNECT for an https request with 407. The HTTP client's
/// tunnel error type is private: the name of its variant for that answer is what can be
/// matched (compared only, never shown).
fn refused_connect_for_credentials(err: &(dyn std::error::Error + 'static)) -> bool {
    chain(err).any(|e| format!("{e:?}") == "ProxyAuthRequired")
}

/// An error and its sources, including the error an `io::Error` wraps (its `source`
/// skips that one).
fn chain<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |e| {
        match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ProxyWhy {
    Timeout,
    /// It answered 407: it wants credentials, or refused the ones given.
    Credentials,
    Failed,
}

/// A call through a proxy failed: names the proxy (never its credentials).
#[derive(Debug)]
pub struct ProxyFailure {
    url: String,
    var: &'static str,
    /// Whether the proxy variable carries credentials (never what they are).
    credentials: bool,
    why: ProxyWhy,
    source: Option<ConnectorError>,
}

impl std::fmt::Display for ProxyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "through the proxy {} ({})", self.url, self.var)
    }
}

impl std::error::Error for ProxyFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl ProxyFailure {
    fn explain(&self) -> String {
        let (url, var) = (&self.url, self.var);
        let scheme = url.split("://").next().unwrap_or("http");
        match self.why {
            ProxyWhy::Credentials if self.credentials => format!(
                "the proxy {url} ({var}) refused the credentials in {var} (407 Proxy Authentication Required): check the user and password there"
            ),
            ProxyWhy::Credentials => format!(
                "the proxy {url} ({var}) asks for credentials (407 Proxy Authentication Required): put them in {var} as {scheme}://user:password@host:port"
            ),
            ProxyWhy::Timeout => format!(
                "the proxy {url} ({var}) did not answer in time: check {var}, or exempt the host in NO_PROXY"
            ),
            ProxyWhy::Failed => format!(
                "the proxy {url} ({var}) refused or failed the connection: check {var}, or exempt the host in NO_PROXY"
            ),
        }
    }
}

/// One line for a failed connection whose cause aws-login can name: an unusable trust
/// store, a certificate not trusted, a proxy that failed. `None` for anything else.
pub fn explain(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut proxy = None;
    for e in chain(err) {
        if let Some(t) = e.downcast_ref::<TrustError>() {
            return Some(t.to_string());
        }
        if let Some(rustls::Error::InvalidCertificate(why)) = e.downcast_ref::<rustls::Error>() {
            use rustls::CertificateError as C;
            let why = match why {
                C::UnknownIssuer => "signed by a CA this run does not trust".to_string(),
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    "issued for another host name".to_string()
                }
                C::Expired | C::ExpiredContext { .. } => "expired".to_string(),
                _ => rustls::Error::InvalidCertificate(why.clone()).to_string(),
            };
            return Some(format!(
                "the server's certificate is not trusted ({why}): if a private CA signs it, point AWS_CA_BUNDLE (or ca_bundle in the profile) at that CA's PEM bundle"
            ));
        }
        if proxy.is_none()
            && let Some(p) = e.downcast_ref::<ProxyFailure>()
        {
            proxy = Some(p);
        }
    }
    proxy.map(ProxyFailure::explain)
}
