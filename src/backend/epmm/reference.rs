//! Operators, countries and device registration (EPMM V1 API guide, "List of Operators", "List
//! of Countries", "Register a Device") behind the portal's [`RegisterApi`], with the guide's rules
//! for the register form.

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::register::{RegisterApi, RegisterCaps};
use crate::backend::{ApiClient, ApiError};
use crate::domain::forms::{
    Country, FieldErrors, Operator, RegisterChoices, RegisterForm, RegisterPlatform, Registration,
};
use crate::url::query_string;
use gloo_net::http::Method;
use wire::v1::{self, reference as w};

const CAPS: RegisterCaps = RegisterCaps {
    // "Register a Device", `platform`: A, I, E, M, L.
    platforms: &RegisterPlatform::ALL,
    // A registered device waits as VERIFICATION_PENDING until the user finishes.
    waiting_status: Some(v1::DeviceStatus::VerificationPending.as_str()),
};

/// EPMM's device registration.
pub struct EpmmRegister {
    api: ApiClient,
}

impl EpmmRegister {
    pub fn new(api: ApiClient) -> Self {
        EpmmRegister { api }
    }
}

#[async_trait::async_trait(?Send)]
impl RegisterApi for EpmmRegister {
    fn caps(&self) -> &RegisterCaps {
        &CAPS
    }

    async fn choices(&self) -> Result<RegisterChoices, ApiError> {
        let (c, o) = futures::join!(countries(&self.api), operators(&self.api));
        Ok(registrable(c?, o?))
    }

    fn check(&self, form: &RegisterForm) -> FieldErrors {
        check(form)
    }

    async fn register(&self, form: &RegisterForm) -> Result<Registration, ApiError> {
        register(&self.api, form).await
    }
}

/// Every operator, enabled or not ("List of Operators").
pub async fn operators(api: &ApiClient) -> Result<Vec<Operator>, ApiError> {
    let r: w::OperatorListResponse = api.get_list("/v1/dm/operators").await?;
    Ok(r.operators
        .items
        .into_iter()
        .map(|o| Operator {
            id: o.id,
            name: o.carrier_short_name,
            country_code: o.country_code,
            enabled: o.enabled,
        })
        .collect())
}

/// Every country, enabled or not ("List of Countries").
pub async fn countries(api: &ApiClient) -> Result<Vec<Country>, ApiError> {
    let r: w::CountryListResponse = api.get_list("/v1/dm/countries").await?;
    Ok(r.countries
        .items
        .into_iter()
        .map(|c| Country {
            enabled: c.enabled(),
            name: c.country_name,
            code: c.country_code,
            iso: c.iso_alpha2_code,
        })
        .collect())
}

/// The countries and operators a registration may use. Both lists hold "All operators/countries
/// defined in database", enabled or not ("List of Operators", "List of Countries"; the digest's
/// ambiguity #65): only the enabled ones are offered, sorted by name, each country once.
pub fn registrable(mut countries: Vec<Country>, mut operators: Vec<Operator>) -> RegisterChoices {
    countries.retain(|c| c.enabled);
    countries.sort_by_key(|c| c.name.to_lowercase());
    countries.dedup_by(|a, b| a.code == b.code && a.name == b.name);
    operators.retain(|o| o.enabled);
    operators.sort_by_key(|o| o.name.to_lowercase());
    RegisterChoices {
        countries,
        operators,
    }
}

/// Phone numbers: digits only, no country code, no parentheses, dashes or periods ("Phone Number
/// Formats"). Common punctuation is removed rather than refused.
pub fn clean_phone(p: &str) -> String {
    p.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect()
}

/// The register form by the guide's rules ("Register a Device"): a login name; names and email for
/// a new local user (not for an LDAP import); a platform; a phone number without country code
/// unless the device has no phone line; a country.
pub fn check(f: &RegisterForm) -> FieldErrors {
    let mut e = FieldErrors::new();
    let uid = f.user_id.trim();
    if uid.is_empty() {
        e.insert("user_id", "Enter the user's login name.".into());
    } else if uid.contains(char::is_whitespace) || uid.contains(':') {
        e.insert("user_id", "A login name has no spaces or colons.".into());
    }
    if !f.import_from_ldap {
        if f.first_name.trim().is_empty() {
            e.insert("first_name", "A new local user needs a first name.".into());
        }
        if f.last_name.trim().is_empty() {
            e.insert("last_name", "A new local user needs a last name.".into());
        }
        let mail = f.email.trim();
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
    if f.platform.is_none() {
        e.insert("platform", "Choose the device platform.".into());
    }
    if !f.no_phone {
        let p = clean_phone(&f.phone);
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
    if f.country_code.trim().is_empty() {
        e.insert("country", "Choose the country.".into());
    }
    e
}

fn platform(p: RegisterPlatform) -> w::RegisterPlatform {
    match p {
        RegisterPlatform::Android => w::RegisterPlatform::Android,
        RegisterPlatform::Ios => w::RegisterPlatform::Ios,
        RegisterPlatform::Windows => w::RegisterPlatform::Windows,
        RegisterPlatform::WindowsPhone => w::RegisterPlatform::WindowsPhone,
        RegisterPlatform::MacOs => w::RegisterPlatform::MacOs,
    }
}

/// The wire request for a checked form.
pub fn register_request(f: &RegisterForm) -> w::RegisterRequest {
    w::RegisterRequest {
        phone_number: if f.no_phone {
            String::new()
        } else {
            clean_phone(&f.phone)
        },
        user_id: f.user_id.trim().to_string(),
        operator: Some(f.operator.trim().to_string()).filter(|o| !o.is_empty()),
        is_employee_owned: Some(f.employee_owned),
        platform: f.platform.map(platform),
        device_type: Some(if f.no_phone {
            w::RegisterDeviceType::Pda
        } else {
            w::RegisterDeviceType::Phone
        }),
        import_user_from_ldap: Some(f.import_from_ldap),
        user_first_name: f.first_name.trim().to_string(),
        user_last_name: f.last_name.trim().to_string(),
        user_email_address: f.email.trim().to_string(),
        notify_user: Some(f.notify_email),
        notify_user_by_sms: Some(f.notify_sms),
        country_code: f.country_code.trim().to_string(),
    }
}

/// Registers a device (`PUT /dm/register/`, "Register a Device").
pub async fn register(api: &ApiClient, f: &RegisterForm) -> Result<Registration, ApiError> {
    let req = register_request(f);
    let q = req.query();
    let url = format!(
        "{}?{}",
        req.path(),
        query_string(q.iter().map(|(k, v)| (*k, v.as_str())))
    );
    let r: w::RegisterResponse = api.send_json(Method::PUT, &url, Body::None).await?;
    let reg = r.registration;
    if !reg.is_success() {
        let msg = [r.messages.joined(), reg.messages.joined()]
            .join(" ")
            .trim()
            .to_string();
        return Err(ApiError::rejected(
            200,
            if msg.is_empty() {
                format!("The server answered status {:?}.", reg.status)
            } else {
                msg
            },
        ));
    }
    Ok(Registration {
        device_uuid: reg.device_uuid.trim().to_string(),
        passcode: reg.passcode.trim().to_string(),
        passcode_hours: reg.passcode_ttl,
        url: reg.registration_url.trim().to_string(),
    })
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
    fn register_form_rules_of_register_a_device() {
        assert!(check(&ok_form()).is_empty());
        assert_eq!(clean_phone("(415) 555-1212"), "4155551212");
        // `importUserFromLdap`: local users need names and email; LDAP imports do not.
        let f = RegisterForm {
            first_name: "".into(),
            email: "nope".into(),
            ..ok_form()
        };
        let e = check(&f);
        assert!(e.contains_key("first_name") && e.contains_key("email"));
        let f = RegisterForm {
            import_from_ldap: true,
            first_name: "".into(),
            email: "".into(),
            ..ok_form()
        };
        assert!(check(&f).is_empty());
        // "Phone Number Formats": no country code in the number.
        let f = RegisterForm {
            phone: "+14155551212".into(),
            ..ok_form()
        };
        assert!(check(&f)["phone"].contains("country code"));
        // `deviceType`: a device without a phone line (a PDA) needs no number.
        let f = RegisterForm {
            phone: "".into(),
            no_phone: true,
            ..ok_form()
        };
        assert!(check(&f).is_empty());
        let f = RegisterForm {
            platform: None,
            country_code: "".into(),
            user_id: "a b".into(),
            ..ok_form()
        };
        let e = check(&f);
        assert!(
            e.contains_key("platform") && e.contains_key("country") && e.contains_key("user_id")
        );
    }

    #[test]
    fn form_to_request_of_register_a_device() {
        // "Register a Device", the first example:
        // phoneNumber=4155551212&userId=jdoe&platform=A&...&countrycode=1&operator=Verizon
        let f = RegisterForm {
            user_id: " jdoe ".into(),
            first_name: "Joe".into(),
            last_name: "Doe".into(),
            email: "jdoe@Ivanti.com".into(),
            platform: Some(RegisterPlatform::Android),
            phone: "415-555-1212".into(),
            country_code: "1".into(),
            operator: "Verizon".into(),
            notify_email: true,
            notify_sms: true,
            ..Default::default()
        };
        let r = register_request(&f);
        let q = r.query();
        let get = |k: &str| q.iter().find(|(key, _)| *key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("phoneNumber"), Some("4155551212"));
        assert_eq!(get("userId"), Some("jdoe"));
        assert_eq!(get("platform"), Some("A"));
        assert_eq!(get("operator"), Some("Verizon"));
        assert_eq!(get("deviceType"), Some("Phone"));
        assert_eq!(get("countryCode"), Some("1"));
        // `deviceType`: a device without a phone line registers as a PDA.
        let pda = register_request(&RegisterForm {
            no_phone: true,
            ..f
        });
        let q = pda.query();
        assert!(q.contains(&("phoneNumber", "PDA".to_string())));
        assert!(q.contains(&("deviceType", "PDA".to_string())));
    }

    #[test]
    fn only_enabled_choices_sorted_by_name() {
        // "List of Operators"/"List of Countries" hold disabled entries too (digest ambiguity #65).
        let country = |name: &str, code: &str, enabled| Country {
            name: name.into(),
            code: code.into(),
            iso: String::new(),
            enabled,
        };
        let operator = |name: &str, code: &str, enabled| Operator {
            id: 0,
            name: name.into(),
            country_code: code.into(),
            enabled,
        };
        let c = registrable(
            vec![
                country("United States", "1", false),
                country("India", "91", true),
                country("Canada", "1", true),
                country("India", "91", true),
            ],
            vec![
                operator("Verizon", "1", true),
                operator("AT&T", "1", true),
                operator("Old", "1", false),
                operator("Jio", "91", true),
            ],
        );
        assert_eq!(
            c.countries
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>(),
            ["Canada", "India"]
        );
        assert_eq!(
            c.operators_in("1")
                .map(|o| o.name.as_str())
                .collect::<Vec<_>>(),
            ["AT&T", "Verizon"]
        );
        assert_eq!(CAPS.waiting_status, Some("VERIFICATION_PENDING"));
    }
}
