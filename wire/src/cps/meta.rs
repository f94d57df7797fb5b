//! Metadata calls (CPS guide, "Metadata APIs", "Get device attributes metadata", "Getting event
//! subscription metadata") and the event message format (CPS guide, "Device event").

use super::lenient::opt_string;
use super::Device;
use crate::lenient::{one_or_many, opt_bool, opt_i64};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One attribute of a `$metadata` answer: `{"name", "dataType", "readOnly"}`. `dataType` values
/// seen in the guide: `boolean`, `long`, `string`, `devicestatus`, `deviceplatform`, `map`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetadataItem {
    #[serde(default, deserialize_with = "crate::lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "crate::lenient::string")]
    pub data_type: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub read_only: Option<bool>,
}

impl MetadataItem {
    /// Writable (`"readOnly": false`); an item without the flag counts as read-only.
    pub fn writable(&self) -> bool {
        self.read_only == Some(false)
    }
}

/// `GET /msa/v1/cps/event/$metadata`: event key → MQTT topic, and the retention.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventMetadata {
    #[serde(default)]
    pub topics: BTreeMap<String, String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub retention_period_minutes: Option<i64>,
}

/// An event message (CPS guide, "Device event", "Example Device Event messages").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceEvent {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub timestamp: Option<i64>,
    /// `device.check_in`, `device.retired`, … (kept as text: the set grows).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub event_type: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub devices: Vec<Device>,
}

/// `GET /msa/v1/cps/version`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub minor_version: Option<String>,
}

/// `GET /msa/v1/cps/device/registration`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub registration_url: Option<String>,
}
