//! Command line of the `mock-server` binary.

use crate::seed::{MAX_DEVICES, MIN_DEVICES};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Mock of the Ivanti EPMM (MobileIron Core) APIs with seeded data; also serves the built portal.
#[derive(Debug, Clone, Parser)]
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
plus the V2 hooks (/_mock/v2/reset, /_mock/v2/faults, /_mock/pkcs12).\n\n\
CZERTAINLY (SCEP profiles, under /czertainly/api/v1/scepProfiles; fault injection and the rate limit \
apply there too):\n  \
Requests must carry the client certificate the way CZERTAINLY's proxy forwards it: the header\n  \
ssl-client-cert with a certificate in PEM or base64 DER, URL-encoded or not (any certificate that\n  \
parses is accepted). Without it (or with one that does not parse) the answer is 401 {\"message\"}.\n  \
--czertainly-open also accepts requests without the header (demo, direct end2end runs).\n  \
--czertainly-scep-base sets the URL the SCEP URLs of the profiles start with:\n  \
{base}/v1/protocols/scep/{profile name}/pkiclient.exe. With the default, the seeded profiles\n  \
corporate-users and kiosk-devices have the SCEP URLs of the EPMM SCEP app settings.\n  \
POST /_mock/reset also restores the CZERTAINLY world."
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

    /// CZERTAINLY: accept requests without a client certificate in the ssl-client-cert header.
    #[arg(long)]
    pub czertainly_open: bool,

    /// CZERTAINLY: the platform URL (up to its /api context path) the profiles' SCEP URLs start
    /// with.
    #[arg(long, value_name = "URL", default_value = crate::czertainly::DEFAULT_SCEP_BASE, value_parser = parse_base)]
    pub czertainly_scep_base: String,
}

impl Cli {
    /// The CZERTAINLY settings the flags ask for.
    pub fn czertainly(&self) -> crate::czertainly::CzConfig {
        crate::czertainly::CzConfig {
            open: self.czertainly_open,
            scep_base: self.czertainly_scep_base.clone(),
        }
    }

    /// The faults the flags ask for.
    pub fn faults(&self) -> crate::faults::Faults {
        crate::faults::Faults {
            latency_ms: self.latency_ms,
            fail_rate: self.fail_rate,
            malformed: self.malformed,
            ..Default::default()
        }
    }
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

/// An `http(s)://` URL, stored without a trailing `/`.
fn parse_base(s: &str) -> Result<String, String> {
    let t = s.trim().trim_end_matches('/');
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .ok_or_else(|| format!("`{s}` is not an http:// or https:// URL"))?;
    if rest.is_empty() || rest.starts_with('/') || t.chars().any(char::is_whitespace) {
        return Err(format!("`{s}` has no host"));
    }
    Ok(t.to_string())
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
    fn czertainly_flags() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        let cz = c.czertainly();
        assert!(!cz.open);
        assert_eq!(cz.scep_base, crate::czertainly::DEFAULT_SCEP_BASE);
        let c = Cli::try_parse_from([
            "mock-server",
            "--czertainly-open",
            "--czertainly-scep-base",
            "http://127.0.0.1:8080/czertainly/api/",
        ])
        .unwrap();
        let cz = c.czertainly();
        assert!(cz.open);
        assert_eq!(
            cz.scep_url("p1"),
            "http://127.0.0.1:8080/czertainly/api/v1/protocols/scep/p1/pkiclient.exe"
        );
        for bad in ["ca.example.com", "https://", "ftp://x", "https:///api"] {
            assert!(
                Cli::try_parse_from(["mock-server", "--czertainly-scep-base", bad]).is_err(),
                "{bad}"
            );
        }
        let help = Cli::try_parse_from(["mock-server", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("ssl-client-cert") && help.contains("--czertainly-open"));
        assert!(help.contains("/czertainly/api/v1/scepProfiles"));
    }
}
