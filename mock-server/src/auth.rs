//! HTTP Basic authentication on every `/api/*` request (V1 guide, "Authentication",
//! "Username/Password").
//!
//! V1 needs the "API" or the "Mobile App" role (V1 guide, "Authentication"). A valid user without
//! either gets 401 as well, since the guide lists no 403 (V1 guide, "HTTP Response Codes"), with
//! one exception: a self-service user (`ROLE_USER_PORTAL`, the user portal of EPMM) may make the
//! self-service calls on their own account and devices — see [`self_service_allowed`]. Failures
//! answer the V1 envelope `{"messages":{"message":["..."]}}` with `WWW-Authenticate: Basic
//! realm="EPMM"`, except for `X-Requested-With: XMLHttpRequest` requests, where the header is left
//! out so browsers never show their own login dialog over the portal.

use crate::catalog::{ROLE_API, ROLE_MOBILE_APP, ROLE_USER_PORTAL};
use crate::state::{SharedState, World};
use crate::v1::envelope::ApiError;
use crate::v1::params::percent_decode;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;

/// Roles that may call V1 (V1 guide, "Authentication").
pub const V1_ROLES: &[&str] = &[ROLE_API, ROLE_MOBILE_APP];

pub const REALM: HeaderValue = HeaderValue::from_static("Basic realm=\"EPMM\"");

/// The signed-in user, put in the request extensions for handlers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub principal: String,
    pub roles: Vec<String>,
    /// Let in only for the self-service calls (no API or Mobile App role).
    pub self_service: bool,
}

impl Caller {
    pub fn has_any(&self, roles: &[&str]) -> bool {
        self.roles.iter().any(|r| roles.contains(&r.as_str()))
    }
}

/// Why authentication failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    Missing,
    Malformed,
    BadCredentials,
}

impl AuthError {
    pub fn message(&self) -> &'static str {
        match self {
            AuthError::Missing => "Authentication required: send HTTP Basic credentials",
            AuthError::Malformed => "Authentication failed: malformed Authorization header",
            AuthError::BadCredentials => "Authentication failed: invalid username or password",
        }
    }
}

/// Compares without returning at the first differing byte.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= u64::from(x ^ y);
    }
    diff == 0
}

/// The `(username, password)` of a `Basic` Authorization header.
pub fn parse_basic(headers: &HeaderMap) -> Result<(String, String), AuthError> {
    let value = headers.get(AUTHORIZATION).ok_or(AuthError::Missing)?;
    let value = value.to_str().map_err(|_| AuthError::Malformed)?.trim();
    let (scheme, token) = value.split_once(' ').ok_or(AuthError::Malformed)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(AuthError::Malformed);
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .map_err(|_| AuthError::Malformed)?;
    let text = String::from_utf8(raw).map_err(|_| AuthError::Malformed)?;
    let (user, pass) = text.split_once(':').ok_or(AuthError::Malformed)?;
    Ok((user.to_string(), pass.to_string()))
}

/// Checks the credentials against the world's users.
pub fn authenticate(world: &World, headers: &HeaderMap) -> Result<Caller, AuthError> {
    let (username, password) = parse_basic(headers)?;
    let user = world.user(&username).filter(|u| u.enabled);
    // Compare against something even for unknown users, so timing does not reveal them.
    let expected = user
        .and_then(|u| u.password.as_deref())
        .unwrap_or("\u{0}no-such-user-password\u{0}");
    let ok = constant_time_eq(password.as_bytes(), expected.as_bytes());
    match user {
        Some(u) if ok && u.password.is_some() => Ok(Caller {
            principal: u.principal.clone(),
            roles: u.roles.clone(),
            self_service: false,
        }),
        _ => Err(AuthError::BadCredentials),
    }
}

/// Whether a request asks not to get the browser's login dialog.
pub fn is_xhr(headers: &HeaderMap) -> bool {
    headers
        .get("x-requested-with")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"XMLHttpRequest"))
}

/// The 401 answer.
pub fn unauthorized(message: impl Into<String>, xhr: bool) -> Response {
    let mut res = ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
    if !xhr {
        res.headers_mut().insert(WWW_AUTHENTICATE, REALM);
    }
    res
}

/// The self-service calls a user portal user may make (method, path below `/api`):
///
/// - `POST /v1/sm/authentication` (their own credentials; checked by the handler);
/// - `PUT /v1/sm/authentication/users/{self}` (their own password);
/// - `GET /v1/sm/users/{self or own email}`, `GET /v1/dm/users/{self}`;
/// - `GET /v1/alerts/users/{self}[/phones/{phone}]`;
/// - on their own devices: `GET /v1/dm/devices/{uuid}`, and lock, unlock, locate, wakeup and wipe
///   (what the EPMM user portal offers: the `ROLE_MPW_*` functions).
pub fn self_service_allowed(world: &World, principal: &str, method: &Method, path: &str) -> bool {
    let segs: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let me = |u: &str| u.eq_ignore_ascii_case(principal);
    let my_email = |u: &str| {
        world
            .user(principal)
            .is_some_and(|x| x.email.eq_ignore_ascii_case(u))
    };
    let mine = |uuid: &str| {
        world
            .device(uuid)
            .is_some_and(|d| world.owner(d).principal.eq_ignore_ascii_case(principal))
    };
    match (method.as_str(), segs.as_slice()) {
        ("POST", ["v1", "sm", "authentication"]) => true,
        ("PUT", ["v1", "sm", "authentication", "users", u]) => me(u),
        ("GET", ["v1", "sm", "users", u]) => me(u) || my_email(u),
        ("GET", ["v1", "dm", "users", u]) => me(u),
        ("GET", ["v1", "alerts", "users", u]) => me(u),
        ("GET", ["v1", "alerts", "users", u, "phones", _]) => me(u),
        ("GET", ["v1", "dm", "devices", uuid]) => mine(uuid),
        ("PUT", ["v1", "dm", "devices", "lock" | "wipe", uuid]) => mine(uuid),
        ("GET", ["v1", "dm", "devices", "unlock" | "locate" | "wakeup", uuid]) => mine(uuid),
        _ => false,
    }
}

/// Middleware for the V1 API: Basic credentials of a user with [`V1_ROLES`], or of a
/// self-service user making a self-service call.
pub async fn require_v1(
    State(state): State<SharedState>,
    mut req: Request,
    next: Next,
) -> Response {
    let xhr = is_xhr(req.headers());
    let result = {
        let world = state.read();
        authenticate(&world, req.headers()).map(|mut caller| {
            if !caller.has_any(V1_ROLES)
                && caller.has_any(&[ROLE_USER_PORTAL])
                && self_service_allowed(&world, &caller.principal, req.method(), req.uri().path())
            {
                caller.self_service = true;
            }
            caller
        })
    };
    match result {
        Ok(caller) if caller.has_any(V1_ROLES) || caller.self_service => {
            req.extensions_mut().insert(caller);
            next.run(req).await
        }
        Ok(caller) if caller.has_any(&[ROLE_USER_PORTAL]) => unauthorized(
            format!(
                "Access denied: user {} does not have the API or Mobile App role; a self-service user may only make the self-service calls on their own account and devices",
                caller.principal
            ),
            xhr,
        ),
        Ok(caller) => unauthorized(
            format!(
                "Access denied: user {} does not have the API or Mobile App role",
                caller.principal
            ),
            xhr,
        ),
        Err(e) => unauthorized(e.message(), xhr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_authorization_header() {
        // "Authorization: Basic amRvZTphYmNkMTIzNA==" decodes to jdoe:abcd1234 (V1 guide, "Update
        // Password for a User", example)
        let mut h = HeaderMap::new();
        h.insert(
            AUTHORIZATION,
            HeaderValue::from_static("Basic amRvZTphYmNkMTIzNA=="),
        );
        assert_eq!(
            parse_basic(&h),
            Ok(("jdoe".to_string(), "abcd1234".to_string()))
        );
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(parse_basic(&h), Err(AuthError::Malformed));
        assert_eq!(parse_basic(&HeaderMap::new()), Err(AuthError::Missing));
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
