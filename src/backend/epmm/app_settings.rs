//! App settings (EPMM V1 `/appsettings`, L8114-8466), mapped into
//! [`crate::domain::app_setting`].

use super::EpmmCalls;
use crate::backend::{ApiClient, ApiError};
use crate::domain::app_setting::AppSetting;
use crate::url::query_string;
use std::sync::Arc;
use wire::v1;

/// Every app setting, or those of one `appType` (`GET /api/v1/appsettings[?type=]`; 404 = none).
pub async fn list(
    api: &ApiClient,
    app_type: Option<&str>,
) -> Result<Arc<Vec<AppSetting>>, ApiError> {
    let path = match app_type.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("/v1/appsettings?{}", query_string([("type", t)])),
        None => "/v1/appsettings".to_string(),
    };
    let r: v1::AppSettingListResponse = api.get_list(&path).await?;
    Ok(Arc::new(
        r.appsettings.items.into_iter().map(map_setting).collect(),
    ))
}

/// The app settings on one device (`GET /api/v1/appsettings/devices/{uuid}`); counts are not
/// applicable there, and `deleted` says the setting was removed from the device.
pub async fn for_device(
    api: &ApiClient,
    device_uuid: &str,
) -> Result<Arc<Vec<AppSetting>>, ApiError> {
    let path = v1::appsettings::by_device_path(device_uuid);
    let r: v1::AppSettingListResponse = api.get_list(&path).await?;
    Ok(Arc::new(
        r.appsettings.items.into_iter().map(map_setting).collect(),
    ))
}

pub fn map_setting(w: v1::AppSetting) -> AppSetting {
    let system = w.origin() == Some(v1::AppSettingOrigin::System);
    let deleted = w.is_deleted();
    let labels = if w.label_names.is_empty() {
        w.labels.iter().map(|id| format!("Label {id}")).collect()
    } else {
        w.label_names.iter().map(|n| n.trim().to_string()).collect()
    };
    AppSetting {
        name: w.display_name().to_string(),
        id: w.id,
        description: w.description.trim().to_string(),
        app_type: w.app_type.trim().to_ascii_uppercase(),
        system,
        device_count: w.device_count,
        pending_count: w.pending_count,
        quarantined_count: w.quarantined_count,
        labels,
        label_ids: w.labels,
        properties: w
            .properties
            .0
            .into_iter()
            .map(|e| (e.key, e.value))
            .collect(),
        deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_certificate_l8182_8330() {
        let w: v1::AppSetting = serde_json::from_value(json!({"id": -4,
            "name": " System - iOS MDM CA Certificate", "appType": "CERTIFICATE", "deviceCount": 2,
            "pendingCount": 1, "quarantinedCount": 0, "type": "SYSTEM", "labels": -4, "labelNames": "iOS",
            "properties": {"entry": [{"key": "CERT_SERIAL_NUMBER0", "value": "10863527040561121251"}]}}))
        .unwrap();
        let a = map_setting(w);
        assert_eq!(a.name, "System - iOS MDM CA Certificate");
        assert!(a.system && a.is_certificate() && !a.deleted);
        assert_eq!(a.labels, ["iOS"]);
        assert_eq!(
            a.property("CERT_SERIAL_NUMBER0"),
            Some("10863527040561121251")
        );
        assert_eq!(a.type_label(), "Certificate");
    }

    #[test]
    fn by_device_state_deleted_l8426() {
        let w: v1::AppSetting =
            serde_json::from_value(json!({"id": 5, "appType": "wifi", "state": 68, "labels": [7]}))
                .unwrap();
        let a = map_setting(w);
        assert!(a.deleted && !a.system);
        assert_eq!(a.app_type, "WIFI");
        assert_eq!(a.labels, ["Label 7"]);
    }
}
