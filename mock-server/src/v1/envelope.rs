//! Response helpers shared by every V1 handler: JSON bodies, the `messages` error envelope, the
//! cached-body path and the route fallbacks (unknown path, wrong method, removed routes).
//!
//! Error bodies carry the same envelope as success bodies, with just the message (L213-233, digest
//! §1.6); a "no data" 404 also carries `totalCount: 0`, which is how public clients tell "not found"
//! from a broken call (digest §1.5).

use crate::cache::{accepts_gzip, CachedBody, PRECOMPRESS_MIN};
use crate::state::{SharedState, World};
use axum::body::Body;
use axum::extract::OriginalUri;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Serialize;
use std::sync::Arc;
use wire::lenient::Messages;
use wire::v1::MessagesOnly;

pub const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A response with a JSON body already serialised.
pub fn json_bytes(status: StatusCode, body: impl Into<Bytes>) -> Response {
    let mut res = Response::new(Body::from(body.into()));
    *res.status_mut() = status;
    res.headers_mut().insert(CONTENT_TYPE, JSON);
    res
}

/// A response with `value` serialised as JSON.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(v) => json_bytes(status, v),
        Err(e) => {
            ApiError::internal(format!("Could not serialise the response: {e}")).into_response()
        }
    }
}

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
    /// 400 with the reason (L223).
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
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.body) {
            Ok(v) => json_bytes(self.status, v),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
        }
    }
}

/// `212 Device(s) returned` (L578).
pub fn devices_returned(n: usize) -> String {
    format!("{n} Device(s) returned")
}

/// `1 Label (s) returned`, with the guide's space (L4034).
pub fn labels_returned(n: usize) -> String {
    format!("{n} Label (s) returned")
}

/// Answers from the body cache, building the body (off the async threads, under a read lock) when
/// the state changed since it was last built. Large bodies are sent gzip-compressed from the cache
/// when the client accepts gzip.
pub async fn cached<F>(state: &SharedState, headers: &HeaderMap, key: String, build: F) -> Response
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
                let (status, json) = build(&world);
                drop(world);
                let body = Arc::new(CachedBody::new(version, status, json));
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
    if gzip && body.json.len() >= PRECOMPRESS_MIN {
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
            let mut res = json_bytes(body.status, gz);
            let h = res.headers_mut();
            h.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            h.insert(VARY, HeaderValue::from_static("accept-encoding"));
            return res;
        }
    }
    json_bytes(body.status, body.json.clone())
}

/// Fallback for `/api/...` paths that do not exist.
pub async fn api_not_found(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!("No such resource: {method} {}", uri.path()))
}

/// 405 for a known path called with the wrong method (L228).
pub async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method {method} is not allowed for {}", uri.path()),
    )
}

/// The label routes removed from V1 on Sept 8, 2020 (L56-80; digest §0, §7 #66): always 404.
pub async fn removed_label_route(method: Method, OriginalUri(uri): OriginalUri) -> ApiError {
    ApiError::not_found(format!(
        "No such resource: {method} {} (removed from the V1 API; use the V2 device label APIs)",
        uri.path()
    ))
}
