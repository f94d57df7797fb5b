//! The records the world keeps beside devices, users and labels: policies, app settings, alerts,
//! ActiveSync associations, and the sparse per-device state that actions leave behind (action log,
//! location fixes, registration passcodes).

use wire::v1::{
    ActionSource, AlertDefn, AlertSeverity, AlertStatus, AlertTransport, AppSettingOrigin,
    AppSettingType, Entry, LookupResult, PolicyProfileType, PolicyType, Rule,
};

/// One line of a device's action log (what EPMM shows in Logs & Events, V1 guide, "Send Action to
/// bulk devices").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// Mock-clock epoch milliseconds.
    pub at_ms: i64,
    /// `LOCK`, `UNLOCK`, `RETIRE`, `WIPE`, `WAKEUP_DEVICE`, `LOCATE`, `ENABLE_ROAMING`,
    /// `SEND_MESSAGE`, `REPUSH_PROFILE`, `REGISTER`, `EAS_BLOCK_DEVICE`, …
    pub action: String,
    /// The principal that asked for it.
    pub by: String,
    /// Reason, message text, or what failed.
    pub detail: String,
    pub ok: bool,
}

/// A location fix (V1 guide, "Locate a Device": the response example).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fix {
    pub result: LookupResult,
    pub lat: f64,
    pub lon: f64,
    /// Metres.
    pub radius: i64,
    pub captured_ms: i64,
}

/// A registration waiting for the user to enter the passcode (V1 guide, "Register a Device": the
/// response example).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRegistration {
    pub passcode: String,
    pub url_code: String,
}

/// What actions changed on one device; kept sparse (`World::extras`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeviceExtra {
    pub log: Vec<LogEntry>,
    /// The latest fix, newer than the seeded one.
    pub fix: Option<Fix>,
    /// The fix before `fix`: what `locatenow=true` answers while the new fix is taken.
    pub previous_fix: Option<Fix>,
    /// Unlock cleared the passcode (Android/iOS, V1 guide, "Unlock a Device"); lock sets one again.
    pub passcode_cleared: bool,
    pub registration: Option<PendingRegistration>,
}

/// A policy of `/policies` (V1 guide, "Get Policies"). Policies are applied to labels; a device has
/// the active policies applied to any label it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRec {
    pub id: i64,
    /// The profile uuid shown by `/dm/devices/profiles` (`misystem-default-privacy-policy`).
    pub uuid: String,
    pub name: String,
    pub policy_type: PolicyType,
    pub profile: PolicyProfileType,
    pub active: bool,
    pub description: String,
    pub priority: i64,
    pub rules: Vec<Rule>,
    /// Label ids, in the order they were applied.
    pub labels: Vec<i64>,
    pub updated_ms: i64,
}

/// An app setting of `/appsettings` (V1 guide, "Get all Application Settings"), assigned to labels
/// like a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSettingRec {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub app_type: AppSettingType,
    pub origin: AppSettingOrigin,
    pub labels: Vec<i64>,
    pub properties: Vec<Entry>,
    pub updated_ms: i64,
}

/// An alert (V1 guide, "Get All Alerts"); the text is rendered from the kind, the device and
/// `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRec {
    pub id: i64,
    /// Index into `World::devices`.
    pub device: u32,
    pub defn: AlertDefn,
    pub severity: AlertSeverity,
    pub transport: AlertTransport,
    pub status: AlertStatus,
    pub read: bool,
    /// Epoch seconds.
    pub date_s: i64,
    pub updated_s: i64,
    pub update_by: String,
    pub retries: u8,
    pub label_id: i64,
    pub subscription: &'static str,
    /// Comments of the last update (not part of the alert output, V1 guide, "Get All Alerts": the
    /// response example).
    pub comments: String,
    /// Per-alert number the text's values are derived from.
    pub detail: u32,
}

/// The ActiveSync access of an association.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EasAccess {
    Allowed,
    Blocked,
    Wiped,
}

impl EasAccess {
    pub fn as_str(self) -> &'static str {
        match self {
            EasAccess::Allowed => "Allowed",
            EasAccess::Blocked => "Blocked",
            EasAccess::Wiped => "Wiped",
        }
    }
}

/// An ActiveSync device that no EPMM device is linked to (the unregistered groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnregisteredEas {
    pub user: String,
    pub model: &'static str,
    pub platform: &'static str,
    pub platform_code: i64,
    pub phone: String,
    pub device_id: String,
}

/// An ActiveSync association (V1 guide, "List All ActiveSync Devices"). Registered ones link to an
/// EPMM device (whose `eas_uuid` is this `uuid`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EasRec {
    pub uuid: String,
    /// Index into `World::devices` for registered devices.
    pub device: Option<u32>,
    pub access: EasAccess,
    pub source: ActionSource,
    pub first_sync_ms: i64,
    pub last_sync_ms: i64,
    pub unregistered: Option<Box<UnregisteredEas>>,
}

/// The extra collections of a world (see `World::install`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorldData {
    pub policies: Vec<PolicyRec>,
    pub app_settings: Vec<AppSettingRec>,
    pub alerts: Vec<AlertRec>,
    pub eas: Vec<EasRec>,
}
