//! What can go wrong talking to the server, classified for people. Pure and tested natively.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: credentials missing, wrong, or expired.
    Unauthorized(String),
    /// 403: signed in, but not allowed.
    Forbidden(String),
    /// 404 on a call where it means "no such thing" (list calls map 404 to empty instead).
    NotFound(String),
    /// 400/405/409/410/413/422: the server refused the request and said why.
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

impl ApiError {
    /// The sentence shown to the user: what happened and what to do, never markup, parser
    /// errors or browser internals (those stay in the variant for debugging).
    pub fn message(&self) -> String {
        match self {
            ApiError::Unauthorized(m) => {
                non_empty(m, "Your sign-in was not accepted. Sign in again.")
            }
            ApiError::Forbidden(m) => {
                let base = "Your account is not allowed to do this (HTTP 403).";
                if m.trim().is_empty() {
                    base.to_string()
                } else {
                    format!("{base} The server said: {}", sentence(m))
                }
            }
            ApiError::NotFound(m) => non_empty(m, "Not found."),
            ApiError::Rejected { message, status } => non_empty(
                message,
                &format!("The server refused the request (HTTP {status})."),
            ),
            ApiError::RateLimited {
                retry_after_secs: Some(s),
            } => {
                format!("The server is busy (too many requests). Wait {s} s, then try again.")
            }
            ApiError::RateLimited {
                retry_after_secs: None,
            } => {
                "The server is busy (too many requests). Wait a moment, then try again.".to_string()
            }
            ApiError::Server { status, message } => {
                let detail = if message.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", message.trim().trim_end_matches('.'))
                };
                format!("The server had a problem (HTTP {status}){detail}. Try again in a moment.")
            }
            ApiError::Network(_) => "Could not reach the server, or the connection broke off \
                 before the answer was complete. Check your connection and try again."
                .to_string(),
            ApiError::Malformed(m) => {
                format!(
                    "The server sent an answer this portal cannot read ({}). Try again; if it \
                     keeps happening, the server or a proxy in front of it needs checking.",
                    m.trim().trim_end_matches('.')
                )
            }
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Unauthorized(_))
    }

    /// Worth offering "Retry" for (the same request may succeed later).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Network(_)
                | ApiError::Malformed(_)
        )
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

/// Pulls a human message out of an error body: the V1 envelope (`messages.message`), the V2
/// envelope (`messages[].localizedMessage`), a plain-text sentence, or nothing (HTML pages and
/// binary are never quoted: they are proxy or server error pages, not messages).
pub fn body_message(content_type: &str, body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    if content_type.contains("json") || t.starts_with('{') {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(t) {
            return json_message(&v);
        }
        return String::new();
    }
    if content_type.contains("html") || t.starts_with('<') {
        return String::new();
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return String::new();
    }
    truncate(t)
}

fn json_message(v: &serde_json::Value) -> String {
    let msgs = &v["messages"];
    let mut parts: Vec<String> = Vec::new();
    // V1: {"messages": {"message": ["…"]}} or {"messages": {"message": "…"}}
    match &msgs["message"] {
        serde_json::Value::String(s) => parts.push(s.clone()),
        serde_json::Value::Array(a) => {
            parts.extend(a.iter().filter_map(|m| m.as_str().map(String::from)))
        }
        _ => {}
    }
    // V2: {"messages": [{"localizedMessage": "…"}]}
    if let Some(a) = msgs.as_array() {
        for m in a {
            if let Some(s) = m["localizedMessage"].as_str().or_else(|| m.as_str()) {
                parts.push(s.to_string());
            }
        }
    }
    if let Some(s) = msgs.as_str() {
        parts.push(s.to_string());
    }
    if parts.is_empty() {
        if let Some(s) = v["message"].as_str().or_else(|| v["error"].as_str()) {
            parts.push(s.to_string());
        }
    }
    let joined: Vec<String> = parts
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    truncate(&joined.join(" "))
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

/// Classifies a non-2xx answer.
pub fn classify(
    status: u16,
    content_type: &str,
    retry_after_header: Option<&str>,
    body: &[u8],
) -> ApiError {
    let message = body_message(content_type, body);
    match status {
        401 => ApiError::Unauthorized(message),
        403 => ApiError::Forbidden(message),
        404 => ApiError::NotFound(message),
        429 => ApiError::RateLimited {
            retry_after_secs: retry_after(retry_after_header),
        },
        400 | 405 | 409 | 410 | 413 | 415 | 422 => ApiError::Rejected { status, message },
        _ => {
            let message = if message.is_empty()
                && (content_type.contains("html") || body.starts_with(b"<"))
            {
                "it answered with an error page instead of data".to_string()
            } else {
                message
            };
            ApiError::Server { status, message }
        }
    }
}

/// A 2xx answer whose body is not the JSON expected.
pub fn malformed(content_type: &str, body: &[u8], _err: &serde_json::Error) -> ApiError {
    let t = String::from_utf8_lossy(&body[..body.len().min(64)])
        .trim_start()
        .to_string();
    if content_type.contains("html") || t.starts_with('<') {
        ApiError::Malformed(
            "an HTML page came back instead of data: is the API proxied correctly?".into(),
        )
    } else if body.is_empty() {
        ApiError::Malformed("the answer was empty".into())
    } else {
        not_json()
    }
}

/// Data that does not parse. serde's own text (`EOF while parsing … at line 1 column 12`) means
/// nothing to people, so it is not shown.
pub fn not_json() -> ApiError {
    ApiError::Malformed("the data was cut off or is not valid JSON".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_and_v2_envelopes() {
        let v1 = br#"{"messages":{"message":["No device found for uuid x"]},"totalCount":0}"#;
        assert_eq!(
            body_message("application/json", v1),
            "No device found for uuid x"
        );
        let v2 = br#"{"messages":[{"type":"Error","messageKey":"k","localizedMessage":"Incorrect password for the PKCS#12 file."}]}"#;
        assert_eq!(
            body_message("application/json", v2),
            "Incorrect password for the PKCS#12 file."
        );
        assert_eq!(
            body_message("text/plain", b"Revocation is in progress."),
            "Revocation is in progress."
        );
    }

    #[test]
    fn html_and_garbage_are_never_quoted() {
        let html = b"<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>";
        assert_eq!(body_message("text/html", html), "");
        let e = classify(502, "text/html", None, html);
        assert_eq!(
            e,
            ApiError::Server {
                status: 502,
                message: "it answered with an error page instead of data".into()
            }
        );
        assert!(e.message().contains("HTTP 502"));
        assert_eq!(
            body_message("application/octet-stream", &[0, 1, 2, 255]),
            ""
        );
        assert_eq!(body_message("application/json", b"{not json"), "");
    }

    #[test]
    fn statuses() {
        assert!(classify(401, "", None, b"").is_unauthorized());
        assert_eq!(
            classify(429, "", Some("7"), b""),
            ApiError::RateLimited {
                retry_after_secs: Some(7)
            }
        );
        assert!(classify(429, "", Some("7"), b"")
            .message()
            .contains("Wait 7 s"));
        assert!(!classify(
            403,
            "application/json",
            None,
            br#"{"messages":{"message":["Access denied"]}}"#
        )
        .message()
        .is_empty());
        let net = ApiError::Network("TypeError: Failed to fetch".into()).message();
        assert!(!net.contains("TypeError"), "{net}");
        assert_eq!(
            classify(429, "", Some("Wed, 21 Oct 2015 07:28:00 GMT"), b""),
            ApiError::RateLimited {
                retry_after_secs: None
            }
        );
        assert!(
            matches!(classify(400, "application/json", None, br#"{"messages":{"message":["Invalid action"]}}"#),
            ApiError::Rejected { status: 400, ref message } if message == "Invalid action")
        );
        assert!(matches!(
            classify(503, "", None, b""),
            ApiError::Server { status: 503, .. }
        ));
        assert!(classify(500, "", None, b"").is_transient());
        assert!(!classify(403, "", None, b"").is_transient());
    }

    #[test]
    fn long_messages_are_cut() {
        let long = "x".repeat(1000);
        let m = body_message("text/plain", long.as_bytes());
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
