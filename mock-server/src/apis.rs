//! Which vendor API a request path belongs to, and how that API answers an error: the one place
//! the cross-cutting layers (fault injection, the per-user rate limit) ask, so that a new vendor
//! module adds an arm here instead of a branch in each of them.

use crate::auth;
use crate::v1::envelope::{self, Neg};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use wire::lenient::Messages;
use wire::v1::MessagesOnly;

/// The vendor APIs mock-server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Ivanti EPMM V1 and V2 under `/api`.
    Epmm,
    /// Ivanti CPS under `/msa/v1/cps`.
    Cps,
    /// CZERTAINLY Core under `/czertainly/api`.
    Czertainly,
    /// BlackBerry UEM under `/{tenant}/api/v1`.
    Uem,
}

impl Api {
    /// The API a path belongs to; `None` for the portal's files, `/healthz` and `/_mock`.
    pub fn of(path: &str) -> Option<Api> {
        if path == "/api" || path.starts_with("/api/") {
            Some(Api::Epmm)
        } else if path.starts_with(wire::cps::BASE_PATH) {
            Some(Api::Cps)
        } else if crate::czertainly::is_api_path(path) {
            // Before UEM: `/czertainly/api/v1/…` has the shape of a UEM tenant's path.
            Some(Api::Czertainly)
        } else if crate::uem::is_uem_path(path) {
            Some(Api::Uem)
        } else {
            None
        }
    }

    /// What the server is called in messages.
    pub fn server(self) -> &'static str {
        match self {
            Api::Epmm | Api::Cps => "Ivanti EPMM",
            Api::Czertainly => "CZERTAINLY",
            Api::Uem => "BlackBerry UEM",
        }
    }

    /// An error answer in this API's own shape (EPMM: its messages envelope, JSON or XML as the
    /// request negotiated).
    pub fn error(
        self,
        headers: &HeaderMap,
        path: &str,
        s: StatusCode,
        message: String,
    ) -> Response {
        match self {
            Api::Epmm => {
                let body = MessagesOnly {
                    messages: Messages::one(message),
                    total_count: (s == StatusCode::NOT_FOUND).then_some(0),
                };
                envelope::reply(Neg::new(headers, path), s, &body)
            }
            Api::Cps => crate::cps::error_response(s, message),
            Api::Czertainly => crate::czertainly::error_response(s, message),
            Api::Uem => crate::uem::fault_response(s.as_u16(), message, None),
        }
    }

    /// The `WWW-Authenticate` of a 401, where this API's server sends one.
    pub fn realm(self) -> Option<HeaderValue> {
        match self {
            Api::Epmm => Some(auth::REALM),
            Api::Cps => Some(crate::cps::auth::REALM),
            Api::Czertainly | Api::Uem => None,
        }
    }

    /// Who is calling, for the per-user rate limit: the Basic user, the UEM token's user, or
    /// the forwarded client certificate for CZERTAINLY; anonymous callers share one budget.
    pub fn caller(self, state: &crate::state::AppState, headers: &HeaderMap) -> String {
        match self {
            Api::Uem => state
                .uem
                .rate_key(headers)
                .unwrap_or_else(|| "anonymous".to_string()),
            Api::Czertainly => match headers.get(crate::czertainly::CLIENT_CERT_HEADER) {
                Some(v) => {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    v.as_bytes().hash(&mut h);
                    format!("client-certificate:{:016x}", h.finish())
                }
                None => "anonymous".to_string(),
            },
            Api::Epmm | Api::Cps => auth::parse_basic(headers)
                .map(|(user, _)| user)
                .unwrap_or_else(|_| "anonymous".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_belong_to_their_api() {
        assert_eq!(Api::of("/api/v1/dm/devices"), Some(Api::Epmm));
        assert_eq!(Api::of("/api/v2/certificates/search"), Some(Api::Epmm));
        assert_eq!(Api::of("/msa/v1/cps/device"), Some(Api::Cps));
        assert_eq!(
            Api::of("/czertainly/api/v1/scepProfiles"),
            Some(Api::Czertainly)
        );
        for other in [
            "/apix",
            "/czertainly/apix",
            "/czertainly",
            "/_mock/faults",
            "/healthz",
            "/devices",
            "/msa/v2/x",
        ] {
            assert_eq!(Api::of(other), None, "{other}");
        }
    }
}
