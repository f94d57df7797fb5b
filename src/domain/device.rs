//! The portal's device model: what every screen talks about, whatever backend answered.

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// Lifecycle state of a managed device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviceState {
    Active,
    Blocked,
    EnrollmentVerified,
    EnrollmentInProgress,
    EnrollmentComplete,
    Infected,
    Lost,
    VerificationPending,
    Retired,
    RetirePending,
    Verified,
    Wiped,
    Expired,
}

impl DeviceState {
    pub const ALL: [DeviceState; 13] = [
        DeviceState::Active,
        DeviceState::Blocked,
        DeviceState::EnrollmentVerified,
        DeviceState::EnrollmentInProgress,
        DeviceState::EnrollmentComplete,
        DeviceState::Infected,
        DeviceState::Lost,
        DeviceState::VerificationPending,
        DeviceState::Retired,
        DeviceState::RetirePending,
        DeviceState::Verified,
        DeviceState::Wiped,
        DeviceState::Expired,
    ];

    /// The key used in URLs and filters, e.g. `VERIFICATION_PENDING`.
    pub fn key(self) -> &'static str {
        match self {
            DeviceState::Active => "ACTIVE",
            DeviceState::Blocked => "BLOCKED",
            DeviceState::EnrollmentVerified => "IENROLL_VERIFIED",
            DeviceState::EnrollmentInProgress => "IENROLL_INPROGRESS",
            DeviceState::EnrollmentComplete => "IENROLL_COMPLETE",
            DeviceState::Infected => "INFECTED",
            DeviceState::Lost => "LOST",
            DeviceState::VerificationPending => "VERIFICATION_PENDING",
            DeviceState::Retired => "RETIRED",
            DeviceState::RetirePending => "RETIRE_PENDING",
            DeviceState::Verified => "VERIFIED",
            DeviceState::Wiped => "WIPED",
            DeviceState::Expired => "EXPIRED",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            DeviceState::Active => "Active",
            DeviceState::Blocked => "Blocked",
            DeviceState::EnrollmentVerified => "Enrollment verified",
            DeviceState::EnrollmentInProgress => "Enrollment in progress",
            DeviceState::EnrollmentComplete => "Enrollment complete",
            DeviceState::Infected => "Infected",
            DeviceState::Lost => "Lost",
            DeviceState::VerificationPending => "Verification pending",
            DeviceState::Retired => "Retired",
            DeviceState::RetirePending => "Retire pending",
            DeviceState::Verified => "Verified",
            DeviceState::Wiped => "Wiped",
            DeviceState::Expired => "Expired",
        }
    }
}

impl fmt::Display for DeviceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for DeviceState {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let t = s.trim();
        DeviceState::ALL
            .into_iter()
            .find(|v| v.key().eq_ignore_ascii_case(t))
            .ok_or(())
    }
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

/// A managed device.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Device {
    pub uuid: String,
    pub name: String,
    /// Login name of the user.
    pub user: String,
    pub user_display_name: String,
    pub email: String,
    /// Platform as reported, e.g. `Android 14`.
    pub platform: String,
    pub os: OsFamily,
    pub manufacturer: String,
    pub model: String,
    /// `None` when the backend sent a state this portal does not know; `state_text` has it.
    pub state: Option<DeviceState>,
    pub state_text: String,
    pub phone: String,
    pub operator: String,
    pub country: String,
    /// Epoch ms.
    pub last_seen: Option<i64>,
    pub registered: Option<i64>,
    /// Reason bitmaps (0 = none).
    pub compliance: u32,
    pub quarantine: u32,
    pub block: u32,
    pub ownership: Ownership,
    pub wifi_mac: String,
    pub imei: String,
    pub serial: String,
    pub os_version: String,
    pub client_version: String,
    pub comment: String,
    /// The server's internal numeric id.
    pub internal_id: i64,
    pub user_uuid: String,
    pub home_operator: String,
    /// Managed through the platform's MDM protocol (iOS MDM profile installed).
    pub mdm_managed: bool,
    /// ActiveSync (Exchange) identity of the device, if it syncs mail.
    pub eas_id: String,
    pub eas_last_sync: Option<i64>,
    /// Why the device is out of compliance, quarantined or blocked, in words (empty = none).
    pub compliance_reasons: Vec<Cow<'static, str>>,
    pub quarantine_reasons: Vec<Cow<'static, str>>,
    pub block_reasons: Vec<Cow<'static, str>>,
    /// All platform detail keys, as sent.
    pub details: Vec<(String, String)>,
}

impl Device {
    pub fn state_label(&self) -> String {
        match self.state {
            Some(s) => s.label().to_string(),
            None => self.state_text.clone(),
        }
    }
    pub fn is_compliant(&self) -> bool {
        self.compliance == 0
    }
    /// "Compliant" or "N issues".
    pub fn compliance_label(&self) -> String {
        match self.compliance.count_ones() {
            0 => "Compliant".into(),
            1 => "1 issue".into(),
            n => format!("{n} issues"),
        }
    }
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

fn date_text(ms: Option<i64>) -> String {
    ms.map(wire::datetime::format_short).unwrap_or_default()
}

/// Device detail route for a uuid.
pub fn device_href(d: &Device) -> String {
    format!("/devices/{}", crate::url::encode_path_segment(&d.uuid))
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
        Column::new("platform", "Platform", |d: &Device| d.platform.clone()),
        Column::new("manufacturer", "Manufacturer", |d: &Device| {
            d.manufacturer.clone()
        })
        .hidden(),
        Column::new("model", "Model", |d: &Device| d.model.clone()),
        Column::new("status", "Status", |d: &Device| d.state_label()).kind(CellKind::Badge),
        Column::new("phone", "Phone", |d: &Device| d.phone.clone()),
        Column::new("operator", "Operator", |d: &Device| d.operator.clone()).hidden(),
        Column::new("country", "Country", |d: &Device| d.country.clone()).hidden(),
        Column::new("last_seen", "Last check-in", |d: &Device| {
            date_text(d.last_seen)
        })
        .sort_by(|d: &Device| SortKey::opt_int(d.last_seen)),
        Column::new("registered", "Registered", |d: &Device| {
            date_text(d.registered)
        })
        .sort_by(|d: &Device| SortKey::opt_int(d.registered))
        .hidden(),
        Column::new("compliance", "Compliance", |d: &Device| {
            d.compliance_label()
        })
        .sort_by(|d: &Device| SortKey::Int(d.compliance.count_ones() as i64))
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
            d.os_version.clone()
        })
        .hidden(),
        Column::new("client_version", "Client version", |d: &Device| {
            d.client_version.clone()
        })
        .hidden(),
        Column::new("uuid", "UUID", |d: &Device| d.uuid.clone())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn state_keys_round_trip() {
        for s in DeviceState::ALL {
            assert_eq!(s.key().parse::<DeviceState>(), Ok(s));
        }
        assert_eq!("wiped".parse::<DeviceState>(), Ok(DeviceState::Wiped));
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
