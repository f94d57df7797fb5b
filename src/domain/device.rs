//! The portal's device model: what every screen talks about, whatever backend answered.

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::borrow::Cow;
use std::sync::Arc;

/// Where a device is in its life, in the portal's own words: a small set every server maps onto.
/// The server's own status is kept beside it ([`Device::status_key`], [`Device::status_label`]) for
/// display and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lifecycle {
    /// Registration or enrollment started but not completed.
    Enrolling,
    Active,
    /// Managed, but blocked or quarantined by the server.
    Blocked,
    Lost,
    /// A retire was sent and not yet confirmed by the device.
    Retiring,
    Retired,
    /// A wipe was sent and not yet confirmed by the device.
    Wiping,
    Wiped,
    /// The registration expired before it completed.
    Expired,
    /// A status the portal cannot place.
    #[default]
    Unknown,
}

impl Lifecycle {
    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Enrolling => "Enrolling",
            Lifecycle::Active => "Active",
            Lifecycle::Blocked => "Blocked",
            Lifecycle::Lost => "Lost",
            Lifecycle::Retiring => "Retiring",
            Lifecycle::Retired => "Retired",
            Lifecycle::Wiping => "Wiping",
            Lifecycle::Wiped => "Wiped",
            Lifecycle::Expired => "Expired",
            Lifecycle::Unknown => "Unknown",
        }
    }

    /// No longer managed: nothing can be done to it.
    pub fn is_gone(self) -> bool {
        matches!(self, Lifecycle::Retired | Lifecycle::Retiring)
    }
}

/// A status the server filters its device lists by: its own key (in URLs and requests), the
/// words people read, and where it sits in the portal's lifecycle. An empty key means "every
/// status" where the server can list all devices at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusFilter {
    pub key: &'static str,
    pub label: &'static str,
    pub lifecycle: Lifecycle,
}

/// Operating-system family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OsFamily {
    Android,
    Ios,
    Windows,
    MacOs,
    #[default]
    Other,
}

impl OsFamily {
    /// From a free-text platform string such as `Android 4.4`, `iOS 17.5`, `iPhone`, `Mac OS X`.
    pub fn from_platform(p: &str) -> OsFamily {
        let l = p.to_ascii_lowercase();
        if l.starts_with("android") {
            OsFamily::Android
        } else if l.starts_with("ios") || l.starts_with("iphone") || l.starts_with("ipad") {
            OsFamily::Ios
        } else if l.starts_with("mac") || l.contains("os x") || l.starts_with("macos") {
            OsFamily::MacOs
        } else if l.starts_with("windows") {
            OsFamily::Windows
        } else {
            OsFamily::Other
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            OsFamily::Android => "Android",
            OsFamily::Ios => "iOS",
            OsFamily::Windows => "Windows",
            OsFamily::MacOs => "macOS",
            OsFamily::Other => "Other",
        }
    }
}

/// Who owns the hardware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ownership {
    Employee,
    #[default]
    Company,
}

impl Ownership {
    pub fn label(self) -> &'static str {
        match self {
            Ownership::Employee => "Employee",
            Ownership::Company => "Company",
        }
    }
}

/// Text that many devices repeat (a model, an OS version, a status): one copy shared by all of
/// them, from [`shared`].
pub type Shared = Cow<'static, str>;

/// The most distinct texts [`shared`] keeps; past it, texts are owned by their device (a server
/// sending a different model on every device costs what it did before, and no more).
const SHARED_MAX: usize = 4096;

thread_local! {
    // Fx: a lookup per text field of every device of a 100,000-device list; SipHash's
    // protection against chosen keys buys nothing for a pool capped at `SHARED_MAX`.
    static POOL: std::cell::RefCell<std::collections::HashSet<&'static str, rustc_hash::FxBuildHasher>> =
        Default::default();
}

/// One copy of a text that repeats across devices: 80,000 devices of a few dozen models hold a
/// few dozen strings, not 80,000. The pool lives as long as the page (it is small: see
/// [`SHARED_MAX`]).
pub fn shared(text: &str) -> Shared {
    if text.is_empty() {
        return Cow::Borrowed("");
    }
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        // A text already pooled (most devices' texts) costs a lookup, no allocation.
        if let Some(&s) = pool.get(text) {
            Cow::Borrowed(s)
        } else if pool.len() < SHARED_MAX {
            let s: &'static str = Box::leak(text.into());
            pool.insert(s);
            Cow::Borrowed(s)
        } else {
            Cow::Owned(text.to_string())
        }
    })
}

/// A managed device: a shared handle on its facts, so that a list of 100,000 devices can be shown
/// while it still loads (each partial list is a copy of handles, not of devices) and a row costs a
/// reference count to clone. Reading goes through to [`DeviceInfo`]; writing copies the facts
/// first if another list still holds them (copy on write).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Device(Arc<DeviceInfo>);

impl From<DeviceInfo> for Device {
    fn from(info: DeviceInfo) -> Self {
        Device(Arc::new(info))
    }
}

impl std::ops::Deref for Device {
    type Target = DeviceInfo;
    fn deref(&self) -> &DeviceInfo {
        &self.0
    }
}

impl std::ops::DerefMut for Device {
    fn deref_mut(&mut self) -> &mut DeviceInfo {
        Arc::make_mut(&mut self.0)
    }
}

/// What the portal knows of a device (see [`Device`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DeviceInfo {
    /// The server's identifier (a UUID on one server, a GUID on another): opaque, used in
    /// routes and requests.
    pub id: String,
    pub name: String,
    /// Login name of the user.
    pub user: String,
    pub user_display_name: String,
    pub email: String,
    /// Platform as reported, e.g. `Android 14`.
    pub platform: Shared,
    pub os: OsFamily,
    pub manufacturer: Shared,
    pub model: Shared,
    pub lifecycle: Lifecycle,
    /// The server's own status value (`IENROLL_VERIFIED`, `RETIRE_SENT`…), as its filters use it.
    pub status_key: Shared,
    /// The server's status in words.
    pub status_label: Shared,
    pub phone: String,
    pub operator: Shared,
    pub country: Shared,
    /// Epoch ms.
    pub last_seen: Option<i64>,
    pub registered: Option<i64>,
    /// Meets the compliance rules (`compliance_reasons` says why not, where the server says).
    pub compliant: bool,
    pub quarantined: bool,
    pub blocked: bool,
    /// Jailbroken or rooted.
    pub compromised: bool,
    pub ownership: Ownership,
    pub wifi_mac: String,
    pub imei: String,
    pub serial: String,
    pub os_version: Shared,
    pub client_version: Shared,
    pub comment: String,
    pub user_id: String,
    pub home_operator: Shared,
    /// Managed through the platform's MDM protocol (iOS MDM profile installed); `None` where
    /// the server does not say.
    pub mdm_managed: Option<bool>,
    /// ActiveSync (Exchange) identity of the device, if it syncs mail.
    pub eas_id: String,
    pub eas_last_sync: Option<i64>,
    /// Why the device is out of compliance, quarantined or blocked, in words (empty = none).
    pub compliance_reasons: Vec<Cow<'static, str>>,
    pub quarantine_reasons: Vec<Cow<'static, str>>,
    pub block_reasons: Vec<Cow<'static, str>>,
    /// Further identifiers and facts this server gives (label, value), shown on the device page.
    pub extra: Vec<(Cow<'static, str>, String)>,
    /// Custom attributes (name, value), as the server names them.
    pub attributes: Vec<(String, String)>,
    /// All platform detail keys, as sent.
    pub details: Vec<(String, String)>,
}

impl DeviceInfo {
    pub fn state_label(&self) -> String {
        if self.status_label.is_empty() {
            self.lifecycle.label().to_string()
        } else {
            self.status_label.to_string()
        }
    }
    /// "Compliant" or "N issues".
    pub fn compliance_label(&self) -> String {
        match (self.compliant, self.compliance_reasons.len()) {
            (true, 0) => "Compliant".into(),
            (false, 0) | (_, 1) => "1 issue".into(),
            (_, n) => format!("{n} issues"),
        }
    }
    /// How many compliance issues, for sorting.
    pub fn compliance_issues(&self) -> usize {
        if self.compliant && self.compliance_reasons.is_empty() {
            0
        } else {
            self.compliance_reasons.len().max(1)
        }
    }
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn date_text(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_short).unwrap_or_default()
}

/// The device page of a device.
pub fn device_href(d: &Device) -> String {
    crate::routes::device(&d.id)
}

/// The columns of every devices table, in default order.
pub fn device_columns() -> Vec<Column<Device>> {
    vec![
        Column::new("name", "Name", |d: &Device| d.name.clone()).link(device_href),
        Column::new("user", "User", |d: &Device| d.user.clone()),
        Column::new("display_name", "Display name", |d: &Device| {
            d.user_display_name.clone()
        })
        .hidden(),
        Column::new("email", "Email", |d: &Device| d.email.clone()).hidden(),
        Column::new("platform", "Platform", |d: &Device| d.platform.to_string()),
        Column::new("manufacturer", "Manufacturer", |d: &Device| {
            d.manufacturer.to_string()
        })
        .hidden(),
        Column::new("model", "Model", |d: &Device| d.model.to_string()),
        Column::new("status", "Status", |d: &Device| d.state_label()).kind(CellKind::Badge),
        Column::new("phone", "Phone", |d: &Device| d.phone.clone()),
        Column::new("operator", "Operator", |d: &Device| d.operator.to_string()).hidden(),
        Column::new("country", "Country", |d: &Device| d.country.to_string()).hidden(),
        Column::new("last_seen", "Last check-in", |d: &Device| {
            date_text(d.last_seen)
        })
        .at(|d: &Device| d.last_seen),
        Column::new("registered", "Registered", |d: &Device| {
            date_text(d.registered)
        })
        .at(|d: &Device| d.registered)
        .hidden(),
        Column::new("compliance", "Compliance", |d: &Device| {
            d.compliance_label()
        })
        .sort_by(|d: &Device| SortKey::Int(d.compliance_issues() as i64))
        .kind(CellKind::Badge),
        Column::new("ownership", "Ownership", |d: &Device| {
            d.ownership.label().to_string()
        })
        .hidden(),
        Column::new("wifi_mac", "Wi-Fi MAC", |d: &Device| d.wifi_mac.clone())
            .kind(CellKind::Code)
            .hidden(),
        Column::new("imei", "IMEI", |d: &Device| d.imei.clone())
            .kind(CellKind::Code)
            .hidden(),
        Column::new("serial", "Serial number", |d: &Device| d.serial.clone())
            .kind(CellKind::Code)
            .hidden(),
        Column::new("os_version", "OS version", |d: &Device| {
            d.os_version.to_string()
        })
        .hidden(),
        Column::new("client_version", "Client version", |d: &Device| {
            d.client_version.to_string()
        })
        .hidden(),
        Column::new("uuid", "UUID", |d: &Device| d.id.clone())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Devices of one model share one copy of its name; a copy of a device list copies handles.
    #[test]
    fn repeated_texts_and_copied_lists_share_their_memory() {
        let a = shared("Pixel 8");
        let b = shared(&String::from("Pixel 8"));
        assert!(matches!((&a, &b), (Cow::Borrowed(_), Cow::Borrowed(_))));
        assert_eq!(a.as_ptr(), b.as_ptr());
        assert_eq!(shared(""), "");
        let list: Vec<Device> = (0..3)
            .map(|i| {
                DeviceInfo {
                    id: format!("d{i}"),
                    model: a.clone(),
                    ..Default::default()
                }
                .into()
            })
            .collect();
        let copy = list.clone();
        assert!(std::ptr::eq(&*list[2], &*copy[2]));
        // Writing to one copy leaves the other as it was.
        let mut edited = copy[2].clone();
        edited.name = "renamed".into();
        assert_eq!(
            (list[2].name.as_str(), edited.name.as_str()),
            ("", "renamed")
        );
    }

    #[test]
    fn os_family_from_platform_strings() {
        assert_eq!(OsFamily::from_platform("Android 4.4"), OsFamily::Android);
        assert_eq!(OsFamily::from_platform("iOS 17.5"), OsFamily::Ios);
        assert_eq!(OsFamily::from_platform("iPhone"), OsFamily::Ios);
        assert_eq!(OsFamily::from_platform("Mac OS X"), OsFamily::MacOs);
        assert_eq!(OsFamily::from_platform("macOS 14"), OsFamily::MacOs);
        assert_eq!(OsFamily::from_platform("Windows 11"), OsFamily::Windows);
        assert_eq!(OsFamily::from_platform("BlackBerry"), OsFamily::Other);
    }

    #[test]
    fn compliance_label_counts_reasons_or_the_flag() {
        let mut d = Device::from(DeviceInfo {
            compliant: true,
            ..Default::default()
        });
        assert_eq!(
            (d.compliance_label(), d.compliance_issues()),
            ("Compliant".into(), 0)
        );
        d.compliant = false;
        assert_eq!(
            (d.compliance_label(), d.compliance_issues()),
            ("1 issue".into(), 1)
        );
        d.compliance_reasons = vec!["a".into(), "b".into()];
        assert_eq!(
            (d.compliance_label(), d.compliance_issues()),
            ("2 issues".into(), 2)
        );
    }

    #[test]
    fn column_ids_are_unique() {
        let cols = device_columns();
        let mut ids: Vec<_> = cols.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), cols.len());
    }
}
