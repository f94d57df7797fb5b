//! Device actions by uuid and by Wi-Fi MAC: retire, lock, unlock, wipe, wakeup, locate and enable
//! roaming (seed 003 L3350-4004; digest §3.1.6-§3.1.12).
//!
//! Requests: [`ActionRequest`] gives the method, path and query of every action, so callers never
//! build the strings by hand. Answers: [`ActionResponse`] (retire, lock, wipe, wakeup, enable
//! roaming), [`UnlockResponse`] and [`LocateResponse`].

use super::common::{check_reason, wire_enum, DeviceRef};
use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

wire_enum!(
    /// A single-device action. Unlock, wakeup and locate are **GET** although they act on the
    /// device (L3545, L3730, L3805; digest §7 #28); the others are PUT.
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
    /// Whether `Reason` is required: lock (L3458) and unlock (L3554); optional for retire (L3377)
    /// and wipe (L3663); not taken by the others.
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
    /// Whether a `/mac/{macaddress}` variant exists (every action but enable roaming, L3917-3920).
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
    /// Locate: `locatenow=true` asks the device for a fresh fix (L3781-3787).
    pub locate_now: bool,
    /// Enable roaming: `voice` and `data`, both required (L3936-3952).
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

/// Retire (L3404-3427), lock (L3485-3518), wipe (L3691-3711), wakeup (L3752-3775) and enable
/// roaming (L3959-4004): `messages` plus `deviceUuid`; lock may add `unlockpasscode`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionResponse {
    #[serde(default)]
    pub messages: Messages,
    /// Sent on every answer (digest §7 #27), trimmed of the guide's line breaks.
    #[serde(default, deserialize_with = "lenient::string")]
    pub device_uuid: String,
    /// Lock only: the passcode that unlocks the device. "If this is missing, then the device was
    /// most likely locked with the user-set passcode"; not sent for Android and iOS (L3511-3516).
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

/// Enable roaming answers two messages, voice first, then data (L3969-4002).
pub type RoamingResponse = ActionResponse;

wire_enum!(
    /// The unlock passcode `value` codes (L3608-3630; digest §4.7, §7 #35). BlackBerry devices
    /// get the passcode itself instead, see [`Passcode::kind`].
    PasscodeCode {
        /// iOS: MDM-managed with a passcode; Android: has a passcode.
        Q = "Q",
        /// iOS: MDM-managed without a passcode; Android: no passcode.
        F = "F",
        /// iOS: not MDM-managed, unlock impossible; Android: unlock failed.
        Na = "NA",
    }
);

/// `<passcode>`: `uuid`, `name` (`user:platform:phone`), `value` (L3597-3634, L4335-4368).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Passcode {
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    /// `jdoe:Android:6505551212` (the guide's example has a leading space, L3606).
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

/// Unlock (L3582-3636): `messages` (`1 passcode(s) sent.`) and `passcodes`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default)]
    pub passcodes: Passcodes,
}

wire_enum!(
    /// How a location was obtained (L3873-3881).
    LookupResult {
        LookupFailure = "LookupFailure",
        Gps = "GPS",
        Cell = "Cell",
    }
);

/// `<location>` (L3866-3892).
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
    /// Not described by the guide (L3887); metres (digest §7 #31).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub radius: Option<i64>,
    /// Epoch milliseconds (`1285802663000`, L3889); see [`Location::captured_ms`].
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

/// Locate (L3844-3897): `deviceUuid`, `messages`, `locations`, `locateNow` (the request's flag).
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
    fn methods_and_paths_l3361_3920() {
        use DeviceAction::*;
        assert_eq!(
            [Retire, Lock, Unlock, Wipe, Wakeup, Locate, EnableRoaming].map(|a| a.method()),
            ["PUT", "PUT", "GET", "PUT", "GET", "GET", "PUT"]
        );
        // L3360: ".../dm/devices/retire/mac/38AA3C62BFAD?Reason=User%20replaced%20device"
        let r = ActionRequest::new(Retire, DeviceRef::Mac("38aa3c62bfad".into()))
            .reason("User replaced device");
        assert_eq!(r.path(), "/v1/dm/devices/retire/mac/38AA3C62BFAD");
        assert_eq!(r.query(), [("Reason", "User replaced device".to_string())]);
        assert!(r.validate().is_ok());
        // L3458: Reason is required for lock.
        let lock = ActionRequest::new(Lock, DeviceRef::Uuid("u".into()));
        assert!(lock.validate().is_err());
        // L3796-3797: locate?locatenow=true
        let mut loc = ActionRequest::new(Locate, DeviceRef::Uuid("u".into()));
        loc.locate_now = true;
        assert_eq!(loc.query(), [("locatenow", "true".to_string())]);
        // L3915-3916: enableroaming/{uuid}?voice=true&data=false; no MAC variant.
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
    fn unlock_example_l3584_3636() {
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
    fn locate_example_l3845_3897() {
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
    fn lock_answer_l3487_3518() {
        let v = json!({"messages": {"message": "Device is locked successfully."},
            "deviceUuid": "caba40e7-f56b-44aa-ac70-79e32e91adf8", "unlockpasscode": 12345});
        let r: ActionResponse = serde_json::from_value(v).unwrap();
        assert_eq!(r.unlock_passcode, "12345");
        let out = serde_json::to_value(ActionResponse::default()).unwrap();
        assert!(out.get("unlockpasscode").is_none());
    }
}
