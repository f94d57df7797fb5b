//! Ivanti EPMM **V2** certificate management (`/api/v2/...`; the EPMM v2 REST API guide, chapter
//! "Certificate Management", cited by section title, e.g. V2 guide, "Revoke certificates"; digest
//! `certificates-api.md` Part A), with its own authentication, world and jobs.
//!
//! Endpoints by module (V2 guide sections in parentheses):
//! - [`certificates`]: certificate search and CSV export ("Export certificate details to a CSV
//!   file", "Search/Retrieve certificate details"), and revocation of pending certificates ("Revoke
//!   certificates belonging to external certificate enrollment");
//! - [`user_provided`]: user-provided certificates ("Managing user certificates"); the removed V1
//!   API (410);
//! - [`ce`]: CE configurations, SCEP challenge, test certificate ("Get SCEP configuration
//!   information" to "Get CE configuration information");
//! - [`users`]: users without certificates and their export ("Search for users without
//!   certificates" to "Download summary for users without certificates").
//!
//! Conventions (V2 guide, the sample responses; for errors digest `certificates-api.md`, "A.5 Error
//! envelope and status codes for our mock"): JSON envelope `{"results","messages","resultCount"}`;
//! errors are the same envelope with one `type "Error"` message; `adminDeviceSpaceId` is `1`; roles
//! per endpoint in [`roles`]. Authentication is HTTP Basic against the V1 world's users, but unlike
//! V1 a valid user without the needed role gets **403**, not 401.
//!
//! The mock's contract where the V2 guide is silent (the open questions of digest
//! `certificates-api.md`, "Part F: Open questions"), decided here:
//! - **Self-service roles (question 1)**: option (a). A user-portal user may call "Get list of all
//!   user provided certificate enrollment IDs' information…" and the upload, delete and get calls
//!   for their own principal only; everything else is 403 ([`roles`]).
//! - **`userId` in the export and the search (question 2)**: a numeric user id or a principal, both
//!   accepted.
//! - **Errors (question 3)**: digest `certificates-api.md`, "A.5 Error envelope and status codes
//!   for our mock" (`mock.`-prefixed keys; 400 validation, 403 roles, 404 unknown configuration or
//!   nothing uploaded, 409 download while running, 410 the V1 API, 413 too large, 502 CA failure).
//!   Upload errors use `mock.upload.file.*` / `mock.upload.password.*` keys so a client can place
//!   them under the field they concern.
//! - **Export concurrency (question 4)**: one certificate export per device space, shared by all
//!   admins; one users-without-certificates export per configuration ([`jobs`]). Default run 3 s.
//! - **CSV columns (question 5)**: one per field of the search, in its order ("Download the CSV
//!   file"); `id,principal,displayName,firstName,lastName,emailAddress` ("Download summary for
//!   users without certificates").
//! - **Strictness on certificate versions and keys (question 7)**: rejected with 400, and so are
//!   expired / not-yet-valid certificates and files without a private key ([`pkcs12`]).
//! - **Revocation ("Revoke certificates belonging to external certificate enrollment")**: a 5 s run
//!   that moves the external CAs' PENDING_REVOCATION certificates to REVOKED evenly over its run
//!   ([`jobs`]).
//! - With `--test-hooks`: `GET /_mock/pkcs12`, `POST /_mock/v2/reset`, `GET|POST /_mock/v2/faults`
//!   ([`hooks`]).

pub mod ce;
pub mod certificates;
pub mod envelope;
pub mod hooks;
pub mod jobs;
/// The PKCS#12 checks, shared with the UEM mock ([`crate::pkcs12`]).
pub use crate::pkcs12;
pub mod roles;
pub mod user_provided;
pub mod users;
pub mod world;

use crate::auth::{authenticate, Caller, REALM};
use crate::state::{SharedState, World};
use axum::extract::{DefaultBodyLimit, OriginalUri, Request, State};
use axum::http::header::WWW_AUTHENTICATE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use envelope::V2Error;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use world::V2World;

/// Run-time settings of the V2 mock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Config {
    /// How long a CSV export runs (digest `certificates-api.md`, "A.7 Mock data seeded from the
    /// doc", suggests 2 s; 3 s shows the running state).
    pub export_duration: Duration,
    /// How long a revocation run takes (digest `certificates-api.md`, "A.4 Endpoints in detail",
    /// "Revoke certificates": default 5 s).
    pub revocation_duration: Duration,
    /// Mount the test-only routes under `/_mock` ([`hooks`]).
    pub test_hooks: bool,
}

impl Default for V2Config {
    fn default() -> Self {
        V2Config {
            export_duration: Duration::from_secs(3),
            revocation_duration: Duration::from_secs(5),
            test_hooks: false,
        }
    }
}

/// The V2 state: its own world behind its own lock (never held together with the V1 lock, which
/// is always taken first and released before this one).
#[derive(Debug)]
pub struct V2State {
    world: Mutex<V2World>,
    pub config: V2Config,
    /// CA of the test certificates (V2 guide, "Verify Ivanti EPMM/SCEP Connectivity"), made on
    /// first use.
    pub(crate) test_ca: Mutex<Option<ce::TestCa>>,
}

impl V2State {
    pub fn new(v1: &World, config: V2Config) -> Arc<V2State> {
        Arc::new(V2State {
            world: Mutex::new(world::generate(v1, now_ms())),
            config,
            test_ca: Mutex::new(None),
        })
    }

    /// The world, with the revocation job brought up to date.
    pub fn lock(&self) -> MutexGuard<'_, V2World> {
        let mut w = self.world.lock().unwrap_or_else(|e| e.into_inner());
        w.tick(Instant::now());
        w
    }

    /// Generates the world again (test hook).
    pub fn reset(&self, v1: &World) {
        let fresh = world::generate(v1, now_ms());
        *self.world.lock().unwrap_or_else(|e| e.into_inner()) = fresh;
    }
}

impl V2World {
    /// Applies the revocation due by `now`.
    pub fn tick(&mut self, now: Instant) {
        use wire::v2::certificates::CertificateStatus as S;
        let Some(job) = self.revocation.as_mut() else {
            return;
        };
        let due = job.due(now);
        for k in job.done..due {
            if let Some(c) = job.queue.get(k).and_then(|&i| self.certs.get_mut(i)) {
                if c.status == S::PendingRevocation {
                    c.status = if job.manual {
                        S::ManualRevocationRequired
                    } else {
                        S::Revoked
                    };
                }
            }
        }
        job.done = due.max(job.done);
        if job.finished(now) {
            self.revocation = None;
        }
    }
}

/// What every V2 handler gets.
#[derive(Clone)]
pub struct Ctx {
    pub app: SharedState,
    pub v2: Arc<V2State>,
}

/// Wall-clock epoch milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The V2 routes, relative to `/api/v2`, behind [`require_v2`].
pub fn router(app: SharedState, v2: Arc<V2State>) -> Router<SharedState> {
    let ctx = Ctx {
        app: app.clone(),
        v2,
    };
    let up = "/configuration/CE/USER_PROVIDED";
    let wnc = "/configurations/CE/{ce}/users/withnocerts";
    Router::new()
        // V2 guide, "Export certificate details to a CSV file" and "Search/Retrieve certificate
        // details" (the export is GET in the overview, POST in detail; the search GET in the table,
        // POST in the sample)
        .route(
            "/certificates/search_export",
            post(certificates::export).get(certificates::export),
        )
        .route(
            "/certificates/search_export_status",
            get(certificates::export_status),
        )
        .route(
            "/certificates/search_download_csv",
            get(certificates::download),
        )
        .route(
            "/certificates/search",
            post(certificates::search).get(certificates::search),
        )
        // V2 guide, "Managing user certificates"
        .route(
            &format!("{up}/{{ce}}/uploadCertificate"),
            post(user_provided::upload).layer(DefaultBodyLimit::max(
                pkcs12::MAX_FILE_BYTES * 2 + 64 * 1024,
            )),
        )
        .route(
            &format!("{up}/{{ce}}/deleteCertificate"),
            post(user_provided::delete),
        )
        .route(
            &format!("{up}/{{ce}}/getCertificate"),
            post(user_provided::get_one),
        )
        .route(
            &format!("{up}/all/getAllUserProvidedCertificateDetails"),
            post(user_provided::get_all),
        )
        // V2 guide, "Revoke certificates belonging to external certificate enrollment"
        .route(
            "/certificateCheckJob/attemptRevokeForPendingRevocation/status",
            get(certificates::revocation_status),
        )
        .route(
            "/certificateCheckJob/attemptRevokeForPendingRevocation",
            post(certificates::revoke),
        )
        // V2 guide, "Get SCEP configuration information" to "Get CE configuration information"
        // (singular `configuration` and plural `configurations` both as documented; "Get CE
        // configuration information" also without the trailing `/configurations`, as in its sample)
        .route("/configuration/SCEP/{sub}/summary", get(ce::summary))
        .route(
            "/configuration/SCEP/{sub}/{id}/challenge",
            post(ce::challenge),
        )
        .route(
            "/configuration/CE/issue_test_certificate",
            get(ce::test_certificate),
        )
        .route(
            "/configurations/CE/{ce}/configurations",
            get(ce::configurations),
        )
        .route("/configurations/CE/{ce}", get(ce::configurations))
        // V2 guide, "Search for users without certificates" to "Download summary for users without
        // certificates" ("Export status summary for users without certificates" is POST, unlike
        // "Get status of the export process"; GET is accepted too)
        .route(&format!("{wnc}/search"), post(users::search))
        .route(&format!("{wnc}/search_export"), post(users::export))
        .route(
            &format!("{wnc}/search_export_status"),
            post(users::export_status).get(users::export_status),
        )
        .route(&format!("{wnc}/search_download_csv"), get(users::download))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(app, require_v2))
        .with_state(ctx)
}

/// The removed V1 API for user-provided certificates answers **410** (V2 guide, "Error checking and
/// validation"), for any method, before authentication. Merge at the top level (absolute paths).
pub fn removed_v1_router() -> Router<SharedState> {
    Router::new()
        .route("/api/v1/sm/certificates", any(gone))
        .route("/api/v1/sm/certificates/{*rest}", any(gone))
}

async fn gone() -> V2Error {
    V2Error::new(
        StatusCode::GONE,
        "v1.certificates.GONE",
        "This API is no longer supported. Use the V2 API.",
    )
}

async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> V2Error {
    V2Error::new(
        StatusCode::NOT_FOUND,
        "request.NOT_FOUND",
        format!("No such resource: {method} {}", uri.path()),
    )
}

async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> V2Error {
    V2Error::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "request.METHOD_NOT_ALLOWED",
        format!("Method {method} is not allowed for {}", uri.path()),
    )
}

fn is_xhr(req: &Request) -> bool {
    req.headers()
        .get("x-requested-with")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"XMLHttpRequest"))
}

/// Basic authentication for V2: any enabled user with a password; the handlers check roles.
/// Failures are 401 with the V2 error envelope (`Authentication required.`, digest
/// `certificates-api.md`, "A.5 Error envelope and status codes for our mock") and
/// `WWW-Authenticate` unless the request says `X-Requested-With: XMLHttpRequest`.
pub async fn require_v2(
    State(state): State<SharedState>,
    mut req: Request,
    next: Next,
) -> Response {
    let xhr = is_xhr(&req);
    let result = authenticate(&state.read(), req.headers());
    match result {
        Ok(caller) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Err(e) => {
            let mut res = V2Error::new(
                StatusCode::UNAUTHORIZED,
                "auth.UNAUTHORIZED",
                format!("Authentication required. {}", e.message()),
            )
            .into_response();
            if !xhr {
                res.headers_mut().insert(WWW_AUTHENTICATE, REALM);
            }
            res
        }
    }
}

/// 403 unless the caller holds every category.
pub fn require(caller: &Caller, needed: &[roles::Category]) -> Result<(), V2Error> {
    if roles::has_all(caller, needed) {
        Ok(())
    } else {
        Err(V2Error::forbidden())
    }
}

/// The query string as pairs (keys case-sensitive, as the V2 guide writes them).
pub fn query_pairs(uri: &axum::http::Uri) -> Result<Vec<(String, String)>, V2Error> {
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map(|q| q.0)
        .map_err(|e| V2Error::bad_request("request.QUERY", format!("Invalid query string: {e}")))
}

/// The value of a query parameter (exact key first, then case-insensitive).
pub fn query_get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .or_else(|| pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
        .map(|(_, v)| v.as_str())
}

/// `adminDeviceSpaceId` must be given and be the mock's device space.
pub fn check_space(value: Option<i64>) -> Result<(), V2Error> {
    match value {
        Some(world::DEVICE_SPACE) => Ok(()),
        other => Err(V2Error::device_space(other)),
    }
}

/// `adminDeviceSpaceId` from the query string.
pub fn space_from_query(pairs: &[(String, String)]) -> Result<(), V2Error> {
    match query_get(pairs, "adminDeviceSpaceId").map(str::trim) {
        None | Some("") => Err(V2Error::device_space(None)),
        Some(v) => check_space(Some(v.parse::<i64>().map_err(|_| {
            V2Error::bad_request(
                "request.adminDeviceSpaceId.INVALID",
                "Invalid device space.",
            )
        })?)),
    }
}
