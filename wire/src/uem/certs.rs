//! Certificate management (overview, "Certificate management"): certificates,
//! certificate bundles, embedded certificates and certificate enrollments.
//!
//! The overview lists what an embedded certificate relates to ("User, Profile, Certificate,
//! Certificate Bundle, User Devices, and BlackBerry Dynamics Applications") but its list of fields
//! is empty (overview, "Request Embedded Certificates for a User"); the shapes are the
//! mock-server's. What may be done with a certificate or bundle is **not** in these bodies: the
//! overview's way is `OPTIONS` and the `Allow` header (`GET` download, `DELETE`, `PATCH` renew).

use super::directory::{Profile, User, UserDevice};
use super::GuidRef;
use crate::string_enum;
use serde::{Deserialize, Serialize};

string_enum! {
    /// The state of a certificate while a renew or delete "can be asynchronous". The mock answers
    /// `202 Accepted` to both and shows the pending state until the operation completes.
    CertificateState {
        Active = "ACTIVE",
        RenewalPending = "RENEWAL_PENDING",
        DeletionPending = "DELETION_PENDING",
    }
}

string_enum! {
    /// "Certificate Enrollments for BlackBerry Dynamics applications contain a status that gives
    /// information about the stage of the certificate lifecycle on the device" (values: the mock's).
    EnrollmentStatus {
        DeliveryPending = "DELIVERY_PENDING",
        Delivered = "DELIVERED",
        Installed = "INSTALLED",
        RemovalPending = "REMOVAL_PENDING",
        Failed = "FAILED",
    }
}

/// The certificate an embedded certificate or bundle refers to: its GUID (for
/// `pki/certificates/{certificateGUID}`) and what the X.509 certificate says, so that a list can
/// show it without downloading every one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateInfo {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Decimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// The name of the uploaded file, for manually uploaded certificates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

/// An embedded certificate: a certificate in relation to its user, profile and bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmbeddedCertificate {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateInfo>,
    /// Present when the certificate belongs to a bundle: "The presence of a reference to a
    /// Certificate Bundle in an Embedded Certificate indicates that the related certificate
    /// belongs to a bundle".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_bundle: Option<GuidRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<CertificateState>,
    /// How many endpoints installed it (see the certificate enrollments).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrollment_count: Option<u64>,
}

/// `{"embeddedCertificates": […]}`; also the answer of an upload ("a list of Embedded Certificates
/// for each of the private keys uploaded within the PKCS#12 container").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmbeddedCertificates {
    pub embedded_certificates: Vec<EmbeddedCertificate>,
}

/// A BlackBerry Dynamics application where a certificate is installed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DynamicsApplication {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The BlackBerry Dynamics entitlement id (`com.good.gcs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
}

/// A certificate enrollment: where an embedded certificate is installed, on a user device or in a
/// BlackBerry Dynamics app (then with the device it runs on, and a `status`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateEnrollment {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_device: Option<UserDevice>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<DynamicsApplication>,
    /// BlackBerry Dynamics enrollments only (absent for user devices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<EnrollmentStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
}

/// `{"certificateEnrollments": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateEnrollments {
    pub certificate_enrollments: Vec<CertificateEnrollment>,
}

/// A certificate bundle: "a list of references to Certificates that belong to the bundle", which
/// can only be deleted or renewed together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateBundle {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    pub certificates: Vec<CertificateInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<CertificateState>,
}

/// The metadata part of a certificate upload: `{ "password":"cGFzc3dvcmQ=" }` (base64).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateMetadata {
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<String>,
}
