//! App settings (EPMM V1 `/appsettings`, EPMM V1 API guide, "Application Settings") behind the
//! portal's [`AppSettingApi`]: the server's `type` filter with its 18 `appType` values, a
//! device's settings, and the mapping.

use super::policies::label_refs;
use super::EpmmCalls;
use crate::backend::app_settings::{AppSettingApi, AppSettingCaps};
use crate::backend::{ApiClient, ApiError};
use crate::domain::app_setting::AppSetting;
use crate::domain::choice::Choices;
use crate::url::query_string;
use std::collections::HashMap;
use std::sync::Arc;
use wire::v1;

/// The 18 `appType` values with readable names, in the guide's order (EPMM V1 API guide, "Get
/// all Application Settings", the `type` parameter).
pub const SETTING_TYPES: Choices = Choices(&[
    ("EXCHANGE", "Exchange"),
    ("WIFI", "Wi-Fi"),
    ("BOOKMARK", "Bookmark"),
    ("EMAIL", "Email"),
    ("VPN", "VPN"),
    ("GENERAL", "General"),
    ("CALDAV", "CalDAV"),
    ("SUBCAL", "Subscribed calendar"),
    ("WEBCLIP", "Web clip"),
    ("SCEP", "Certificate enrollment (SCEP)"),
    ("APN", "APN"),
    ("RESTRICTION", "Restrictions"),
    ("CERTIFICATE", "Certificate"),
    ("MDM", "MDM"),
    ("PROVISIONING", "Provisioning"),
    ("CARDDAV", "CardDAV"),
    ("CONFIGURATION", "App configuration"),
    ("OTHER", "Other"),
]);

const CAPS: AppSettingCaps = AppSettingCaps {
    types: SETTING_TYPES,
};

/// EPMM's app settings.
pub struct EpmmAppSettings {
    api: ApiClient,
}

impl EpmmAppSettings {
    pub fn new(api: ApiClient) -> Self {
        EpmmAppSettings { api }
    }
}

#[async_trait::async_trait(?Send)]
impl AppSettingApi for EpmmAppSettings {
    fn caps(&self) -> &AppSettingCaps {
        &CAPS
    }

    async fn list(&self, type_key: Option<&str>) -> Result<Arc<Vec<AppSetting>>, ApiError> {
        list(&self.api, type_key).await
    }

    async fn get(&self, id: &str) -> Result<AppSetting, ApiError> {
        // V1 has no single-setting call: the setting is picked from the list. Its ids are numbers.
        let missing = || ApiError::not_found(format!("There is no app setting with id {id}."));
        let want = id.trim().parse::<i64>().map_err(|_| missing())?.to_string();
        let all = list(&self.api, None).await?;
        all.iter()
            .find(|a| a.id == want)
            .cloned()
            .ok_or_else(missing)
    }

    async fn for_device(&self, device_id: &str) -> Result<Arc<Vec<AppSetting>>, ApiError> {
        for_device(&self.api, device_id).await
    }
}

/// Every app setting, or those of one `appType` (`GET /api/v1/appsettings[?type=]`, EPMM V1 API
/// guide, "Get all Application Settings"; 404 = none).
pub async fn list(
    api: &ApiClient,
    app_type: Option<&str>,
) -> Result<Arc<Vec<AppSetting>>, ApiError> {
    let path = match app_type.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("/v1/appsettings?{}", query_string([("type", t)])),
        None => "/v1/appsettings".to_string(),
    };
    map_all(api.get_list(&path).await?)
}

/// The app settings on one device (`GET /api/v1/appsettings/devices/{uuid}`, EPMM V1 API guide,
/// "Get Application Settings by Device UUID"); counts are not applicable there, and `deleted`
/// says the setting was removed from the device.
pub async fn for_device(
    api: &ApiClient,
    device_uuid: &str,
) -> Result<Arc<Vec<AppSetting>>, ApiError> {
    map_all(
        api.get_list(&v1::appsettings::by_device_path(device_uuid))
            .await?,
    )
}

fn map_all(r: v1::AppSettingListResponse) -> Result<Arc<Vec<AppSetting>>, ApiError> {
    Ok(Arc::new(
        r.appsettings.items.into_iter().map(map_setting).collect(),
    ))
}

/// Names of the certificate settings a setting uses: the values of its `…_CERTIFICATE`
/// properties (`IDENTITY_CERTIFICATE` of a Wi-Fi setting names a SCEP or certificate setting).
fn certificate_refs(properties: &[(String, String)]) -> Vec<String> {
    properties
        .iter()
        .filter(|(k, v)| {
            let k = k.to_ascii_uppercase();
            (k.ends_with("_CERTIFICATE") || k == "CERTIFICATE") && !v.trim().is_empty()
        })
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

pub fn map_setting(w: v1::AppSetting) -> AppSetting {
    let system = w.origin() == Some(v1::AppSettingOrigin::System);
    let deleted = w.is_deleted();
    let certificate = w.kind().is_some_and(v1::AppSettingType::is_certificate);
    let name = w.display_name().to_string();
    let properties: Vec<(String, String)> = w
        .properties
        .0
        .into_iter()
        .map(|e| (e.key, e.value))
        .collect();
    AppSetting {
        name,
        id: w.id.to_string(),
        description: w.description.trim().to_string(),
        type_key: w.app_type.trim().to_ascii_uppercase(),
        type_label: SETTING_TYPES.label(&w.app_type),
        system,
        device_count: w.device_count,
        pending_count: w.pending_count,
        quarantined_count: w.quarantined_count,
        groups: label_refs(&w.labels, &w.label_names, &HashMap::new()),
        certificate_refs: certificate_refs(&properties),
        properties,
        deleted,
        certificate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn eighteen_types_with_readable_names() {
        // EPMM V1 API guide, "Get all Application Settings": the 18 values of `type`.
        assert_eq!(SETTING_TYPES.len(), 18);
        for t in v1::AppSettingType::ALL {
            assert!(SETTING_TYPES.find(t.as_str()).is_some(), "{t}");
        }
        assert_eq!(SETTING_TYPES.label("wifi"), "Wi-Fi");
        assert_eq!(SETTING_TYPES.label("SCEP"), "Certificate enrollment (SCEP)");
        assert_eq!(SETTING_TYPES.label("NEWTYPE"), "NEWTYPE");
        assert_eq!(SETTING_TYPES.find("scep").map(|t| t.0), Some("SCEP"));
    }

    #[test]
    fn maps_the_guide_certificate_get_all_application_settings() {
        // EPMM V1 API guide, "Get all Application Settings": the example setting.
        let w: v1::AppSetting = serde_json::from_value(json!({"id": -4,
            "name": " System - iOS MDM CA Certificate", "appType": "CERTIFICATE", "deviceCount": 2,
            "pendingCount": 1, "quarantinedCount": 0, "type": "SYSTEM", "labels": -4, "labelNames": "iOS",
            "properties": {"entry": [{"key": "CERT_SERIAL_NUMBER0", "value": "10863527040561121251"}]}}))
        .unwrap();
        let a = map_setting(w);
        assert_eq!(
            (a.id.as_str(), a.name.as_str()),
            ("-4", "System - iOS MDM CA Certificate")
        );
        assert!(a.system && a.certificate && !a.deleted);
        assert_eq!(a.group_names(), "iOS");
        assert_eq!(a.groups[0].id, "iOS");
        assert_eq!(
            a.property("CERT_SERIAL_NUMBER0"),
            Some("10863527040561121251")
        );
        assert_eq!(a.type_label, "Certificate");
        assert!(a.certificate_refs.is_empty());
    }

    #[test]
    fn by_device_state_deleted_get_application_settings_by_device_uuid() {
        // EPMM V1 API guide, "Get Application Settings by Device UUID": `state` 68 = deleted.
        let w: v1::AppSetting =
            serde_json::from_value(json!({"id": 5, "appType": "wifi", "state": 68, "labels": [7]}))
                .unwrap();
        let a = map_setting(w);
        assert!(a.deleted && !a.system && !a.certificate);
        assert_eq!(
            (a.type_key.as_str(), a.type_label.as_str()),
            ("WIFI", "Wi-Fi")
        );
        assert_eq!(a.group_names(), "Label 7");
    }

    #[test]
    fn scep_is_a_certificate_setting_and_uses_are_linked() {
        let w: v1::AppSetting = serde_json::from_value(json!({"id": 1002, "appType": "WIFI",
            "properties": {"entry": [{"key": "SSID", "value": "Corp-Secure"},
                                     {"key": "IDENTITY_CERTIFICATE", "value": " Corporate User Certificate"},
                                     {"key": "CA_CERTIFICATE", "value": " "}]}}))
        .unwrap();
        let a = map_setting(w);
        assert!(!a.certificate);
        assert_eq!(a.certificate_refs, ["Corporate User Certificate"]);
        let w: v1::AppSetting =
            serde_json::from_value(json!({"id": 9, "appType": "SCEP"})).unwrap();
        assert!(map_setting(w).certificate);
    }
}
