//! What a server reports is on one device: its apps, certificates and configuration profiles, the
//! device groups it is in, and settings the server can change on it; in the portal's own terms,
//! with the columns of their tables on the device page.

use super::certificates::issued::{days_until, relative_days, Expiry};
use crate::ui::table::engine::{CellKind, Column, SortKey};

/// `Yes`, `No`, or blank where the server did not say.
pub fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => String::new(),
    }
}

fn date(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_date).unwrap_or_default()
}

/// An app installed on a device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InstalledApp {
    pub name: String,
    /// Bundle or package identifier.
    pub identifier: String,
    pub version: String,
    /// iOS: the marketing version (`5.2.1`) and the build (`6733`).
    pub short_version: String,
    pub bundle_version: String,
    /// Installed by the MDM server.
    pub managed: Option<bool>,
    /// Where it came from, as the server says (`PUBLIC`, `UNKNOWN_APP_TYPE`…).
    pub source: String,
    pub update_available: Option<bool>,
    pub installing: Option<bool>,
}

pub fn installed_app_columns() -> Vec<Column<InstalledApp>> {
    vec![
        Column::new("name", "Name", |a: &InstalledApp| a.name.clone()),
        Column::new("identifier", "Identifier", |a: &InstalledApp| {
            a.identifier.clone()
        })
        .kind(CellKind::Code),
        Column::new("version", "Version", |a: &InstalledApp| a.version.clone()),
        Column::new("managed", "Managed", |a: &InstalledApp| yes_no(a.managed)),
        Column::new("source", "Source", |a: &InstalledApp| a.source.clone()).hidden(),
        Column::new("short_version", "Short version", |a: &InstalledApp| {
            a.short_version.clone()
        })
        .hidden(),
        Column::new("bundle_version", "Build", |a: &InstalledApp| {
            a.bundle_version.clone()
        })
        .hidden(),
        Column::new("update", "Update available", |a: &InstalledApp| {
            yes_no(a.update_available)
        })
        .hidden(),
        Column::new("installing", "Installing", |a: &InstalledApp| {
            yes_no(a.installing)
        })
        .hidden(),
    ]
}

/// A certificate installed on a device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceCertificate {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    /// SHA-1, hex.
    pub thumbprint: String,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    /// An identity certificate (with its private key on the device).
    pub identity: Option<bool>,
    /// Days until `not_after` when the list was loaded.
    pub days_left: Option<i64>,
}

impl DeviceCertificate {
    /// `days_left` counted from `now_ms`.
    pub fn with_days_left(mut self, now_ms: i64) -> Self {
        self.days_left = self.not_after.map(|t| days_until(t, now_ms));
        self
    }
    pub fn expiry(&self) -> Expiry {
        Expiry::of(self.days_left)
    }
}

pub fn device_certificate_columns() -> Vec<Column<DeviceCertificate>> {
    vec![
        Column::new("subject", "Subject", |c: &DeviceCertificate| {
            c.subject.clone()
        }),
        Column::new("issuer", "Issuer", |c: &DeviceCertificate| c.issuer.clone()),
        Column::new("expires", "Expires", |c: &DeviceCertificate| {
            date(c.not_after)
        })
        .sort_by(|c| SortKey::opt_int(c.not_after)),
        Column::new("expires_in", "Expires in", |c: &DeviceCertificate| {
            c.days_left.map(relative_days).unwrap_or_default()
        })
        .sort_by(|c| SortKey::opt_int(c.days_left)),
        Column::new("expiry", "Expiry", |c: &DeviceCertificate| {
            c.expiry().label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("identity", "Identity", |c: &DeviceCertificate| {
            yes_no(c.identity)
        }),
        Column::new("not_before", "Valid from", |c: &DeviceCertificate| {
            date(c.not_before)
        })
        .sort_by(|c| SortKey::opt_int(c.not_before))
        .hidden(),
        Column::new("serial", "Serial number", |c: &DeviceCertificate| {
            c.serial.clone()
        })
        .kind(CellKind::Code)
        .hidden(),
        Column::new("thumbprint", "Thumbprint", |c: &DeviceCertificate| {
            c.thumbprint.clone()
        })
        .kind(CellKind::Code)
        .hidden(),
    ]
}

/// A configuration profile installed on a device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InstalledProfile {
    pub name: String,
    /// Reverse-DNS identifier.
    pub identifier: String,
    pub organization: String,
    pub description: String,
    pub version: String,
    pub uuid: String,
    pub managed: Option<bool>,
    pub encrypted: Option<bool>,
    /// The user may not remove it (supervised devices).
    pub removal_disallowed: Option<bool>,
    pub removal_passcode: Option<bool>,
    /// How many payloads it carries, where the server shows them (not for encrypted profiles).
    pub payloads: Option<usize>,
}

pub fn installed_profile_columns() -> Vec<Column<InstalledProfile>> {
    vec![
        Column::new("name", "Name", |p: &InstalledProfile| p.name.clone()),
        Column::new("identifier", "Identifier", |p: &InstalledProfile| {
            p.identifier.clone()
        })
        .kind(CellKind::Code),
        Column::new("organization", "Organization", |p: &InstalledProfile| {
            p.organization.clone()
        }),
        Column::new("managed", "Managed", |p: &InstalledProfile| {
            yes_no(p.managed)
        }),
        Column::new("encrypted", "Encrypted", |p: &InstalledProfile| {
            yes_no(p.encrypted)
        }),
        Column::new("removal", "Removal disallowed", |p: &InstalledProfile| {
            yes_no(p.removal_disallowed)
        })
        .hidden(),
        Column::new("passcode", "Removal passcode", |p: &InstalledProfile| {
            yes_no(p.removal_passcode)
        })
        .hidden(),
        Column::new("payloads", "Payloads", |p: &InstalledProfile| {
            p.payloads.map(|n| n.to_string()).unwrap_or_default()
        })
        .kind(CellKind::Number)
        .sort_by(|p| SortKey::opt_int(p.payloads.map(|n| n as i64)))
        .hidden(),
        Column::new("version", "Version", |p: &InstalledProfile| {
            p.version.clone()
        })
        .hidden(),
        Column::new("description", "Description", |p: &InstalledProfile| {
            p.description.clone()
        })
        .hidden(),
        Column::new("uuid", "UUID", |p: &InstalledProfile| p.uuid.clone())
            .kind(CellKind::Code)
            .hidden(),
    ]
}

/// A device group a device is in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupMembership {
    /// The server's id of the group (opaque).
    pub id: String,
    pub name: String,
    pub description: String,
    /// The group's rule as the server writes it (`PLATFORMTYPE EQ 'IOS'`); empty for groups whose
    /// members are assigned by hand or that hold every device.
    pub definition: String,
}

pub fn group_membership_columns() -> Vec<Column<GroupMembership>> {
    vec![
        Column::new("name", "Name", |g: &GroupMembership| g.name.clone()),
        Column::new("description", "Description", |g: &GroupMembership| {
            g.description.clone()
        }),
        Column::new("definition", "Definition", |g: &GroupMembership| {
            g.definition.clone()
        })
        .kind(CellKind::Code),
        Column::new("id", "ID", |g: &GroupMembership| g.id.clone())
            .kind(CellKind::Code)
            .sort_by(|g| {
                g.id.parse()
                    .map_or_else(|_| SortKey::text(&g.id), SortKey::Int)
            })
            .hidden(),
    ]
}

/// A device setting the server can switch on and off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceSetting {
    PersonalHotspot,
    DataRoaming,
}

impl DeviceSetting {
    pub const ALL: [DeviceSetting; 2] =
        [DeviceSetting::PersonalHotspot, DeviceSetting::DataRoaming];

    pub fn label(self) -> &'static str {
        match self {
            DeviceSetting::PersonalHotspot => "Personal hotspot",
            DeviceSetting::DataRoaming => "Data roaming",
        }
    }
}

/// A setting as the device last reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingState {
    pub setting: DeviceSetting,
    /// `None`: the device has not reported it.
    pub enabled: Option<bool>,
}

impl SettingState {
    pub fn state_label(&self) -> &'static str {
        match self.enabled {
            Some(true) => "On",
            Some(false) => "Off",
            None => "Not reported",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn certificate_expiry_from_the_day_loaded() {
        let now = 100 * DAY + 5;
        let c = |days: i64| {
            DeviceCertificate {
                not_after: Some(now + days * DAY),
                ..Default::default()
            }
            .with_days_left(now)
        };
        assert_eq!(c(-1).expiry(), Expiry::Expired);
        assert_eq!(c(10).expiry(), Expiry::Soon);
        assert_eq!(c(400).expiry(), Expiry::Valid);
        assert_eq!(
            DeviceCertificate::default().with_days_left(now).expiry(),
            Expiry::Unknown
        );
        let cols = device_certificate_columns();
        let text = |id: &str, cert: &DeviceCertificate| {
            (cols.iter().find(|col| col.id == id).unwrap().text)(cert)
        };
        assert_eq!(text("expires_in", &c(10)), "in 10 days");
        assert_eq!(text("expiry", &c(-1)), "Expired");
        // Nothing known is blank, never a placeholder word.
        assert_eq!(text("expires", &DeviceCertificate::default()), "");
        assert_eq!(text("identity", &DeviceCertificate::default()), "");
    }

    #[test]
    fn column_ids_are_unique_per_table() {
        fn unique<T>(cols: Vec<Column<T>>) -> bool {
            let mut ids: Vec<_> = cols.iter().map(|c| c.id).collect();
            ids.sort();
            ids.dedup();
            ids.len() == cols.len()
        }
        assert!(unique(installed_app_columns()));
        assert!(unique(device_certificate_columns()));
        assert!(unique(installed_profile_columns()));
        assert!(unique(group_membership_columns()));
    }

    #[test]
    fn settings_in_words() {
        let s = |enabled| SettingState {
            setting: DeviceSetting::DataRoaming,
            enabled,
        };
        assert_eq!(
            [s(Some(true)), s(Some(false)), s(None)].map(|s| s.state_label()),
            ["On", "Off", "Not reported"]
        );
    }
}
