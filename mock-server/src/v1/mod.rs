//! Ivanti EPMM V1 Web Services API (`/api/v1/...`; seed 003, digest `epmm-v1-api.md`).
//!
//! One module per area; handlers stay small and share [`envelope`] (responses, errors, the body
//! cache) and [`params`] (case-insensitive query keys, paging).

pub mod devices;
pub mod envelope;
pub mod labels;
pub mod params;

use crate::state::SharedState;
use axum::routing::{any, get};
use axum::Router;

/// The V1 routes, relative to `/api` (the caller nests them and adds auth and fallbacks).
pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/v1/dm/devices", get(devices::list))
        .route("/v1/dm/devices/{uuid}", get(devices::one))
        .route("/v1/dm/labels", get(labels::list))
        .route("/v1/dm/labels/{name}", get(labels::devices))
        // Removed from V1 (L56-80): answered explicitly with 404 so a later catch-all under
        // /dm/labels/ cannot swallow them (digest §7 #66).
        .route(
            "/v1/dm/labels/devices/{uuid}",
            any(envelope::removed_label_route),
        )
        .route(
            "/v1/dm/labels/{name}/{deviceid}",
            any(envelope::removed_label_route),
        )
}
