//! Ivanti Common Platform Services (CPS) API under `/msa/v1/cps` (seed `001_757860a6b2f7a728.txt`,
//! the "Common Platform Services API Guide" for Ivanti Neurons for MDM 100 and Ivanti EPMM
//! 12.1.0.0; digest `cps-and-uem-api.md` Part 1): every call of the guide's catalogue, over the
//! same world as the EPMM V1 and V2 APIs, as an EPMM 12.1 server answers it.
//!
//! Same world: a CPS device is a V1 device (`deviceGuid` = the V1 `uuid`), a CPS user a V1 user
//! (`userUuid` = its uuid, `userId` its user name), a CPS rule an EPMM label (same id, name,
//! members). CPS-only state (custom attribute values, commands and settings waiting for a
//! check-in, messages sent) is [`world::CpsWorld`], a field of the world, reset with it.
//!
//! Behaviour and decisions (each pinned by a test in `tests/cps_*.rs` named after the guide's
//! section):
//! - Authentication: [`auth`] (Basic, CPS role; 401/403 with `{"message"}`).
//! - Errors: the guide documents none; the mock answers `{"message": "..."}` with 400 (bad
//!   input), 401, 403, 404 (unknown path or device group), 405, 413, 429.
//! - Sparse objects: only properties with a value; `false` flags are kept; dates are epoch ms.
//! - Identifiers: [`ids`] (formats; `identifierType` optional on every call, absent = MDM
//!   identifiers and `deviceGuid`s; invalid and empty identifiers are silently ignored and the
//!   count shows it; more than 200 per call is 400, more than 100 is accepted).
//! - Status mapping V1 → CPS and the check-in model: [`world`]; force check-in and MTD:
//!   [`checkin`]; settings: [`settings`]; attributes: [`attributes`]; messages: [`messages`].
//! - Paging: `offset` (default 0), `limit` (default 50, at most `--cps-max-limit`, default 1,000:
//!   a larger limit is cut down without an error and the answer's `limit` says so); `results` is
//!   the number of records in the answer; totals come from the count calls. A negative or
//!   non-numeric `offset`/`limit` is 400.
//! - Rate limits: [`limits`].
//! - Liberal input: a trailing slash, `%24metadata` for `$metadata`, a body on a GET (ignored), a
//!   POST body without Content-Type or empty (no identifiers), enum values in any case, one
//!   identifier as a bare string.
//! - Guide contradictions decided: `ruleId` is the query parameter (the tables' `id` is read as
//!   well); the get
//!   settings call is `POST /device/getDeviceSettings`, and the example's `POST /device/settings`
//!   with a `settingsType` body is answered the same; the app catalog's `platformType` is read in
//!   both spellings and answered in the examples' (`iOS`, `Mac OS X`); `url` and `URL` both carry
//!   the MTD URL; certificates are written with `thumbPrint`.

pub mod attributes;
pub mod auth;
pub mod catalog;
pub mod checkin;
pub mod devices;
pub mod groups;
pub mod hooks;
pub mod ids;
pub mod inventory;
pub mod limits;
pub mod messages;
pub mod meta;
pub mod reply;
pub mod settings;
pub mod users;
pub mod world;

pub use limits::{Cluster, CpsConfig, CpsRuntime};

use crate::state::{SharedState, World};
use axum::extract::OriginalUri;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use reply::{CpsError, Reply};

/// Every call of the guide's catalogue: method, path below `/msa/v1/cps`, the guide's section,
/// handler. `/appstore/apps` is the app catalog example's path (CPS guide, "Get application
/// inventory" of the App Catalog APIs, "Example request").
fn calls() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    MethodRouter<SharedState>,
)> {
    use {checkin as c, devices as d, groups as g, inventory as i, meta as m, settings as s};
    vec![
        (
            "POST",
            "/device/application",
            "Get application inventory",
            post(i::applications),
        ),
        (
            "POST",
            "/device/certificate",
            "Get certificate inventory (iOS only)",
            post(i::certificates),
        ),
        (
            "POST",
            "/device/profile",
            "Get profile inventory (iOS only)",
            post(i::profiles),
        ),
        (
            "GET",
            "/device/$metadata",
            "Get device attributes metadata",
            get(m::device),
        ),
        (
            "POST",
            "/device/uuid",
            "Get devices by MDM or deviceGuid identifiers",
            post(d::by_identifiers),
        ),
        (
            "POST",
            "/device/mac",
            "Get devices by mac addresses",
            post(d::by_macs),
        ),
        ("GET", "/device", "Search devices by status", get(d::search)),
        (
            "POST",
            "/device/location",
            "Get device location details",
            post(d::location),
        ),
        (
            "GET",
            "/device/count",
            "Count devices by status",
            get(d::count),
        ),
        (
            "POST",
            "/device",
            "Update device attributes by device UEM identifiers",
            post(d::update),
        ),
        (
            "POST",
            "/device/settings",
            "Manage device settings - iOS only",
            post(s::manage),
        ),
        (
            "POST",
            "/device/getDeviceSettings",
            "Get device settings - iOS only",
            post(s::get),
        ),
        (
            "POST",
            "/device/forceCheckin",
            "Force checkin",
            post(c::force),
        ),
        (
            "POST",
            "/device/mtd/notification",
            "Check-in for Threat Response Matrix update",
            post(c::mtd),
        ),
        ("GET", "/rule", "Get all Device Groups", get(g::list)),
        (
            "POST",
            "/rule/deviceGuid",
            "Get device groups associated with device list",
            post(g::of_devices),
        ),
        (
            "GET",
            "/rule/{id}",
            "Get device group by device group identifier",
            get(g::one),
        ),
        (
            "POST",
            "/device/email",
            "Send email to device owners",
            post(messages::email),
        ),
        (
            "POST",
            "/device/notification",
            "Send push notification to devices",
            post(messages::push),
        ),
        (
            "GET",
            "/user/$metadata",
            "Get user attributes metadata",
            get(m::user),
        ),
        (
            "GET",
            "/user",
            "Search users by user id",
            get(users::search),
        ),
        (
            "GET",
            "/user/count",
            "Count users by user id",
            get(users::count),
        ),
        (
            "POST",
            "/user",
            "Update user attributes",
            post(users::update),
        ),
        (
            "GET",
            "/appcatalog/apps",
            "Get application inventory (App Catalog APIs)",
            get(catalog::apps),
        ),
        (
            "GET",
            "/appstore/apps",
            "App Catalog APIs, example request",
            get(catalog::apps),
        ),
        (
            "GET",
            "/version",
            "Get current minor version of the API",
            get(m::version),
        ),
        (
            "GET",
            "/device/registration",
            "Get device registration URI",
            get(m::registration),
        ),
        (
            "GET",
            "/device/application/$metadata",
            "Get device app metadata",
            get(m::application),
        ),
        (
            "GET",
            "/device/certificate/$metadata",
            "Get device certificate metadata",
            get(m::certificate),
        ),
        (
            "GET",
            "/event/$metadata",
            "Getting event subscription metadata",
            get(m::events),
        ),
    ]
}

/// The catalogue: method, path below `/msa/v1/cps`, the guide's section.
pub fn catalogue() -> Vec<(&'static str, &'static str, &'static str)> {
    calls().into_iter().map(|(m, p, s, _)| (m, p, s)).collect()
}

/// Adds a route under its path, the path with a trailing slash, and `%24` for `$`.
fn add(
    mut r: Router<SharedState>,
    path: &str,
    m: MethodRouter<SharedState>,
) -> Router<SharedState> {
    let mut paths = vec![path.to_string()];
    if path.contains('$') {
        paths.push(path.replace('$', "%24"));
    }
    for p in paths {
        r = r.route(&p, m.clone()).route(&format!("{p}/"), m.clone());
    }
    r
}

/// The CPS routes, to be nested under `/msa/v1/cps`, with authentication and the rate limits.
pub fn router(state: SharedState) -> Router<SharedState> {
    calls()
        .into_iter()
        .fold(Router::new(), |r, (_, path, _, m)| add(r, path, m))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::enforce,
        ))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::require_cps,
        ))
}

async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> CpsError {
    CpsError::not_found(format!("No such CPS call: {method} {}", uri.path()))
}

async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> CpsError {
    CpsError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// Runs `f` on the world under the read lock, off the async threads (the long answers).
pub async fn blocking<F>(app: &SharedState, f: F) -> Reply
where
    F: FnOnce(&World) -> Reply + Send + 'static,
{
    let app = app.clone();
    tokio::task::spawn_blocking(move || f(&app.read()))
        .await
        .unwrap_or_else(|e| {
            Err(CpsError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Internal error: {e}"),
            ))
        })
}

/// The answer of a fault injected on a CPS path, or of the per-user limit: `{"message"}`.
pub fn error_response(status: StatusCode, message: impl Into<String>) -> Response {
    reply::error(status, message)
}
