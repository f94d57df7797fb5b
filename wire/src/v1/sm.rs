//! Security management (`/sm`): change a password, find a user, search LDAP, authenticate (EPMM
//! V1 API guide, "Security Management").

use super::common::{encode_segment, form_body, LDAP_MIN_SEARCH_CHARS, PASSWORD_CHARS};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

/// `userSource` holds a character code: 76 `L` local, 68 `D` directory (LDAP) (V1 guide, "Get
/// Devices by Status": `userSource` in the response example; the letters are our reading).
pub const USER_SOURCE_LOCAL: i64 = 76;
pub const USER_SOURCE_LDAP: i64 = 68;

/// A user. The full form (`<user id="9001">`, find and authenticate: V1 guide, "Find a User") has
/// `id`, `uuid`, `createdAt`, `roles`…; the LDAP search's short form ("Search LDAP Users") has only
/// `principal`, `displayName`, `email`, `enabled`, `firstName`, `forcePasswordChange`, `lastName`,
/// `opaque` and `userSource`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub principal: String,
    /// Epoch milliseconds (`1374085200000`).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub enabled: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub first_name: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub force_password_change: bool,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub google_apps_encryption_alg_version: Option<i64>,
    /// Epoch milliseconds (`1374178220915`).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_admin_portal_login_time: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub last_name: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub opaque: bool,
    /// Repeated `<roles>` elements: an array in JSON (`ROLE_API`, …).
    #[serde(
        default,
        deserialize_with = "lenient::one_or_many_strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub roles: Vec<String>,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub user_source: i64,
}

impl User {
    /// `createdAt` in epoch ms (seconds are converted).
    pub fn created_ms(&self) -> Option<i64> {
        self.created_at.map(crate::datetime::parse_epoch)
    }
    /// `lastAdminPortalLoginTime` in epoch ms.
    pub fn last_login_ms(&self) -> Option<i64> {
        self.last_admin_portal_login_time
            .map(crate::datetime::parse_epoch)
    }
    pub fn is_ldap(&self) -> bool {
        self.user_source == USER_SOURCE_LDAP
    }
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r.trim() == role)
    }
    /// Whether the user may call the V1 API: the "API" or the "Mobile App" role (V1 guide,
    /// "Authentication").
    pub fn may_use_api(&self) -> bool {
        self.has_role("ROLE_API") || self.has_role("ROLE_MOBILE_APP")
    }
}

crate::v1::container!(
    /// `<users><user>…</user></users>`
    Users, "user", User
);

/// Find a user and authenticate (V1 guide, the response examples of "Find a User" and "Authenticate
/// a User"): `userName`, `messages`, `user`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

/// LDAP search (V1 guide, "Search LDAP Users": the response example): `userName` (the search
/// string), `messages`, `users`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserListResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub users: Users,
}

/// Change password (V1 guide, "Update Password for a User": the response example): `userName` and
/// `Password changed successfully for user: jdoe`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChangeResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default)]
    pub messages: Messages,
}

/// Checks a new password: 8 to 20 characters (V1 guide, "Update Password for a User": the request
/// table).
pub fn check_password(p: &str) -> Result<(), String> {
    let n = p.chars().count();
    if PASSWORD_CHARS.contains(&n) {
        Ok(())
    } else {
        Err(format!(
            "The password must be between {} and {} characters (got {n})",
            PASSWORD_CHARS.start(),
            PASSWORD_CHARS.end()
        ))
    }
}

/// `PUT /sm/authentication/users/{username}` with a form body (V1 guide, "Update Password for a
/// User"): the passwords go in the body, not the query, "for security reasons".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangePasswordRequest {
    pub username: String,
    /// Required only when EPMM is set to save user passwords (V1 guide, "Update Password for a
    /// User": the request table).
    pub old_password: Option<String>,
    pub new_password: String,
}

impl ChangePasswordRequest {
    pub const CONTENT_TYPE: &'static str = "application/x-www-form-urlencoded";
    pub fn validate(&self) -> Result<(), String> {
        check_password(&self.new_password)
    }
    pub fn path(&self) -> String {
        format!(
            "/v1/sm/authentication/users/{}",
            encode_segment(self.username.trim())
        )
    }
    /// `oldpassword=abcd1234&newpassword=wxy%2113579`
    pub fn body(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(o) = self.old_password.as_deref() {
            pairs.push(("oldpassword", o));
        }
        pairs.push(("newpassword", &self.new_password));
        form_body(&pairs)
    }
}

/// `POST /sm/authentication` with `username=jdoe&password=abcd1234` (V1 guide, "Authenticate a
/// User", example; the URI table's `/sm/users/{username}` is a documentation error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticateRequest {
    pub username: String,
    pub password: String,
}

impl AuthenticateRequest {
    pub const PATH: &'static str = "/v1/sm/authentication";
    pub fn body(&self) -> String {
        form_body(&[
            ("username", self.username.as_str()),
            ("password", &self.password),
        ])
    }
}

/// `GET /sm/users/{username-or-email}` (V1 guide, "Find a User").
pub fn find_user_path(username_or_email: &str) -> String {
    format!("/v1/sm/users/{}", encode_segment(username_or_email.trim()))
}

/// `GET /sm/users/search/ldap/{userid}` (V1 guide, "Search LDAP Users"; the example's `?userid=`
/// form is accepted by the server too). At least 2 characters.
pub fn ldap_search_path(search: &str) -> Result<String, String> {
    let s = search.trim();
    if s.chars().count() < LDAP_MIN_SEARCH_CHARS {
        return Err(format!(
            "The search string must have at least {LDAP_MIN_SEARCH_CHARS} characters"
        ));
    }
    Ok(format!("/v1/sm/users/search/ldap/{}", encode_segment(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn find_a_user_response_example() {
        let v = json!({"userName": "miadmin", "messages": "", "user": {"id": 9001,
            "uuid": "f89d8cbf-59d7-47e6-97c2-4681ed8f954a", "principal": "miadmin",
            "createdAt": 1374085200000i64, "displayName": "miadmin", "email": "miadmin@Ivanti.com",
            "enabled": true, "firstName": "miadmin", "forcePasswordChange": false,
            "googleAppsEncryptionAlgVersion": 0, "lastAdminPortalLoginTime": 1374178220915i64,
            "lastName": "", "opaque": true, "roles": ["ROLE_MPW_LOCK", "ROLE_API"], "userSource": 76}});
        let r: UserResponse = serde_json::from_value(v).unwrap();
        let u = r.user.unwrap();
        assert_eq!(u.id, Some(9001));
        assert!(u.may_use_api() && !u.is_ldap());
        // A single role arrives as a string.
        let u: User =
            serde_json::from_value(json!({"principal": "x", "roles": "ROLE_MOBILE_APP"})).unwrap();
        assert!(u.may_use_api());
    }

    #[test]
    fn search_ldap_users_response_example() {
        let v = json!({"userName": "testuser000", "messages": "", "users": {"user": [
            {"principal": "testuser0001", "displayName": "testuser0001", "email": "testuser0001@auto1.Ivanti.com",
             "enabled": false, "firstName": "Test", "forcePasswordChange": false, "lastName": "User0001",
             "opaque": true, "userSource": 68},
            {"principal": "testuser0003", "userSource": "68"}]}});
        let r: UserListResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.users.items.len(), 2);
        assert!(r.users.items.iter().all(User::is_ldap));
        assert!(r.users.items[0].id.is_none() && r.users.items[0].uuid.is_empty());
        // The short form is written without the full form's fields.
        let out = serde_json::to_value(&r.users.items[0]).unwrap();
        assert!(out.get("id").is_none() && out.get("roles").is_none());
        assert!(ldap_search_path("j").is_err());
        assert_eq!(
            ldap_search_path("jdoe").unwrap(),
            "/v1/sm/users/search/ldap/jdoe"
        );
    }

    #[test]
    fn password_rules_and_form_bodies() {
        assert!(check_password("abcd123").is_err());
        assert!(check_password("abcd1234").is_ok());
        assert!(check_password(&"x".repeat(20)).is_ok());
        assert!(check_password(&"x".repeat(21)).is_err());
        let c = ChangePasswordRequest {
            username: "jdoe".into(),
            old_password: Some("abcd1234".into()),
            new_password: "wxy!13579".into(),
        };
        assert_eq!(c.path(), "/v1/sm/authentication/users/jdoe");
        assert_eq!(c.body(), "oldpassword=abcd1234&newpassword=wxy%2113579");
        let a = AuthenticateRequest {
            username: "jdoe".into(),
            password: "abcd1234".into(),
        };
        assert_eq!(a.body(), "username=jdoe&password=abcd1234");
    }
}
