//! `CertificateDto` (CZERTAINLY reference: `ScepProfileDetailDto.caCertificate` and the items of
//! the CA certificate list, `caCertificates?intuneEnabled=`), with its RA profile and groups.

use super::attributes::ResponseAttribute;
use super::open_enum;
use super::scep::RaProfileSummary;
use serde::{Deserialize, Serialize};

open_enum! {
    /// `state` (CZERTAINLY reference sample `"requested"`; CZERTAINLY `CertificateState`).
    CertificateState {
        Requested = "requested", "Requested";
        Rejected = "rejected", "Rejected";
        PendingApproval = "pending_approval", "Pending approval";
        PendingIssue = "pending_issue", "Pending issue";
        PendingRevoke = "pending_revoke", "Pending revoke";
        Failed = "failed", "Failed";
        Issued = "issued", "Issued";
        Revoked = "revoked", "Revoked";
    }
}

open_enum! {
    /// `validationStatus` (CZERTAINLY reference sample `"not_checked"`; CZERTAINLY
    /// `CertificateValidationStatus`).
    ValidationStatus {
        NotChecked = "not_checked", "Not checked";
        Failed = "failed", "Failed";
        Inactive = "inactive", "Inactive";
        Invalid = "invalid", "Invalid";
        Valid = "valid", "Valid";
        Revoked = "revoked", "Revoked";
        Expiring = "expiring", "Expiring";
        Expired = "expired", "Expired";
    }
}

open_enum! {
    /// `complianceStatus` (CZERTAINLY reference sample `"not_checked"`; versions differ: other
    /// versions have `ok`/`nok`/`na`).
    ComplianceStatus {
        NotChecked = "not_checked", "Not checked";
        Ok = "ok", "Compliant";
        Nok = "nok", "Not Compliant";
        Na = "na", "Not Applicable";
        Failed = "failed", "Failed";
    }
}

open_enum! {
    /// `certificateType` (CZERTAINLY reference sample `"X.509"`).
    CertificateType {
        X509 = "X.509", "X.509";
        Ssh = "SSH", "SSH";
    }
}

/// A group in `CertificateDto.groups` (CZERTAINLY reference).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Group {
    pub uuid: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub custom_attributes: Vec<ResponseAttribute>,
}

/// `CertificateDto` (CZERTAINLY reference). Dates are ISO-8601 (`"2019-08-24T14:15:22Z"`), not
/// epoch numbers as in the Ivanti APIs: [`Certificate::not_before_ms`] /
/// [`Certificate::not_after_ms`] read them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Certificate {
    pub uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_common_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_dn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_dn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key_algorithm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_public_key_algorithm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_signature_algorithm: Option<String>,
    pub hybrid_certificate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_size: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt_key_size: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<CertificateState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_status: Option<ValidationStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ra_profile: Option<RaProfileSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    pub groups: Vec<Group>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_uuid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_type: Option<CertificateType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_serial_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compliance_status: Option<ComplianceStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_certificate_uuid: Option<String>,
    /// A SCEP CA certificate must have its private key on the platform.
    pub private_key_availability: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_ca: Option<bool>,
    pub archived: bool,
}

impl Certificate {
    /// `notBefore` as epoch milliseconds (`None` when absent or unreadable).
    pub fn not_before_ms(&self) -> Option<i64> {
        self.not_before
            .as_deref()
            .and_then(crate::datetime::parse_to_epoch_ms)
    }
    /// `notAfter` as epoch milliseconds (`None` when absent or unreadable).
    pub fn not_after_ms(&self) -> Option<i64> {
        self.not_after
            .as_deref()
            .and_then(crate::datetime::parse_to_epoch_ms)
    }
}
