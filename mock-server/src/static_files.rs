//! Hosting of the built portal (`--dist`): files as they are, `index.html` for every other path
//! (single-page app routes such as `/devices/abc`), cache headers that fit Trunk's hashed names.
//!
//! - `index.html`, `config.json` and every other unhashed file: `Cache-Control: no-cache`;
//! - hashed assets (a run of 12+ hex digits in the file name, e.g.
//!   `mdm-portal-1a2b3c4d5e6f7a8b_bg.wasm`): `public, max-age=31536000, immutable`. Trunk writes
//!   its 64-bit hash as `{:x}`, without leading zeros: one build in 16 has a 15-digit name
//!   (`mdm-portal-d1e23bdd982d975.js`), one in 65,536 has 12 digits or fewer;
//! - `.wasm` is `application/wasm` (from `mime_guess`, via `ServeDir`);
//! - no dist directory (portal not built): 503 with a plain explanation; the API keeps working.
//!
//! Path traversal (`..`, encoded or not) is rejected by `ServeDir`, which then falls back to
//! `index.html`, so nothing outside the directory is ever read.

use crate::state::SharedState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub const NO_CACHE: HeaderValue = HeaderValue::from_static("no-cache");
pub const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// Whether the last path segment carries a content hash: 12 or more hex digits in a row.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let mut run = 0;
    for c in name.chars() {
        if c.is_ascii_hexdigit() {
            run += 1;
            if run >= 12 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn not_built(dist: &Path) -> Response {
    let text = format!(
        "The portal is not built: {} has no index.html.\n\
         Build it with `trunk build --release` (or start mock-server with --dist DIR).\n\
         The mock API under /api/ works regardless.\n",
        dist.display()
    );
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, text).into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res.headers_mut().insert(CACHE_CONTROL, NO_CACHE);
    res
}

/// Fallback handler for every non-API path.
pub async fn serve(State(state): State<SharedState>, req: Request) -> Response {
    let dist = &state.dist;
    let index = dist.join("index.html");
    if !index.is_file() {
        return not_built(dist);
    }
    let path = req.uri().path().to_string();
    if path == "/config.json" {
        if let Some(res) = portal_config(&state, dist) {
            return res;
        }
    }
    // The build ships `.br`/`.gz` next to each file (tools/post-build.mjs): served as they are.
    let svc = ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(&index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let mut res = match svc.oneshot(req).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    };
    let cache = if res.status() == StatusCode::OK && is_hashed_asset(&path) {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    res.headers_mut().insert(CACHE_CONTROL, cache);
    res
}

/// The portal's `config.json` with the keys of `--portal-backend` / `--portal-pki` laid over it,
/// so one build of the portal talks to whichever API the demo or a test run chose. `None` when
/// there is nothing to lay over (the file is served as it is).
fn portal_config(state: &SharedState, dist: &Path) -> Option<Response> {
    let overlay = state
        .portal_config
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    if overlay.is_empty() {
        return None;
    }
    let shipped = std::fs::read(dist.join("config.json")).ok()?;
    let mut config: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&shipped).ok()?;
    config.extend(overlay);
    let mut res = axum::Json(config).into_response();
    res.headers_mut().insert(CACHE_CONTROL, NO_CACHE);
    Some(res)
}

/// The keys that make the portal talk to `backend` (`epmm`, `cps`, `uem`; UEM also needs its
/// tenant) where this server answers it (`apiBase`: the shipped file's `/api` is EPMM's), and,
/// with `pki`, manage SCEP profiles on this server's CZERTAINLY API.
pub fn portal_overlay(
    backend: &str,
    tenant: &str,
    pki: bool,
) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("backend".into(), backend.into());
    let api_base = match backend {
        "cps" => wire::cps::BASE_PATH,
        // UEM paths start with the tenant, at the root.
        "uem" => "",
        _ => "/api",
    };
    m.insert("apiBase".into(), api_base.into());
    if backend == "uem" {
        m.insert("tenant".into(), tenant.into());
    }
    if pki {
        m.insert(
            "pki".into(),
            serde_json::json!({"kind": "czertainly", "apiBase": crate::czertainly::PREFIX}),
        );
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_names_the_backend_and_its_options() {
        let m = portal_overlay("uem", "SRP00000", true);
        assert_eq!(m["backend"], "uem");
        assert_eq!(m["apiBase"], "");
        assert_eq!(m["tenant"], "SRP00000");
        assert_eq!(m["pki"]["apiBase"], "/czertainly/api");
        assert_eq!(m["apiBase"], "");
        let m = portal_overlay("cps", "SRP00000", false);
        assert_eq!(m["apiBase"], "/msa/v1/cps");
        assert!(!m.contains_key("tenant") && !m.contains_key("pki"));
        assert_eq!(m["apiBase"], "/msa/v1/cps");
        assert_eq!(portal_overlay("epmm", "SRP00000", false)["apiBase"], "/api");
    }

    #[test]
    fn hashed_names() {
        assert!(is_hashed_asset("/mdm-portal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef0123.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/config.json"));
        assert!(!is_hashed_asset("/1a2b3c4d5e6f7a8b/index.html"));
        // Trunk's hash without its leading zeros (seen: a 15-digit name failed to be cached).
        assert!(is_hashed_asset("/mdm-portal-d1e23bdd982d975_bg.wasm"));
        assert!(is_hashed_asset("/app-1a2b3c4d5e6f.js"));
        assert!(!is_hashed_asset("/app-1a2b3c4d5e6.js"));
    }
}
