//! Hardening: security headers on every answer, the request body limit, the per-user rate limit
//! (429 + Retry-After, as the CPS guide describes: CPS guide, "Aggregate API rate limits per
//! cluster"), and precompressed static files.

mod common;

use axum::http::{Method, StatusCode};
use common::*;
use mock_server::security::{CONTENT_SECURITY_POLICY, MAX_BODY_BYTES};
use mock_server::{app, AppState};

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>x</title>",
    )
    .unwrap();
    let router = app(AppState::seeded(20, 1, dir.path()));
    for (uri, auth) in [
        ("/", None),
        ("/devices/abc", None),
        ("/api/v1/dm/labels", Some(ADMIN)),
        ("/api/v1/dm/labels", None),
        ("/api/v1/nope", Some(ADMIN)),
        ("/healthz", None),
    ] {
        let r = send(&router, Method::GET, uri, auth, &[]).await;
        assert_eq!(
            r.header("content-security-policy"),
            Some(CONTENT_SECURITY_POLICY),
            "{uri}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{uri}");
        assert_eq!(r.header("x-frame-options"), Some("DENY"), "{uri}");
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"), "{uri}");
    }
    // No 'unsafe-inline' and no 'unsafe-eval': only WebAssembly compilation is allowed.
    assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-inline'"));
    assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    assert!(CONTENT_SECURITY_POLICY.contains("'wasm-unsafe-eval'"));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let router = app(state(20));
    let big = "x".repeat(MAX_BODY_BYTES + 1);
    let r = send_body(
        &router,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(ADMIN),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", &big.len().to_string()),
        ],
        &big,
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_per_user() {
    let st = state(20);
    st.rate_limiter.set(5);
    let router = app(st.clone());
    for _ in 0..5 {
        let r = send(&router, Method::GET, "/api/v1/dm/labels", Some(ADMIN), &[]).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = send(&router, Method::GET, "/api/v1/dm/labels", Some(ADMIN), &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(r.messages()[0].starts_with("Too many requests."));
    // Another user has their own budget; pages are not limited.
    let other = send(
        &router,
        Method::GET,
        "/api/v1/dm/labels",
        Some(("mobileapp", "mobile1234")),
        &[],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    let page = send(&router, Method::GET, "/healthz", None, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    // Off: no limit.
    st.rate_limiter.set(0);
    let r = send(&router, Method::GET, "/api/v1/dm/labels", Some(ADMIN), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn precompressed_files_are_served_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>plain</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("index.html.br"), b"BROTLI-BYTES").unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js"), "console.log(1)").unwrap();
    std::fs::write(dir.path().join("app-0123456789abcdef.js.gz"), b"GZIP-BYTES").unwrap();
    let router = app(AppState::seeded(20, 1, dir.path()));
    let r = send(
        &router,
        Method::GET,
        "/",
        None,
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(&r.body[..], b"BROTLI-BYTES");
    // The SPA fallback too.
    let r = send(
        &router,
        Method::GET,
        "/devices/x",
        None,
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("br"));
    let r = send(
        &router,
        Method::GET,
        "/app-0123456789abcdef.js",
        None,
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(&r.body[..], b"GZIP-BYTES");
    let r = send(&router, Method::GET, "/app-0123456789abcdef.js", None, &[]).await;
    assert_eq!(r.text(), "console.log(1)");
}
