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
//! Layout: [`seed`] generates the [`state::World`] ([`data`] adds policies, app settings, alerts
//! and ActiveSync records, kept in [`records`]); [`auth`] guards `/api/*`; [`v1`] has one module
//! per API area plus the shared envelope/params helpers, and [`ops`] the state machine they
//! share; [`static_files`] serves `--dist`; [`cache`] keeps serialised bodies per state version;
//! [`faults`] injects failures into the vendor APIs' answers ([`apis`] says which path is whose);
//! [`hooks`] are the `/_mock` test routes; [`cps`] is the Ivanti CPS API under `/msa/v1/cps` over
//! the same world; [`czertainly`] is the CZERTAINLY SCEP profile API under `/czertainly/api`;
//! [`uem`] is the BlackBerry UEM REST API under `/{tenant}/api/v1`.

pub mod apis;
pub mod auth;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod cps;
pub mod czertainly;
pub mod data;
pub mod details;
pub mod faults;
pub mod hooks;
pub mod ops;
pub mod pkcs12;
pub mod records;
pub mod security;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod uem;
pub mod v1;
pub mod v2;

pub use state::{AppState, SharedState, World};

use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;

/// The whole application: `/api/*` (authenticated), `/healthz`, and the portal for everything else.
pub fn app(state: SharedState) -> Router {
    let config = v2::V2Config {
        test_hooks: state.test_hooks_enabled(),
        ..v2::V2Config::default()
    };
    let v2 = v2::V2State::new(&state.read(), config);
    app_with_v2(state, v2)
}

/// [`app`] with a given V2 certificate state ([`v2`]: its timings, test hooks, and a handle for
/// tests to inspect it).
pub fn app_with_v2(state: SharedState, v2: std::sync::Arc<v2::V2State>) -> Router {
    let api = v1::router()
        .fallback(v1::envelope::api_not_found)
        .method_not_allowed_fallback(v1::envelope::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_v1,
        ))
        // XML for errors raised before the handlers (auth, extractors, fallbacks).
        .layer(axum::middleware::from_fn(v1::envelope::negotiate));
    let v2_ctx = v2::Ctx {
        app: state.clone(),
        v2: v2.clone(),
    };
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        // V2 (own auth and roles) before the V1 catch-all under /api.
        .nest("/api/v2", v2::router(state.clone(), v2.clone()))
        .merge(v2::removed_v1_router())
        .nest("/api", api)
        .nest(wire::cps::BASE_PATH, cps::router(state.clone()))
        // CZERTAINLY SCEP profiles (own authentication: the forwarded client certificate).
        .nest(czertainly::PREFIX, czertainly::router(state.clone()))
        // The WADL at `/api/?_wadl` (V1 guide, "WADL"), which the nested router cannot see.
        .route("/api/", get(v1::wadl_root))
        // BlackBerry UEM under `/{tenant}/api/v1` (and its `/_mock/uem` hooks).
        .merge(uem::router(state.clone()));
    if v2.config.test_hooks {
        router = router.merge(v2::hooks::router(v2_ctx));
    }
    // V1 test hooks (`--test-hooks`): reset, faults, registration verify, action log.
    if state.test_hooks_enabled() {
        router = router
            .merge(hooks::router(Some(v2.clone())))
            .merge(cps::hooks::router())
            .merge(czertainly::hooks_router());
    }
    router
        .fallback(static_files::serve)
        // Per-user request budget on /api (429 + Retry-After).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::rate_limit,
        ))
        // Fault injection for `/api` requests (`--latency-ms`, `--fail-rate`, `--malformed`,
        // `POST /_mock/faults`).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        // gzip/brotli for the API and static files; large cached API bodies arrive already
        // gzip-compressed (`cache`), which the layer leaves alone.
        .layer(CompressionLayer::new())
        // 413 for bodies over the limit, before anything reads them.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            security::MAX_BODY_BYTES,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            security::MAX_BODY_BYTES,
        ))
        // Content-Security-Policy and the other security headers on every answer.
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Liveness probe for test harnesses (no auth).
async fn healthz() -> &'static str {
    "ok"
}
