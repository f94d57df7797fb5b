//! Operators, countries, device registration, and the profiles on a device with their re-push
//! (EPMM V1 API guide, "Register a Device", "List of Operators", "List of Countries", "Get Profiles
//! for a Device" and "Re-push Profiles for a Device").

use super::common::{wire_enum, DeviceRef};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

/// `<operator>` (V1 guide, "List of Operators": the response example).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operator {
    /// `AT&T` (escaped as `AT&amp;T` in XML).
    #[serde(default, deserialize_with = "lenient::string")]
    pub carrier_short_name: String,
    /// `Mobile` or `Fixed` (V1 guide, "List of Operators": the response example).
    #[serde(default, deserialize_with = "lenient::string")]
    pub carrier_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub country_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: String,
    /// Shown on the registration screen (V1 guide, "List of Operators": the response example).
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub enabled: bool,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
}

crate::v1::container!(
    /// `<operators><operator>…</operator></operators>`
    Operators, "operator", Operator
);

/// `GET /dm/operators` (V1 guide, "List of Operators": the response example): `1 Operator (s)
/// returned`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub operators: Operators,
}

/// `enabledForRegistration` holds the character code of `t`/`f` (V1 guide, "List of Countries": the
/// response example).
pub const ENABLED_FOR_REGISTRATION: i64 = 116;
pub const DISABLED_FOR_REGISTRATION: i64 = 102;

/// `<country>` (V1 guide, "List of Countries": the response example).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: String,
    /// The dialling code, sent back as the register call's `countryCode` (V1 guide, "Register a
    /// Device": the request table).
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: String,
    /// `isoAlpha2Code`; the guide's second example spells it `isoAplha2Code` (V1 guide, "List of
    /// Countries": the response example): both are read.
    #[serde(default, alias = "isoAplha2Code", deserialize_with = "lenient::string")]
    pub iso_alpha2_code: String,
    /// 116 (`t`) enabled, 102 (`f`) disabled; see [`Country::enabled`].
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub enabled_for_registration: i64,
    /// Not in the guide's example; the id devices and operators refer to (`183`) [inferred].
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_id: Option<i64>,
}

impl Country {
    pub fn enabled(&self) -> bool {
        self.enabled_for_registration == ENABLED_FOR_REGISTRATION
    }
}

crate::v1::container!(
    /// `<countries><country>…</country></countries>`
    Countries, "country", Country
);

/// `GET /dm/countries` (V1 guide, "List of Countries": the response example): `2 Countries
/// returned`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountryListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub countries: Countries,
}

wire_enum!(
    /// Register `platform` (V1 guide, "Register a Device": the request table).
    RegisterPlatform {
        Android = "A",
        Ios = "I",
        Windows = "E",
        /// Windows Phone devices (WP8, WP8.1).
        WindowsPhone = "M",
        /// Mac OS X.
        MacOs = "L",
    }
);

wire_enum!(
    /// Register `deviceType` (V1 guide, "Register a Device": the request table).
    RegisterDeviceType {
        Phone = "Phone",
        Pda = "PDA",
    }
);

/// `PUT /dm/register/` (V1 guide, "Register a Device"). Every parameter is a query parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRequest {
    /// Digits only, no country code (V1 guide, "Phone Number Formats"); ignored for a PDA (sent as
    /// `PDA`).
    pub phone_number: String,
    pub user_id: String,
    pub operator: Option<String>,
    pub is_employee_owned: Option<bool>,
    pub platform: Option<RegisterPlatform>,
    pub device_type: Option<RegisterDeviceType>,
    pub import_user_from_ldap: Option<bool>,
    pub user_first_name: String,
    pub user_last_name: String,
    pub user_email_address: String,
    pub notify_user: Option<bool>,
    pub notify_user_by_sms: Option<bool>,
    /// The operator's country (dialling) code, e.g. `1`.
    pub country_code: String,
}

impl RegisterRequest {
    pub fn is_pda(&self) -> bool {
        self.device_type == Some(RegisterDeviceType::Pda)
    }
    /// Checks the required parameters (V1 guide, "Register a Device": the request table): userId,
    /// platform, countryCode; phoneNumber unless PDA; first/last name and email for a local user
    /// (not imported from LDAP).
    pub fn validate(&self, user_exists: bool) -> Result<(), String> {
        if self.user_id.trim().is_empty() {
            return Err("userId is required".into());
        }
        if self.platform.is_none() {
            return Err("platform is required (A, I, E, M or L)".into());
        }
        if self.country_code.trim().is_empty() {
            return Err("countryCode is required".into());
        }
        if !self.is_pda() && self.phone_number.trim().is_empty() {
            return Err("phoneNumber is required unless deviceType is PDA".into());
        }
        if !user_exists && self.import_user_from_ldap != Some(true) {
            for (v, name) in [
                (&self.user_first_name, "userFirstName"),
                (&self.user_last_name, "userLastName"),
                (&self.user_email_address, "userEmailAddress"),
            ] {
                if v.trim().is_empty() {
                    return Err(format!("{name} is required for a new local user"));
                }
            }
        }
        Ok(())
    }
    /// `/v1/dm/register/` (with the trailing slash of the URI template, V1 guide, "Register a
    /// Device").
    pub fn path(&self) -> &'static str {
        "/v1/dm/register/"
    }
    /// The query, with the key spellings of the guide's table (`countryCode`, the all-lower-case
    /// `notifyuserbysms`); the server matches keys case-insensitively (the examples write
    /// `countrycode`).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let b = |v: bool| if v { "True" } else { "False" }.to_string();
        let mut q = Vec::new();
        q.push((
            "phoneNumber",
            if self.is_pda() && self.phone_number.trim().is_empty() {
                "PDA".to_string()
            } else {
                self.phone_number
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect()
            },
        ));
        q.push(("userId", self.user_id.trim().to_string()));
        if let Some(p) = self.platform {
            q.push(("platform", p.as_str().to_string()));
        }
        if let Some(t) = self.device_type {
            q.push(("deviceType", t.as_str().to_string()));
        }
        if let Some(o) = self.operator.as_deref().filter(|o| !o.trim().is_empty()) {
            q.push(("operator", o.trim().to_string()));
        }
        if let Some(v) = self.is_employee_owned {
            q.push(("isEmployeeOwned", b(v)));
        }
        if let Some(v) = self.import_user_from_ldap {
            q.push(("importUserFromLdap", b(v)));
        }
        for (k, v) in [
            ("userFirstName", &self.user_first_name),
            ("userLastName", &self.user_last_name),
            ("userEmailAddress", &self.user_email_address),
        ] {
            if !v.trim().is_empty() {
                q.push((k, v.trim().to_string()));
            }
        }
        if let Some(v) = self.notify_user {
            q.push(("notifyUser", b(v)));
        }
        if let Some(v) = self.notify_user_by_sms {
            q.push(("notifyuserbysms", b(v)));
        }
        q.push(("countryCode", self.country_code.trim().to_string()));
        q
    }
}

/// `<registration>` (V1 guide, "Register a Device": the response example).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    /// `SUCCESS` (V1 guide, "Register a Device": the response example); some servers are said to
    /// send `SUCESS` (a public client accepts both, digest `epmm-v1-api.md`, "1.5 Response formats
    /// and XML roots"), see [`Registration::is_success`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    /// 5-digit passcode; empty when the OS needs none (V1 guide, "Register a Device": the response
    /// example).
    #[serde(default, deserialize_with = "lenient::string")]
    pub passcode: String,
    /// Hours the passcode is valid (V1 guide, "Register a Device": the response example).
    #[serde(
        rename = "passcodeTTL",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub passcode_ttl: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub registration_url: String,
}

impl Registration {
    pub fn is_success(&self) -> bool {
        let s = self.status.trim();
        s.eq_ignore_ascii_case("SUCCESS") || s.eq_ignore_ascii_case("SUCESS")
    }
}

/// `PUT /dm/register/` answer (V1 guide, "Register a Device": the response example): the registered
/// `phoneNumber` and `registration`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub phone_number: String,
    /// Error answers carry only `messages` at the top.
    #[serde(default, skip_serializing_if = "Messages::is_empty")]
    pub messages: Messages,
    #[serde(default)]
    pub registration: Registration,
}

wire_enum!(
    /// Device profile `profileType` and the re-push `type` (V1 guide, the response example of "Get
    /// Profiles for a Device" and the request table of "Re-push Profiles for a Device"): `POLICY`
    /// for policies, `APP` for configurations (app settings).
    ProfileType {
        Policy = "POLICY",
        App = "APP",
    }
);

/// `<profile id="-7">` (V1 guide, "Get Profiles for a Device": the response example). `policyType`
/// is `DOCS`, `SECURITY`, `PRIVACY`, `MDM`, … (for APP profiles the app setting's type); it is not
/// the `/policies` `policyType` (V1 guide, "Get Policies").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
    /// `misystem-default-docs-policy`; the guide's APP profile has none (V1 guide, "Get Profiles
    /// for a Device": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub policy_type: String,
    /// `Applied` in the guide; the mock also sends `Pending` [inferred].
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    /// `POLICY` or `APP`, see [`Profile::kind`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub profile_type: String,
    /// Epoch milliseconds (`1347343156739`).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_updated_at: Option<i64>,
}

impl Profile {
    pub fn kind(&self) -> Option<ProfileType> {
        self.profile_type.parse().ok()
    }
    /// `lastUpdatedAt` in epoch ms (seconds are converted).
    pub fn updated_ms(&self) -> Option<i64> {
        self.last_updated_at.map(crate::datetime::parse_epoch)
    }
}

crate::v1::container!(
    /// `<profiles><profile>…</profile></profiles>`
    Profiles, "profile", Profile
);

/// `GET /dm/devices/profiles/{deviceUuid}` (V1 guide, "Get Profiles for a Device": the response
/// example).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub profiles: Profiles,
}

/// `GET /dm/devices/profiles/{uuid}`.
pub fn profiles_path(device_uuid: &str) -> String {
    format!(
        "/v1/dm/devices/profiles/{}",
        DeviceRef::Uuid(device_uuid.to_string()).path_tail()
    )
}

/// `PUT /dm/devices/repushprofile/{deviceUuid}[?id=&type=]` (V1 guide, "Re-push Profiles for a
/// Device"). Without `id` every profile of the device is re-pushed (the guide's first example has
/// neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepushRequest {
    pub device_uuid: String,
    pub profile: Option<(i64, ProfileType)>,
}

impl RepushRequest {
    pub fn path(&self) -> String {
        format!(
            "/v1/dm/devices/repushprofile/{}",
            DeviceRef::Uuid(self.device_uuid.clone()).path_tail()
        )
    }
    pub fn query(&self) -> Vec<(&'static str, String)> {
        match self.profile {
            Some((id, t)) => vec![("id", id.to_string()), ("type", t.as_str().to_string())],
            None => Vec::new(),
        }
    }
}

/// The re-push answer is undocumented (V1 guide, "Re-push Profiles for a Device"): `messages` only.
pub type RepushResponse = super::MessagesOnly;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_of_operators_response_example() {
        let v = json!({"messages": {"message": ["1 Operator (s) returned"]},
            "operators": {"operator": {"carrierShortName": "AT&T", "carrierType": "Mobile",
                "countryCode": 1, "countryId": 183, "countryName": "United States",
                "enabled": "true", "id": 269}}});
        let r: OperatorListResponse = serde_json::from_value(v).unwrap();
        let o = &r.operators.items[0];
        assert_eq!((o.id, o.country_id, o.enabled), (269, 183, true));
        assert_eq!(o.country_code, "1");
    }

    #[test]
    fn list_of_countries_example_with_the_misspelling() {
        let v = json!({"messages": {"message": "2 Countries returned"}, "countries": {"country": [
            {"countryName": "United States", "countryCode": 1, "isoAlpha2Code": "US", "enabledForRegistration": 102},
            {"countryName": "India", "countryCode": 91, "isoAplha2Code": "IN", "enabledForRegistration": 116}]}});
        let r: CountryListResponse = serde_json::from_value(v).unwrap();
        let c = &r.countries.items;
        assert_eq!(
            (c[0].iso_alpha2_code.as_str(), c[0].enabled()),
            ("US", false)
        );
        assert_eq!(
            (c[1].iso_alpha2_code.as_str(), c[1].enabled()),
            ("IN", true)
        );
        // Written with the correct spelling.
        let out = serde_json::to_value(&c[1]).unwrap();
        assert_eq!(out["isoAlpha2Code"], "IN");
    }

    #[test]
    fn register_a_device_examples() {
        // V1 guide, "Register a Device", examples
        let r = RegisterRequest {
            phone_number: "415-555-1212".into(),
            user_id: "jdoe".into(),
            platform: Some(RegisterPlatform::Android),
            user_first_name: "Joe".into(),
            user_last_name: "Doe".into(),
            user_email_address: "jdoe@Ivanti.com".into(),
            notify_user: Some(true),
            notify_user_by_sms: Some(true),
            country_code: "1".into(),
            operator: Some("Verizon".into()),
            ..Default::default()
        };
        assert!(r.validate(false).is_ok());
        let q = r.query();
        assert!(q.contains(&("phoneNumber", "4155551212".into())));
        assert!(q.contains(&("notifyuserbysms", "True".into())));
        assert!(q.contains(&("countryCode", "1".into())));
        // A PDA may send PDA as its phone number (V1 guide, "Register a Device", examples).
        let pda = RegisterRequest {
            phone_number: String::new(),
            device_type: Some(RegisterDeviceType::Pda),
            ..r.clone()
        };
        assert!(pda.validate(true).is_ok());
        assert!(pda.query().contains(&("phoneNumber", "PDA".into())));
        let missing = RegisterRequest {
            user_email_address: String::new(),
            ..r
        };
        assert!(missing.validate(false).is_err());
        assert!(missing.validate(true).is_ok());
        // V1 guide, "Register a Device": the response example, with `SUCESS` tolerated.
        let v = json!({"phoneNumber": 14085551212u64, "registration": {"messages": "",
            "deviceUuid": "caba40e7-f56b-44aa-ac70-79e32e91adf8", "status": "SUCESS",
            "passcode": 63460, "passcodeTTL": "120",
            "registrationUrl": "http://app16.Ivanti.com:8080/v/75b13"}});
        let a: RegisterResponse = serde_json::from_value(v).unwrap();
        assert!(a.registration.is_success());
        assert_eq!(a.registration.passcode, "63460");
        assert_eq!(a.registration.passcode_ttl, Some(120));
        assert_eq!(a.phone_number, "14085551212");
    }

    #[test]
    fn profiles_for_a_device_and_repush_examples() {
        let v = json!({"messages": "", "profiles": {"profile": [
            {"id": -7, "uuid": "misystem-default-docs-policy", "name": "Default Docs@Work Policy",
             "policyType": "DOCS", "status": "Applied", "profileType": "POLICY", "lastUpdatedAt": 1347343156739i64},
            {"id": -2, "name": " System - iOS MDM", "policyType": "MDM", "status": "Applied",
             "profileType": "APP", "lastUpdatedAt": 1347343165501i64}]}});
        let r: ProfileListResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.profiles.items[0].kind(), Some(ProfileType::Policy));
        assert_eq!(r.profiles.items[1].kind(), Some(ProfileType::App));
        assert!(r.profiles.items[1].uuid.is_empty());
        let all = RepushRequest {
            device_uuid: "e6d4f5f0-d883-41d2-8e87-c76fb4ef4cde".into(),
            profile: None,
        };
        assert_eq!(
            all.path(),
            "/v1/dm/devices/repushprofile/e6d4f5f0-d883-41d2-8e87-c76fb4ef4cde"
        );
        assert!(all.query().is_empty());
        let one = RepushRequest {
            profile: Some((3, ProfileType::App)),
            ..all
        };
        assert_eq!(one.query(), [("id", "3".into()), ("type", "APP".into())]);
    }
}
