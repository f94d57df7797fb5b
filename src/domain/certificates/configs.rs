//! Certificate enrollment (CE) configurations: how a server obtains certificates for its users
//! and devices (an EPMM CE configuration; a UEM SCEP or user-credential profile), the users
//! without a configuration's certificate, and the actions on one configuration (a test
//! certificate, a new SCEP challenge password).

use super::x509::{parse_pem, CertSummary};
use crate::ui::table::engine::{CellKind, Column, SortKey};

/// A certificate enrollment configuration, with what this server can do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeConfig {
    /// The server's id (opaque; the configuration page's URL).
    pub id: String,
    /// The name: what a certificate search filters on (`?ce=`).
    pub name: String,
    /// The kind of CA, in words (`Local CA`, `SCEP`).
    pub kind: String,
    /// Issues certificates that the certificate search lists.
    pub issues: bool,
    /// Its CA can issue a test certificate.
    pub can_test: bool,
    /// Has a SCEP challenge password that can be changed.
    pub challenge: bool,
}

impl CeConfig {
    /// `LocalCE (Local CA)`.
    pub fn title(&self) -> String {
        format!("{} ({})", self.name, self.kind)
    }
}

pub fn config_columns() -> Vec<Column<CeConfig>> {
    vec![
        Column::new("name", "Name", |c: &CeConfig| c.name.clone())
            .link(|c| crate::routes::certificate_configuration(&c.id)),
        Column::new("kind", "CA type", |c: &CeConfig| c.kind.clone()),
        Column::new("id", "ID", |c: &CeConfig| c.id.clone())
            .kind(CellKind::Number)
            .sort_by(|c| SortKey::opt_int(c.id.parse().ok())),
    ]
}

// ---------------------------------------------------------------------------------------------
// Users without certificates

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: Option<i64>,
    pub principal: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

pub fn user_columns() -> Vec<Column<UserRow>> {
    vec![
        Column::new("principal", "User", |u: &UserRow| u.principal.clone())
            .link(|u| crate::routes::user_certificates(&u.principal)),
        Column::new("name", "Display name", |u: &UserRow| u.display_name.clone()),
        Column::new("first", "First name", |u: &UserRow| u.first_name.clone()).hidden(),
        Column::new("last", "Last name", |u: &UserRow| u.last_name.clone()).hidden(),
        Column::new("email", "Email", |u: &UserRow| u.email.clone()),
        Column::new("id", "User ID", |u: &UserRow| {
            u.id.map(|i| i.to_string()).unwrap_or_default()
        })
        .kind(CellKind::Number)
        .sort_by(|u| SortKey::opt_int(u.id)),
    ]
}

// ---------------------------------------------------------------------------------------------
// Actions on one configuration

/// A test certificate the configuration's CA issued.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCert {
    pub pem: String,
    /// The server's text dump (shown when the PEM cannot be read).
    pub dump: String,
    pub parsed: Result<CertSummary, String>,
    /// The server's own words.
    pub message: String,
}

impl TestCert {
    /// Reads the PEM the server sent.
    pub fn new(pem: String, dump: String, message: String) -> TestCert {
        TestCert {
            parsed: parse_pem(&pem),
            pem,
            dump,
            message,
        }
    }
}

/// Checks the new challenge password, typed twice (certificates digest, "UI per flow").
pub fn check_challenge(new: &str, again: &str) -> Result<(), String> {
    if new.is_empty() {
        return Err("Enter the new challenge password.".into());
    }
    if new.trim().is_empty() {
        return Err("The challenge password cannot be only spaces.".into());
    }
    if new.chars().count() > 255 {
        return Err("The challenge password can have at most 255 characters.".into());
    }
    if new != again {
        return Err("The two passwords do not match.".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_rules() {
        assert!(check_challenge("", "").is_err());
        assert!(check_challenge("   ", "   ").is_err());
        assert!(check_challenge(&"x".repeat(256), &"x".repeat(256)).is_err());
        assert_eq!(
            check_challenge("a1", "a2"),
            Err("The two passwords do not match.".into())
        );
        assert!(check_challenge("123hjk", "123hjk").is_ok());
    }

    #[test]
    fn configurations_and_users_link_to_their_pages() {
        let c = CeConfig {
            id: "10".into(),
            name: "Corporate Wi-Fi".into(),
            kind: "SCEP".into(),
            issues: true,
            can_test: true,
            challenge: true,
        };
        assert_eq!(c.title(), "Corporate Wi-Fi (SCEP)");
        let name = &config_columns()[0];
        assert_eq!(
            name.href.map(|h| h(&c)),
            Some("/certificates/configurations/10".into())
        );
        let u = UserRow {
            id: Some(7),
            principal: "j doe".into(),
            display_name: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
        };
        assert_eq!(
            user_columns()[0].href.map(|h| h(&u)),
            Some("/certificates/users/j%20doe".into())
        );
    }

    #[test]
    fn a_test_certificate_that_is_not_pem_keeps_the_servers_words() {
        let t = TestCert::new("garbage".into(), "dump".into(), "Issued.".into());
        assert!(t.parsed.is_err());
        assert_eq!(t.dump, "dump");
    }
}
