//! Users (EPMM V1 `/sm`, L5116-5565, and `/dm/users/{username}`), mapped into
//! [`crate::domain::user`]. Passwords only ever travel in a form body, never in a URL.

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::device::Device;
use crate::domain::user::{User, UserSource};
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

/// Finds one user by exact username or email (`GET /api/v1/sm/users/{name-or-email}`);
/// `Ok(None)` when there is no such user.
pub async fn find(api: &ApiClient, name_or_email: &str) -> Result<Option<User>, ApiError> {
    let key = name_or_email.trim();
    if key.is_empty() {
        return Ok(None);
    }
    match api
        .get_json::<v1::UserResponse>(&v1::sm::find_user_path(key))
        .await
    {
        Ok(r) => Ok(r.user.map(map_user)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Searches the directory for users whose login starts with `q` (at least 2 characters;
/// `GET /api/v1/sm/users/search/ldap/{q}`). No match is an empty list; more matches than the
/// server's limit (100) is an error saying so.
pub async fn ldap_search(api: &ApiClient, q: &str) -> Result<Arc<Vec<User>>, ApiError> {
    let path = v1::sm::ldap_search_path(q).map_err(|m| ApiError::rejected(400, m))?;
    let r: v1::UserListResponse = api.get_list(&path).await?;
    Ok(Arc::new(r.users.items.into_iter().map(map_user).collect()))
}

/// The devices registered to a user (`GET /api/v1/dm/users/{username}`; 404 = none).
pub async fn devices_of(api: &ApiClient, principal: &str) -> Result<Arc<Vec<Device>>, ApiError> {
    let path = format!("/v1/dm/users/{}", v1::encode_segment(principal.trim()));
    super::devices::device_list(api, &path, &crate::backend::devices::Quiet).await
}

/// Sets a user's password (`PUT /api/v1/sm/authentication/users/{username}`, form body
/// `oldpassword`/`newpassword`). `old` is sent only when given (the server needs it only when it
/// keeps user passwords). Answers the server's message.
pub async fn change_password(
    api: &ApiClient,
    user: &str,
    old: Option<&str>,
    new: &str,
) -> Result<String, ApiError> {
    let req = v1::ChangePasswordRequest {
        username: user.trim().to_string(),
        old_password: old.filter(|o| !o.is_empty()).map(str::to_string),
        new_password: new.to_string(),
    };
    req.validate().map_err(|m| ApiError::rejected(400, m))?;
    let r: v1::PasswordChangeResponse = api
        .send_json(Method::PUT, &req.path(), Body::Form(req.body()))
        .await?;
    let m = r.messages.joined();
    Ok(if m.trim().is_empty() {
        format!("Password changed for {}.", req.username)
    } else {
        m
    })
}

pub fn map_user(w: v1::User) -> User {
    User {
        source: UserSource::from_code(w.user_source),
        principal: w.principal.trim().to_string(),
        display_name: w.display_name,
        first_name: w.first_name,
        last_name: w.last_name,
        email: w.email,
        enabled: w.enabled,
        uuid: w.uuid,
        id: w.id,
        created: w.created_at,
        last_admin_login: w.last_admin_portal_login_time,
        roles: w.roles.into_iter().map(|r| r.trim().to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_user_l5250_5317() {
        let w: v1::User = serde_json::from_value(json!({"id": 9001, "uuid": "f89d8cbf",
            "principal": "miadmin", "createdAt": 1374085200000i64, "displayName": "miadmin",
            "email": "miadmin@Ivanti.com", "enabled": true, "roles": ["ROLE_API", "ROLE_LOG_R"],
            "userSource": 76}))
        .unwrap();
        let u = map_user(w);
        assert_eq!(u.source, UserSource::Local);
        assert_eq!(u.roles.len(), 2);
        assert_eq!(u.created, Some(1_374_085_200_000));
        let ldap: v1::User =
            serde_json::from_value(json!({"principal": "testuser0001", "userSource": "68"}))
                .unwrap();
        assert_eq!(map_user(ldap).source, UserSource::Ldap);
    }
}
