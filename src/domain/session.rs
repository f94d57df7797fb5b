//! Who is signed in. Credentials live in memory and, so a reload keeps the user signed in, in
//! `sessionStorage` (cleared on sign-out, never `localStorage`, never in a URL).

use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// May use the admin portal (EPMM "API" or "Mobile App" role).
    Admin,
    /// May use only the user self-service portal.
    SelfService,
}

/// What a signed-in user may do beyond their role, where the server says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Permission {
    /// Upload, replace and delete their own certificates in the self-service portal (BlackBerry
    /// UEM's "Manage user certificates" self-service permission).
    ManageUserCertificates,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub username: String,
    pub role: Role,
    /// The server's own id of the user (a UEM user GUID), where sign-in learnt it.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Granted permissions, where the server tells them (empty otherwise).
    #[serde(default)]
    pub permissions: Vec<Permission>,
    /// The `Authorization` header value. Never logged: `Debug` hides it.
    authorization: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("username", &self.username)
            .field("role", &self.role)
            .field("user_id", &self.user_id)
            .field("permissions", &self.permissions)
            .field("authorization", &"<hidden>")
            .finish()
    }
}

impl Session {
    /// `authorization` is the `Authorization` header value the server wants (HTTP Basic
    /// credentials, or a token a sign-in call answered).
    pub fn new(username: &str, authorization: &str, role: Role) -> Session {
        Session {
            username: username.to_string(),
            role,
            user_id: None,
            permissions: Vec::new(),
            authorization: authorization.to_string(),
        }
    }
    pub fn with_user_id(mut self, id: impl Into<String>) -> Session {
        self.user_id = Some(id.into());
        self
    }
    pub fn with_permissions(mut self, permissions: Vec<Permission>) -> Session {
        self.permissions = permissions;
        self
    }
    pub fn authorization(&self) -> &str {
        &self.authorization
    }
    pub fn may(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }
}

/// `Basic base64(user:password)` (RFC 7617, UTF-8).
pub fn basic_auth(username: &str, password: &str) -> String {
    let raw = format!("{username}:{password}");
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw.as_bytes())
    )
}

/// Checks the sign-in form before anything is sent.
pub fn validate_sign_in(username: &str, password: &str) -> Result<(), String> {
    if username.trim().is_empty() {
        return Err("Enter your username.".into());
    }
    if username.contains(':') {
        return Err("A username cannot contain a colon.".into());
    }
    if password.is_empty() {
        return Err("Enter your password.".into());
    }
    Ok(())
}

/// Why the session ended after `minutes` without activity (shown on the sign-in screen).
pub fn idle_sign_out_notice(minutes: u32) -> String {
    format!(
        "You were signed out after {} without activity.",
        super::bulk::plural(minutes, "minute", "minutes")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_notice_plural_by_count() {
        assert_eq!(
            idle_sign_out_notice(1),
            "You were signed out after 1 minute without activity."
        );
        assert_eq!(
            idle_sign_out_notice(30),
            "You were signed out after 30 minutes without activity."
        );
    }

    #[test]
    fn basic_auth_matches_the_guide_example() {
        // "Authorization: Basic amRvZTphYmNkMTIzNA==" decodes to jdoe:abcd1234 (EPMM V1 API
        // guide, "Change a user's password": the example request).
        assert_eq!(basic_auth("jdoe", "abcd1234"), "Basic amRvZTphYmNkMTIzNA==");
    }

    #[test]
    fn debug_never_shows_credentials() {
        let s = Session::new("admin", &basic_auth("admin", "admin1234"), Role::Admin);
        let d = format!("{s:?}");
        assert!(!d.contains("YWRtaW4"), "{d}");
        assert!(d.contains("hidden"));
    }

    #[test]
    fn debug_never_shows_a_token_and_permissions_survive_storage() {
        let s = Session::new("jdoe", "c2VjcmV0LXRva2Vu", Role::SelfService)
            .with_user_id("0a1b")
            .with_permissions(vec![Permission::ManageUserCertificates]);
        let d = format!("{s:?}");
        assert!(!d.contains("c2VjcmV0LXRva2Vu"), "{d}");
        assert!(d.contains("ManageUserCertificates"), "{d}");
        let back: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        assert!(back.may(Permission::ManageUserCertificates));
        // A session stored before these fields existed still loads, without permissions.
        let old = r#"{"username":"admin","role":"Admin","authorization":"Basic x"}"#;
        let old: Session = serde_json::from_str(old).unwrap();
        assert!(old.permissions.is_empty() && old.user_id.is_none());
    }

    #[test]
    fn sign_in_validation() {
        assert!(validate_sign_in("", "x").is_err());
        assert!(validate_sign_in("a:b", "x").is_err());
        assert!(validate_sign_in("admin", "").is_err());
        assert!(validate_sign_in("admin", "pw").is_ok());
    }
}
