//! Hosting of the built portal (`--dist`).

mod common;

use axum::http::{Method, StatusCode};
use common::{get, send, ADMIN};
use mock_server::{app, AppState};
use std::fs;

const INDEX: &str = "<!doctype html><title>mdm-portal</title>";
const WASM: &str = "mdm-portal-1a2b3c4d5e6f7a8b_bg.wasm";
const SECRET: &str = "TOP-SECRET-OUTSIDE-DIST";

/// A temp dir holding `dist/` (the portal) and `secret.txt` beside it.
fn fixture() -> (tempfile::TempDir, axum::Router) {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    fs::create_dir_all(dist.join("assets")).unwrap();
    fs::write(dist.join("index.html"), INDEX).unwrap();
    fs::write(dist.join("config.json"), r#"{"apiBase":"/api"}"#).unwrap();
    fs::write(dist.join(WASM), b"\0asm\x01\0\0\0").unwrap();
    fs::write(
        dist.join("mdm-portal-1a2b3c4d5e6f7a8b.js"),
        "export default 1;",
    )
    .unwrap();
    fs::write(dist.join("assets/logo.svg"), "<svg/>").unwrap();
    fs::write(root.path().join("secret.txt"), SECRET).unwrap();
    let router = app(AppState::seeded(20, 1, dist));
    (root, router)
}

#[tokio::test]
async fn files_and_cache_headers() {
    let (_root, app) = fixture();
    let r = send(&app, Method::GET, "/", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), INDEX);
    assert_eq!(r.header("cache-control"), Some("no-cache"));

    let r = send(&app, Method::GET, "/config.json", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("apiBase"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));

    let r = send(&app, Method::GET, &format!("/{WASM}"), None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );

    let r = send(
        &app,
        Method::GET,
        "/mdm-portal-1a2b3c4d5e6f7a8b.js",
        None,
        &[],
    )
    .await;
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(r.header("content-type").unwrap().contains("javascript"));

    let r = send(&app, Method::GET, "/assets/logo.svg", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "<svg/>");
}

#[tokio::test]
async fn spa_fallback_serves_index_html() {
    let (_root, app) = fixture();
    for path in [
        "/devices/abc",
        "/labels",
        "/devices/abc/details?tab=2",
        "/no-such-file.js",
    ] {
        let r = send(&app, Method::GET, path, None, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.text(), INDEX, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
    }
    // API paths never fall back to the page.
    let r = get(&app, "/api/v1/no-such-thing").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn path_traversal_does_not_leave_dist() {
    let (_root, app) = fixture();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/devices/../../secret.txt",
        "/assets/../../secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
    ] {
        let r = send(&app, Method::GET, path, None, &[]).await;
        assert!(!r.text().contains(SECRET), "{path} leaked the file");
        assert!(
            r.status == StatusCode::OK || r.status.is_client_error() || r.status.is_redirection(),
            "{path}: {}",
            r.status
        );
    }
}

#[tokio::test]
async fn missing_dist_is_503_for_pages_but_the_api_works() {
    let st = AppState::seeded(20, 1, "/nonexistent/dist-for-mock-server-tests");
    let app = app(st);
    for path in ["/", "/devices/abc", "/index.html"] {
        let r = send(&app, Method::GET, path, None, &[]).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(r.text().contains("trunk build"), "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/plain"));
    }
    let r = send(&app, Method::GET, "/api/v1/dm/devices", Some(ADMIN), &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = send(&app, Method::GET, "/healthz", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
}
