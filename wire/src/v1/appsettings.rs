//! Application settings: all (with a type filter) and by device (EPMM V1 API guide, "Application
//! Settings"). V1 has no certificate API: a Certificates screen reads the `CERTIFICATE` and `SCEP`
//! app settings (digest `epmm-v1-api.md`, "0. Scope and coverage").

use super::common::{encode_segment, wire_enum};
use super::device::{serialize_entry_block, Entries};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// App-setting `appType`, and the values of the `type` filter (V1 guide, "Get all Application
    /// Settings": the request table). `SCEP` is "the type used for all Certificate Enrollment
    /// settings".
    AppSettingType {
        Exchange = "EXCHANGE",
        Wifi = "WIFI",
        Bookmark = "BOOKMARK",
        Email = "EMAIL",
        Vpn = "VPN",
        General = "GENERAL",
        Caldav = "CALDAV",
        Subcal = "SUBCAL",
        Webclip = "WEBCLIP",
        Scep = "SCEP",
        Apn = "APN",
        Restriction = "RESTRICTION",
        Certificate = "CERTIFICATE",
        Mdm = "MDM",
        Provisioning = "PROVISIONING",
        Carddav = "CARDDAV",
        Configuration = "CONFIGURATION",
        Other = "OTHER",
    }
);

impl AppSettingType {
    /// `GET /v1/appsettings?type=CERTIFICATE`
    pub fn list_query(self) -> Vec<(&'static str, String)> {
        vec![("type", self.as_str().to_string())]
    }
    /// Whether settings of this type hold or enrol certificates (the Certificates screen).
    pub fn is_certificate(self) -> bool {
        matches!(self, AppSettingType::Certificate | AppSettingType::Scep)
    }
}

wire_enum!(
    /// App-setting `type`: "System or Admin generated" (V1 guide, "Get all Application Settings":
    /// the response example). Only `SYSTEM` is shown; the admin spelling is not given (the request
    /// table's `type` filter takes `appType` values instead).
    AppSettingOrigin {
        System = "SYSTEM",
        Admin = "ADMIN",
    }
);

/// `state` of the by-device call: the character code of `C`/`D` (V1 guide, "Get Application
/// Settings by Device UUID": the response example).
pub const STATE_CURRENT: i64 = 67;
pub const STATE_DELETED: i64 = 68;

/// Property keys of the guide's certificate example (V1 guide, "Get all Application Settings": the
/// response example).
pub const CERT_SERIAL_NUMBER0: &str = "CERT_SERIAL_NUMBER0";
pub const CERTPATH0: &str = "CERTPATH0";
pub const ENABLE_MIRRORING: &str = "ENABLE_MIRRORING";
pub const SUPPORT_MULTIPLE_CONSUMERS: &str = "SUPPORT_MULTIPLE_CONSUMERS";

/// `<appsetting id="-4">` (V1 guide, the response examples of "Get all Application Settings" and
/// "Get Application Settings by Device UUID"): the superset of both calls.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSetting {
    #[serde(deserialize_with = "lenient::int_i64")]
    pub id: i64,
    /// ` System - iOS MDM CA Certificate` (the guide's example has a leading space).
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    /// See [`AppSetting::kind`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub app_type: String,
    /// 0 / not applicable in the by-device call (V1 guide, "Get Application Settings by Device
    /// UUID": the response example).
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub device_count: i64,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub pending_count: i64,
    /// List call only (V1 guide, "Get all Application Settings": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub quarantined_count: Option<i64>,
    /// `SYSTEM` or `ADMIN`, see [`AppSetting::origin`].
    #[serde(rename = "type", default, deserialize_with = "lenient::string")]
    pub setting_type: String,
    /// By-device call only: 67 Current, 68 Deleted.
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<i64>,
    /// "Not currently used" (V1 guide, "Get all Application Settings": the response example).
    #[serde(
        rename = "clearCertificateCacheForSCEPSetting",
        default,
        deserialize_with = "lenient::boolean"
    )]
    pub clear_certificate_cache_for_scep_setting: bool,
    /// Ids of the labels the setting is assigned to; list call only (V1 guide, "Get all Application
    /// Settings": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::one_or_many_i64",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub labels: Vec<i64>,
    /// Display names of those labels; list call only (V1 guide, "Get all Application Settings": the
    /// response example).
    #[serde(
        default,
        deserialize_with = "lenient::one_or_many_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub label_names: Vec<String>,
    /// `{"entry": [{key, value}…]}` (either entry shape is read).
    #[serde(default, serialize_with = "serialize_entry_block")]
    pub properties: Entries,
}

impl AppSetting {
    pub fn kind(&self) -> Option<AppSettingType> {
        self.app_type.parse().ok()
    }
    pub fn origin(&self) -> Option<AppSettingOrigin> {
        self.setting_type.parse().ok()
    }
    /// `true` for state 68 (Deleted) in the by-device call.
    pub fn is_deleted(&self) -> bool {
        self.state == Some(STATE_DELETED)
    }
    /// The name without the guide's stray leading blank.
    pub fn display_name(&self) -> &str {
        self.name.trim()
    }
}

crate::v1::container!(
    /// `<appsettings><appsetting>…</appsetting></appsettings>`
    AppSettings, "appsetting", AppSetting
);

/// `GET /appsettings[?type=]` and `GET /appsettings/devices/{deviceuuid}`:
/// ` 1 application settting(s) returned.` (sic, V1 guide, the response examples of "Get all
/// Application Settings" and "Get Application Settings by Device UUID").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSettingListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub appsettings: AppSettings,
}

/// `GET /appsettings/devices/{uuid}`.
pub fn by_device_path(device_uuid: &str) -> String {
    format!(
        "/v1/appsettings/devices/{}",
        encode_segment(device_uuid.trim())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn guide_certificate() -> serde_json::Value {
        json!({"id": -4, "name": " System - iOS MDM CA Certificate",
            "description": "This CA Certificate is distributed in conjunction with the system MDM profile.",
            "appType": "CERTIFICATE", "deviceCount": 2, "pendingCount": 1, "quarantinedCount": 0,
            "type": "SYSTEM", "clearCertificateCacheForSCEPSetting": false,
            "labels": -4, "labelNames": "iOS",
            "properties": {"entry": [
                {"key": "CERT_SERIAL_NUMBER0", "value": "10863527040561121251"},
                {"key": "CERTPATH0", "value": "/mi/files/groups/9002/99415d0e64ca8708/b34aab3122e3410e98a2ef5a078806ce"},
                {"key": "ENABLE_MIRRORING", "value": false},
                {"key": "SUPPORT_MULTIPLE_CONSUMERS", "value": "false"}]}})
    }

    #[test]
    fn get_all_application_settings_response_example() {
        let v = json!({"messages": {"message": " 1 application settting(s) returned."},
            "appsettings": {"appsetting": guide_certificate()}});
        let r: AppSettingListResponse = serde_json::from_value(v).unwrap();
        let a = &r.appsettings.items[0];
        assert_eq!(a.kind(), Some(AppSettingType::Certificate));
        assert_eq!(a.origin(), Some(AppSettingOrigin::System));
        assert_eq!(a.display_name(), "System - iOS MDM CA Certificate");
        assert_eq!(
            (a.labels.as_slice(), a.label_names.as_slice()),
            (&[-4][..], &["iOS".to_string()][..])
        );
        assert_eq!(
            a.properties.get(CERT_SERIAL_NUMBER0),
            Some("10863527040561121251")
        );
        assert_eq!(a.properties.get(ENABLE_MIRRORING), Some("false"));
        assert_eq!(a.quarantined_count, Some(0));
        // Written back with `properties` as one object (digest `epmm-v1-api.md`, "8. Decisions for
        // the mock server and the client", #3).
        let out = serde_json::to_value(a).unwrap();
        assert!(out["properties"]["entry"].is_array());
        assert_eq!(out["type"], "SYSTEM");
    }

    #[test]
    fn application_settings_by_device_response_example() {
        // No quarantinedCount/labels/labelNames, but `state` (V1 guide, "Get Application Settings
        // by Device UUID": the response example).
        let v = json!({"id": "-4", "appType": "CERTIFICATE", "deviceCount": 0, "pendingCount": 0,
            "type": "SYSTEM", "state": 67, "properties": [{"entry": {"key": "CERTPATH0", "value": "/mi/x"}}]});
        let a: AppSetting = serde_json::from_value(v).unwrap();
        assert_eq!(a.state, Some(STATE_CURRENT));
        assert!(!a.is_deleted());
        assert!(a.labels.is_empty() && a.quarantined_count.is_none());
        assert_eq!(a.properties.get(CERTPATH0), Some("/mi/x"));
    }

    #[test]
    fn all_eighteen_types_of_the_type_filter() {
        assert_eq!(AppSettingType::ALL.len(), 18);
        assert_eq!("scep".parse::<AppSettingType>(), Ok(AppSettingType::Scep));
        assert!(AppSettingType::Scep.is_certificate());
        assert_eq!(
            AppSettingType::Certificate.list_query(),
            [("type", "CERTIFICATE".into())]
        );
    }
}
