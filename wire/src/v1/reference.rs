//! Operators, countries, device registration, and the profiles on a device with their re-push
//! (seed 003 L3156-3348, L4091-4236, L4508-4651; digest §2.9, §3.1.5, §3.2.2-3, §3.3.4-5).

use super::common::{wire_enum, DeviceRef};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

/// `<operator>` (L4129-4156).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operator {
    /// `AT&T` (escaped as `AT&amp;T` in XML).
    #[serde(default, deserialize_with = "lenient::string")]
    pub carrier_short_name: String,
    /// `Mobile` or `Fixed` (L4135-4138).
    #[serde(default, deserialize_with = "lenient::string")]
    pub carrier_type: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub country_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: String,
    /// Shown on the registration screen (L4146-4150).
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub enabled: bool,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
}

crate::v1::container!(
    /// `<operators><operator>…</operator></operators>`
    Operators, "operator", Operator
);

/// `GET /dm/operators` (L4113-4158): `1 Operator (s) returned`.
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

/// `enabledForRegistration` holds the character code of `t`/`f` (L4209-4218).
pub const ENABLED_FOR_REGISTRATION: i64 = 116;
pub const DISABLED_FOR_REGISTRATION: i64 = 102;

/// `<country>` (L4202-4232).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: String,
    /// The dialling code, sent back as the register call's `countryCode` (L3289).
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: String,
    /// `isoAlpha2Code`; the guide's second example spells it `isoAplha2Code` (L4208 vs L4228,
    /// digest §7 #34): both are read.
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

/// `GET /dm/countries` (L4184-4236): `2 Countries returned`.
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
    /// Register `platform` (L3221-3236).
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
    /// Register `deviceType` (L3238-3248).
    RegisterDeviceType {
        Phone = "Phone",
        Pda = "PDA",
    }
);

/// `PUT /dm/register/` (L3156-3290). Every parameter is a query parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRequest {
    /// Digits only, no country code (L186-193); ignored for a PDA (sent as `PDA`).
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
    /// Checks the required parameters (L3193-3290): userId, platform, countryCode; phoneNumber
    /// unless PDA; first/last name and email for a local user (not imported from LDAP).
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
    /// `/v1/dm/register/` (with the trailing slash of the URI template, L3183).
    pub fn path(&self) -> &'static str {
        "/v1/dm/register/"
    }
    /// The query, with the key spellings of the guide's table (`countryCode`, the all-lower-case
    /// `notifyuserbysms`); the server matches keys case-insensitively (digest §7 #22).
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

/// `<registration>` (L3306-3346).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    /// `SUCCESS` (L3324); some servers are said to send `SUCESS` (digest §1.5), see
    /// [`Registration::is_success`].
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    /// 5-digit passcode; empty when the OS needs none (L3327-3334).
    #[serde(default, deserialize_with = "lenient::string")]
    pub passcode: String,
    /// Hours the passcode is valid (L3336-3337).
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

/// `PUT /dm/register/` answer (L3301-3348): the registered `phoneNumber` and `registration`.
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
    /// Device profile `profileType` and the re-push `type` (L4557, L4602, L4641-4643): `POLICY`
    /// for policies, `APP` for configurations (app settings).
    ProfileType {
        Policy = "POLICY",
        App = "APP",
    }
);

/// `<profile id="-7">` (L4548-4606). `policyType` is `DOCS`, `SECURITY`, `PRIVACY`, `MDM`, … (for
/// APP profiles the app setting's type); it is not the `/policies` `policyType` (digest §7 #52).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
    /// `misystem-default-docs-policy`; the guide's APP profile has none (L4595-4606).
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

/// `GET /dm/devices/profiles/{deviceUuid}` (L4540-4609).
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

/// `PUT /dm/devices/repushprofile/{deviceUuid}[?id=&type=]` (L4611-4651). Without `id` every
/// profile of the device is re-pushed (the guide's first example has neither, digest §7 #40).
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

/// The re-push answer is undocumented (L4651): `messages` only.
pub type RepushResponse = super::MessagesOnly;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operator_example_l4115_4158() {
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
    fn country_example_with_the_misspelling_l4202_4232() {
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
    fn register_l3171_3348() {
        // L3171-3174
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
        // L3176-3180: a PDA may send PDA as its phone number.
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
        // L3301-3348, with `SUCESS` tolerated.
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
    fn profiles_l4542_4609_and_repush_l4615_4619() {
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
