//! Ivanti Common Platform Services (CPS) API (the "Common Platform Services API Guide" for Ivanti
//! Neurons for MDM 100 and Ivanti EPMM 12.1.0.0; digest `cps-and-uem-api.md` Part 1): JSON over
//! HTTP under `/msa/v1/cps`.
//!
//! Tolerant readers, as the guide asks ("Do not perform strict type checking against the API JSON
//! responses because Ivanti may enhance the responses with additional fields", CPS guide, "Object
//! models"):
//! - every field is optional or defaulted, unknown fields are ignored;
//! - enums read case-insensitively and fall back to a catch-all variant (`UNKNOWN` where the guide
//!   has one) instead of failing;
//! - text fields accept numbers and booleans, numbers accept decimal strings.
//!
//! Sparse writers, as the servers answer ("API calls only return properties that have a value",
//! CPS guide, "Pulling data"): absent values are left out, `false` flags are kept (sparse means no
//! `null`s, not no `false`s). Dates are epoch milliseconds (`i64`).
//!
//! Not read: custom attributes that a server puts at the top level of a device or user (the
//! guide's "Example list of devices" and a "Search users by user id" example do) are ignored like
//! any unknown field; the readers take the `customAttributes` map of the object models.

mod lenient;

pub mod device;
pub mod inventory;
pub mod limits;
pub mod meta;
pub mod requests;
pub mod rule;
pub mod user;

#[cfg(test)]
mod tests;

pub use device::{
    Device, DeviceLocation, DeviceSetting, DeviceSettings, LatLong, Setting, SettingValue,
};
pub use inventory::{
    AppCatalogApp, Application, Certificate, DeviceApplications, DeviceCertificates,
    DeviceProfiles, Profile,
};
pub use lenient::opt_string;
pub use meta::{DeviceEvent, EventMetadata, MetadataItem, Registration, Version};
pub use requests::{
    EmailRequest, GetSettingsRequest, IdentifierRequest, MtdRequest, NotificationRequest,
    SettingsRequest, UpdateAttributesRequest,
};
pub use rule::{DeviceRules, Rule, RulesByDevice};
pub use user::User;

use serde::{Deserialize, Serialize};

/// The path prefix of every CPS call (CPS guide, "Endpoint information").
pub const BASE_PATH: &str = "/msa/v1/cps";

/// The default page size ("The default limit is 50", CPS guide, "Handling Paged Responses").
pub const DEFAULT_LIMIT: u64 = 50;

/// Identifiers per call: 100 recommended, 200 at most (CPS guide, "Batch ID recommendation").
pub const RECOMMENDED_IDS: usize = 100;
pub const MAX_IDS: usize = 200;

/// Message limits (CPS guide, "Send email to device owners", "Send push notification to
/// devices"), in characters.
pub const MAX_EMAIL_SUBJECT: usize = 100;
pub const MAX_EMAIL_BODY: usize = 3000;
pub const MAX_PUSH_MESSAGE: usize = 140;

lenient::wire_enum! {
    /// `DeviceStatus` (CPS guide, "Enums"); unknown values read as `UNKNOWN`.
    pub enum DeviceStatus {
        Active => "ACTIVE",
        Retired => "RETIRED",
        Wiped => "WIPED",
        WipeSent => "WIPE_SENT",
        Unknown => "UNKNOWN",
        RetireSent => "RETIRE_SENT",
        EnrollmentPending => "ENROLLMENT_PENDING",
    }
    fallback Unknown
}

lenient::wire_enum! {
    /// `DevicePlatform` (CPS guide, "Enums"); unknown values read as `UNKNOWN`.
    pub enum DevicePlatform {
        Android => "ANDROID",
        Ios => "IOS",
        Osx => "OSX" | "MACOS",
        Windows => "WINDOWS",
        Unknown => "UNKNOWN",
    }
    fallback Unknown
}

lenient::wire_enum! {
    /// Device `ownership` (CPS guide, "Device").
    pub enum Ownership {
        Company => "COMPANY",
        Employee => "EMPLOYEE",
        Unknown => "UNKNOWN",
    }
    fallback Unknown
}

lenient::wire_enum! {
    /// `AccountSource` (CPS guide, "Enums": `LOCAL`, `LDAP`); `UNKNOWN` is this crate's fallback
    /// for values the guide does not list.
    pub enum AccountSource {
        Local => "LOCAL",
        Ldap => "LDAP",
        Unknown => "UNKNOWN",
    }
    fallback Unknown
}

lenient::wire_enum! {
    /// `identifierType` of the requests (CPS guide, "Get application inventory", "Get devices by
    /// MDM or deviceGuid identifiers"). `MDM_IDENTIFIERS` is the spelling before July 5, 2022
    /// (CPS guide, "Revision history"); anything else reads as `Unrecognized`.
    pub enum IdentifierType {
        MdmIdentifier => "MDM_IDENTIFIER" | "MDM_IDENTIFIERS",
        Guid => "GUID",
        Unrecognized => "UNRECOGNIZED",
    }
    fallback Unrecognized
}

lenient::wire_enum! {
    /// The iOS settings of "Manage device settings - iOS only" and "Get device settings - iOS
    /// only".
    pub enum SettingsType {
        PersonalHotspot => "PERSONAL_HOTSPOT",
        DataRoaming => "DATA_ROAMING",
        Unrecognized => "UNRECOGNIZED",
    }
    fallback Unrecognized
}

lenient::wire_enum! {
    /// `command` of "Check-in for Threat Response Matrix update" (only `CHECKIN`).
    pub enum MtdCommand {
        Checkin => "CHECKIN",
        Unrecognized => "UNRECOGNIZED",
    }
    fallback Unrecognized
}

lenient::wire_enum! {
    /// App catalog platforms. The query takes `IOS`, `OSX`, `ANDROID`, `WINDOWS`, `WEBAPPS`, while
    /// the guide's answers spell them `iOS`, `Mac OS X`, `Android`, `Windows` (CPS guide, "App
    /// Catalog APIs"); both spellings read, in any case. [`AppPlatform::display`] is the answer
    /// spelling.
    pub enum AppPlatform {
        Ios => "IOS",
        Osx => "OSX" | "Mac OS X" | "MACOS",
        Android => "ANDROID",
        Windows => "WINDOWS",
        WebApps => "WEBAPPS" | "Web Apps" | "WEBAPP",
        Unknown => "UNKNOWN",
    }
    fallback Unknown
}

impl AppPlatform {
    /// The spelling of the guide's App Catalog answers (`"platformType": "Mac OS X"`).
    pub fn display(self) -> &'static str {
        match self {
            AppPlatform::Ios => "iOS",
            AppPlatform::Osx => "Mac OS X",
            AppPlatform::Android => "Android",
            AppPlatform::Windows => "Windows",
            AppPlatform::WebApps => "Web Apps",
            AppPlatform::Unknown => "Unknown",
        }
    }
}

/// The paged envelope of the search calls (CPS guide, "Handling Paged Responses"):
/// `results` is the number of records in this answer (as most of the guide's examples show),
/// `offset` the requested offset, `limit` the page size the server used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct SearchResults<T> {
    #[serde(default, deserialize_with = "crate::lenient::one_or_many")]
    pub search_results: Vec<T>,
    #[serde(default, deserialize_with = "crate::lenient::int_u64")]
    pub results: u64,
    #[serde(default, deserialize_with = "crate::lenient::int_u64")]
    pub offset: u64,
    #[serde(default, deserialize_with = "crate::lenient::int_u64")]
    pub limit: u64,
}

impl<T> Default for SearchResults<T> {
    fn default() -> Self {
        SearchResults {
            search_results: Vec::new(),
            results: 0,
            offset: 0,
            limit: 0,
        }
    }
}

/// "Number result" (CPS guide, "Common items"): a count of updated entities, initiated actions,
/// or the answer of a count call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NumberResult {
    #[serde(default, deserialize_with = "crate::lenient::int_u64")]
    pub result: u64,
}

/// The error body of the mock (the guide documents none; digest `cps-and-uem-api.md`, "1.12 Errors
/// (CPS)"): `{"message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "crate::lenient::string")]
    pub message: String,
}
