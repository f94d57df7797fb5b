//! Inventory APIs (CPS guide): application, certificate (iOS only) and profile (iOS only)
//! inventories, as `[{"deviceMdmId", "<list>": [...]}]`.
//!
//! - Applications are the device's apps of the world's inventory (the same ones V1
//!   `/apps/inventory/app` counts), with the store identifier of [`super::catalog`]; the iOS-only
//!   fields are sent for iOS devices only.
//! - Certificates: the MDM identity, the app catalog identity, the server's root CA and a public
//!   root (the guide's Go Daddy example), derived from the device and the world seed.
//! - Profiles: the V1 profiles of the device (`/dm/devices/profiles/{uuid}`) that are applied,
//!   as encrypted configuration profiles, plus the root MDM profile.
//! - Devices without an MDM identifier (registration not completed) are left out, like the
//!   invalid identifiers; a retired or wiped device answers an empty list; the iOS-only calls
//!   leave out other platforms.

use super::catalog::store_id;
use super::ids::{self, derive};
use super::reply::{self, Body, Reply};
use crate::catalog::Platform;
use crate::data::{draw, APPS};
use crate::ops;
use crate::state::{SharedState, World, REFERENCE_EPOCH_S};
use crate::v1::apps::has_app;
use axum::extract::State;
use serde::Serialize;
use wire::cps::{
    Application, Certificate, DeviceApplications, DeviceCertificates, DeviceProfiles,
    IdentifierRequest, Profile,
};

/// The server's host name in certificates and profile identifiers.
const HOST: &str = "epmm.example.com";
const ORGANIZATION: &str = "Example, Inc.";
const YEAR_MS: i64 = 365 * 86_400_000;

/// The found devices that have an MDM identifier (and are iOS devices for the iOS-only calls),
/// each with its entry built by `make`.
fn per_device<T: Serialize>(
    app: &SharedState,
    req: &IdentifierRequest,
    ios_only: bool,
    make: impl Fn(&World, usize, String) -> T,
) -> Reply {
    let w = app.read();
    let out: Vec<T> = ids::resolve(&w, req)?
        .into_iter()
        .filter(|&i| !ios_only || w.devices[i].platform() == Platform::Ios)
        .filter_map(|i| Some(make(&w, i, ids::mdm_identifier(w.seed, &w.devices[i])?)))
        .collect();
    Ok(reply::json(&out))
}

fn applications_of(w: &World, i: usize) -> Vec<Application> {
    let d = &w.devices[i];
    let ios = d.platform() == Platform::Ios;
    APPS.iter()
        .enumerate()
        .filter(|(k, _)| has_app(w, d, *k))
        .map(|(k, app)| {
            let managed = draw(w.seed, d.id, 600 + k) < 750;
            let ios_flag = |v: bool| ios.then_some(v);
            Application {
                identifier: store_id(app, d.platform()).map(str::to_string),
                name: Some(app.name.to_string()),
                version: Some(app.version.to_string()),
                managed: Some(managed),
                source: Some(
                    if managed {
                        "PUBLIC"
                    } else {
                        "UNKNOWN_APP_TYPE"
                    }
                    .to_string(),
                ),
                ad_hoc_code_signed: ios_flag(false),
                app_store_vendable: ios_flag(true),
                beta_app: ios_flag(false),
                device_based_vpp: ios_flag(managed && !d.employee_owned),
                external_version_identifier: ios.then(|| 832_990_000 + 137 * k as i64),
                update_available: ios_flag(draw(w.seed, d.id, 700 + k) < 120),
                installing: ios_flag(false),
                validated: ios_flag(true),
                short_version: ios.then(|| app.version.to_string()),
                bundle_version: ios.then(|| app.version.replace('.', "")),
            }
        })
        .collect()
}

/// `POST /device/application` ("Get application inventory").
pub async fn applications(
    State(app): State<SharedState>,
    Body(req): Body<IdentifierRequest>,
) -> Reply {
    per_device(&app, &req, false, |w, i, id| DeviceApplications {
        device_mdm_id: Some(id),
        applications: applications_of(w, i),
    })
}

fn thumbprint(a: u64, b: u64) -> String {
    format!("{a:016X}{b:016X}{:08X}", (a ^ b.rotate_left(17)) >> 32)
}

fn certificates_of(w: &World, i: usize, identifier: &str) -> Vec<Certificate> {
    let d = &w.devices[i];
    if !ops::is_managed(d) {
        return Vec::new();
    }
    let enrolled_ms = d.registered_at * 1000;
    let server_uid = 1_496_738_400_000 + (w.seed % 100_000) as i64;
    let ca = |ou: &str, uid: i64| format!("CN={HOST},OU={ou},UID={uid}");
    let root = ca("SystemRootCA", server_uid);
    let identity = |ou: &str, salt: u64, serial: i64| Certificate {
        identity: Some(true),
        not_before: Some(enrolled_ms),
        not_after: Some(enrolled_ms + 2 * YEAR_MS),
        issuer: Some(ca(ou, server_uid + 1)),
        serial_number: Some(serial.to_string()),
        subject: Some(format!("CN={identifier}")),
        thumbprint: Some(thumbprint(
            derive(w.seed, d, salt),
            derive(w.seed, d, salt + 1),
        )),
    };
    vec![
        identity("iOSMDMCA", 1, 1000 + d.id),
        identity("AppStoreFrontCA", 3, 1_000_000 + d.id),
        Certificate {
            identity: Some(false),
            not_before: Some((REFERENCE_EPOCH_S - 5 * 365 * 86_400) * 1000),
            not_after: Some((REFERENCE_EPOCH_S + 20 * 365 * 86_400) * 1000),
            issuer: Some(root.clone()),
            serial_number: Some((750_514_842 + w.seed % 1000).to_string()),
            subject: Some(root),
            thumbprint: Some(thumbprint(w.seed ^ 0xC3EA, w.seed.rotate_left(9))),
        },
        // The public root of the guide's example.
        Certificate {
            identity: Some(false),
            not_before: Some(1_088_528_780_000),
            not_after: Some(2_035_213_580_000),
            issuer: Some(GO_DADDY.to_string()),
            serial_number: Some("0".to_string()),
            subject: Some(GO_DADDY.to_string()),
            thumbprint: Some("2796BAE63F1801E277261BA0D77770028F20EEE4".to_string()),
        },
    ]
}

const GO_DADDY: &str =
    "C=US,O=The Go Daddy Group\\, Inc.,OU=Go Daddy Class 2 Certification Authority";

/// `POST /device/certificate` ("Get certificate inventory (iOS only)").
pub async fn certificates(
    State(app): State<SharedState>,
    Body(req): Body<IdentifierRequest>,
) -> Reply {
    per_device(&app, &req, true, |w, i, id| DeviceCertificates {
        certificates: certificates_of(w, i, &id),
        device_mdm_id: Some(id),
    })
}

/// A uuid-shaped text of two values.
fn uuid_of(a: u64, b: u64) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        ((b >> 48) & 0x3FFF) | 0x8000,
        b & 0xFFFF_FFFF_FFFF
    )
}

fn profiles_of(w: &World, i: usize) -> Vec<Profile> {
    let d = &w.devices[i];
    if !ops::is_managed(d) {
        return Vec::new();
    }
    // Supervised (company-owned) devices do not let the user remove managed profiles.
    let supervised = !d.employee_owned;
    let mut out = vec![Profile {
        encrypted: Some(true),
        has_removal_passcode: Some(false),
        managed: Some(false),
        removal_disallowed: Some(false),
        content: None,
        description: Some(
            "The top-level MDM payload containing the MDM profile, the identities and the trust \
             certificates necessary to MDM-manage this device."
                .to_string(),
        ),
        display_name: Some("Root MDM Profile".to_string()),
        identifier: Some("com.example.epmm.mdm".to_string()),
        organization: Some(ORGANIZATION.to_string()),
        uuid: Some(uuid_of(derive(w.seed, d, 11), derive(w.seed, d, 12))),
        version: Some("1".to_string()),
    }];
    out.extend(
        ops::device_profiles(w, i)
            .into_iter()
            .filter(|p| p.status == "Applied")
            .map(|p| {
                let kind: String = p
                    .policy_type
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                Profile {
                    encrypted: Some(true),
                    has_removal_passcode: Some(false),
                    managed: Some(true),
                    removal_disallowed: Some(supervised),
                    content: None,
                    description: Some(format!("{} ({}) from {HOST}", p.name, p.policy_type)),
                    display_name: Some(p.name.clone()),
                    identifier: Some(format!("mi.{kind}.{}.0", p.id.unsigned_abs())),
                    organization: Some(ORGANIZATION.to_string()),
                    uuid: Some(if p.uuid.is_empty() {
                        uuid_of(
                            derive(w.seed, d, (p.id as u64).wrapping_add(20)),
                            p.id as u64,
                        )
                    } else {
                        p.uuid.clone()
                    }),
                    version: Some("1".to_string()),
                }
            }),
    );
    out
}

/// `POST /device/profile` ("Get profile inventory (iOS only)").
pub async fn profiles(State(app): State<SharedState>, Body(req): Body<IdentifierRequest>) -> Reply {
    per_device(&app, &req, true, |w, i, id| DeviceProfiles {
        device_mdm_id: Some(id),
        profiles: profiles_of(w, i),
    })
}
