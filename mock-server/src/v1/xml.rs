//! XML output for `Accept: application/xml` (V1 guide, "Response Formats"), written straight from
//! the wire types.
//!
//! The JSON shape of the wire types is the XML with its root dropped (digest `epmm-v1-api.md`, "1.5
//! Response formats and XML roots"), so the XML is the reverse mapping: the value is written as the
//! documented root element, every struct field and map key becomes a child element, a sequence
//! becomes the field's element repeated once per item (`"device": [..]` →
//! `<device>…</device><device>…</device>`, `"roles": [..]` → repeated `<roles>`), `None` is left
//! out, and the `id` of the elements the guide shows with an `id` attribute (`<device id='2'>`,
//! `<label id="-3">`, `<policy id="-2">`, …) becomes that attribute. It is a serde serializer, so
//! 100k-device lists stream without an intermediate tree.

use serde::ser::{self, Serialize};
use std::fmt;

/// Elements whose `id` is an XML attribute in the guide (V1 guide, the response examples of "Get
/// Devices by Status", "Get all Labels", "Get Profiles for a Device", "Find a User", "Get All
/// Alerts", "Get Policies" and "Get all Application Settings"). Alerts use the attribute form of
/// Get All Alerts in every list (the other alert lists show a child element).
const ID_ATTRIBUTE: &[&str] = &[
    "device",
    "label",
    "profile",
    "user",
    "alert",
    "policy",
    "appsetting",
];

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}
impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// `value` as an XML document whose root element is `root`.
pub fn to_xml<T: Serialize + ?Sized>(root: &str, value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    value.serialize(Element {
        out: &mut out,
        name: root,
    })?;
    Ok(out)
}

/// Escapes text and attribute values; drops the characters XML 1.0 cannot carry.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' => out.extend_from_slice(b"&quot;"),
            '\'' => out.extend_from_slice(b"&apos;"),
            '\t' | '\n' | '\r' => {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => {
                let mut b = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
}

/// Writes one value as the element `name`.
struct Element<'a> {
    out: &'a mut Vec<u8>,
    name: &'a str,
}

impl Element<'_> {
    fn text(self, s: &str) -> Result<(), Error> {
        self.out.push(b'<');
        self.out.extend_from_slice(self.name.as_bytes());
        if s.is_empty() {
            self.out.extend_from_slice(b"/>");
        } else {
            self.out.push(b'>');
            escape_into(self.out, s);
            self.out.extend_from_slice(b"</");
            self.out.extend_from_slice(self.name.as_bytes());
            self.out.push(b'>');
        }
        Ok(())
    }
}

/// Captures a scalar as text (attribute values and map keys).
struct Scalar;

macro_rules! scalar_to_string {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, v: $t) -> Result<String, Error> { Ok(v.to_string()) })*
    };
}

impl ser::Serializer for Scalar {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;
    scalar_to_string!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_str: &str);
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(Error("bytes cannot be an XML name or attribute".into()))
    }
    fn serialize_none(self) -> Result<String, Error> {
        Ok(String::new())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String, Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Ok(String::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        Ok(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error("not a scalar".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error("not a scalar".into()))
    }
}

macro_rules! element_text {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, v: $t) -> Result<(), Error> { self.text(&v.to_string()) })*
    };
}

impl<'a> ser::Serializer for Element<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Repeated<'a>;
    type SerializeTuple = Repeated<'a>;
    type SerializeTupleStruct = Repeated<'a>;
    type SerializeTupleVariant = Repeated<'a>;
    type SerializeMap = Children<'a>;
    type SerializeStruct = Children<'a>;
    type SerializeStructVariant = Children<'a>;
    element_text!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char);
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error("bytes have no XML form here".into()))
    }
    fn serialize_none(self) -> Result<(), Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.text("")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.text("")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        let mut c = Children::new(self.out, self.name);
        c.field(variant, v)?;
        c.finish();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Repeated<'a>, Error> {
        Ok(Repeated {
            out: self.out,
            name: self.name,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Repeated<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Repeated<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Repeated<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Children<'a>, Error> {
        Ok(Children::new(self.out, self.name))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Children<'a>, Error> {
        Ok(Children::new(self.out, self.name))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Children<'a>, Error> {
        Ok(Children::new(self.out, self.name))
    }
}

/// A sequence: each item is the same element again.
pub struct Repeated<'a> {
    out: &'a mut Vec<u8>,
    name: &'a str,
}

impl Repeated<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(Element {
            out: self.out,
            name: self.name,
        })
    }
}

impl ser::SerializeSeq for Repeated<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}
impl ser::SerializeTuple for Repeated<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}
impl ser::SerializeTupleStruct for Repeated<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}
impl ser::SerializeTupleVariant for Repeated<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.item(v)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// A struct or map: an element with one child per field. The start tag stays open until the
/// first field, so a leading `id` can become an attribute.
pub struct Children<'a> {
    out: &'a mut Vec<u8>,
    name: &'a str,
    /// The start tag has been closed (`>` written).
    open: bool,
    /// The `id` attribute has been written.
    attributed: bool,
    key: String,
}

impl<'a> Children<'a> {
    fn new(out: &'a mut Vec<u8>, name: &'a str) -> Self {
        out.push(b'<');
        out.extend_from_slice(name.as_bytes());
        Children {
            out,
            name,
            open: false,
            attributed: false,
            key: String::new(),
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), Error> {
        if !self.open {
            if key == "id" && !self.attributed && ID_ATTRIBUTE.contains(&self.name) {
                self.attributed = true;
                let text = v.serialize(Scalar)?;
                self.out.extend_from_slice(b" id=\"");
                escape_into(self.out, &text);
                self.out.push(b'"');
                return Ok(());
            }
            // Close the start tag only if the field writes something, so an element whose
            // children are all absent stays `<name/>` (`<messages/>`, V1 guide, "Send Action to
            // bulk devices", example).
            let mark = self.out.len();
            self.out.push(b'>');
            v.serialize(Element {
                out: self.out,
                name: key,
            })?;
            if self.out.len() == mark + 1 {
                self.out.truncate(mark);
            } else {
                self.open = true;
            }
            return Ok(());
        }
        v.serialize(Element {
            out: self.out,
            name: key,
        })
    }

    fn finish(self) {
        if self.open {
            self.out.extend_from_slice(b"</");
            self.out.extend_from_slice(self.name.as_bytes());
            self.out.push(b'>');
        } else {
            self.out.extend_from_slice(b"/>");
        }
    }
}

impl ser::SerializeStruct for Children<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Children<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

impl ser::SerializeMap for Children<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        self.key = k.serialize(Scalar)?;
        if !is_xml_name(&self.key) {
            return Err(Error(format!("`{}` is not an XML element name", self.key)));
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = std::mem::take(&mut self.key);
        let r = self.field(&key, v);
        self.key = key;
        r
    }
    fn end(self) -> Result<(), Error> {
        self.finish();
        Ok(())
    }
}

fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use wire::lenient::Messages;
    use wire::v1::{Device, DeviceListResponse, Entries, Entry, Label, LabelListResponse};

    fn xml<T: Serialize>(root: &str, v: &T) -> String {
        let s = String::from_utf8(to_xml(root, v).unwrap()).unwrap();
        s.split_once('\n').unwrap().1.to_string()
    }

    #[test]
    fn device_list_in_the_guides_layout() {
        let r = DeviceListResponse {
            messages: Messages::one("1 Device(s) returned"),
            total_count: Some(1),
            devices: vec![Device {
                id: 2,
                uuid: "u-1".into(),
                operator: "AT&T".into(),
                details: Entries(vec![Entry::new("device_model", "DROIDX")]),
                ..Default::default()
            }]
            .into(),
            ..Default::default()
        };
        let x = xml("deviceManagementWebServiceResponse", &r);
        assert!(x.starts_with("<deviceManagementWebServiceResponse><messages><message>1 Device(s) returned</message></messages><totalCount>1</totalCount><devices><device id=\"2\"><uuid>u-1</uuid>"), "{x}");
        assert!(x.contains("<operator>AT&amp;T</operator>"));
        assert!(x.contains(
            "<details><entry><key>device_model</key><value>DROIDX</value></entry></details>"
        ));
        assert!(x.ends_with("</device></devices></deviceManagementWebServiceResponse>"));
    }

    #[test]
    fn empty_messages_and_label_attribute() {
        let r = LabelListResponse {
            messages: Messages::none(),
            total_count: None,
            labels: vec![Label {
                id: -3,
                name: "iOS".into(),
                query: "\"common.platform\"=\"iOS\"".into(),
                ..Default::default()
            }]
            .into(),
        };
        let x = xml("deviceManagementWebServiceResponse", &r);
        assert!(x.starts_with("<deviceManagementWebServiceResponse><messages/><labels><label id=\"-3\"><name>iOS</name>"), "{x}");
        assert!(x.contains("<query>&quot;common.platform&quot;=&quot;iOS&quot;</query>"));
    }

    #[test]
    fn repeated_scalars_and_control_characters() {
        #[derive(Serialize)]
        struct U {
            roles: Vec<&'static str>,
            note: &'static str,
            none: Option<u8>,
        }
        let x = xml(
            "user",
            &U {
                roles: vec!["ROLE_API", "ROLE_MPW_LOCK"],
                note: "a\u{1}b<",
                none: None,
            },
        );
        assert_eq!(
            x,
            "<user><roles>ROLE_API</roles><roles>ROLE_MPW_LOCK</roles><note>ab&lt;</note></user>"
        );
    }
}
