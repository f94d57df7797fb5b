//! Helpers shared by the integration tests: a seeded router and one-shot requests.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use bytes::Bytes;
use http_body_util::BodyExt;
use mock_server::{app, AppState, SharedState};
use tower::ServiceExt;

pub const ADMIN: (&str, &str) = ("admin", "admin1234");

/// A seeded state whose dist directory does not exist.
pub fn state(devices: usize) -> SharedState {
    AppState::seeded(devices, 1, "/nonexistent/mock-server-test-dist")
}

pub fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The `messages.message` strings.
    pub fn messages(&self) -> Vec<String> {
        self.json()["messages"]["message"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|m| m.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub async fn send(
    router: &Router,
    method: Method,
    uri: &str,
    auth: Option<(&str, &str)>,
    headers: &[(&str, &str)],
) -> Reply {
    send_body(router, method, uri, auth, headers, "").await
}

/// A request with a body (form bodies of the `/sm` calls).
pub async fn send_body(
    router: &Router,
    method: Method,
    uri: &str,
    auth: Option<(&str, &str)>,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some((u, p)) = auth {
        req = req.header("authorization", basic(u, p));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    call(router, req.body(Body::from(body.to_string())).unwrap()).await
}

/// Any request, and its whole answer.
pub async fn call(router: &Router, req: Request<Body>) -> Reply {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body,
    }
}

/// GET as the admin.
pub async fn get(router: &Router, uri: &str) -> Reply {
    send(router, Method::GET, uri, Some(ADMIN), &[]).await
}

/// PUT as the admin.
pub async fn put(router: &Router, uri: &str) -> Reply {
    send(router, Method::PUT, uri, Some(ADMIN), &[]).await
}

/// POST as the admin.
pub async fn post(router: &Router, uri: &str) -> Reply {
    send(router, Method::POST, uri, Some(ADMIN), &[]).await
}

/// GET as the admin, asking for XML.
pub async fn get_xml(router: &Router, uri: &str) -> Reply {
    send(
        router,
        Method::GET,
        uri,
        Some(ADMIN),
        &[("accept", "application/xml")],
    )
    .await
}

/// The answer parsed into a wire type.
pub fn parse<T: serde::de::DeserializeOwned>(r: &Reply) -> T {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| {
        panic!(
            "not the expected type ({e}): {}",
            String::from_utf8_lossy(&r.body[..r.body.len().min(400)])
        )
    })
}

/// A state with the test hooks on, and its router.
pub fn hooked(devices: usize) -> (SharedState, Router) {
    let st = state(devices);
    st.enable_test_hooks();
    let r = app(st.clone());
    (st, r)
}

/// The uuid of the first device matching `f`.
pub fn find_device(st: &SharedState, f: impl Fn(&mock_server::state::DeviceRec) -> bool) -> String {
    let w = st.read();
    w.devices
        .iter()
        .find(|d| f(d))
        .map(|d| d.uuid.clone())
        .expect("a matching seeded device")
}

/// The status of a device as `GET /dm/devices/{uuid}` reports it.
pub async fn status_of(router: &Router, uuid: &str) -> String {
    let r = get(router, &format!("/api/v1/dm/devices/{uuid}")).await;
    let d: wire::v1::DeviceResponse = parse(&r);
    d.device.expect("a device").status
}

pub fn router(state: &SharedState) -> Router {
    app(state.clone())
}
