//! Rules: device groups on Ivanti Neurons for MDM, labels on Ivanti EPMM (CPS guide, "Rules",
//! "Device Group APIs").

use super::lenient::opt_string;
use crate::lenient::{one_or_many, opt_i64};
use serde::{Deserialize, Serialize};

/// A device group. Some have no `definition` ("All Devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rule {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub description: Option<String>,
    /// Filter criteria, e.g. `PLATFORMTYPE EQ 'IOS'`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub definition: Option<String>,
}

/// The groups of one device.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRules {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_guid: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub rules: Vec<Rule>,
}

/// The answer of "Get device groups associated with device list": `{"errors": null, "result":
/// [...]}`, the one CPS envelope with an error slot. `errors` is written as the guide shows it
/// (`null`), the one place where an absent value is not left out.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RulesByDevice {
    #[serde(default)]
    pub errors: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub result: Vec<DeviceRules>,
}
