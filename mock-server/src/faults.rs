//! Fault injection for `/api` and `/msa/v1/cps` (CPS) requests, so the portal's error handling can
//! be exercised: latency,
//! random 500s, malformed JSON, a forced status (with the envelope and `Retry-After`), an HTML
//! error page from a "gateway", and dropped connections.
//!
//! Set at start with `--latency-ms`, `--fail-rate`, `--malformed`, and at run time (with
//! `--test-hooks`) by `POST /_mock/faults` with the JSON form of [`Faults`]; `POST /_mock/reset`
//! restores the start settings. Only requests whose path contains [`Faults::paths`] are affected
//! (every vendor API's path when it is empty, see [`Api::of`]). `/healthz`, `/_mock` and the
//! portal files never are. A forced status answers in the API's own error shape.

use crate::apis::Api;
use crate::auth::is_xhr;
use crate::state::SharedState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// Statuses `status` may force.
pub const FORCEABLE: &[u16] = &[401, 403, 404, 429, 500, 502, 503];

/// The fault settings (`POST /_mock/faults` body; every key optional, absent = off).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Delay before every affected answer.
    pub latency_ms: u64,
    /// Share of affected requests answered 500 (0.0-1.0).
    pub fail_rate: f64,
    /// Answer a truncated, unparsable JSON body (with the real status).
    pub malformed: bool,
    /// Force this status, with the messages envelope (and `Retry-After` for 429/503 or when
    /// `retryAfter` is set; `WWW-Authenticate` for 401 unless the request is an XHR).
    pub status: Option<u16>,
    /// Seconds for `Retry-After`.
    pub retry_after: Option<u64>,
    /// Answer an HTML error page with status 502, as a proxy in front of EPMM would (V1 guide,
    /// "HTTP Response Codes").
    pub html_error: bool,
    /// Close the connection without an answer.
    pub drop: bool,
    /// Send the real status and headers and the first half of the body, then close the
    /// connection: a transfer that breaks off (the portal reads long lists as they arrive).
    pub cut_off: bool,
    /// Only paths containing this (empty: every vendor API path, see [`Api::of`]).
    pub paths: String,
}

impl Faults {
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fail_rate) || self.fail_rate.is_nan() {
            return Err(format!(
                "failRate must be between 0.0 and 1.0 (got {})",
                self.fail_rate
            ));
        }
        if let Some(s) = self.status {
            if !FORCEABLE.contains(&s) {
                return Err(format!(
                    "status must be null or one of {FORCEABLE:?} (got {s})"
                ));
            }
        }
        if self.latency_ms > 120_000 {
            return Err("latencyMs must be at most 120000".into());
        }
        Ok(())
    }
    pub fn is_off(&self) -> bool {
        self.latency_ms == 0
            && self.fail_rate <= 0.0
            && !self.malformed
            && self.status.is_none()
            && !self.html_error
            && !self.drop
            && !self.cut_off
    }
    /// Whether a request path is affected.
    pub fn applies_to(&self, path: &str) -> bool {
        Api::of(path).is_some() && (self.paths.is_empty() || path.contains(&self.paths))
    }
}

/// The outer middleware: applies the current [`Faults`] to `/api` and CPS requests.
pub async fn inject(State(state): State<SharedState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let f = state.faults();
    if f.is_off() || !f.applies_to(&path) {
        return next.run(req).await;
    }
    if f.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
    }
    if f.drop {
        return dropped();
    }
    if f.html_error {
        return html_error();
    }
    // `applies_to` said it is one of the APIs.
    let api = Api::of(&path).unwrap_or(Api::Epmm);
    if let Some(s) = f.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        return forced(api, req.headers(), &path, s, f.retry_after);
    }
    if f.fail_rate > 0.0 {
        let hit = {
            let mut rng = state.fault_rng.lock().unwrap_or_else(|e| e.into_inner());
            rng.gen_bool(f.fail_rate.clamp(0.0, 1.0))
        };
        if hit {
            return forced(
                api,
                req.headers(),
                &path,
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
            );
        }
    }
    if f.cut_off || f.malformed {
        // Plain bodies only, so the damage is in the JSON and not in a gzip stream.
        req.headers_mut().remove(ACCEPT_ENCODING);
        let (parts, half) = first_half(next.run(req).await).await;
        return if f.cut_off {
            cut_off(parts, half)
        } else {
            malformed(parts, half)
        };
    }
    next.run(req).await
}

/// The message of an injected status.
fn message(s: StatusCode, server: &str) -> String {
    match s.as_u16() {
        401 => "Authentication failed (injected fault)".into(),
        403 => "Access denied (injected fault)".into(),
        404 => "No Data Found (injected fault)".into(),
        429 => "Too many requests (injected fault)".into(),
        502 => format!("Bad Gateway: the {server} server is not reachable (injected fault)"),
        503 => "Service unavailable (injected fault)".into(),
        _ => "Internal server error (injected fault)".into(),
    }
}

/// An injected status in the API's own error shape.
fn forced(
    api: Api,
    headers: &HeaderMap,
    path: &str,
    s: StatusCode,
    retry_after: Option<u64>,
) -> Response {
    let xhr = is_xhr(headers);
    let mut res = api.error(headers, path, s, message(s, api.server()));
    let h = res.headers_mut();
    let retry = retry_after.or(matches!(s.as_u16(), 429 | 503).then_some(1));
    if let Some(r) = retry {
        if let Ok(v) = HeaderValue::from_str(&r.to_string()) {
            h.insert(RETRY_AFTER, v);
        }
    }
    if let Some(realm) = api
        .realm()
        .filter(|_| s == StatusCode::UNAUTHORIZED && !xhr)
    {
        h.insert(WWW_AUTHENTICATE, realm);
    }
    res
}

fn html_error() -> Response {
    let mut res = (
        StatusCode::BAD_GATEWAY,
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\
         <body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an \
         upstream server.</p></body></html>\n",
    )
        .into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// The status and headers (without `Content-Length`) and the first half of the body.
async fn first_half(res: Response) -> (axum::http::response::Parts, bytes::Bytes) {
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(CONTENT_LENGTH);
    let half = bytes.slice(..bytes.len() / 2);
    (parts, half)
}

/// The same status and headers, with the body cut in half and left unterminated.
fn malformed(mut parts: axum::http::response::Parts, half: bytes::Bytes) -> Response {
    let mut out = half.to_vec();
    out.extend_from_slice(b"\"<<truncated");
    parts
        .headers
        .insert(CONTENT_TYPE, crate::v1::envelope::JSON);
    Response::from_parts(parts, Body::from(out))
}

/// A reader that fails at once: as a response body it makes hyper abort the connection (tests
/// with `oneshot` see the body error instead).
struct Aborted;

impl tokio::io::AsyncRead for Aborted {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        _: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Poll::Ready(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "connection dropped (injected fault)",
        )))
    }
}

/// The same status and headers, then half of the body, then the connection breaks.
fn cut_off(parts: axum::http::response::Parts, half: bytes::Bytes) -> Response {
    use tokio::io::AsyncReadExt;
    Response::from_parts(
        parts,
        Body::new(tower_http::services::fs::AsyncReadBody::with_capacity(
            std::io::Cursor::new(half).chain(Aborted),
            64 * 1024,
        )),
    )
}

fn dropped() -> Response {
    Response::new(Body::new(
        tower_http::services::fs::AsyncReadBody::with_capacity(Aborted, 16),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_and_scope() {
        assert!(Faults::default().is_off());
        assert!(Faults::default().validate().is_ok());
        let bad = Faults {
            fail_rate: 1.5,
            ..Default::default()
        };
        assert!(bad.validate().is_err());
        let bad = Faults {
            status: Some(418),
            ..Default::default()
        };
        assert!(bad.validate().is_err());
        let f: Faults = serde_json::from_str(
            r#"{"latencyMs":5,"failRate":0.5,"malformed":false,"status":null,"retryAfter":3,"htmlError":false,"drop":false,"cutOff":false,"paths":"/dm/"}"#,
        )
        .unwrap();
        assert!(f.applies_to("/api/v1/dm/devices"));
        assert!(!f.applies_to("/api/v1/alerts"));
        assert!(!f.applies_to("/healthz"));
        let all = Faults::default();
        assert!(all.applies_to("/msa/v1/cps/device") && all.applies_to("/api/v1/dm/devices"));
        assert!(!all.applies_to("/_mock/faults") && !all.applies_to("/msa/v2/x"));
        assert!(all.applies_to("/czertainly/api/v1/scepProfiles"));
        assert!(!all.applies_to("/czertainly/apix"));
        assert!(!all.applies_to("/czertainly"));
        // The UEM API too.
        assert!(all.applies_to("/SRP00000/api/v1/groups"));
        assert!(!all.applies_to("/devices/api/v2"));
        assert!(serde_json::from_str::<Faults>(r#"{"latency":5}"#).is_err());
    }
}
