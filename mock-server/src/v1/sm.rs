//! Security management (V1 guide, "Security Management"): change a password, find a user, search
//! LDAP users, authenticate.
//!
//! Decisions:
//! - Change password: form body (`oldpassword`, `newpassword`; query parameters work too); the new
//!   password must have 8-20 characters ("Update Password for a User": the request table), else
//!   400. The mock runs with "save user password" on for the user's own change: a self-service user
//!   must send the right `oldpassword`; an administrator may leave it out, but a wrong one is
//!   refused (the same table). LDAP users' passwords live in the directory: 400. Afterwards Basic
//!   authentication works with the new password only.
//! - Find user: exact username or email, case-insensitive ("Find a User").
//! - LDAP search: the path form and the example's `?userid=` form ("Search LDAP Users": the URI has
//!   `{userid}` in the path, the example `?userid=jdoe`); under 2 characters or more than 100
//!   results is 400 (its status codes); matches LDAP users whose login name starts with the search
//!   string.
//! - Authenticate: `POST /sm/authentication` with a form body `username`/`password` (any key case,
//!   no Content-Type needed: "Authenticate a User", example); a wrong pair, an unknown user, a
//!   disabled user or a password outside 8-20 characters is 401 (its status codes; its request
//!   table gives 8-20 characters).

use super::devices::path_param;
use super::envelope::{self, ApiError, Neg};
use super::params::Params;
use crate::auth::{constant_time_eq, Caller};
use crate::state::{SharedState, User as UserRec};
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use wire::lenient::Messages;
use wire::v1::sm::{check_password, USER_SOURCE_LDAP};
use wire::v1::{
    PasswordChangeResponse, User, UserListResponse, UserResponse, LDAP_MAX_RESULTS,
    LDAP_MIN_SEARCH_CHARS, PASSWORD_CHARS,
};

/// The full user form (V1 guide, "Find a User": the response example).
pub fn full(u: &UserRec) -> User {
    let admin = u.roles.iter().any(|r| r == crate::catalog::ROLE_API);
    User {
        id: Some(u.id),
        uuid: u.uuid.clone(),
        principal: u.principal.clone(),
        created_at: Some(u.created_at_ms),
        display_name: u.display_name(),
        email: u.email.clone(),
        enabled: u.enabled,
        first_name: u.first_name.clone(),
        force_password_change: false,
        google_apps_encryption_alg_version: Some(0),
        last_admin_portal_login_time: admin.then_some(u.created_at_ms + 86_400_000),
        last_name: u.last_name.clone(),
        opaque: true,
        roles: u.roles.clone(),
        user_source: u.user_source,
    }
}

/// The short form of the LDAP search (V1 guide, "Search LDAP Users": the response example).
pub fn short(u: &UserRec) -> User {
    User {
        principal: u.principal.clone(),
        display_name: u.display_name(),
        email: u.email.clone(),
        enabled: u.enabled,
        first_name: u.first_name.clone(),
        last_name: u.last_name.clone(),
        opaque: true,
        user_source: u.user_source,
        ..Default::default()
    }
}

/// Query parameters and a form body together (the body wins).
fn merged(query: Params, body: &Bytes) -> Params {
    let mut p = Params::from_form(body);
    p.0.extend(query.0);
    p
}

/// `PUT /api/v1/sm/authentication/users/{username}`.
pub async fn change_password(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    user: Result<Path<String>, PathRejection>,
    query: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = path_param(user)?;
    let p = merged(query, &body);
    let new = p
        .get("newpassword")
        .ok_or_else(|| ApiError::bad_request("newpassword is required"))?
        .to_string();
    check_password(&new).map_err(ApiError::bad_request)?;
    let old = p.get("oldpassword").map(str::to_string);
    let mut w = state.write();
    let i = w
        .user_index(&name)
        .ok_or_else(|| ApiError::no_data(format!("No user found with name {name}")))?;
    let u = &w.users[i];
    if u.user_source == USER_SOURCE_LDAP {
        return Err(ApiError::bad_request(format!(
            "Password change failed for user: {}: the password of an LDAP user is managed in the directory",
            u.principal
        )));
    }
    let current = u.password.clone().unwrap_or_default();
    let old_ok = old
        .as_deref()
        .map(|o| constant_time_eq(o.as_bytes(), current.as_bytes()));
    match (old_ok, caller.self_service) {
        (Some(false), _) => {
            return Err(ApiError::bad_request(format!(
                "Password change failed for user: {}: the old password is not correct",
                u.principal
            )))
        }
        (None, true) => {
            return Err(ApiError::bad_request(format!(
                "Password change failed for user: {}: oldpassword is required",
                u.principal
            )))
        }
        _ => {}
    }
    let principal = u.principal.clone();
    w.users[i].password = Some(new);
    drop(w);
    let body = PasswordChangeResponse {
        user_name: principal.clone(),
        messages: Messages::one(format!(
            "Password changed successfully for user: {principal}"
        )),
    };
    Ok(envelope::ok(neg, &body))
}

/// `GET /api/v1/sm/users/{username-or-email}`.
pub async fn find(
    State(state): State<SharedState>,
    neg: Neg,
    user: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let name = path_param(user)?;
    let w = state.read();
    let i = w
        .user_by_name_or_email(&name)
        .ok_or_else(|| ApiError::no_data(format!("No user found with name or email {name}")))?;
    let body = UserResponse {
        user_name: name,
        messages: Messages::none(),
        user: Some(full(&w.users[i])),
    };
    drop(w);
    Ok(envelope::ok(neg, &body))
}

fn ldap(state: &SharedState, neg: Neg, search: &str) -> Result<Response, ApiError> {
    let s = search.trim();
    if s.chars().count() < LDAP_MIN_SEARCH_CHARS {
        return Err(ApiError::bad_request(format!(
            "The search string must have at least {LDAP_MIN_SEARCH_CHARS} characters"
        )));
    }
    let needle = s.to_ascii_lowercase();
    let w = state.read();
    let found: Vec<&UserRec> = w
        .users
        .iter()
        .filter(|u| u.user_source == USER_SOURCE_LDAP && u.principal.starts_with(&needle))
        .take(LDAP_MAX_RESULTS + 1)
        .collect();
    if found.len() > LDAP_MAX_RESULTS {
        return Err(ApiError::bad_request(format!(
            "The search for {s} found more than {LDAP_MAX_RESULTS} users (the search limit); refine it"
        )));
    }
    let users: Vec<User> = found.into_iter().map(short).collect();
    drop(w);
    let n = users.len();
    let body = UserListResponse {
        user_name: s.to_string(),
        messages: if n == 0 {
            Messages::one(format!("No LDAP users found for {s}"))
        } else {
            Messages::none()
        },
        total_count: Some(n as u64),
        users: users.into(),
    };
    let status = if n == 0 {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(envelope::reply(neg, status, &body))
}

/// `GET /api/v1/sm/users/search/ldap/{userid}`.
pub async fn ldap_path(
    State(state): State<SharedState>,
    neg: Neg,
    userid: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let s = path_param(userid)?;
    ldap(&state, neg, &s)
}

/// `GET /api/v1/sm/users/search/ldap[/]?userid=` (the guide's example form, V1 guide, "Search LDAP
/// Users").
pub async fn ldap_query(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
) -> Result<Response, ApiError> {
    let s = params.get("userid").unwrap_or("").to_string();
    ldap(&state, neg, &s)
}

/// `POST /api/v1/sm/authentication`.
pub async fn authenticate(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    query: Params,
    body: Bytes,
) -> Result<Response, ApiError> {
    let p = merged(query, &body);
    let username = p.get("username").unwrap_or("").trim().to_string();
    let password = p.get("password").unwrap_or("").to_string();
    let unauthorized = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!("Authentication failed for user: {username}"),
        )
    };
    if username.is_empty() || !PASSWORD_CHARS.contains(&password.chars().count()) {
        return Err(unauthorized());
    }
    if caller.self_service && !username.eq_ignore_ascii_case(&caller.principal) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            format!(
                "Access denied: user {} may only authenticate themselves",
                caller.principal
            ),
        ));
    }
    let w = state.read();
    let Some(u) = w.user(&username).filter(|u| u.enabled) else {
        return Err(unauthorized());
    };
    let ok = u
        .password
        .as_deref()
        .is_some_and(|pw| constant_time_eq(pw.as_bytes(), password.as_bytes()));
    if !ok {
        return Err(unauthorized());
    }
    let body = UserResponse {
        user_name: u.principal.clone(),
        messages: Messages::none(),
        user: Some(full(u)),
    };
    drop(w);
    Ok(envelope::ok(neg, &body))
}
