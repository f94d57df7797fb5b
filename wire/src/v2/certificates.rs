//! Certificate search and the asynchronous CSV export (E1–E4, S0:L16-693).

use super::lenient::{num_or_str, opt_text};
use crate::lenient::{opt_bool, opt_i64};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// `certificateStatus` (S0:L84-100; the 10th line, L102, is the sample value: C.1 #5).
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

/// The body of E1 and E4 (S0:L48-150; digest A.3). Every field is optional here: the mock
/// decides what is required (E1 needs `certificateStatus`, E4 does not; C.1 #6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateFilter {
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub admin_device_space_id: Option<i64>,
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub ce_setting_name: Option<String>,
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub certificate_status: Option<String>,
    /// A numeric user id or a principal (digest Part F #2: the mock accepts both).
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Request spelling `deviceUUID` (S0:L114); the other two spellings are accepted (C.1 #15).
    #[serde(
        rename = "deviceUUID",
        alias = "deviceUuid",
        alias = "deviceUUid",
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub device_uuid: Option<String>,
    /// Epoch milliseconds (S0:L124-136).
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub expires_after: Option<i64>,
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub expires_before: Option<i64>,
}

/// One element of E4's `results` (S0:L635-669). Every field is optional and tolerant; the mock
/// writes the sample's shape, `"deviceUUid"` spelling and numeric `serialNumber`/`userId`
/// included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CertificateRecord {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// A number in E4 (`102`), a string in E7 (C.1 #16).
    #[serde(deserialize_with = "opt_text", serialize_with = "num_or_str")]
    pub serial_number: Option<String>,
    /// `"Centralized"` in the sample; other values undocumented.
    #[serde(rename = "type", deserialize_with = "opt_text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "opt_bool")]
    pub trash: Option<bool>,
    /// `YYYY-MM-DD`: the expiry date despite the name (S0:L645; C.1 #18).
    #[serde(deserialize_with = "opt_text")]
    pub expired_at: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub created_at: Option<String>,
    /// The internal numeric user id (`9002`, S0:L649; C.1 #17).
    #[serde(deserialize_with = "opt_text", serialize_with = "num_or_str")]
    pub user_id: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub device_id: Option<i64>,
    /// Written `deviceUUid` as in the sample (S0:L653); read in all three spellings.
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

/// E1/E16 `results` (S0:L196-202; C.1 #9: inside `results`, not at the top level).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportLinks {
    #[serde(deserialize_with = "opt_text")]
    pub export_status_poll_url: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub csv_download_url: Option<String>,
}

/// E2/E17 `results` (S0:L331-337, L2031-2043). Names from the samples (C.1 #11).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExportStatus {
    #[serde(deserialize_with = "opt_bool")]
    pub is_running: Option<bool>,
    /// `"success"` or `"fail"`; undocumented while running (C.1 #49).
    #[serde(deserialize_with = "opt_text")]
    pub export_status_msg: Option<String>,
    /// A server path (`/mi/tomcat/temp/…`): never shown (C.1 #48).
    #[serde(deserialize_with = "opt_text", skip_serializing_if = "Option::is_none")]
    pub csv_file_name: Option<String>,
    #[serde(deserialize_with = "opt_bool")]
    pub is_export_status_available: Option<bool>,
    #[serde(deserialize_with = "opt_i64", skip_serializing_if = "Option::is_none")]
    pub initiated_at: Option<i64>,
}

/// Columns of the certificate CSV (E3): one per E4 field, in E4's order (digest A.4 E3; the
/// columns are not documented, C.1 / Part F #5).
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
