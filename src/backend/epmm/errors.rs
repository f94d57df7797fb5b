//! EPMM's error bodies: the V1 envelope `{"messages": {"message": [...]}}` (EPMM V1 API guide,
//! "Response format") and the V2 envelope `{"messages": [{"localizedMessage": ...}]}` (EPMM V2
//! certificate management guide, "Error messages").

use crate::backend::error::{joined, plain_json_error, Reference};
use serde_json::Value;

/// Reads an EPMM error body; V2 message keys (`messageKey`) are kept as the error id.
pub fn read_error(v: &Value) -> (String, Reference) {
    let msgs = &v["messages"];
    let mut parts: Vec<String> = Vec::new();
    let mut reference = Reference::default();
    // V1: {"messages": {"message": ["…"]}} or {"messages": {"message": "…"}}
    match &msgs["message"] {
        Value::String(s) => parts.push(s.clone()),
        Value::Array(a) => parts.extend(a.iter().filter_map(|m| m.as_str().map(String::from))),
        _ => {}
    }
    // V2: {"messages": [{"localizedMessage": "…", "messageKey": "…"}]}
    if let Some(a) = msgs.as_array() {
        for m in a {
            if let Some(s) = m["localizedMessage"].as_str().or_else(|| m.as_str()) {
                parts.push(s.to_string());
            }
            if reference.error_id.is_none() {
                reference.error_id = m["messageKey"].as_str().map(String::from);
            }
        }
    }
    if let Some(s) = msgs.as_str() {
        parts.push(s.to_string());
    }
    if parts.is_empty() {
        return plain_json_error(v);
    }
    (joined(&parts), reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::error::body_message;

    #[test]
    fn v1_and_v2_envelopes() {
        let v1 = br#"{"messages":{"message":["No device found for uuid x"]},"totalCount":0}"#;
        assert_eq!(
            body_message("application/json", v1, read_error).0,
            "No device found for uuid x"
        );
        let v2 = br#"{"messages":[{"type":"Error","messageKey":"com.mobileiron.vsp.messages.pkcs12.password","localizedMessage":"Incorrect password for the PKCS#12 file."}]}"#;
        let (m, r) = body_message("application/json", v2, read_error);
        assert_eq!(m, "Incorrect password for the PKCS#12 file.");
        assert_eq!(
            r.error_id.as_deref(),
            Some("com.mobileiron.vsp.messages.pkcs12.password")
        );
        assert_eq!(
            body_message("application/json", br#"{"error":"Bad"}"#, read_error).0,
            "Bad"
        );
    }
}
