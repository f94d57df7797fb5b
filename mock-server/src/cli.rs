//! Command line of the `mock-server` binary.

use crate::cps::{Cluster, CpsConfig};
use crate::seed::{MAX_DEVICES, MIN_DEVICES};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The CPS part of `--help` (decisions of `crate::cps`, where the guide is silent or contradicts
/// itself); a macro so that `concat!` can take it.
macro_rules! cps_help {
    () => {
        "\
CPS API (/msa/v1/cps; Ivanti \"Common Platform Services API Guide\", EPMM 12.1 behaviour; same world as V1):
  Auth: HTTP Basic of a user with ROLE_CPS (admin has it, jdoe has not). No or wrong credentials: 401
    (WWW-Authenticate unless X-Requested-With: XMLHttpRequest); valid user without the role: 403.
  Errors: {\"message\":\"...\"} with 400 (bad input: more than 200 identifiers, email subject over 100,
    body over 3000, push over 140 characters, bad offset/limit/status/ruleId/identifierType, a custom
    attribute value of the wrong type), 401, 403, 404, 405, 413, 429.
  Rate limits: the guide's calls per minute for --cps-cluster, all callers together, per endpoint
    (method + path; each remaining API has its own budget), sliding one-minute window; over it:
    429, Retry-After: seconds. Refused calls do not count. --cps-rate-limit off turns them off.
  Paging: offset (default 0), limit (default 50, at most --cps-max-limit: more is cut down without an
    error, the answer's limit says so); results = records in this answer; totals: /device/count,
    /user/count.
  Sparse objects (no nulls; false flags kept), dates in epoch ms. Invalid and empty identifiers are
    ignored and counted out of {\"result\": n}; more than 100 identifiers are accepted.
  Identifiers: deviceGuid = the V1 device uuid; identifier (MDM) = iOS 40 hex (= iosUdid = V1
    'iPhone UDID'), Android 16 hex, Windows 32 hex, macOS UUID, none before enrollment completes;
    MAC addresses with or without separators, any case. identifierType is optional on every call
    (absent: MDM identifiers, and deviceGuids are found too).
  Status V1 -> CPS: ACTIVE BLOCKED LOST INFECTED VERIFIED IENROLL_COMPLETE -> ACTIVE;
    VERIFICATION_PENDING IENROLL_VERIFIED IENROLL_INPROGRESS -> ENROLLMENT_PENDING;
    RETIRE_PENDING -> RETIRE_SENT; RETIRED -> RETIRED; WIPED -> WIPED; EXPIRED -> UNKNOWN.
    A V1 retire or wipe shows as RETIRE_SENT/WIPE_SENT until the device checks in;
    POST /device/forceCheckin makes it check in at once (lastCheckInTime moves, V1 lastConnectedAt too).
  Settings (iOS): applied at the device's next check-in; read back as of the last one.
  Decided where the guide contradicts itself: the device group parameter is ruleId (the URI's; id,
    the tables' name, is read too); get settings is POST /device/getDeviceSettings (POST
    /device/settings with a settingsType body answers the same); app catalog platformType is read
    as IOS or iOS (any case) and answered as in the examples (iOS, Mac OS X, Android, Windows); MTD
    url or URL; certificates use thumbPrint.
  Custom attributes: $metadata lists them (readOnly:false, string/boolean/long); unknown or
    read-only keys in an update are ignored, a value of the wrong type is 400.
  Test hooks: GET /_mock/cps/messages (messages sent), GET|POST /_mock/cps/config
    {\"cluster\":\"NA1\",\"rateLimit\":true,\"maxLimit\":1000}."
    };
}

/// Mock of the Ivanti EPMM (MobileIron Core) APIs with seeded data; also serves the built portal.
#[derive(Debug, Clone, Parser)]
#[command(group = clap::ArgGroup::new("https").args(["tls_addr", "mtls_addr"]).multiple(true))]
#[command(
    name = "mock-server",
    version,
    about,
    after_help = concat!("Fault injection (for the vendor APIs: /api, /msa/v1/cps, /czertainly/api, /{TENANT}/api/v1): --latency-ms, --fail-rate and --malformed set it at \
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
users/{guid}/userDevices, groups/{guid}/users, entityDefs/{id}, GET entities/{id}, entities/{id}/{instanceId}\n  \
(GET, PUT, DELETE), profiles/{guid} (GET, DELETE), GET profiles/{guid}/groups.\n  \
Fault injection and the rate limit apply to these paths as to /api.", "\n\n", cps_help!(), "\n\n\
CZERTAINLY (SCEP profiles, under /czertainly/api/v1/scepProfiles; fault injection and the rate limit \
apply there too):\n  \
Requests must carry the client certificate the way CZERTAINLY's proxy forwards it: the header\n  \
ssl-client-cert with a certificate in PEM or base64 DER, URL-encoded or not (any certificate that\n  \
parses is accepted). Without it (or with one that does not parse) the answer is 401 {\"message\"}.\n  \
--czertainly-open also accepts requests without the header (demo, direct end2end runs).\n  \
--czertainly-scep-base sets the URL the SCEP URLs of the profiles start with:\n  \
{base}/v1/protocols/scep/{profile name}/pkiclient.exe. With the default, the seeded profiles\n  \
corporate-users and kiosk-devices have the SCEP URLs of the EPMM SCEP app settings.\n  \
POST /_mock/reset also restores the CZERTAINLY world.")
)]
pub struct Cli {
    /// CPS: the cluster of the guide's rate-limit table whose budgets apply.
    #[arg(long, value_name = "NA1|NA2|NA3|EU1|AP1|AP2", default_value = "NA1")]
    pub cps_cluster: Cluster,

    /// CPS: whether the per-endpoint rate limits apply (off for load tests).
    #[arg(long, value_name = "on|off", default_value = "on", value_parser = parse_on_off,
          action = clap::ArgAction::Set)]
    pub cps_rate_limit: bool,

    /// CPS: the largest page served; a larger `limit` is cut down to it.
    #[arg(long, value_name = "N", default_value_t = crate::cps::limits::DEFAULT_MAX_LIMIT,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub cps_max_limit: u64,

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

    /// Which API the served portal talks to: its config.json gets this "backend", the "apiBase"
    /// this server answers it at (and, for uem, the --tenant); the file in --dist is left as it
    /// is.
    #[arg(long, value_name = "epmm|cps|uem", value_parser = ["epmm", "cps", "uem"])]
    pub portal_backend: Option<String>,

    /// The served portal also manages SCEP profiles on this server's CZERTAINLY API (its
    /// config.json gets "pki"); use with --czertainly-open when no proxy adds the client
    /// certificate.
    #[arg(long)]
    pub portal_pki: bool,

    /// The BlackBerry UEM tenant: the first segment of its paths (/{TENANT}/api/v1).
    #[arg(long, value_name = "TENANT", default_value = wire::uem::DEFAULT_TENANT, value_parser = parse_tenant)]
    pub tenant: String,

    /// Requests a minute each user may make to /api and the UEM API before getting 429 with
    /// Retry-After (0: no limit).
    #[arg(long, value_name = "N", default_value_t = crate::security::DEFAULT_PER_MINUTE)]
    pub rate_limit: u32,

    /// CZERTAINLY: accept requests without a client certificate in the ssl-client-cert header.
    #[arg(long)]
    pub czertainly_open: bool,

    /// CZERTAINLY: the platform URL (up to its /api context path) the profiles' SCEP URLs start
    /// with.
    #[arg(long, value_name = "URL", default_value = crate::czertainly::DEFAULT_SCEP_BASE, value_parser = parse_base)]
    pub czertainly_scep_base: String,

    /// Also serve everything over HTTPS on this address (with --tls-cert and --tls-key).
    #[arg(long, value_name = "ADDR", requires_all = ["tls_cert", "tls_key"])]
    pub tls_addr: Option<SocketAddr>,

    /// Also serve everything over HTTPS on this address, to clients presenting a certificate
    /// issued by a CA of --client-ca only (as CZERTAINLY Core requires of the proxy). Like
    /// CZERTAINLY's ingress, it forwards that certificate to the API in ssl-client-cert (a value
    /// the client sent there is replaced).
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
    /// The keys laid over the served portal's config.json (`--portal-backend`, `--portal-pki`).
    pub fn portal_overlay(&self) -> serde_json::Map<String, serde_json::Value> {
        if self.portal_backend.is_none() && !self.portal_pki {
            return serde_json::Map::new();
        }
        let backend = self.portal_backend.as_deref().unwrap_or("epmm");
        crate::static_files::portal_overlay(backend, &self.tenant, self.portal_pki)
    }

    /// The CPS settings the flags ask for.
    pub fn cps_config(&self) -> CpsConfig {
        CpsConfig {
            cluster: self.cps_cluster,
            rate_limit: self.cps_rate_limit,
            max_limit: self.cps_max_limit,
        }
    }

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

fn parse_on_off(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "yes" => Ok(true),
        "off" | "false" | "no" => Ok(false),
        _ => Err(format!("`{s}` is neither on nor off")),
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

/// A tenant is one path segment: letters, digits, `-` and `_` (SRP ids such as `SRP00000`).
fn parse_tenant(s: &str) -> Result<String, String> {
    let t = s.trim();
    let ok = !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        && !matches!(t, "api" | "_mock" | "healthz" | "czertainly" | "msa");
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
    fn cps_flags_and_help() {
        let c = Cli::try_parse_from(["mock-server"]).unwrap();
        assert_eq!(c.cps_config(), CpsConfig::default());
        let c = Cli::try_parse_from([
            "mock-server",
            "--cps-cluster",
            "eu1",
            "--cps-rate-limit",
            "off",
            "--cps-max-limit",
            "200",
        ])
        .unwrap();
        assert_eq!(
            c.cps_config(),
            CpsConfig {
                cluster: Cluster::Eu1,
                rate_limit: false,
                max_limit: 200
            }
        );
        for bad in [
            ["--cps-cluster", "XX9"],
            ["--cps-rate-limit", "maybe"],
            ["--cps-max-limit", "0"],
        ] {
            assert!(
                Cli::try_parse_from(["mock-server", bad[0], bad[1]]).is_err(),
                "{bad:?}"
            );
        }
        let help = Cli::try_parse_from(["mock-server", "--help"])
            .unwrap_err()
            .to_string();
        for needle in [
            "CPS API (/msa/v1/cps",
            "RETIRE_PENDING -> RETIRE_SENT",
            "parameter is ruleId",
            "Retry-After",
            "--cps-max-limit",
        ] {
            assert!(help.contains(needle), "{needle}");
        }
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
            assert!(Cli::try_parse_from(["mock-server", "--czertainly-scep-base", bad]).is_err(),);
        }
        let help = Cli::try_parse_from(["mock-server", "--help"])
            .unwrap_err()
            .to_string();
        assert!(help.contains("ssl-client-cert") && help.contains("--czertainly-open"));
        assert!(help.contains("/czertainly/api/v1/scepProfiles"));
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
