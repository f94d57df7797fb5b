//! HTTP Basic on every `/api/*` path (EPMM V1 API guide, "Authentication", "Username/Password").

mod common;

use axum::http::{Method, StatusCode};
use common::{router, send, state};

const DEVICES: &str = "/api/v1/dm/devices";

#[tokio::test]
async fn no_credentials_is_401_with_a_basic_challenge() {
    // "401 Unauthorized: ... Authentication credentials are missing or wrong." (V1 guide, "HTTP
    // Response Codes")
    let app = router(&state(10));
    let r = send(&app, Method::GET, DEVICES, None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.header("www-authenticate"), Some("Basic realm=\"EPMM\""));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let m: wire::v1::MessagesOnly = serde_json::from_slice(&r.body).unwrap();
    assert!(!m.messages.0.is_empty());
    // Also on unknown API paths: auth comes before routing.
    let r = send(&app, Method::GET, "/api/v1/nothing", None, &[]).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn xhr_requests_get_no_challenge_header() {
    // So the browser never shows its own login dialog over the portal (digest `epmm-v1-api.md`, "8.
    // Decisions for the mock server and the client", 1).
    let app = router(&state(10));
    let r = send(
        &app,
        Method::GET,
        DEVICES,
        None,
        &[("x-requested-with", "XMLHttpRequest")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header("www-authenticate").is_none());
    let r = send(
        &app,
        Method::GET,
        DEVICES,
        Some(("admin", "wrong")),
        &[("x-requested-with", "xmlhttprequest")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header("www-authenticate").is_none());
}

#[tokio::test]
async fn wrong_password_or_unknown_user_is_401() {
    let app = router(&state(10));
    for creds in [
        ("admin", "admin12345"),
        ("admin", ""),
        ("nobody", "admin1234"),
        ("", ""),
    ] {
        let r = send(&app, Method::GET, DEVICES, Some(creds), &[]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{creds:?}");
        assert!(r.header("www-authenticate").is_some());
    }
    // Not Basic at all.
    let r = send(
        &app,
        Method::GET,
        DEVICES,
        None,
        &[("authorization", "Bearer abc")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn user_without_the_api_role_is_401() {
    // "Either the "API" role or the "Mobile App" role is required" (V1 guide, "Authentication"); no
    // 403 exists ("HTTP Response Codes"). jdoe/abcd1234 is the guide's own example header ("Update
    // Password for a User", example).
    let app = router(&state(10));
    let r = send(
        &app,
        Method::GET,
        DEVICES,
        None,
        &[("authorization", "Basic amRvZTphYmNkMTIzNA==")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r
        .text()
        .contains("does not have the API or Mobile App role"));
}

#[tokio::test]
async fn api_and_mobile_app_roles_are_accepted() {
    let app = router(&state(10));
    for creds in [
        ("admin", "admin1234"),
        ("mobileapp", "mobile1234"),
        ("ADMIN", "admin1234"),
    ] {
        let r = send(&app, Method::GET, DEVICES, Some(creds), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{creds:?}");
    }
}
