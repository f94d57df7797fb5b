//! The CPS server settings (`--cps-cluster`, `--cps-rate-limit`, `--cps-max-limit`) and the rate
//! limits of "Aggregate API rate limits per cluster" (CPS guide).
//!
//! The guide gives calls per minute per API and cluster, "aggregate": the mock counts every
//! caller's calls together, per endpoint (method and path; each of the "Remaining APIs" has its
//! own budget), in a sliding one-minute window. The guide documents no wire behaviour; the
//! mock's: the call over the budget is answered 429 with `Retry-After` (whole seconds until the
//! oldest call in the window leaves it, at least 1) and `{"message"}` naming the limit. Refused
//! calls do not count, and neither do calls refused by authentication (the limit is checked after
//! it). `--cps-rate-limit off` turns the limits off for load tests. The table itself is
//! `wire::cps::limits`, shared with the portal, which paces its calls within it.

use super::reply;
use crate::state::SharedState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

pub use wire::cps::limits::{Cluster, RateClass as Class};

/// The CPS settings of a running server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CpsConfig {
    /// Whose rate limits apply.
    pub cluster: Cluster,
    /// Whether they apply.
    pub rate_limit: bool,
    /// The largest page served; a larger `limit` is cut down to it.
    pub max_limit: u64,
}

/// The default maximum page size.
pub const DEFAULT_MAX_LIMIT: u64 = 1000;

impl Default for CpsConfig {
    fn default() -> Self {
        CpsConfig {
            cluster: Cluster::Na1,
            rate_limit: true,
            max_limit: DEFAULT_MAX_LIMIT,
        }
    }
}

/// The settings and the call windows (in `AppState::cps`).
#[derive(Debug, Default)]
pub struct CpsRuntime {
    config: RwLock<CpsConfig>,
    windows: Mutex<HashMap<String, VecDeque<Instant>>>,
}

const WINDOW: Duration = Duration::from_secs(60);

impl CpsRuntime {
    /// New settings; the windows start empty.
    pub fn configure(&self, c: CpsConfig) {
        *self.config.write().unwrap_or_else(|e| e.into_inner()) = c;
        self.reset();
    }

    pub fn config(&self) -> CpsConfig {
        *self.config.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn max_limit(&self) -> u64 {
        self.config().max_limit.max(1)
    }

    /// Forgets every call (`POST /_mock/reset`).
    pub fn reset(&self) {
        self.windows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Counts a call to `endpoint`: `Ok`, or `Err((limit, seconds to wait))`.
    pub fn check(&self, endpoint: &str, class: Class, now: Instant) -> Result<(), (u32, u64)> {
        let c = self.config();
        if !c.rate_limit {
            return Ok(());
        }
        let limit = class.per_minute(c.cluster);
        let mut map = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let calls = map.entry(endpoint.to_string()).or_default();
        while calls
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            calls.pop_front();
        }
        if calls.len() < limit as usize {
            calls.push_back(now);
            return Ok(());
        }
        let oldest = calls.front().copied().unwrap_or(now);
        let wait = (oldest + WINDOW).saturating_duration_since(now);
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Err((limit, secs.max(1)))
    }
}

/// A route's path below `/msa/v1/cps`, as the limits count it: without a trailing slash, with
/// `$metadata` spelled out, the app catalog's example path folded into the documented one.
pub fn endpoint_path(matched: &str) -> String {
    let p = matched
        .strip_prefix(wire::cps::BASE_PATH)
        .unwrap_or(matched);
    let p = p.strip_suffix('/').unwrap_or(p).replace("%24", "$");
    if p == "/appstore/apps" {
        "/appcatalog/apps".to_string()
    } else {
        p
    }
}

/// The middleware on the CPS routes (after authentication).
pub async fn enforce(
    State(state): State<SharedState>,
    matched: Option<MatchedPath>,
    req: Request,
    next: Next,
) -> Response {
    let path = endpoint_path(matched.as_ref().map_or(req.uri().path(), |m| m.as_str()));
    let class = Class::of(req.method().as_str(), &path);
    let endpoint = format!("{} {path}", req.method());
    match state.cps.check(&endpoint, class, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err((limit, wait)) => {
            let mut res = reply::error(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "Rate limit exceeded: {limit} calls per minute for {} {}{path} (cluster {}). Try again in {wait} seconds.",
                    req.method(),
                    wire::cps::BASE_PATH,
                    state.cps.config().cluster.as_str()
                ),
            );
            crate::security::set_retry_after(&mut res, wait);
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_and_retry_after() {
        let r = CpsRuntime::default();
        r.configure(CpsConfig {
            cluster: Cluster::Na1,
            ..CpsConfig::default()
        });
        let t0 = Instant::now();
        for k in 0..100 {
            assert!(r
                .check(
                    "POST /device/mac",
                    Class::Mac,
                    t0 + Duration::from_millis(k * 100)
                )
                .is_ok());
        }
        // The 101st within the minute: wait until the first call (at t0) is a minute old.
        let at = t0 + Duration::from_millis(20_500);
        assert_eq!(r.check("POST /device/mac", Class::Mac, at), Err((100, 40)));
        // Another endpoint has its own window.
        assert!(r.check("POST /device/email", Class::Email, at).is_ok());
        // One minute after the first call, one call fits again (refused calls did not count).
        let later = t0 + Duration::from_secs(60);
        assert!(r.check("POST /device/mac", Class::Mac, later).is_ok());
        assert!(r.check("POST /device/mac", Class::Mac, later).is_err());
        r.configure(CpsConfig {
            rate_limit: false,
            ..CpsConfig::default()
        });
        assert!(r.check("POST /device/mac", Class::Mac, later).is_ok());
        assert_eq!(
            endpoint_path("/msa/v1/cps/device/%24metadata/"),
            "/device/$metadata"
        );
        assert_eq!(
            endpoint_path("/msa/v1/cps/appstore/apps"),
            "/appcatalog/apps"
        );
    }
}
