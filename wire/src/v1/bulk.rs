//! Bulk device actions and send message (EPMM V1 API guide, "Send Action to bulk devices" and "Send
//! message to devices").

use super::actions::Passcodes;
use super::common::{wire_enum, Uuids, MAX_BULK_DEVICES};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `POST /dm/bulk/devices/{actiontype}`: "These values are all capital letters" (V1 guide,
    /// "Send Action to bulk devices": the request table). The server answers `Invalid action` to
    /// any other spelling, so send [`BulkAction::as_str`].
    BulkAction {
        Lock = "LOCK",
        Unlock = "UNLOCK",
        WakeupDevice = "WAKEUP_DEVICE",
        Retire = "RETIRE",
        Wipe = "WIPE",
    }
);

impl BulkAction {
    /// `/v1/dm/bulk/devices/LOCK`
    pub fn path(self) -> String {
        format!("/v1/dm/bulk/devices/{}", self.as_str())
    }
    /// The query: `deviceUuids` repeated, "with an “s” at the end" (V1 guide, "Send Action to bulk
    /// devices": the request table).
    pub fn query<S: AsRef<str>>(uuids: &[S]) -> Result<Vec<(&'static str, String)>, String> {
        check_count(uuids.len())?;
        Ok(uuids
            .iter()
            .map(|u| ("deviceUuids", u.as_ref().trim().to_string()))
            .collect())
    }
}

fn check_count(n: usize) -> Result<(), String> {
    if n == 0 {
        Err("at least one device is required".into())
    } else if n > MAX_BULK_DEVICES {
        Err(format!(
            "at most {MAX_BULK_DEVICES} devices per request (got {n})"
        ))
    } else {
        Ok(())
    }
}

crate::v1::container!(
    /// `<failedDevices><message>…</message></failedDevices>` (UNLOCK only, V1 guide, "Send Action
    /// to bulk devices": the response example).
    FailedDevices, "message", String
);

/// The bulk action answer (V1 guide, "Send Action to bulk devices": the response example):
/// `messages` (empty, or `Invalid action`), the unknown `invalidDevices`, and for UNLOCK the
/// `passcodes` and `failedDevices`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, skip_serializing_if = "is_empty_uuids")]
    pub invalid_devices: Uuids,
    #[serde(default, skip_serializing_if = "is_empty_passcodes")]
    pub passcodes: Passcodes,
    #[serde(default, skip_serializing_if = "is_empty_failed")]
    pub failed_devices: FailedDevices,
}

impl BulkResponse {
    /// "If you do not capitalize the action or misspell it, this field contains the value
    /// “Invalid action”" (the same response example).
    pub fn is_invalid_action(&self) -> bool {
        self.messages
            .0
            .iter()
            .any(|m| m.trim().eq_ignore_ascii_case("Invalid action"))
    }
}

fn is_empty_uuids(u: &Uuids) -> bool {
    u.items.is_empty()
}
fn is_empty_passcodes(p: &Passcodes) -> bool {
    p.items.is_empty()
}
fn is_empty_failed(f: &FailedDevices) -> bool {
    f.items.is_empty()
}

wire_enum!(
    /// Send-message `mode` (V1 guide, "Send message to devices": the request table): `pns` is the
    /// push notification service (e.g. APNS).
    MessageMode {
        Sms = "sms",
        Email = "email",
        Pns = "pns",
    }
);

/// A message to devices, by uuid (`POST /dm/bulk/sendmessage`) or by Wi-Fi MAC
/// (`POST /dm/bulk/mac/sendmessage`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendMessageRequest {
    pub mode: MessageMode,
    pub message: String,
    /// "Valid only when the mode is email" (V1 guide, "Send message to devices": the request
    /// table); left out otherwise.
    pub subject: Option<String>,
    /// Device uuids, or Wi-Fi MACs when `by_mac`.
    pub devices: Vec<String>,
    pub by_mac: bool,
}

impl SendMessageRequest {
    pub fn validate(&self) -> Result<(), String> {
        check_count(self.devices.len())?;
        if self.message.trim().is_empty() {
            return Err("message is required".into());
        }
        Ok(())
    }
    pub fn path(&self) -> &'static str {
        if self.by_mac {
            "/v1/dm/bulk/mac/sendmessage"
        } else {
            "/v1/dm/bulk/sendmessage"
        }
    }
    /// `deviceUuid` repeated, "with no “s” at the end" (V1 guide, "Send message to devices": the
    /// request table of the first URI), or `deviceWiFiMacAddress` (the table of the second URI);
    /// then `mode`, `message` and, for email, `subject`.
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let key = if self.by_mac {
            "deviceWiFiMacAddress"
        } else {
            "deviceUuid"
        };
        let mut q: Vec<(&'static str, String)> = self
            .devices
            .iter()
            .map(|d| {
                let d = d.trim();
                let v = if self.by_mac {
                    super::normalize_mac(d)
                } else {
                    d.to_string()
                };
                (key, v)
            })
            .collect();
        q.push(("mode", self.mode.as_str().to_string()));
        q.push(("message", self.message.clone()));
        if self.mode == MessageMode::Email {
            if let Some(s) = self.subject.as_deref().filter(|s| !s.trim().is_empty()) {
                q.push(("subject", s.to_string()));
            }
        }
        q
    }
}

/// The send-message answer (V1 guide, "Send message to devices": the response example): `messages`,
/// `invalidDevices`, and `messageSentFailed`, which the guide shows only as a closing tag (a
/// boolean here; the same response example).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendMessageResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, skip_serializing_if = "is_empty_uuids")]
    pub invalid_devices: Uuids,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub message_sent_failed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn action_names_are_exact_capitals() {
        assert_eq!(BulkAction::WakeupDevice.as_str(), "WAKEUP_DEVICE");
        assert_eq!(BulkAction::parse_exact("LOCK"), Some(BulkAction::Lock));
        assert_eq!(BulkAction::parse_exact("lock"), None);
        assert_eq!(BulkAction::parse_exact("Wakeup_Device"), None);
        assert_eq!(BulkAction::Retire.path(), "/v1/dm/bulk/devices/RETIRE");
        // Two uuids, each as deviceUuids (V1 guide, "Send Action to bulk devices", example)
        let q = BulkAction::query(&["a", "b"]).unwrap();
        assert_eq!(
            q,
            [("deviceUuids", "a".into()), ("deviceUuids", "b".into())]
        );
        assert!(BulkAction::query::<&str>(&[]).is_err());
        let many = vec!["x"; MAX_BULK_DEVICES + 1];
        assert!(BulkAction::query(&many).is_err());
    }

    #[test]
    fn send_action_to_bulk_devices_response_examples() {
        // <deviceManagementWebServiceResponse><messages/></…> (V1 guide, "Send Action to bulk
        // devices", example)
        let r: BulkResponse = serde_json::from_value(json!({"messages": ""})).unwrap();
        assert!(r.messages.0.is_empty() && r.invalid_devices.items.is_empty());
        let v = json!({"messages": {"message": "Invalid action"},
            "invalidDevices": {"uuid": [" 1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23", "623094f9-645b-4ecf-8840-78597cc1254b"]},
            "passcodes": {"passcode": {"uuid": "1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23", "name": "jdoe:Android:6505551212", "value": "Q"}},
            "failedDevices": {"message": "unlock failed for x"}});
        let r: BulkResponse = serde_json::from_value(v).unwrap();
        assert!(r.is_invalid_action());
        assert_eq!(
            r.invalid_devices.trimmed()[0],
            "1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23"
        );
        assert_eq!(r.passcodes.items[0].value, "Q");
        assert_eq!(r.failed_devices.items, ["unlock failed for x"]);
    }

    #[test]
    fn send_message_to_devices_examples() {
        // mode=sms&message=Hello World&deviceUuid=…&deviceUuid=… (V1 guide, "Send message to
        // devices", examples)
        let r = SendMessageRequest {
            mode: MessageMode::Sms,
            message: "Hello World".into(),
            subject: Some("ignored for sms".into()),
            devices: vec!["e6d4f5f0".into(), "54bc5eb5".into()],
            by_mac: false,
        };
        assert!(r.validate().is_ok());
        assert_eq!(r.path(), "/v1/dm/bulk/sendmessage");
        let keys: Vec<&str> = r.query().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["deviceUuid", "deviceUuid", "mode", "message"]);
        // mac/sendmessage?…&deviceWiFiMacAddress=00237696635F (same examples)
        let m = SendMessageRequest {
            mode: MessageMode::Email,
            subject: Some("Hi".into()),
            devices: vec!["00:23:76:96:63:5f".into()],
            by_mac: true,
            ..r
        };
        assert_eq!(m.path(), "/v1/dm/bulk/mac/sendmessage");
        assert_eq!(
            m.query()[0],
            ("deviceWiFiMacAddress", "00237696635F".into())
        );
        assert!(m.query().contains(&("subject", "Hi".into())));
        let ans: SendMessageResponse = serde_json::from_value(json!({
            "messages": {"message": [" Message sent successfully for all devices."]},
            "messageSentFailed": "false"}))
        .unwrap();
        assert!(!ans.message_sent_failed);
        assert_eq!("PNS".parse::<MessageMode>(), Ok(MessageMode::Pns));
    }
}
