//! Vanity start URLs: a start URL on the company's own domain that redirects to the
//! AWS-owned IAM Identity Center portal, resolved by the rules of the AWS CLI (since
//! 2.35.13): https only, exactly one redirect and never a second, a target on a host AWS
//! owns, and the SSO region read from that host when it names one.
//!
//! Only OIDC hears the portal's URL (the issuer of a registration, the device
//! authorization's start URL). The configured URL stays the cache key and the token's
//! `startUrl`, so the AWS CLI and aws-login keep sharing one sign-in.

use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_smithy_runtime_api::client::http::{HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;

use crate::error::usage;
use crate::inert::{echo, server};
use crate::validate;

/// The AWS CLI's bound on the redirect request: the company's host answers or the run fails.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Host suffixes AWS serves IAM Identity Center portals under, in every partition.
const OWNED_SUFFIXES: &[&str] = &[
    "app.aws",
    "portal.amazonaws.com",
    "portal.amazonaws.com.cn",
    "app.amazonwebservices.com.cn",
    "portal.amazonaws.eu",
    "api.amazonwebservices.eu",
    "awsapps.com",
    "awsapps.cn",
];

/// Hosts AWS owns outright.
const OWNED_HOSTS: &[&str] = &[
    "identitycenter.amazonaws.com",
    "identitycenter.amazonaws.com.cn",
    "identitycenter.amazonaws.eu",
    "identitycenter.us-gov.amazonaws.com",
];

/// Portal host names that carry their region, label by label: `*` is the instance's own
/// label, `{}` the region. (`<id>.awsapps.com` names none: sso_region must say it.)
const REGION_SHAPES: &[&[&str]] = &[
    &["*", "portal", "{}", "app", "aws"],
    &["*", "{}", "portal", "amazonaws", "com"],
    &["*", "{}", "portal", "amazonaws", "com", "cn"],
    &["*", "portal", "{}", "app", "amazonwebservices", "com", "cn"],
    &["*", "{}", "portal", "amazonaws", "eu"],
    &["*", "portal", "{}", "api", "amazonwebservices", "eu"],
];

/// Where a sign-in goes: the portal's start URL, and the region its host names.
#[derive(Debug, PartialEq, Eq)]
pub struct Portal {
    pub url: String,
    pub region: Option<String>,
}

/// The portal a start URL leads to. An AWS-owned start URL is its own portal (no request
/// is made); any other must redirect once to one. `origin` names where the URL came from
/// (`--start-url`, `sso_start_url of …`) in messages; `region_given` is the configured
/// SSO region, the fallback when the portal's host names none.
pub async fn resolve(start_url: &str, origin: &str, region_given: bool) -> Result<Portal> {
    let url = url::Url::parse(start_url)
        .map_err(|e| anyhow!("{origin} is not a URL ({e}): give a start URL"))?;
    if url.scheme() != "https" {
        // Checked when the options were read; a redirect is never asked of plain http.
        return Err(usage(format!(
            "the start URL {} ({origin}) is not https: give the https start URL",
            echo(start_url)
        )));
    }
    if aws_owned(url.host_str().unwrap_or_default()) {
        return Ok(Portal {
            url: start_url.to_string(),
            region: None,
        });
    }
    tracing::debug!(
        start_url,
        "not an AWS-owned start URL: following its redirect"
    );
    let shown = format!("the start URL {} ({origin})", echo(start_url));
    let location = redirect(url.clone(), origin, &shown).await?;
    let target = url.join(&location).map_err(|_| {
        anyhow!(
            "{shown} redirects to '{}', which is not a URL: set {origin} to the portal's start URL",
            server(&location)
        )
    })?;
    let portal = normalize(&target);
    let host = target.host_str().unwrap_or_default();
    if !aws_owned(host) {
        return Err(anyhow!(
            "{shown} redirects to {}, which is not an AWS-owned IAM Identity Center portal (aws-login follows one redirect, to a host such as *.awsapps.com or *.portal.REGION.app.aws): set {origin} to the portal's start URL",
            server(&portal)
        ));
    }
    if target.scheme() != "https" {
        return Err(anyhow!(
            "{shown} redirects to {}, which is not https: set {origin} to the portal's https start URL",
            server(&portal)
        ));
    }
    validate::start_url("the portal", &portal)?;
    let region = region_in(host);
    if let Some(r) = &region {
        validate::region(
            &format!("the region in the portal host {}", server(host)),
            r,
        )?;
    } else if !region_given {
        return Err(usage(format!(
            "{shown} leads to the portal {}, whose host names no region: set sso_region (or give --sso-region)",
            server(&portal)
        )));
    }
    tracing::debug!(portal, ?region, "the start URL leads to this portal");
    Ok(Portal {
        url: portal,
        region,
    })
}

/// Whether AWS owns `host` (a portal, never a company's own domain).
pub fn aws_owned(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    OWNED_HOSTS.contains(&host)
        || OWNED_SUFFIXES
            .iter()
            .any(|s| host == *s || host.strip_suffix(s).is_some_and(|head| head.ends_with('.')))
}

/// The region a portal's host names, if it has one of the shapes that do.
fn region_in(host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    REGION_SHAPES.iter().find_map(|shape| {
        if shape.len() != labels.len() {
            return None;
        }
        let mut region = None;
        for (want, got) in shape.iter().zip(&labels) {
            match *want {
                _ if got.is_empty() => return None,
                "*" => {}
                "{}" => region = Some(got.to_string()),
                fixed if fixed == *got => {}
                _ => return None,
            }
        }
        region
    })
}

/// The portal URL as the AWS CLI passes it on: scheme, host, a port other than the
/// default, and the path without its trailing `/`; no query, no fragment, no user info.
fn normalize(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = url.path().trim_end_matches('/');
    format!("{}://{host}{port}{path}", url.scheme())
}

/// The `Location` of the start URL's one redirect: HEAD first, GET where HEAD is not
/// allowed, the redirect itself never followed.
async fn redirect(url: url::Url, origin: &str, shown: &str) -> Result<String> {
    let mut answer = ask(&url, "HEAD", origin, shown).await?;
    if matches!(answer.0, 405 | 501) {
        tracing::debug!(status = answer.0, "HEAD not allowed: asking with GET");
        answer = ask(&url, "GET", origin, shown).await?;
    }
    match answer {
        (301 | 302 | 303 | 307 | 308, Some(location)) => Ok(location),
        (status @ (301 | 302 | 303 | 307 | 308), None) => Err(anyhow!(
            "{shown} answered a redirect (HTTP {status}) without a Location: set {origin} to the portal's start URL"
        )),
        (status @ 200..=299, _) => Err(anyhow!(
            "{shown} is not an AWS-owned portal and does not redirect to one (it answered HTTP {status}): set {origin} to the portal's start URL (e.g. https://my-org.awsapps.com/start)"
        )),
        (status, _) => Err(anyhow!(
            "{shown} answered HTTP {status} instead of redirecting to the IAM Identity Center portal: check {origin}"
        )),
    }
}

/// One request through aws-login's HTTP client (its proxies and trusted CAs): the status,
/// and the `Location` header if there is one.
async fn ask(
    url: &url::Url,
    method: &str,
    origin: &str,
    shown: &str,
) -> Result<(u16, Option<String>)> {
    let settings = HttpConnectorSettings::builder()
        .connect_timeout(Duration::from_secs(5))
        .read_timeout(TIMEOUT)
        .build();
    let connector = crate::net::connector(&settings)?;
    let request = http::Request::builder()
        .method(method)
        .uri(url.as_str())
        .body(SdkBody::empty())
        .map_err(|_| anyhow!("{shown} cannot be requested: check {origin}"))?;
    let request = HttpRequest::try_from(request)
        .map_err(|_| anyhow!("{shown} cannot be requested: check {origin}"))?;
    let response = tokio::time::timeout(TIMEOUT, connector.call(request))
        .await
        .map_err(|_| {
            anyhow!(
                "{shown} did not answer within {} s (it must redirect to the IAM Identity Center portal): check the network, or set {origin} to the portal's start URL",
                TIMEOUT.as_secs()
            )
        })?
        .map_err(|e| {
            let why = crate::net::explain(&e).unwrap_or_else(|| match e.is_timeout() {
                true => "the connection timed out".to_string(),
                false => "the connection failed".to_string(),
            });
            anyhow!("cannot reach {shown} to find its portal: {why}")
        })?;
    let location = response
        .headers()
        .get("location")
        .map(str::to_string)
        .filter(|l| !l.is_empty());
    Ok((response.status().as_u16(), location))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_owns_the_portal_hosts_of_every_partition_and_nothing_beside_them() {
        for owned in [
            "d-1234567890.awsapps.com",
            "D-1234567890.AWSAPPS.COM.",
            "ssoins-1.portal.eu-west-2.app.aws",
            "d-1.us-gov-west-1.portal.amazonaws.com",
            "d-1.cn-north-1.portal.amazonaws.com.cn",
            "x.awsapps.cn",
            "identitycenter.amazonaws.com",
            "awsapps.com",
        ] {
            assert!(aws_owned(owned), "{owned}");
        }
        for foreign in [
            "login.example.com",
            "evilawsapps.com",
            "awsapps.com.evil.test",
            "amazonaws.com",
            "sts.amazonaws.com",
            "identitycenter.amazonaws.com.evil.test",
            "127.0.0.1",
            "",
        ] {
            assert!(!aws_owned(foreign), "{foreign}");
        }
    }

    #[test]
    fn the_region_is_read_from_the_hosts_that_name_one() {
        for (host, region) in [
            ("ssoins-1.portal.eu-west-2.app.aws", Some("eu-west-2")),
            ("SSOINS-1.PORTAL.EU-WEST-2.APP.AWS", Some("eu-west-2")),
            (
                "d-1.us-gov-west-1.portal.amazonaws.com",
                Some("us-gov-west-1"),
            ),
            ("d-1.cn-north-1.portal.amazonaws.com.cn", Some("cn-north-1")),
            (
                "x.portal.cn-northwest-1.app.amazonwebservices.com.cn",
                Some("cn-northwest-1"),
            ),
            (
                "x.eusc-de-east-1.portal.amazonaws.eu",
                Some("eusc-de-east-1"),
            ),
            (
                "x.portal.eusc-de-east-1.api.amazonwebservices.eu",
                Some("eusc-de-east-1"),
            ),
            ("d-1234567890.awsapps.com", None),
            ("a.b.portal.eu-west-2.app.aws", None),
            (".portal.eu-west-2.app.aws", None),
            ("identitycenter.amazonaws.com", None),
        ] {
            assert_eq!(region_in(host).as_deref(), region, "{host}");
        }
    }

    #[test]
    fn the_portal_url_keeps_scheme_host_port_and_path_only() {
        let n = |u: &str| normalize(&url::Url::parse(u).unwrap());
        assert_eq!(
            n("https://D-1.AwsApps.com/start/?x=1#/"),
            "https://d-1.awsapps.com/start"
        );
        assert_eq!(
            n("https://u:p@d-1.awsapps.com:443/start"),
            "https://d-1.awsapps.com/start"
        );
        assert_eq!(
            n("https://d-1.awsapps.com:8443/"),
            "https://d-1.awsapps.com:8443"
        );
    }
}
