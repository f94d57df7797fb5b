//! Sign-in and the token check (overview, "Authentication", "Verify Server is Running", "Request
//! Authentication Header"), and what each role may call.
//!
//! `POST util/authorization` with `{"provider": "LOCAL", "username", "password": <base64>}`
//! answers the raw token as `text/plain`: the value scripts paste into `Authorization` ("the
//! response format is not shown; the value is used as-is in the header"; digest
//! `cps-and-uem-api.md`, "2.2 Authentication"). The token is 32 random bytes (base64url), valid
//! until it has been idle for [`super::UemConfig::idle_timeout`]; `Bearer <token>` is accepted as
//! well.

use super::error::{UemError, UemResult};
use super::{media, UemState};
use crate::state::SharedState;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::RngCore;
use std::time::Instant;
use wire::uem::directory::MANAGE_USER_CERTIFICATES;
use wire::uem::{errors, AuthorizationRequest, PROVIDER_LOCAL};

/// What a user may do in UEM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// "Security Administrator": every call.
    Admin,
    /// A device user of the self-service portal; with the "Manage user certificates" permission
    /// they may manage their own certificates.
    SelfService { manage_certificates: bool },
    /// Signed in, but without a UEM role: may only look themself up.
    NoRole,
}

impl Role {
    /// `administrativeRole` of the user answer.
    pub fn administrative_role(&self) -> Option<&'static str> {
        matches!(self, Role::Admin).then_some("Security Administrator")
    }
    /// `selfServicePermissions` of the user answer.
    pub fn self_service_permissions(&self) -> Vec<String> {
        match self {
            Role::SelfService {
                manage_certificates: true,
            } => vec![MANAGE_USER_CERTIFICATES.to_string()],
            _ => Vec::new(),
        }
    }
}

/// A signed-in token.
#[derive(Debug, Clone)]
pub struct SessionRec {
    pub principal: String,
    pub last_used: Instant,
}

/// The caller of an authenticated request (request extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub principal: String,
    /// The user GUID (the world user's uuid).
    pub user_guid: String,
    pub role: Role,
}

impl Session {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// 403 unless the caller is the admin.
    pub fn require_admin(&self) -> UemResult<()> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(UemError::not_authorized())
        }
    }

    pub fn is_self(&self, user_guid: &str) -> bool {
        self.user_guid.eq_ignore_ascii_case(user_guid.trim())
    }

    /// 403 unless the caller may manage the certificates of `user_guid`: the admin, or the user
    /// themself with "Manage user certificates" (overview, "Uploading certificates": "by
    /// administrator or device user (pending Manage user certificates self-service permission)").
    pub fn require_certificates_of(&self, user_guid: &str) -> UemResult<()> {
        let own = self.is_self(user_guid)
            && self.role
                == Role::SelfService {
                    manage_certificates: true,
                };
        if self.is_admin() || own {
            Ok(())
        } else {
            Err(UemError::not_authorized())
        }
    }
}

/// `GET util/ping` (not authenticated): 200 `OK`.
pub async fn ping() -> Response {
    text(StatusCode::OK, "OK".to_string())
}

fn text(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

fn missing(name: &str) -> UemError {
    UemError::new(
        errors::MISSING_REQUIRED_PROPERTY,
        format!("{name}: is required"),
    )
}

/// `POST util/authorization` (not authenticated): the token, as `text/plain`.
pub async fn authorization(
    State(state): State<SharedState>,
    headers: HeaderMap,
    body: Bytes,
) -> UemResult<Response> {
    media::require(&headers, &[wire::uem::media::AUTHORIZATION_REQUEST])?;
    let req: AuthorizationRequest = serde_json::from_slice(&body).map_err(UemError::bad_json)?;
    if let Some(p) = req.provider.as_deref() {
        if !p.trim().eq_ignore_ascii_case(PROVIDER_LOCAL) {
            return Err(UemError::new(
                errors::INVALID_PROPERTY_VALUE,
                format!("provider: {p} is not supported by this server; use LOCAL"),
            ));
        }
    }
    let username = req.username.ok_or_else(|| missing("username"))?;
    let encoded = req.password.ok_or_else(|| missing("password"))?;
    let password = wire::uem::base64_decode(&encoded)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| {
            UemError::new(
                errors::INVALID_PROPERTY_VALUE,
                "password: must be base64-encoded",
            )
        })?;
    let principal = {
        let world = state.read();
        let user = world.user(username.trim()).filter(|u| u.enabled);
        let expected = user
            .and_then(|u| u.password.as_deref())
            .unwrap_or("\u{0}no-such-user-password\u{0}");
        let ok = crate::auth::constant_time_eq(password.as_bytes(), expected.as_bytes());
        match user {
            Some(u) if ok && u.password.is_some() => u.principal.clone(),
            _ => {
                return Err(UemError::new(
                    errors::NOT_AUTHENTICATED,
                    "Invalid username or password.",
                ))
            }
        }
    };
    Ok(text(StatusCode::OK, state.uem.sign_in(&principal)))
}

/// A new random token.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The token of an `Authorization` header: the raw value, or after `Bearer `.
fn token_of(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let t = match v.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => v,
    };
    (!t.is_empty()).then_some(t)
}

impl UemState {
    /// Opens a session for `principal` and returns its token.
    pub fn sign_in(&self, principal: &str) -> String {
        let idle = self.config().idle_timeout;
        let now = Instant::now();
        let token = new_token();
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.retain(|_, s| now.duration_since(s.last_used) < idle);
        sessions.insert(
            token.clone(),
            SessionRec {
                principal: principal.to_string(),
                last_used: now,
            },
        );
        token
    }

    /// The principal of a live token in `headers` (refreshing it), or why there is none.
    pub fn session_principal(&self, headers: &HeaderMap) -> Result<String, &'static str> {
        let token = token_of(headers).ok_or(
            "Authentication required: send the value of util/authorization in the Authorization header.",
        )?;
        let idle = self.config().idle_timeout;
        let now = Instant::now();
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let rec = sessions
            .get_mut(token)
            .ok_or("The authorization token is not valid; sign in again.")?;
        if now.duration_since(rec.last_used) >= idle {
            sessions.remove(token);
            return Err("The authorization token has expired; sign in again.");
        }
        rec.last_used = now;
        Ok(rec.principal.clone())
    }

    /// Who the rate limit counts a request against: the token's user, without refreshing it.
    pub fn rate_key(&self, headers: &HeaderMap) -> Option<String> {
        let token = token_of(headers)?;
        let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.get(token).map(|s| s.principal.clone())
    }

    /// Makes every token stale (test hook).
    pub fn expire_sessions(&self) -> usize {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let n = sessions.len();
        sessions.clear();
        n
    }
}

fn unauthenticated(message: &str) -> Response {
    UemError::new(errors::NOT_AUTHENTICATED, message).into_response()
}

/// The token check of every call but `util/ping` and `util/authorization`: 401 without a live
/// token (or when its user is gone or disabled), else the [`Session`] for the handlers.
pub async fn authenticate(
    State(state): State<SharedState>,
    mut req: Request,
    next: Next,
) -> Response {
    let principal = match state.uem.session_principal(req.headers()) {
        Ok(p) => p,
        Err(message) => return unauthenticated(message),
    };
    let user = {
        let world = state.read();
        world
            .user(&principal)
            .filter(|u| u.enabled)
            .map(|u| (u.principal.clone(), u.uuid.clone()))
    };
    let Some((principal, user_guid)) = user else {
        return unauthenticated("The user of this token no longer exists or is disabled.");
    };
    let role = state.uem.lock().role_of(&principal);
    req.extensions_mut().insert(Session {
        principal,
        user_guid,
        role,
    });
    next.run(req).await
}
