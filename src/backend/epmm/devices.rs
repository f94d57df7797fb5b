//! Devices (EPMM V1 `/dm/devices…`), mapped into [`crate::domain::device::Device`].

use crate::backend::{ApiClient, ApiError};
use crate::domain::device::{Device, DeviceState, OsFamily, Ownership};
use crate::domain::lookup::Lookup;
use crate::url::{encode_path_segment, query_string};
use std::borrow::Cow;
use std::sync::Arc;
use wire::v1;

/// Every device in one state (`GET /api/v1/dm/devices?status=`; 404 = none, L538-812).
pub async fn list(api: &ApiClient, state: DeviceState) -> Result<Arc<Vec<Device>>, ApiError> {
    let path = format!("/v1/dm/devices?{}", query_string([("status", state.key())]));
    device_list(api, &path).await
}

/// The most devices a list is sized for in advance (the portal is built for 100,000).
const MAX_PRESIZE: usize = 200_000;

/// A device list answer (`{"devices":{"device":[…]}}`, L538-812), read while it arrives: each
/// device is parsed and mapped as soon as its bytes are in, and the bytes dropped (100,000 devices
/// are over 100 MB of JSON). A device given as one object instead of a list, and every other
/// tolerated shape, come from the rest of the answer.
pub(super) async fn device_list(api: &ApiClient, path: &str) -> Result<Arc<Vec<Device>>, ApiError> {
    let mut out = Vec::new();
    let rest: v1::DeviceListResponse = api
        .get_list_streamed(path, v1::DEVICE_LIST_ARRAY, |bytes, head| {
            if out.capacity() == 0 {
                // Sized once from the answer's totalCount: no doubling peak in wasm memory.
                if let Some(n) = v1::total_count_hint(head, MAX_PRESIZE) {
                    let _ = out.try_reserve_exact(n);
                }
            }
            out.push(map_device(v1::Device::from_json(bytes)?));
            Ok(())
        })
        .await?;
    out.extend(rest.devices.items.into_iter().map(map_device));
    if out.capacity() > out.len() + out.len() / 8 + 16 {
        // A count above what came (a server's mistake) does not keep its room.
        out.shrink_to_fit();
    }
    Ok(Arc::new(out))
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
    device_list(
        api,
        &format!("/v1/dm/labels/{}", encode_path_segment(label)),
    )
    .await
}

/// Devices found by a server lookup (any state): by label, Wi-Fi MAC, phone numbers or user
/// (L2818-3154). No match is an empty list.
pub async fn lookup(api: &ApiClient, l: &Lookup) -> Result<Arc<Vec<Device>>, ApiError> {
    match l {
        Lookup::Label(name) => in_label(api, name).await,
        Lookup::User(u) => {
            device_list(api, &format!("/v1/dm/users/{}", encode_path_segment(u))).await
        }
        Lookup::Phones(p) => {
            let path: Vec<String> = p.iter().map(|n| encode_path_segment(n)).collect();
            device_list(api, &format!("/v1/dm/phones/{}", path.join(","))).await
        }
        Lookup::Mac(m) => {
            let r: v1::MacLookupResponse = api
                .get_list(&format!("/v1/dm/devices/mac/{}", encode_path_segment(m)))
                .await?;
            Ok(Arc::new(
                r.device().cloned().map(map_device).into_iter().collect(),
            ))
        }
    }
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

/// The reasons of a V1 bitmap (seed 003 L438-536) in words; nothing allocated when clear.
pub fn reasons(bits: u32) -> Vec<Cow<'static, str>> {
    if bits == 0 {
        return Vec::new();
    }
    let d = v1::bitmap::decode(bits);
    let mut out: Vec<Cow<'static, str>> = d.reasons.iter().map(|r| Cow::Borrowed(r.text)).collect();
    if d.unknown_bits != 0 {
        out.push(Cow::Owned(format!(
            "Undocumented reason bits 0x{:06x}",
            d.unknown_bits
        )));
    }
    out
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
        internal_id: w.id,
        mdm_managed: w.mdm_managed,
        eas_last_sync: wire::datetime::parse_to_epoch_ms(&w.eas_last_sync_attempt),
        compliance_reasons: reasons(w.compliance),
        quarantine_reasons: reasons(w.quarantined_status),
        block_reasons: reasons(w.block_reason),
        eas_id: w.eas_uuid,
        home_operator: w.home_operator,
        user_uuid: w.user_uuid,
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
        assert!(d.compliance_reasons.is_empty());
    }

    #[test]
    fn bitmaps_become_reasons_l438_536() {
        // 0x000010 "policy out of date" + 0x000020 "out of contact" (L505-508); 0x020000 is undocumented.
        let r = reasons(0x10 | 0x20 | 0x020000);
        assert_eq!(r[0], "Policy out of date");
        assert_eq!(r[1], "Out of contact");
        assert_eq!(r[2], "Undocumented reason bits 0x020000");
        assert!(reasons(0).is_empty());
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
