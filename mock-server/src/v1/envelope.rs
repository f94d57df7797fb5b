//! Response helpers shared by every V1 handler: content negotiation (JSON or XML with the
//! documented root), the `messages` error envelope, list pages with `totalCount`, the cached-body
//! path and the route fallbacks (unknown path, wrong method, removed routes).
//!
//! Error bodies carry the same envelope as success bodies, with just the message (V1 guide, "HTTP
//! Response Codes"; our reading, digest `epmm-v1-api.md`, "1.6 Messages and errors"); a "no data"
//! 404 also carries `totalCount: 0`, which is how public clients tell "not found" from a broken
//! call (PacketFence's `mobileiron.pm`, digest `epmm-v1-api.md`, "1.5 Response formats and XML
//! roots").

use super::params::Paging;
use super::xml;
use crate::cache::{accepts_gzip, CachedBody, PRECOMPRESS_MIN};
use crate::state::{SharedState, World};
use axum::body::Body;
use axum::extract::{FromRequestParts, OriginalUri, Request};
use axum::http::header::{ACCEPT, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;
use std::convert::Infallible;
use std::sync::Arc;
use wire::lenient::Messages;
use wire::v1::MessagesOnly;

pub const JSON: HeaderValue = HeaderValue::from_static("application/json");
pub const XML: HeaderValue = HeaderValue::from_static("application/xml");

/// XML roots by area (the response examples of each section of the V1 guide).
pub const DM_ROOT: &str = "deviceManagementWebServiceResponse";
/// `GET /eas/devices` keeps the guide's misspelling (V1 guide, "List All ActiveSync Devices": the
/// response example).
pub const EAS_LIST_ROOT: &str = "easWebServiceReponse";
pub const EAS_ROOT: &str = "easWebServiceResponse";
/// `GET /eas/devices/{uuid}` has no envelope (V1 guide, "Device Details for ActiveSync": the
/// response example).
pub const EAS_DEVICE_ROOT: &str = "easDevice";
pub const SM_ROOT: &str = "securityManagementWebServiceResponse";
pub const ALERT_ROOT: &str = "alertWebServiceResponse";
pub const POLICY_ROOT: &str = "policyWebServiceResponse";
pub const APPSETTINGS_ROOT: &str = "appSettingsWebServiceResponse";
/// Areas without a documented root (apps) and paths outside V1: the "General Practice" wrapper
/// name (V1 guide, "General Practice").
pub const GENERIC_ROOT: &str = "webServiceResponse";

/// The answer format: `Accept: application/xml` gives XML, anything else JSON (V1 guide, "Response
/// Formats").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// The preferred of JSON and XML in an `Accept` header (by q, then by order); JSON when the
    /// header names neither.
    pub fn from_headers(h: &HeaderMap) -> Format {
        let Some(accept) = h.get(ACCEPT).and_then(|v| v.to_str().ok()) else {
            return Format::Json;
        };
        let mut best: Option<(f32, Format)> = None;
        for part in accept.split(',') {
            let mut it = part.split(';');
            let media = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            let f = match media.as_str() {
                "application/json" | "text/json" => Format::Json,
                "application/xml" | "text/xml" => Format::Xml,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, f));
            }
        }
        best.map(|(_, f)| f).unwrap_or(Format::Json)
    }

    pub fn content_type(self) -> HeaderValue {
        match self {
            Format::Json => JSON,
            Format::Xml => XML,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Xml => "xml",
        }
    }
}

/// The XML root of the area a path belongs to (`/api/v1/dm/...` → `deviceManagementWebServiceResponse`).
pub fn root_for_path(path: &str) -> &'static str {
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let area = segs.by_ref().find(|s| *s == "v1").and_then(|_| segs.next());
    match area {
        Some("dm") => DM_ROOT,
        Some("eas") => EAS_ROOT,
        Some("sm") => SM_ROOT,
        Some("alerts") => ALERT_ROOT,
        Some("policies") => POLICY_ROOT,
        Some("appsettings") => APPSETTINGS_ROOT,
        _ => GENERIC_ROOT,
    }
}

/// The negotiated format and the XML root of the request's area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neg {
    pub format: Format,
    pub root: &'static str,
}

impl Neg {
    pub fn new(headers: &HeaderMap, path: &str) -> Self {
        Neg {
            format: Format::from_headers(headers),
            root: root_for_path(path),
        }
    }
    /// The same format with another root (the EAS list and detail).
    pub fn with_root(self, root: &'static str) -> Self {
        Neg { root, ..self }
    }
    pub fn json() -> Self {
        Neg {
            format: Format::Json,
            root: GENERIC_ROOT,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Neg {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.path().to_string())
            .unwrap_or_else(|| parts.uri.path().to_string());
        Ok(Neg::new(&parts.headers, &path))
    }
}

/// `value` in the negotiated format.
pub fn render<T: Serialize + ?Sized>(neg: Neg, value: &T) -> Result<Vec<u8>, String> {
    match neg.format {
        Format::Json => serde_json::to_vec(value).map_err(|e| e.to_string()),
        Format::Xml => xml::to_xml(neg.root, value).map_err(|e| e.to_string()),
    }
}

/// A response with a body already rendered.
pub fn bytes_response(
    status: StatusCode,
    content_type: HeaderValue,
    body: impl Into<Bytes>,
) -> Response {
    let mut res = Response::new(Body::from(body.into()));
    *res.status_mut() = status;
    res.headers_mut().insert(CONTENT_TYPE, content_type);
    res
}

/// A response with a JSON body already serialised.
pub fn json_bytes(status: StatusCode, body: impl Into<Bytes>) -> Response {
    bytes_response(status, JSON, body)
}

/// `value` rendered in the negotiated format.
pub fn reply<T: Serialize + ?Sized>(neg: Neg, status: StatusCode, value: &T) -> Response {
    match render(neg, value) {
        Ok(v) => bytes_response(status, neg.format.content_type(), v),
        Err(e) => {
            ApiError::internal(format!("Could not serialise the response: {e}")).into_response()
        }
    }
}

/// 200 with `value`.
pub fn ok<T: Serialize + ?Sized>(neg: Neg, value: &T) -> Response {
    reply(neg, StatusCode::OK, value)
}

/// A rendered body for the cache (an error body when rendering fails).
pub fn body<T: Serialize + ?Sized>(
    neg: Neg,
    status: StatusCode,
    value: &T,
) -> (StatusCode, Vec<u8>) {
    match render(neg, value) {
        Ok(v) => (status, v),
        Err(e) => {
            let err = ApiError::internal(format!("Could not serialise the response: {e}"));
            (err.status, render(neg, &err.body).unwrap_or_default())
        }
    }
}

/// Marks an error response so [`negotiate`] can re-render it as XML.
#[derive(Debug, Clone)]
pub struct ErrorBody(pub MessagesOnly);

/// An error answer: a status and a `{"messages":{"message":[...]}}` body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: MessagesOnly,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: MessagesOnly {
                messages: Messages::one(message),
                total_count: None,
            },
        }
    }
    /// 400 with the reason (V1 guide, "HTTP Response Codes").
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    /// 404 for a path that does not exist.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    /// 404 "No Data Found" for a lookup that matched nothing: `totalCount` 0.
    pub fn no_data(message: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::NOT_FOUND, message);
        e.body.total_count = Some(0);
        e
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    /// The error as a cacheable body.
    pub fn body_in(&self, neg: Neg) -> (StatusCode, Vec<u8>) {
        body(neg, self.status, &self.body)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = match serde_json::to_vec(&self.body) {
            Ok(v) => json_bytes(self.status, v),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
        };
        res.extensions_mut().insert(ErrorBody(self.body));
        res
    }
}

/// Middleware for `/api`: re-renders error envelopes as XML when the caller asked for XML (errors
/// are raised in extractors, the auth layer and fallbacks, which do not negotiate themselves).
pub async fn negotiate(req: Request, next: Next) -> Response {
    let neg = Neg::new(req.headers(), req.uri().path());
    let mut res = next.run(req).await;
    if neg.format == Format::Xml {
        if let Some(ErrorBody(body)) = res.extensions_mut().remove::<ErrorBody>() {
            if let Ok(x) = xml::to_xml(neg.root, &body) {
                let (mut parts, _) = res.into_parts();
                parts.headers.insert(CONTENT_TYPE, XML);
                parts.headers.remove(axum::http::header::CONTENT_LENGTH);
                return Response::from_parts(parts, Body::from(x));
            }
        }
    }
    res
}

/// `212 Device(s) returned` (V1 guide, "Get Devices by Status": the response example).
pub fn devices_returned(n: usize) -> String {
    format!("{n} Device(s) returned")
}

/// `1 Label (s) returned`, with the guide's space (V1 guide, "Get all Labels": the response
/// example).
pub fn labels_returned(n: usize) -> String {
    format!("{n} Label (s) returned")
}

/// The page of `items` as a list answer: 200 with `found(n)` as the message (none when it is
/// empty), or a 404 envelope
/// when nothing matched (`none`, `totalCount` 0) or the page is past the end (`totalCount` = the
/// match count). `make` builds the wire body from the page, the total and the messages.
pub fn page_body<T, R, F>(
    neg: Neg,
    paging: Paging,
    items: &[T],
    found: impl Fn(usize) -> String,
    none: &str,
    make: F,
) -> (StatusCode, Vec<u8>)
where
    T: Clone,
    R: Serialize,
    F: Fn(Vec<T>, u64, Messages) -> R,
{
    let total = items.len() as u64;
    let page = paging.page(items);
    if page.is_empty() {
        let message = if total == 0 {
            none.to_string()
        } else {
            format!("No records at offset {} ({total} matching)", paging.offset)
        };
        return body(
            neg,
            StatusCode::NOT_FOUND,
            &make(Vec::new(), total, Messages::one(message)),
        );
    }
    let m = found(page.len());
    let messages = if m.is_empty() {
        Messages::none()
    } else {
        Messages::one(m)
    };
    body(neg, StatusCode::OK, &make(page.to_vec(), total, messages))
}

/// Answers from the body cache, building the body (off the async threads, under a read lock) when
/// the state changed since it was last built. Large bodies are sent gzip-compressed from the cache
/// when the client accepts gzip.
pub async fn cached<F>(
    state: &SharedState,
    headers: &HeaderMap,
    neg: Neg,
    key: String,
    build: F,
) -> Response
where
    F: FnOnce(&World, Neg) -> (StatusCode, Vec<u8>) + Send + 'static,
{
    cached_typed(
        state,
        headers,
        neg.format.content_type(),
        format!("{key}|{}", neg.format.key()),
        move |w| build(w, neg),
    )
    .await
}

/// [`cached`] for any content type (the CSV export).
pub async fn cached_typed<F>(
    state: &SharedState,
    headers: &HeaderMap,
    content_type: HeaderValue,
    key: String,
    build: F,
) -> Response
where
    F: FnOnce(&World) -> (StatusCode, Vec<u8>) + Send + 'static,
{
    let body = match state.cache.get(&key, state.version()) {
        Some(b) => b,
        None => {
            let st = state.clone();
            let built = tokio::task::spawn_blocking(move || {
                let world = st.read();
                // Read under the lock: writers bump the version before releasing theirs.
                let version = st.version();
                let (status, bytes) = build(&world);
                drop(world);
                let body = Arc::new(CachedBody::typed(version, status, content_type, bytes));
                st.cache.put(key, body.clone());
                body
            })
            .await;
            match built {
                Ok(b) => b,
                Err(e) => {
                    return ApiError::internal(format!("Internal error: {e}")).into_response()
                }
            }
        }
    };
    let gzip = headers
        .get(ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(accepts_gzip);
    if gzip && body.body.len() >= PRECOMPRESS_MIN {
        let gz = if body.gzip_ready() {
            body.gzip()
        } else {
            let b = body.clone();
            match tokio::task::spawn_blocking(move || b.gzip()).await {
                Ok(gz) => gz,
                Err(_) => Bytes::new(),
            }
        };
        if !gz.is_empty() {
            let mut res = bytes_response(body.status, body.content_type.clone(), gz);
            let h = res.headers_mut();
            h.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            h.insert(VARY, HeaderValue::from_static("accept-encoding"));
            return res;
        }
    }
    bytes_response(body.status, body.content_type.clone(), body.body.clone())
}

/// Fallback for `/api/...` paths that do not exist.
pub async fn api_not_found(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!("No such resource: {method} {}", uri.path()))
}

/// 405 for a known path called with the wrong method (V1 guide, "HTTP Response Codes").
pub async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method {method} is not allowed for {}", uri.path()),
    )
}

/// The label routes removed from V1 on Sept 8, 2020 (V1 guide, "Deprecation update - September 8,
/// 2020"; they share the `/dm/labels/` prefix with a live route): always 404.
pub async fn removed_label_route(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "No such resource: {method} {} (removed from the V1 API; use the V2 device label APIs)",
        uri.path()
    ))
}

/// The certificate calls removed on Aug 9, 2017 (V1 guide, "Revision history"): always 404.
pub async fn removed_certificate_route(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "No such resource: {method} {} (no longer supported since August 9, 2017)",
        uri.path()
    ))
}

/// `/eas/devices.csv`: "The request … is not supported" (V1 guide, "Exporting Device Information to
/// a CSV").
pub async fn eas_csv_unsupported(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "No such resource: {method} {} (exporting ActiveSync devices to CSV is not supported)",
        uri.path()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_header_chooses_xml_or_json() {
        let mut h = HeaderMap::new();
        assert_eq!(Format::from_headers(&h), Format::Json);
        for (v, want) in [
            ("application/xml", Format::Xml),
            ("application/json", Format::Json),
            ("text/xml", Format::Xml),
            ("application/json;q=0.5, application/xml", Format::Xml),
            (
                "application/xml;q=0.2, application/json;q=0.9",
                Format::Json,
            ),
            ("*/*", Format::Json),
            ("text/html", Format::Json),
            ("application/xml;q=0", Format::Json),
        ] {
            h.insert(ACCEPT, HeaderValue::from_static(v));
            assert_eq!(Format::from_headers(&h), want, "{v}");
        }
    }

    #[test]
    fn roots_by_area() {
        assert_eq!(root_for_path("/api/v1/dm/devices"), DM_ROOT);
        assert_eq!(root_for_path("/v1/sm/users/jdoe"), SM_ROOT);
        assert_eq!(root_for_path("/api/v1/eas/devices"), EAS_ROOT);
        assert_eq!(root_for_path("/api/v1/alerts/5"), ALERT_ROOT);
        assert_eq!(root_for_path("/api/v1/policies"), POLICY_ROOT);
        assert_eq!(root_for_path("/api/v1/appsettings"), APPSETTINGS_ROOT);
        assert_eq!(root_for_path("/api/v1/apps/inventory/app"), GENERIC_ROOT);
        assert_eq!(root_for_path("/api"), GENERIC_ROOT);
    }
}
