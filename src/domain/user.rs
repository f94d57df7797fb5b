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

/// What the one-user look-up takes (the server's exact search).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKey {
    Username,
    Email,
    /// The account's GUID (`8-4-4-4-12` hexadecimal digits).
    Guid,
}

impl UserKey {
    fn word(self) -> &'static str {
        match self {
            UserKey::Username => "username",
            UserKey::Email => "email",
            UserKey::Guid => "GUID",
        }
    }
    fn hint(self) -> &'static str {
        match self {
            UserKey::Username => "the exact username",
            UserKey::Email => "the exact email address",
            UserKey::Guid => "the user's GUID (such as 7b2a44c2-3f0e-4f7c-9a55-0f8a1a2b3c4d)",
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(words: impl IntoIterator<Item = &'static str>) -> String {
    let words: Vec<&str> = words.into_iter().collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The words of the find-a-user form for what the look-up takes: its label (the accessible
/// name), the hint under it (also what an empty form is told), and what a miss is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindTexts {
    pub label: String,
    pub hint: String,
    /// Before the searched text: `No user has the username or email`.
    pub none: String,
}

pub fn find_texts(keys: &[UserKey]) -> FindTexts {
    let words = either(keys.iter().map(|k| k.word()));
    let mut label = words.clone();
    if let Some(first) = label.get(..1) {
        label = first.to_uppercase() + &label[1..];
    }
    FindTexts {
        hint: format!("Type {}.", either(keys.iter().map(|k| k.hint()))),
        none: format!("No user has the {words}"),
        label,
    }
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
    fn the_find_form_says_what_the_look_up_takes() {
        // EPMM's "Find a User" (username or email): the names the users spec pins.
        let epmm = find_texts(&[UserKey::Username, UserKey::Email]);
        assert_eq!(epmm.label, "Username or email");
        assert_eq!(epmm.none, "No user has the username or email");
        assert_eq!(
            epmm.hint,
            "Type the exact username or the exact email address."
        );
        // CPS also looks a user up by GUID ("Search users by GUID").
        let cps = find_texts(&[UserKey::Email, UserKey::Username, UserKey::Guid]);
        assert_eq!(cps.label, "Email, username or GUID");
        assert!(
            cps.hint.contains("the user's GUID (such as "),
            "{}",
            cps.hint
        );
        assert!(cps
            .hint
            .starts_with("Type the exact email address, the exact username or "));
        assert_eq!(cps.none, "No user has the email, username or GUID");
        assert_eq!(find_texts(&[UserKey::Guid]).label, "GUID");
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
