//! "Manage device settings - iOS only" and "Get device settings - iOS only" (CPS guide).
//!
//! - A setting sent to an iOS device that talks to the server waits for its next check-in (the
//!   get call returns "values … received on the last device check in"): force check-in applies it.
//!   Other devices are ignored and not counted.
//! - The values live in the device's iOS details (`PersonalHotspotEnabled`, `DataRoamingEnabled`,
//!   the key V1 enable roaming writes): both APIs see the same setting.
//! - The guide's example of the get call posts to `/device/settings` with a `settingsType` body
//!   (CPS guide, "Get device settings - iOS only"; its request URI is `/device/getDeviceSettings`):
//!   that body is answered as the get call on either path.
//! - Every identifier invalid (or no iOS device among them): 200 with an empty body, as the guide
//!   says for the get call.

use super::ids;
use super::reply::{self, Body, CpsError, Reply};
use super::world::{HOTSPOT_DETAIL, ROAMING_DETAIL};
use crate::auth::Caller;
use crate::catalog::Platform;
use crate::state::{SharedState, World};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Extension;
use serde_json::Value;
use wire::cps::{
    DeviceSetting, DeviceSettings, GetSettingsRequest, Setting, SettingValue, SettingsRequest,
    SettingsType,
};

fn detail_key(t: SettingsType) -> Result<&'static str, CpsError> {
    match t {
        SettingsType::PersonalHotspot => Ok(HOTSPOT_DETAIL),
        SettingsType::DataRoaming => Ok(ROAMING_DETAIL),
        SettingsType::Unrecognized => Err(CpsError::bad_request(
            "Invalid settings type: one of PERSONAL_HOTSPOT, DATA_ROAMING",
        )),
    }
}

fn ios(w: &World, i: usize) -> bool {
    w.devices[i].platform() == Platform::Ios
}

/// `POST /device/settings`: sets a setting, or (with `settingsType` and no `settings`) reads one.
pub async fn manage(
    State(app): State<SharedState>,
    caller: Extension<Caller>,
    Body(body): Body<Value>,
) -> Reply {
    if body.get("settings").is_none() && body.get("settingsType").is_some() {
        return read_setting(&app, body);
    }
    let req: SettingsRequest = serde_json::from_value(body)
        .map_err(|e| CpsError::bad_request(format!("Invalid JSON body: {e}")))?;
    let setting = req.settings.unwrap_or_default();
    let kind = setting
        .kind
        .ok_or_else(|| CpsError::bad_request("settings.type is required"))?;
    detail_key(kind)?;
    let enabled = setting.value.and_then(|v| v.enabled).ok_or_else(|| {
        CpsError::bad_request("settings.value.enabled is required (true or false)")
    })?;
    let targets = |w: &World| -> Result<Vec<usize>, CpsError> {
        Ok(ids::resolve(w, &req.target)?
            .into_iter()
            .filter(|&i| ios(w, i) && w.cps_reachable(i))
            .collect())
    };
    if targets(&app.read())?.is_empty() {
        return Ok(reply::count(0));
    }
    let mut w = app.write();
    let found = targets(&w)?;
    w.tick();
    let (hotspot, roaming) = match kind {
        SettingsType::PersonalHotspot => (Some(enabled), None),
        _ => (None, Some(enabled)),
    };
    for &i in &found {
        w.cps_queue_setting(i, hotspot, roaming);
        w.log(
            i,
            "CPS_SETTINGS",
            &caller.principal,
            &format!("{kind}={enabled} (at next check-in)"),
            true,
        );
    }
    Ok(reply::count(found.len()))
}

/// `POST /device/getDeviceSettings`.
pub async fn get(State(app): State<SharedState>, Body(body): Body<Value>) -> Reply {
    read_setting(&app, body)
}

fn read_setting(app: &SharedState, body: Value) -> Reply {
    let req: GetSettingsRequest = serde_json::from_value(body)
        .map_err(|e| CpsError::bad_request(format!("Invalid JSON body: {e}")))?;
    let kind = req
        .settings_type
        .ok_or_else(|| CpsError::bad_request("settingsType is required"))?;
    let key = detail_key(kind)?;
    let w = app.read();
    let settings: Vec<DeviceSetting> = ids::resolve(&w, &req.target)?
        .into_iter()
        .filter(|&i| ios(&w, i))
        .filter_map(|i| {
            Some(DeviceSetting {
                identifier: Some(ids::mdm_identifier(w.seed, &w.devices[i])?),
                settings: Some(Setting {
                    kind: Some(kind),
                    value: Some(SettingValue {
                        enabled: Some(w.cps_setting(i, key)),
                    }),
                }),
            })
        })
        .collect();
    if settings.is_empty() {
        return Ok(StatusCode::OK.into_response());
    }
    Ok(reply::json(&DeviceSettings { settings }))
}
