//! Which certificates the TLS connections trust, loaded at the first handshake and never
//! before: a run whose connections are all plain http reads no certificate file.
//!
//! Precedence, as the AWS CLI (botocore) applies it: `AWS_CA_BUNDLE`, then the profile's
//! `ca_bundle`. A bundle REPLACES the default roots, as botocore's `verify=<bundle>` does.
//! Without one, `SSL_CERT_FILE` / `SSL_CERT_DIR` (OpenSSL's names, which replace the system
//! store there too), else the system store; only where the system has none, the compiled-in
//! Mozilla set.

use std::path::{Path, PathBuf};

use rustls::RootCertStore;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use crate::env::Env;
use crate::fsutil;

/// Where the trusted roots come from: decided from names alone (no file is read here).
#[derive(Debug, Clone, PartialEq)]
pub enum Roots {
    /// A PEM bundle, and how the user named it (`AWS_CA_BUNDLE`, `ca_bundle in profile 'x'`).
    Bundle {
        path: PathBuf,
        named: String,
    },
    /// `SSL_CERT_FILE` and/or `SSL_CERT_DIR`.
    OpenSsl {
        file: Option<PathBuf>,
        dirs: Vec<PathBuf>,
    },
    System,
}

impl Roots {
    /// `profile_bundle` is the active profile's name and its `ca_bundle`, if it has one.
    pub fn choose(env: &Env, profile_bundle: Option<(&str, &str)>) -> Roots {
        if let Some(path) = env.get("AWS_CA_BUNDLE") {
            return Roots::Bundle {
                path: path.into(),
                named: "AWS_CA_BUNDLE".into(),
            };
        }
        if let Some((profile, path)) = profile_bundle.filter(|(_, p)| !p.is_empty()) {
            return Roots::Bundle {
                path: path.into(),
                named: format!("ca_bundle in profile '{}'", crate::inert::echo(profile)),
            };
        }
        let file = env.get("SSL_CERT_FILE").map(PathBuf::from);
        let dirs: Vec<PathBuf> = env
            .get("SSL_CERT_DIR")
            .map(|d| {
                d.split(':')
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        if file.is_some() || !dirs.is_empty() {
            return Roots::OpenSsl { file, dirs };
        }
        Roots::System
    }

    /// The trusted certificates, each one checked to be usable as a trust anchor.
    pub fn load(&self) -> Result<Vec<CertificateDer<'static>>, TrustError> {
        match self {
            Roots::Bundle { path, named } => bundle(path, named, true),
            Roots::OpenSsl { file, dirs } => {
                let mut certs = match file {
                    Some(f) => bundle(f, "SSL_CERT_FILE", dirs.is_empty())?,
                    None => Vec::new(),
                };
                for dir in dirs {
                    certs.extend(directory(dir)?);
                }
                if certs.is_empty() {
                    return Err(TrustError(
                        "SSL_CERT_FILE / SSL_CERT_DIR hold no PEM certificate: point them at a CA bundle, or unset them".into(),
                    ));
                }
                Ok(certs)
            }
            Roots::System => {
                let found = rustls_native_certs::load_native_certs();
                let certs = anchors(found.certs);
                if certs.is_empty() {
                    tracing::debug!("no system trust store: using the compiled-in Mozilla roots");
                    return Ok(webpki_root_certs::TLS_SERVER_ROOT_CERTS.to_vec());
                }
                Ok(certs)
            }
        }
    }
}

/// A trust store that cannot be used: one line naming the variable (or profile key) to fix.
#[derive(Debug, Clone)]
pub struct TrustError(pub String);

impl std::fmt::Display for TrustError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TrustError {}

/// The certificates of a PEM bundle; one that is missing, unreadable, not PEM or (when
/// `required`) holds no certificate is an error naming `named`.
fn bundle(
    path: &Path,
    named: &str,
    required: bool,
) -> Result<Vec<CertificateDer<'static>>, TrustError> {
    let shown = path.display();
    let text = fsutil::read_bounded(path, fsutil::LARGE_FILE, named)
        .map_err(|e| TrustError(format!("{e}: fix {named}")))?
        .ok_or_else(|| TrustError(format!("{named} {shown} does not exist: fix {named}")))?;
    let certs = CertificateDer::pem_slice_iter(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| {
            TrustError(format!(
                "{named} {shown} is not a PEM certificate bundle: fix {named}"
            ))
        })?;
    if required && certs.is_empty() {
        return Err(TrustError(format!(
            "{named} {shown} holds no PEM certificate: fix {named}"
        )));
    }
    let usable = anchors(certs.clone());
    if usable.len() != certs.len() {
        return Err(TrustError(format!(
            "{named} {shown} holds a certificate that cannot be parsed: fix {named}"
        )));
    }
    Ok(usable)
}

/// Every certificate in the regular files of an OpenSSL certificate directory (a file
/// with none, such as a CRL, is skipped, as OpenSSL does).
fn directory(dir: &Path) -> Result<Vec<CertificateDer<'static>>, TrustError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        TrustError(format!(
            "cannot read SSL_CERT_DIR {}: {}: fix SSL_CERT_DIR",
            dir.display(),
            crate::fsutil::io_reason(&e)
        ))
    })?;
    let mut certs = Vec::new();
    for entry in entries.flatten() {
        // read_bounded refuses what is not a regular file (after symlinks): skipped.
        if let Ok(Some(text)) =
            fsutil::read_bounded(&entry.path(), fsutil::SMALL_FILE, "SSL_CERT_DIR")
        {
            let found = CertificateDer::pem_slice_iter(text.as_bytes()).flatten();
            certs.extend(anchors(found.collect()));
        }
    }
    Ok(certs)
}

/// The certificates rustls accepts as trust anchors (the system store may hold others).
fn anchors(certs: Vec<CertificateDer<'static>>) -> Vec<CertificateDer<'static>> {
    certs
        .into_iter()
        .filter(|c| RootCertStore::empty().add(c.clone()).is_ok())
        .collect()
}

/// The certificates as one PEM text (the form the SDK's trust store takes).
pub fn pem(certs: &[CertificateDer<'_>]) -> Vec<u8> {
    use base64::Engine;
    let mut out = String::new();
    for c in certs {
        let b64 = base64::engine::general_purpose::STANDARD.encode(c.as_ref());
        out.push_str("-----BEGIN CERTIFICATE-----\n");
        for line in b64.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(line).unwrap_or_default());
            out.push('\n');
        }
        out.push_str("-----END CERTIFICATE-----\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_ca_bundle_wins_over_the_profile_and_openssl_names() {
        let env = Env::from_pairs(&[("AWS_CA_BUNDLE", "/a.pem"), ("SSL_CERT_FILE", "/c.pem")]);
        assert_eq!(
            Roots::choose(&env, Some(("p", "/b.pem"))),
            Roots::Bundle {
                path: "/a.pem".into(),
                named: "AWS_CA_BUNDLE".into()
            }
        );
        let env = Env::from_pairs(&[("SSL_CERT_FILE", "/c.pem")]);
        assert!(matches!(
            Roots::choose(&env, Some(("p", "/b.pem"))),
            Roots::Bundle { named, .. } if named == "ca_bundle in profile 'p'"
        ));
        assert!(matches!(
            Roots::choose(&env, None),
            Roots::OpenSsl { file: Some(_), .. }
        ));
        assert_eq!(Roots::choose(&Env::default(), None), Roots::System);
    }

    #[test]
    fn pem_round_trips() {
        let certs = &webpki_root_certs::TLS_SERVER_ROOT_CERTS[..3];
        let text = pem(certs);
        let back: Vec<_> = CertificateDer::pem_slice_iter(&text)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(back, certs);
    }
}
