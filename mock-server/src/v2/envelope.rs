//! V2 answers: the `{"results","messages","resultCount"}` envelope and the mock's error
//! convention (digest `certificates-api.md`, "A.5 Error envelope and status codes for our mock"):
//! one shape for every error, `type "Error"`, a `mock.` message key, the human text in
//! `localizedMessage`. Clients branch on the HTTP status only.

use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use wire::v2::{Message, MessagesOnly};

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct V2Error {
    pub status: StatusCode,
    /// Invented key, prefixed `mock.` (see the module docs).
    pub key: String,
    pub text: String,
}

pub type V2Result<T> = Result<T, V2Error>;

impl V2Error {
    pub fn new(status: StatusCode, key: &str, text: impl Into<String>) -> Self {
        V2Error {
            status,
            key: format!("mock.{key}"),
            text: text.into(),
        }
    }
    pub fn bad_request(key: &str, text: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, key, text)
    }
    /// `<field> is required.`
    pub fn required(field: &str) -> Self {
        Self::bad_request(
            &format!("request.{field}.REQUIRED"),
            format!("{field} is required."),
        )
    }
    /// `Invalid value '<v>' for <field>.`
    pub fn invalid(field: &str, value: &str) -> Self {
        Self::bad_request(
            &format!("request.{field}.INVALID"),
            format!("Invalid value '{value}' for {field}."),
        )
    }
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "auth.FORBIDDEN",
            "You are not authorized to perform this operation.",
        )
    }
    pub fn config_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "config.NOT_FOUND",
            "Configuration not found.",
        )
    }
    pub fn device_space(value: Option<i64>) -> Self {
        match value {
            None => Self::required("adminDeviceSpaceId"),
            Some(_) => Self::bad_request(
                "request.adminDeviceSpaceId.INVALID",
                "Invalid device space.",
            ),
        }
    }
}

impl IntoResponse for V2Error {
    fn into_response(self) -> Response {
        let body = MessagesOnly::message(Message::error(&self.key, &self.text));
        json(self.status, &body)
    }
}

/// A JSON answer.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut res = (status, bytes).into_response();
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            res
        }
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("could not serialise the answer: {e}"),
        )
            .into_response(),
    }
}

pub fn ok<T: Serialize>(value: &T) -> Response {
    json(StatusCode::OK, value)
}

/// `200 text/plain; charset=UTF-8` (V2 guide, "Determine if certificate revocation is in progress":
/// the sample responses are plain sentences).
pub fn text(body: String) -> Response {
    let mut res = (StatusCode::OK, body).into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=UTF-8"),
    );
    res
}

/// `200 text/csv; charset=UTF-8` with `Content-Disposition: attachment` (V2 guide, "Download the
/// CSV file" and "Download summary for users without certificates").
pub fn csv(file_name: &str, bytes: Vec<u8>) -> Response {
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=UTF-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    res
}

/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold `,`, `"`, CR or LF.
pub fn csv_text(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::new();
    let line = |out: &mut String, fields: &[String]| {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if f.contains([',', '"', '\r', '\n']) {
                out.push('"');
                out.push_str(&f.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(f);
            }
        }
        out.push_str("\r\n");
    };
    let head: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    line(&mut out, &head);
    for r in rows {
        line(&mut out, &r);
    }
    out.into_bytes()
}
