//! Each call's own media type (overview, "NOTE: The API utilizes custom media types to
//! differentiate requests and responses"), checked as an HTTP server does: an `Accept` that covers
//! none of the call's type is 406, a body with another `Content-Type` is 415.

use super::error::UemError;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::HeaderMap;
use wire::uem::errors;
use wire::uem::multipart::accept_ranges;
use wire::uem::MediaType;

/// 406 unless `Accept` is absent or covers `produced` (with a quality above 0).
pub fn accept(headers: &HeaderMap, produced: &str) -> Result<(), UemError> {
    let Some(value) = headers.get(ACCEPT) else {
        return Ok(());
    };
    let text = value.to_str().unwrap_or_default();
    if text.trim().is_empty() {
        return Ok(());
    }
    if accept_ranges(text)
        .iter()
        .any(|r| r.covers(produced) && r.quality() > 0.0)
    {
        Ok(())
    } else {
        Err(UemError::new(
            errors::NOT_ACCEPTABLE,
            format!("This call produces {produced}; the Accept header asks for {text}."),
        ))
    }
}

/// The request's `Content-Type`.
pub fn content_type(headers: &HeaderMap) -> Option<MediaType> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(MediaType::parse)
}

/// 415 unless the body's `Content-Type` is one of `expected`.
pub fn require(headers: &HeaderMap, expected: &[&str]) -> Result<MediaType, UemError> {
    match content_type(headers) {
        Some(m) if expected.iter().any(|e| m.is(e)) => Ok(m),
        other => Err(unsupported(other.as_ref(), expected)),
    }
}

/// The 415 answer.
pub fn unsupported(got: Option<&MediaType>, expected: &[&str]) -> UemError {
    let got = got.map_or_else(|| "no Content-Type".to_string(), |m| m.essence.clone());
    UemError::new(
        errors::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "This call takes {}; the request has {got}.",
            expected.join(" or ")
        ),
    )
}
