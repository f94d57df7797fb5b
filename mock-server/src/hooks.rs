//! Test hooks for the end2end suite and demos, served only with `--test-hooks` and never under
//! `/api` (no authentication):
//!
//! - `POST /_mock/reset`: the world regenerated exactly as at start (same size and seed) and the
//!   start faults restored; answers `{"devices":N,"seed":S}`.
//! - `GET /_mock/faults`, `POST /_mock/faults` with
//!   `{"latencyMs":N,"failRate":0.0-1.0,"malformed":bool,"status":null|401|403|404|429|500|502|503,
//!   "retryAfter":N,"htmlError":bool,"drop":bool,"paths":"substring or empty"}` (every key
//!   optional; the body replaces the settings; 400 on a bad value) — see [`crate::faults`].
//! - `POST /_mock/devices/{uuid}/verify`: completes a pending registration (the user entered the
//!   passcode): status ACTIVE, checked in now.
//! - `GET /_mock/devices/{uuid}/log`: the device's action log (actions, bulk actions, messages
//!   sent, re-pushes, ActiveSync actions) as `{"uuid":…,"status":…,"log":[{atMs,action,by,detail,ok}]}`.

use crate::faults::Faults;
use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use wire::v1::DeviceStatus;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/_mock/reset", post(reset))
        .route("/_mock/faults", get(get_faults).post(set_faults))
        .route("/_mock/devices/{uuid}/verify", post(verify))
        .route("/_mock/devices/{uuid}/log", get(log))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn reset(State(state): State<SharedState>) -> Response {
    let st = state.clone();
    match tokio::task::spawn_blocking(move || st.reset()).await {
        Ok(()) => {
            let (devices, seed) = state.initial;
            Json(json!({ "devices": devices, "seed": seed })).into_response()
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

async fn get_faults(State(state): State<SharedState>) -> Response {
    Json(state.faults()).into_response()
}

async fn set_faults(State(state): State<SharedState>, body: Bytes) -> Response {
    let f: Faults = if body.iter().all(u8::is_ascii_whitespace) {
        Faults::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(f) => f,
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("Invalid faults: {e}")),
        }
    };
    if let Err(e) = f.validate() {
        return error(StatusCode::BAD_REQUEST, e);
    }
    state.set_faults(f.clone());
    Json(f).into_response()
}

async fn verify(State(state): State<SharedState>, Path(uuid): Path<String>) -> Response {
    let mut w = state.write();
    let Some(i) = w.device_index(&uuid) else {
        return error(
            StatusCode::NOT_FOUND,
            format!("No device found for uuid {uuid}"),
        );
    };
    if !w.devices[i].pending() {
        return error(
            StatusCode::BAD_REQUEST,
            format!(
                "Device {uuid} is {}, not pending verification",
                w.devices[i].status
            ),
        );
    }
    let now = w.tick();
    let d = &mut w.devices[i];
    d.status = DeviceStatus::Active;
    d.last_connected_at = now / 1000;
    w.extra_mut(i).registration = None;
    w.log(i, "VERIFY", "_mock", "registration completed", true);
    Json(json!({ "uuid": uuid, "status": "ACTIVE" })).into_response()
}

async fn log(State(state): State<SharedState>, Path(uuid): Path<String>) -> Response {
    let w = state.read();
    let Some(i) = w.device_index(&uuid) else {
        return error(
            StatusCode::NOT_FOUND,
            format!("No device found for uuid {uuid}"),
        );
    };
    let d = &w.devices[i];
    let log = w.extras.get(&i).map(|x| x.log.clone()).unwrap_or_default();
    Json(json!({ "uuid": d.uuid, "status": d.status.as_str(), "log": log })).into_response()
}
