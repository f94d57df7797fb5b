//! Users (EPMM V1 API guide, "Security Management": `/sm/users…`, and the devices of a user,
//! `/dm/users/{username}`) behind the portal's [`UserApi`]. An account's id is its principal
//! (login name), so user pages stay at `/users/{principal}`. Passwords only ever travel in a form
//! body, never in a URL.

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::users::{SearchCaps, UserApi, UserCaps, UserQuery, UserSearch};
use crate::backend::{ApiClient, ApiError};
use crate::domain::device::Device;
use crate::domain::lookup::Lookup;
use crate::domain::user::{PasswordRules, User, UserKey, UserRole, UserSource};
use gloo_net::http::Method;
use std::sync::Arc;
use wire::v1;

const CAPS: UserCaps = UserCaps {
    searches: &[
        // "Find a User": by username or email, exact.
        SearchCaps {
            kind: UserSearch::Exact,
            min_chars: 1,
        },
        // "Search LDAP Users": at least 2 characters of the login name.
        SearchCaps {
            kind: UserSearch::DirectoryPrefix,
            min_chars: v1::LDAP_MIN_SEARCH_CHARS,
        },
    ],
    // "Find a User": the username or the email address.
    find_by: &[UserKey::Username, UserKey::Email],
    roles: true,
    attributes: false,
    // "Update Password for a User": "The password must be between 8 and 20 characters".
    password: Some(PasswordRules {
        min: *v1::PASSWORD_CHARS.start(),
        max: *v1::PASSWORD_CHARS.end(),
    }),
};

/// EPMM's users.
pub struct EpmmUsers {
    api: ApiClient,
}

impl EpmmUsers {
    pub fn new(api: ApiClient) -> Self {
        EpmmUsers { api }
    }
}

#[async_trait::async_trait(?Send)]
impl UserApi for EpmmUsers {
    fn caps(&self) -> &UserCaps {
        &CAPS
    }

    async fn search(&self, q: &UserQuery) -> Result<Arc<Vec<User>>, ApiError> {
        match q.kind {
            UserSearch::Exact => Ok(Arc::new(
                find(&self.api, &q.text).await?.into_iter().collect(),
            )),
            UserSearch::DirectoryPrefix => ldap_search(&self.api, &q.text).await,
            UserSearch::EmailPrefix => Err(ApiError::rejected(
                400,
                "This server does not search users by email prefix.",
            )),
        }
    }

    async fn get(&self, id: &str) -> Result<User, ApiError> {
        find(&self.api, id)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("There is no user “{}”.", id.trim())))
    }

    async fn devices(&self, id: &str) -> Result<Arc<Vec<Device>>, ApiError> {
        super::devices::lookup(&self.api, &Lookup::User(id.trim().to_string())).await
    }

    async fn change_password(
        &self,
        id: &str,
        current: Option<&str>,
        new: &str,
    ) -> Result<String, ApiError> {
        change_password(&self.api, id, current, new).await
    }
}

/// Finds one user by exact username or email (`GET /api/v1/sm/users/{name-or-email}`, EPMM V1
/// API guide, "Find a User"); `Ok(None)` when there is no such user.
pub async fn find(api: &ApiClient, name_or_email: &str) -> Result<Option<User>, ApiError> {
    Ok(find_as_sent(api, name_or_email).await?.map(map_user))
}

/// [`find`], the user as the server sent it (with its numeric `id`, which the portal's users do
/// not carry: other calls address users by login name).
pub async fn find_as_sent(
    api: &ApiClient,
    name_or_email: &str,
) -> Result<Option<v1::User>, ApiError> {
    let key = name_or_email.trim();
    if key.is_empty() {
        return Ok(None);
    }
    match api
        .get_json::<v1::UserResponse>(&v1::sm::find_user_path(key))
        .await
    {
        Ok(r) => Ok(r.user),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Searches the directory for users whose login starts with `q` (at least 2 characters;
/// `GET /api/v1/sm/users/search/ldap/{q}`, EPMM V1 API guide, "Search LDAP Users"). No match is
/// an empty list; more matches than the server's limit (100) is an error saying so.
pub async fn ldap_search(api: &ApiClient, q: &str) -> Result<Arc<Vec<User>>, ApiError> {
    let path = v1::sm::ldap_search_path(q).map_err(|m| ApiError::rejected(400, m))?;
    let r: v1::UserListResponse = api.get_list(&path).await?;
    Ok(Arc::new(r.users.items.into_iter().map(map_user).collect()))
}

/// Sets a user's password (`PUT /api/v1/sm/authentication/users/{username}`, form body
/// `oldpassword`/`newpassword`; EPMM V1 API guide, "Update Password for a User"). `old` is sent
/// only when given (the server needs it only when it keeps user passwords). Answers the server's
/// message.
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

/// `userSource` holds a character code: 76 `L` local, 68 `D` directory (EPMM V1 API guide, "Find
/// a User"; the digest's "ASCII letter codes used in numeric fields").
fn source(code: i64) -> UserSource {
    match code {
        v1::sm::USER_SOURCE_LOCAL => UserSource::Local,
        v1::sm::USER_SOURCE_LDAP => UserSource::Ldap,
        _ => UserSource::Other,
    }
}

/// `ROLE_SMARTPHONES_AND_DEVICES_RW` → `Smartphones and devices (read/write)`, `ROLE_API` → `API`.
pub fn role_label(role: &str) -> String {
    let r = role.trim();
    let body = r.strip_prefix("ROLE_").unwrap_or(r);
    let (body, suffix) = if let Some(b) = body.strip_suffix("_RW") {
        (b, " (read/write)")
    } else if let Some(b) = body.strip_suffix("_R") {
        (b, " (read only)")
    } else {
        (body, "")
    };
    let words: Vec<String> = body
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "API" | "MAI" | "MPW" | "LDAP" | "VPN" => w.to_string(),
            "IPAD" => "iPad".to_string(),
            _ => w.to_lowercase(),
        })
        .collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get(0..1) {
        text = first.to_uppercase() + &text[1..];
    }
    format!("{text}{suffix}")
}

pub fn map_user(w: v1::User) -> User {
    let principal = w.principal.trim().to_string();
    User {
        source: source(w.user_source),
        id: principal.clone(),
        username: principal,
        display_name: w.display_name,
        first_name: w.first_name,
        last_name: w.last_name,
        email: w.email,
        enabled: w.enabled,
        uuid: w.uuid,
        created: w.created_at,
        last_admin_login: w.last_admin_portal_login_time,
        roles: w
            .roles
            .into_iter()
            .map(|r| {
                let id = r.trim().to_string();
                UserRole {
                    label: role_label(&id),
                    id,
                }
            })
            .collect(),
        custom_attributes: Vec::new(),
        directory_attributes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_user_of_find_a_user() {
        // EPMM V1 API guide, "Find a User", the example response.
        let w: v1::User = serde_json::from_value(json!({"id": 9001, "uuid": "f89d8cbf",
            "principal": " miadmin ", "createdAt": 1374085200000i64, "displayName": "miadmin",
            "email": "miadmin@Ivanti.com", "enabled": true, "roles": ["ROLE_API", "ROLE_LOG_R"],
            "userSource": 76}))
        .unwrap();
        let u = map_user(w);
        assert_eq!(u.source, UserSource::Local);
        // The id is the principal: user pages stay at `/users/{principal}`.
        assert_eq!((u.id.as_str(), u.username.as_str()), ("miadmin", "miadmin"));
        assert_eq!(
            u.roles,
            vec![
                UserRole {
                    id: "ROLE_API".into(),
                    label: "API".into()
                },
                UserRole {
                    id: "ROLE_LOG_R".into(),
                    label: "Log (read only)".into()
                },
            ]
        );
        assert_eq!(u.created, Some(1_374_085_200_000));
        let ldap: v1::User =
            serde_json::from_value(json!({"principal": "testuser0001", "userSource": "68"}))
                .unwrap();
        assert_eq!(map_user(ldap).source, UserSource::Ldap);
        let other: v1::User = serde_json::from_value(json!({"userSource": 88})).unwrap();
        assert_eq!(map_user(other).source, UserSource::Other);
    }

    #[test]
    fn role_labels_of_the_guide_roles() {
        // EPMM V1 API guide, "Find a User": the roles of the example.
        assert_eq!(role_label("ROLE_API"), "API");
        assert_eq!(
            role_label("ROLE_SMARTPHONES_AND_DEVICES_RW"),
            "Smartphones and devices (read/write)"
        );
        assert_eq!(role_label("ROLE_LOG_R"), "Log (read only)");
        assert_eq!(role_label("ROLE_SENTRY_FOR_IPAD"), "Sentry for iPad");
        assert_eq!(role_label("ROLE_MPW_LOCK"), "MPW lock");
    }

    #[test]
    fn caps_follow_the_guide() {
        // "Update Password for a User": 8 to 20 characters; "Search LDAP Users": 2 or more.
        assert_eq!(CAPS.password, Some(PasswordRules { min: 8, max: 20 }));
        assert_eq!(
            CAPS.search(UserSearch::DirectoryPrefix)
                .map(|s| s.min_chars),
            Some(2)
        );
        assert!(CAPS.search(UserSearch::Exact).is_some());
        assert!(CAPS.search(UserSearch::EmailPrefix).is_none());
    }
}
