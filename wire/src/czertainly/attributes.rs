//! CZERTAINLY attribute objects, as the CZERTAINLY reference shows them in
//! `issueCertificateAttributes`, `customAttributes` and `certificateAssociations.customAttributes`
//! (version `"v2"`).
//!
//! Requests send [`RequestAttribute`] (`{uuid, name, contentType, content:[{reference, data,
//! contentType}], version}`); answers carry [`ResponseAttribute`] (`{content:[{reference, data}],
//! uuid, name, label, type, contentType, version}`): two shapes (the reference's request and
//! response samples). The JSON type of `data` depends on `contentType` (the reference's `"data":
//! true` with `"contentType": "string"` is a generator artifact), so it is kept as a
//! [`serde_json::Value`] and checked by [`AttributeContentType::accepts`].

use super::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The attribute version the CZERTAINLY reference shows (`"version": "v2"`).
pub const VERSION_V2: &str = "v2";

open_enum! {
    /// `contentType` of an attribute (CZERTAINLY `AttributeContentType`; labels as the platform
    /// prints them in its messages).
    AttributeContentType {
        String = "string", "String";
        Text = "text", "Text";
        Integer = "integer", "Integer number";
        Boolean = "boolean", "Boolean";
        Float = "float", "Decimal number";
        Date = "date", "Date";
        Time = "time", "Time";
        DateTime = "datetime", "DateTime";
        Secret = "secret", "Secret";
        File = "file", "File";
        Credential = "credential", "Credential";
        CodeBlock = "codeblock", "Code block";
        Object = "object", "Object";
        Resource = "resource", "Resource Object";
    }
}

open_enum! {
    /// `type` of a response attribute (CZERTAINLY reference: `"type": "data"`).
    AttributeType {
        Data = "data", "Data";
        Group = "group", "Group";
        Info = "info", "Info";
        Meta = "meta", "Metadata";
        Custom = "custom", "Custom";
    }
}

impl AttributeContentType {
    /// Whether `data` has the JSON shape this content type carries: a string for `string`,
    /// `text`; an `i32` for `integer`; a number for `float`; a boolean for `boolean`;
    /// `YYYY-MM-DD`, `HH:MM[:SS]` and an ISO-8601 date-time for `date`, `time`, `datetime`; an
    /// object for `secret`, `file`, `credential`, `codeblock`, `resource`; anything but `null` for
    /// `object` and for unknown types.
    pub fn accepts(&self, data: &Value) -> bool {
        use AttributeContentType as T;
        match self {
            T::String | T::Text => data.is_string(),
            T::Integer => data.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            T::Float => data.is_number(),
            T::Boolean => data.is_boolean(),
            T::Date => data.as_str().is_some_and(is_date),
            T::Time => data.as_str().is_some_and(is_time),
            T::DateTime => data.as_str().is_some_and(|s| {
                crate::datetime::parse_to_epoch_ms(s).is_some() && s.contains('T')
            }),
            T::Secret | T::File | T::Credential | T::CodeBlock | T::Resource => data.is_object(),
            T::Object | T::Other(_) => !data.is_null(),
        }
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && crate::datetime::parse_to_epoch_ms(s).is_some()
}

fn is_time(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let limits = [24u32, 60, 60];
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .zip(limits)
            .all(|(p, max)| p.len() == 2 && p.parse::<u32>().is_ok_and(|n| n < max))
}

/// One content item: `{reference, data}` in answers, plus `contentType` in requests (CZERTAINLY
/// reference).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeContentItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `null` or absent is malformed content; the server refuses it.
    #[serde(default)]
    pub data: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<AttributeContentType>,
}

impl AttributeContentItem {
    /// A content item holding `data`.
    pub fn data(data: impl Into<Value>) -> Self {
        AttributeContentItem {
            data: data.into(),
            ..Default::default()
        }
    }
}

/// `RequestAttribute` (CZERTAINLY reference, `ScepProfileRequestDto.issueCertificateAttributes`
/// sample): what a client sends. The server matches it to its definition by `name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestAttribute {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<AttributeContentType>,
    #[serde(default)]
    pub content: Vec<AttributeContentItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// `ResponseAttribute` (CZERTAINLY reference, `ScepProfileDetailDto.issueCertificateAttributes`
/// sample): an attribute with its definition's `label`, `type` and `contentType`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseAttribute {
    #[serde(default)]
    pub content: Vec<AttributeContentItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AttributeType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<AttributeContentType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl ResponseAttribute {
    /// The request form of this attribute, to send it back unchanged (an edit form starts from
    /// the detail's attributes): the same uuid, name, content type and content, each content
    /// item carrying the content type as requests do.
    pub fn to_request(&self) -> RequestAttribute {
        RequestAttribute {
            uuid: self.uuid.clone(),
            name: self.name.clone(),
            content_type: self.content_type.clone(),
            content: self
                .content
                .iter()
                .map(|c| AttributeContentItem {
                    content_type: c.content_type.clone().or_else(|| self.content_type.clone()),
                    ..c.clone()
                })
                .collect(),
            version: self.version.clone(),
        }
    }
}
