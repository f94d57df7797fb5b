//! The Device object model (CPS guide, "Device"), device location and the iOS settings.

use super::lenient::{lookup, opt_string, opt_text_map};
use super::{DevicePlatform, DeviceStatus, Ownership, SettingsType};
use crate::lenient::{opt_bool, opt_i64};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A device (CPS guide, "Device"). Every field is optional: the servers send only the properties
/// that have a value, and `identifier`, `imei`, `imsi`, `macAddress` may be absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// Meets the administrator's compliance rules.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub compliant: Option<bool>,
    /// Violates a policy with a quarantine action.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub quarantined: Option<bool>,
    /// Violates a policy with a compliance action.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub blocked: Option<bool>,
    /// Jailbroken or rooted.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub compromised: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DeviceStatus>,
    /// The UEM check-in time, epoch ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub last_check_in_time: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub registration_time: Option<i64>,
    /// The UEM (MDM) identifier: formatted differently per OS, absent for MAM-only devices.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub identifier: Option<String>,
    /// `b0:65:bd:33:fe:2b`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub mac_address: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub manufacturer: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<DevicePlatform>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub os_version: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub serial_number: Option<String>,
    /// The owner's user name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub user_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub user_uuid: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub ios_udid: Option<String>,
    /// "more reliably available" than `identifier` (CPS guide, "Device").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_guid: Option<String>,
    /// The custom device attributes that have a value.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text_map"
    )]
    pub custom_attributes: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Ownership>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub imei: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub imsi: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub phone_number: Option<String>,
}

impl Device {
    /// A custom attribute's value (key compared without regard to case).
    pub fn custom_attribute(&self, key: &str) -> Option<&str> {
        lookup(&self.custom_attributes, key)
    }
}

/// One entry of "Get device location details": coordinates are strings in the guide's example.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceLocation {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub device_mdm_id: Option<String>,
    /// Epoch ms of the fix.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub last_captured: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<LatLong>,
}

/// `{"latitude": "-6.446318", "longitude": "8.305312"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LatLong {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub latitude: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub longitude: Option<String>,
}

impl LatLong {
    /// The coordinates as numbers, when both parse.
    pub fn degrees(&self) -> Option<(f64, f64)> {
        let lat = self.latitude.as_deref()?.trim().parse().ok()?;
        let lon = self.longitude.as_deref()?.trim().parse().ok()?;
        Some((lat, lon))
    }
}

/// `{"type": "PERSONAL_HOTSPOT", "value": {"enabled": true}}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Setting {
    #[serde(
        rename = "type",
        alias = "settingsType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<SettingsType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<SettingValue>,
}

/// `{"enabled": true}`. Read from that object, and also from a bare `true`/`"true"`: the guide's
/// parameter table says the value "Can be: true false" (Data Type String) while its examples send
/// the object (CPS guide, "Manage device settings - iOS only").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SettingValue {
    pub enabled: Option<bool>,
}

impl Serialize for SettingValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(usize::from(self.enabled.is_some())))?;
        if let Some(e) = self.enabled {
            m.serialize_entry("enabled", &e)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for SettingValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SettingValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("{\"enabled\": true|false}, true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<SettingValue, E> {
                Ok(SettingValue { enabled: Some(v) })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SettingValue, E> {
                crate::lenient::parse_bool(v)
                    .map(|enabled| SettingValue { enabled })
                    .map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SettingValue, E> {
                Ok(SettingValue {
                    enabled: Some(v != 0),
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SettingValue, E> {
                Ok(SettingValue {
                    enabled: Some(v != 0),
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<SettingValue, E> {
                Ok(SettingValue::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SettingValue, A::Error> {
                #[derive(Deserialize)]
                struct Obj {
                    #[serde(default, deserialize_with = "opt_bool")]
                    enabled: Option<bool>,
                }
                let o = Obj::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(SettingValue { enabled: o.enabled })
            }
        }
        d.deserialize_any(V)
    }
}

/// One device of the "Get device settings - iOS only" answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeviceSetting {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub identifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Setting>,
}

/// `{"settings": [...]}` (an empty body when every identifier is invalid, CPS guide, "Get device
/// settings - iOS only": read it with [`DeviceSettings::from_body`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeviceSettings {
    #[serde(default, deserialize_with = "crate::lenient::one_or_many")]
    pub settings: Vec<DeviceSetting>,
}

impl DeviceSettings {
    /// Parses an answer body; an empty (or blank) body is no settings.
    pub fn from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            Ok(DeviceSettings::default())
        } else {
            serde_json::from_slice(body)
        }
    }
}
