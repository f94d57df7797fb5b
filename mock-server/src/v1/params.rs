//! Query parameters. Every non-path parameter is a query parameter, even on PUT/POST (V1 guide,
//! "Parameter Formats"); keys are matched case-insensitively because the guide itself mixes
//! `Reason`/`reason` and `countryCode`/`countrycode` (`countryCode` in the table of "Register a
//! Device", `countrycode` in its examples); repeated keys carry several values.

use super::envelope::ApiError;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;

/// The query string as ordered key/value pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// The first value of `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
    /// Every value of `key` (case-insensitive), in order.
    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// The value of `key`, `None` when absent or blank.
    pub fn non_blank(&self, key: &str) -> Option<&str> {
        self.get(key).map(str::trim).filter(|v| !v.is_empty())
    }
    /// A boolean (`true`, `True`, `FALSE`, `1`, `0`); 400 for anything else.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => wire::lenient::parse_bool(v).map_err(|_| {
                ApiError::bad_request(format!("Invalid {key}: {v} (expected true or false)"))
            }),
        }
    }
    /// A required boolean.
    pub fn required_bool(&self, key: &str) -> Result<bool, ApiError> {
        self.bool(key)?
            .ok_or_else(|| ApiError::bad_request(format!("{key} is required (true or false)")))
    }
    /// A required, non-blank value.
    pub fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.non_blank(key)
            .ok_or_else(|| ApiError::bad_request(format!("{key} is required")))
    }
    /// `Reason` (or `reason`: V1 guide, "Parameter Formats" vs the examples of "Retire a Device"
    /// and the other actions): at most 512 characters, required for lock and unlock (the request
    /// tables of "Lock a Device" and "Unlock a Device").
    pub fn reason(&self, required: bool) -> Result<Option<String>, ApiError> {
        let r = self.non_blank("reason");
        wire::v1::check_reason(r, required).map_err(ApiError::bad_request)?;
        Ok(r.map(str::to_string))
    }
    /// Parses an `application/x-www-form-urlencoded` body (change password, authenticate; the
    /// guide's authenticate example sends no Content-Type, so none is required: V1 guide,
    /// "Authenticate a User", example).
    pub fn from_form(body: &[u8]) -> Params {
        let text = String::from_utf8_lossy(body);
        Params(
            text.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (k, v) = p.split_once('=').unwrap_or((p, ""));
                    (form_decode(k), form_decode(v))
                })
                .collect(),
        )
    }
}

/// Decodes one form component: `+` is a space, `%XX` a byte; bad escapes are kept as they are.
pub fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', " "))
}

/// Decodes `%XX` escapes (as in path segments); invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map(|Query(v)| Params(v))
            .map_err(|e| ApiError::bad_request(format!("Invalid query string: {e}")))
    }
}

/// `offset`/`limit` paging (V1 guide, "Using offset and limit Parameters to Cycle through
/// Records"): `offset` is zero-based (default 0); `limit` absent or `-1` means all records. The
/// total match count is reported before paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Paging {
    pub offset: usize,
    pub limit: Option<usize>,
}

impl Paging {
    pub fn from_params(p: &Params) -> Result<Self, ApiError> {
        let offset = match p.non_blank("offset") {
            None => 0,
            Some(v) => v.parse::<usize>().map_err(|_| {
                ApiError::bad_request(format!(
                    "Invalid offset: {v} (expected a zero-based record index)"
                ))
            })?,
        };
        let limit = match p.non_blank("limit") {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(-1) => None,
                Ok(n) if n > 0 => Some(n as usize),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "Invalid limit: {v} (expected a positive number, or -1 for all records)"
                    )))
                }
            },
        };
        Ok(Paging { offset, limit })
    }

    /// The page of `items`.
    pub fn page<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = self.offset.min(items.len());
        let end = match self.limit {
            Some(l) => start.saturating_add(l).min(items.len()),
            None => items.len(),
        };
        &items[start..end]
    }

    /// A stable form for cache keys.
    pub fn key(&self) -> String {
        match self.limit {
            Some(l) => format!("offset={}&limit={l}", self.offset),
            None => format!("offset={}&limit=all", self.offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &[(&str, &str)]) -> Params {
        Params(
            q.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn keys_are_case_insensitive() {
        let p = params(&[
            ("Reason", "lost"),
            ("deviceUuids", "a"),
            ("deviceuuids", "b"),
        ]);
        assert_eq!(p.get("reason"), Some("lost"));
        assert_eq!(p.all("deviceUuids"), ["a", "b"]);
    }

    #[test]
    fn forms_and_reasons() {
        // V1 guide, the examples of "Update Password for a User" and "Authenticate a User"
        let f = Params::from_form(b"oldpassword=abcd1234&newpassword=wxy%2113579&Comments=a+b");
        assert_eq!(f.get("newpassword"), Some("wxy!13579"));
        assert_eq!(f.get("comments"), Some("a b"));
        assert_eq!(percent_decode("Pilot%20Group%"), "Pilot Group%");
        let p = params(&[("Reason", "x")]);
        assert_eq!(p.reason(true).unwrap().as_deref(), Some("x"));
        assert!(params(&[]).reason(true).is_err());
        assert!(params(&[("reason", &"r".repeat(513))])
            .reason(false)
            .is_err());
        assert_eq!(params(&[("v", "True")]).bool("v").unwrap(), Some(true));
        assert!(params(&[("v", "yes")]).bool("v").is_err());
    }

    #[test]
    fn paging_with_offset_and_limit() {
        // "The offset parameter defaults to 0" and "set limit to -1 to get all" (V1 guide, "Using
        // offset and limit Parameters to Cycle through Records")
        let items: Vec<u32> = (0..10).collect();
        let all = Paging::from_params(&params(&[])).unwrap();
        assert_eq!(all.page(&items).len(), 10);
        let p = Paging::from_params(&params(&[("limit", "3"), ("offset", "8")])).unwrap();
        assert_eq!(p.page(&items), &[8, 9]);
        let p = Paging::from_params(&params(&[("limit", "-1"), ("offset", "2")])).unwrap();
        assert_eq!(p.page(&items).len(), 8);
        let p = Paging::from_params(&params(&[("offset", "20")])).unwrap();
        assert!(p.page(&items).is_empty());
        for bad in [
            ("limit", "0"),
            ("limit", "-2"),
            ("limit", "x"),
            ("offset", "-1"),
        ] {
            assert!(Paging::from_params(&params(&[bad])).is_err(), "{bad:?}");
        }
    }
}
