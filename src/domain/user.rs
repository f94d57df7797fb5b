//! The portal's user accounts, whatever server answered: who they are, where the account lives
//! (local or a directory), their roles and attributes where the server has them, and the checks
//! of a password change against the server's rules.

use crate::ui::table::engine::{CellKind, Column};

/// Where an account lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserSource {
    #[default]
    Local,
    /// A directory (LDAP) account.
    Ldap,
    Other,
}

impl UserSource {
    pub fn label(self) -> &'static str {
        match self {
            UserSource::Local => "Local",
            UserSource::Ldap => "LDAP",
            UserSource::Other => "Other",
        }
    }
}

/// A role the account holds: the server's own name, and the words people read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserRole {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    /// The server's identifier of the account: opaque, used in routes and requests.
    pub id: String,
    /// Login name.
    pub username: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub enabled: bool,
    pub source: UserSource,
    /// The server's unique id of the account where it has one besides `id` (empty otherwise).
    pub uuid: String,
    /// Epoch ms.
    pub created: Option<i64>,
    /// The last sign-in to the server's admin console, where the server says.
    pub last_admin_login: Option<i64>,
    pub roles: Vec<UserRole>,
    /// Custom attributes (name, value), as the server names them.
    pub custom_attributes: Vec<(String, String)>,
    /// What the directory says about a directory account (name, value).
    pub directory_attributes: Vec<(String, String)>,
}

impl User {
    pub fn name(&self) -> String {
        let full = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let full = full.trim();
        if !self.display_name.trim().is_empty() {
            self.display_name.trim().to_string()
        } else if !full.is_empty() {
            full.to_string()
        } else {
            self.username.clone()
        }
    }
    pub fn enabled_label(&self) -> &'static str {
        if self.enabled {
            "Enabled"
        } else {
            "Disabled"
        }
    }
    /// Passwords of directory users are changed in the directory, not here.
    pub fn password_managed_here(&self) -> bool {
        self.source == UserSource::Local
    }
}

pub fn user_href(u: &User) -> String {
    crate::routes::user(&u.id)
}

pub fn user_columns() -> Vec<Column<User>> {
    vec![
        Column::new("principal", "Username", |u: &User| u.username.clone()).link(user_href),
        Column::new("name", "Name", User::name),
        Column::new("email", "Email", |u: &User| u.email.clone()),
        Column::new("source", "Source", |u: &User| u.source.label().to_string()),
        Column::new("enabled", "Account", |u: &User| {
            u.enabled_label().to_string()
        })
        .kind(CellKind::Badge),
    ]
}

/// How long a new password may be on the server (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordRules {
    pub min: usize,
    pub max: usize,
}

/// Why a new password cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort(usize),
    TooLong(usize),
    Mismatch,
    SameAsOld,
}

impl PasswordProblem {
    pub fn message(self) -> String {
        match self {
            PasswordProblem::TooShort(min) => {
                format!("The new password needs at least {min} characters.")
            }
            PasswordProblem::TooLong(max) => {
                format!("The new password can have at most {max} characters.")
            }
            PasswordProblem::Mismatch => "The two new passwords are not the same.".into(),
            PasswordProblem::SameAsOld => {
                "The new password must differ from the current one.".into()
            }
        }
    }
}

/// Checks a password change: as long as the server's rules say, typed the same twice, different
/// from the old one (when given).
pub fn check_new_password(
    rules: PasswordRules,
    old: &str,
    new: &str,
    repeat: &str,
) -> Result<(), PasswordProblem> {
    let n = new.chars().count();
    if n < rules.min {
        Err(PasswordProblem::TooShort(rules.min))
    } else if n > rules.max {
        Err(PasswordProblem::TooLong(rules.max))
    } else if new != repeat {
        Err(PasswordProblem::Mismatch)
    } else if !old.is_empty() && old == new {
        Err(PasswordProblem::SameAsOld)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_links() {
        let u = User {
            id: "a b".into(),
            username: "jdoe".into(),
            first_name: "John".into(),
            last_name: "Doe".into(),
            ..Default::default()
        };
        assert_eq!(u.name(), "John Doe");
        assert!(u.password_managed_here());
        assert_eq!(user_href(&u), "/users/a%20b");
        let v = User {
            username: "x".into(),
            source: UserSource::Ldap,
            ..Default::default()
        };
        assert_eq!(v.name(), "x");
        assert!(!v.password_managed_here());
    }

    #[test]
    fn password_rules_follow_the_server() {
        use PasswordProblem::*;
        let r = PasswordRules { min: 8, max: 20 };
        assert_eq!(
            check_new_password(r, "", "short", "short"),
            Err(TooShort(8))
        );
        assert_eq!(
            check_new_password(r, "", &"x".repeat(21), &"x".repeat(21)),
            Err(TooLong(20))
        );
        assert_eq!(
            check_new_password(r, "", "abcd1234", "abcd1235"),
            Err(Mismatch)
        );
        assert_eq!(
            check_new_password(r, "abcd1234", "abcd1234", "abcd1234"),
            Err(SameAsOld)
        );
        assert_eq!(check_new_password(r, "", "abcd1234", "abcd1234"), Ok(()));
        // Characters, not bytes.
        assert_eq!(
            check_new_password(r, "old", &"é".repeat(20), &"é".repeat(20)),
            Ok(())
        );
        assert_eq!(
            TooShort(8).message(),
            "The new password needs at least 8 characters."
        );
        // Another server's rules give other limits.
        let other = PasswordRules { min: 12, max: 64 };
        assert_eq!(
            check_new_password(other, "", "abcd1234", "abcd1234"),
            Err(TooShort(12))
        );
    }
}
