//! Devices (EPMM V1 `/dm/devices…`), mapped into [`crate::model::device::Device`].

use super::{ApiClient, ApiError};
use crate::model::device::{Device, DeviceState, OsFamily, Ownership};
use crate::model::url::{encode_path_segment, query_string};
use std::sync::Arc;
use wire::v1;

/// Every device in one state (`GET /api/v1/dm/devices?status=`; 404 = none, L538-812).
pub async fn list(api: &ApiClient, state: DeviceState) -> Result<Arc<Vec<Device>>, ApiError> {
    let path = format!("/v1/dm/devices?{}", query_string([("status", state.key())]));
    let r: v1::DeviceListResponse = api.get_list(&path).await?;
    Ok(Arc::new(
        r.devices.items.into_iter().map(map_device).collect(),
    ))
}

/// One device with all its details (`GET /api/v1/dm/devices/{uuid}`, L814-1091).
pub async fn get(api: &ApiClient, uuid: &str) -> Result<Device, ApiError> {
    let path = format!("/v1/dm/devices/{}", encode_path_segment(uuid));
    let r: v1::DeviceResponse = api.get_json(&path).await?;
    r.device
        .map(map_device)
        .ok_or_else(|| ApiError::Malformed("the answer has no device".into()))
}

/// The devices of a label (`GET /api/v1/dm/labels/{name}`, L2818-3154).
pub async fn in_label(api: &ApiClient, label: &str) -> Result<Arc<Vec<Device>>, ApiError> {
    let path = format!("/v1/dm/labels/{}", encode_path_segment(label));
    let r: v1::DeviceListResponse = api.get_list(&path).await?;
    Ok(Arc::new(
        r.devices.items.into_iter().map(map_device).collect(),
    ))
}

fn state_of(w: &v1::Device) -> Option<DeviceState> {
    let by_name = w.status.parse::<v1::DeviceStatus>().ok();
    let s = by_name.or_else(|| v1::DeviceStatus::from_code(w.status_code))?;
    Some(match s {
        v1::DeviceStatus::Active => DeviceState::Active,
        v1::DeviceStatus::Blocked => DeviceState::Blocked,
        v1::DeviceStatus::IenrollVerified => DeviceState::EnrollmentVerified,
        v1::DeviceStatus::IenrollInprogress => DeviceState::EnrollmentInProgress,
        v1::DeviceStatus::IenrollComplete => DeviceState::EnrollmentComplete,
        v1::DeviceStatus::Infected => DeviceState::Infected,
        v1::DeviceStatus::Lost => DeviceState::Lost,
        v1::DeviceStatus::VerificationPending => DeviceState::VerificationPending,
        v1::DeviceStatus::Retired => DeviceState::Retired,
        v1::DeviceStatus::RetirePending => DeviceState::RetirePending,
        v1::DeviceStatus::Verified => DeviceState::Verified,
        v1::DeviceStatus::Wiped => DeviceState::Wiped,
        v1::DeviceStatus::Expired => DeviceState::Expired,
    })
}

/// Maps the V1 device into the portal's device.
pub fn map_device(w: v1::Device) -> Device {
    let state = state_of(&w);
    let d = &w.details;
    let wifi_mac = w.wifi_mac().unwrap_or_default();
    let imei = d
        .first_of(&["imei", "iPhone IMEI"])
        .unwrap_or_default()
        .to_string();
    let serial = d
        .first_of(&["SerialNumber", "serial_number"])
        .unwrap_or_default()
        .to_string();
    let os_version = d
        .first_of(&["OSVersion", "platform_name", "os_version"])
        .unwrap_or_default()
        .to_string();
    let client_version = d
        .first_of(&["Client_version"])
        .unwrap_or_default()
        .to_string();
    let display = if w.user_display_name.trim().is_empty() {
        format!("{} {}", w.user_first_name, w.user_last_name)
            .trim()
            .to_string()
    } else {
        w.user_display_name.clone()
    };
    let phone = w.phone().to_string();
    Device {
        os: OsFamily::from_platform(&w.platform),
        state_text: w.status.clone(),
        state,
        last_seen: wire::datetime::parse_to_epoch_ms(&w.last_connected_at),
        registered: wire::datetime::parse_to_epoch_ms(&w.registered_at),
        ownership: if w.employee_owned {
            Ownership::Employee
        } else {
            Ownership::Company
        },
        wifi_mac,
        imei,
        serial,
        os_version,
        client_version,
        phone,
        user_display_name: display,
        details: w.details.0.into_iter().map(|e| (e.key, e.value)).collect(),
        uuid: w.uuid,
        name: w.name,
        user: w.principal,
        email: w.email_address,
        platform: w.platform,
        manufacturer: w.manufacturer,
        model: w.model,
        operator: w.operator,
        country: w.country_name,
        compliance: w.compliance,
        quarantine: w.quarantined_status,
        block: w.block_reason,
        comment: w.comment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example() {
        let w: v1::Device = serde_json::from_value(json!({
            "id": 2, "uuid": "8d711cdc-e93c-49b1-88d6-222f54132445", "principal": "jdoe",
            "status": "ACTIVE", "statusCode": 97, "platform": "Android 4.4", "employeeOwned": false,
            "lastConnectedAt": "2011-07-08T01:52:33+00:00", "userFirstName": "Joe", "userLastName": "Doe",
            "phoneNumber": "4085551212",
            "details": [{"entry": [{"key": "Client_version", "value": "4.2.0"},
                                   {"key": "wifi_mac_addr", "value": "f8:7b:7a:29:83:8f"},
                                   {"key": "imei", "value": "A00000226EBF9F"}]}]
        }))
        .unwrap();
        let d = map_device(w);
        assert_eq!(d.state, Some(DeviceState::Active));
        assert_eq!(d.os, OsFamily::Android);
        assert_eq!(d.ownership, Ownership::Company);
        assert_eq!(d.last_seen, Some(1_310_089_953_000));
        assert_eq!(d.user_display_name, "Joe Doe");
        assert_eq!(d.client_version, "4.2.0");
        assert_eq!(d.wifi_mac, "F87B7A29838F");
        assert_eq!(d.imei, "A00000226EBF9F");
        assert_eq!(d.phone, "4085551212");
    }

    #[test]
    fn status_from_code_when_name_missing_and_unknown_kept() {
        let w: v1::Device =
            serde_json::from_value(json!({"uuid": "u", "statusCode": 119})).unwrap();
        assert_eq!(map_device(w).state, Some(DeviceState::Wiped));
        let w: v1::Device =
            serde_json::from_value(json!({"uuid": "u", "status": "QUARANTINED"})).unwrap();
        let d = map_device(w);
        assert_eq!(d.state, None);
        assert_eq!(d.state_label(), "QUARANTINED");
    }
}
