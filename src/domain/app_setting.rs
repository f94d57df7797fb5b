//! App settings: configurations a server pushes to the devices of groups (Exchange, Wi-Fi, VPN,
//! certificates…). The portal shows them.

use super::group::{group_names, GroupRef};
use crate::ui::table::engine::{CellKind, Column, SortKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSetting {
    /// Opaque; what the routes and the server calls use.
    pub id: String,
    pub name: String,
    pub description: String,
    /// The server's type key (`WIFI`, the type filter's key) and in words (`Wi-Fi`).
    pub type_key: String,
    pub type_label: String,
    /// Built in to the server, or made by an administrator.
    pub system: bool,
    pub device_count: i64,
    pub pending_count: i64,
    pub quarantined_count: Option<i64>,
    /// The groups the setting is assigned to.
    pub groups: Vec<GroupRef>,
    /// Configuration properties, as sent.
    pub properties: Vec<(String, String)>,
    /// On a device's list: the setting was removed from the device.
    pub deleted: bool,
    /// The setting holds or enrols certificates (also shown on the Certificates screen).
    pub certificate: bool,
    /// The names of the certificate settings this one uses (linked to the Certificates screen).
    pub certificate_refs: Vec<String>,
}

impl AppSetting {
    pub fn origin_label(&self) -> &'static str {
        if self.system {
            "System"
        } else {
            "Admin"
        }
    }
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// `KEY=value; KEY=value`, for the list and the CSV.
    pub fn properties_text(&self) -> String {
        self.properties
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
    pub fn group_names(&self) -> String {
        group_names(&self.groups)
    }
}

pub fn app_setting_href(a: &AppSetting) -> String {
    crate::routes::app_setting(&a.id)
}

/// Where the Certificates screen shows a certificate setting.
pub fn certificates_href(name: &str) -> String {
    crate::routes::certificates([("setting", name.trim())])
}

/// The app settings list's columns; `groups` titles the column of assigned groups (`Labels`).
pub fn app_setting_columns(groups: &'static str) -> Vec<Column<AppSetting>> {
    vec![
        Column::new("name", "Name", |a: &AppSetting| a.name.clone()).link(app_setting_href),
        Column::new("type", "Type", |a: &AppSetting| a.type_label.clone()),
        Column::new("labels", groups, AppSetting::group_names),
        Column::new("devices", "Devices", |a: &AppSetting| {
            a.device_count.to_string()
        })
        .sort_by(|a: &AppSetting| SortKey::Int(a.device_count))
        .kind(CellKind::Number),
        Column::new("pending", "Pending", |a: &AppSetting| {
            a.pending_count.to_string()
        })
        .sort_by(|a: &AppSetting| SortKey::Int(a.pending_count))
        .kind(CellKind::Number),
        Column::new("quarantined", "Quarantined", |a: &AppSetting| {
            a.quarantined_count
                .map(|n| n.to_string())
                .unwrap_or_default()
        })
        .sort_by(|a: &AppSetting| SortKey::opt_int(a.quarantined_count))
        .kind(CellKind::Number)
        .hidden(),
        Column::new("origin", "Origin", |a: &AppSetting| {
            a.origin_label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("properties", "Properties", AppSetting::properties_text).kind(CellKind::Code),
        Column::new("description", "Description", |a: &AppSetting| {
            a.description.clone()
        })
        .hidden(),
        Column::new("id", "ID", |a: &AppSetting| a.id.clone())
            .sort_by(|a: &AppSetting| match a.id.parse::<i64>() {
                Ok(n) => SortKey::Int(n),
                Err(_) => SortKey::text(&a.id),
            })
            .kind(CellKind::Number)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_links_and_columns() {
        let a = AppSetting {
            id: "1002".into(),
            name: "Corp-Secure Wi-Fi".into(),
            description: String::new(),
            type_key: "WIFI".into(),
            type_label: "Wi-Fi".into(),
            system: false,
            device_count: 2,
            pending_count: 0,
            quarantined_count: Some(0),
            groups: vec![GroupRef::named("Company-Owned"), GroupRef::named("iOS")],
            properties: vec![
                ("SSID".into(), "Corp-Secure".into()),
                (
                    "IDENTITY_CERTIFICATE".into(),
                    "Corporate User Certificate".into(),
                ),
            ],
            deleted: false,
            certificate: false,
            certificate_refs: Vec::new(),
        };
        assert_eq!(
            a.properties_text(),
            "SSID=Corp-Secure; IDENTITY_CERTIFICATE=Corporate User Certificate"
        );
        assert_eq!(a.property("SSID"), Some("Corp-Secure"));
        assert_eq!(a.group_names(), "Company-Owned, iOS");
        assert_eq!(
            (a.origin_label(), app_setting_href(&a).as_str()),
            ("Admin", "/app-settings/1002")
        );
        assert_eq!(
            certificates_href(" Corporate User Certificate"),
            "/certificates?setting=Corporate%20User%20Certificate"
        );
        let visible: Vec<_> = app_setting_columns("Labels")
            .into_iter()
            .filter(|c| c.default_visible)
            .map(|c| c.title)
            .collect();
        assert_eq!(
            visible,
            [
                "Name",
                "Type",
                "Labels",
                "Devices",
                "Pending",
                "Origin",
                "Properties"
            ]
        );
    }
}
