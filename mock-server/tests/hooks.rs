//! Test hooks (`--test-hooks`) and fault injection.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{get, hooked, router, send, send_body, state, ADMIN};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use tower::ServiceExt;

async fn set_faults(app: &axum::Router, json: &str) -> common::Reply {
    send_body(
        app,
        Method::POST,
        "/_mock/faults",
        None,
        &[("content-type", "application/json")],
        json,
    )
    .await
}

#[tokio::test]
async fn hooks_only_with_the_switch() {
    // Without --test-hooks the paths are the portal's (no dist here: 503), never the hooks.
    let app = router(&state(10));
    let r = send(&app, Method::POST, "/_mock/reset", None, &[]).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    let r = send(&app, Method::POST, "/_mock/faults", None, &[]).await;
    assert_ne!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn reset_reseeds_exactly_and_clears_faults() {
    let (st, app) = hooked(60);
    let before = st.read().clone();
    let uuid = before.devices[0].uuid.clone();
    common::put(&app, &format!("/api/v1/dm/devices/retire/{uuid}")).await;
    send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(ADMIN),
        &[],
        "newpassword=changed-pw",
    )
    .await;
    set_faults(&app, r#"{"status":500}"#).await;
    assert_eq!(
        get(&app, "/api/v1/dm/labels").await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let r = send(&app, Method::POST, "/_mock/reset", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), serde_json::json!({"devices": 60, "seed": 1}));
    assert_eq!(*st.read(), before);
    assert_eq!(get(&app, "/api/v1/dm/labels").await.status, StatusCode::OK);
    assert_eq!(common::status_of(&app, &uuid).await, "ACTIVE");
    let r = send(
        &app,
        Method::GET,
        "/api/v1/sm/users/jdoe",
        Some(("jdoe", "abcd1234")),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn forced_statuses_with_envelope_and_retry_after() {
    let (_, app) = hooked(20);
    for s in [401u16, 403, 404, 429, 500, 502, 503] {
        let r = set_faults(&app, &format!(r#"{{"status":{s},"retryAfter":7}}"#)).await;
        assert_eq!(r.status, StatusCode::OK);
        let r = get(&app, "/api/v1/dm/devices").await;
        assert_eq!(r.status.as_u16(), s);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(!r.messages().is_empty(), "{s}");
        assert_eq!(r.header("retry-after"), Some("7"));
    }
    // 429 gets a Retry-After even without retryAfter; 401 the challenge unless XHR.
    set_faults(&app, r#"{"status":429}"#).await;
    assert_eq!(
        get(&app, "/api/v1/dm/labels").await.header("retry-after"),
        Some("1")
    );
    set_faults(&app, r#"{"status":401}"#).await;
    assert!(get(&app, "/api/v1/dm/labels")
        .await
        .header("www-authenticate")
        .is_some());
    let r = send(
        &app,
        Method::GET,
        "/api/v1/dm/labels",
        Some(ADMIN),
        &[("x-requested-with", "XMLHttpRequest")],
    )
    .await;
    assert!(r.header("www-authenticate").is_none());
    // XML callers get the XML envelope.
    set_faults(&app, r#"{"status":500}"#).await;
    let r = common::get_xml(&app, "/api/v1/alerts").await;
    assert!(r
        .text()
        .contains("<alertWebServiceResponse><messages><message>"));
    // Outside /api nothing is injected.
    assert_eq!(
        send(&app, Method::GET, "/healthz", None, &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn path_filter_html_error_malformed_and_latency() {
    let (_, app) = hooked(20);
    set_faults(&app, r#"{"htmlError":true,"paths":"/dm/labels"}"#).await;
    let r = get(&app, "/api/v1/dm/labels").await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("Bad Gateway"));
    assert_eq!(
        get(&app, "/api/v1/dm/devices").await.status,
        StatusCode::OK,
        "other paths are untouched"
    );
    // Malformed JSON, with the real status; even for large cached, gzip-accepting answers.
    set_faults(&app, r#"{"malformed":true}"#).await;
    let r = send(
        &app,
        Method::GET,
        "/api/v1/dm/devices",
        Some(ADMIN),
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // The transport compression still applies; what it carries is broken JSON.
    let mut body = Vec::new();
    if r.header("content-encoding") == Some("gzip") {
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&r.body[..]), &mut body)
            .unwrap();
    } else {
        body = r.body.to_vec();
    }
    assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
    assert!(body.starts_with(b"{\"messages\""));
    // Latency.
    set_faults(&app, r#"{"latencyMs":120}"#).await;
    let t = Instant::now();
    assert_eq!(get(&app, "/api/v1/dm/labels").await.status, StatusCode::OK);
    assert!(t.elapsed() >= Duration::from_millis(120));
    // Fail rate 1.0: every request is a 500 with the envelope; 0 is off again.
    set_faults(&app, r#"{"failRate":1.0}"#).await;
    let r = get(&app, "/api/v1/dm/labels").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.messages(), ["Internal server error (injected fault)"]);
    set_faults(&app, "{}").await;
    assert_eq!(get(&app, "/api/v1/dm/labels").await.status, StatusCode::OK);
    // Bad settings are refused and change nothing.
    for bad in [
        r#"{"failRate":2}"#,
        r#"{"status":418}"#,
        r#"{"latency":1}"#,
        "not json",
    ] {
        assert_eq!(
            set_faults(&app, bad).await.status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    let r = send(&app, Method::GET, "/_mock/faults", None, &[]).await;
    assert_eq!(r.json()["failRate"], 0.0);
}

#[tokio::test]
async fn drop_aborts_the_answer() {
    let (_, app) = hooked(20);
    set_faults(&app, r#"{"drop":true}"#).await;
    let req = Request::builder()
        .uri("/api/v1/dm/labels")
        .header("authorization", common::basic("admin", "admin1234"))
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    // The body fails on its first read, so hyper closes the connection without an answer.
    assert!(res.into_body().collect().await.is_err());
}

#[tokio::test]
async fn start_faults_come_from_the_cli_flags() {
    let st = state(20);
    st.set_start_faults(mock_server::faults::Faults {
        fail_rate: 1.0,
        ..Default::default()
    });
    let app = router(&st);
    assert_eq!(
        get(&app, "/api/v1/dm/labels").await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
