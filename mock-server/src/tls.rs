//! Optional HTTPS listeners, so the proxy in front of the portal (`deploy/nginx`) can be tested as
//! shipped: nginx verifies the MDM server's certificate (`proxy_ssl_verify on`), and on the hop to
//! CZERTAINLY Core it presents a client certificate. Two kinds of listener serve the same
//! application as the plain one:
//! - `--tls-addr`: a server certificate only;
//! - `--mtls-addr`: also requires a client certificate issued by a CA of `--client-ca`; a client
//!   without one never gets an answer. Like CZERTAINLY's own ingress, it forwards the certificate
//!   the client presented to the application in the `ssl-client-cert` header (URL-encoded PEM),
//!   replacing any such header the client sent: the CZERTAINLY API behind it sees the
//!   certificate the handshake verified, and nothing else.
//!
//! Certificates and keys are PEM files (the test run makes them with openssl). rustls with the
//! `ring` provider (already used for rcgen), TLS 1.2 and 1.3, ALPN h2 and http/1.1.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use axum_server::tls::TlsInfo;
use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;
use mock_server::czertainly::{forwarded_certificate, CLIENT_CERT_HEADER};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use std::io;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// The PEM files of the HTTPS listeners.
#[derive(Debug, Clone, Copy)]
pub struct TlsFiles<'a> {
    /// Certificate chain, leaf first.
    pub cert: &'a Path,
    /// The leaf's private key (PKCS#8, PKCS#1 or SEC1).
    pub key: &'a Path,
}

/// rustls's `ring` provider: `ring` is already built for rcgen, while rustls's default,
/// aws-lc-rs, would add a large C build. rustls 0.23.48 deprecates it for lacking post-quantum
/// key exchange, which a test mock on loopback does not need.
#[allow(deprecated)]
fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!("{}: no CERTIFICATE in the file", path.display()));
    }
    Ok(certs)
}

/// The rustls configuration of one listener: `client_ca` set means client certificates are
/// required and must chain to one of its certificates. Errors name the file at fault.
pub fn server_config(
    files: TlsFiles<'_>,
    client_ca: Option<&Path>,
) -> Result<Arc<ServerConfig>, String> {
    let chain = read_certs(files.cert)?;
    let key = PrivateKeyDer::from_pem_file(files.key)
        .map_err(|e| format!("{}: no usable private key: {e}", files.key.display()))?;
    let builder = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let builder = match client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for cert in read_certs(ca)? {
                roots
                    .add(cert)
                    .map_err(|e| format!("{}: {e}", ca.display()))?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(roots.into(), provider())
                .build()
                .map_err(|e| format!("{}: {e}", ca.display()))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let mut config = builder
        .with_single_cert(chain, key)
        .map_err(|e| format!("{} and {}: {e}", files.cert.display(), files.key.display()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// An HTTPS listener, bound (so a busy port is an error at start, and port 0 gives its real
/// address) but not yet serving.
#[derive(Debug)]
pub struct Listener {
    listener: std::net::TcpListener,
    config: Arc<ServerConfig>,
    forward_client_certificate: bool,
}

impl Listener {
    pub fn bind(addr: SocketAddr, config: Arc<ServerConfig>) -> io::Result<Listener> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        Ok(Listener {
            listener,
            config,
            forward_client_certificate: false,
        })
    }

    /// Puts the client's certificate in the `ssl-client-cert` header of every request (the
    /// listener that requires client certificates).
    pub fn forwarding_client_certificate(mut self) -> Listener {
        self.forward_client_certificate = true;
        self
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves `app` until `handle` shuts it down.
    pub async fn serve(self, app: Router, handle: Handle<SocketAddr>) -> io::Result<()> {
        let app = if self.forward_client_certificate {
            app.layer(axum::middleware::from_fn(forward_client_certificate))
        } else {
            app
        };
        axum_server::tls_rustls::from_tcp_rustls(
            self.listener,
            RustlsConfig::from_config(self.config),
        )?
        .handle(handle)
        .serve(app.into_make_service())
        .await
    }
}

/// The client certificate of the connection (the leaf the handshake verified) in
/// [`CLIENT_CERT_HEADER`]; a value the client sent there is dropped.
async fn forward_client_certificate(mut req: Request, next: Next) -> Response {
    req.headers_mut().remove(CLIENT_CERT_HEADER);
    let leaf = req
        .extensions()
        .get::<Arc<TlsInfo>>()
        .and_then(|i| i.peer_certificates.first())
        .map(|der| forwarded_certificate(der));
    if let Some(v) = leaf.and_then(|v| HeaderValue::from_str(&v).ok()) {
        req.headers_mut().insert(CLIENT_CERT_HEADER, v);
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa,
        KeyPair,
    };
    use rustls::pki_types::ServerName;
    use std::io::{Read, Write};
    use std::path::PathBuf;

    /// A CA and, signed by it, a server certificate for localhost/127.0.0.1 and a client one.
    struct Pki {
        dir: tempfile::TempDir,
    }

    fn new_ca(name: &str) -> CertifiedIssuer<'static, KeyPair> {
        let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name
            .push(rcgen::DnType::CommonName, format!("{name} test CA"));
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        CertifiedIssuer::self_signed(p, KeyPair::generate().unwrap()).unwrap()
    }

    fn leaf(
        issuer: &CertifiedIssuer<'static, KeyPair>,
        names: &[&str],
        usage: ExtendedKeyUsagePurpose,
    ) -> (String, String) {
        let mut p = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap();
        p.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    }

    impl Pki {
        fn new() -> Pki {
            let dir = tempfile::tempdir().unwrap();
            let ca = new_ca("mdm-portal");
            let other = new_ca("other");
            let (server, server_key) = leaf(
                &ca,
                &["localhost", "127.0.0.1"],
                ExtendedKeyUsagePurpose::ServerAuth,
            );
            let (client, client_key) =
                leaf(&ca, &["nginx.test"], ExtendedKeyUsagePurpose::ClientAuth);
            let (stranger, stranger_key) =
                leaf(&other, &["nginx.test"], ExtendedKeyUsagePurpose::ClientAuth);
            for (name, text) in [
                ("ca.pem", ca.pem()),
                ("server.pem", server),
                ("server.key", server_key),
                ("client.pem", client),
                ("client.key", client_key),
                ("stranger.pem", stranger),
                ("stranger.key", stranger_key),
            ] {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            Pki { dir }
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        fn server(&self, client_ca: bool) -> Arc<ServerConfig> {
            let (cert, key) = (self.path("server.pem"), self.path("server.key"));
            let ca = self.path("ca.pem");
            server_config(
                TlsFiles {
                    cert: &cert,
                    key: &key,
                },
                client_ca.then_some(ca.as_path()),
            )
            .unwrap()
        }

        /// A client trusting the test CA, presenting `identity` (certificate, key) if given.
        fn client(&self, identity: Option<(&str, &str)>) -> rustls::ClientConfig {
            let mut roots = RootCertStore::empty();
            for c in read_certs(&self.path("ca.pem")).unwrap() {
                roots.add(c).unwrap();
            }
            let b = rustls::ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(roots);
            match identity {
                None => b.with_no_client_auth(),
                Some((cert, key)) => b
                    .with_client_auth_cert(
                        read_certs(&self.path(cert)).unwrap(),
                        PrivateKeyDer::from_pem_file(self.path(key)).unwrap(),
                    )
                    .unwrap(),
            }
        }
    }

    /// Serves a one-route app over TLS; returns its address and the handle that stops it.
    async fn start(config: Arc<ServerConfig>) -> (SocketAddr, Handle<SocketAddr>) {
        serve(Listener::bind("127.0.0.1:0".parse().unwrap(), config).unwrap()).await
    }

    /// Serves `/healthz` and `/cert` (the subject of the certificate in `ssl-client-cert`, or
    /// what is wrong with the header) on a bound listener.
    async fn serve(listener: Listener) -> (SocketAddr, Handle<SocketAddr>) {
        let addr = listener.local_addr().unwrap();
        let handle = Handle::new();
        let app = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route(
                "/cert",
                get(|headers: axum::http::HeaderMap| async move {
                    match headers.get(CLIENT_CERT_HEADER).map(|v| v.to_str()) {
                        None => "none".to_string(),
                        Some(Ok(v)) => mock_server::czertainly::client_certificate_subject(v)
                            .unwrap_or_else(|e| format!("unreadable: {e}")),
                        Some(Err(_)) => "not text".to_string(),
                    }
                }),
            );
        tokio::spawn(listener.serve(app, handle.clone()));
        (addr, handle)
    }

    /// `GET /healthz` over TLS as `name`: the whole answer, or the error that ended the exchange.
    async fn get_healthz(
        addr: SocketAddr,
        client: rustls::ClientConfig,
        name: &'static str,
    ) -> Result<String, String> {
        request(addr, client, name, "/healthz", String::new()).await
    }

    /// `GET path` over TLS as `name` with extra header lines.
    async fn request(
        addr: SocketAddr,
        client: rustls::ClientConfig,
        name: &'static str,
        path: &'static str,
        headers: String,
    ) -> Result<String, String> {
        tokio::task::spawn_blocking(move || {
            let conn = rustls::ClientConnection::new(
                Arc::new(client),
                ServerName::try_from(name).unwrap(),
            )
            .map_err(|e| e.to_string())?;
            let tcp = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
            let mut tls = rustls::StreamOwned::new(conn, tcp);
            let request = format!(
                "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
            );
            tls.write_all(request.as_bytes())
                .map_err(|e| e.to_string())?;
            let mut answer = String::new();
            tls.read_to_string(&mut answer).map_err(|e| e.to_string())?;
            Ok(answer)
        })
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn serves_https_with_the_given_certificate() {
        let pki = Pki::new();
        let (addr, handle) = start(pki.server(false)).await;
        let answer = get_healthz(addr, pki.client(None), "localhost")
            .await
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with("ok"), "{answer}");
        // The certificate names 127.0.0.1 too (nginx may be pointed at the address).
        let answer = get_healthz(addr, pki.client(None), "127.0.0.1")
            .await
            .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        // A name the certificate does not carry fails verification.
        let err = get_healthz(addr, pki.client(None), "epmm.example.com")
            .await
            .unwrap_err();
        assert!(err.contains("certificate"), "{err}");
        handle.shutdown();
    }

    #[tokio::test]
    async fn with_a_client_ca_only_clients_with_its_certificates_get_an_answer() {
        let pki = Pki::new();
        let (addr, handle) = start(pki.server(true)).await;
        let answer = get_healthz(
            addr,
            pki.client(Some(("client.pem", "client.key"))),
            "localhost",
        )
        .await
        .unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        // No client certificate: the server ends the handshake (TLS 1.3 reports it on read).
        let err = get_healthz(addr, pki.client(None), "localhost")
            .await
            .unwrap_err();
        assert!(err.to_lowercase().contains("certificate"), "{err}");
        // A certificate from another CA: refused too.
        let err = get_healthz(
            addr,
            pki.client(Some(("stranger.pem", "stranger.key"))),
            "localhost",
        )
        .await
        .unwrap_err();
        assert!(
            err.to_lowercase().contains("certificate") || err.contains("alert"),
            "{err}"
        );
        handle.shutdown();
    }

    #[tokio::test]
    async fn the_client_certificate_is_forwarded_as_czertainlys_ingress_does() {
        let pki = Pki::new();
        let listener = Listener::bind("127.0.0.1:0".parse().unwrap(), pki.server(true))
            .unwrap()
            .forwarding_client_certificate();
        let (addr, handle) = serve(listener).await;
        let client = || pki.client(Some(("client.pem", "client.key")));
        let answer = request(addr, client(), "localhost", "/cert", String::new())
            .await
            .unwrap();
        // rcgen's default subject: the certificate the handshake verified reached the app.
        assert!(answer.ends_with("CN=rcgen self signed cert"), "{answer}");
        // A header the client sends itself is replaced, never believed.
        let forged = format!(
            "{CLIENT_CERT_HEADER}: {}\r\n",
            forwarded_certificate(b"not a certificate")
        );
        let answer = request(addr, client(), "localhost", "/cert", forged)
            .await
            .unwrap();
        assert!(answer.ends_with("CN=rcgen self signed cert"), "{answer}");
        handle.shutdown();
        // A listener that does not forward leaves requests as they are.
        let (addr, handle) = start(pki.server(true)).await;
        let answer = request(addr, client(), "localhost", "/cert", String::new())
            .await
            .unwrap();
        assert!(answer.ends_with("none"), "{answer}");
        handle.shutdown();
    }

    #[test]
    fn file_errors_name_the_file() {
        let pki = Pki::new();
        // server_config with the files of the test PKI by name: its error.
        let err = |cert: &str, key: &str, client_ca: Option<&str>| {
            let (cert, key) = (pki.path(cert), pki.path(key));
            let ca = client_ca.map(|c| pki.path(c));
            server_config(
                TlsFiles {
                    cert: &cert,
                    key: &key,
                },
                ca.as_deref(),
            )
            .unwrap_err()
        };
        let e = err("missing.pem", "server.key", None);
        assert!(e.contains("missing.pem"), "{e}");
        // A key file given as the certificate: no CERTIFICATE in it.
        let e = err("server.key", "server.key", None);
        assert!(
            e.contains("server.key") && e.contains("no CERTIFICATE"),
            "{e}"
        );
        // A certificate given as the key.
        let e = err("server.pem", "server.pem", None);
        assert!(e.contains("no usable private key"), "{e}");
        // A client CA file without certificates.
        let e = err("server.pem", "server.key", Some("server.key"));
        assert!(
            e.contains("server.key") && e.contains("no CERTIFICATE"),
            "{e}"
        );
        // The client's key does not belong to the server certificate.
        let e = err("server.pem", "client.key", None);
        assert!(e.contains("server.pem") && e.contains("client.key"), "{e}");
    }
}
