//! Single-device actions by uuid and by Wi-Fi MAC (V1 guide, "Retire a Device" to "Enable
//! Roaming"): retire, lock, unlock, wipe, wakeup, locate and enable roaming. Unlock, wakeup and
//! locate are GET ("Http Method: GET" in "Unlock a Device", "Wakeup Client" and "Locate a Device").
//!
//! Decisions where the guide is unclear or contradicts itself:
//! - `Reason`/`reason` both work (`reason` in "Parameter Formats", `Reason` in every action
//!   example); at most 512 characters; required for lock and unlock (the request tables of "Lock a
//!   Device" and "Unlock a Device"; optional for retire and wipe), 400 otherwise.
//! - State machine of [`crate::ops`]: after wipe only retire is possible ("Wipe a Device": "Only
//!   Retire is valid after wipe", no error given for the others), a retired device takes no action,
//!   a device whose registration is not complete only retire; all other refusals are 400 with the
//!   reason.
//! - `deviceUuid` is in every answer ("Lock a Device": the response example attaches "not included
//!   for Android and iOS devices" to it too); lock adds `unlockpasscode` only for devices that are
//!   not Android or iOS ("Lock a Device": the response example).
//! - Unlock answers the Q/F/NA codes of "Unlock a Device" (NA allowed, though "Send Action to bulk
//!   devices" leaves it out) and clears the passcode.
//! - Locate answers the last known fix; `locatenow=true` asks for a fresh fix that the next call
//!   returns ("Locate a Device"), except on iOS where it does not apply (its request table).
//! - Enable roaming is for iOS devices only ("Unique ID of the iOS device", "Enable Roaming": the
//!   request table): other platforms get 400. `voice=false` also disables data roaming (the same
//!   section).
//! - Only `/wipe/mac/{mac}` exists; the guide's example without `/mac/` ("Wipe a Device", examples)
//!   is just a uuid route that finds no device.

use super::devices::{check_mac, path_param};
use super::envelope::{self, ApiError, Neg};
use super::params::Params;
use crate::auth::Caller;
use crate::catalog::Platform;
use crate::ops;
use crate::records::Fix;
use crate::state::SharedState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use wire::lenient::Messages;
use wire::v1::{
    ActionResponse, DeviceAction, DeviceRef, LocateResponse, Location, LookupResult, Passcodes,
    UnlockResponse,
};

/// `Device is retired successfully.` with the guide's leading space (V1 guide, "Retire a Device":
/// the response example).
pub const RETIRED: &str = " Device is retired successfully.";
pub const LOCKED: &str = "Device is locked successfully.";
pub const VOICE_ROAMING: &str = "Device voice roaming settings updated successfully. The voice roaming setting is available only on certain carriers. Disabling voice roaming also disables data roaming.";
pub const DATA_ROAMING: &str = "Device data roaming settings updated successfully.";

/// The device index of a uuid or MAC, or 404 (`totalCount` 0).
pub fn resolve(w: &crate::World, target: &DeviceRef) -> Result<usize, ApiError> {
    match target {
        DeviceRef::Uuid(u) => w
            .device_index(u)
            .ok_or_else(|| ApiError::no_data(format!("No device found for uuid {u}"))),
        DeviceRef::Mac(m) => w
            .device_index_by_mac(m)
            .ok_or_else(|| ApiError::no_data(format!("No device found for Wi-Fi MAC address {m}"))),
    }
}

fn target(p: Result<Path<String>, PathRejection>, by_mac: bool) -> Result<DeviceRef, ApiError> {
    let v = path_param(p)?;
    if by_mac {
        check_mac(&v)?;
        Ok(DeviceRef::Mac(v))
    } else {
        Ok(DeviceRef::Uuid(v))
    }
}

/// The wire form of a fix (`LookupFailure` without coordinates when there is none).
pub fn location(uuid: &str, fix: Option<Fix>) -> Location {
    match fix {
        Some(f) if f.result != LookupResult::LookupFailure => Location {
            uuid: uuid.to_string(),
            lookup_result: f.result.as_str().to_string(),
            latitude: Some((f.lat * 1e6).round() / 1e6),
            longitude: Some((f.lon * 1e6).round() / 1e6),
            radius: Some(f.radius),
            captured_at: Some(f.captured_ms),
        },
        other => Location {
            uuid: uuid.to_string(),
            lookup_result: LookupResult::LookupFailure.as_str().to_string(),
            captured_at: other.map(|f| f.captured_ms),
            ..Default::default()
        },
    }
}

/// Runs one action: parameters, device, state check, effect, log, answer.
async fn act(
    state: SharedState,
    caller: Caller,
    neg: Neg,
    action: DeviceAction,
    target: DeviceRef,
    params: Params,
) -> Result<Response, ApiError> {
    let reason = if action.takes_reason() {
        params.reason(action.requires_reason())?
    } else {
        None
    };
    let locate_now = params.bool("locatenow")?.unwrap_or(false);
    let roaming = if action == DeviceAction::EnableRoaming {
        Some((
            params.required_bool("voice")?,
            params.required_bool("data")?,
        ))
    } else {
        None
    };
    // Checks under a read lock first, so refused calls do not invalidate cached answers.
    {
        let w = state.read();
        let i = precheck(&w, &target, action)?;
        // A locate without locatenow changes nothing.
        if action == DeviceAction::Locate && !locate_now {
            let uuid = w.devices[i].uuid.clone();
            let fix = ops::current_fix(&w, i);
            drop(w);
            return Ok(envelope::ok(neg, &locate_answer(&uuid, fix, false)));
        }
    }
    let mut w = state.write();
    let i = precheck(&w, &target, action)?;
    w.tick();
    let uuid = w.devices[i].uuid.clone();
    let detail = reason.clone().unwrap_or_default();
    let by = caller.principal.as_str();
    let answer = |messages: Messages, unlock_passcode: String| ActionResponse {
        messages,
        device_uuid: uuid.clone(),
        unlock_passcode,
    };
    let response = match action {
        DeviceAction::Retire => {
            ops::retire(&mut w, i);
            w.log(i, "RETIRE", by, &detail, true);
            envelope::ok(neg, &answer(Messages::one(RETIRED), String::new()))
        }
        DeviceAction::Lock => {
            let code = ops::lock(&mut w, i);
            w.log(i, "LOCK", by, &detail, true);
            envelope::ok(
                neg,
                &answer(Messages::one(LOCKED), code.unwrap_or_default()),
            )
        }
        DeviceAction::Unlock => {
            let pc = ops::unlock(&mut w, i);
            w.log(i, "UNLOCK", by, &format!("{detail} ({})", pc.value), true);
            let body = UnlockResponse {
                messages: Messages::one("1 passcode(s) sent."),
                passcodes: Passcodes::from(vec![pc]),
            };
            envelope::ok(neg, &body)
        }
        DeviceAction::Wipe => {
            ops::wipe(&mut w, i);
            w.log(i, "WIPE", by, &detail, true);
            // The guide's wipe answer has an empty message (V1 guide, "Wipe a Device": the response
            // example).
            envelope::ok(neg, &answer(Messages::one(""), String::new()))
        }
        DeviceAction::Wakeup => {
            ops::wakeup(&mut w, i);
            w.log(i, "WAKEUP_DEVICE", by, "", true);
            let m = format!("Wake up request sent to device with uuid:{uuid}");
            envelope::ok(neg, &answer(Messages::one(m), String::new()))
        }
        DeviceAction::Locate => {
            let fix = ops::locate(&mut w, i, true);
            w.log(i, "LOCATE", by, "locatenow=true", true);
            envelope::ok(neg, &locate_answer(&uuid, fix, true))
        }
        DeviceAction::EnableRoaming => {
            let (voice, data) = roaming.unwrap_or((false, false));
            ops::set_roaming(&mut w, i, voice, data);
            w.log(
                i,
                "ENABLE_ROAMING",
                by,
                &format!("voice={voice} data={data}"),
                true,
            );
            let m = Messages(vec![VOICE_ROAMING.into(), DATA_ROAMING.into()]);
            envelope::ok(neg, &answer(m, String::new()))
        }
    };
    Ok(response)
}

/// The device of an action, if the action is possible on it.
fn precheck(w: &crate::World, target: &DeviceRef, action: DeviceAction) -> Result<usize, ApiError> {
    let i = resolve(w, target)?;
    let d = &w.devices[i];
    if let Some(why) = ops::refusal(d, action) {
        return Err(ApiError::bad_request(why));
    }
    if action == DeviceAction::EnableRoaming && d.platform() != Platform::Ios {
        return Err(ApiError::bad_request(format!(
            "Device {} is not an iOS device: roaming settings can only be changed on iOS devices",
            d.uuid
        )));
    }
    Ok(i)
}

fn locate_answer(uuid: &str, fix: Option<Fix>, locate_now: bool) -> LocateResponse {
    LocateResponse {
        device_uuid: uuid.to_string(),
        // The guide's locate answer has an empty message (V1 guide, "Locate a Device": the response
        // example).
        messages: Messages::one(""),
        locations: vec![location(uuid, fix)].into(),
        locate_now,
    }
}

macro_rules! handlers {
    ($($uuid_fn:ident, $mac_fn:ident => $action:ident;)+) => {
        $(
            pub async fn $uuid_fn(
                State(state): State<SharedState>,
                Extension(caller): Extension<Caller>,
                neg: Neg,
                p: Result<Path<String>, PathRejection>,
                params: Params,
            ) -> Result<Response, ApiError> {
                act(state, caller, neg, DeviceAction::$action, target(p, false)?, params).await
            }
            pub async fn $mac_fn(
                State(state): State<SharedState>,
                Extension(caller): Extension<Caller>,
                neg: Neg,
                p: Result<Path<String>, PathRejection>,
                params: Params,
            ) -> Result<Response, ApiError> {
                act(state, caller, neg, DeviceAction::$action, target(p, true)?, params).await
            }
        )+
    };
}

handlers! {
    retire, retire_mac => Retire;
    lock, lock_mac => Lock;
    unlock, unlock_mac => Unlock;
    wipe, wipe_mac => Wipe;
    wakeup, wakeup_mac => Wakeup;
    locate, locate_mac => Locate;
}

/// `PUT /dm/devices/enableroaming/{deviceuuid}?voice=&data=` (uuid only, V1 guide, "Enable
/// Roaming": the URI).
pub async fn enable_roaming(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    p: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    act(
        state,
        caller,
        neg,
        DeviceAction::EnableRoaming,
        target(p, false)?,
        params,
    )
    .await
}
