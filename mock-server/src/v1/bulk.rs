//! Bulk device actions and send message (V1 guide, "Send Action to bulk devices" and "Send message
//! to devices").
//!
//! - `POST /dm/bulk/devices/{actiontype}?deviceUuids=…`: the action name must be exactly one of
//!   `LOCK`, `UNLOCK`, `WAKEUP_DEVICE`, `RETIRE`, `WIPE` (the request table), else 400 with the
//!   message `Invalid action` (the response example). At most 20,000 uuids (the request table),
//!   else 400. Unknown uuids are listed in `invalidDevices` while the valid devices are processed
//!   ("Send Action to bulk devices"), with the transitions of the single-device calls. EPMM answers
//!   before acting, except for UNLOCK (the same section): so only UNLOCK reports per-device results
//!   (`passcodes`, `failedDevices`); the other actions skip devices whose state refuses the action
//!   and record that in the device's action log (what EPMM shows in Logs & Events). No valid device
//!   at all: 404.
//! - `POST /dm/bulk/sendmessage?deviceUuid=…` (no "s", "Send message to devices": the request
//!   table) and `POST /dm/bulk/mac/sendmessage?deviceWiFiMacAddress=…` (or `macAddress`: the table
//!   and the example say `deviceWiFiMacAddress`, the text "name macAddress"): `mode` sms, email
//!   (with `subject`) or pns; unknown devices in `invalidDevices`; `messageSentFailed` is true when
//!   any device did not get the message (a boolean; the response example shows only its closing
//!   tag).

use super::envelope::{self, ApiError, Neg};
use super::params::Params;
use crate::auth::Caller;
use crate::ops;
use crate::state::{SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use wire::lenient::Messages;
use wire::v1::{
    BulkAction, BulkResponse, DeviceAction, DeviceStatus, MessageMode, SendMessageResponse, Uuids,
    MAX_BULK_DEVICES,
};

/// Every value of a repeated key, trimmed, blanks dropped, duplicates removed (first kept).
fn repeated(params: &Params, key: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    params
        .all(key)
        .into_iter()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .filter(|v| seen.insert(v.to_ascii_lowercase()))
        .map(str::to_string)
        .collect()
}

/// At least one device, at most 20,000 (V1 guide, the request tables of "Send Action to bulk
/// devices" and "Send message to devices").
pub fn check_count(key: &str, n: usize) -> Result<(), ApiError> {
    if n == 0 {
        Err(ApiError::bad_request(format!("{key} is required")))
    } else if n > MAX_BULK_DEVICES {
        Err(ApiError::bad_request(format!(
            "Too many devices: {n} (at most {MAX_BULK_DEVICES} {key} per request)"
        )))
    } else {
        Ok(())
    }
}

fn invalid_action(neg: Neg) -> Response {
    let body = BulkResponse {
        messages: Messages::one("Invalid action"),
        ..Default::default()
    };
    envelope::reply(neg, StatusCode::BAD_REQUEST, &body)
}

fn single(action: BulkAction) -> DeviceAction {
    match action {
        BulkAction::Lock => DeviceAction::Lock,
        BulkAction::Unlock => DeviceAction::Unlock,
        BulkAction::WakeupDevice => DeviceAction::Wakeup,
        BulkAction::Retire => DeviceAction::Retire,
        BulkAction::Wipe => DeviceAction::Wipe,
    }
}

/// `POST /api/v1/dm/bulk/devices/{actiontype}`.
pub async fn devices(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    action: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let Some(action) = action
        .ok()
        .and_then(|Path(a)| BulkAction::parse_exact(a.trim()))
    else {
        return Ok(invalid_action(neg));
    };
    let uuids = repeated(&params, "deviceUuids");
    if uuids.is_empty() && !params.all("deviceUuid").is_empty() {
        return Err(ApiError::bad_request(
            "deviceUuids is required (the bulk action parameter is deviceUuids, with an \"s\"; V1 guide, Send Action to bulk devices)",
        ));
    }
    check_count("deviceUuids", uuids.len())?;

    let mut w = state.write();
    w.tick();
    let mut body = BulkResponse::default();
    let mut valid = 0usize;
    for u in &uuids {
        let Some(i) = w.device_index(u) else {
            body.invalid_devices.items.push(u.clone());
            continue;
        };
        valid += 1;
        if let Some(why) = ops::refusal(&w.devices[i], single(action)) {
            w.log(i, action.as_str(), &caller.principal, &why, false);
            if action == BulkAction::Unlock {
                body.failed_devices
                    .items
                    .push(format!("Unlock failed for device {u}: {why}"));
            }
            continue;
        }
        apply(&mut w, i, action, &caller.principal, &mut body);
    }
    drop(w);
    if action == BulkAction::Unlock {
        body.messages = Messages::one(format!("{} passcode(s) sent.", body.passcodes.items.len()));
    }
    if valid == 0 {
        body.messages = Messages::one("No valid devices in the request");
        return Ok(envelope::reply(neg, StatusCode::NOT_FOUND, &body));
    }
    Ok(envelope::ok(neg, &body))
}

fn apply(w: &mut World, i: usize, action: BulkAction, by: &str, body: &mut BulkResponse) {
    match action {
        BulkAction::Lock => {
            ops::lock(w, i);
        }
        BulkAction::Unlock => {
            let pc = ops::unlock(w, i);
            if pc.value == "NA" {
                body.failed_devices
                    .items
                    .push(format!("Unlock failed for device {} (NA)", pc.uuid));
            }
            body.passcodes.items.push(pc);
        }
        BulkAction::WakeupDevice => ops::wakeup(w, i),
        BulkAction::Retire => ops::retire(w, i),
        BulkAction::Wipe => ops::wipe(w, i),
    }
    w.log(i, action.as_str(), by, "bulk", true);
}

/// Whether a message can reach a device by this mode.
fn deliverable(w: &World, i: usize, mode: MessageMode) -> Result<(), &'static str> {
    let d = &w.devices[i];
    if matches!(d.status, DeviceStatus::Retired | DeviceStatus::Wiped) {
        return Err("the device is retired or wiped");
    }
    match mode {
        MessageMode::Sms if d.phone.is_none() => Err("the device has no phone number"),
        MessageMode::Email if w.owner(d).email.is_empty() => Err("the user has no email address"),
        MessageMode::Pns if d.last_connected_at == 0 => {
            Err("the device has not registered for push notifications")
        }
        _ => Ok(()),
    }
}

struct MessageRequest {
    mode: MessageMode,
    message: String,
    subject: Option<String>,
    devices: Vec<String>,
}

fn message_request(
    params: &Params,
    key: &str,
    alt: Option<&str>,
) -> Result<MessageRequest, ApiError> {
    let mut devices = repeated(params, key);
    if let Some(alt) = alt {
        devices.extend(repeated(params, alt));
    }
    if devices.is_empty() && key == "deviceUuid" && !params.all("deviceUuids").is_empty() {
        return Err(ApiError::bad_request(
            "deviceUuid is required (the send-message parameter is deviceUuid, with no \"s\"; V1 guide, Send message to devices)",
        ));
    }
    check_count(key, devices.len())?;
    let mode = params
        .required("mode")?
        .parse::<MessageMode>()
        .map_err(|_| {
            ApiError::bad_request(
                "Invalid mode: expected sms, email or pns (V1 guide, Send message to devices)",
            )
        })?;
    let message = params.required("message")?.to_string();
    // "subject: Valid only when the mode is email" (V1 guide, "Send message to devices": the
    // request table).
    let subject = (mode == MessageMode::Email)
        .then(|| params.non_blank("subject").map(str::to_string))
        .flatten();
    Ok(MessageRequest {
        mode,
        message,
        subject,
        devices,
    })
}

async fn send(
    state: SharedState,
    caller: Caller,
    neg: Neg,
    req: MessageRequest,
    by_mac: bool,
) -> Result<Response, ApiError> {
    let mut w = state.write();
    w.tick();
    let mut invalid = Vec::new();
    let (mut sent, mut failed) = (0usize, 0usize);
    let detail = match &req.subject {
        Some(s) => format!("{}: [{}] {}", req.mode, s, req.message),
        None => format!("{}: {}", req.mode, req.message),
    };
    for key in &req.devices {
        let found = if by_mac {
            w.device_index_by_mac(key)
        } else {
            w.device_index(key)
        };
        let Some(i) = found else {
            invalid.push(key.clone());
            continue;
        };
        match deliverable(&w, i, req.mode) {
            Ok(()) => {
                sent += 1;
                w.log(i, "SEND_MESSAGE", &caller.principal, &detail, true);
            }
            Err(why) => {
                failed += 1;
                w.log(
                    i,
                    "SEND_MESSAGE",
                    &caller.principal,
                    &format!("{detail} (not sent: {why})"),
                    false,
                );
            }
        }
    }
    drop(w);
    let all = sent + failed + invalid.len();
    let body = SendMessageResponse {
        messages: Messages::one(if sent == all {
            "Message sent successfully for all devices.".to_string()
        } else {
            format!("Message sent to {sent} of {all} device(s).")
        }),
        invalid_devices: Uuids::from(invalid),
        message_sent_failed: sent < all,
    };
    let status = if sent + failed == 0 {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(envelope::reply(neg, status, &body))
}

/// `POST /api/v1/dm/bulk/sendmessage`.
pub async fn send_message(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    params: Params,
) -> Result<Response, ApiError> {
    let req = message_request(&params, "deviceUuid", None)?;
    send(state, caller, neg, req, false).await
}

/// `POST /api/v1/dm/bulk/mac/sendmessage`.
pub async fn send_message_mac(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    params: Params,
) -> Result<Response, ApiError> {
    let req = message_request(&params, "deviceWiFiMacAddress", Some("macAddress"))?;
    send(state, caller, neg, req, true).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_of_20000_devices() {
        // "By default, the maximum number of device uuids you can list is 20,000." (V1 guide, "Send
        // Action to bulk devices": the request table)
        assert!(check_count("deviceUuids", 1).is_ok());
        assert!(check_count("deviceUuids", MAX_BULK_DEVICES).is_ok());
        let e = check_count("deviceUuids", MAX_BULK_DEVICES + 1).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert!(e.body.messages.0[0].contains("20000"));
        assert!(check_count("deviceUuid", 0).is_err());
    }
}
