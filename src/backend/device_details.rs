//! The device page's further tabs, in the portal's own terms: what the server reports is on a
//! device (apps, certificates, configuration profiles), the device groups it is in, settings the
//! server can switch on it, and its custom attributes. A server shows the tabs it lists in
//! [`super::devices::DeviceCaps::tabs`], keyed by the names in [`tab`]; the methods of a tab it
//! does not list are never called (their default answer says the server does not offer them).

use super::ApiError;
use crate::domain::attributes::{AttributeChange, AttributeField};
use crate::domain::device::Device;
use crate::domain::inventory::{
    DeviceCertificate, DeviceSetting, GroupMembership, InstalledApp, InstalledProfile, SettingState,
};

/// The URL keys (`?tab=`) of these tabs.
pub mod tab {
    pub const APPS: &str = "apps";
    pub const CERTIFICATES: &str = "certificates";
    pub const INSTALLED_PROFILES: &str = "installed-profiles";
    pub const GROUPS: &str = "groups";
    pub const SETTINGS: &str = "settings";
    pub const ATTRIBUTES: &str = "attributes";
    pub const ALL: [&str; 6] = [
        APPS,
        CERTIFICATES,
        INSTALLED_PROFILES,
        GROUPS,
        SETTINGS,
        ATTRIBUTES,
    ];
}

fn not_offered() -> ApiError {
    ApiError::rejected(0, "This server does not offer this.")
}

#[async_trait::async_trait(?Send)]
pub trait DeviceDetailsApi: Send + Sync {
    /// Why the tab `tab` has nothing to show for this device (a platform the server does not
    /// report it for, a device that has not enrolled), or `None`.
    fn unavailable(&self, _tab: &str, _device: &Device) -> Option<&'static str> {
        None
    }

    /// The apps on the device.
    async fn applications(&self, _device: &Device) -> Result<Vec<InstalledApp>, ApiError> {
        Err(not_offered())
    }

    /// The certificates on the device.
    async fn certificates(&self, _device: &Device) -> Result<Vec<DeviceCertificate>, ApiError> {
        Err(not_offered())
    }

    /// The configuration profiles on the device.
    async fn profiles(&self, _device: &Device) -> Result<Vec<InstalledProfile>, ApiError> {
        Err(not_offered())
    }

    /// The device groups the device is in.
    async fn groups(&self, _device: &Device) -> Result<Vec<GroupMembership>, ApiError> {
        Err(not_offered())
    }

    /// The settings the server can switch, as the device last reported them.
    async fn settings(&self, _device: &Device) -> Result<Vec<SettingState>, ApiError> {
        Err(not_offered())
    }

    /// Switches a setting on or off; answers what to tell the user.
    async fn change_setting(
        &self,
        _device: &Device,
        _setting: DeviceSetting,
        _enabled: bool,
    ) -> Result<String, ApiError> {
        Err(not_offered())
    }

    /// The custom attributes the server describes for devices.
    async fn attribute_fields(&self) -> Result<Vec<AttributeField>, ApiError> {
        Err(not_offered())
    }

    /// Why this device's attributes cannot be written now, or `None`.
    fn attributes_read_only(&self, _device: &Device) -> Option<&'static str> {
        None
    }

    /// Writes attribute values (`None` clears one); answers what to tell the user.
    async fn set_attributes(
        &self,
        _device: &Device,
        _changes: &[AttributeChange],
    ) -> Result<String, ApiError> {
        Err(not_offered())
    }
}
