//! The CZERTAINLY world: RA profiles (with their issue attribute definitions and the SCEP
//! profile their SCEP protocol uses), CA certificates, the custom attribute definitions of SCEP
//! profiles, and the SCEP profiles. Fixed data, the same at every start and after
//! `POST /_mock/reset`; new profiles get uuids from a seeded generator.
//!
//! What the seed holds (digest `certificates-api.md`, "B.6 Mock and client notes"):
//! - RA profiles `corporate-users-ra`, `devices-ra`, `web-servers-ra` and the disabled
//!   `legacy-ra`. `corporate-users-ra` uses the profile `corporate-users` for SCEP;
//!   `devices-ra` and `legacy-ra` use `kiosk-devices`: these two profiles cannot be deleted
//!   without force.
//! - CA certificates: two RSA issuing CAs (eligible, also for Intune), an ECDSA issuing CA
//!   (eligible, not for Intune: Intune needs RSA), the root CA (no private key on the platform:
//!   not eligible) and an expired issuing CA (not eligible).
//! - SCEP profiles with the bulk sample's uuids (CZERTAINLY reference, "SCEP Profile UUIDs") and
//!   one with the reference's own non-hexadecimal sample uuid
//!   `7b55ge1c-844f-11dc-a8a3-0242ac120002`.
//!
//! The SCEP URLs of `corporate-users` and `kiosk-devices` (with the default
//! `--czertainly-scep-base`) are the `SCEP_URL`s of the EPMM app settings "Corporate User
//! Certificate" and "Kiosk Device Certificate" (`crate::data::app_settings`), so the portal can
//! link an EPMM SCEP setting to the CZERTAINLY profile devices enrol at.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Value};
use wire::czertainly::attributes::{AttributeContentItem, AttributeContentType, RequestAttribute};
use wire::czertainly::certificates::{
    Certificate, CertificateState, CertificateType, ComplianceStatus, ValidationStatus,
};
use wire::czertainly::scep::CertificateAssociationsRequest;

/// The definition of an attribute: an issue attribute of an RA profile's authority (`data`) or
/// a custom attribute of SCEP profiles (`custom`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrDef {
    pub uuid: &'static str,
    pub name: &'static str,
    pub label: &'static str,
    pub content_type: AttributeContentType,
    pub required: bool,
}

const fn def(
    uuid: &'static str,
    name: &'static str,
    label: &'static str,
    content_type: AttributeContentType,
    required: bool,
) -> AttrDef {
    AttrDef {
        uuid,
        name,
        label,
        content_type,
        required,
    }
}

/// Issue attributes of the EJBCA authority.
pub static EJBCA_ISSUE: [AttrDef; 2] = [
    def(
        "3f6a2c1e-7b5d-4e9a-8c1f-2d4b6e8a0c11",
        "username",
        "End entity username",
        AttributeContentType::String,
        true,
    ),
    def(
        "3f6a2c1e-7b5d-4e9a-8c1f-2d4b6e8a0c12",
        "sendNotifications",
        "Send notifications",
        AttributeContentType::Boolean,
        false,
    ),
];

/// Issue attributes of the Microsoft ADCS authority.
pub static ADCS_ISSUE: [AttrDef; 2] = [
    def(
        "7c1d3e5f-9a2b-4c6d-8e0f-1a3b5c7d9e21",
        "template",
        "Certificate template",
        AttributeContentType::String,
        true,
    ),
    def(
        "7c1d3e5f-9a2b-4c6d-8e0f-1a3b5c7d9e22",
        "validityDays",
        "Validity (days)",
        AttributeContentType::Integer,
        false,
    ),
];

/// Custom attributes of SCEP profiles (none required).
pub static CUSTOM: [AttrDef; 3] = [
    def(
        "a4e6c8d0-2f1b-4d3c-9e5a-7b9c1d3e5f31",
        "department",
        "Department",
        AttributeContentType::String,
        false,
    ),
    def(
        "a4e6c8d0-2f1b-4d3c-9e5a-7b9c1d3e5f32",
        "costCenter",
        "Cost center",
        AttributeContentType::Integer,
        false,
    ),
    def(
        "a4e6c8d0-2f1b-4d3c-9e5a-7b9c1d3e5f33",
        "reviewedOn",
        "Last reviewed",
        AttributeContentType::Date,
        false,
    ),
];

/// An RA profile (the platform's `SimplifiedRaProfileDto` plus what the mock needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaProfile {
    pub uuid: String,
    pub name: String,
    pub enabled: bool,
    pub authority_uuid: String,
    /// The issue attributes its authority asks for.
    pub issue_attributes: &'static [AttrDef],
    /// The SCEP profile its SCEP protocol is activated with: what makes a SCEP profile's delete
    /// refused.
    pub scep_profile: Option<String>,
}

/// A SCEP profile as stored: the request's values (validated), the secrets, `enabled`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProfileRec {
    pub uuid: String,
    pub name: String,
    pub enabled: bool,
    pub description: Option<String>,
    /// Uuid of the RA profile.
    pub ra_profile: Option<String>,
    /// Uuid of the CA certificate.
    pub ca_certificate: String,
    pub include_ca_certificate: bool,
    pub include_ca_certificate_chain: bool,
    /// `renewalThreshold` in requests, `renewThreshold` in answers (CZERTAINLY reference).
    pub renewal_threshold: Option<i32>,
    /// Write-only.
    pub challenge_password: Option<String>,
    pub enable_intune: bool,
    pub intune_tenant: Option<String>,
    pub intune_application_id: Option<String>,
    /// Write-only.
    pub intune_application_key: Option<String>,
    pub issue_attributes: Vec<RequestAttribute>,
    pub custom_attributes: Vec<RequestAttribute>,
    pub associations: Option<CertificateAssociationsRequest>,
}

#[derive(Debug, Clone)]
pub struct CzWorld {
    pub ra_profiles: Vec<RaProfile>,
    pub certificates: Vec<Certificate>,
    pub profiles: Vec<ProfileRec>,
    rng: ChaCha8Rng,
}

/// Ids are opaque strings (the CZERTAINLY reference's sample uuid is not hexadecimal), compared
/// without case as UUIDs are.
pub fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl CzWorld {
    pub fn profile_index(&self, uuid: &str) -> Option<usize> {
        self.profiles.iter().position(|p| same_id(&p.uuid, uuid))
    }
    pub fn profile_by_name(&self, name: &str) -> Option<&ProfileRec> {
        self.profiles.iter().find(|p| p.name == name)
    }
    pub fn ra_profile(&self, uuid: &str) -> Option<&RaProfile> {
        self.ra_profiles.iter().find(|r| same_id(&r.uuid, uuid))
    }
    pub fn certificate(&self, uuid: &str) -> Option<&Certificate> {
        self.certificates.iter().find(|c| same_id(&c.uuid, uuid))
    }
    /// The RA profiles whose SCEP protocol uses the profile.
    pub fn dependants(&self, profile_uuid: &str) -> Vec<&RaProfile> {
        self.ra_profiles
            .iter()
            .filter(|r| {
                r.scep_profile
                    .as_deref()
                    .is_some_and(|s| same_id(s, profile_uuid))
            })
            .collect()
    }
    /// Deactivates SCEP on every RA profile that uses the profile (force delete).
    pub fn detach(&mut self, profile_uuid: &str) {
        for r in &mut self.ra_profiles {
            if r.scep_profile
                .as_deref()
                .is_some_and(|s| same_id(s, profile_uuid))
            {
                r.scep_profile = None;
            }
        }
    }
    /// A new random (version 4) uuid from the world's seeded generator.
    pub fn next_uuid(&mut self) -> String {
        let mut b: [u8; 16] = self.rng.gen();
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }
}

/// Whether the platform accepts the certificate as the CA certificate of a SCEP profile
/// (CZERTAINLY's `isCertificateScepCaCertAcceptable`): issued, valid or expiring, not archived,
/// its private key on the platform, and an RSA key (Intune) or an RSA or ECDSA key (otherwise).
pub fn scep_ca_acceptable(c: &Certificate, intune: bool) -> bool {
    let key_ok = match c.public_key_algorithm.as_deref() {
        Some("RSA") => true,
        Some("ECDSA") => !intune,
        _ => false,
    };
    key_ok
        && !c.archived
        && c.private_key_availability
        && c.state == Some(CertificateState::Issued)
        && matches!(
            c.validation_status,
            Some(ValidationStatus::Valid | ValidationStatus::Expiring)
        )
}

pub const EJBCA_CORPORATE: &str = "0e4c3b1a-5d6f-4a2b-8c9d-1e2f3a4b5c6d";
pub const ADCS: &str = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
pub const EJBCA_LEGACY: &str = "3c2b1a0f-9e8d-4c7b-8a6f-5e4d3c2b1a0f";

/// `corporate-users-ra`: the RA profile uuid of the CZERTAINLY reference's create sample
/// (`raProfileUuid`).
pub const RA_CORPORATE: &str = "6b55de1c-844f-11ec-a8a3-0242ac120002";
pub const RA_DEVICES: &str = "5f1e7c3a-2b4d-4e6f-8a1c-3d5e7f9b1c2d";
pub const RA_WEB: &str = "8e2d4c6b-1a3f-4b5d-9e7c-2f4a6b8d0e1f";
/// The disabled RA profile.
pub const RA_LEGACY: &str = "2a4c6e8f-0b1d-4f3a-8c5e-7a9b1d3f5e7a";

pub const CA_CORPORATE: &str = "d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c01";
pub const CA_DEVICES: &str = "d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c02";
pub const CA_ECC: &str = "d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c03";
/// The root CA: no private key on the platform.
pub const CA_ROOT: &str = "d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c04";
/// Expired.
pub const CA_EXPIRED: &str = "d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c05";

/// `corporate-users` (the CZERTAINLY reference's bulk sample uuid 1), used by `corporate-users-ra`.
pub const P_CORPORATE: &str = "c2f685d4-6a3e-11ec-90d6-0242ac120003";
/// `kiosk-devices` (the CZERTAINLY reference's bulk sample uuid 2), used by `devices-ra` and
/// `legacy-ra`.
pub const P_KIOSK: &str = "b9b09548-a97c-4c6a-a06a-e4ee6fc2da98";
/// `intune-devices`: the CZERTAINLY reference's own sample uuid, not hexadecimal.
pub const P_INTUNE: &str = "7b55ge1c-844f-11dc-a8a3-0242ac120002";
/// `lab-test`: disabled, no RA profile.
pub const P_LAB: &str = "e3b1c5d7-9f2a-4b6c-8d0e-1f3a5b7c9d41";

fn ra(
    uuid: &str,
    name: &str,
    enabled: bool,
    authority: &str,
    issue: &'static [AttrDef],
    scep: Option<&str>,
) -> RaProfile {
    RaProfile {
        uuid: uuid.into(),
        name: name.into(),
        enabled,
        authority_uuid: authority.into(),
        issue_attributes: issue,
        scep_profile: scep.map(str::to_string),
    }
}

/// A fixed SHA-256-looking fingerprint derived from the uuid (FNV-1a, four lanes).
fn fingerprint(uuid: &str) -> String {
    (0u64..4)
        .map(|lane| {
            let h = uuid.bytes().fold(
                0xcbf2_9ce4_8422_2325u64 ^ lane.wrapping_mul(0x9e37_79b9_7f4a_7c15),
                |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3),
            );
            format!("{h:016x}")
        })
        .collect()
}

struct CaSeed {
    uuid: &'static str,
    cn: &'static str,
    serial: &'static str,
    not_before: &'static str,
    not_after: &'static str,
    algorithm: &'static str,
    signature: &'static str,
    key_size: i32,
    validation: ValidationStatus,
    private_key: bool,
}

const ORG: &str = "O=Example Corp, C=US";

fn ca_certificate(s: &CaSeed) -> Certificate {
    let root = s.uuid == CA_ROOT;
    let root_cn = "Example Root CA";
    Certificate {
        uuid: s.uuid.into(),
        common_name: Some(s.cn.into()),
        serial_number: Some(s.serial.into()),
        issuer_common_name: Some(root_cn.into()),
        issuer_dn: Some(format!("CN={root_cn}, {ORG}")),
        subject_dn: Some(format!("CN={}, {ORG}", s.cn)),
        not_before: Some(s.not_before.into()),
        not_after: Some(s.not_after.into()),
        public_key_algorithm: Some(s.algorithm.into()),
        signature_algorithm: Some(s.signature.into()),
        key_size: Some(s.key_size),
        state: Some(CertificateState::Issued),
        validation_status: Some(s.validation.clone()),
        fingerprint: Some(fingerprint(s.uuid)),
        owner: Some("pki-admin".into()),
        owner_uuid: Some("2f67a69d-7a41-4726-a25d-6a964681865a".into()),
        certificate_type: Some(CertificateType::X509),
        issuer_serial_number: Some("4f1c2e7a9b3d5c60".into()),
        compliance_status: Some(ComplianceStatus::Ok),
        issuer_certificate_uuid: (!root).then(|| CA_ROOT.to_string()),
        private_key_availability: s.private_key,
        trusted_ca: Some(true),
        ..Default::default()
    }
}

const CAS: [CaSeed; 5] = [
    CaSeed {
        uuid: CA_CORPORATE,
        cn: "Example Corporate Issuing CA",
        serial: "1a2b3c4d5e6f708192a3",
        not_before: "2023-03-01T00:00:00Z",
        not_after: "2033-03-01T00:00:00Z",
        algorithm: "RSA",
        signature: "SHA256withRSA",
        key_size: 4096,
        validation: ValidationStatus::Valid,
        private_key: true,
    },
    CaSeed {
        uuid: CA_DEVICES,
        cn: "Example Device Issuing CA",
        serial: "2b3c4d5e6f708192a3b4",
        not_before: "2024-06-15T08:30:00Z",
        not_after: "2031-06-15T08:30:00Z",
        algorithm: "RSA",
        signature: "SHA256withRSA",
        key_size: 2048,
        validation: ValidationStatus::Valid,
        private_key: true,
    },
    CaSeed {
        uuid: CA_ECC,
        cn: "Example ECC Issuing CA",
        serial: "3c4d5e6f708192a3b4c5",
        not_before: "2025-01-10T12:00:00Z",
        not_after: "2035-01-10T12:00:00Z",
        algorithm: "ECDSA",
        signature: "SHA384withECDSA",
        key_size: 384,
        validation: ValidationStatus::Valid,
        private_key: true,
    },
    CaSeed {
        uuid: CA_ROOT,
        cn: "Example Root CA",
        serial: "4f1c2e7a9b3d5c60",
        not_before: "2020-01-01T00:00:00Z",
        not_after: "2040-01-01T00:00:00Z",
        algorithm: "RSA",
        signature: "SHA256withRSA",
        key_size: 4096,
        validation: ValidationStatus::Valid,
        private_key: false,
    },
    CaSeed {
        uuid: CA_EXPIRED,
        cn: "Example Issuing CA 2019",
        serial: "5d6e7f8091a2b3c4d5e6",
        not_before: "2019-06-01T00:00:00Z",
        not_after: "2025-06-01T00:00:00Z",
        algorithm: "RSA",
        signature: "SHA256withRSA",
        key_size: 2048,
        validation: ValidationStatus::Expired,
        private_key: true,
    },
];

/// A request attribute with one content item, as a client would send it.
pub fn attribute(def: &AttrDef, data: Value) -> RequestAttribute {
    RequestAttribute {
        uuid: Some(def.uuid.into()),
        name: def.name.into(),
        content_type: Some(def.content_type.clone()),
        content: vec![AttributeContentItem {
            content_type: Some(def.content_type.clone()),
            ..AttributeContentItem::data(data)
        }],
        version: Some(wire::czertainly::attributes::VERSION_V2.into()),
    }
}

/// The seeded world.
pub fn generate() -> CzWorld {
    let ra_profiles = vec![
        ra(
            RA_CORPORATE,
            "corporate-users-ra",
            true,
            EJBCA_CORPORATE,
            &EJBCA_ISSUE,
            Some(P_CORPORATE),
        ),
        ra(
            RA_DEVICES,
            "devices-ra",
            true,
            ADCS,
            &ADCS_ISSUE,
            Some(P_KIOSK),
        ),
        ra(RA_WEB, "web-servers-ra", true, ADCS, &ADCS_ISSUE, None),
        ra(
            RA_LEGACY,
            "legacy-ra",
            false,
            EJBCA_LEGACY,
            &[],
            Some(P_KIOSK),
        ),
    ];
    let [department, cost_center, _] = &CUSTOM;
    let [username, notify] = &EJBCA_ISSUE;
    let [template, validity] = &ADCS_ISSUE;
    let profiles = vec![
        ProfileRec {
            uuid: P_CORPORATE.into(),
            name: "corporate-users".into(),
            enabled: true,
            description: Some(
                "User certificates for Wi-Fi, VPN and Exchange (EPMM \"Corporate User Certificate\")"
                    .into(),
            ),
            ra_profile: Some(RA_CORPORATE.into()),
            ca_certificate: CA_CORPORATE.into(),
            include_ca_certificate: true,
            include_ca_certificate_chain: true,
            renewal_threshold: Some(30),
            challenge_password: Some("corp-users-challenge".into()),
            issue_attributes: vec![
                attribute(username, json!("scep-corporate-users")),
                attribute(notify, json!(false)),
            ],
            custom_attributes: vec![
                attribute(department, json!("IT")),
                attribute(cost_center, json!(4100)),
            ],
            associations: Some(CertificateAssociationsRequest {
                owner_uuid: Some("2f67a69d-7a41-4726-a25d-6a964681865a".into()),
                group_uuids: vec!["497f6eca-6276-4993-bfeb-53cbbbba6f08".into()],
                custom_attributes: Vec::new(),
            }),
            ..Default::default()
        },
        ProfileRec {
            uuid: P_KIOSK.into(),
            name: "kiosk-devices".into(),
            enabled: true,
            description: Some(
                "Device certificates for kiosk Wi-Fi (EPMM \"Kiosk Device Certificate\")".into(),
            ),
            ra_profile: Some(RA_DEVICES.into()),
            ca_certificate: CA_DEVICES.into(),
            include_ca_certificate: true,
            renewal_threshold: Some(14),
            challenge_password: Some("kiosk-challenge".into()),
            issue_attributes: vec![
                attribute(template, json!("KioskDevice")),
                attribute(validity, json!(365)),
            ],
            custom_attributes: vec![attribute(department, json!("Operations"))],
            ..Default::default()
        },
        ProfileRec {
            uuid: P_INTUNE.into(),
            name: "intune-devices".into(),
            enabled: true,
            description: Some("Devices managed by Microsoft Intune".into()),
            ra_profile: Some(RA_DEVICES.into()),
            ca_certificate: CA_DEVICES.into(),
            include_ca_certificate: true,
            include_ca_certificate_chain: true,
            enable_intune: true,
            intune_tenant: Some("example.onmicrosoft.com".into()),
            intune_application_id: Some("0f3c2a1e-6b7d-4c8e-9f10-2a3b4c5d6e7f".into()),
            intune_application_key: Some("intune-app-secret".into()),
            issue_attributes: vec![attribute(template, json!("IntuneDevice"))],
            ..Default::default()
        },
        ProfileRec {
            uuid: P_LAB.into(),
            name: "lab-test".into(),
            enabled: false,
            description: Some("Lab profile without an RA profile: no SCEP URL yet".into()),
            ca_certificate: CA_ECC.into(),
            renewal_threshold: Some(0),
            ..Default::default()
        },
    ];
    CzWorld {
        ra_profiles,
        certificates: CAS.iter().map(ca_certificate).collect(),
        profiles,
        rng: ChaCha8Rng::seed_from_u64(0xC2E7_7A1E),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_consistent() {
        let w = generate();
        for p in &w.profiles {
            let ca = w.certificate(&p.ca_certificate).expect("seeded CA");
            assert!(scep_ca_acceptable(ca, p.enable_intune), "{}", p.name);
            if let Some(r) = &p.ra_profile {
                assert!(w.ra_profile(r).is_some(), "{}", p.name);
            }
        }
        for r in &w.ra_profiles {
            if let Some(s) = &r.scep_profile {
                assert!(w.profile_index(s).is_some(), "{}", r.name);
            }
        }
        assert_eq!(fingerprint(CA_ROOT).len(), 64);
        let mut a = generate();
        let mut b = generate();
        assert_eq!(a.next_uuid(), b.next_uuid());
        assert_ne!(a.next_uuid(), generate().next_uuid());
    }
}
