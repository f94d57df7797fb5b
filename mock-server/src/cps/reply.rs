//! Answers and request parsing shared by the CPS handlers: the error body (the guide documents
//! none; the mock answers `{"message": "..."}`), JSON answers, a body reader that takes any
//! Content-Type and an empty body, query parameters, paging, and the identifier batch rules.

use crate::v1::params::Params;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wire::cps::{ErrorBody, IdentifierRequest, IdentifierType, SearchResults, MAX_IDS};

/// An error answer: a status and `{"message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CpsError {
    pub status: StatusCode,
    pub message: String,
}

impl CpsError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        CpsError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for CpsError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            message: self.message,
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// The error body of a status: what the fault injection and the rate limits answer on CPS paths.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    CpsError::new(status, message).into_response()
}

/// 200 with a JSON body.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            res
        }
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

pub type Reply = Result<Response, CpsError>;

/// A JSON request body, read whatever the Content-Type says (the guide's curl examples send
/// `application/json`, integrations do not all); an empty body reads as the default (no
/// identifiers), a body that is not JSON of the expected shape is 400.
#[derive(Debug, Clone, Default)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Default> FromRequest<S> for Body<T> {
    type Rejection = CpsError;
    async fn from_request(req: Request, state: &S) -> Result<Self, CpsError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| CpsError::new(e.status(), e.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(T::default()));
        }
        serde_json::from_slice(&bytes)
            .map(Body)
            .map_err(|e| CpsError::bad_request(format!("Invalid JSON body: {e}")))
    }
}

/// Query parameters, keys case-insensitive (see [`Params`]).
#[derive(Debug, Clone, Default)]
pub struct Query(pub Params);

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = CpsError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, CpsError> {
        Params::from_request_parts(parts, state)
            .await
            .map(Query)
            .map_err(|e| CpsError::bad_request(e.body.messages.joined()))
    }
}

impl Query {
    /// A value with blanks and the surrounding quotes of the guide's
    /// `fields="ldapStandardAttributes"` removed; `None` when absent.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(|v| v.trim().trim_matches('"').trim_matches('\''))
    }
    /// A value that is present and not blank.
    pub fn non_blank(&self, key: &str) -> Option<&str> {
        self.text(key).filter(|v| !v.is_empty())
    }
    /// A non-negative integer; a number beyond the range saturates (a `limit` above what the
    /// server serves is cut down later, not refused). Blank or absent is `None`.
    pub fn count(&self, key: &str) -> Result<Option<u64>, CpsError> {
        let Some(v) = self.non_blank(key) else {
            return Ok(None);
        };
        let digits = v.strip_prefix('+').unwrap_or(v);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Some(digits.parse::<u64>().unwrap_or(u64::MAX)));
        }
        Err(CpsError::bad_request(format!(
            "Invalid {key}: {v} (a whole number, 0 or more)"
        )))
    }
}

/// `offset`/`limit` (CPS guide, "Handling Paged Responses"): offset 0 and limit 50 by default; a
/// limit above the server's maximum is cut down to it without an error; the answer echoes the
/// offset and the limit used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: u64,
    pub limit: u64,
}

impl Page {
    pub fn from_query(q: &Query, max_limit: u64) -> Result<Page, CpsError> {
        let offset = q.count("offset")?.unwrap_or(0);
        let limit = q
            .count("limit")?
            .unwrap_or(wire::cps::DEFAULT_LIMIT)
            .min(max_limit);
        Ok(Page { offset, limit })
    }

    /// This page of `items`.
    pub fn of<I: Iterator>(&self, items: I) -> std::iter::Take<std::iter::Skip<I>> {
        let skip = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        items.skip(skip).take(take)
    }

    /// The paged envelope of this page's records (`results` is their number).
    pub fn envelope<T>(&self, records: Vec<T>) -> SearchResults<T> {
        SearchResults {
            results: records.len() as u64,
            search_results: records,
            offset: self.offset,
            limit: self.limit,
        }
    }
}

/// The identifiers of a request, trimmed, blanks dropped: at most [`MAX_IDS`] ("The maximum
/// number of IDs supported with any single API call is 200", CPS guide, "Batch ID
/// recommendation"; more than the recommended 100 is accepted). An `identifierType` that is
/// neither `MDM_IDENTIFIER` nor `GUID` is 400.
pub fn identifiers(req: &IdentifierRequest) -> Result<Vec<&str>, CpsError> {
    if req.identifiers.len() > MAX_IDS {
        return Err(CpsError::bad_request(format!(
            "Too many identifiers: {} (at most {MAX_IDS} per call; Ivanti recommends {})",
            req.identifiers.len(),
            wire::cps::RECOMMENDED_IDS
        )));
    }
    if req.identifier_type == Some(IdentifierType::Unrecognized) {
        return Err(CpsError::bad_request(
            "Invalid identifierType: one of MDM_IDENTIFIER, GUID",
        ));
    }
    Ok(req
        .identifiers
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect())
}

/// Number result.
pub fn count(n: usize) -> Response {
    json(&wire::cps::NumberResult { result: n as u64 })
}
