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

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub username: String,
    pub role: Role,
    /// The `Authorization` header value. Never logged: `Debug` hides it.
    authorization: String,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("username", &self.username)
            .field("role", &self.role)
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
            authorization: authorization.to_string(),
        }
    }
    pub fn authorization(&self) -> &str {
        &self.authorization
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
    fn sign_in_validation() {
        assert!(validate_sign_in("", "x").is_err());
        assert!(validate_sign_in("a:b", "x").is_err());
        assert!(validate_sign_in("admin", "").is_err());
        assert!(validate_sign_in("admin", "pw").is_ok());
    }
}
