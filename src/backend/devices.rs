//! The devices area: lists by status, one device, server lookups, and the actions on devices, in
//! the portal's own terms. Each server implements it in its own module.

use super::ApiError;
use crate::domain::actions::{DeviceCommand, DeviceLocation, UnlockCode};
use crate::domain::attributes::AttributeChange;
use crate::domain::bulk::{BulkKind, BulkOutcome, DeviceSetting};
use crate::domain::device::{Device, StatusFilter};
use crate::domain::forms::{MessageLimits, MessageMode};
use crate::domain::lookup::Lookup;
use crate::domain::profile::Profile;
use std::sync::Arc;

/// Told about a list while it loads: the rows so far and, where the server says, how many there
/// will be. The loader decides when to show them.
pub trait Progress<T> {
    fn partial(&self, rows: &[T], total: Option<usize>);
}

/// For callers that only want the whole list.
pub struct Quiet;

impl<T> Progress<T> for Quiet {
    fn partial(&self, _: &[T], _: Option<usize>) {}
}

/// What the server answered to an action on one device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionOutcome {
    /// The server's own words, if any.
    pub message: String,
    /// Lock: the passcode that unlocks the device, when the server generated one.
    pub lock_passcode: Option<String>,
    /// Unlock: the passcodes the server answered.
    pub unlock_codes: Option<Vec<UnlockCode>>,
}

/// What an action needs besides the device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionInput {
    /// Why (for actions that take a reason).
    pub reason: String,
    /// Roaming: (voice, data).
    pub roaming: Option<(bool, bool)>,
}

/// What the device page and the devices list can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceCaps {
    /// The status filter, in order; the first is the default.
    pub statuses: &'static [StatusFilter],
    /// The actions on one device, in the order of their buttons.
    pub actions: &'static [DeviceCommand],
    /// The longest reason an action takes.
    pub reason_max: usize,
    /// The device page's tabs after the overview: (URL key, label).
    pub tabs: &'static [(&'static str, &'static str)],
    /// The search box also asks the server (group members, a user's devices, a MAC).
    pub lookups: bool,
    /// The server reports a device as it was at its last check-in (the device page says so).
    pub as_of_check_in: bool,
    /// The actions on selected devices, in the order of their buttons.
    pub bulk: &'static [BulkKind],
    /// How [`BulkKind::Message`] can send, with each mode's limits; the first is the default.
    pub messages: &'static [MessageLimits],
}

/// A message to devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub mode: MessageMode,
    /// For the modes that have one ([`MessageLimits::subject_max`]).
    pub subject: String,
    pub body: String,
    /// The body is HTML (where [`MessageLimits::html`]).
    pub html: bool,
}

/// What a bulk action does to each device, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    Lock,
    Unlock,
    WakeUp,
    CheckIn,
    Retire,
    Wipe,
    Message(Message),
    Setting {
        setting: DeviceSetting,
        enabled: bool,
    },
    /// Custom device attributes: each name with its new value (`None` clears it).
    Attributes(Vec<AttributeChange>),
}

impl BulkAction {
    /// The action of a kind that needs nothing but the devices.
    pub fn simple(kind: BulkKind) -> Option<BulkAction> {
        match kind {
            BulkKind::Lock => Some(BulkAction::Lock),
            BulkKind::Unlock => Some(BulkAction::Unlock),
            BulkKind::WakeUp => Some(BulkAction::WakeUp),
            BulkKind::CheckIn => Some(BulkAction::CheckIn),
            BulkKind::Retire => Some(BulkAction::Retire),
            BulkKind::Wipe => Some(BulkAction::Wipe),
            BulkKind::Message | BulkKind::Setting(_) | BulkKind::Attributes => None,
        }
    }

    pub fn kind(&self) -> BulkKind {
        match self {
            BulkAction::Lock => BulkKind::Lock,
            BulkAction::Unlock => BulkKind::Unlock,
            BulkAction::WakeUp => BulkKind::WakeUp,
            BulkAction::CheckIn => BulkKind::CheckIn,
            BulkAction::Retire => BulkKind::Retire,
            BulkAction::Wipe => BulkKind::Wipe,
            BulkAction::Message(_) => BulkKind::Message,
            BulkAction::Setting { setting, .. } => BulkKind::Setting(*setting),
            BulkAction::Attributes(_) => BulkKind::Attributes,
        }
    }
}

/// How far a bulk action has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkStatus {
    /// Devices whose part the server has answered (or that failed).
    pub done: usize,
    pub total: usize,
    /// The server is busy: the next part is sent again in this many seconds.
    pub waiting_secs: Option<u32>,
}

/// Told how a bulk action is going; asked whether to go on.
pub trait BulkProgress {
    fn report(&self, status: BulkStatus);
    /// The admin stopped the action (or left): parts not yet sent are not sent.
    fn stopped(&self) -> bool;
}

#[async_trait::async_trait(?Send)]
pub trait DeviceApi: Send + Sync {
    fn caps(&self) -> &DeviceCaps;

    /// Every device with the server's status `status` (a key of [`DeviceCaps::statuses`]); the
    /// whole list, walked to the end where the server pages it, reporting rows as they arrive.
    async fn list(
        &self,
        status: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError>;

    /// One device with all its details.
    async fn get(&self, id: &str) -> Result<Device, ApiError>;

    /// The names of the device groups a search can look up ([`Lookup::Label`]).
    async fn group_names(&self) -> Result<Vec<String>, ApiError>;

    /// Devices found by a server lookup (any status). No match is an empty list.
    async fn lookup(&self, lookup: &Lookup) -> Result<Arc<Vec<Device>>, ApiError>;

    /// Why `action` is not possible on `device` now, or `None` when it is.
    fn refusal(&self, device: &Device, action: DeviceCommand) -> Option<&'static str>;

    /// Runs one action on one device.
    async fn run(
        &self,
        device: &Device,
        action: DeviceCommand,
        input: &ActionInput,
    ) -> Result<ActionOutcome, ApiError>;

    /// The last known location; `now` asks the device for a fresh fix first.
    async fn locate(&self, id: &str, now: bool) -> Result<Option<DeviceLocation>, ApiError>;

    /// The profiles (policies and configurations) installed on the device, where the server
    /// lists them (the device page's "profiles" tab).
    async fn profiles(&self, _id: &str) -> Result<Arc<Vec<Profile>>, ApiError> {
        Err(not_offered("the profiles of a device"))
    }

    /// Pushes one profile again, or all of them (`None`); answers the server's message.
    async fn repush(&self, _id: &str, _profile: Option<&Profile>) -> Result<String, ApiError> {
        Err(not_offered("pushing profiles again"))
    }

    /// Runs a bulk action (one of [`DeviceCaps::bulk`]) on the devices `ids`: in as many
    /// requests, at the pace and with the waits the server needs, reporting progress, until done
    /// or stopped. The outcome is per device and never claims more than the server confirmed;
    /// a request that failed as a whole is in it too.
    async fn bulk(
        &self,
        action: &BulkAction,
        ids: &[String],
        _progress: &dyn BulkProgress,
    ) -> BulkOutcome {
        // Only reached by a mistake: a server without bulk actions has an empty `caps().bulk`.
        let mut outcome = BulkOutcome::new(ids.len(), action.kind());
        outcome.add(
            ids,
            Err(not_offered("actions on several devices").to_string()),
        );
        outcome
    }
}

/// The error of a call this server does not offer (the screens follow the capabilities, so
/// this is only reached by a mistake).
pub fn not_offered(what: &str) -> ApiError {
    ApiError::rejected(0, format!("This server does not offer {what}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_actions_are_their_own_kind() {
        for k in [
            BulkKind::Lock,
            BulkKind::Unlock,
            BulkKind::WakeUp,
            BulkKind::CheckIn,
            BulkKind::Retire,
            BulkKind::Wipe,
        ] {
            assert_eq!(BulkAction::simple(k).map(|a| a.kind()), Some(k));
        }
        // The others carry what the admin entered.
        assert_eq!(BulkAction::simple(BulkKind::Message), None);
        assert_eq!(BulkAction::simple(BulkKind::Attributes), None);
        let hotspot = BulkAction::Setting {
            setting: DeviceSetting::PersonalHotspot,
            enabled: false,
        };
        assert_eq!(
            hotspot.kind(),
            BulkKind::Setting(DeviceSetting::PersonalHotspot)
        );
    }
}
