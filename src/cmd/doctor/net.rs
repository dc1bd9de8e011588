//! The proxy and CA settings in force, as aws-login's HTTP client (crate::net) reads them.
//! A proxy is shown as `scheme://host:port`: never its credentials.

use aws_config::profile::ProfileSet;

use super::Check;
use crate::env::Env;
use crate::net::proxy::Proxies;
use crate::net::tls::Roots;

pub fn checks(env: &Env, set: Option<&ProfileSet>, out: &mut Vec<Check>) {
    out.push(proxy(env));
    out.push(trust(env, set));
}

fn proxy(env: &Env) -> Check {
    const CHECK: &str = "proxy";
    let proxies = match Proxies::from_env(env) {
        Ok(p) => p,
        Err(e) => {
            return Check::fail(
                CHECK,
                format!("{e:#}"),
                "fix the variable named, or unset it",
            );
        }
    };
    let mut parts = Vec::new();
    for p in [&proxies.https, &proxies.http].into_iter().flatten() {
        let auth = if p.auth.is_some() {
            " (with credentials)"
        } else {
            ""
        };
        parts.push(format!("{} = {}{auth}", p.var, p.url));
    }
    for var in ["no_proxy", "NO_PROXY"] {
        if let Some(v) = env.get(var) {
            parts.push(format!("{var} = {v}"));
            break;
        }
    }
    if parts.is_empty() {
        Check::ok(CHECK, "none: every connection is direct")
    } else {
        Check::ok(CHECK, parts.join("; "))
    }
}

fn trust(env: &Env, set: Option<&ProfileSet>) -> Check {
    const CHECK: &str = "CA certificates";
    let profile = env.get("AWS_PROFILE").unwrap_or("default");
    let bundle = set
        .and_then(|s| s.get_profile(profile))
        .and_then(|p| p.get("ca_bundle"))
        .map(|path| (profile, path));
    let roots = Roots::choose(env, bundle);
    let from = match &roots {
        Roots::Bundle { path, named } => format!("{} ({named})", path.display()),
        Roots::OpenSsl { .. } => "SSL_CERT_FILE / SSL_CERT_DIR".to_string(),
        Roots::System => "the system trust store".to_string(),
    };
    match roots.load() {
        Ok(certs) => Check::ok(CHECK, format!("{} from {from}", certs.len())),
        Err(e) => Check::fail(
            CHECK,
            e.0,
            "point AWS_CA_BUNDLE (or the profile's ca_bundle) at a readable PEM bundle, or unset it",
        ),
    }
}
