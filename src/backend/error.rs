//! What can go wrong talking to a server, classified for people, with what the server gave to
//! trace it (a symbolic error id, a sub-status, a correlation id). Pure and tested natively.

use std::fmt;

/// What went wrong, and what the server said to trace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// What the server gave to trace the failure; `None` when it gave nothing.
    pub reference: Option<Box<Reference>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: credentials missing, wrong, or expired.
    Unauthorized(String),
    /// 403: signed in, but not allowed.
    Forbidden(String),
    /// 404 on a call where it means "no such thing".
    NotFound(String),
    /// 400/405/409/410/413/415/422: the server refused the request and said why.
    Rejected { status: u16, message: String },
    /// 429: too many requests; retry after this many seconds when the server says.
    RateLimited { retry_after_secs: Option<u64> },
    /// 5xx and anything else unexpected.
    Server { status: u16, message: String },
    /// The request never got an answer: offline, DNS, connection dropped, CORS.
    Network(String),
    /// An answer came back, but not one this portal can read.
    Malformed(String),
}

/// What a server gives to trace a failure, shown so an admin can quote it to the vendor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reference {
    /// A symbolic error id, e.g. UEM's `NOT_AUTHORIZED`.
    pub error_id: Option<String>,
    /// A vendor sub-status, e.g. UEM's `subStatusCode`.
    pub sub_status: Option<i64>,
    /// The `Correlation-Id` of the request.
    pub correlation_id: Option<String>,
    /// Messages about single fields of the request (`(field, message)`; the field is `None`
    /// where the server did not name one), for forms to show under their inputs.
    pub fields: Vec<(Option<String>, String)>,
}

impl Reference {
    pub fn is_empty(&self) -> bool {
        self.error_id.is_none()
            && self.sub_status.is_none()
            && self.correlation_id.is_none()
            && self.fields.is_empty()
    }

    /// "Error NOT_AUTHORIZED (403), reference 5f1c…": empty when there is nothing to quote.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.error_id, self.sub_status) {
            (Some(id), Some(s)) => parts.push(format!("error {id} ({s})")),
            (Some(id), None) => parts.push(format!("error {id}")),
            (None, Some(s)) => parts.push(format!("sub-status {s}")),
            (None, None) => {}
        }
        if let Some(c) = &self.correlation_id {
            parts.push(format!("reference {c}"));
        }
        let mut out = parts.join(", ");
        if let Some(first) = out.get(..1) {
            out = first.to_uppercase() + &out[1..];
        }
        out
    }
}

impl From<ErrorKind> for ApiError {
    fn from(kind: ErrorKind) -> Self {
        ApiError {
            kind,
            reference: None,
        }
    }
}

impl ApiError {
    pub fn unauthorized(m: impl Into<String>) -> Self {
        ErrorKind::Unauthorized(m.into()).into()
    }
    pub fn forbidden(m: impl Into<String>) -> Self {
        ErrorKind::Forbidden(m.into()).into()
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        ErrorKind::NotFound(m.into()).into()
    }
    /// A request refused before it was sent, or by the server, with its reason.
    pub fn rejected(status: u16, m: impl Into<String>) -> Self {
        ErrorKind::Rejected {
            status,
            message: m.into(),
        }
        .into()
    }
    pub fn rate_limited(retry_after_secs: Option<u64>) -> Self {
        ErrorKind::RateLimited { retry_after_secs }.into()
    }
    pub fn server(status: u16, m: impl Into<String>) -> Self {
        ErrorKind::Server {
            status,
            message: m.into(),
        }
        .into()
    }
    pub fn network(m: impl Into<String>) -> Self {
        ErrorKind::Network(m.into()).into()
    }
    pub fn malformed(m: impl Into<String>) -> Self {
        ErrorKind::Malformed(m.into()).into()
    }

    /// With what the server gave to trace it (nothing is kept when `r` is empty).
    pub fn with_reference(mut self, r: Reference) -> Self {
        self.reference = (!r.is_empty()).then(|| Box::new(r));
        self
    }

    /// Adds the request's correlation id to the reference.
    pub fn with_correlation_id(mut self, id: &str) -> Self {
        let mut r = self.reference.take().map(|b| *b).unwrap_or_default();
        r.correlation_id = Some(id.to_string());
        self.with_reference(r)
    }

    /// The messages the server gave for single fields.
    pub fn field_messages(&self) -> &[(Option<String>, String)] {
        self.reference.as_deref().map_or(&[], |r| &r.fields)
    }

    /// The sentence shown to the user: what happened and what to do, never markup, parser
    /// errors or browser internals (those stay in the kind for debugging), followed by what the
    /// server gave to trace it.
    pub fn message(&self) -> String {
        let base = self.kind.message();
        match self.reference.as_deref().map(Reference::describe) {
            Some(r) if !r.is_empty() => format!("{base} ({r}.)"),
            _ => base,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self.kind, ErrorKind::Unauthorized(_))
    }
    pub fn is_forbidden(&self) -> bool {
        matches!(self.kind, ErrorKind::Forbidden(_))
    }
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, ErrorKind::NotFound(_))
    }
    pub fn is_rejected(&self) -> bool {
        matches!(self.kind, ErrorKind::Rejected { .. })
    }
    /// The seconds a 429 asked to wait (`Some(None)`: a 429 that did not say).
    pub fn rate_limited_for(&self) -> Option<Option<u64>> {
        match self.kind {
            ErrorKind::RateLimited { retry_after_secs } => Some(retry_after_secs),
            _ => None,
        }
    }

    /// The HTTP status of the answer, where one came back.
    pub fn status(&self) -> Option<u16> {
        match &self.kind {
            ErrorKind::Unauthorized(_) => Some(401),
            ErrorKind::Forbidden(_) => Some(403),
            ErrorKind::NotFound(_) => Some(404),
            ErrorKind::RateLimited { .. } => Some(429),
            ErrorKind::Rejected { status, .. } | ErrorKind::Server { status, .. } => Some(*status),
            ErrorKind::Network(_) | ErrorKind::Malformed(_) => None,
        }
    }

    /// Worth offering "Retry" for (the same request may succeed later).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimited { .. }
                | ErrorKind::Server { .. }
                | ErrorKind::Network(_)
                | ErrorKind::Malformed(_)
        )
    }
}

impl ErrorKind {
    /// The sentence for this kind of failure.
    pub fn message(&self) -> String {
        match self {
            ErrorKind::Unauthorized(m) => {
                non_empty(m, "Your sign-in was not accepted. Sign in again.")
            }
            ErrorKind::Forbidden(m) => {
                let base = "Your account is not allowed to do this (HTTP 403).";
                if m.trim().is_empty() {
                    base.to_string()
                } else {
                    format!("{base} The server said: {}", sentence(m))
                }
            }
            ErrorKind::NotFound(m) => non_empty(m, "Not found."),
            ErrorKind::Rejected { message, status } => non_empty(
                message,
                &format!("The server refused the request (HTTP {status})."),
            ),
            ErrorKind::RateLimited {
                retry_after_secs: Some(s),
            } => {
                format!("The server is busy (too many requests). Wait {s} s, then try again.")
            }
            ErrorKind::RateLimited {
                retry_after_secs: None,
            } => {
                "The server is busy (too many requests). Wait a moment, then try again.".to_string()
            }
            ErrorKind::Server { status, message } => {
                let detail = if message.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", message.trim().trim_end_matches('.'))
                };
                format!("The server had a problem (HTTP {status}){detail}. Try again in a moment.")
            }
            ErrorKind::Network(_) => "Could not reach the server, or the connection broke off \
                 before the answer was complete. Check your connection and try again."
                .to_string(),
            ErrorKind::Malformed(m) => {
                format!(
                    "The server sent an answer this portal cannot read ({}). Try again; if it \
                     keeps happening, the server or a proxy in front of it needs checking.",
                    m.trim().trim_end_matches('.')
                )
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A quoted server message, ending with a full stop.
fn sentence(m: &str) -> String {
    let t = m.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn non_empty(m: &str, fallback: &str) -> String {
    if m.trim().is_empty() {
        fallback.to_string()
    } else {
        m.trim().to_string()
    }
}

/// The longest server text quoted back to the user.
const MAX_QUOTED: usize = 300;

/// Reads a server's JSON error body: the message to quote, and what it gives to trace the
/// failure. Each backend has its own (its error bodies are part of what it knows).
pub type ErrorReader = fn(&serde_json::Value) -> (String, Reference);

/// The reader of bodies that say `{"message": …}`, `{"error": …}` or a list of messages: what
/// most servers send when they document nothing else.
pub fn plain_json_error(v: &serde_json::Value) -> (String, Reference) {
    let parts: Vec<String> = match v {
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|m| m.as_str().or_else(|| m["message"].as_str()))
            .map(String::from)
            .collect(),
        _ => v["message"]
            .as_str()
            .or_else(|| v["error"].as_str())
            .map(String::from)
            .into_iter()
            .collect(),
    };
    (joined(&parts), Reference::default())
}

/// Non-empty messages joined by a space, cut to [`MAX_QUOTED`].
pub fn joined(parts: &[String]) -> String {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    truncate(&parts.join(" "))
}

/// Pulls a human message out of an error body: JSON read by the backend's `reader`, a plain-text
/// sentence, or nothing (HTML pages and binary are never quoted: they are proxy or server error
/// pages, not messages).
pub fn body_message(content_type: &str, body: &[u8], reader: ErrorReader) -> (String, Reference) {
    let text = String::from_utf8_lossy(body);
    let t = text.trim();
    if t.is_empty() {
        return Default::default();
    }
    if content_type.contains("json") || t.starts_with('{') || t.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
            let (m, r) = reader(&v);
            return (truncate(&m), r);
        }
        return Default::default();
    }
    if content_type.contains("html") || t.starts_with('<') {
        return Default::default();
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Default::default();
    }
    (truncate(t), Reference::default())
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_QUOTED {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX_QUOTED).collect();
        out.push('…');
        out
    }
}

/// Seconds from a `Retry-After` header (delta-seconds form; an HTTP date gives `None`).
pub fn retry_after(header: Option<&str>) -> Option<u64> {
    header.and_then(|h| h.trim().parse::<u64>().ok())
}

/// Classifies a non-2xx answer, reading its body with the backend's `reader`.
pub fn classify(
    status: u16,
    content_type: &str,
    retry_after_header: Option<&str>,
    body: &[u8],
    reader: ErrorReader,
) -> ApiError {
    let (message, reference) = body_message(content_type, body, reader);
    let e = match status {
        401 => ApiError::unauthorized(message),
        403 => ApiError::forbidden(message),
        404 => ApiError::not_found(message),
        429 => ApiError::rate_limited(retry_after(retry_after_header)),
        400 | 405 | 406 | 409 | 410 | 413 | 415 | 422 => ApiError::rejected(status, message),
        _ => {
            let message = if message.is_empty()
                && (content_type.contains("html") || body.starts_with(b"<"))
            {
                "it answered with an error page instead of data".to_string()
            } else {
                message
            };
            ApiError::server(status, message)
        }
    };
    e.with_reference(reference)
}

/// A 2xx answer whose body is not the JSON expected.
pub fn malformed(content_type: &str, body: &[u8], _err: &serde_json::Error) -> ApiError {
    let t = String::from_utf8_lossy(&body[..body.len().min(64)])
        .trim_start()
        .to_string();
    if content_type.contains("html") || t.starts_with('<') {
        ApiError::malformed("an HTML page came back instead of data: is the API proxied correctly?")
    } else if body.is_empty() {
        ApiError::malformed("the answer was empty")
    } else {
        not_json()
    }
}

/// Data that does not parse. serde's own text (`EOF while parsing … at line 1 column 12`) means
/// nothing to people, so it is not shown.
pub fn not_json() -> ApiError {
    ApiError::malformed("the data was cut off or is not valid JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_plain(status: u16, ct: &str, retry: Option<&str>, body: &[u8]) -> ApiError {
        classify(status, ct, retry, body, plain_json_error)
    }

    #[test]
    fn plain_json_bodies() {
        assert_eq!(
            body_message(
                "application/json",
                br#"{"message":"Name taken"}"#,
                plain_json_error
            )
            .0,
            "Name taken"
        );
        assert_eq!(
            body_message(
                "application/json",
                br#"["a is required","b is too long"]"#,
                plain_json_error
            )
            .0,
            "a is required b is too long"
        );
        assert_eq!(
            body_message(
                "text/plain",
                b"Revocation is in progress.",
                plain_json_error
            )
            .0,
            "Revocation is in progress."
        );
    }

    #[test]
    fn html_and_garbage_are_never_quoted() {
        let html = b"<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>";
        assert_eq!(body_message("text/html", html, plain_json_error).0, "");
        let e = classify_plain(502, "text/html", None, html);
        assert_eq!(
            e,
            ApiError::server(502, "it answered with an error page instead of data")
        );
        assert!(e.message().contains("HTTP 502"));
        assert_eq!(
            body_message(
                "application/octet-stream",
                &[0, 1, 2, 255],
                plain_json_error
            )
            .0,
            ""
        );
        assert_eq!(
            body_message("application/json", b"{not json", plain_json_error).0,
            ""
        );
    }

    #[test]
    fn statuses() {
        assert!(classify_plain(401, "", None, b"").is_unauthorized());
        assert_eq!(
            classify_plain(429, "", Some("7"), b""),
            ApiError::rate_limited(Some(7))
        );
        assert!(classify_plain(429, "", Some("7"), b"")
            .message()
            .contains("Wait 7 s"));
        assert!(!classify_plain(
            403,
            "application/json",
            None,
            br#"{"message":"Access denied"}"#
        )
        .message()
        .is_empty());
        let net = ApiError::network("TypeError: Failed to fetch").message();
        assert!(!net.contains("TypeError"), "{net}");
        assert_eq!(
            classify_plain(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT"), b""),
            ApiError::rate_limited(None)
        );
        assert_eq!(
            classify_plain(
                400,
                "application/json",
                None,
                br#"{"message":"Invalid action"}"#
            )
            .kind,
            ErrorKind::Rejected {
                status: 400,
                message: "Invalid action".into()
            }
        );
        assert!(matches!(
            classify_plain(503, "", None, b"").kind,
            ErrorKind::Server { status: 503, .. }
        ));
        assert!(classify_plain(500, "", None, b"").is_transient());
        assert!(!classify_plain(403, "", None, b"").is_transient());
        assert!(classify_plain(406, "", None, b"").is_rejected());
    }

    #[test]
    fn references_are_shown_for_quoting() {
        fn reader(v: &serde_json::Value) -> (String, Reference) {
            let r = Reference {
                error_id: v["id"].as_str().map(String::from),
                sub_status: v["subStatusCode"].as_i64(),
                ..Default::default()
            };
            (v["message"].as_str().unwrap_or_default().to_string(), r)
        }
        let e = classify(
            403,
            "application/vnd.blackberry.error-v1+json",
            None,
            br#"{"id":"NOT_AUTHORIZED","subStatusCode":403,"message":"Not authorized to complete the request."}"#,
            reader,
        )
        .with_correlation_id("c0ffee-1");
        let m = e.message();
        assert!(m.contains("Not authorized to complete the request."), "{m}");
        assert!(
            m.contains("Error NOT_AUTHORIZED (403), reference c0ffee-1"),
            "{m}"
        );
        // Nothing to quote: nothing added.
        let e = classify(404, "", None, b"", reader);
        assert!(e.reference.is_none());
        assert_eq!(e.message(), "Not found.");
        let e = ApiError::network("x").with_correlation_id("abc");
        assert!(e.message().ends_with("(Reference abc.)"), "{}", e.message());
    }

    #[test]
    fn long_messages_are_cut() {
        let long = "x".repeat(1000);
        let m = body_message("text/plain", long.as_bytes(), plain_json_error).0;
        assert_eq!(m.chars().count(), MAX_QUOTED + 1);
    }

    #[test]
    fn malformed_answers() {
        let err = serde_json::from_slice::<serde_json::Value>(b"<html>").unwrap_err();
        assert!(malformed("text/html", b"<html>", &err)
            .message()
            .contains("HTML page"));
        let err = serde_json::from_slice::<serde_json::Value>(b"").unwrap_err();
        assert!(malformed("application/json", b"", &err)
            .message()
            .contains("empty"));
        let err = serde_json::from_slice::<serde_json::Value>(b"{\"a\":").unwrap_err();
        assert!(malformed("application/json", b"{\"a\":", &err)
            .message()
            .contains("not valid JSON"));
    }
}
