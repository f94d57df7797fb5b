//! The V1 device object (`<device id='...'>`, EPMM V1 API guide, "Get Devices by Status", "Get
//! Device details for a specific device" and "Get Device Details for a Phone
//! Number/User/Label/Wi-Fi MAC Address").

use crate::lenient;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// One `{key, value}` pair of `details` or `properties`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(deserialize_with = "lenient::string")]
    pub key: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

impl Entry {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Entry {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// A list of entries. On the wire, device `details` is `[{"entry": [...]}]` (as read by public
/// scripts: digest `epmm-v1-api.md`, "1.5 Response formats and XML roots"), app-setting
/// `properties` is `{"entry": [...]}` (ibid., "8. Decisions for the mock server and the client",
/// #3); both shapes, a single entry object and a missing container are accepted. Serialised in the
/// `details` shape.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entries(pub Vec<Entry>);

impl Entries {
    /// The value of `key`, matched exactly first and then case-insensitively: the guide itself writes
    /// both `Client_version` and `client_version` for the same key (V1 guide, the response example
    /// of "Get Devices by Status" vs the table of "Android Details Key-Value Descriptions").
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.key == key)
            .or_else(|| self.0.iter().find(|e| e.key.eq_ignore_ascii_case(key)))
            .map(|e| e.value.as_str())
    }
    /// The first of several keys that is present and not blank.
    pub fn first_of(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .filter_map(|k| self.get(k))
            .find(|v| !v.trim().is_empty())
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items: Vec<Item> = lenient::one_or_many(d)?;
        let mut out = Vec::new();
        for it in items {
            match it {
                Item::Block(b) => out.extend(b),
                Item::Bare(e) => out.push(e),
            }
        }
        Ok(Entries(out))
    }
}

/// One element of `details`: a bare entry (`{key, value}`) or a block (`{"entry": [...]}`).
///
/// Read in one pass over the object's fields. (An untagged enum would first copy every element
/// into serde's buffer and then try each shape: at 100,000 devices of a list that is most of the
/// time spent reading it.) The rule is the one the shapes imply: an object whose `key` is a
/// scalar is a bare entry (its `value` defaulting to empty); any other object is a block, whose
/// `entry` defaults to none.
enum Item {
    Bare(Entry),
    Block(Vec<Entry>),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a {key, value} entry or an {entry: [...]} block")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                // Each: absent, a scalar (`Some(Some)`), or something else (`Some(None)`).
                let (mut key, mut value) = (None, None);
                let mut entry = None;
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Key => key = Some(map.next_value::<Scalar>()?.0),
                        Field::Value => value = Some(map.next_value::<Scalar>()?.0),
                        Field::Entry => {
                            entry = Some(map.next_value::<OneOrMany>()?.0);
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match (key, value) {
                    (Some(Some(key)), None) => Item::Bare(Entry {
                        key,
                        value: String::new(),
                    }),
                    (Some(Some(key)), Some(Some(value))) => Item::Bare(Entry { key, value }),
                    _ => Item::Block(entry.unwrap_or_default()),
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// A field name of a `details` element.
enum Field {
    Key,
    Value,
    Entry,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "key" => Field::Key,
                    "value" => Field::Value,
                    "entry" => Field::Entry,
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// The value of a block's `entry`: one entry or several.
struct OneOrMany(Vec<Entry>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::one_or_many(d).map(OneOrMany)
    }
}

/// A value read by [`lenient::scalar_or_skip`].
struct Scalar(Option<String>);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::scalar_or_skip(d).map(Scalar)
    }
}

impl Serialize for Entries {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Block<'a> {
            entry: &'a [Entry],
        }
        [Block { entry: &self.0 }].serialize(s)
    }
}

/// Serialises entries as one `{"entry": [...]}` object: the app-setting `properties` shape
/// (digest `epmm-v1-api.md`, "8. Decisions for the mock server and the client", #3), where device
/// `details` is an array of such blocks.
pub fn serialize_entry_block<S: Serializer>(e: &Entries, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Block<'a> {
        entry: &'a [Entry],
    }
    Block { entry: &e.0 }.serialize(s)
}

/// The device object: the superset of the fields every device call shows (digest `epmm-v1-api.md`,
/// "2.1 Device": "a mock should send the full superset everywhere").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub principal: String,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub block_reason: u32,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub client_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub comment: String,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub compliance: u32,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: String,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: String,
    #[serde(default)]
    pub details: Entries,
    /// Single-device call only, instead of `phoneNumber` (V1 guide, "Get Device details for a
    /// specific device": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub current_phone_number: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub device_count: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub eas_last_sync_attempt: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub eas_uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email_address: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email_domain: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub employee_owned: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub home_operator: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub language_country_id: i64,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub language_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub last_connected_at: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub manufacturer: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub mdm_managed: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub mdm_profile_url_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub model: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub notify_user: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub operator: String,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub phone_number: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub pin: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub platform: String,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub quarantined_status: u32,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub reg_count: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub reg_type: String,
    /// Lookup calls only in the guide (V1 guide, "Get Device Details for a Phone
    /// Number/User/Label/Wi-Fi MAC Address": the response table, no format given; ISO here).
    #[serde(default, deserialize_with = "lenient::string")]
    pub registered_at: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub status_code: u32,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_display_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_first_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_last_name: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub user_source: i64,
    #[serde(rename = "userUUID", default, deserialize_with = "lenient::string")]
    pub user_uuid: String,
    #[serde(
        rename = "iPhoneVersion",
        default,
        deserialize_with = "lenient::string"
    )]
    pub iphone_version: String,
}

impl Device {
    /// Parses one device object, as [`crate::stream::ArrayStream`] hands them out of a list.
    ///
    /// The same as `serde_json::from_slice`, but instantiated here: generic serde code is compiled
    /// in the crate that names the type, and this crate is built for speed (`opt-level = 3` in
    /// the workspace's release profile) while the portal is built for size.
    #[inline(never)]
    pub fn from_json(bytes: &[u8]) -> Result<Device, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The phone number from whichever field the call used (`phoneNumber` in lists and lookups,
    /// `currentPhoneNumber` in the single-device call).
    pub fn phone(&self) -> &str {
        if self.phone_number.is_empty() {
            &self.current_phone_number
        } else {
            &self.phone_number
        }
    }

    /// The `compliance` bitmap decoded (V1 guide, "Compliance, quarantinedStatus, and blockReason
    /// values").
    pub fn compliance_reasons(&self) -> super::bitmap::Decoded {
        super::bitmap::decode(self.compliance)
    }
    /// The `quarantinedStatus` bitmap decoded.
    pub fn quarantine_reasons(&self) -> super::bitmap::Decoded {
        super::bitmap::decode(self.quarantined_status)
    }
    /// The `blockReason` bitmap decoded.
    pub fn block_reasons(&self) -> super::bitmap::Decoded {
        super::bitmap::decode(self.block_reason)
    }

    /// The Wi-Fi MAC from the platform detail keys (`wifi_mac_addr` Android, `WiFiMAC` iOS), as
    /// 12 upper-case hex digits like the guide's `/mac/` examples (`38AA3C62BFAD`).
    pub fn wifi_mac(&self) -> Option<String> {
        self.details
            .first_of(&["wifi_mac_addr", "WiFiMAC", "iPhone MAC_ADDRESS_EN0"])
            .map(normalize_mac)
    }
}

/// `b8:ff:61:7f:79:26`, `B8-FF-61-7F-79-26` and `b8ff617f7926` all become `B8FF617F7926`.
pub fn normalize_mac(mac: &str) -> String {
    mac.chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Entries;

    fn entries(json: &str) -> Vec<(String, String)> {
        let e: Entries = serde_json::from_str(json).unwrap();
        e.0.into_iter().map(|e| (e.key, e.value)).collect()
    }

    #[test]
    fn details_read_in_one_pass_keep_every_shape() {
        let kv = |k: &str, v: &str| (k.to_string(), v.to_string());
        // Blocks, a bare entry among them, one entry as an object, a value as a number.
        assert_eq!(
            entries(
                r#"[{"entry":[{"key":"imei","value":"35"},{"key":"n","value":7}]},
                    {"key":"SerialNumber"},{"entry":{"key":"os_version","value":"34"}}]"#
            ),
            vec![
                kv("imei", "35"),
                kv("n", "7"),
                kv("SerialNumber", ""),
                kv("os_version", "34")
            ]
        );
        // One block given as an object; an empty container.
        assert_eq!(
            entries(r#"{"entry":[{"key":"a","value":"b"}]}"#),
            vec![kv("a", "b")]
        );
        assert_eq!(entries(r#""""#), vec![]);
        // A `key` that is not a scalar makes the object a block (as the untagged reading did),
        // and fields the shapes do not name are read past.
        assert_eq!(
            entries(r#"[{"key":{"x":1},"entry":[{"key":"a","value":"b"}],"other":[1,{"y":2}]}]"#),
            vec![kv("a", "b")]
        );
        // A block's entries must still be entries.
        assert!(serde_json::from_str::<Entries>(r#"[{"entry":[{"value":"b"}]}]"#).is_err());
    }
}
