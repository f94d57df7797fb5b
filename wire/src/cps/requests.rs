//! Request bodies. Read as liberally as a production server does: `identifiers` may be one string
//! instead of a list (its "Data Type" is "String" in the guide's tables, CPS guide, "List of
//! identifiers"), `null` reads as empty, `identifierType` is optional everywhere (the guide's own
//! "Get devices by MDM or deviceGuid identifiers" example omits it), and the MTD call's `url` is
//! also read as `URL` (its example payload).

use super::lenient::{opt_string, or_default};
use super::{IdentifierType, MtdCommand, Setting, SettingsType};
use crate::lenient::{one_or_many_strings, opt_bool};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// "List of identifiers" (CPS guide, "Common items") with the optional `identifierType`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifierRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier_type: Option<IdentifierType>,
    #[serde(default, deserialize_with = "one_or_many_strings")]
    pub identifiers: Vec<String>,
}

impl IdentifierRequest {
    /// MDM identifiers (the server's assumption when `identifierType` is left out).
    pub fn mdm(identifiers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        IdentifierRequest {
            identifier_type: None,
            identifiers: identifiers.into_iter().map(Into::into).collect(),
        }
    }
    /// `deviceGuid`s (`identifierType` `GUID`).
    pub fn guids(identifiers: impl IntoIterator<Item = impl Into<String>>) -> Self {
        IdentifierRequest {
            identifier_type: Some(IdentifierType::Guid),
            identifiers: identifiers.into_iter().map(Into::into).collect(),
        }
    }
}

/// "Update attributes" (CPS guide, "Common items"): devices (`POST /device`) and users
/// (`POST /user`). Values are JSON scalars; the server checks them against the `$metadata` types.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateAttributesRequest {
    #[serde(flatten)]
    pub target: IdentifierRequest,
    #[serde(default, deserialize_with = "or_default")]
    pub attributes: BTreeMap<String, serde_json::Value>,
}

/// "Manage device settings - iOS only".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SettingsRequest {
    #[serde(flatten)]
    pub target: IdentifierRequest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Setting>,
}

/// "Get device settings - iOS only".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetSettingsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_type: Option<SettingsType>,
    #[serde(flatten)]
    pub target: IdentifierRequest,
}

/// "Send email to device owners": subject ≤ 100, body ≤ 3,000 characters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EmailRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub subject: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub body: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub html: Option<bool>,
    #[serde(flatten)]
    pub target: IdentifierRequest,
}

/// "Send push notification to devices": message ≤ 140 characters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NotificationRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub message: Option<String>,
    #[serde(flatten)]
    pub target: IdentifierRequest,
}

/// "Check-in for Threat Response Matrix update".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MtdRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<MtdCommand>,
    /// Forwarded to the Mobile Threat Defense vendor.
    #[serde(
        default,
        alias = "URL",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub url: Option<String>,
    #[serde(flatten)]
    pub target: IdentifierRequest,
}
