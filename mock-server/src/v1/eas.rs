//! Exchange ActiveSync (V1 guide, "Exchange ActiveSync (EAS)"): the grouped list, one device's
//! details, block / reinstate / wipe.
//!
//! Decisions where the guide is unclear: the list's XML root keeps the guide's
//! `easWebServiceReponse` ("List All ActiveSync Devices": the response example), the action answer
//! uses `easWebServiceResponse` ("Request Action on ActiveSync Device") and the detail has no
//! envelope (`easDevice`, "Device Details for ActiveSync"); every group carries the full item (the
//! list example shows only `uuid` for the groups after the first); `status` is
//! `Registered`/`Unregistered` and `activeSyncStatus` `Allowed`/`Blocked`/`Wiped` (the list example
//! names no values). The list is not paged (it has five groups), but carries `totalCount`. Effects:
//! BLOCK_DEVICE moves the device to a blocked group and sets `blockReason` bit 512 ("manually
//! blocked") on the linked EPMM device; REINSTATE_DEVICE moves it back and clears that bit; WIPE
//! moves it to `wipedDevices` and marks the linked EPMM device WIPED (it was factory reset through
//! Exchange). All three set `actionSource` MANUAL.

use super::devices::path_param;
use super::envelope::{self, ApiError, Neg, EAS_DEVICE_ROOT, EAS_LIST_ROOT};
use super::params::Params;
use crate::auth::Caller;
use crate::records::{EasAccess, EasRec};
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use time::OffsetDateTime;
use wire::lenient::Messages;
use wire::v1::bitmap::flags;
use wire::v1::{
    ActionSource, DeviceStatus, EasAction, EasDevice, EasDeviceDetail, EasListResponse, Entries,
    Entry, MessagesOnly,
};

/// The Exchange server's own date form, `7/6/2010 11:29:33 AM` (V1 guide, "Device Details for
/// ActiveSync": the response example).
pub fn exchange_date(ms: i64) -> String {
    let Ok(t) = OffsetDateTime::from_unix_timestamp(ms / 1000) else {
        return String::new();
    };
    let (h, pm) = match t.hour() {
        0 => (12, false),
        h @ 1..=11 => (h, false),
        12 => (12, true),
        h => (h - 12, true),
    };
    format!(
        "{}/{}/{} {}:{:02}:{:02} {}",
        u8::from(t.month()),
        t.day(),
        t.year(),
        h,
        t.minute(),
        t.second(),
        if pm { "PM" } else { "AM" }
    )
}

struct Shown {
    user: String,
    phone: String,
    model: String,
    platform: String,
    platform_code: Option<i64>,
    device_id: String,
    display_name: String,
}

fn shown(w: &World, e: &EasRec) -> Shown {
    if let Some(u) = &e.unregistered {
        return Shown {
            user: u.user.clone(),
            phone: u.phone.clone(),
            model: u.model.to_string(),
            platform: u.platform.to_string(),
            platform_code: (u.platform_code != 0).then_some(u.platform_code),
            device_id: u.device_id.clone(),
            display_name: w
                .user(&u.user)
                .map(|x| x.display_name())
                .unwrap_or_else(|| u.user.clone()),
        };
    }
    let Some(d) = e.device.and_then(|i| w.devices.get(i as usize)) else {
        return Shown {
            user: String::new(),
            phone: String::new(),
            model: String::new(),
            platform: String::new(),
            platform_code: None,
            device_id: String::new(),
            display_name: String::new(),
        };
    };
    let ios = d.platform() == crate::catalog::Platform::Ios;
    let serial = d.serial_string();
    Shown {
        user: w.owner(d).principal.clone(),
        phone: d.phone_string(),
        model: if ios {
            if d.model().tablet { "iPad" } else { "iPhone" }.to_string()
        } else {
            d.model().hw.to_string()
        },
        platform: d.platform().family().to_string(),
        // `11` for iOS is the only documented code (V1 guide, "List All ActiveSync Devices": the
        // response example); 12 for Android is inferred.
        platform_code: Some(if ios { 11 } else { 12 }),
        device_id: if ios {
            format!("Appl{}", &serial[serial.len().saturating_sub(11)..])
        } else {
            format!("androidc{}", d.mac % 1_000_000_000)
        },
        display_name: w.owner(d).display_name(),
    }
}

/// The list item of an association (V1 guide, "List All ActiveSync Devices": the response example).
pub fn to_wire(w: &World, e: &EasRec) -> EasDevice {
    let s = shown(w, e);
    EasDevice {
        uuid: e.uuid.clone(),
        domain: "example.com".into(),
        device_id: s.device_id,
        mailbox_id: s.user.clone(),
        user_name: s.user,
        phone_number: s.phone,
        model: s.model,
        platform: s.platform,
        platform_code: s.platform_code,
        status: if e.device.is_some() {
            "Registered"
        } else {
            "Unregistered"
        }
        .into(),
        active_sync_status: e.access.as_str().into(),
        first_sync_time: Some(e.first_sync_ms),
        last_sync_time: Some(e.last_sync_ms),
        mi_device_uuid: e
            .device
            .and_then(|i| w.devices.get(i as usize))
            .map(|d| d.uuid.clone())
            .unwrap_or_default(),
        action_source: e.source.as_str().into(),
    }
}

/// The Exchange detail entries of an association (V1 guide, "Device Details for ActiveSync": the
/// response example).
pub fn details(w: &World, e: &EasRec) -> Vec<Entry> {
    let s = shown(w, e);
    let ios = s.platform == "iOS";
    let kind = if ios {
        s.model.clone()
    } else {
        "Android".into()
    };
    let agent = if ios {
        format!("Apple-{}/2104.72", s.model.replace(' ', ""))
    } else {
        format!("Android-{}/101.10100", s.model.replace(' ', ""))
    };
    let (state, reason) = match e.access {
        EasAccess::Allowed => ("Allowed", "Individual"),
        EasAccess::Blocked if e.source == ActionSource::Policy => ("Blocked", "Policy"),
        EasAccess::Blocked => ("Blocked", "Individual"),
        EasAccess::Wiped => ("Blocked", "Individual"),
    };
    let guid_tail = e.uuid.get(e.uuid.len().saturating_sub(12)..).unwrap_or("");
    let pairs: Vec<(&str, String)> = vec![
        ("ActionSource", e.source.display().to_string()),
        ("LastPingHeartbeat", "600".into()),
        ("DeviceID", s.device_id.clone()),
        ("FirstSyncTime", exchange_date(e.first_sync_ms)),
        ("DevicePolicyApplicationStatus", "AppliedInFull".into()),
        ("LastSyncAttemptTime", exchange_date(e.last_sync_ms)),
        ("NumberOfFoldersSynced", "12".into()),
        ("DeviceType", kind.clone()),
        ("DeviceModel", s.model.clone()),
        ("DeviceUserAgent", agent),
        (
            "Status",
            if e.access == EasAccess::Wiped {
                "DeviceWipeSucceeded"
            } else {
                "DeviceOk"
            }
            .into(),
        ),
        ("Guid", format!("61a8a847-8e3b-4496-8da6-{guid_tail}")),
        ("DeviceAccessState", state.into()),
        ("DeviceEnableOutboundSMS", "False".into()),
        (
            "Identity",
            format!(
                "exchange.example.com/Users/{}/ExchangeActiveSyncDevices/{}\u{a7}{}",
                s.display_name, kind, s.device_id
            ),
        ),
        ("DeviceAccessStateReason", reason.into()),
        ("DevicePolicyApplied", "Default".into()),
        (
            "LastPolicyUpdateTime",
            exchange_date(e.first_sync_ms + 1000),
        ),
        ("IsRemoteWipeSupported", "True".into()),
        ("LastSuccessSync", exchange_date(e.last_sync_ms)),
        ("RecoveryPassword", "********".into()),
        ("DeviceActiveSyncVersion", "16.1".into()),
    ];
    pairs.into_iter().map(|(k, v)| Entry::new(k, v)).collect()
}

/// `GET /api/v1/eas/devices`.
pub async fn list(State(state): State<SharedState>, neg: Neg, headers: HeaderMap) -> Response {
    let neg = neg.with_root(EAS_LIST_ROOT);
    envelope::cached(&state, &headers, neg, "v1/eas/devices".into(), |w, neg| {
        let mut body = EasListResponse::default();
        for e in &w.eas {
            let item = to_wire(w, e);
            match (e.access, e.device.is_some()) {
                (EasAccess::Wiped, _) => body.wiped_devices.items.push(item),
                (EasAccess::Allowed, true) => body.registered_allowed_devices.items.push(item),
                (EasAccess::Blocked, true) => body.registered_blocked_devices.items.push(item),
                (EasAccess::Allowed, false) => body.unregistered_allowed_devices.items.push(item),
                (EasAccess::Blocked, false) => body.unregistered_blocked_devices.items.push(item),
            }
        }
        let n = body.len();
        body.total_count = Some(n as u64);
        if n == 0 {
            body.messages = Messages::one("No devices found");
            return envelope::body(neg, StatusCode::NOT_FOUND, &body);
        }
        // "212 Device(s) returned" (V1 guide, "List All ActiveSync Devices": the response example)
        body.messages = Messages::one(envelope::devices_returned(n));
        envelope::body(neg, StatusCode::OK, &body)
    })
    .await
}

/// `GET /api/v1/eas/devices/{EASDeviceUuid}`.
pub async fn one(
    State(state): State<SharedState>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let w = state.read();
    let i = w
        .eas_index(&uuid)
        .ok_or_else(|| ApiError::no_data(format!("No ActiveSync device found for uuid {uuid}")))?;
    let e = &w.eas[i];
    let body = EasDeviceDetail {
        uuid: e.uuid.clone(),
        details: Entries(details(&w, e)),
        messages: Messages::none(),
    };
    drop(w);
    Ok(envelope::ok(neg.with_root(EAS_DEVICE_ROOT), &body))
}

/// `PUT /api/v1/eas/devices?action=&uuids=…`.
pub async fn action(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    params: Params,
) -> Result<Response, ApiError> {
    let action = params.required("action")?;
    let action = EasAction::parse_exact(action.trim())
        .or_else(|| action.parse().ok())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Invalid action: {action} (BLOCK_DEVICE, REINSTATE_DEVICE or WIPE; V1 guide, Request Action on ActiveSync Device)"
            ))
        })?;
    let uuids: Vec<&str> = params
        .all("uuids")
        .into_iter()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect();
    if uuids.is_empty() {
        return Err(ApiError::bad_request(
            "uuids is required (ActiveSync device uuids)",
        ));
    }
    if uuids.len() > wire::v1::MAX_BULK_DEVICES {
        return Err(ApiError::bad_request("Too many uuids"));
    }
    let mut w = state.write();
    let found: Vec<usize> = uuids.iter().filter_map(|u| w.eas_index(u)).collect();
    if found.is_empty() {
        return Err(ApiError::no_data(format!(
            "No ActiveSync device found for uuids {}",
            uuids.join(", ")
        )));
    }
    let now = w.tick();
    let mut modified = 0;
    for &i in &found {
        let e = &mut w.eas[i];
        let changed = match action {
            EasAction::BlockDevice => e.access == EasAccess::Allowed,
            EasAction::ReinstateDevice => e.access == EasAccess::Blocked,
            EasAction::Wipe => e.access != EasAccess::Wiped,
        };
        if !changed {
            continue;
        }
        modified += 1;
        e.access = match action {
            EasAction::BlockDevice => EasAccess::Blocked,
            EasAction::ReinstateDevice => EasAccess::Allowed,
            EasAction::Wipe => EasAccess::Wiped,
        };
        e.source = ActionSource::Manual;
        e.last_sync_ms = e.last_sync_ms.max(now);
        if let Some(d) = e.device.map(|d| d as usize) {
            let dev = &mut w.devices[d];
            match action {
                EasAction::BlockDevice => dev.block_reason |= flags::MANUALLY_BLOCKED,
                EasAction::ReinstateDevice => dev.block_reason &= !flags::MANUALLY_BLOCKED,
                EasAction::Wipe => {
                    if !matches!(dev.status, DeviceStatus::Retired | DeviceStatus::Wiped) {
                        dev.status = DeviceStatus::Wiped;
                    }
                }
            }
            w.log(
                d,
                &format!("EAS_{}", action.as_str()),
                &caller.principal,
                "",
                true,
            );
        }
    }
    drop(w);
    let body = MessagesOnly {
        // "1 device(s) modified to BLOCK_DEVICE status" (V1 guide, "Request Action on ActiveSync
        // Device": the response example)
        messages: Messages::one(format!("{modified} device(s) modified to {action} status")),
        total_count: None,
    };
    Ok(envelope::ok(neg, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_dates_of_the_activesync_details() {
        // "7/6/2010 11:29:33 AM" is 2010-07-06T11:29:33Z
        assert_eq!(exchange_date(1_278_415_773_000), "7/6/2010 11:29:33 AM");
        assert_eq!(exchange_date(1_278_461_692_000), "7/7/2010 12:14:52 AM");
        assert_eq!(exchange_date(1_278_504_892_000), "7/7/2010 12:14:52 PM");
    }
}
