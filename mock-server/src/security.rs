//! Hardening shared by every answer: security headers (the same Content-Security-Policy as the
//! shipped nginx configuration, `deploy/nginx/security-headers.conf`), a request body limit, and a
//! per-user rate limit on every vendor API answering 429 with `Retry-After`, as the Ivanti CPS
//! guide describes for its API (CPS guide, "Rate Limiting"). The CPS API has its own per-endpoint
//! limits on top (`crate::cps::limits`).

use crate::apis::Api;
use crate::state::SharedState;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Only the portal's own files, the WebAssembly module, and same-origin API calls.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The headers added to every answer (unless a handler set them).
pub const HEADERS: [(&str, &str); 7] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// Largest request body accepted (certificate uploads are a few KiB; 413 above).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Adds [`HEADERS`] to every answer.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in HEADERS {
        let name = HeaderName::from_static(name);
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    }
    res
}

/// Requests a minute per user by default (`--rate-limit`): far above what a person clicking
/// through the portal needs, low enough that a runaway script meets 429.
pub const DEFAULT_PER_MINUTE: u32 = 3000;

/// A token bucket per caller: `per_minute` requests a minute, bursts up to the same number.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: AtomicU32,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new(DEFAULT_PER_MINUTE)
    }
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute: AtomicU32::new(per_minute),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Changes the limit (0 turns it off) and forgets the buckets.
    pub fn set(&self, per_minute: u32) {
        self.per_minute.store(per_minute, Ordering::Relaxed);
        self.buckets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    pub fn is_off(&self) -> bool {
        self.per_minute.load(Ordering::Relaxed) == 0
    }

    /// `Ok` to go on, or `Err(seconds to wait)`.
    pub fn check(&self, caller: &str, now: Instant) -> Result<(), u64> {
        if self.is_off() {
            return Ok(());
        }
        let cap = f64::from(self.per_minute.load(Ordering::Relaxed));
        let rate = cap / 60.0;
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            map.retain(|_, (_, t)| now.duration_since(*t) < Duration::from_secs(120));
        }
        let (tokens, last) = map.entry(caller.to_string()).or_insert((cap, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * rate).min(cap);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

/// The rate limit on the vendor APIs' requests ([`Api::of`]), per caller ([`Api::caller`]).
pub async fn rate_limit(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let Some(api) = Api::of(&path).filter(|_| !state.rate_limiter.is_off()) else {
        return next.run(req).await;
    };
    let caller = api.caller(&state, req.headers());
    match state.rate_limiter.check(&caller, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(wait) => {
            let message = format!("Too many requests. Try again in {wait} seconds.");
            let mut res = api.error(req.headers(), &path, StatusCode::TOO_MANY_REQUESTS, message);
            set_retry_after(&mut res, wait);
            res
        }
    }
}

/// Sets `Retry-After` to a number of seconds.
pub fn set_retry_after(res: &mut Response, seconds: u64) {
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        res.headers_mut().insert(RETRY_AFTER, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_refills_and_says_how_long_to_wait() {
        let r = RateLimiter::new(60);
        let t0 = Instant::now();
        for _ in 0..60 {
            assert!(r.check("a", t0).is_ok());
        }
        assert_eq!(r.check("a", t0), Err(1));
        // Another caller has its own bucket.
        assert!(r.check("b", t0).is_ok());
        // One token a second comes back.
        assert!(r.check("a", t0 + Duration::from_millis(1100)).is_ok());
        assert!(r.check("a", t0 + Duration::from_millis(1100)).is_err());
        assert!(RateLimiter::new(0).check("a", t0).is_ok());
    }

    #[test]
    fn the_policy_matches_the_shipped_nginx_configuration() {
        let nginx = include_str!("../../deploy/nginx/security-headers.conf");
        for (name, value) in HEADERS {
            let line = nginx
                .lines()
                .find(|l| {
                    l.to_ascii_lowercase()
                        .starts_with(&format!("add_header {name} "))
                })
                .unwrap_or_else(|| panic!("{name} missing from security-headers.conf"));
            assert!(
                line.contains(&format!("\"{value}\"")),
                "{name} differs: {line}"
            );
        }
    }
}
