//! Exchange ActiveSync: the grouped list, one device's details, and block/reinstate/wipe (EPMM
//! V1 API guide, "Exchange ActiveSync (EAS)").
//!
//! EAS uuids are their own id space; `miDeviceUuid` links an EAS device to the EPMM device, whose
//! `easUuid` points back (V1 guide: `easUuid` in the response example of "Get Devices by Status",
//! `miDeviceUuid` in that of "List All ActiveSync Devices").

use super::common::{encode_segment, wire_enum};
use super::device::Entries;
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `PUT /eas/devices?action=` (V1 guide, "Request Action on ActiveSync Device": the request
    /// table).
    EasAction {
        BlockDevice = "BLOCK_DEVICE",
        ReinstateDevice = "REINSTATE_DEVICE",
        Wipe = "WIPE",
    }
);

impl EasAction {
    /// `PUT /v1/eas/devices?action=…&uuids=…&uuids=…` (V1 guide, "Request Action on ActiveSync
    /// Device", example; the key is `uuids`).
    pub fn request<S: AsRef<str>>(
        self,
        eas_uuids: &[S],
    ) -> (&'static str, Vec<(&'static str, String)>) {
        let mut q = vec![("action", self.as_str().to_string())];
        q.extend(
            eas_uuids
                .iter()
                .map(|u| ("uuids", u.as_ref().trim().to_string())),
        );
        ("/v1/eas/devices", q)
    }
}

wire_enum!(
    /// `actionSource` (list, enum names) / `ActionSource` (detail entry, display names)
    /// (V1 guide, "Device Details for ActiveSync": the response example).
    ActionSource {
        Exchange = "EXCHANGE",
        Autoblock = "AUTOBLOCK",
        Policy = "POLICY",
        Manual = "MANUAL",
        Unknown = "UNKNOWN",
    }
);

impl ActionSource {
    /// The display name used in the detail entries: `Exchange`, `Auto`, `Policy`, `Manual`,
    /// `Unknown`.
    pub fn display(self) -> &'static str {
        match self {
            ActionSource::Exchange => "Exchange",
            ActionSource::Autoblock => "Auto",
            ActionSource::Policy => "Policy",
            ActionSource::Manual => "Manual",
            ActionSource::Unknown => "Unknown",
        }
    }
    /// Reads either form.
    pub fn parse_any(s: &str) -> Option<Self> {
        s.parse().ok().or_else(|| {
            Self::ALL
                .iter()
                .copied()
                .find(|a| a.display().eq_ignore_ascii_case(s.trim()))
        })
    }
}

wire_enum!(
    /// The five groups of the list (V1 guide, "List All ActiveSync Devices").
    EasGroup {
        RegisteredAllowed = "registeredAllowedDevice",
        RegisteredBlocked = "registeredBlockedDevice",
        UnregisteredAllowed = "unregisteredAllowedDevice",
        UnregisteredBlocked = "unregisteredBlockedDevice",
        Wiped = "wipedDevice",
    }
);

/// One ActiveSync device of the list (V1 guide, "List All ActiveSync Devices": the response
/// example). The guide shows only `uuid` for the last four groups; every group carries the full set
/// here (the same example).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EasDevice {
    #[serde(deserialize_with = "lenient::string")]
    pub uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub domain: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub mailbox_id: String,
    /// `<userName>…</username>` in the guide (V1 guide, "List All ActiveSync Devices": the response
    /// example): both spellings are read.
    #[serde(default, alias = "username", deserialize_with = "lenient::string")]
    pub user_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub phone_number: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub model: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub platform: String,
    /// `11` for iOS (no other code is documented).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub platform_code: Option<i64>,
    /// `Registered` / `Unregistered` (the guide lists no values: V1 guide, "List All ActiveSync
    /// Devices": the response example).
    #[serde(default, deserialize_with = "lenient::string")]
    pub status: String,
    /// `Allowed` / `Blocked` / `Wiped`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub active_sync_status: String,
    /// Epoch milliseconds (V1 guide, "List All ActiveSync Devices": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_sync_time: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_sync_time: Option<i64>,
    /// The EPMM device; empty for unregistered devices.
    #[serde(default, deserialize_with = "lenient::string")]
    pub mi_device_uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub action_source: String,
}

impl EasDevice {
    pub fn action_source(&self) -> Option<ActionSource> {
        ActionSource::parse_any(&self.action_source)
    }
    /// `firstSyncTime` in epoch ms, whether the server sent seconds or milliseconds.
    pub fn first_sync_ms(&self) -> Option<i64> {
        self.first_sync_time.map(crate::datetime::parse_epoch)
    }
    /// `lastSyncTime` in epoch ms.
    pub fn last_sync_ms(&self) -> Option<i64> {
        self.last_sync_time.map(crate::datetime::parse_epoch)
    }
    /// Registered with EPMM (linked through `miDeviceUuid`).
    pub fn is_registered(&self) -> bool {
        !self.mi_device_uuid.trim().is_empty() || self.status.eq_ignore_ascii_case("Registered")
    }
}

crate::v1::container!(
    /// `<registeredAllowedDevices>`
    RegisteredAllowedDevices, "registeredAllowedDevice", EasDevice
);
crate::v1::container!(
    /// `<registeredBlockedDevices>`
    RegisteredBlockedDevices, "registeredBlockedDevice", EasDevice
);
crate::v1::container!(
    /// `<unregisteredAllowedDevices>`
    UnregisteredAllowedDevices, "unregisteredAllowedDevice", EasDevice
);
crate::v1::container!(
    /// `<unregisteredBlockedDevices>`
    UnregisteredBlockedDevices, "unregisteredBlockedDevice", EasDevice
);
crate::v1::container!(
    /// `<wipedDevices>`: wiped through an ActiveSync wipe.
    WipedDevices, "wipedDevice", EasDevice
);

/// `GET /eas/devices` (root `easWebServiceReponse`, sic; V1 guide, "List All ActiveSync Devices":
/// the response example).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EasListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub registered_allowed_devices: RegisteredAllowedDevices,
    #[serde(default)]
    pub registered_blocked_devices: RegisteredBlockedDevices,
    #[serde(default)]
    pub unregistered_allowed_devices: UnregisteredAllowedDevices,
    #[serde(default)]
    pub unregistered_blocked_devices: UnregisteredBlockedDevices,
    #[serde(default)]
    pub wiped_devices: WipedDevices,
}

impl EasListResponse {
    /// Every device with its group, in group order.
    pub fn all(&self) -> Vec<(EasGroup, &EasDevice)> {
        let mut out = Vec::new();
        let groups: [(EasGroup, &Vec<EasDevice>); 5] = [
            (
                EasGroup::RegisteredAllowed,
                &self.registered_allowed_devices.items,
            ),
            (
                EasGroup::RegisteredBlocked,
                &self.registered_blocked_devices.items,
            ),
            (
                EasGroup::UnregisteredAllowed,
                &self.unregistered_allowed_devices.items,
            ),
            (
                EasGroup::UnregisteredBlocked,
                &self.unregistered_blocked_devices.items,
            ),
            (EasGroup::Wiped, &self.wiped_devices.items),
        ];
        for (g, items) in groups {
            out.extend(items.iter().map(|d| (g, d)));
        }
        out
    }
    pub fn len(&self) -> usize {
        self.registered_allowed_devices.items.len()
            + self.registered_blocked_devices.items.len()
            + self.unregistered_allowed_devices.items.len()
            + self.unregistered_blocked_devices.items.len()
            + self.wiped_devices.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// `GET /eas/devices/{EASDeviceUuid}` (root `easDevice`, no envelope; V1 guide, "Device Details for
/// ActiveSync": the response example): `uuid` and `details` key/values with Exchange's own
/// spellings (`FirstSyncTime` = `7/6/2010 11:29:33 AM`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EasDeviceDetail {
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    #[serde(default)]
    pub details: Entries,
    /// Only on error answers.
    #[serde(default, skip_serializing_if = "Messages::is_empty")]
    pub messages: Messages,
}

/// `GET /eas/devices/{uuid}`.
pub fn detail_path(eas_uuid: &str) -> String {
    format!("/v1/eas/devices/{}", encode_segment(eas_uuid.trim()))
}

/// `1 device(s) modified to BLOCK_DEVICE status` (root `easWebServiceResponse`, V1 guide, "Request
/// Action on ActiveSync Device": the response example).
pub type EasActionResponse = super::MessagesOnly;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_all_activesync_devices_response_example() {
        let v = json!({"messages": {"message": "212 Device(s) returned"},
            "registeredAllowedDevices": {"registeredAllowedDevice": {
                "uuid": "hdgd-e93c-49b1-88d6-222f54132445", "domain": "exchdomain.com",
                "deviceId": "Appl87025CNUA4S", "mailboxId": "jdoe113", "username": "jdoe113",
                "phoneNumber": "6505551212", "model": "iPhone", "platform": "iOS", "platformCode": 11,
                "status": "Registered", "activeSyncStatus": "Allowed", "firstSyncTime": 1326179585000i64,
                "lastSyncTime": "1326180768000", "miDeviceUuid": "6f72cabb-1d8b-4965-aa8e-a355deab8222",
                "actionSource": "EXCHANGE"}},
            "registeredBlockedDevices": {"registeredBlockedDevice": [{"uuid": "hgdgd-fsg-4wfsb1-dgdg-dgfdg"}]},
            "unregisteredAllowedDevices": {"unregisteredAllowedDevice": {"uuid": "8herw5345d711cdc-e93c-dfg-hgdf-hssgfd"}},
            "unregisteredBlockedDevices": {"unregisteredBlockedDevice": {"uuid": "34gdrtger-4err-gd-88d6-2fes"}},
            "wipedDevices": {"wipedDevice": {"uuid": "sersdfsc-e93c-49b1-88d6-sg2wefwef"}}});
        let r: EasListResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.len(), 5);
        let (g, d) = r.all()[0];
        assert_eq!(g, EasGroup::RegisteredAllowed);
        assert_eq!(d.user_name, "jdoe113");
        assert_eq!(d.last_sync_time, Some(1_326_180_768_000));
        assert_eq!(d.first_sync_ms(), Some(1_326_179_585_000));
        assert!(d.is_registered());
        assert_eq!(d.action_source(), Some(ActionSource::Exchange));
        assert_eq!(r.all()[4].0, EasGroup::Wiped);
    }

    #[test]
    fn device_details_for_activesync_response_example() {
        let v = json!({"uuid": "f5def24e-4380-4565-bd2f-8cf002fd64cd", "details": [{"entry": [
            {"key": "ActionSource", "value": "Exchange"},
            {"key": "FirstSyncTime", "value": "7/6/2010 11:29:33 AM"},
            {"key": "DeviceAccessState", "value": "Allowed"}]}]});
        let r: EasDeviceDetail = serde_json::from_value(v).unwrap();
        assert_eq!(
            r.details
                .get("ActionSource")
                .and_then(ActionSource::parse_any),
            Some(ActionSource::Exchange)
        );
        assert_eq!(
            ActionSource::parse_any("Auto"),
            Some(ActionSource::Autoblock)
        );
    }

    #[test]
    fn request_action_on_activesync_device_example() {
        let (p, q) = EasAction::BlockDevice.request(&["ee8198d9", "fe816c9"]);
        assert_eq!(p, "/v1/eas/devices");
        assert_eq!(
            q,
            [
                ("action", "BLOCK_DEVICE".into()),
                ("uuids", "ee8198d9".into()),
                ("uuids", "fe816c9".into())
            ]
        );
    }
}
