//! Certificate search and the asynchronous CSV export (V2 guide, "Export certificate details to a
//! CSV file" and "Search/Retrieve certificate details").

use super::lenient::{num_or_str, opt_text};
use crate::lenient::{opt_bool, opt_i64};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `certificateStatus` (V2 guide, "Initiate the processing of certificate details to be exported":
/// the request table; the 10th line, after `HIGH_GENERATING`, is the sample value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CertificateStatus {
    Active,
    Expired,
    PendingRevocation,
    ManualRevocationRequired,
    Revoked,
    Sent,
    WaitingSend,
    Generating,
    HighGenerating,
}

impl CertificateStatus {
    pub const ALL: [CertificateStatus; 9] = [
        CertificateStatus::Active,
        CertificateStatus::Expired,
        CertificateStatus::PendingRevocation,
        CertificateStatus::ManualRevocationRequired,
        CertificateStatus::Revoked,
        CertificateStatus::Sent,
        CertificateStatus::WaitingSend,
        CertificateStatus::Generating,
        CertificateStatus::HighGenerating,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CertificateStatus::Active => "ACTIVE",
            CertificateStatus::Expired => "EXPIRED",
            CertificateStatus::PendingRevocation => "PENDING_REVOCATION",
            CertificateStatus::ManualRevocationRequired => "MANUAL_REVOCATION_REQUIRED",
            CertificateStatus::Revoked => "REVOKED",
            CertificateStatus::Sent => "SENT",
            CertificateStatus::WaitingSend => "WAITING_SEND",
            CertificateStatus::Generating => "GENERATING",
            CertificateStatus::HighGenerating => "HIGH_GENERATING",
        }
    }
}

impl fmt::Display for CertificateStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CertificateStatus {
    type Err = String;
    /// Exact names; surrounding blanks and letter case are forgiven.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        CertificateStatus::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| format!("Invalid value '{s}' for certificateStatus."))
    }
}

/// The body of the export and search calls (V2 guide, the request tables of "Initiate the
/// processing of certificate details to be exported" and "Search/Retrieve certificate details").
/// Every field is optional here: the mock decides what is required (the export needs
/// `certificateStatus`, the search does not).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateFilter {
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub admin_device_space_id: Option<i64>,
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub ce_setting_name: Option<String>,
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub certificate_status: Option<String>,
    /// A numeric user id or a principal (the guide does not say which; the mock accepts both).
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Request spelling `deviceUUID` (V2 guide, "Initiate the processing of certificate details to
    /// be exported": the request table); the other two spellings, of the search's table and sample,
    /// are accepted.
    #[serde(
        rename = "deviceUUID",
        alias = "deviceUuid",
        alias = "deviceUUid",
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_uuid: Option<String>,
    /// Epoch milliseconds (V2 guide, "Initiate the processing of certificate details to be
    /// exported": the request table).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub expires_after: Option<i64>,
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub expires_before: Option<i64>,
}

/// One element of the search's `results` (V2 guide, "Search/Retrieve certificate details": the
/// sample response). Every field is optional and tolerant; the mock writes the sample's shape,
/// `"deviceUUid"` spelling and numeric `serialNumber`/`userId` included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateRecord {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// A number in the search sample (`102`), a string in that of "Get list of user provided
    /// certificate enrollment ID information…" (V2 guide).
    #[serde(deserialize_with = "opt_text", serialize_with = "num_or_str")]
    pub serial_number: Option<String>,
    /// `"Centralized"` in the sample; other values undocumented.
    #[serde(rename = "type", deserialize_with = "opt_text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "opt_bool")]
    pub trash: Option<bool>,
    /// `YYYY-MM-DD`: the expiry date despite the name (V2 guide, "Search/Retrieve certificate
    /// details": the sample response).
    #[serde(deserialize_with = "opt_text")]
    pub expired_at: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub created_at: Option<String>,
    /// The internal numeric user id (`9002`, V2 guide, "Search/Retrieve certificate details": the
    /// sample response).
    #[serde(deserialize_with = "opt_text", serialize_with = "num_or_str")]
    pub user_id: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub device_id: Option<i64>,
    /// Written `deviceUUid` as in the sample (V2 guide, "Search/Retrieve certificate details");
    /// read in all three spellings.
    #[serde(
        rename = "deviceUUid",
        alias = "deviceUuid",
        alias = "deviceUUID",
        deserialize_with = "opt_text"
    )]
    pub device_uuid: Option<String>,
    #[serde(rename = "localCAId", deserialize_with = "opt_i64")]
    pub local_ca_id: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub ce_setting_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub certificate_status: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub ce_id: Option<i64>,
    #[serde(deserialize_with = "super::lenient::list")]
    pub consumer_app_settings: Vec<i64>,
}

/// `results` of the two export calls (V2 guide, "Initiate the processing of certificate details to
/// be exported": the sample response puts them inside `results`, its response table at the top
/// level).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportLinks {
    #[serde(deserialize_with = "opt_text")]
    pub export_status_poll_url: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub csv_download_url: Option<String>,
}

/// `results` of the two export status calls (V2 guide, the sample responses of "Get status of the
/// export process" and "Export status summary for users without certificates"). Names from the
/// samples (the response table leaves three rows unnamed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportStatus {
    #[serde(deserialize_with = "opt_bool")]
    pub is_running: Option<bool>,
    /// `"success"` or `"fail"`; undocumented while running (V2 guide, "Get status of the export
    /// process": the response table).
    #[serde(deserialize_with = "opt_text")]
    pub export_status_msg: Option<String>,
    /// A server path (`/mi/tomcat/temp/…`): never shown (the sample of "Get status of the export
    /// process").
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub csv_file_name: Option<String>,
    #[serde(deserialize_with = "opt_bool")]
    pub is_export_status_available: Option<bool>,
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub initiated_at: Option<i64>,
}

/// Columns of the certificate CSV (V2 guide, "Download the CSV file"): one per field of the search,
/// in its order (the mock's choice; the columns are not documented).
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "serialNumber",
    "type",
    "trash",
    "expiredAt",
    "createdAt",
    "userId",
    "deviceId",
    "deviceUuid",
    "localCAId",
    "ceSettingName",
    "certificateStatus",
    "ceId",
    "consumerAppSettings",
];
