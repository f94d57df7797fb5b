//! Device actions by uuid and by Wi-Fi MAC: retire, lock, unlock, wipe, wakeup, locate and enable
//! roaming (EPMM V1 API guide, "Retire a Device" to "Enable Roaming").
//!
//! Requests: [`ActionRequest`] gives the method, path and query of every action, so callers never
//! build the strings by hand. Answers: [`ActionResponse`] (retire, lock, wipe, wakeup, enable
//! roaming), [`UnlockResponse`] and [`LocateResponse`].

use super::common::{check_reason, wire_enum, DeviceRef};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// A single-device action. Unlock, wakeup and locate are **GET** although they act on the
    /// device (V1 guide, "Unlock a Device", "Wakeup Client" and "Locate a Device": "Http Method:
    /// GET"); the others are PUT.
    DeviceAction {
        Retire = "retire",
        Lock = "lock",
        Unlock = "unlock",
        Wipe = "wipe",
        Wakeup = "wakeup",
        Locate = "locate",
        EnableRoaming = "enableroaming",
    }
);

impl DeviceAction {
    /// The HTTP method.
    pub fn method(self) -> &'static str {
        match self {
            DeviceAction::Unlock | DeviceAction::Wakeup | DeviceAction::Locate => "GET",
            _ => "PUT",
        }
    }
    /// Whether `Reason` is required: lock and unlock; optional for retire and wipe; not taken by
    /// the others (V1 guide, the request tables of "Lock a Device", "Unlock a Device", "Retire a
    /// Device" and "Wipe a Device").
    pub fn requires_reason(self) -> bool {
        matches!(self, DeviceAction::Lock | DeviceAction::Unlock)
    }
    /// Whether the call takes `Reason` at all.
    pub fn takes_reason(self) -> bool {
        matches!(
            self,
            DeviceAction::Retire | DeviceAction::Lock | DeviceAction::Unlock | DeviceAction::Wipe
        )
    }
    /// Whether a `/mac/{macaddress}` variant exists (every action but enable roaming, V1 guide,
    /// "Enable Roaming": the URI).
    pub fn has_mac_variant(self) -> bool {
        self != DeviceAction::EnableRoaming
    }
}

/// One device action, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRequest {
    pub action: DeviceAction,
    pub device: DeviceRef,
    /// `Reason` (≤ 512 characters; required for lock and unlock).
    pub reason: Option<String>,
    /// Locate: `locatenow=true` asks the device for a fresh fix (V1 guide, "Locate a Device").
    pub locate_now: bool,
    /// Enable roaming: `voice` and `data`, both required (V1 guide, "Enable Roaming": the request
    /// table).
    pub voice: Option<bool>,
    pub data: Option<bool>,
}

impl ActionRequest {
    pub fn new(action: DeviceAction, device: DeviceRef) -> Self {
        ActionRequest {
            action,
            device,
            reason: None,
            locate_now: false,
            voice: None,
            data: None,
        }
    }
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = Some(reason.into());
        self
    }
    /// Checks what the guide requires before sending.
    pub fn validate(&self) -> Result<(), String> {
        if matches!(self.device, DeviceRef::Mac(_)) && !self.action.has_mac_variant() {
            return Err(format!("{} has no Wi-Fi MAC variant", self.action));
        }
        if self.action.takes_reason() {
            check_reason(self.reason.as_deref(), self.action.requires_reason())?;
        }
        if self.action == DeviceAction::EnableRoaming
            && (self.voice.is_none() || self.data.is_none())
        {
            return Err("voice and data are required".into());
        }
        Ok(())
    }
    pub fn method(&self) -> &'static str {
        self.action.method()
    }
    /// The path below the API base, e.g. `/v1/dm/devices/lock/mac/38AA3C62BFAD`.
    pub fn path(&self) -> String {
        format!(
            "/v1/dm/devices/{}/{}",
            self.action.as_str(),
            self.device.path_tail()
        )
    }
    /// The query pairs (keys as in the guide's examples: `Reason`, `locatenow`, `voice`, `data`).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if self.action.takes_reason() {
            if let Some(r) = self
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
            {
                q.push(("Reason", r.to_string()));
            }
        }
        if self.action == DeviceAction::Locate && self.locate_now {
            q.push(("locatenow", "true".to_string()));
        }
        if self.action == DeviceAction::EnableRoaming {
            if let Some(v) = self.voice {
                q.push(("voice", v.to_string()));
            }
            if let Some(d) = self.data {
                q.push(("data", d.to_string()));
            }
        }
        q
    }
}

/// Retire, lock, wipe, wakeup and enable roaming (V1 guide, the response examples of "Retire a
/// Device", "Lock a Device", "Wipe a Device", "Wakeup Client" and "Enable Roaming"): `messages`
/// plus `deviceUuid`; lock may add `unlockpasscode`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionResponse {
    #[serde(default)]
    pub messages: Messages,
    /// Sent on every answer (V1 guide, "Lock a Device": the response example attaches "not included
    /// for Android and iOS devices" to it too), trimmed of the guide's line breaks.
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    /// Lock only: the passcode that unlocks the device. "If this is missing, then the device was
    /// most likely locked with the user-set passcode"; not sent for Android and iOS (V1 guide,
    /// "Lock a Device": the response example).
    #[serde(
        rename = "unlockpasscode",
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub unlock_passcode: String,
}

impl ActionResponse {
    pub fn uuid(&self) -> &str {
        self.device_uuid.trim()
    }
}

/// Enable roaming answers two messages, voice first, then data (V1 guide, "Enable Roaming": the
/// response example).
pub type RoamingResponse = ActionResponse;

wire_enum!(
    /// The unlock passcode `value` codes (V1 guide, "Unlock a Device": the response example; "Send
    /// Action to bulk devices" leaves out `NA`). BlackBerry devices get the passcode itself
    /// instead, see [`Passcode::kind`].
    PasscodeCode {
        /// iOS: MDM-managed with a passcode; Android: has a passcode.
        Q = "Q",
        /// iOS: MDM-managed without a passcode; Android: no passcode.
        F = "F",
        /// iOS: not MDM-managed, unlock impossible; Android: unlock failed.
        Na = "NA",
    }
);

/// `<passcode>`: `uuid`, `name` (`user:platform:phone`), `value` (V1 guide, the response examples
/// of "Unlock a Device" and "Send Action to bulk devices").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Passcode {
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    /// `jdoe:Android:6505551212` (the guide's example has a leading space: V1 guide, "Unlock a
    /// Device").
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

impl Passcode {
    /// `Some(code)` for the Q/F/NA codes; `None` when `value` is a BlackBerry unlock passcode
    /// (or empty: "locked with the user-set passcode").
    pub fn kind(&self) -> Option<PasscodeCode> {
        PasscodeCode::parse_exact(self.value.trim())
    }
}

crate::v1::container!(
    /// `<passcodes><passcode>…</passcode></passcodes>`
    Passcodes, "passcode", Passcode
);

/// Unlock (V1 guide, "Unlock a Device": the response example): `messages` (`1 passcode(s) sent.`)
/// and `passcodes`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default)]
    pub passcodes: Passcodes,
}

wire_enum!(
    /// How a location was obtained (V1 guide, "Locate a Device": `lookupResult` in the response
    /// example).
    LookupResult {
        LookupFailure = "LookupFailure",
        Gps = "GPS",
        Cell = "Cell",
    }
);

/// `<location>` (V1 guide, "Locate a Device": the response example).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    /// `LookupFailure`, `GPS` or `Cell` (kept as text; see [`Location::result`]).
    #[serde(default, deserialize_with = "lenient::string")]
    pub lookup_result: String,
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub latitude: Option<f64>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub longitude: Option<f64>,
    /// Not described by the guide (V1 guide, "Locate a Device": `radius` in the response example);
    /// metres.
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub radius: Option<i64>,
    /// Epoch milliseconds (`1285802663000`, V1 guide, "Locate a Device"); see
    /// [`Location::captured_ms`].
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub captured_at: Option<i64>,
}

impl Location {
    pub fn result(&self) -> Option<LookupResult> {
        self.lookup_result.parse().ok()
    }
    /// The capture time in epoch milliseconds, whether the server sent seconds or ms.
    pub fn captured_ms(&self) -> Option<i64> {
        self.captured_at.map(crate::datetime::parse_epoch)
    }
    /// Latitude and longitude when the lookup produced a fix.
    pub fn position(&self) -> Option<(f64, f64)> {
        match (self.result(), self.latitude, self.longitude) {
            (Some(LookupResult::LookupFailure), _, _) => None,
            (_, Some(lat), Some(lon)) => Some((lat, lon)),
            _ => None,
        }
    }
}

crate::v1::container!(
    /// `<locations><location>…</location></locations>`
    Locations, "location", Location
);

/// Locate (V1 guide, "Locate a Device": the response example): `deviceUuid`, `messages`,
/// `locations`, `locateNow` (the request's flag).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocateResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    #[serde(default)]
    pub messages: Messages,
    #[serde(default)]
    pub locations: Locations,
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub locate_now: bool,
}

impl LocateResponse {
    /// The most recent location.
    pub fn latest(&self) -> Option<&Location> {
        self.locations
            .items
            .iter()
            .max_by_key(|l| l.captured_ms().unwrap_or(i64::MIN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn methods_and_paths_of_the_action_examples() {
        use DeviceAction::*;
        assert_eq!(
            [Retire, Lock, Unlock, Wipe, Wakeup, Locate, EnableRoaming].map(|a| a.method()),
            ["PUT", "PUT", "GET", "PUT", "GET", "GET", "PUT"]
        );
        // V1 guide, "Retire a Device", examples:
        // ".../dm/devices/retire/mac/38AA3C62BFAD?Reason=User%20replaced%20device"
        let r = ActionRequest::new(Retire, DeviceRef::Mac("38aa3c62bfad".into()))
            .reason("User replaced device");
        assert_eq!(r.path(), "/v1/dm/devices/retire/mac/38AA3C62BFAD");
        assert_eq!(r.query(), [("Reason", "User replaced device".to_string())]);
        assert!(r.validate().is_ok());
        // Reason is required for lock (V1 guide, "Lock a Device": the request table).
        let lock = ActionRequest::new(Lock, DeviceRef::Uuid("u".into()));
        assert!(lock.validate().is_err());
        // locate?locatenow=true (V1 guide, "Locate a Device", examples)
        let mut loc = ActionRequest::new(Locate, DeviceRef::Uuid("u".into()));
        loc.locate_now = true;
        assert_eq!(loc.query(), [("locatenow", "true".to_string())]);
        // enableroaming/{uuid}?voice=true&data=false; no MAC variant (V1 guide, "Enable Roaming").
        let mut roam = ActionRequest::new(EnableRoaming, DeviceRef::Uuid("u".into()));
        assert!(roam.validate().is_err());
        roam.voice = Some(true);
        roam.data = Some(false);
        assert_eq!(
            roam.query(),
            [("voice", "true".to_string()), ("data", "false".to_string())]
        );
        roam.device = DeviceRef::Mac("00".into());
        assert!(roam.validate().is_err());
    }

    #[test]
    fn unlock_a_device_response_example() {
        let v = json!({"messages": {"message": ["1 passcode(s) sent."]},
            "passcodes": {"passcode": {"uuid": "cf667a65-1e1a-4121-af63-398b11540d2f",
                "name": " jdoe:Android:6505551212", "value": "6910"}}});
        let r: UnlockResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.passcodes.items.len(), 1);
        assert_eq!(r.passcodes.items[0].kind(), None, "a BlackBerry passcode");
        let q = Passcode {
            value: "NA".into(),
            ..Default::default()
        };
        assert_eq!(q.kind(), Some(PasscodeCode::Na));
    }

    #[test]
    fn locate_a_device_response_example() {
        let v = json!({"deviceUuid": "cf667a65-1e1a-4121-af63-398b11540d2f",
            "messages": {"message": [""]},
            "locations": {"location": {"uuid": "cf667a65-1e1a-4121-af63-398b11540d2f",
                "lookupResult": "Cell", "latitude": 37.386433, "longitude": "-122.053902",
                "radius": 1500, "capturedAt": 1285802663000i64}},
            "locateNow": "false"});
        let r: LocateResponse = serde_json::from_value(v).unwrap();
        let l = r.latest().unwrap();
        assert_eq!(l.result(), Some(LookupResult::Cell));
        assert_eq!(l.position(), Some((37.386433, -122.053902)));
        assert_eq!(l.captured_ms(), Some(1_285_802_663_000));
        assert!(!r.locate_now);
    }

    #[test]
    fn lock_a_device_response_example() {
        let v = json!({"messages": {"message": "Device is locked successfully."},
            "deviceUuid": "caba40e7-f56b-44aa-ac70-79e32e91adf8", "unlockpasscode": 12345});
        let r: ActionResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.unlock_passcode, "12345");
        let out = serde_json::to_value(ActionResponse::default()).unwrap();
        assert!(out.get("unlockpasscode").is_none());
    }
}
