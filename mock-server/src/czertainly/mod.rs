//! CZERTAINLY Core **SCEP Profile Management** (the CZERTAINLY reference page, "REST API for
//! managing SCEP Profiles in the platform"; digest `certificates-api.md` Part B), mounted at
//! `/czertainly/api` (the platform's context path is `/api`; the prefix keeps it apart from the
//! Ivanti APIs on the same origin).
//!
//! The reference is an OpenAPI page with schemas and samples but no paths or methods; the paths,
//! methods and status codes below follow CZERTAINLY's public sources instead
//! (`ScepProfileController` in CZERTAINLY-Interfaces, `ScepProfileServiceImpl` and the exception
//! handler in CZERTAINLY-Core), and so do the messages, the SCEP URL, the CA certificate
//! eligibility and the client certificate header. The bodies are the reference's schemas
//! ([`wire::czertainly`]).
//!
//! | method | path under `/czertainly/api` | answer |
//! |---|---|---|
//! | GET | `/v1/scepProfiles` | 200 `ScepProfileDto[]` |
//! | POST | `/v1/scepProfiles` (`ScepProfileRequestDto`) | 201 `ScepProfileDetailDto`, created disabled |
//! | GET | `/v1/scepProfiles/{uuid}` | 200 `ScepProfileDetailDto` |
//! | PUT | `/v1/scepProfiles/{uuid}` (`ScepProfileEditRequestDto`) | 200 `ScepProfileDetailDto` |
//! | DELETE | `/v1/scepProfiles/{uuid}` | 204; 422 while RA profiles use it |
//! | DELETE | `/v1/scepProfiles/delete` (uuid array) | 200 `BulkActionMessageDto[]`: the failures only |
//! | DELETE | `/v1/scepProfiles/delete/force` (uuid array) | 200 failures; detaches the RA profiles first |
//! | PATCH | `/v1/scepProfiles/{uuid}/enable`, `/{uuid}/disable` | 204 |
//! | PATCH | `/v1/scepProfiles/enable`, `/disable` (uuid array) | 204; unknown uuids skipped |
//! | PATCH | `/v1/scepProfiles/{uuid}/raProfiles/{raProfileUuid}` | 204 |
//! | GET | `/v1/scepProfiles/caCertificates?intuneEnabled=true\|false` | 200 `CertificateDto[]` |
//!
//! Errors (the platform's exception handler): 400 `{"message"}` for an unreadable body or query,
//! 404 `{"message"}` for an unknown profile, RA profile or certificate (`Object of type
//! 'ScepProfile' identified by … is not found.`), 409 `{"message"}` for a duplicate name, 422 with
//! a JSON array of messages for validation, 401 `{"message"}` without a client certificate.
//!
//! Decisions where the reference is silent or contradicts itself (each pinned by a test in
//! `tests/czertainly_*.rs`):
//! - Ids are opaque strings, compared without case: the reference's sample uuid
//!   `7b55ge1c-844f-11dc-a8a3-0242ac120002` (not hexadecimal) is a seeded profile.
//! - `renewThreshold` in answers, `renewalThreshold` in requests (the reference's samples and
//!   request tables); a request's `renewThreshold` is ignored like any unknown property; a negative
//!   threshold is refused (422).
//! - The bulk call at `/enable` enables and the one at `/disable` disables (the reference's two
//!   identical blocks do not say which is which).
//! - Validation collects every message of a request into one 422 answer. Before it: 400 for an
//!   unreadable body, then 409 for a duplicate name, then 404 for an unknown RA profile or CA
//!   certificate.
//! - A name is limited to unreserved URI characters (it is a path segment of the SCEP URL), as
//!   the platform requires; the reference's sample name `Profile Name 1` is therefore refused.
//! - An edit stores the whole profile it sends (absent fields are cleared), except `name`, which
//!   is ignored, and the two secrets: `challengePassword` and `intuneApplicationKey` left blank
//!   (absent or `""`) keep the stored value. Secrets are never answered.
//! - A refused delete names its dependants: `Object is associated with other items. Dependent RA
//!   Profiles (2): devices-ra, legacy-ra` (the reference's bulk sample message, then the names).
//! - `scepUrl` (list and detail) is `{--czertainly-scep-base}/v1/protocols/scep/{name}/pkiclient.exe`,
//!   answered only while the profile has an RA profile, as the platform does.
//! - Setting another RA profile (PATCH `raProfiles/…`) drops the issue attributes: they belonged
//!   to the previous RA profile's authority.
//! - `caCertificates`: issued, valid, not archived, private key on the platform, RSA or ECDSA key;
//!   `intuneEnabled=true` keeps the RSA ones (Intune needs RSA).
//!
//! Authentication: the platform sits behind a proxy that verifies the client certificate and
//! forwards it, URL-encoded PEM, in the `ssl-client-cert` header. The mock requires that header
//! and a certificate it can parse (PEM or base64 DER, URL-encoded or not), else 401
//! `{"message"}`; with `--czertainly-open` it also accepts requests without the header (demo, and
//! end2end runs without a proxy). mock-server's `--mtls-addr` listener is such a proxy: it puts
//! the certificate the client presented (and the TLS handshake verified) in that header, in place
//! of whatever the client sent there ([`forwarded_certificate`]).
//!
//! Test hook (`--test-hooks`): `GET /_mock/czertainly/last-request` answers what the last request
//! to this API carried: `{"method", "path", "authorization": bool, "clientCertificate": subject or
//! null}` (null before any), so a test can see what a proxy passed on.

pub mod attributes;
pub mod profiles;
pub mod world;

use crate::state::SharedState;
use axum::extract::{FromRequestParts, OriginalUri, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use axum::{Json, Router};
use base64::Engine;
use std::sync::{Mutex, MutexGuard, RwLock};
use wire::czertainly::ErrorMessage;
use world::CzWorld;

/// Where the API is mounted.
pub const PREFIX: &str = "/czertainly/api";

/// The header the proxy forwards the client certificate in (CZERTAINLY Core's default
/// `server.ssl.certificate-header-name`).
pub const CLIENT_CERT_HEADER: &str = "ssl-client-cert";

/// The default `--czertainly-scep-base`: the platform's URL up to its context path. With it, the
/// seeded profiles' SCEP URLs are the EPMM SCEP app settings' URLs.
pub const DEFAULT_SCEP_BASE: &str = "https://ca.example.com/api";

/// Whether a request path belongs to this API (fault injection and the rate limit use it).
pub fn is_api_path(path: &str) -> bool {
    path.strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Run-time settings (`--czertainly-open`, `--czertainly-scep-base`); kept by a reset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CzConfig {
    /// Accept requests without a client certificate.
    pub open: bool,
    /// The platform's base URL (scheme, host, context path), without a trailing `/`.
    pub scep_base: String,
}

impl Default for CzConfig {
    fn default() -> Self {
        CzConfig {
            open: false,
            scep_base: DEFAULT_SCEP_BASE.into(),
        }
    }
}

impl CzConfig {
    /// The URL devices enrol at for a profile.
    pub fn scep_url(&self, profile_name: &str) -> String {
        format!(
            "{}/v1/protocols/scep/{profile_name}/pkiclient.exe",
            self.scep_base.trim_end_matches('/')
        )
    }
}

/// The CZERTAINLY state, owned by [`crate::AppState`]: its own world behind its own lock (never
/// held together with the other worlds' locks).
#[derive(Debug)]
pub struct CzState {
    world: Mutex<CzWorld>,
    config: RwLock<CzConfig>,
    last_request: Mutex<Option<SeenRequest>>,
}

impl Default for CzState {
    fn default() -> Self {
        CzState {
            world: Mutex::new(world::generate()),
            config: RwLock::new(CzConfig::default()),
            last_request: Mutex::new(None),
        }
    }
}

/// What a request to this API carried (the test hook's answer).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeenRequest {
    pub method: String,
    pub path: String,
    /// An `Authorization` header came with it.
    pub authorization: bool,
    /// The subject of the client certificate in [`CLIENT_CERT_HEADER`], where one parsed.
    pub client_certificate: Option<String>,
}

impl CzState {
    pub fn lock(&self) -> MutexGuard<'_, CzWorld> {
        self.world.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// The world as at start (`POST /_mock/reset`); the settings stay.
    pub fn reset(&self) {
        *self.lock() = world::generate();
    }
    pub fn config(&self) -> CzConfig {
        self.config
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
    pub fn configure(&self, config: CzConfig) {
        *self.config.write().unwrap_or_else(|e| e.into_inner()) = config;
    }
    fn seen(&self, r: SeenRequest) {
        *self.last_request.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
    }
    pub fn last_request(&self) -> Option<SeenRequest> {
        self.last_request
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The test hook (`--test-hooks`): `GET /_mock/czertainly/last-request`.
pub fn hooks_router() -> Router<SharedState> {
    Router::new().route(
        "/_mock/czertainly/last-request",
        get(|State(st): State<SharedState>| async move { Json(st.czertainly.last_request()) }),
    )
}

/// An error answer of the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CzError {
    BadRequest(String),
    Unauthorized(String),
    NotFound(String),
    Conflict(String),
    /// 422 with the messages as a JSON array.
    Invalid(Vec<String>),
}

impl CzError {
    /// 404 for an unknown object (`NotFoundException`'s wording).
    pub fn not_found(kind: &str, id: &str) -> CzError {
        CzError::NotFound(not_found_message(kind, id))
    }
}

pub fn not_found_message(kind: &str, id: &str) -> String {
    format!("Object of type '{kind}' identified by {id} is not found.")
}

impl IntoResponse for CzError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            CzError::Invalid(messages) => {
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(messages)).into_response()
            }
            CzError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            CzError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m),
            CzError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            CzError::Conflict(m) => (StatusCode::CONFLICT, m),
        };
        error_response(status, message)
    }
}

/// `{"message": …}` with a status (also used by fault injection and the rate limit).
pub fn error_response(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(ErrorMessage::new(message))).into_response()
}

pub type CzResult<T> = Result<T, CzError>;

/// `axum::extract::Path` whose rejection (e.g. a segment that is not UTF-8 once decoded) is the
/// platform's 400 `{"message"}`.
pub struct CzPath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for CzPath<T> {
    type Rejection = CzError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> CzResult<Self> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| CzPath(t))
            .map_err(|e| CzError::BadRequest(e.body_text()))
    }
}

/// The routes, relative to [`PREFIX`], behind [`require_client_cert`].
pub fn router(state: SharedState) -> Router<SharedState> {
    use profiles::*;
    let p = "/v1/scepProfiles";
    Router::new()
        .route(p, get(list).post(create))
        .route(&format!("{p}/caCertificates"), get(ca_certificates))
        .route(&format!("{p}/enable"), patch(bulk_enable))
        .route(&format!("{p}/disable"), patch(bulk_disable))
        .route(&format!("{p}/delete"), axum::routing::delete(bulk_delete))
        .route(
            &format!("{p}/delete/force"),
            axum::routing::delete(force_delete),
        )
        .route(
            &format!("{p}/{{uuid}}"),
            get(detail).put(edit).delete(delete_one),
        )
        .route(&format!("{p}/{{uuid}}/enable"), patch(enable))
        .route(&format!("{p}/{{uuid}}/disable"), patch(disable))
        .route(
            &format!("{p}/{{uuid}}/raProfiles/{{ra_uuid}}"),
            patch(set_ra_profile),
        )
        // Every other path under the prefix is this API's (a route, so that it wins over the
        // UEM API's `/{tenant}/api/v1/…`, which `/czertainly/api/v1/…` would also match).
        .route("/{*rest}", axum::routing::any(no_endpoint))
        .fallback(no_endpoint)
        .method_not_allowed_fallback(method_not_supported)
        .layer(axum::middleware::from_fn_with_state(
            state,
            require_client_cert,
        ))
}

/// Spring's `NoHandlerFoundException`.
async fn no_endpoint(method: Method, OriginalUri(uri): OriginalUri) -> CzError {
    CzError::NotFound(format!("No endpoint {method} {}.", uri.path()))
}

/// The platform answers an unsupported method with 400.
async fn method_not_supported(method: Method) -> CzError {
    CzError::BadRequest(format!("Request method '{method}' is not supported"))
}

/// The request needs a client certificate in [`CLIENT_CERT_HEADER`] (any that parses), unless
/// `--czertainly-open` and the header is absent.
pub async fn require_client_cert(
    State(state): State<SharedState>,
    req: Request,
    next: Next,
) -> Response {
    let header = req.headers().get(CLIENT_CERT_HEADER);
    state.czertainly.seen(SeenRequest {
        method: req.method().to_string(),
        // The path as requested, not as seen inside the nested router.
        path: req
            .extensions()
            .get::<OriginalUri>()
            .map_or(req.uri().path(), |u| u.0.path())
            .to_string(),
        authorization: req
            .headers()
            .contains_key(axum::http::header::AUTHORIZATION),
        client_certificate: header
            .and_then(|v| v.to_str().ok())
            .and_then(|v| client_certificate_subject(v).ok()),
    });
    let result = match header {
        None if state.czertainly.config().open => Ok(()),
        None => Err(format!(
            "Authentication required: no client certificate (the proxy forwards it in the {CLIENT_CERT_HEADER} header)"
        )),
        Some(v) => v
            .to_str()
            .map_err(|e| e.to_string())
            .and_then(client_certificate_subject)
            .map(drop)
            .map_err(|e| format!("Could not parse certificate for authentication: {e}")),
    };
    match result {
        Ok(()) => next.run(req).await,
        Err(m) => CzError::Unauthorized(m).into_response(),
    }
}

/// A DER certificate as CZERTAINLY's ingress forwards it in [`CLIENT_CERT_HEADER`] (nginx's
/// `$ssl_client_escaped_cert`): PEM, URL-encoded ([`escaped`]).
pub fn forwarded_certificate(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    escaped(&pem)
}

/// Every character but the unreserved ones percent-encoded.
pub fn escaped(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `%XX` sequences decoded; `+` is kept (it is a base64 character).
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The subject of the certificate in a header value: URL-encoded or plain, PEM or bare base64
/// DER (the platform URL-decodes the header and strips the PEM armour).
pub fn client_certificate_subject(value: &str) -> Result<String, String> {
    let decoded =
        String::from_utf8(percent_decode(value.trim())).map_err(|_| "not text".to_string())?;
    let b64: String = decoded
        .replace("-----BEGIN CERTIFICATE-----", "")
        .replace("-----END CERTIFICATE-----", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if b64.is_empty() {
        return Err("empty".into());
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .map_err(|e| format!("not base64 ({e})"))?;
    let (_, cert) = x509_parser::parse_x509_certificate(&der)
        .map_err(|e| format!("not an X.509 certificate ({e})"))?;
    Ok(cert.subject().to_string())
}
