//! The UEM world: entity instances, groups, certificate profiles, profile assignments,
//! certificates, bundles, embedded certificates, enrollments and the users' UEM roles; generated
//! from the EPMM world and its seed.
//!
//! Seeded so that every certificate state can be reached (overview, "Certificate management"): for
//! the self-service user `jdoe`, a manually uploaded user-credential certificate (deletable, not
//! renewable), a PKI bundle of three certificates (only the bundle is renewable and deletable), a
//! standalone SCEP certificate that expires soon (renewable), one whose public certificate is not
//! available for download, a BlackBerry Dynamics user certificate installed in three apps with
//! different statuses, an expired user certificate, and a user-credential assignment with nothing
//! uploaded yet; enrollments on jdoe's devices. GUIDs, names, memberships and serials come from the
//! seed; key pairs and dates are made at generation (certificates are valid relative to the clock).

use super::defs;
use super::session::Role;
use crate::pkcs12::{cert_info, CertInfo};
use crate::state::{User, World};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SerialNumber,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Instant;
use wire::uem::certs::EnrollmentStatus;
use wire::uem::directory::{CertificateSource, ProfileCategory};

const DAY_MS: i64 = 86_400_000;

/// "There is only one instance and the External Tenant Id is used as the entityInstanceId."
pub const EXTERNAL_TENANT_ID: &str = "7f3c2a1e-9b4d-4e8f-a6c5-0d1e2f3a4b5c";

/// The overview's sample account ("Request Authentication Header": `pmorley`, password
/// `cGFzc3dvcmQ=` = "password"): the self-service user **without** "Manage user certificates".
pub const SAMPLE_USER: &str = "pmorley";
pub const SAMPLE_PASSWORD: &str = "password";

/// The UEM role of each demo account (printed at start with the passwords of
/// [`crate::seed::DEMO_USERS`]).
pub const DEMO_ROLES: &[(&str, &str)] = &[
    (
        "admin",
        "administrator (Security Administrator): every call",
    ),
    (
        "jdoe",
        "self-service user with \"Manage user certificates\": their own certificates",
    ),
    (
        SAMPLE_USER,
        "self-service user without \"Manage user certificates\" (the overview's sample account)",
    ),
];

/// Adds the overview's sample account to a freshly generated world (from [`crate::seed`]).
pub fn add_demo_users(world: &mut World) {
    if world.user(SAMPLE_USER).is_some() {
        return;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(world.seed ^ 0x9003);
    let uuid = crate::seed::uuid_v4(&mut rng);
    world.push_user(User {
        id: 9003,
        uuid,
        principal: SAMPLE_USER.into(),
        first_name: "Paul".into(),
        last_name: "Morley".into(),
        email: "pmorley@example.com".into(),
        user_source: 76,
        password: Some(SAMPLE_PASSWORD.into()),
        roles: vec![crate::catalog::ROLE_USER_PORTAL.to_string()],
        created_at_ms: (crate::state::REFERENCE_EPOCH_S - 400 * 86_400) * 1000,
        enabled: true,
        country: crate::catalog::US as u8,
    });
}

/// One entity instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub id: String,
    /// Without system settings; references as `{"entityDefId", "entityInstanceId"}`.
    pub settings: Map<String, Value>,
    pub created_ms: i64,
    pub created_by: String,
    pub modified_ms: i64,
    pub modified_by: String,
    /// A built-in default profile (`isDefault`).
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRec {
    pub guid: String,
    pub name: String,
    pub description: String,
    /// User GUIDs.
    pub members: BTreeSet<String>,
}

/// A certificate profile (USER_CREDENTIAL, SCEP, or the implicit USER_CERTIFICATE of an upload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertProfile {
    pub guid: String,
    pub name: String,
    pub description: String,
    pub category: ProfileCategory,
    pub source: CertificateSource,
    /// USER_CERTIFICATE: the user it is bound to.
    pub owner: Option<String>,
    /// USER_CERTIFICATE: uploaded for BlackBerry Dynamics (raw PKCS#12).
    pub dynamics: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingOp {
    Renew,
    Delete,
}

/// A renew or delete that "can be asynchronous".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub op: PendingOp,
    pub due: Instant,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRec {
    pub guid: String,
    pub der: Vec<u8>,
    pub info: CertInfo,
    /// The uploaded file's name.
    pub file_name: Option<String>,
    pub source: CertificateSource,
    pub bundle: Option<String>,
    /// "There may be some cases where the X.509 public key certificate is not available for
    /// download."
    pub downloadable: bool,
    pub pending: Option<Pending>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRec {
    pub guid: String,
    pub certs: Vec<String>,
    /// PKI bundles can be renewed; bundles from a PKCS#12 upload cannot.
    pub renewable: bool,
    pub pending: Option<Pending>,
}

/// A certificate of a user through a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedRec {
    pub guid: String,
    pub user: String,
    pub profile: String,
    pub cert: String,
}

/// Where an embedded certificate is installed: a user device, or a Dynamics app on one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentRec {
    pub guid: String,
    pub embedded: String,
    /// Device uuid.
    pub device: Option<String>,
    /// Index into [`DYNAMICS_APPS`].
    pub app: Option<usize>,
    pub status: Option<EnrollmentStatus>,
    pub status_ms: i64,
}

/// A BlackBerry Dynamics app certificates get installed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DynamicsApp {
    pub guid: &'static str,
    pub name: &'static str,
    pub entitlement_id: &'static str,
}

pub const DYNAMICS_APPS: [DynamicsApp; 3] = [
    DynamicsApp {
        guid: "a9900001-0000-4000-8000-000000000001",
        name: "BlackBerry Work",
        entitlement_id: "com.good.gcs",
    },
    DynamicsApp {
        guid: "a9900001-0000-4000-8000-000000000002",
        name: "BlackBerry Access",
        entitlement_id: "com.good.gdgma",
    },
    DynamicsApp {
        guid: "a9900001-0000-4000-8000-000000000003",
        name: "BlackBerry Connect",
        entitlement_id: "com.blackberry.connect",
    },
];

/// The CA of the seeded and renewed PKI certificates.
pub struct Ca(CertifiedIssuer<'static, KeyPair>);

impl fmt::Debug for Ca {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ca(CN=Example Corp Issuing CA)")
    }
}

fn at(ms: i64) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).map_err(|e| e.to_string())
}

impl Ca {
    fn new(now_ms: i64) -> Result<Ca, String> {
        let key = KeyPair::generate().map_err(|e| e.to_string())?;
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::CountryName, "US");
        p.distinguished_name
            .push(DnType::OrganizationName, "Example Corp");
        p.distinguished_name
            .push(DnType::CommonName, "Example Corp Issuing CA");
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        p.not_before = at(now_ms - 3 * 365 * DAY_MS)?;
        p.not_after = at(now_ms + 10 * 365 * DAY_MS)?;
        CertifiedIssuer::self_signed(p, key)
            .map(Ca)
            .map_err(|e| e.to_string())
    }

    /// A client certificate for `common_name`, valid `from..until`.
    fn issue(
        &self,
        common_name: &str,
        from_ms: i64,
        until_ms: i64,
        serial: u64,
    ) -> Result<(Vec<u8>, CertInfo), String> {
        let key = KeyPair::generate().map_err(|e| e.to_string())?;
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::CountryName, "US");
        p.distinguished_name
            .push(DnType::OrganizationName, "Example Corp");
        p.distinguished_name.push(DnType::CommonName, common_name);
        p.serial_number = Some(SerialNumber::from_slice(&serial.to_be_bytes()));
        p.not_before = at(from_ms)?;
        p.not_after = at(until_ms)?;
        p.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        p.use_authority_key_identifier_extension = true;
        let cert = p.signed_by(&key, &self.0).map_err(|e| e.to_string())?;
        let der = cert.der().to_vec();
        let info = cert_info(&der)?;
        Ok((der, info))
    }
}

/// Everything UEM knows beyond the EPMM world.
#[derive(Debug)]
pub struct UemWorld {
    pub external_tenant_id: String,
    /// The BlackBerry Protect licence (`POST /_mock/uem/license`).
    pub protect_licensed: bool,
    /// Per definition id, in creation order.
    pub instances: BTreeMap<String, Vec<Instance>>,
    pub groups: Vec<GroupRec>,
    pub cert_profiles: Vec<CertProfile>,
    /// Profile GUID → group GUIDs.
    pub profile_groups: BTreeMap<String, BTreeSet<String>>,
    /// Profile GUID → user GUIDs assigned directly.
    pub profile_users: BTreeMap<String, BTreeSet<String>>,
    pub certs: BTreeMap<String, CertRec>,
    pub bundles: BTreeMap<String, BundleRec>,
    pub embedded: Vec<EmbeddedRec>,
    pub enrollments: Vec<EnrollmentRec>,
    /// Principal (lower case) → role.
    pub roles: BTreeMap<String, Role>,
    ca: Option<Ca>,
    rng: ChaCha8Rng,
}

/// The seeded groups: name, description, share of users (per mille).
const GROUPS: [(&str, &str, u32); 6] = [
    (
        "Wi-Fi users",
        "Users who get the corporate Wi-Fi credential",
        150,
    ),
    ("Engineering", "Research and development", 250),
    ("Sales", "Sales and presales", 200),
    ("Executives", "Leadership team", 20),
    ("Contractors", "External staff", 100),
    // Hostile name and description (issue 8): shown as text, never as markup.
    (
        crate::seed::PAYLOAD_LABEL,
        crate::seed::PAYLOAD_LABEL_DESCRIPTION,
        10,
    ),
];

impl UemWorld {
    /// The world of `epmm` (same seed), with certificate dates around `now_ms`.
    pub fn generate(epmm: &World, now_ms: i64) -> UemWorld {
        let mut w = UemWorld {
            external_tenant_id: EXTERNAL_TENANT_ID.to_string(),
            protect_licensed: true,
            instances: BTreeMap::new(),
            groups: Vec::new(),
            cert_profiles: Vec::new(),
            profile_groups: BTreeMap::new(),
            profile_users: BTreeMap::new(),
            certs: BTreeMap::new(),
            bundles: BTreeMap::new(),
            embedded: Vec::new(),
            enrollments: Vec::new(),
            roles: BTreeMap::new(),
            ca: Ca::new(now_ms).ok(),
            rng: ChaCha8Rng::seed_from_u64(epmm.seed ^ 0x000E_3BB0),
        };
        w.seed_instances(now_ms);
        w.seed_groups(epmm);
        w.seed_roles();
        w.seed_certificates(epmm, now_ms);
        w
    }

    /// A new GUID (deterministic per seed and call order).
    pub fn new_guid(&mut self) -> String {
        crate::seed::uuid_v4(&mut self.rng)
    }

    fn seed_instances(&mut self, now_ms: i64) {
        for (def, list) in defs::seed_instances(&self.external_tenant_id) {
            let items = list
                .into_iter()
                .enumerate()
                .map(|(i, (id, settings))| Instance {
                    default: settings.get("name").and_then(Value::as_str) == Some("Default"),
                    id,
                    settings,
                    created_ms: now_ms - (400 - i as i64) * DAY_MS,
                    created_by: "admin".into(),
                    modified_ms: now_ms - (30 - i as i64).max(1) * DAY_MS,
                    modified_by: "admin".into(),
                })
                .collect();
            self.instances.insert(def, items);
        }
    }

    fn seed_groups(&mut self, epmm: &World) {
        let named: Vec<Option<&User>> = ["jdoe", SAMPLE_USER, "admin"]
            .iter()
            .map(|p| epmm.user(p))
            .collect();
        for (k, (name, description, share)) in GROUPS.into_iter().enumerate() {
            let guid = self.new_guid();
            let mut members = BTreeSet::new();
            for u in &epmm.users {
                if self.rng.gen_range(0..1000) < share {
                    members.insert(u.uuid.clone());
                }
            }
            // jdoe: Wi-Fi users, Engineering and the hostile group; pmorley: Wi-Fi users;
            // the admin: Executives.
            let fixed: &[usize] = match k {
                0 => &[0, 1],
                1 | 5 => &[0],
                3 => &[2],
                _ => &[],
            };
            for &i in fixed {
                if let Some(u) = named[i] {
                    members.insert(u.uuid.clone());
                }
            }
            for &i in &[0usize, 1] {
                if !fixed.contains(&i) {
                    if let Some(u) = named[i] {
                        members.remove(&u.uuid);
                    }
                }
            }
            self.groups.push(GroupRec {
                guid,
                name: name.to_string(),
                description: description.to_string(),
                members,
            });
        }
    }

    fn seed_roles(&mut self) {
        self.roles.insert("admin".into(), Role::Admin);
        self.roles.insert(
            "jdoe".into(),
            Role::SelfService {
                manage_certificates: true,
            },
        );
        self.roles.insert(
            SAMPLE_USER.into(),
            Role::SelfService {
                manage_certificates: false,
            },
        );
    }

    /// The UEM role of a user.
    pub fn role_of(&self, principal: &str) -> Role {
        self.roles
            .get(&principal.to_ascii_lowercase())
            .cloned()
            .unwrap_or(Role::NoRole)
    }

    pub fn group_guid(&self, name: &str) -> Option<String> {
        self.groups
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.guid.clone())
    }

    fn add_profile(
        &mut self,
        name: &str,
        description: &str,
        category: ProfileCategory,
        source: CertificateSource,
    ) -> String {
        let guid = self.new_guid();
        self.cert_profiles.push(CertProfile {
            guid: guid.clone(),
            name: name.into(),
            description: description.into(),
            category,
            source,
            owner: None,
            dynamics: false,
        });
        guid
    }

    /// The implicit USER_CERTIFICATE profile of an upload to a user, assigned to them only.
    pub fn add_user_certificate_profile(&mut self, user: &str, dynamics: bool) -> String {
        let guid = self.new_guid();
        let name = if dynamics {
            "User certificate (BlackBerry Dynamics)"
        } else {
            "User certificate"
        };
        self.cert_profiles.push(CertProfile {
            guid: guid.clone(),
            name: name.into(),
            description: String::new(),
            category: ProfileCategory::UserCertificate,
            source: CertificateSource::Manual,
            owner: Some(user.to_string()),
            dynamics,
        });
        self.assign_user(&guid, user);
        guid
    }

    pub fn assign_group(&mut self, profile: &str, group: &str) {
        self.profile_groups
            .entry(profile.to_string())
            .or_default()
            .insert(group.to_string());
    }

    pub fn assign_user(&mut self, profile: &str, user: &str) {
        self.profile_users
            .entry(profile.to_string())
            .or_default()
            .insert(user.to_string());
    }

    /// Stores an uploaded certificate; returns its GUID.
    pub fn store_certificate(
        &mut self,
        der: Vec<u8>,
        info: CertInfo,
        source: CertificateSource,
        file_name: Option<String>,
        downloadable: bool,
    ) -> String {
        let guid = self.new_guid();
        self.certs.insert(
            guid.clone(),
            CertRec {
                guid: guid.clone(),
                der,
                info,
                file_name,
                source,
                bundle: None,
                downloadable,
                pending: None,
            },
        );
        guid
    }

    /// Issues a certificate from the CA; `None` if the CA could not be made.
    fn issue(
        &mut self,
        common_name: &str,
        from_ms: i64,
        until_ms: i64,
        source: CertificateSource,
        file_name: Option<&str>,
        downloadable: bool,
    ) -> Option<String> {
        let serial = self.rng.gen_range(1_000_000..u64::MAX / 2);
        let (der, info) = self
            .ca
            .as_ref()?
            .issue(common_name, from_ms, until_ms, serial)
            .ok()?;
        Some(self.store_certificate(
            der,
            info,
            source,
            file_name.map(str::to_string),
            downloadable,
        ))
    }

    /// Groups certificates into a new bundle; returns its GUID.
    pub fn bundle(&mut self, certs: &[String], renewable: bool) -> String {
        let guid = self.new_guid();
        for c in certs {
            if let Some(rec) = self.certs.get_mut(c) {
                rec.bundle = Some(guid.clone());
            }
        }
        self.bundles.insert(
            guid.clone(),
            BundleRec {
                guid: guid.clone(),
                certs: certs.to_vec(),
                renewable,
                pending: None,
            },
        );
        guid
    }

    /// Links a certificate to a user through a profile; returns the embedded certificate GUID.
    pub fn embed(&mut self, user: &str, profile: &str, cert: &str) -> String {
        let guid = self.new_guid();
        self.embedded.push(EmbeddedRec {
            guid: guid.clone(),
            user: user.to_string(),
            profile: profile.to_string(),
            cert: cert.to_string(),
        });
        guid
    }

    fn enroll(
        &mut self,
        embedded: &str,
        device: Option<&str>,
        app: Option<usize>,
        status: Option<EnrollmentStatus>,
        status_ms: i64,
    ) {
        let guid = self.new_guid();
        self.enrollments.push(EnrollmentRec {
            guid,
            embedded: embedded.to_string(),
            device: device.map(str::to_string),
            app,
            status,
            status_ms,
        });
    }

    /// A seeded certificate of `user` through `profile`, enrolled on `devices`.
    #[allow(clippy::too_many_arguments)]
    fn seed_one(
        &mut self,
        user: &str,
        profile: &str,
        cn: &str,
        valid: (i64, i64),
        source: CertificateSource,
        file_name: Option<&str>,
        downloadable: bool,
        devices: &[String],
        now_ms: i64,
    ) -> Option<(String, String)> {
        let cert = self.issue(cn, valid.0, valid.1, source, file_name, downloadable)?;
        let ec = self.embed(user, profile, &cert);
        for (i, d) in devices.iter().enumerate() {
            self.enroll(&ec, Some(d), None, None, now_ms - (i as i64 + 2) * DAY_MS);
        }
        Some((cert, ec))
    }

    fn seed_certificates(&mut self, epmm: &World, now: i64) {
        use CertificateSource::{Manual, Pki, Scep};
        let wifi = self.add_profile(
            "Corporate Wi-Fi credential",
            "Client certificate for the corporate Wi-Fi, uploaded by the user",
            ProfileCategory::UserCredential,
            Manual,
        );
        let entrust = self.add_profile(
            "Entrust multi-key credential",
            "Signing, encryption and authentication keys from Entrust",
            ProfileCategory::UserCredential,
            Pki,
        );
        let scep = self.add_profile(
            "Corporate SCEP",
            "Device certificate from the corporate SCEP server",
            ProfileCategory::Scep,
            Scep,
        );
        let vpn = self.add_profile(
            "VPN SCEP (key on device)",
            "VPN certificate whose key and certificate stay on the device",
            ProfileCategory::Scep,
            Scep,
        );
        let smime = self.add_profile(
            "Email S/MIME credential",
            "S/MIME certificate uploaded by the user",
            ProfileCategory::UserCredential,
            Manual,
        );
        let groups: Vec<Option<String>> = ["Wi-Fi users", "Engineering", "Sales"]
            .iter()
            .map(|g| self.group_guid(g))
            .collect();
        if let Some(g) = &groups[0] {
            self.assign_group(&wifi, g);
        }
        if let Some(g) = &groups[1] {
            self.assign_group(&scep, g);
            self.assign_group(&smime, g);
        }
        // Entity-backed profiles on groups as well.
        let profile_of = |w: &UemWorld, def: &str| {
            w.instances
                .get(&format!("com.blackberry.mdm.common.entity.profile.{def}"))
                .and_then(|l| l.first())
                .map(|i| i.id.clone())
        };
        let compliance = profile_of(self, "ComplianceProfile");
        let dynamics = profile_of(self, "DynamicsSecurityProfile");
        let activation = profile_of(self, "ActivationPolicy");
        for (p, g) in [(compliance, 1), (dynamics, 0), (activation, 2)] {
            if let (Some(p), Some(Some(g))) = (p, groups.get(g)) {
                self.assign_group(&p, g);
            }
        }

        let user = |p: &str| epmm.user(p).map(|u| u.uuid.clone());
        let devices_of = |p: &str| -> Vec<String> {
            epmm.user_index(p)
                .map(|i| {
                    epmm.devices_of(i)
                        .into_iter()
                        .filter(|&d| !epmm.devices[d].retired())
                        .take(2)
                        .map(|d| epmm.devices[d].uuid.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        if let Some(jdoe) = user("jdoe") {
            let devices = devices_of("jdoe");
            let first: Vec<String> = devices.iter().take(1).cloned().collect();
            self.assign_user(&entrust, &jdoe);
            self.assign_user(&vpn, &jdoe);
            self.seed_one(
                &jdoe,
                &wifi,
                "jdoe Wi-Fi",
                (now - 30 * DAY_MS, now + 335 * DAY_MS),
                Manual,
                Some("jdoe-wifi.p12"),
                true,
                &devices,
                now,
            );
            let bundle: Vec<String> = ["Signing", "Encryption", "Authentication"]
                .iter()
                .filter_map(|k| {
                    self.seed_one(
                        &jdoe,
                        &entrust,
                        &format!("Joe Doe ({k})"),
                        (now - 60 * DAY_MS, now + 305 * DAY_MS),
                        Pki,
                        None,
                        true,
                        &first,
                        now,
                    )
                    .map(|(c, _)| c)
                })
                .collect();
            self.bundle(&bundle, true);
            self.seed_one(
                &jdoe,
                &scep,
                "jdoe@example.com",
                (now - 355 * DAY_MS, now + 10 * DAY_MS),
                Scep,
                None,
                true,
                &first,
                now,
            );
            self.seed_one(
                &jdoe,
                &vpn,
                "jdoe VPN",
                (now - 20 * DAY_MS, now + 345 * DAY_MS),
                Scep,
                None,
                false,
                &first,
                now,
            );
            let dyn_profile = self.add_user_certificate_profile(&jdoe, true);
            if let Some((_, ec)) = self.seed_one(
                &jdoe,
                &dyn_profile,
                "jdoe (BlackBerry Dynamics)",
                (now - 10 * DAY_MS, now + 355 * DAY_MS),
                Manual,
                Some("jdoe-dynamics.pfx"),
                true,
                &[],
                now,
            ) {
                let device = first.first().map(String::as_str);
                for (app, status, ago) in [
                    (0, EnrollmentStatus::Installed, 9),
                    (1, EnrollmentStatus::DeliveryPending, 1),
                    (2, EnrollmentStatus::Failed, 3),
                ] {
                    self.enroll(&ec, device, Some(app), Some(status), now - ago * DAY_MS);
                }
            }
            let old = self.add_user_certificate_profile(&jdoe, false);
            self.seed_one(
                &jdoe,
                &old,
                "jdoe (2025)",
                (now - 385 * DAY_MS, now - 20 * DAY_MS),
                Manual,
                Some("jdoe-2025.p12"),
                true,
                &[],
                now,
            );
        }
        if let Some(p) = user(SAMPLE_USER) {
            self.seed_one(
                &p,
                &wifi,
                "pmorley Wi-Fi",
                (now - 100 * DAY_MS, now + 265 * DAY_MS),
                Manual,
                Some("pmorley-wifi.p12"),
                true,
                &[],
                now,
            );
        }
        // A few other Engineering members with their SCEP certificate, for the admin's lists.
        let others: Vec<String> = groups[1]
            .as_ref()
            .and_then(|g| self.groups.iter().find(|x| &x.guid == g))
            .map(|g| g.members.iter().take(8).cloned().collect())
            .unwrap_or_default();
        for (i, u) in others.iter().enumerate() {
            if user("jdoe").as_deref() == Some(u.as_str()) {
                continue;
            }
            let cn = epmm
                .users
                .iter()
                .find(|x| &x.uuid == u)
                .map(|x| x.email.clone())
                .unwrap_or_else(|| u.clone());
            let days = 30 + 40 * i as i64;
            self.seed_one(
                u,
                &scep,
                &cn,
                (now - days * DAY_MS, now + (365 - days) * DAY_MS),
                Scep,
                None,
                true,
                &[],
                now,
            );
        }
    }

    /// The certificate with this GUID (case-insensitive).
    pub fn cert_key(&self, guid: &str) -> Option<String> {
        let g = guid.trim().to_ascii_lowercase();
        self.certs.contains_key(&g).then_some(g)
    }

    pub fn bundle_key(&self, guid: &str) -> Option<String> {
        let g = guid.trim().to_ascii_lowercase();
        self.bundles.contains_key(&g).then_some(g)
    }

    /// The pending operation of a certificate, its own or its bundle's.
    pub fn pending_of(&self, cert: &CertRec) -> Option<Pending> {
        cert.pending.or_else(|| {
            cert.bundle
                .as_ref()
                .and_then(|b| self.bundles.get(b))
                .and_then(|b| b.pending)
        })
    }

    /// The user GUID owning a certificate (through its embedded certificates).
    pub fn owner_of_cert(&self, cert: &str) -> Option<&str> {
        self.embedded
            .iter()
            .find(|e| e.cert == cert)
            .map(|e| e.user.as_str())
    }

    pub fn owner_of_bundle(&self, bundle: &str) -> Option<&str> {
        self.bundles
            .get(bundle)?
            .certs
            .iter()
            .find_map(|c| self.owner_of_cert(c))
    }

    /// Reissues a PKI certificate: same name, new key, serial and validity (a year from now).
    fn renew(&mut self, guid: &str, now_ms: i64) {
        let Some(cn) = self
            .certs
            .get(guid)
            .map(|c| c.info.common_name.clone().unwrap_or_else(|| c.guid.clone()))
        else {
            return;
        };
        let serial = self.rng.gen_range(1_000_000..u64::MAX / 2);
        let issued = self.ca.as_ref().and_then(|ca| {
            ca.issue(&cn, now_ms - 60_000, now_ms + 365 * DAY_MS, serial)
                .ok()
        });
        if let (Some((der, info)), Some(c)) = (issued, self.certs.get_mut(guid)) {
            c.der = der;
            c.info = info;
        }
        if let Some(c) = self.certs.get_mut(guid) {
            c.pending = None;
        }
        // The renewed certificate must reach the Dynamics apps again.
        let embedded: BTreeSet<String> = self
            .embedded
            .iter()
            .filter(|e| e.cert == guid)
            .map(|e| e.guid.clone())
            .collect();
        for en in &mut self.enrollments {
            if embedded.contains(&en.embedded) && en.app.is_some() {
                en.status = Some(EnrollmentStatus::DeliveryPending);
                en.status_ms = now_ms;
            }
        }
    }

    /// Removes certificates, their embedded certificates and enrollments, the bundles left
    /// empty, and the USER_CERTIFICATE profiles left without a certificate.
    pub fn remove_certs(&mut self, guids: &[String]) {
        let gone: BTreeSet<&String> = guids.iter().collect();
        for g in guids {
            self.certs.remove(g);
        }
        let removed: BTreeSet<String> = self
            .embedded
            .iter()
            .filter(|e| gone.contains(&e.cert))
            .map(|e| e.guid.clone())
            .collect();
        self.embedded.retain(|e| !removed.contains(&e.guid));
        self.enrollments.retain(|e| !removed.contains(&e.embedded));
        for b in self.bundles.values_mut() {
            b.certs.retain(|c| !gone.contains(c));
        }
        self.bundles.retain(|_, b| !b.certs.is_empty());
        let embedded = &self.embedded;
        let dropped: Vec<String> = self
            .cert_profiles
            .iter()
            .filter(|p| {
                p.category == ProfileCategory::UserCertificate
                    && !embedded.iter().any(|e| e.profile == p.guid)
            })
            .map(|p| p.guid.clone())
            .collect();
        for p in &dropped {
            self.remove_profile(p);
        }
    }

    /// Removes a profile with its assignments (and, for certificate profiles, its certificates).
    pub fn remove_profile(&mut self, guid: &str) {
        self.cert_profiles.retain(|p| p.guid != guid);
        self.profile_groups.remove(guid);
        self.profile_users.remove(guid);
        let certs: Vec<String> = self
            .embedded
            .iter()
            .filter(|e| e.profile == guid)
            .map(|e| e.cert.clone())
            .collect();
        if !certs.is_empty() {
            self.remove_certs(&certs);
        }
    }

    /// Completes the pending operations that are due (or all of them with `all`).
    pub fn complete(&mut self, now: Instant, now_ms: i64, all: bool) {
        let due = |p: &Option<Pending>| p.filter(|p| all || p.due <= now).map(|p| p.op);
        let bundles: Vec<(String, PendingOp)> = self
            .bundles
            .values()
            .filter_map(|b| due(&b.pending).map(|op| (b.guid.clone(), op)))
            .collect();
        for (b, op) in bundles {
            let certs = self
                .bundles
                .get(&b)
                .map(|x| x.certs.clone())
                .unwrap_or_default();
            match op {
                PendingOp::Renew => {
                    for c in &certs {
                        self.renew(c, now_ms);
                    }
                    if let Some(x) = self.bundles.get_mut(&b) {
                        x.pending = None;
                    }
                }
                PendingOp::Delete => self.remove_certs(&certs),
            }
        }
        let certs: Vec<(String, PendingOp)> = self
            .certs
            .values()
            .filter_map(|c| due(&c.pending).map(|op| (c.guid.clone(), op)))
            .collect();
        for (c, op) in certs {
            match op {
                PendingOp::Renew => self.renew(&c, now_ms),
                PendingOp::Delete => self.remove_certs(&[c]),
            }
        }
    }

    /// Completes what is due by `now`.
    pub fn complete_due(&mut self, now: Instant, now_ms: i64) {
        let any = self.certs.values().any(|c| c.pending.is_some())
            || self.bundles.values().any(|b| b.pending.is_some());
        if any {
            self.complete(now, now_ms, false);
        }
    }

    /// The profile GUIDs assigned to `user` (directly or through a group) and the groups of each.
    pub fn assignments_of(&self, user: &str) -> Vec<(String, bool, Vec<String>)> {
        let groups: Vec<&GroupRec> = self
            .groups
            .iter()
            .filter(|g| g.members.contains(user))
            .collect();
        let mut profiles: BTreeSet<&String> = self.profile_users.keys().collect();
        profiles.extend(self.profile_groups.keys());
        let mut out = Vec::new();
        for p in profiles {
            let direct = self
                .profile_users
                .get(p)
                .is_some_and(|users| users.contains(user));
            let via: Vec<String> = groups
                .iter()
                .filter(|g| {
                    self.profile_groups
                        .get(p)
                        .is_some_and(|gs| gs.contains(&g.guid))
                })
                .map(|g| g.guid.clone())
                .collect();
            if direct || !via.is_empty() {
                out.push((p.clone(), direct, via));
            }
        }
        out
    }
}
