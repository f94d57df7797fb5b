//! `mock-server`: an axum mock of the Ivanti EPMM (MobileIron Core) REST APIs with deterministic
//! seeded data, which also hosts the built portal.
//!
//! ```no_run
//! # async fn demo() {
//! use mock_server::{app, AppState};
//! // 200 devices from seed 1, portal files from ./dist
//! let state = AppState::seeded(200, 1, "dist");
//! let router = app(state.clone());
//! // tests: tower::ServiceExt::oneshot(router, request); state.read() / state.write() for the world
//! # }
//! ```
//!
//! Layout: [`seed`] generates the [`state::World`]; [`auth`] guards `/api/*`; [`v1`] has one module
//! per API area plus the shared envelope/params helpers; [`static_files`] serves `--dist`;
//! [`cache`] keeps serialised bodies per state version.

pub mod auth;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod details;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod v1;

pub use state::{AppState, SharedState, World};

use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;

/// The whole application: `/api/*` (authenticated), `/healthz`, and the portal for everything else.
pub fn app(state: SharedState) -> Router {
    let api = v1::router()
        .fallback(v1::envelope::api_not_found)
        .method_not_allowed_fallback(v1::envelope::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_v1,
        ));
    Router::new()
        .route("/healthz", get(healthz))
        .nest("/api", api)
        .fallback(static_files::serve)
        // gzip/brotli for the API and static files; large cached API bodies arrive already
        // gzip-compressed (`cache`), which the layer leaves alone.
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Liveness probe for test harnesses (no auth).
async fn healthz() -> &'static str {
    "ok"
}
