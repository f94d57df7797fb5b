//! Ivanti EPMM V1 Web Services API (the "Ivanti EPMM V1 API Guide" for EPMM 11.8.0.0, Nov 7 2022,
//! cited by section title, e.g. V1 guide, "Get Devices by Status").
//!
//! JSON shape (our reading of public clients, digest `epmm-v1-api.md`, "1.5 Response formats and
//! XML roots" and "8. Decisions for the mock server and the client", #3): the XML root element is
//! dropped, containers keep their XML names and hold arrays (`{"devices": {"device": [...]}}`),
//! `messages` is `{"message": [...]}`, and list answers carry `totalCount`. An empty result is a
//! 404 whose body is the same envelope with `totalCount` 0 (V1 guide, "HTTP Response Codes": "404 –
//! No Data Found" on every call).

pub mod actions;
pub mod alerts;
pub mod apps;
pub mod appsettings;
pub mod bitmap;
pub mod bulk;
mod common;
pub mod device;
pub mod eas;
pub mod label;
pub mod policies;
pub mod reference;
pub mod sm;
pub mod status;

pub use actions::{
    ActionRequest, ActionResponse, DeviceAction, LocateResponse, Location, LookupResult, Passcode,
    PasscodeCode, Passcodes, RoamingResponse, UnlockResponse,
};
pub use alerts::{
    Alert, AlertDefn, AlertListResponse, AlertScope, AlertSeverity, AlertStatus, AlertTransport,
    AlertUpdate, AlertUpdateResponse,
};
pub use apps::{AppConnectSession, AppInventoryResponse, InventoryRequest};
pub use appsettings::{AppSetting, AppSettingListResponse, AppSettingOrigin, AppSettingType};
pub use bulk::{
    BulkAction, BulkResponse, FailedDevices, MessageMode, SendMessageRequest, SendMessageResponse,
};
pub use common::{
    check_reason, encode_segment, form_body, DeviceRef, Uuids, LDAP_MAX_RESULTS,
    LDAP_MIN_SEARCH_CHARS, MAX_BULK_DEVICES, MAX_COMMENTS_CHARS, MAX_REASON_CHARS, PASSWORD_CHARS,
};
pub use device::{normalize_mac, Device, Entries, Entry, ListDevice};
pub use eas::{
    ActionSource, EasAction, EasActionResponse, EasDevice, EasDeviceDetail, EasGroup,
    EasListResponse,
};
pub use label::Label;
pub use policies::{
    Policy, PolicyLabelAction, PolicyLabelResponse, PolicyListResponse, PolicyProfileType,
    PolicyStatus, PolicyType, ResourceDto, Rule,
};
pub use reference::{
    Country, CountryListResponse, Operator, OperatorListResponse, Profile, ProfileListResponse,
    ProfileType, RegisterDeviceType, RegisterPlatform, RegisterRequest, RegisterResponse,
    Registration, RepushRequest, RepushResponse,
};
pub use sm::{
    AuthenticateRequest, ChangePasswordRequest, PasswordChangeResponse, User, UserListResponse,
    UserResponse,
};
pub use status::DeviceStatus;

use crate::lenient::{self, Messages};
use serde::{Deserialize, Serialize};

/// Declares a container element such as `devices` holding repeated `device` children. An empty
/// container may also arrive as `""` or `null` (an empty XML element, [`lenient`]).
macro_rules! container {
    ($(#[$m:meta])* $name:ident, $child:literal, $t:ty) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize)]
        pub struct $name {
            #[serde(rename = $child)]
            pub items: Vec<$t>,
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                struct Element {
                    #[serde(
                        rename = $child,
                        default,
                        deserialize_with = "crate::lenient::one_or_many"
                    )]
                    items: Vec<$t>,
                }
                let e: Option<Element> = $crate::lenient::element_or_empty(d)?;
                Ok($name {
                    items: e.map(|e| e.items).unwrap_or_default(),
                })
            }
        }
        impl From<Vec<$t>> for $name {
            fn from(items: Vec<$t>) -> Self {
                $name { items }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use container;

container!(
    /// `<devices><device>…</device></devices>`
    Devices, "device", Device
);
container!(
    /// `<labels><label>…</label></labels>`
    Labels, "label", Label
);

/// An answer that only carries `messages` (errors, and actions without a payload).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessagesOnly {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
}

/// Where the devices are in a [`DeviceListResponse`]: the object keys from the root to the array
/// (`{"devices":{"device":[…]}}`), for reading it while it arrives ([`crate::stream`]).
pub const DEVICE_LIST_ARRAY: &[&str] = &["devices", "device"];

/// The `totalCount` of a list answer read so far (`head`: the text before its array, as
/// [`crate::stream::ArrayStream`] gives it), to size the list before the devices arrive: growing
/// a list of 100,000 devices by doubling holds the old and the new storage at once, and wasm
/// memory keeps its peak. Only a hint: `None` unless the key is there with a plain number, and
/// never above `cap`.
pub fn total_count_hint(head: &[u8], cap: usize) -> Option<usize> {
    const KEY: &[u8] = b"\"totalCount\"";
    let at = head.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let rest = head[at..]
        .trim_ascii_start()
        .strip_prefix(b":")?
        .trim_ascii_start();
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let n: usize = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    Some(n.min(cap))
}

/// `GET /dm/devices`, `/dm/phones/…`, `/dm/users/…`, `/dm/labels/{name}` (V1 guide, "Get Devices by
/// Status" and "Get Device Details for a Phone Number/User/Label/Wi-Fi MAC Address").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceListResponse {
    /// The requested phone number, for phone lookups of one number (V1 guide, "Get Device Details
    /// for a Phone Number/User/Label/Wi-Fi MAC Address": the response example).
    #[serde(
        default,
        deserialize_with = "lenient::string",
        skip_serializing_if = "String::is_empty"
    )]
    pub phone_number: String,
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub devices: Devices,
}

/// `GET /dm/devices/{uuid}` and `/dm/devices/mac/{mac}`: one `device` straight under the root
/// (V1 guide, "Get Device details for a specific device": the response example has no `devices`
/// wrapper).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
}

/// `GET /dm/devices/mac/{macaddress}` (V1 guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address", URI 4): the guide's shared lookup shape has a `devices`
/// list, while public clients read a single `device` (PacketFence's `mobileiron.pm`, digest
/// `epmm-v1-api.md`, "3.1.4 Device lookups"); the mock sends both, and
/// [`MacLookupResponse::device`] reads either.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MacLookupResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Device>,
    #[serde(default)]
    pub devices: Devices,
}

impl MacLookupResponse {
    pub fn device(&self) -> Option<&Device> {
        self.device.as_ref().or(self.devices.items.first())
    }
}

/// `GET /dm/labels` (V1 guide, "Get all Labels").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelListResponse {
    #[serde(default)]
    pub messages: Messages,
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_count: Option<u64>,
    #[serde(default)]
    pub labels: Labels,
}

#[cfg(test)]
mod tests;
