//! Operators, countries and device registration (EPMM V1 `/dm/operators`, `/dm/countries`,
//! `/dm/register/`).

use super::EpmmCalls;
use crate::backend::http::Body;
use crate::backend::{ApiClient, ApiError};
use crate::domain::forms::{Country, Operator, RegisterForm, RegisterPlatform, Registration};
use crate::url::query_string;
use gloo_net::http::Method;
use wire::v1::reference as w;

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
            crate::domain::forms::clean_phone(&f.phone)
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

/// Registers a device (`PUT /dm/register/`, L3156-3348).
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

    #[test]
    fn form_to_request_l3172_3180() {
        // The guide's first example: phoneNumber=4155551212&userId=jdoe&platform=A&...&countrycode=1&operator=Verizon
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
        // A device without a phone line registers as a PDA (L3238-3248).
        let pda = register_request(&RegisterForm {
            no_phone: true,
            ..f
        });
        let q = pda.query();
        assert!(q.contains(&("phoneNumber", "PDA".to_string())));
        assert!(q.contains(&("deviceType", "PDA".to_string())));
    }
}
