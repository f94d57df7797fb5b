//! The device forms (register a device, send a message) and their checks. Errors are per field so
//! the view can show each under its input; a server's own rules for a form live with that server.

use std::collections::BTreeMap;

/// Field name → message.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// How a message reaches the device (EPMM V1 API guide, "Send message to devices": `mode` is
/// `sms`, `email` or `pns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageMode {
    Sms,
    Email,
    Push,
}

impl MessageMode {
    pub const ALL: [MessageMode; 3] = [MessageMode::Sms, MessageMode::Email, MessageMode::Push];
    pub fn label(self) -> &'static str {
        match self {
            MessageMode::Sms => "SMS",
            MessageMode::Email => "Email",
            MessageMode::Push => "Push notification",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            MessageMode::Sms => "sms",
            MessageMode::Email => "email",
            MessageMode::Push => "push",
        }
    }
    pub fn from_key(k: &str) -> Option<MessageMode> {
        MessageMode::ALL.into_iter().find(|m| m.key() == k)
    }
}

pub const MESSAGE_MAX: usize = 1000;
pub const SUBJECT_MAX: usize = 255;

/// A message needs text; an email also needs a subject (EPMM V1 API guide, "Send message to
/// devices": "subject: Valid only when the mode is email").
pub fn validate_message(mode: MessageMode, subject: &str, body: &str) -> FieldErrors {
    let mut e = FieldErrors::new();
    if body.trim().is_empty() {
        e.insert("message", "Enter the message.".into());
    } else if body.chars().count() > MESSAGE_MAX {
        e.insert(
            "message",
            format!("The message can have at most {MESSAGE_MAX} characters."),
        );
    }
    if mode == MessageMode::Email {
        if subject.trim().is_empty() {
            e.insert("subject", "An email needs a subject.".into());
        } else if subject.chars().count() > SUBJECT_MAX {
            e.insert(
                "subject",
                format!("The subject can have at most {SUBJECT_MAX} characters."),
            );
        }
    }
    e
}

/// Device platforms that can be registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterPlatform {
    Android,
    Ios,
    Windows,
    WindowsPhone,
    MacOs,
}

impl RegisterPlatform {
    pub const ALL: [RegisterPlatform; 5] = [
        RegisterPlatform::Android,
        RegisterPlatform::Ios,
        RegisterPlatform::Windows,
        RegisterPlatform::WindowsPhone,
        RegisterPlatform::MacOs,
    ];
    pub fn label(self) -> &'static str {
        match self {
            RegisterPlatform::Android => "Android",
            RegisterPlatform::Ios => "iOS",
            RegisterPlatform::Windows => "Windows",
            RegisterPlatform::WindowsPhone => "Windows Phone",
            RegisterPlatform::MacOs => "macOS",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            RegisterPlatform::Android => "android",
            RegisterPlatform::Ios => "ios",
            RegisterPlatform::Windows => "windows",
            RegisterPlatform::WindowsPhone => "windows-phone",
            RegisterPlatform::MacOs => "macos",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == k)
    }
}

/// The register form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegisterForm {
    pub user_id: String,
    /// Create a local user (needs names and email) or import the user from LDAP.
    pub import_from_ldap: bool,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub platform: Option<RegisterPlatform>,
    /// A device without a phone line.
    pub no_phone: bool,
    pub phone: String,
    /// Dialling code of the operator's country.
    pub country_code: String,
    pub operator: String,
    pub employee_owned: bool,
    pub notify_email: bool,
    pub notify_sms: bool,
}

/// A mobile operator offered at registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub id: i64,
    pub name: String,
    pub country_code: String,
    pub enabled: bool,
}

/// A country offered at registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub name: String,
    /// Dialling code, e.g. `1`.
    pub code: String,
    pub iso: String,
    pub enabled: bool,
}

/// What the server answered to a registration: shown once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub device_uuid: String,
    /// The passcode the user enters at the registration URL (empty when the OS needs none).
    pub passcode: String,
    pub passcode_hours: Option<i64>,
    pub url: String,
}

/// What a registration may choose from: the countries and the operators, in the order to offer
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterChoices {
    pub countries: Vec<Country>,
    pub operators: Vec<Operator>,
}

impl RegisterChoices {
    /// The operators of the country with this dialling code (all of them when it is empty).
    pub fn operators_in<'a>(&'a self, country_code: &'a str) -> impl Iterator<Item = &'a Operator> {
        self.operators
            .iter()
            .filter(move |o| country_code.is_empty() || o.country_code == country_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_rules_of_send_message_to_devices() {
        // EPMM V1 API guide, "Send message to devices": a message; a subject for email only.
        assert!(validate_message(MessageMode::Sms, "", "Hello").is_empty());
        assert!(validate_message(MessageMode::Email, "", "Hello").contains_key("subject"));
        assert!(validate_message(MessageMode::Push, "", "  ").contains_key("message"));
        let long = "x".repeat(MESSAGE_MAX + 1);
        assert!(validate_message(MessageMode::Sms, "", &long).contains_key("message"));
    }

    #[test]
    fn operators_of_the_chosen_country() {
        let op = |name: &str, code: &str| Operator {
            id: 0,
            name: name.into(),
            country_code: code.into(),
            enabled: true,
        };
        let choices = RegisterChoices {
            countries: Vec::new(),
            operators: vec![op("AT&T", "1"), op("Jio", "91"), op("Verizon", "1")],
        };
        let names = |code: &str| {
            choices
                .operators_in(code)
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("1"), ["AT&T", "Verizon"]);
        assert_eq!(names("91"), ["Jio"]);
        // No country chosen yet: every operator.
        assert_eq!(names("").len(), 3);
        assert!(RegisterPlatform::ALL
            .iter()
            .all(|p| RegisterPlatform::from_key(p.key()) == Some(*p)));
    }
}
