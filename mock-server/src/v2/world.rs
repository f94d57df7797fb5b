//! The V2 certificate world: CE configurations, certificates, user-provided uploads, and the two
//! background jobs (CSV exports, revocation). Seeded from the V1 world's users and devices.
//!
//! Dates are relative to the day the server started (UTC midnight), so "expires in 12 days" stays
//! meaningful whenever the demo runs; the same seed gives the same data relative to that day.

use super::jobs::{ExportJob, RevocationJob};
use crate::state::World;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashMap};
use wire::v2::ce::CaProtocol;
use wire::v2::certificates::CertificateStatus;

pub const DAY_MS: i64 = 86_400_000;

/// The only device space of the mock (`adminDeviceSpaceId` 1, V2 guide, "Initiate the processing of
/// certificate details to be exported": the request table).
pub const DEVICE_SPACE: i64 = 1;

/// A certificate-enrollment configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeConfig {
    pub id: i64,
    /// `name` in the SCEP and CE configuration look-ups and `ceSettingName` in the export and the
    /// search.
    pub name: String,
    /// `displayName` of "Get list of all user provided certificate enrollment IDs' information…"
    /// (differs from `name` for the sample config 10).
    pub display_name: String,
    pub protocol: CaProtocol,
    /// `requirePassword` of the same call.
    pub require_password: bool,
    /// The local CA of a LOCAL configuration (`localCAId` of the search).
    pub local_ca_id: Option<i64>,
    /// SCEP challenge password (V2 guide, "Change SCEP challenge password"): write-only, never
    /// answered.
    pub challenge: Option<String>,
    /// The CA "does not answer" (the test certificate answers 502).
    pub ca_down: bool,
}

/// One issued certificate (a row of the search).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRec {
    pub id: i64,
    pub serial: u64,
    /// `Centralized` / `Decentralized`.
    pub kind: &'static str,
    pub trash: bool,
    pub created_ms: i64,
    pub expires_ms: i64,
    pub user_id: i64,
    pub principal: String,
    pub device_id: i64,
    pub device_uuid: Option<String>,
    /// Index into [`V2World::configs`].
    pub config: usize,
    pub status: CertificateStatus,
    pub consumer_app_settings: Vec<i64>,
}

/// A user-provided certificate (V2 guide, "Managing user certificates"), keyed by (configuration
/// id, lower-case principal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// `certificateId` of "Get list of all user provided certificate enrollment IDs' information…".
    pub id: i64,
    pub uploaded_ms: i64,
    pub info: super::pkcs12::CertInfo,
    pub is_pkcs12: bool,
}

/// Switches for failure paths, set through the test hooks.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// The next export (certificates or users without certificates) ends with `exportStatusMsg:
    /// "fail"`.
    pub export_fail_next: bool,
    /// The next test certificate (V2 guide, "Verify Ivanti EPMM/SCEP Connectivity") fails with 502.
    pub test_cert_fail_next: bool,
    /// The revocation job moves certificates to MANUAL_REVOCATION_REQUIRED instead of REVOKED.
    pub revoke_manual: bool,
}

#[derive(Debug)]
pub struct V2World {
    pub configs: Vec<CeConfig>,
    pub certs: Vec<CertRec>,
    pub uploads: BTreeMap<(i64, String), Upload>,
    pub next_upload_id: i64,
    /// The certificate export of each device space (V2 guide, "Export certificate details to a CSV
    /// file").
    pub cert_exports: HashMap<i64, ExportJob>,
    /// The users-without-certificates export of each configuration (the three export calls after
    /// "Search for users without certificates").
    pub user_exports: HashMap<i64, ExportJob>,
    pub revocation: Option<RevocationJob>,
    pub faults: Faults,
    /// UTC midnight of the day the data was generated.
    pub today_ms: i64,
}

impl V2World {
    pub fn config(&self, id: i64) -> Option<&CeConfig> {
        self.configs.iter().find(|c| c.id == id)
    }
    pub fn config_index_by_name(&self, name: &str) -> Option<usize> {
        let n = name.trim();
        self.configs.iter().position(|c| c.name == n).or_else(|| {
            self.configs
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(n))
        })
    }
    pub fn upload(&self, ce: i64, principal: &str) -> Option<&Upload> {
        self.uploads.get(&(ce, principal.to_ascii_lowercase()))
    }
}

struct ConfigSeed {
    id: i64,
    name: &'static str,
    display: &'static str,
    protocol: CaProtocol,
    require_password: bool,
    /// Share of devices holding a certificate of this configuration, per mille.
    per_mille: u32,
}

/// The seeded configurations: the samples' ids and names (`Test Scep` 1, `LocalCE` 8, CE 9,
/// `user-provided` 10, CE 32; digest `certificates-api.md`, "A.7 Mock data seeded from the doc")
/// and at least one per CA protocol.
const CONFIGS: &[ConfigSeed] = &[
    ConfigSeed {
        id: 1,
        name: "Test Scep",
        display: "Test Scep",
        protocol: CaProtocol::Scep,
        require_password: false,
        per_mille: 20,
    },
    ConfigSeed {
        id: 8,
        name: "LocalCE",
        display: "LocalCE",
        protocol: CaProtocol::Local,
        require_password: false,
        per_mille: 600,
    },
    ConfigSeed {
        id: 9,
        name: "Corporate Wi-Fi (SCEP)",
        display: "Corporate Wi-Fi",
        protocol: CaProtocol::Scep,
        require_password: false,
        per_mille: 350,
    },
    ConfigSeed {
        id: 10,
        name: "user-provided",
        display: "testUserProv",
        protocol: CaProtocol::UserProvided,
        require_password: true,
        per_mille: 0,
    },
    ConfigSeed {
        id: 11,
        name: "wifi-eap-tls",
        display: "Wi-Fi EAP-TLS identity",
        protocol: CaProtocol::UserProvided,
        require_password: true,
        per_mille: 0,
    },
    ConfigSeed {
        id: 12,
        name: "vpn-client",
        display: "VPN client certificate",
        protocol: CaProtocol::UserProvided,
        require_password: false,
        per_mille: 0,
    },
    ConfigSeed {
        id: 13,
        name: "smime-signing",
        display: "S/MIME email signing",
        protocol: CaProtocol::UserProvided,
        require_password: true,
        per_mille: 0,
    },
    ConfigSeed {
        id: 20,
        name: "GlobalSign Atlas",
        display: "GlobalSign Atlas",
        protocol: CaProtocol::GlobalSign,
        require_password: false,
        per_mille: 40,
    },
    ConfigSeed {
        id: 21,
        name: "DigiCert MPKI",
        display: "DigiCert MPKI",
        protocol: CaProtocol::SymantecManagedPki,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 22,
        name: "Symantec WS MPKI",
        display: "Symantec WS MPKI",
        protocol: CaProtocol::SymantecWsManagedPki,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 23,
        name: "OpenTrust PKI",
        display: "OpenTrust PKI",
        protocol: CaProtocol::OpenTrust,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 24,
        name: "Blue Coat proxy",
        display: "Blue Coat proxy",
        protocol: CaProtocol::BlueCoat,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 25,
        name: "Client-provided identity",
        display: "Client-provided identity",
        protocol: CaProtocol::ClientProvided,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 26,
        name: "Single-file identity",
        display: "Single-file identity",
        protocol: CaProtocol::SingleFileIdentity,
        require_password: false,
        per_mille: 30,
    },
    ConfigSeed {
        id: 32,
        name: "Exchange identity (Entrust)",
        display: "Exchange identity",
        protocol: CaProtocol::Entrust,
        require_password: false,
        per_mille: 200,
    },
];

/// Status weights per mille; the revocation states only for external CAs.
fn status_weights(external: bool) -> &'static [(CertificateStatus, u32)] {
    use CertificateStatus::*;
    if external {
        &[
            (Active, 680),
            (Expired, 80),
            (PendingRevocation, 40),
            (ManualRevocationRequired, 20),
            (Revoked, 70),
            (Sent, 40),
            (WaitingSend, 30),
            (Generating, 25),
            (HighGenerating, 15),
        ]
    } else {
        &[
            (Active, 740),
            (Expired, 80),
            (Revoked, 70),
            (Sent, 40),
            (WaitingSend, 30),
            (Generating, 25),
            (HighGenerating, 15),
        ]
    }
}

fn weighted<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.gen_range(0..total.max(1));
    for (t, w) in items {
        if x < *w {
            return *t;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

/// UTC midnight of the day containing `now_ms`.
pub fn midnight(now_ms: i64) -> i64 {
    now_ms - now_ms.rem_euclid(DAY_MS)
}

/// Generates the V2 world for `world` (its seed, users and devices), relative to `now_ms`.
pub fn generate(world: &World, now_ms: i64) -> V2World {
    let mut rng = ChaCha8Rng::seed_from_u64(world.seed ^ 0x5632_4345_5254);
    let today = midnight(now_ms);
    let configs: Vec<CeConfig> = CONFIGS
        .iter()
        .map(|s| CeConfig {
            id: s.id,
            name: s.name.into(),
            display_name: s.display.into(),
            protocol: s.protocol,
            require_password: s.require_password,
            local_ca_id: (s.protocol == CaProtocol::Local).then_some(3),
            challenge: (s.protocol == CaProtocol::Scep).then(|| "123hjk".to_string()),
            ca_down: false,
        })
        .collect();

    // Certificates issued to devices, configuration by configuration.
    let mut certs = Vec::new();
    // The sample's first certificate is id 2, serial 102 (V2 guide, "Search/Retrieve certificate
    // details": the sample response); LocalCE first, so its first certificate is the sample's.
    let mut next_id = 2i64;
    let mut order: Vec<usize> = (0..CONFIGS.len()).collect();
    order.sort_by_key(|&i| CONFIGS[i].id != 8);
    for ci in order {
        let seed = &CONFIGS[ci];
        if seed.per_mille == 0 {
            continue;
        }
        let weights = status_weights(seed.protocol.is_external());
        let mut of_config = 0usize;
        for d in &world.devices {
            if rng.gen_range(0..1000) >= seed.per_mille {
                continue;
            }
            // The first certificates of each configuration take every status once, so every
            // status exists in every configuration with enough certificates.
            let status = weights
                .get(of_config)
                .map(|(s, _)| *s)
                .unwrap_or_else(|| weighted(&mut rng, weights));
            of_config += 1;
            let owner = world.owner(d);
            let (created, expires) = dates(&mut rng, status, today);
            let apps = if rng.gen_range(0..4) == 0 {
                vec![seed.id, 100 + seed.id]
            } else {
                vec![seed.id]
            };
            certs.push(CertRec {
                id: next_id,
                serial: 100 + next_id as u64,
                kind: if rng.gen_range(0..10) == 0 {
                    "Decentralized"
                } else {
                    "Centralized"
                },
                trash: rng.gen_range(0..100) < 3,
                created_ms: created,
                expires_ms: expires,
                user_id: owner.id,
                principal: owner.principal.clone(),
                device_id: d.id,
                device_uuid: (rng.gen_range(0..50) != 0).then(|| d.uuid.clone()),
                config: ci,
                status,
                consumer_app_settings: apps,
            });
            next_id += 1;
        }
    }

    // User-provided certificates: a share of the users, and fixed ones for the demo accounts.
    let mut uploads = BTreeMap::new();
    // The sample's certificateId (V2 guide, "Get list of all user provided certificate enrollment
    // IDs' information…": the sample response).
    let mut next_upload_id = 11i64;
    let user_provided: Vec<&CeConfig> = configs
        .iter()
        .filter(|c| c.protocol == CaProtocol::UserProvided)
        .collect();
    for u in &world.users {
        for c in &user_provided {
            let fixed = fixed_upload(&u.principal, c.id, today);
            let upload = match fixed {
                Some(f) => f,
                None if u.principal == "jdoe" || u.principal == "admin" => None,
                None => {
                    if rng.gen_range(0..100) >= 45 {
                        continue;
                    }
                    let expires = match rng.gen_range(0..100) {
                        0..=69 => today + rng.gen_range(31..720) * DAY_MS,
                        70..=84 => today + rng.gen_range(1..=30) * DAY_MS + 12 * 3_600_000,
                        _ => today - rng.gen_range(1..300) * DAY_MS,
                    };
                    Some(seeded_info(&u.principal, &u.email, expires, rng.gen()))
                }
            };
            let Some(info) = upload else { continue };
            let uploaded = (info.not_before_ms + rng.gen_range(0..20) * DAY_MS).min(today);
            let (id, uploaded) = if u.principal == "admin" && c.id == 10 {
                // The sample slot (CE 10, `theadmin`): certificateId 11, uploaded 1577964355000
                // (the sample response of "Get list of all user provided certificate enrollment
                // IDs' information…").
                (11, 1_577_964_355_000)
            } else {
                next_upload_id += 1;
                (next_upload_id, uploaded)
            };
            uploads.insert(
                (c.id, u.principal.to_ascii_lowercase()),
                Upload {
                    id,
                    uploaded_ms: uploaded,
                    info,
                    is_pkcs12: true,
                },
            );
        }
    }

    V2World {
        configs,
        certs,
        uploads,
        next_upload_id: next_upload_id + 1,
        cert_exports: HashMap::new(),
        user_exports: HashMap::new(),
        revocation: None,
        faults: Faults::default(),
        today_ms: today,
    }
}

/// Created and expiry dates that fit the status.
fn dates(rng: &mut ChaCha8Rng, status: CertificateStatus, today: i64) -> (i64, i64) {
    use CertificateStatus::*;
    let hour = rng.gen_range(0..24) * 3_600_000;
    match status {
        Expired => {
            let expires = today - rng.gen_range(1..400) * DAY_MS + hour;
            (expires - 730 * DAY_MS, expires)
        }
        Sent | WaitingSend | Generating | HighGenerating => {
            let created = today - rng.gen_range(0..3) * DAY_MS + hour;
            (created, created + 730 * DAY_MS)
        }
        _ => {
            // One in eight expires within 30 days ("soon" in the portal).
            let expires = if rng.gen_range(0..8) == 0 {
                today + rng.gen_range(1..=30) * DAY_MS + hour
            } else {
                today + rng.gen_range(31..700) * DAY_MS + hour
            };
            (expires - 730 * DAY_MS, expires)
        }
    }
}

/// Seeded certificate details (no file behind them).
fn seeded_info(principal: &str, email: &str, expires: i64, serial: u64) -> super::pkcs12::CertInfo {
    super::pkcs12::CertInfo {
        version: 3,
        serial: (serial >> 1).to_string(),
        signature_algorithm: "SHA256WITHRSA".into(),
        issuer: "C=US, O=Example Corp, CN=Example Issuing CA 1".into(),
        subject: if email.is_empty() {
            format!("CN={principal}")
        } else {
            format!("CN={principal}, E={email}")
        },
        common_name: Some(principal.to_string()),
        not_before_ms: expires - 365 * DAY_MS,
        not_after_ms: expires,
    }
}

/// The demo accounts' certificates: `jdoe` has one card of each kind (valid, expiring soon,
/// expired, missing on CE 11), `admin` holds the sample's APNs certificate on CE 10 (V2 guide, "Get
/// list of user provided certificate enrollment ID information…": the sample response).
fn fixed_upload(principal: &str, ce: i64, today: i64) -> Option<Option<super::pkcs12::CertInfo>> {
    match (principal, ce) {
        ("jdoe", 10) => Some(Some(seeded_info("jdoe", "jdoe@example.com", today + 200 * DAY_MS + 9 * 3_600_000, 7_001_122))),
        ("jdoe", 11) => Some(None),
        ("jdoe", 12) => Some(Some(seeded_info("jdoe", "jdoe@example.com", today + 20 * DAY_MS + 9 * 3_600_000, 7_003_344))),
        ("jdoe", 13) => Some(Some(seeded_info("jdoe", "jdoe@example.com", today - 15 * DAY_MS + 9 * 3_600_000, 7_005_566))),
        ("admin", 10) => Some(Some(super::pkcs12::CertInfo {
            version: 3,
            serial: "xxx4493327816883622".into(),
            signature_algorithm: "SHA256WITHRSA".into(),
            issuer: "C=US, O=Apple Inc., OU=Apple Certification Authority, CN=Apple Application Integration 2 Certification Authority".into(),
            subject: "C=US, CN=APSP:9c3811ce-0ff0-4272-be0b-2df8f1f85bb5, UID=com.apple.mgmt.External.9c3811ce-0ff0-4272-be0b-2df8f1f85bb5".into(),
            common_name: Some("APSP:xxx811ce-0ff0-4272-be0b-2df8f1f85bb5".into()),
            not_before_ms: 1_573_162_384_000,
            not_after_ms: 1_604_698_384_000,
        })),
        ("admin", _) => Some(None),
        _ => None,
    }
}
