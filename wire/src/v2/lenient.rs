//! Tolerant helpers for the V2 shapes (the V1 ones are in [`crate::lenient`]).

use super::Message;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serializer};
use serde_json::Value;

/// Text that may arrive as a string, a number or a boolean; `null` and a blank string are `None`.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => {
            return Err(de::Error::custom(format!(
                "expected text or a number, found {other}"
            )))
        }
    })
}

/// Writes a decimal text as a JSON number (`"serialNumber": 102`, `"userId": 9002`, V2 guide,
/// "Search/Retrieve certificate details": the sample response) and anything else as a string.
pub fn num_or_str<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n.to_string() == *t => s.serialize_i64(n),
            _ => s.serialize_str(t),
        },
    }
}

/// `messages` as an array, a single object, or `null`.
pub fn opt_messages<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Message>>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::Array(a) => Some(
            a.into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(Message {
                        localized_message: s,
                        ..Message::default()
                    }),
                    v => serde_json::from_value::<Message>(v).ok(),
                })
                .collect(),
        ),
        Value::Object(o) => serde_json::from_value::<Message>(Value::Object(o))
            .ok()
            .map(|m| vec![m]),
        Value::String(s) => Some(vec![Message {
            localized_message: s,
            ..Message::default()
        }]),
        _ => None,
    })
}

/// `results` that the V2 guide announces as an array but shows as one object ("Get list of user
/// provided certificate enrollment ID information…": the response table vs the sample response): an
/// object, the first element of an array, or nothing.
pub fn object_or_first<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    let one = match v {
        Value::Null => return Ok(None),
        Value::Array(a) => match a.into_iter().next() {
            Some(first) => first,
            None => return Ok(None),
        },
        other => other,
    };
    serde_json::from_value(one)
        .map(Some)
        .map_err(de::Error::custom)
}

/// A list that may arrive as an array, one item, or `null`.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        Value::Array(a) => a
            .into_iter()
            .map(|v| serde_json::from_value(v).map_err(de::Error::custom))
            .collect(),
        one => serde_json::from_value(one)
            .map(|t| vec![t])
            .map_err(de::Error::custom),
    }
}
