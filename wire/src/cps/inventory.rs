//! Inventory object models (CPS guide, "Application", "Certificate", "Profile", "App Catalog") and
//! the per-device wrappers the inventory calls answer (`[{"deviceMdmId", "applications": [...]}]`,
//! CPS guide, "Get application inventory").

use super::lenient::opt_string;
use super::AppPlatform;
use crate::lenient::{one_or_many, opt_bool, opt_i64};
use serde::{Deserialize, Serialize};

/// An app installed on a device (CPS guide, "Application"). The iOS-only fields
/// (`adHocCodeSigned` … `bundleVersion`, added January 22, 2021) are absent for other platforms.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub identifier: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub version: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub managed: Option<bool>,
    /// "for example, PUBLIC"; the guide's examples show `UNKNOWN_APP_TYPE`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub source: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub ad_hoc_code_signed: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub app_store_vendable: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub beta_app: Option<bool>,
    #[serde(
        default,
        rename = "deviceBasedVPP",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub device_based_vpp: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub external_version_identifier: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub update_available: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub installing: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub validated: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub short_version: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub bundle_version: Option<String>,
}

/// A certificate on an iOS device (CPS guide, "Certificate"). The object model says `thumbprint`,
/// the examples and `/device/certificate/$metadata` say `thumbPrint`: both are read, `thumbPrint`
/// is written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub identity: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub not_after: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub not_before: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub issuer: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub serial_number: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub subject: Option<String>,
    /// SHA-1, 40 hex digits.
    #[serde(
        default,
        rename = "thumbPrint",
        alias = "thumbprint",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub thumbprint: Option<String>,
}

/// A configuration profile on an iOS device (CPS guide, "Profile").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub encrypted: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub has_removal_passcode: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub managed: Option<bool>,
    /// Supervised devices only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub removal_disallowed: Option<bool>,
    /// Payload dictionaries; absent when `encrypted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Vec<serde_json::Value>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub description: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub display_name: Option<String>,
    /// Reverse-DNS.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub identifier: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub organization: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub uuid: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub version: Option<String>,
}

/// `{"deviceMdmId": "...", "applications": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceApplications {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_mdm_id: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub applications: Vec<Application>,
}

/// `{"deviceMdmId": "...", "certificates": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceCertificates {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_mdm_id: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub certificates: Vec<Certificate>,
}

/// `{"deviceMdmId": "...", "profiles": [...]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceProfiles {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_mdm_id: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub profiles: Vec<Profile>,
}

/// An app of the app catalog (CPS guide, "App Catalog").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppCatalogApp {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub name: Option<String>,
    /// As the server spells it (`iOS`, `Mac OS X`, …); [`AppCatalogApp::platform`] reads it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub platform_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub version: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub identifier: Option<String>,
    /// In-house apps only.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub build_number: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub created_at: Option<i64>,
}

impl AppCatalogApp {
    /// The platform, whichever spelling the server used.
    pub fn platform(&self) -> AppPlatform {
        self.platform_type
            .as_deref()
            .and_then(AppPlatform::parse)
            .unwrap_or(AppPlatform::Unknown)
    }
}
