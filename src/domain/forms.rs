//! Validation of the device forms (register a device, send a message), per the V1 guide's rules.
//! Errors are per field so the view can show each under its input.

use std::collections::BTreeMap;

/// Field name → message.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// How a message reaches the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageMode {
    Sms,
    Email,
    Push,
}

impl MessageMode {
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
}

/// One way a server sends messages, with its limits (from the server's capabilities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLimits {
    pub mode: MessageMode,
    /// The longest message text, in characters.
    pub body_max: usize,
    /// The longest subject; `None` when this mode has no subject (one it has is required).
    pub subject_max: Option<usize>,
    /// The text may be HTML.
    pub html: bool,
}

/// A message needs text within the mode's limit; a mode with a subject needs one within its
/// limit.
pub fn validate_message(limits: &MessageLimits, subject: &str, body: &str) -> FieldErrors {
    let mut e = FieldErrors::new();
    if body.trim().is_empty() {
        e.insert("message", "Enter the message.".into());
    } else if body.chars().count() > limits.body_max {
        e.insert(
            "message",
            format!(
                "The message can have at most {} characters.",
                limits.body_max
            ),
        );
    }
    if let Some(max) = limits.subject_max {
        if subject.trim().is_empty() {
            e.insert(
                "subject",
                format!("{} needs a subject.", a_mode(limits.mode)),
            );
        } else if subject.chars().count() > max {
            e.insert(
                "subject",
                format!("The subject can have at most {max} characters."),
            );
        }
    }
    e
}

/// "An email", "A push notification".
fn a_mode(m: MessageMode) -> String {
    let what = match m {
        MessageMode::Sms => "SMS",
        MessageMode::Email => "email",
        MessageMode::Push => "push notification",
    };
    let article = if m == MessageMode::Push { "A" } else { "An" };
    format!("{article} {what}")
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
    fn message_rules_follow_the_mode_limits() {
        // The limits come from the server's capabilities, e.g. CPS guide, "Send email to device
        // owners" (subject at most 100, body at most 3000) and "Send push notification to
        // devices" (at most 140).
        let email = MessageLimits {
            mode: MessageMode::Email,
            body_max: 3000,
            subject_max: Some(100),
            html: true,
        };
        let push = MessageLimits {
            mode: MessageMode::Push,
            body_max: 140,
            subject_max: None,
            html: false,
        };
        assert!(validate_message(&push, "", "Hello").is_empty());
        assert_eq!(
            validate_message(&email, "", "Hello")
                .get("subject")
                .unwrap(),
            "An email needs a subject."
        );
        assert!(validate_message(&email, &"s".repeat(100), "Hello").is_empty());
        assert!(validate_message(&email, &"s".repeat(101), "Hello").contains_key("subject"));
        assert!(validate_message(&push, "", "  ").contains_key("message"));
        assert!(validate_message(&push, "", &"é".repeat(140)).is_empty());
        assert_eq!(
            validate_message(&push, "", &"x".repeat(141))
                .get("message")
                .unwrap(),
            "The message can have at most 140 characters."
        );
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
