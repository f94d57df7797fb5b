//! Cache of serialised response bodies, keyed by request (path + normalised query + format) and
//! tied to one state version. The 100k-device list is ~150 MB of JSON: it is serialised once per state version,
//! and gzip-compressed once on the first request that accepts gzip, instead of on every request.

use axum::http::{HeaderValue, StatusCode};
use bytes::Bytes;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// Bodies smaller than this are not precompressed (the compression layer handles them).
pub const PRECOMPRESS_MIN: usize = 64 * 1024;
/// At most this many bodies are kept (all of one version).
const MAX_ENTRIES: usize = 64;

/// One cached response body.
#[derive(Debug)]
pub struct CachedBody {
    pub version: u64,
    pub status: StatusCode,
    pub content_type: HeaderValue,
    pub body: Bytes,
    gzip: OnceLock<Bytes>,
}

impl CachedBody {
    pub fn new(version: u64, status: StatusCode, body: Vec<u8>) -> Self {
        Self::typed(
            version,
            status,
            HeaderValue::from_static("application/json"),
            body,
        )
    }

    pub fn typed(
        version: u64,
        status: StatusCode,
        content_type: HeaderValue,
        body: Vec<u8>,
    ) -> Self {
        CachedBody {
            version,
            status,
            content_type,
            body: Bytes::from(body),
            gzip: OnceLock::new(),
        }
    }

    /// The gzip form, computed on first use (blocking: call it off the async threads).
    pub fn gzip(&self) -> Bytes {
        self.gzip
            .get_or_init(|| {
                // Level 1 is ~5x faster than the default and still shrinks the repetitive JSON
                // about 8x.
                let mut enc = flate2::write::GzEncoder::new(
                    Vec::with_capacity(self.body.len() / 6),
                    flate2::Compression::fast(),
                );
                let ok = enc.write_all(&self.body).is_ok();
                match enc.finish() {
                    Ok(v) if ok => Bytes::from(v),
                    _ => Bytes::new(),
                }
            })
            .clone()
    }

    pub fn gzip_ready(&self) -> bool {
        self.gzip.get().is_some()
    }
}

#[derive(Debug, Default)]
pub struct ResponseCache {
    map: Mutex<HashMap<String, Arc<CachedBody>>>,
}

impl ResponseCache {
    /// The body cached under `key` for exactly this version.
    pub fn get(&self, key: &str, version: u64) -> Option<Arc<CachedBody>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(key).filter(|b| b.version == version).cloned()
    }

    /// Stores a body; drops bodies of older versions, and everything when the cache is full.
    pub fn put(&self, key: String, body: Arc<CachedBody>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let v = body.version;
        map.retain(|_, b| b.version >= v);
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(key, body);
    }

    pub fn len(&self) -> usize {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether an `Accept-Encoding` value allows gzip (`gzip` or `*` with a non-zero q).
pub fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut gzip = None;
    let mut star = None;
    for part in accept_encoding.split(',') {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        match name.as_str() {
            "gzip" | "x-gzip" => gzip = Some(q > 0.0),
            "*" => star = Some(q > 0.0),
            _ => {}
        }
    }
    gzip.or(star).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_parsing() {
        assert!(accepts_gzip("gzip, deflate, br, zstd"));
        assert!(accepts_gzip("br;q=1.0, gzip;q=0.8"));
        assert!(!accepts_gzip("br"));
        assert!(!accepts_gzip("gzip;q=0, *"));
        assert!(accepts_gzip("*"));
        assert!(!accepts_gzip(""));
    }

    #[test]
    fn versions_do_not_mix() {
        let c = ResponseCache::default();
        c.put(
            "a".into(),
            Arc::new(CachedBody::new(1, StatusCode::OK, b"x".to_vec())),
        );
        assert!(c.get("a", 1).is_some());
        assert!(c.get("a", 2).is_none());
        c.put(
            "b".into(),
            Arc::new(CachedBody::new(2, StatusCode::OK, b"y".to_vec())),
        );
        assert_eq!(c.len(), 1, "older versions are dropped");
        let body = CachedBody::new(3, StatusCode::OK, vec![b'{'; 1000]);
        assert!(!body.gzip().is_empty());
        assert!(body.gzip_ready());
    }
}
