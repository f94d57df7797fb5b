//! Users of the EPMM server (V1 `/sm`): local or directory (LDAP) accounts, their roles, and the
//! rules of a password change.

use crate::ui::table::engine::{CellKind, Column};

/// Where an account lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserSource {
    #[default]
    Local,
    Ldap,
    Other,
}

impl UserSource {
    /// `userSource` holds a character code: 76 `L`, 68 `D` (digest §1.11).
    pub fn from_code(code: i64) -> UserSource {
        match code {
            76 => UserSource::Local,
            68 => UserSource::Ldap,
            _ => UserSource::Other,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            UserSource::Local => "Local",
            UserSource::Ldap => "LDAP",
            UserSource::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    /// Login name.
    pub principal: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub enabled: bool,
    pub source: UserSource,
    /// Full form only (find user), empty for LDAP search results.
    pub uuid: String,
    pub id: Option<i64>,
    /// Epoch ms.
    pub created: Option<i64>,
    pub last_admin_login: Option<i64>,
    pub roles: Vec<String>,
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
            self.principal.clone()
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

pub fn user_href(principal: &str) -> String {
    format!("/users/{}", crate::url::encode_path_segment(principal))
}

pub fn user_columns() -> Vec<Column<User>> {
    vec![
        Column::new("principal", "Username", |u: &User| u.principal.clone())
            .link(|u| user_href(&u.principal)),
        Column::new("name", "Name", User::name),
        Column::new("email", "Email", |u: &User| u.email.clone()),
        Column::new("source", "Source", |u: &User| u.source.label().to_string()),
        Column::new("enabled", "Account", |u: &User| {
            u.enabled_label().to_string()
        })
        .kind(CellKind::Badge),
    ]
}

/// Password length rule of the server (L5181-5182).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 20;

/// Why a new password cannot be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    Mismatch,
    SameAsOld,
}

impl PasswordProblem {
    pub fn message(self) -> String {
        match self {
            PasswordProblem::TooShort => {
                format!("The new password needs at least {PASSWORD_MIN} characters.")
            }
            PasswordProblem::TooLong => {
                format!("The new password can have at most {PASSWORD_MAX} characters.")
            }
            PasswordProblem::Mismatch => "The two new passwords are not the same.".into(),
            PasswordProblem::SameAsOld => {
                "The new password must differ from the current one.".into()
            }
        }
    }
}

/// Checks a password change: 8–20 characters, typed the same twice, different from the old one
/// (when given).
pub fn check_new_password(old: &str, new: &str, repeat: &str) -> Result<(), PasswordProblem> {
    let n = new.chars().count();
    if n < PASSWORD_MIN {
        Err(PasswordProblem::TooShort)
    } else if n > PASSWORD_MAX {
        Err(PasswordProblem::TooLong)
    } else if new != repeat {
        Err(PasswordProblem::Mismatch)
    } else if !old.is_empty() && old == new {
        Err(PasswordProblem::SameAsOld)
    } else {
        Ok(())
    }
}

/// LDAP searches need at least this many characters (L5322).
pub const LDAP_MIN: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_names() {
        assert_eq!(UserSource::from_code(76), UserSource::Local);
        assert_eq!(UserSource::from_code(68), UserSource::Ldap);
        let u = User {
            principal: "jdoe".into(),
            first_name: "John".into(),
            last_name: "Doe".into(),
            ..Default::default()
        };
        assert_eq!(u.name(), "John Doe");
        assert!(u.password_managed_here());
        let v = User {
            principal: "x".into(),
            ..Default::default()
        };
        assert_eq!(v.name(), "x");
        assert_eq!(user_href("a b"), "/users/a%20b");
    }

    #[test]
    fn role_labels_l5299_5316() {
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
    fn password_rules_l5181() {
        use PasswordProblem::*;
        assert_eq!(check_new_password("", "short", "short"), Err(TooShort));
        assert_eq!(
            check_new_password("", &"x".repeat(21), &"x".repeat(21)),
            Err(TooLong)
        );
        assert_eq!(
            check_new_password("", "abcd1234", "abcd1235"),
            Err(Mismatch)
        );
        assert_eq!(
            check_new_password("abcd1234", "abcd1234", "abcd1234"),
            Err(SameAsOld)
        );
        assert_eq!(check_new_password("", "abcd1234", "abcd1234"), Ok(()));
        assert_eq!(
            check_new_password("old", &"é".repeat(20), &"é".repeat(20)),
            Ok(())
        );
        assert!(TooShort.message().contains('8'));
    }
}
