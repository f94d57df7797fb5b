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

/// Device platforms that can be registered (`platform`: A, I, E, M, L; EPMM V1 API
/// guide, "Register a Device").
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
    /// A device without a phone line (`deviceType=PDA`, EPMM V1 API guide, "Register a
    /// Device").
    pub no_phone: bool,
    pub phone: String,
    /// Dialling code of the operator's country (`countryCode`, required).
    pub country_code: String,
    pub operator: String,
    pub employee_owned: bool,
    pub notify_email: bool,
    pub notify_sms: bool,
}

/// Phone numbers: digits only, no country code, no parentheses, dashes or periods (EPMM V1 API
/// guide, "Phone Number Formats"). Common punctuation is removed rather than refused.
pub fn clean_phone(p: &str) -> String {
    p.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect()
}

impl RegisterForm {
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        let uid = self.user_id.trim();
        if uid.is_empty() {
            e.insert("user_id", "Enter the user's login name.".into());
        } else if uid.contains(char::is_whitespace) || uid.contains(':') {
            e.insert("user_id", "A login name has no spaces or colons.".into());
        }
        if !self.import_from_ldap {
            if self.first_name.trim().is_empty() {
                e.insert("first_name", "A new local user needs a first name.".into());
            }
            if self.last_name.trim().is_empty() {
                e.insert("last_name", "A new local user needs a last name.".into());
            }
            let mail = self.email.trim();
            let valid_mail = mail.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty()
                    && b.contains('.')
                    && !b.starts_with('.')
                    && !b.ends_with('.')
                    && !mail.contains(' ')
            });
            if mail.is_empty() {
                e.insert("email", "A new local user needs an email address.".into());
            } else if !valid_mail {
                e.insert(
                    "email",
                    "Enter an email address such as jdoe@example.com.".into(),
                );
            }
        }
        if self.platform.is_none() {
            e.insert("platform", "Choose the device platform.".into());
        }
        if !self.no_phone {
            let p = clean_phone(&self.phone);
            if p.is_empty() {
                e.insert(
                    "phone",
                    "Enter the phone number, or mark the device as having no phone line.".into(),
                );
            } else if p.starts_with('+') {
                e.insert(
                    "phone",
                    "Leave out the country code: it comes from the country.".into(),
                );
            } else if !p.chars().all(|c| c.is_ascii_digit()) || !(4..=15).contains(&p.len()) {
                e.insert(
                    "phone",
                    "Use digits only (4 to 15), without the country code.".into(),
                );
            }
        }
        if self.country_code.trim().is_empty() {
            e.insert("country", "Choose the country.".into());
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok_form() -> RegisterForm {
        RegisterForm {
            user_id: "jdoe".into(),
            first_name: "Joe".into(),
            last_name: "Doe".into(),
            email: "jdoe@example.com".into(),
            platform: Some(RegisterPlatform::Android),
            phone: "(415) 555-1212".into(),
            country_code: "1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn register_rules_of_register_a_device() {
        assert!(ok_form().validate().is_empty());
        assert_eq!(clean_phone("(415) 555-1212"), "4155551212");
        // Local users need names and email (EPMM V1 API guide, "Register a Device"); LDAP
        // imports do not.
        let f = RegisterForm {
            first_name: "".into(),
            email: "nope".into(),
            ..ok_form()
        };
        let e = f.validate();
        assert!(e.contains_key("first_name") && e.contains_key("email"));
        let f = RegisterForm {
            import_from_ldap: true,
            first_name: "".into(),
            email: "".into(),
            ..ok_form()
        };
        assert!(f.validate().is_empty());
        // No country code in the number (EPMM V1 API guide, "Phone Number Formats").
        let f = RegisterForm {
            phone: "+14155551212".into(),
            ..ok_form()
        };
        assert!(f.validate()["phone"].contains("country code"));
        // A device without a phone line needs no number (deviceType=PDA).
        let f = RegisterForm {
            phone: "".into(),
            no_phone: true,
            ..ok_form()
        };
        assert!(f.validate().is_empty());
        let f = RegisterForm {
            platform: None,
            country_code: "".into(),
            user_id: "a b".into(),
            ..ok_form()
        };
        let e = f.validate();
        assert!(
            e.contains_key("platform") && e.contains_key("country") && e.contains_key("user_id")
        );
    }

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

/// The countries and operators a registration may use: enabled ones only (the EPMM V1 API guide's
/// "List of Operators" and "List of Countries" return all of them, enabled or not), sorted by
/// name; operators of the chosen country.
pub fn registrable(
    countries: &[Country],
    operators: &[Operator],
    country_code: &str,
) -> (Vec<Country>, Vec<Operator>) {
    let mut c: Vec<Country> = countries.iter().filter(|c| c.enabled).cloned().collect();
    c.sort_by_key(|c| c.name.to_lowercase());
    c.dedup_by(|a, b| a.code == b.code && a.name == b.name);
    let mut o: Vec<Operator> = operators
        .iter()
        .filter(|o| o.enabled && (country_code.is_empty() || o.country_code == country_code))
        .cloned()
        .collect();
    o.sort_by_key(|o| o.name.to_lowercase());
    (c, o)
}

#[cfg(test)]
mod pick_tests {
    use super::*;

    #[test]
    fn only_enabled_operators_and_countries() {
        let countries = vec![
            Country {
                name: "United States".into(),
                code: "1".into(),
                iso: "US".into(),
                enabled: false,
            },
            Country {
                name: "India".into(),
                code: "91".into(),
                iso: "IN".into(),
                enabled: true,
            },
            Country {
                name: "Canada".into(),
                code: "1".into(),
                iso: "CA".into(),
                enabled: true,
            },
        ];
        let operators = vec![
            Operator {
                id: 1,
                name: "Verizon".into(),
                country_code: "1".into(),
                enabled: true,
            },
            Operator {
                id: 2,
                name: "AT&T".into(),
                country_code: "1".into(),
                enabled: true,
            },
            Operator {
                id: 3,
                name: "Old".into(),
                country_code: "1".into(),
                enabled: false,
            },
            Operator {
                id: 4,
                name: "Jio".into(),
                country_code: "91".into(),
                enabled: true,
            },
        ];
        let (c, o) = registrable(&countries, &operators, "1");
        assert_eq!(
            c.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Canada", "India"]
        );
        assert_eq!(
            o.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
            ["AT&T", "Verizon"]
        );
    }
}
