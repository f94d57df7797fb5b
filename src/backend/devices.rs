//! The devices area: lists by status, one device, server lookups, and the actions on devices, in
//! the portal's own terms. Each server implements it in its own module.

use super::ApiError;
use crate::domain::actions::{DeviceCommand, DeviceLocation, UnlockCode};
use crate::domain::device::{Device, StatusFilter};
use crate::domain::lookup::Lookup;
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
    /// The devices list offers actions on the selected devices.
    pub bulk: bool,
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
}
