//! The V1 device object (`<device id='...'>`, EPMM V1 API guide, "Get Devices by Status", "Get
//! Device details for a specific device" and "Get Device Details for a Phone
//! Number/User/Label/Wi-Fi MAC Address").

use crate::lenient;
use crate::stream::Element;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// One `{key, value}` pair of `details` or `properties`; its texts are owned `String`s, or
/// borrowed from the answer in a list's rows ([`ListDevice`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "S: lenient::Text<'de>"))]
pub struct Entry<S = String> {
    #[serde(deserialize_with = "lenient::string")]
    pub key: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: S,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries<S = String>(pub Vec<Entry<S>>);

impl<S> Default for Entries<S> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<S: AsRef<str>> Entries<S> {
    /// The value of `key`, matched exactly first and then case-insensitively: the guide itself writes
    /// both `Client_version` and `client_version` for the same key (V1 guide, the response example
    /// of "Get Devices by Status" vs the table of "Android Details Key-Value Descriptions").
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.key.as_ref() == key)
            .or_else(|| {
                self.0
                    .iter()
                    .find(|e| e.key.as_ref().eq_ignore_ascii_case(key))
            })
            .map(|e| e.value.as_ref())
    }
    /// The first of several keys that is present and not blank.
    pub fn first_of(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .filter_map(|k| self.get(k))
            .find(|v| !v.trim().is_empty())
    }
}

impl<'de, S: lenient::Text<'de>> Deserialize<'de> for Entries<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::one_or_many_into(d)
    }
}

/// The entries of `details`, gathered item by item: a bare entry is added, a block's entries are
/// added, and a block while nothing is read yet is taken as it is, not copied (a list's devices
/// each have one block).
impl<S> lenient::Collect<Item<S>> for Entries<S> {
    fn put(&mut self, item: Item<S>) {
        match item {
            Item::Block(OneOrMany(b)) if self.0.is_empty() => self.0 = b,
            Item::Block(OneOrMany(b)) => self.0.extend(b),
            Item::Bare(e) => self.0.push(e),
        }
    }
}

/// One element of `details`: a bare entry (`{key, value}`) or a block (`{"entry": [...]}`).
///
/// Read in one pass over the object's fields. (An untagged enum would first copy every element
/// into serde's buffer and then try each shape: at 100,000 devices of a list that is most of the
/// time spent reading it.) The rule is the one the shapes imply: an object whose `key` is a
/// scalar is a bare entry (its `value` defaulting to empty); any other object is a block, whose
/// `entry` defaults to none.
enum Item<S> {
    Bare(Entry<S>),
    Block(OneOrMany<S>),
}

impl<'de, S: lenient::Text<'de>> Deserialize<'de> for Item<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<S>(PhantomData<S>);
        impl<'de, S: lenient::Text<'de>> Visitor<'de> for V<S> {
            type Value = Item<S>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a {key, value} entry or an {entry: [...]} block")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item<S>, A::Error> {
                // Each: absent, a scalar (`Some(Some)`), or something else (`Some(None)`).
                let (mut key, mut value) = (None, None);
                let mut entry = None;
                while let Some(field) = map.next_key::<Field>()? {
                    match field {
                        Field::Key => key = Some(map.next_value::<Scalar<S>>()?.0),
                        Field::Value => value = Some(map.next_value::<Scalar<S>>()?.0),
                        Field::Entry => {
                            entry = Some(map.next_value::<OneOrMany<S>>()?);
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match (key, value) {
                    (Some(Some(key)), None) => Item::Bare(Entry {
                        key,
                        value: S::default(),
                    }),
                    (Some(Some(key)), Some(Some(value))) => Item::Bare(Entry { key, value }),
                    _ => Item::Block(entry.unwrap_or_default()),
                })
            }
        }
        d.deserialize_map(V(PhantomData))
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
struct OneOrMany<S>(Vec<Entry<S>>);

impl<'de, S: lenient::Text<'de>> Deserialize<'de> for OneOrMany<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::one_or_many_into(d)
    }
}

/// A block's entries: room for 16 from the first (a device has from a few to a few dozen), not
/// the 4, 8, 16… of a growing `Vec`, which at 100,000 devices of a list is 200,000 allocations
/// more.
impl<S> Default for OneOrMany<S> {
    fn default() -> Self {
        OneOrMany(Vec::with_capacity(16))
    }
}

impl<S> lenient::Collect<Entry<S>> for OneOrMany<S> {
    fn put(&mut self, entry: Entry<S>) {
        self.0.push(entry);
    }
}

/// A value read by [`lenient::scalar_or_skip`].
struct Scalar<S>(Option<S>);

impl<'de, S: lenient::Text<'de>> Deserialize<'de> for Scalar<S> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient::scalar_or_skip(d).map(Scalar)
    }
}

impl<T: Serialize> Serialize for Entries<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Block<'a, T> {
            entry: &'a [Entry<T>],
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
/// "2.1 Device": "a mock should send the full superset everywhere"). Its texts are owned
/// `String`s, or borrowed from the answer in a list's rows ([`ListDevice`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(
        serialize = "S: Serialize + AsRef<str>",
        deserialize = "S: lenient::Text<'de>"
    )
)]
pub struct Device<S = String> {
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub uuid: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub principal: S,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub block_reason: u32,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub client_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub comment: S,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub compliance: u32,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_code: S,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub country_name: S,
    #[serde(default)]
    pub details: Entries<S>,
    /// Single-device call only, instead of `phoneNumber` (V1 guide, "Get Device details for a
    /// specific device": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "is_empty"
    )]
    pub current_phone_number: S,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub device_count: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub eas_last_sync_attempt: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub eas_uuid: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email_address: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email_domain: S,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub employee_owned: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub home_operator: S,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub language_country_id: i64,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub language_id: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub last_connected_at: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub manufacturer: S,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub mdm_managed: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub mdm_profile_url_id: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub model: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: S,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub notify_user: bool,
    #[serde(default, deserialize_with = "lenient::string")]
    pub operator: S,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub phone_number: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub pin: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub platform: S,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub quarantined_status: u32,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub reg_count: i64,
    #[serde(default, deserialize_with = "lenient::string")]
    pub reg_type: S,
    /// Lookup calls only in the guide (V1 guide, "Get Device Details for a Phone
    /// Number/User/Label/Wi-Fi MAC Address": the response table, no format given; ISO here).
    #[serde(default, deserialize_with = "lenient::string")]
    pub registered_at: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: S,
    #[serde(default, deserialize_with = "lenient::int_u32")]
    pub status_code: u32,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_display_name: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_first_name: S,
    #[serde(default, deserialize_with = "lenient::string")]
    pub user_last_name: S,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub user_source: i64,
    #[serde(rename = "userUUID", default, deserialize_with = "lenient::string")]
    pub user_uuid: S,
    #[serde(
        rename = "iPhoneVersion",
        default,
        deserialize_with = "lenient::string"
    )]
    pub iphone_version: S,
}

fn is_empty<S: AsRef<str>>(s: &S) -> bool {
    s.as_ref().is_empty()
}

/// A device of a list as [`crate::stream::ArrayStream`] hands them out, its texts borrowed from
/// the answer's bytes where they have no escapes. Of the ~35 texts a device carries, the list's
/// mapping keeps about ten; the others (the platform details, the times it parses, the names it
/// pools) are then read without an allocation each.
pub type ListDevice<'a> = Device<Cow<'a, str>>;

impl<'a> ListDevice<'a> {
    /// Parses one device object of a list.
    ///
    /// The same as `serde_json::from_slice`, but instantiated here: generic serde code is compiled
    /// in the crate that names the type, and this crate is built for speed (`opt-level = 3` in
    /// the workspace's release profile) while the portal is built for size.
    #[inline(never)]
    pub fn from_json(bytes: &'a [u8]) -> Result<ListDevice<'a>, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// Reads the device of an element as [`crate::stream::ArrayStream::feed_elements`] offers it:
    /// the device and, when it was read from the front of a chunk, the bytes it took (the answer
    /// `feed_elements` wants). `Ok(None)`: a device at the front that did not read there; it comes
    /// again whole, and its error, if any, is given then.
    pub fn from_element(
        element: Element<'a>,
    ) -> Result<Option<(ListDevice<'a>, Option<usize>)>, serde_json::Error> {
        match element {
            Element::Leading(front) => {
                Ok(Self::from_json_leading(front).map(|(device, n)| (device, Some(n))))
            }
            Element::Whole(bytes) => Self::from_json(bytes).map(|device| Some((device, None))),
        }
    }

    /// Reads the device at the front of `bytes` (an element and whatever follows it, as
    /// [`crate::stream::Element::Leading`] gives them): the device and the bytes it took, or
    /// `None` when they do not start with one whole device (cut off, or not valid; the caller
    /// then reads the element on its own with [`ListDevice::from_json`], for its error).
    #[inline(never)]
    pub fn from_json_leading(bytes: &'a [u8]) -> Option<(ListDevice<'a>, usize)> {
        let mut values = serde_json::Deserializer::from_slice(bytes).into_iter();
        let device = values.next()?.ok()?;
        Some((device, values.byte_offset()))
    }
}

impl<S: AsRef<str>> Device<S> {
    /// The phone number from whichever field the call used (`phoneNumber` in lists and lookups,
    /// `currentPhoneNumber` in the single-device call).
    pub fn phone(&self) -> &str {
        if self.phone_number.as_ref().is_empty() {
            self.current_phone_number.as_ref()
        } else {
            self.phone_number.as_ref()
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
    use super::{Entries, ListDevice};
    use std::borrow::Cow;

    #[test]
    fn an_offered_element_reads_from_the_front_or_whole() {
        use crate::stream::Element::{Leading, Whole};
        let device = r#"{"uuid":"a","name":"n"}"#;
        let front = format!("{device} ,{{\"uuid\":\"b\"");
        // From the front: the device and the bytes it took, not what follows.
        let (d, taken) = ListDevice::from_element(Leading(front.as_bytes()))
            .unwrap()
            .unwrap();
        assert_eq!((d.uuid.as_ref(), taken), ("a", Some(device.len())));
        // Cut off, or not a device: not read there (it comes again whole), and no error yet.
        assert!(ListDevice::from_element(Leading(br#"{"uuid":"a","na"#))
            .unwrap()
            .is_none());
        assert!(ListDevice::from_element(Leading(br#"{"id":{}}"#))
            .unwrap()
            .is_none());
        // Whole: read, or its error.
        let (d, taken) = ListDevice::from_element(Whole(device.as_bytes()))
            .unwrap()
            .unwrap();
        assert_eq!((d.uuid.as_ref(), taken), ("a", None));
        assert!(ListDevice::from_element(Whole(br#"{"id":{}}"#)).is_err());
        assert!(ListDevice::from_element(Whole(b"")).is_err());
    }

    #[test]
    fn a_list_row_borrows_its_texts_and_owns_only_what_it_must() {
        let json = br#"{"uuid":"u-1","platform":"Android 14","model":"Pixel \"8\"",
            "countryName":7,"operator":null,"status":"ACTIVE","statusCode":97,
            "details":[{"entry":[{"key":"imei","value":"35"},{"key":"os\u005fversion","value":34}]}]}"#;
        let d = ListDevice::from_json(json).unwrap();
        // Texts without escapes point into the answer.
        assert!(matches!(d.uuid, Cow::Borrowed("u-1")));
        assert!(matches!(d.platform, Cow::Borrowed("Android 14")));
        assert!(matches!(d.status, Cow::Borrowed("ACTIVE")));
        assert!(matches!(d.details.0[0].key, Cow::Borrowed("imei")));
        assert!(matches!(d.details.0[0].value, Cow::Borrowed("35")));
        // An escaped text, a number and null are read as the owned device reads them.
        assert!(matches!(&d.model, Cow::Owned(m) if m == "Pixel \"8\""));
        assert!(matches!(&d.country_name, Cow::Owned(c) if c == "7"));
        assert_eq!(d.operator, "");
        assert_eq!(d.details.get("os_version"), Some("34"));
        assert_eq!(d.details.first_of(&["IMEI"]), Some("35"));
    }

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
