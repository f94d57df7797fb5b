//! Test-only routes, mounted only with `--test-hooks` (never under `/api`):
//!
//! - `GET /_mock/pkcs12?kind=valid|two-keys|v1|expired|not-yet-valid|no-key&password=…&cn=…`: a
//!   PKCS#12 file built at request time by the same code the native tests use
//!   ([`super::pkcs12::fixture`]);
//! - `POST /_mock/v2/reset`: the V2 world generated again (certificates, uploads, jobs);
//! - `GET|POST /_mock/v2/faults`: read or set the failure switches ([`super::world::Faults`]).

use super::pkcs12::{fixture, FixtureKind};
use super::world::Faults;
use super::{now_ms, query_get, query_pairs, Ctx};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub fn router<S>(ctx: Ctx) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route("/_mock/pkcs12", get(pkcs12_file))
        .route("/_mock/v2/reset", post(reset))
        .route("/_mock/v2/faults", get(get_faults).post(set_faults))
        .with_state(ctx)
}

async fn pkcs12_file(uri: Uri) -> Response {
    let q = match query_pairs(&uri) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let kind = match query_get(&q, "kind")
        .unwrap_or("valid")
        .parse::<FixtureKind>()
    {
        Ok(k) => k,
        Err(e) => return (StatusCode::BAD_REQUEST, e).into_response(),
    };
    let password = query_get(&q, "password").unwrap_or("").to_string();
    let cn = query_get(&q, "cn").unwrap_or("Test User").to_string();
    let built = tokio::task::spawn_blocking(move || fixture(kind, &password, &cn, now_ms())).await;
    match built {
        Ok(Ok(bytes)) => {
            let mut res = (StatusCode::OK, bytes).into_response();
            let h = res.headers_mut();
            h.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-pkcs12"),
            );
            h.insert(
                CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"test.p12\""),
            );
            res
        }
        Ok(Err(e)) => (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn reset(State(ctx): State<Ctx>) -> StatusCode {
    let v1 = ctx.app.read();
    ctx.v2.reset(&v1);
    StatusCode::NO_CONTENT
}

async fn get_faults(State(ctx): State<Ctx>) -> Response {
    let f = ctx.v2.lock().faults.clone();
    super::envelope::ok(&f)
}

async fn set_faults(State(ctx): State<Ctx>, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            ctx.v2.lock().faults = f.clone();
            super::envelope::ok(&f)
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("invalid faults: {e}")).into_response(),
    }
}
