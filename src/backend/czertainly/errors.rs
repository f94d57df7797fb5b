//! CZERTAINLY Core's error bodies (SCEP Profile Management; the platform's exception handler):
//! `{"message": "…"}` for 400, 401, 404 and 409, and a JSON array of messages for 422
//! (validation). Every message is kept as a field message, against the form field it names
//! (`Reference::fields`), so a form shows each one, not only the first 300 characters of all.

use crate::backend::error::{joined, plain_json_error, Reference};
use crate::domain::scep_profile::{attribute_key, field};
use serde_json::Value;

/// Reads a CZERTAINLY error body.
pub fn read_error(v: &Value) -> (String, Reference) {
    let messages: Vec<String> = match v {
        Value::Array(a) => a
            .iter()
            .filter_map(|m| m.as_str().or_else(|| m["message"].as_str()))
            .map(str::to_string)
            .collect(),
        _ => v["message"]
            .as_str()
            .map(str::to_string)
            .into_iter()
            .collect(),
    };
    let messages: Vec<String> = messages
        .into_iter()
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if messages.is_empty() {
        return plain_json_error(v);
    }
    let reference = Reference {
        fields: messages.iter().map(|m| (field_of(m), m.clone())).collect(),
        ..Default::default()
    };
    (joined(&messages), reference)
}

/// The attribute a message names: the word after "attribute" (`Wrong content for attribute
/// username of content type String` → `username`), without quotes.
fn attribute_named(m: &str) -> Option<&str> {
    let lower = m.to_ascii_lowercase();
    let at = lower.find("attribute ")? + "attribute ".len();
    m[at..]
        .split_whitespace()
        .next()
        .map(|w| w.trim_matches(|c| c == '\'' || c == '"' || c == '.' || c == ','))
        .filter(|w| !w.is_empty())
}

/// The form field a message is about, by the platform's wording; `None` when it names none.
pub fn field_of(m: &str) -> Option<String> {
    let lower = m.to_ascii_lowercase();
    let key = if m.starts_with("Name ") || lower.contains("same name") {
        field::NAME
    } else if lower.contains("custom attribute") {
        field::CUSTOM_ATTRIBUTES
    } else if m.contains("Data attribute") {
        field::ISSUE_ATTRIBUTES
    } else if let Some(name) = attribute_named(m) {
        // "Attribute X is given more than once", "Wrong content for attribute X…": the form
        // knows which of its lists holds X.
        return Some(attribute_key(name));
    } else if lower.contains("ca certificate")
        || lower.contains("selected certificate")
        || lower.contains("certificate does not contain")
        || m.contains("type 'Certificate'")
    {
        field::CA_CERTIFICATE
    } else if m.contains("type 'RaProfile'") {
        field::RA_PROFILE
    } else if lower.contains("renewal") {
        field::RENEWAL_THRESHOLD
    } else if lower.contains("intune") {
        field::INTUNE
    } else if lower.contains("challenge password") {
        field::CHALLENGE_PASSWORD
    } else if lower.contains("description") {
        field::DESCRIPTION
    } else {
        return None;
    };
    Some(key.to_string())
}

/// What uses a profile whose delete was refused, from the platform's message: `Some` when the
/// message says the profile is associated with other items (S2's bulk delete sample, "Object is
/// associated with other items"), with the names it lists after `Dependent … (N): ` (an empty
/// list when it lists none).
pub fn in_use_by(message: &str) -> Option<Vec<String>> {
    let lower = message.to_ascii_lowercase();
    if !lower.contains("associated with other items") && !lower.contains("dependent ") {
        return None;
    }
    let names = lower
        .find("dependent ")
        .and_then(|at| message[at..].find("): ").map(|i| at + i + 3))
        .map(|start| {
            message[start..]
                .split(',')
                .map(|n| n.trim().trim_end_matches('.').to_string())
                .filter(|n| !n.is_empty())
                .collect()
        })
        .unwrap_or_default();
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::error::body_message;

    #[test]
    fn message_bodies_and_422_arrays() {
        // S2, bulk enable/disable blocks: `{"message": "Error message"}`.
        let (m, r) = body_message(
            "application/json",
            br#"{"message":"SCEP Profile with same name already exists"}"#,
            read_error,
        );
        assert_eq!(m, "SCEP Profile with same name already exists");
        assert_eq!(
            r.fields,
            [(
                Some("name".into()),
                "SCEP Profile with same name already exists".into()
            )]
        );
        // S2, force delete block: a 422 is `["Error Message 1","Error Message 2"]`.
        let body = br#"["Name can contain only unreserved URI characters (alphanumeric, hyphen, period, underscore, and tilde)","Content for required Data attribute username is not provided.","Custom attribute 'department' of content type 'String' has different content type in request attribute: 'Integer number'","Error Message 2"]"#;
        let (m, r) = body_message("application/json", body, read_error);
        assert!(m.starts_with("Name can contain"), "{m}");
        let keys: Vec<Option<&str>> = r.fields.iter().map(|(k, _)| k.as_deref()).collect();
        assert_eq!(
            keys,
            [
                Some("name"),
                Some("issueAttributes"),
                Some("customAttributes"),
                None
            ]
        );
        assert_eq!(r.fields[3].1, "Error Message 2");
    }

    #[test]
    fn the_mock_platforms_messages_find_their_fields() {
        for (message, key) in [
            ("Name cannot be empty", Some("name")),
            ("CA Certificate cannot be empty", Some("caCertificate")),
            (
                "CA Certificate is not acceptable as SCEP CA certificate for this profile",
                Some("caCertificate"),
            ),
            ("Selected Certificate does not contain private key", Some("caCertificate")),
            (
                "Object of type 'Certificate' identified by x is not found.",
                Some("caCertificate"),
            ),
            (
                "Object of type 'RaProfile' identified by x is not found.",
                Some("raProfile"),
            ),
            ("Renewal threshold must be 0 or more days", Some("renewalThreshold")),
            (
                "Invalid Intune configuration. Missing Intune tenant and/or intune app identification",
                Some("intune"),
            ),
            (
                "Attribute template is given more than once",
                Some("attribute:template"),
            ),
            (
                "Content of attribute template is malformed and does not contain data",
                Some("attribute:template"),
            ),
            (
                "Wrong content for attribute validityDays of content type Integer number",
                Some("attribute:validityDays"),
            ),
            (
                "Content for attribute colour is provided but definition is not found",
                Some("attribute:colour"),
            ),
            (
                "Content for custom attribute colour is provided but resource SCEP Profile is not associated with it",
                Some("customAttributes"),
            ),
            (
                "Data attribute 'validityDays' of content type 'Integer number' has different content type in request attribute: 'String'",
                Some("issueAttributes"),
            ),
            ("Request method 'POST' is not supported", None),
        ] {
            assert_eq!(field_of(message).as_deref(), key, "{message}");
        }
    }

    #[test]
    fn a_refused_delete_names_what_uses_the_profile() {
        assert_eq!(
            in_use_by("Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra"),
            Some(vec!["devices-ra".to_string(), "legacy-ra".to_string()])
        );
        // S2's own sample names nobody.
        assert_eq!(
            in_use_by("Object is associated with other items"),
            Some(vec![])
        );
        assert_eq!(
            in_use_by("Dependent SCEP Profiles (1): corporate-users-ra"),
            Some(vec!["corporate-users-ra".to_string()])
        );
        assert_eq!(
            in_use_by("Object of type 'ScepProfile' identified by x is not found."),
            None
        );
    }
}
