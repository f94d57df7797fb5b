//! CPS authentication: HTTP Basic credentials of a user who holds the CPS role ("The credentials
//! you use for basic authentication must correspond to a user with the required CPS role", CPS
//! guide, "Basic authentication"). Client certificates are not supported by the mock.
//!
//! - No, malformed or wrong credentials: 401 `{"message"}` with `WWW-Authenticate: Basic
//!   realm="CPS"`, left out for `X-Requested-With: XMLHttpRequest` (as for V1, so a browser never
//!   shows its own login dialog over the portal).
//! - A valid user without the CPS role (`ROLE_CPS`; the demo `admin` has it, `jdoe` has not):
//!   403 `{"message"}`.

use super::reply;
use crate::auth::{authenticate, is_xhr};
use crate::catalog::ROLE_CPS;
use crate::state::SharedState;
use axum::extract::{Request, State};
use axum::http::header::WWW_AUTHENTICATE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub const REALM: HeaderValue = HeaderValue::from_static("Basic realm=\"CPS\"");

/// The middleware in front of every CPS route.
pub async fn require_cps(
    State(state): State<SharedState>,
    mut req: Request,
    next: Next,
) -> Response {
    let result = authenticate(&state.read(), req.headers());
    match result {
        Ok(caller) if caller.has_any(&[ROLE_CPS]) => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Ok(caller) => reply::error(
            StatusCode::FORBIDDEN,
            format!(
                "Access denied: user {} does not have the Common Platform Services (CPS) role",
                caller.principal
            ),
        ),
        Err(e) => {
            let mut res = reply::error(StatusCode::UNAUTHORIZED, e.message());
            if !is_xhr(req.headers()) {
                res.headers_mut().insert(WWW_AUTHENTICATE, REALM);
            }
            res
        }
    }
}
