//! A TLS listener beside the plain one, serving the same emulator with a certificate from a
//! test CA generated for this run (rcgen): for tests of private CAs and TLS through proxies.
//! Beside it, a CONNECT proxy that tunnels to that TLS service whatever host is asked for,
//! so a client reaches names such as `login.example.test` through `HTTPS_PROXY` alone.

use crate::http::{read_request, write_response};
use crate::server::{Handler, Reply};
use anyhow::Context;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Host names the certificate is valid for.
const NAMES: [&str; 4] = ["localhost", "127.0.0.1", "example.test", "*.example.test"];

/// The TLS listener: its port and the PEM of the CA that signed its certificate (valid
/// for `localhost`, `127.0.0.1` and `*.example.test`), and the port of its CONNECT proxy.
/// Dropping it stops accepting.
pub struct TlsListener {
    pub port: u16,
    pub ca_pem: String,
    pub proxy_port: u16,
    stopping: Arc<AtomicBool>,
}

impl TlsListener {
    pub(crate) fn start(handler: Handler) -> anyhow::Result<TlsListener> {
        let (ca_pem, config) = certificates()?;
        let listener = TcpListener::bind(("127.0.0.1", 0)).context("binding the TLS listener")?;
        let port = listener.local_addr()?.port();
        let stopping = Arc::new(AtomicBool::new(false));
        let proxy = TcpListener::bind(("127.0.0.1", 0)).context("binding the CONNECT proxy")?;
        let proxy_port = proxy.local_addr()?.port();
        for (listener, tunnel) in [(listener, false), (proxy, true)] {
            let (stop, config, handler) = (stopping.clone(), config.clone(), handler.clone());
            std::thread::Builder::new()
                .name("fake-aws-tls-accept".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let (config, handler) = (config.clone(), handler.clone());
                        let _ = std::thread::Builder::new()
                            .name("fake-aws-tls-conn".into())
                            .spawn(move || {
                                if !tunnel || connect(&stream).is_ok() {
                                    serve(stream, config, &handler)
                                }
                            });
                    }
                })?;
        }
        Ok(TlsListener {
            port,
            ca_pem,
            proxy_port,
            stopping,
        })
    }

    /// `http://127.0.0.1:PORT` of the CONNECT proxy, for `HTTPS_PROXY`.
    pub fn proxy_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.proxy_port)
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let _ = TcpStream::connect(("127.0.0.1", self.proxy_port));
    }
}

/// Read a `CONNECT` request's head (byte by byte: the TLS handshake follows it on the same
/// stream) and accept it; anything else is refused.
fn connect(mut stream: &TcpStream) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 8192 || stream.read(&mut byte)? == 0 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
        head.push(byte[0]);
    }
    if !head.starts_with(b"CONNECT ") {
        stream.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")?;
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
}

/// A CA, and a server configuration whose leaf certificate that CA signed.
fn certificates() -> anyhow::Result<(String, Arc<rustls::ServerConfig>)> {
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "fake-aws test CA");
    ca.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate()?;
    let mut leaf = CertificateParams::new(NAMES.map(String::from).to_vec())?;
    leaf.distinguished_name
        .push(DnType::CommonName, "localhost");
    let leaf_cert = leaf.signed_by(&leaf_key, &issuer)?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![leaf_cert.der().clone()], key)?;
    Ok((ca_cert.pem(), Arc::new(config)))
}

/// One connection: the handshake, then requests as the plain server serves them.
fn serve(stream: TcpStream, config: Arc<rustls::ServerConfig>, handler: &Handler) {
    let _ = stream.set_nodelay(true);
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = BufReader::new(rustls::StreamOwned::new(conn, stream));
    loop {
        // No `Expect: 100-continue` answer is needed: clients here send small bodies.
        let req = match read_request(&mut tls, &mut std::io::sink()) {
            Ok(Some(req)) => req,
            Ok(None) | Err(_) => return,
        };
        match handler(&req) {
            Reply::Respond(resp) => {
                if write_response(tls.get_mut(), &resp, req.keep_alive).is_err() || !req.keep_alive
                {
                    break;
                }
            }
            Reply::Drop => break,
        }
    }
    let inner = tls.into_inner();
    let _ = inner.sock.shutdown(Shutdown::Both);
}
