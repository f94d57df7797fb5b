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
plus the V2 hooks (/_mock/v2/reset, /_mock/v2/faults, /_mock/pkcs12) and the UEM hooks:\n  \
POST /_mock/uem/complete             complete pending certificate renew/delete operations now\n  \
POST /_mock/uem/license              {\"protect\":bool}: the BlackBerry Protect licence\n  \
POST /_mock/uem/sessions/expire      make every UEM token stale\n  \
POST /_mock/uem/timing               {\"completionDelayMs\":N,\"idleTimeoutMs\":N}\n\n\
BlackBerry UEM REST API (the UEM REST API overview) under /{TENANT}/api/v1 (--tenant):\n  \
util/ping, util/authorization (LOCAL, base64 password; answers the token to send as\n  \
Authorization), entityDefs, entities/{entityDefId} (+/template), groups, profiles?query=name=...,\n  \
profiles/{guid}/groups, users/{guid}/profiles, users/{guid}/embeddedCertificates (+/{guid},\n  \
+/{guid}/certificateEnrollments), embeddedCertificates/{guid}, pki/certificates/{guid},\n  \
pki/bundles/{guid}, and the PKCS#12 uploads (PUT users/{guid}/profiles/{guid}/embeddedCertificates,\n  \
POST users/{guid}/embeddedCertificates). Beyond the document (as real UEM clients call them):\n  \
users?query=username=... (with the user's role and self-service permissions),\n  \
users/{guid}/userDevices, entityDefs/{id}, GET entities/{id}, entities/{id}/{instanceId}\n  \
(GET, PUT, DELETE), profiles/{guid} (GET, DELETE), GET profiles/{guid}/groups.\n  \
Fault injection and the rate limit apply to these paths as to /api."
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

    /// The BlackBerry UEM tenant: the first segment of its paths (/{TENANT}/api/v1).
    #[arg(long, value_name = "TENANT", default_value = wire::uem::DEFAULT_TENANT, value_parser = parse_tenant)]
    pub tenant: String,

    /// Requests a minute each user may make to /api and the UEM API before getting 429 with
    /// Retry-After (0: no limit).
    #[arg(long, value_name = "N", default_value_t = crate::security::DEFAULT_PER_MINUTE)]
    pub rate_limit: u32,
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

/// A tenant is one path segment: letters, digits, `-` and `_` (SRP ids such as `SRP00000`).
fn parse_tenant(s: &str) -> Result<String, String> {
    let t = s.trim();
    let ok = !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && !matches!(t, "api" | "_mock" | "healthz");
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!(
            "`{s}` is not a tenant: use 1-64 letters, digits, `-` or `_` (e.g. SRP00000)"
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
    fn tenant_flag_and_uem_help() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        assert_eq!(c.tenant, "SRP00000");
        let c = Cli::try_parse_from(["mock-server", "--tenant", "SRP12345"]).unwrap();
        assert_eq!(c.tenant, "SRP12345");
        for bad in ["", "a/b", "api", "x y"] {
            assert!(
                Cli::try_parse_from(["mock-server", "--tenant", bad]).is_err(),
                "{bad}"
            );
        }
        let help = Cli::try_parse_from(["mock-server", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("--tenant") && help.contains("/{TENANT}/api/v1"));
        assert!(help.contains("Beyond the document") && help.contains("users/{guid}/userDevices"));
        assert!(help.contains("/_mock/uem/complete"));
    }
}
