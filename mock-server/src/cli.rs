//! Command line of the `mock-server` binary.

use crate::seed::{MAX_DEVICES, MIN_DEVICES};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Mock of the Ivanti EPMM (MobileIron Core) APIs with seeded data; also serves the built portal.
#[derive(Debug, Clone, Parser)]
#[command(group = clap::ArgGroup::new("https").args(["tls_addr", "mtls_addr"]).multiple(true))]
#[command(
    name = "mock-server",
    version,
    about,
    after_help = "Fault injection (for /api requests): --latency-ms, --fail-rate and --malformed set it at \
start. With --test-hooks, these test-only routes are served (never under /api, no auth):\n  \
POST /_mock/reset                    regenerate the world as at start, restore the start faults\n  \
GET|POST /_mock/faults               read or set faults: {\"latencyMs\":N,\"failRate\":0.0-1.0,\n                                       \
\"malformed\":bool,\"status\":null|401|403|404|429|500|502|503,\"retryAfter\":N,\n                                       \
\"htmlError\":bool,\"drop\":bool,\"cutOff\":bool,\"paths\":\"substring of the path, or empty\"}\n  \
POST /_mock/devices/{uuid}/verify    complete a pending registration (status ACTIVE)\n  \
GET  /_mock/devices/{uuid}/log       the device's action log\n  \
plus the V2 hooks (/_mock/v2/reset, /_mock/v2/faults, /_mock/pkcs12)."
)]
pub struct Cli {
    /// Address to listen on (port 0 picks a free port; the real address is printed).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Number of seeded devices (10..=100000).
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = parse_devices)]
    pub devices: usize,

    /// Seed of the generated data: the same seed gives the same data.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Directory of the built portal (Trunk's `dist`).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,

    /// Delay every /api answer by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,

    /// Answer this share (0.0-1.0) of /api requests with 500 and the messages envelope.
    #[arg(long, value_name = "RATE", default_value_t = 0.0, value_parser = parse_rate)]
    pub fail_rate: f64,

    /// Answer /api requests with malformed (truncated) JSON.
    #[arg(long)]
    pub malformed: bool,

    /// Serve the test-only routes under /_mock (see below).
    #[arg(long)]
    pub test_hooks: bool,

    /// Requests a minute each user may make to /api before getting 429 with Retry-After (0: no
    /// limit).
    #[arg(long, value_name = "N", default_value_t = crate::security::DEFAULT_PER_MINUTE)]
    pub rate_limit: u32,

    /// Also serve everything over HTTPS on this address (with --tls-cert and --tls-key).
    #[arg(long, value_name = "ADDR", requires_all = ["tls_cert", "tls_key"])]
    pub tls_addr: Option<SocketAddr>,

    /// Also serve everything over HTTPS on this address, to clients presenting a certificate
    /// issued by a CA of --client-ca only (as CZERTAINLY Core requires of the proxy).
    #[arg(long, value_name = "ADDR", requires_all = ["tls_cert", "tls_key", "client_ca"])]
    pub mtls_addr: Option<SocketAddr>,

    /// PEM file: the certificate chain of the HTTPS listeners, leaf first.
    #[arg(long, value_name = "PEM", requires = "https")]
    pub tls_cert: Option<PathBuf>,

    /// PEM file: the private key of --tls-cert.
    #[arg(long, value_name = "PEM", requires = "https")]
    pub tls_key: Option<PathBuf>,

    /// PEM file: the CA certificates whose client certificates --mtls-addr accepts.
    #[arg(long, value_name = "PEM", requires = "mtls_addr")]
    pub client_ca: Option<PathBuf>,
}

impl Cli {
    /// The faults the flags ask for.
    pub fn faults(&self) -> crate::faults::Faults {
        crate::faults::Faults {
            latency_ms: self.latency_ms,
            fail_rate: self.fail_rate,
            malformed: self.malformed,
            ..Default::default()
        }
    }

    /// The HTTPS listeners asked for (`--tls-addr`, then `--mtls-addr`).
    pub fn https_listeners(&self) -> Vec<HttpsListener> {
        let plain = self.tls_addr.map(|addr| HttpsListener {
            addr,
            client_ca: None,
        });
        let mutual = self.mtls_addr.map(|addr| HttpsListener {
            addr,
            client_ca: self.client_ca.clone(),
        });
        plain.into_iter().chain(mutual).collect()
    }
}

/// One HTTPS listener the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpsListener {
    pub addr: SocketAddr,
    /// Client certificates required, issued by a CA in this file.
    pub client_ca: Option<PathBuf>,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let r: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!(
            "{r} is out of range: the fail rate must be between 0.0 and 1.0"
        ))
    }
}

fn parse_devices(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number"))?;
    if (MIN_DEVICES..=MAX_DEVICES).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} is out of range: the device count must be between {MIN_DEVICES} and {MAX_DEVICES}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_limits() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
        assert_eq!((c.devices, c.seed), (2000, 1));
        assert_eq!(c.dist, PathBuf::from("dist"));
        let c = Cli::try_parse_from(["mock-server", "--devices", "100000", "--seed", "9"]).unwrap();
        assert_eq!((c.devices, c.seed), (100_000, 9));
        for bad in ["9", "100001", "abc", "-5"] {
            let e = Cli::try_parse_from(["mock-server", "--devices", bad]).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn fault_flags() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        assert!(c.faults().is_off() && !c.test_hooks);
        let c = Cli::try_parse_from([
            "mock-server",
            "--latency-ms",
            "250",
            "--fail-rate",
            "0.1",
            "--malformed",
            "--test-hooks",
        ])
        .unwrap();
        let f = c.faults();
        assert_eq!((f.latency_ms, f.fail_rate, f.malformed), (250, 0.1, true));
        assert!(c.test_hooks);
        assert!(Cli::try_parse_from(["mock-server", "--fail-rate", "1.5"]).is_err());
        let help = Cli::try_parse_from(["mock-server", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("/_mock/faults") && help.contains("--test-hooks"));
    }

    #[test]
    fn https_listeners_need_their_files() {
        const TLS: [&str; 2] = ["--tls-addr", "127.0.0.1:8443"];
        const MTLS: [&str; 2] = ["--mtls-addr", "127.0.0.1:8444"];
        const FILES: [&str; 4] = ["--tls-cert", "s.pem", "--tls-key", "s.key"];
        const CA: [&str; 2] = ["--client-ca", "ca.pem"];
        let parse = |parts: &[&[&str]]| {
            Cli::try_parse_from([&["mock-server"][..], &parts.concat()].concat())
        };

        assert!(parse(&[]).unwrap().https_listeners().is_empty());
        let both = parse(&[&TLS, &MTLS, &FILES, &CA]).unwrap();
        assert_eq!(
            both.https_listeners(),
            vec![
                HttpsListener {
                    addr: "127.0.0.1:8443".parse().unwrap(),
                    client_ca: None
                },
                HttpsListener {
                    addr: "127.0.0.1:8444".parse().unwrap(),
                    client_ca: Some(PathBuf::from("ca.pem"))
                },
            ]
        );
        assert_eq!(parse(&[&TLS, &FILES]).unwrap().https_listeners().len(), 1);
        for bad in [
            // No certificate or key, or only one of them.
            &[&TLS[..]][..],
            &[&TLS, &FILES[..2]],
            // Client certificates without a CA to check them against.
            &[&MTLS, &FILES],
            // Files without a listener to use them, a CA without the listener that uses it.
            &[&FILES],
            &[&TLS, &FILES, &CA],
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad:?}");
        }
    }
}
