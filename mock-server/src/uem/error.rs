//! The error answer (overview, "Errors"): the status of the id, `Content-Type:
//! application/vnd.blackberry.error-v1+json`, `{id, subStatusCode, message}`, and `Allow` where a
//! method is refused.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Path};
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use wire::uem::errors::{self, Kind};
use wire::uem::{media, ErrorBody};

/// The overview's text of the `NOT_AUTHORIZED` sample.
pub const NOT_AUTHORIZED_MESSAGE: &str = "Not authorized to complete the request.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UemError {
    pub kind: Kind,
    pub message: String,
    /// `Allow` for 405/409 answers about methods.
    pub allow: Option<String>,
}

pub type UemResult<T = Response> = Result<T, UemError>;

impl UemError {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        UemError {
            kind,
            message: message.into(),
            allow: None,
        }
    }

    /// With an `Allow` header listing `methods`.
    pub fn with_allow(mut self, methods: &[Method]) -> Self {
        self.allow = Some(allow_value(methods));
        self
    }

    pub fn not_authorized() -> Self {
        UemError::new(errors::NOT_AUTHORIZED, NOT_AUTHORIZED_MESSAGE)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        UemError::new(errors::INVALID_REQUEST, message)
    }

    /// 400 for a body that is not the JSON of the call.
    pub fn bad_json(e: impl std::fmt::Display) -> Self {
        UemError::invalid(format!("The request body is not valid JSON: {e}"))
    }
}

/// `GET, DELETE, OPTIONS`.
pub fn allow_value(methods: &[Method]) -> String {
    methods
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

impl IntoResponse for UemError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.kind.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody::new(self.kind, self.message);
        let mut res = reply(status, media::ERROR, &body);
        if let Some(a) = self.allow.and_then(|a| HeaderValue::from_str(&a).ok()) {
            res.headers_mut().insert(ALLOW, a);
        }
        res
    }
}

/// A JSON answer with the call's media type.
pub fn reply<T: Serialize>(status: StatusCode, media_type: &'static str, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => {
            let mut res = (status, bytes).into_response();
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
            res
        }
        Err(e) => UemError::new(errors::INTERNAL_ERROR, e.to_string()).into_response(),
    }
}

/// 404 for a path the API does not have.
pub async fn not_found(method: Method, OriginalUri(uri): OriginalUri) -> UemError {
    UemError::new(
        errors::RESOURCE_NOT_FOUND,
        format!("No such resource: {method} {}", uri.path()),
    )
}

/// 405 for a method a path does not have (axum adds `Allow`).
pub async fn method_not_allowed(method: Method, OriginalUri(uri): OriginalUri) -> UemError {
    UemError::new(
        errors::METHOD_NOT_ALLOWED,
        format!("Method {method} is not allowed for {}", uri.path()),
    )
}

/// `Path` whose rejection is the UEM error body (400).
#[derive(Debug, Clone)]
pub struct UemPath<T>(pub T);

impl<S, T> FromRequestParts<S> for UemPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = UemError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, UemError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| UemPath(t))
            .map_err(|e| UemError::invalid(e.body_text()))
    }
}

/// The request body, whose rejection (too large, broken) is the UEM error body.
#[derive(Debug, Clone)]
pub struct UemBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for UemBody {
    type Rejection = UemError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, UemError> {
        Bytes::from_request(req, state)
            .await
            .map(UemBody)
            .map_err(|e| {
                let kind = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    errors::PAYLOAD_TOO_LARGE
                } else {
                    errors::INVALID_REQUEST
                };
                UemError::new(kind, e.body_text())
            })
    }
}
