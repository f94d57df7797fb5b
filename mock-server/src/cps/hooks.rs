//! CPS test hooks (with `--test-hooks`, no authentication, never under `/msa`):
//!
//! - `GET /_mock/cps/messages`: the messages sent through CPS (email, push, MTD), oldest first:
//!   `[{"id","atMs","kind","by","devices":[deviceGuid…],"subject","text","html","url"}]`.
//! - `GET /_mock/cps/config`, `POST /_mock/cps/config` with
//!   `{"cluster":"NA1","rateLimit":true,"maxLimit":1000}` (every key optional; the body replaces
//!   the settings and empties the rate-limit windows). `POST /_mock/reset` empties the windows
//!   and the message log too.

use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::CpsConfig;

pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/_mock/cps/messages", get(messages))
        .route("/_mock/cps/config", get(config).post(set_config))
}

async fn messages(State(state): State<SharedState>) -> Response {
    Json(state.read().cps.messages.clone()).into_response()
}

async fn config(State(state): State<SharedState>) -> Response {
    Json(state.cps.config()).into_response()
}

async fn set_config(State(state): State<SharedState>, body: Bytes) -> Response {
    let c: CpsConfig = if body.iter().all(u8::is_ascii_whitespace) {
        CpsConfig::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(c) => c,
            Err(e) => {
                return (
                    StatusCode::BAD_REQUEST,
                    Json(serde_json::json!({ "error": format!("Invalid CPS settings: {e}") })),
                )
                    .into_response()
            }
        }
    };
    state.cps.configure(c);
    Json(c).into_response()
}
