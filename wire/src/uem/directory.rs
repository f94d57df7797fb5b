//! Users, their devices, groups, profiles and profile assignments (overview, "Request all Groups",
//! "Request a Profile by Name", "Assign a Profile to a Group", and the user profile assignments of
//! "Certificate management").
//!
//! The overview shows the calls but none of their answers (digest `cps-and-uem-api.md`, "2.8 Groups
//! and profiles": "No response bodies for groups or profiles are shown"); the shapes are the
//! mock-server's. [`Users`] and [`UserDevices`] answer calls **beyond the document**
//! (`users?query=username=…`, `users/{guid}/userDevices`, which real UEM clients make).

use super::GuidRef;
use crate::string_enum;
use serde::{Deserialize, Serialize};

string_enum! {
    /// The category of a profile ("Each has a profile category, e.g. USER_CREDENTIAL or
    /// USER_CERTIFICATE"); the others name the entity-backed profile types of the overview's table.
    ProfileCategory {
        /// User credential profile (manual upload or PKI connector).
        UserCredential = "USER_CREDENTIAL",
        /// The implicit profile of a certificate uploaded to a user ("can't be queried as a
        /// profile and can't be unassigned").
        UserCertificate = "USER_CERTIFICATE",
        Scep = "SCEP",
        Activation = "ACTIVATION",
        Compliance = "COMPLIANCE",
        Dynamics = "BLACKBERRY_DYNAMICS",
        DynamicsConnectivity = "BLACKBERRY_DYNAMICS_CONNECTIVITY",
        DynamicsOverride = "BLACKBERRY_DYNAMICS_OVERRIDE",
        Protect = "BLACKBERRY_PROTECT",
        OrganizationalNotice = "ORGANIZATIONAL_NOTICE",
    }
}

string_enum! {
    /// Where the certificates of a certificate profile come from (overview, "Uploading
    /// certificates": PKI-driven or manually uploaded; digest `cps-and-uem-api.md`, "2.9
    /// Certificate management", "Upload flavours").
    CertificateSource {
        /// Uploaded as PKCS#12 by the administrator or the user ("manually uploaded").
        Manual = "MANUAL",
        /// Issued by an external PKI through a connector ("PKI-driven").
        Pki = "PKI",
        /// Issued through SCEP.
        Scep = "SCEP",
    }
}

/// A user. **Beyond the document** (`users?query=username=…`), as is
/// `administrativeRole`/`selfServicePermissions`, which let a client learn what the signed-in
/// user may do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct User {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_address: Option<String>,
    /// `LOCAL` or `DIRECTORY`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The administrative role (`Security Administrator`); absent for users without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative_role: Option<String>,
    /// Self-service permissions, e.g. [`MANAGE_USER_CERTIFICATES`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub self_service_permissions: Vec<String>,
}

/// The self-service permission of the certificate calls ("pending Manage user certificates
/// self-service permission").
pub const MANAGE_USER_CERTIFICATES: &str = "MANAGE_USER_CERTIFICATES";

/// `{"users": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Users {
    pub users: Vec<User>,
}

/// A device of a user. **Beyond the document** (`users/{guid}/userDevices`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserDevice {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hardware_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imei: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `CORPORATE` or `PERSONAL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enrollment_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_contact_date: Option<String>,
}

/// `{"userDevices": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserDevices {
    pub user_devices: Vec<UserDevice>,
}

/// A group (`GET groups`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Group {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_count: Option<u64>,
}

/// `{"groups": […]}`: the answer of `GET groups`, and the body of `POST profiles/{guid}/groups`
/// (`{"groups": [{"guid": "…"}]}`, overview, "Assign a Profile to a Group").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Groups {
    pub groups: Vec<Group>,
}

impl Groups {
    /// The assignment body for these group GUIDs.
    pub fn assignment<'a>(guids: impl IntoIterator<Item = &'a str>) -> Groups {
        Groups {
            groups: guids
                .into_iter()
                .map(|g| Group {
                    guid: g.to_string(),
                    ..Group::default()
                })
                .collect(),
        }
    }
}

/// A profile (`GET profiles?query=name=…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Profile {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<ProfileCategory>,
    /// The entity definition of an entity-backed profile: the profile is then the entity instance
    /// with `entityInstanceId` = `guid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_def_id: Option<String>,
    /// Of certificate profiles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_source: Option<CertificateSource>,
}

/// `{"profiles": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Profiles {
    pub profiles: Vec<Profile>,
}

/// A profile assigned to a user (`GET users/{userGuid}/profiles`): directly, through groups, or
/// both. Its `profile.guid` is the `{profileGUID}` of the upload path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileAssignment {
    pub profile: Profile,
    /// The profile category, as the overview puts it on the assignment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<ProfileCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_directly: Option<bool>,
    /// The groups through which it is assigned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GuidRef>,
    /// For USER_CERTIFICATE: uploaded for BlackBerry Dynamics apps (raw PKCS#12, no password).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamics: Option<bool>,
}

/// `{"profileAssignments": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileAssignments {
    pub profile_assignments: Vec<ProfileAssignment>,
}
