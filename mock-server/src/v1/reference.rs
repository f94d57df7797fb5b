//! Operators (V1 guide, "List of Operators"), countries ("List of Countries"), device registration
//! ("Register a Device"), and the profiles of a device with their re-push ("Get Profiles for a
//! Device", "Re-push Profiles for a Device").
//!
//! Decisions where the guide is unclear:
//! - Register: `PUT /dm/register` and `/dm/register/` (the URI has the trailing slash, the examples
//!   do not); query keys in any case (`countryCode` in the table, `countrycode` in the examples);
//!   booleans `True`/`true`. The new device is VERIFICATION_PENDING with empty details until the
//!   user verifies (test hook `POST /_mock/devices/{uuid}/verify`). A new local user gets the user
//!   id as password (the request table of "Register a Device") and the self-service role. One
//!   `messages` element, `status` `SUCCESS` (its response example shows `<messages/>` twice).
//!   `phoneNumber` echoes the country code and number (`14085551212`, the same response example),
//!   `PDA` for a PDA.
//! - Profiles: the device's policies and app settings plus the default Docs@Work policy, ids
//!   unique per device (the response example of "Get Profiles for a Device" gives two profiles id
//!   `-2`). Re-push answers 200 with a message (its response is not documented); without `id` every
//!   profile is re-pushed; re-pushing a policy clears "policy out of date" (compliance 0x10).

use super::actions::resolve;
use super::devices::path_param;
use super::envelope::{self, ApiError, Neg};
use super::params::{Paging, Params};
use crate::auth::Caller;
use crate::catalog::{self, Platform, COUNTRIES, MODELS, OPERATORS, OS_VERSIONS};
use crate::data;
use crate::ops;
use crate::records::PendingRegistration;
use crate::seed::uuid_v4;
use crate::state::{DeviceRec, SharedState, User};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::header::HOST;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wire::lenient::Messages;
use wire::v1::bitmap::flags;
use wire::v1::reference::{DISABLED_FOR_REGISTRATION, ENABLED_FOR_REGISTRATION};
use wire::v1::{
    Country, CountryListResponse, DeviceAction, DeviceRef, DeviceStatus, MessagesOnly, Operator,
    OperatorListResponse, ProfileListResponse, ProfileType, RegisterDeviceType, RegisterPlatform,
    RegisterRequest, RegisterResponse, Registration,
};

/// `GET /api/v1/dm/operators`: every operator, enabled or not (V1 guide, "List of Operators").
pub async fn operators(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/operators?{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |_, neg| {
        let rows: Vec<Operator> = data::operator_rows()
            .into_iter()
            .filter_map(|o| {
                let (country_id, name, code, _, _) = data::country_row(o.country)?;
                Some(Operator {
                    carrier_short_name: o.name.into(),
                    carrier_type: o.carrier_type.into(),
                    country_code: code.to_string(),
                    country_id,
                    country_name: name.into(),
                    enabled: o.enabled,
                    id: o.id,
                })
            })
            .collect();
        envelope::page_body(
            neg,
            paging,
            &rows,
            |n| format!("{n} Operator (s) returned"),
            "No operators found",
            |page, total, messages| OperatorListResponse {
                messages,
                total_count: Some(total),
                operators: page.into(),
            },
        )
    })
    .await)
}

/// `GET /api/v1/dm/countries`: every country, enabled for registration (116) or not (102).
pub async fn countries(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/countries?{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |_, neg| {
        let rows: Vec<Country> = (0..COUNTRIES.len() + data::EXTRA_COUNTRIES.len())
            .filter_map(data::country_row)
            .map(|(id, name, code, iso, enabled)| Country {
                country_name: name.into(),
                country_code: code.to_string(),
                iso_alpha2_code: iso.into(),
                enabled_for_registration: if enabled {
                    ENABLED_FOR_REGISTRATION
                } else {
                    DISABLED_FOR_REGISTRATION
                },
                country_id: Some(id),
            })
            .collect();
        envelope::page_body(
            neg,
            paging,
            &rows,
            |n| format!("{n} Countries returned"),
            "No countries found",
            |page, total, messages| CountryListResponse {
                messages,
                total_count: Some(total),
                countries: page.into(),
            },
        )
    })
    .await)
}

fn parse_register(params: &Params) -> Result<RegisterRequest, ApiError> {
    let opt_bool = |k: &str| params.bool(k);
    let text = |k: &str| params.non_blank(k).unwrap_or("").to_string();
    let platform = params
        .non_blank("platform")
        .map(|p| {
            p.parse::<RegisterPlatform>().map_err(|_| {
                ApiError::bad_request(format!(
                    "Invalid platform: {p} (A Android, I iOS, E Windows, M Windows Phone, L Mac OS X; V1 guide, Register a Device)"
                ))
            })
        })
        .transpose()?;
    let device_type = params
        .non_blank("deviceType")
        .map(|t| {
            t.parse::<RegisterDeviceType>().map_err(|_| {
                ApiError::bad_request(format!("Invalid deviceType: {t} (Phone or PDA)"))
            })
        })
        .transpose()?;
    Ok(RegisterRequest {
        phone_number: text("phoneNumber"),
        user_id: text("userId"),
        operator: params.non_blank("operator").map(str::to_string),
        is_employee_owned: opt_bool("isEmployeeOwned")?,
        platform,
        device_type,
        import_user_from_ldap: opt_bool("importUserFromLdap")?,
        user_first_name: text("userFirstName"),
        user_last_name: text("userLastName"),
        user_email_address: text("userEmailAddress"),
        notify_user: opt_bool("notifyUser")?,
        notify_user_by_sms: opt_bool("notifyuserbysms")?,
        country_code: text("countryCode"),
    })
}

fn platform_of(p: RegisterPlatform) -> Platform {
    match p {
        RegisterPlatform::Android => Platform::Android,
        RegisterPlatform::Ios => Platform::Ios,
        RegisterPlatform::Windows | RegisterPlatform::WindowsPhone => Platform::Windows,
        RegisterPlatform::MacOs => Platform::Macos,
    }
}

/// `PUT /api/v1/dm/register[/]`.
pub async fn register(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    headers: HeaderMap,
    params: Params,
) -> Result<Response, ApiError> {
    let req = parse_register(&params)?;
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty())
        .unwrap_or("epmm.example.com")
        .to_string();
    let pda = req.is_pda() || req.phone_number.eq_ignore_ascii_case("PDA");
    let code: u32 = req
        .country_code
        .trim()
        .trim_start_matches('+')
        .parse()
        .map_err(|_| ApiError::bad_request(format!("Invalid countryCode: {}", req.country_code)))?;
    let country = COUNTRIES
        .iter()
        .position(|c| c.code == code)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Country code {code} is not enabled for registration (see GET /dm/countries)"
            ))
        })?;
    let phone: Option<u64> = if pda {
        None
    } else {
        let digits: String = req
            .phone_number
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if digits.len() < 10 {
            return Err(ApiError::bad_request(format!(
                "Invalid phoneNumber: {} (10 digits, no country code; V1 guide, Phone Number Formats)",
                req.phone_number
            )));
        }
        digits[digits.len() - 10..].parse().ok()
    };

    let mut w = state.write();
    let user_idx = w.user_index(&req.user_id);
    req.validate(user_idx.is_some())
        .map_err(ApiError::bad_request)?;
    if let Some(p) = phone {
        if let Some(i) = w.device_index_by_phone(&p.to_string()) {
            if w.devices[i].status != DeviceStatus::Retired {
                return Err(ApiError::bad_request(format!(
                    "Phone number {p} is already registered to device {}",
                    w.devices[i].uuid
                )));
            }
        }
    }
    let now = w.tick();
    let mut rng = ChaCha8Rng::seed_from_u64(w.seed ^ now as u64 ^ w.devices.len() as u64);
    let owner = match user_idx {
        Some(u) => u,
        None if req.import_user_from_ldap == Some(true) => {
            return Err(ApiError::no_data(format!(
                "No LDAP user found with userId {}",
                req.user_id
            )))
        }
        None => {
            let principal = req.user_id.trim().to_ascii_lowercase();
            let id = w.users.iter().map(|u| u.id).max().unwrap_or(10_000) + 1;
            w.push_user(User {
                id,
                uuid: uuid_v4(&mut rng),
                // "Ivanti EPMM sets the password for a new local user to the userid." (V1 guide,
                // "Register a Device": the request table)
                password: Some(req.user_id.trim().to_string()),
                principal,
                first_name: req.user_first_name.trim().to_string(),
                last_name: req.user_last_name.trim().to_string(),
                email: req.user_email_address.trim().to_string(),
                user_source: wire::v1::sm::USER_SOURCE_LOCAL,
                roles: vec![catalog::ROLE_USER_PORTAL.to_string()],
                created_at_ms: now,
                enabled: true,
                country: country as u8,
            })
        }
    };
    let platform = req.platform.map(platform_of).unwrap_or(Platform::Android);
    let model = MODELS
        .iter()
        .position(|m| m.platform == platform && m.cellular != pda)
        .or_else(|| MODELS.iter().position(|m| m.platform == platform))
        .unwrap_or(0);
    let m = &MODELS[model];
    let os = OS_VERSIONS
        .iter()
        .enumerate()
        .filter(|(_, o)| {
            o.platform == platform && o.major >= m.os_major.0 && o.major <= m.os_major.1
        })
        .map(|(i, _)| i)
        .next_back()
        .unwrap_or(0);
    let operator = if pda || !m.cellular {
        catalog::PDA
    } else {
        let wanted = req.operator.as_deref().unwrap_or("");
        OPERATORS
            .iter()
            .position(|o| o.country == Some(country) && o.name.eq_ignore_ascii_case(wanted.trim()))
            .or_else(|| OPERATORS.iter().position(|o| o.country == Some(country)))
            .unwrap_or(catalog::PDA)
    };
    let mac = loop {
        let candidate = (u64::from_str_radix(m.oui, 16).unwrap_or(0x02_00_00) << 24)
            | rng.gen_range(0..1u64 << 24);
        let hex = format!("{candidate:012X}");
        if w.device_index_by_mac(&hex).is_none() {
            break candidate;
        }
    };
    let pda_seq = if operator == catalog::PDA {
        let n = w
            .devices
            .iter()
            .filter(|d| d.owner as usize == owner && d.is_pda())
            .count();
        u8::try_from(n + 1).unwrap_or(u8::MAX)
    } else {
        0
    };
    let imei = if operator == catalog::PDA {
        0
    } else {
        let tac: u64 = m.tac.parse().unwrap_or(35_000_000);
        let body = tac * 1_000_000 + rng.gen_range(0..1_000_000u64);
        body * 10 + crate::seed::luhn_digit(body)
    };
    let uuid = uuid_v4(&mut rng);
    let device = DeviceRec {
        id: w.devices.len() as i64 + 1,
        uuid: uuid.clone(),
        owner: owner as u32,
        model: model as u16,
        os: os as u16,
        client: 0,
        operator: operator as u16,
        country: country as u8,
        status: DeviceStatus::VerificationPending,
        compliance: 0,
        quarantined_status: 0,
        block_reason: 0,
        employee_owned: req.is_employee_owned.unwrap_or(false),
        notify_user: req.notify_user.unwrap_or(false),
        language_country_id: 0,
        phone: if operator == catalog::PDA {
            None
        } else {
            phone
        },
        mac,
        imei,
        serial: rng.gen(),
        pda_seq,
        registered_at: now / 1000,
        last_connected_at: 0,
        eas_uuid: String::new(),
        eas_last_sync: 0,
        comment: String::new(),
        detail_overrides: Vec::new(),
    };
    let i = w.push_device(device);
    // "If the passcode is not applicable for the operating system, it will be empty" (V1 guide,
    // "Register a Device": the response example): macOS enrols with a profile and needs none
    // [inferred].
    let passcode = if platform == Platform::Macos {
        String::new()
    } else {
        format!("{:05}", rng.gen_range(0..100_000))
    };
    let url_code = format!("{:05x}", rng.gen_range(0..0x10_0000));
    w.extra_mut(i).registration = Some(PendingRegistration {
        passcode: passcode.clone(),
        url_code: url_code.clone(),
    });
    w.log(i, "REGISTER", &caller.principal, &req.user_id, true);
    drop(w);
    let body = RegisterResponse {
        phone_number: match phone {
            Some(p) => format!("{code}{p:010}"),
            None => "PDA".into(),
        },
        messages: Messages::none(),
        registration: Registration {
            messages: Messages::none(),
            device_uuid: uuid,
            status: "SUCCESS".into(),
            passcode,
            passcode_ttl: Some(120),
            registration_url: format!("https://{host}/v/{url_code}"),
        },
    };
    Ok(envelope::ok(neg, &body))
}

/// `GET /api/v1/dm/devices/profiles/{deviceUuid}` (V1 guide, "Get Profiles for a Device").
pub async fn profiles(
    State(state): State<SharedState>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let paging = Paging::from_params(&params)?;
    let w = state.read();
    let i = resolve(&w, &DeviceRef::Uuid(uuid.clone()))?;
    let items = ops::device_profiles(&w, i);
    drop(w);
    let (status, body) = envelope::page_body(
        neg,
        paging,
        &items,
        // The guide's answer has empty messages (V1 guide, "Get Profiles for a Device": the
        // response example).
        |_| String::new(),
        &format!("No profiles found for device {uuid}"),
        |page, total, messages| ProfileListResponse {
            messages,
            total_count: Some(total),
            profiles: page.into(),
        },
    );
    Ok(envelope::bytes_response(
        status,
        neg.format.content_type(),
        body,
    ))
}

/// `PUT /api/v1/dm/devices/repushprofile/{deviceUuid}[?id=&type=]` (V1 guide, "Re-push Profiles for
/// a Device").
pub async fn repush(
    State(state): State<SharedState>,
    Extension(caller): Extension<Caller>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
    params: Params,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let id = params
        .non_blank("id")
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::bad_request(format!("Invalid id: {v} (a profile id)")))
        })
        .transpose()?;
    let kind = params
        .non_blank("type")
        .map(|t| {
            t.parse::<ProfileType>()
                .map_err(|_| ApiError::bad_request(format!("Invalid type: {t} (APP or POLICY)")))
        })
        .transpose()?;
    let mut w = state.write();
    let i = resolve(&w, &DeviceRef::Uuid(uuid.clone()))?;
    if let Some(why) = ops::refusal(&w.devices[i], DeviceAction::Lock) {
        return Err(ApiError::bad_request(why));
    }
    let chosen: Vec<_> = ops::device_profiles(&w, i)
        .into_iter()
        .filter(|p| id.is_none_or(|id| p.id == id))
        .filter(|p| kind.is_none_or(|k| p.kind() == Some(k)))
        .collect();
    if chosen.is_empty() {
        return Err(ApiError::no_data(format!(
            "No profile{}{} on device {uuid}",
            id.map(|i| format!(" with id {i}")).unwrap_or_default(),
            kind.map(|k| format!(" of type {k}")).unwrap_or_default()
        )));
    }
    w.tick();
    if chosen.iter().any(|p| p.kind() == Some(ProfileType::Policy)) {
        w.devices[i].compliance &= !flags::POLICY_OUT_OF_DATE;
    }
    let names: Vec<String> = chosen.iter().map(|p| p.name.trim().to_string()).collect();
    w.log(
        i,
        "REPUSH_PROFILE",
        &caller.principal,
        &names.join(", "),
        true,
    );
    drop(w);
    let message = if let [one] = names.as_slice() {
        format!("Profile {one} re-pushed to device {uuid}.")
    } else {
        format!("{} profile(s) re-pushed to device {uuid}.", names.len())
    };
    Ok(envelope::ok(
        neg,
        &MessagesOnly {
            messages: Messages::one(message),
            total_count: None,
        },
    ))
}
