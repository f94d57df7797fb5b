//! UEM test hooks, served only with `--test-hooks` (no authentication, never under a tenant):
//!
//! - `POST /_mock/uem/complete`: completes every pending renew and delete now; answers
//!   `{"completed": N}`.
//! - `POST /_mock/uem/license` with `{"protect": bool}`: turns the BlackBerry Protect licence on
//!   or off (on after start and reset); answers the setting.
//! - `POST /_mock/uem/sessions/expire`: makes every token stale; answers `{"expired": N}`.
//! - `POST /_mock/uem/timing` with `{"completionDelayMs": N, "idleTimeoutMs": N}` (each optional):
//!   how long renew/delete stay pending and how long a token may be idle; answers both.
//!
//! `POST /_mock/reset` regenerates the UEM world as well (sessions stay).

use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use std::time::{Duration, Instant};

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/_mock/uem/complete", post(complete))
        .route("/_mock/uem/license", post(license))
        .route("/_mock/uem/sessions/expire", post(expire))
        .route("/_mock/uem/timing", post(timing))
}

fn error(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

async fn complete(State(state): State<SharedState>) -> Response {
    let mut w = state.uem.lock();
    let n = w.certs.values().filter(|c| c.pending.is_some()).count()
        + w.bundles.values().filter(|b| b.pending.is_some()).count();
    w.complete(Instant::now(), super::now_ms(), true);
    Json(json!({ "completed": n })).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct License {
    protect: bool,
}

async fn license(State(state): State<SharedState>, body: Bytes) -> Response {
    match serde_json::from_slice::<License>(&body) {
        Ok(l) => {
            state.uem.lock().protect_licensed = l.protect;
            Json(json!({ "protect": l.protect })).into_response()
        }
        Err(e) => error(format!("Expected {{\"protect\": true|false}}: {e}")),
    }
}

async fn expire(State(state): State<SharedState>) -> Response {
    Json(json!({ "expired": state.uem.expire_sessions() })).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Timing {
    completion_delay_ms: Option<u64>,
    idle_timeout_ms: Option<u64>,
}

async fn timing(State(state): State<SharedState>, body: Bytes) -> Response {
    let t: Timing = match serde_json::from_slice(&body) {
        Ok(t) => t,
        Err(e) => return error(format!("Invalid timing: {e}")),
    };
    let mut c = state.uem.config();
    if let Some(ms) = t.completion_delay_ms {
        c.completion_delay = Duration::from_millis(ms.min(3_600_000));
    }
    if let Some(ms) = t.idle_timeout_ms {
        c.idle_timeout = Duration::from_millis(ms.clamp(1, 86_400_000));
    }
    state.uem.set_config(c.clone());
    Json(json!({
        "completionDelayMs": c.completion_delay.as_millis() as u64,
        "idleTimeoutMs": c.idle_timeout.as_millis() as u64,
    }))
    .into_response()
}
