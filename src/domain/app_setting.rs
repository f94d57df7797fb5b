//! App settings (V1 `/appsettings`): configurations pushed to devices by label (Exchange, Wi-Fi,
//! VPN, certificates…). V1 cannot create or edit them; the portal shows them.

use crate::ui::table::engine::{CellKind, Column, SortKey};

/// The 18 `appType` values (L8146-8156) with readable names, in the guide's order.
pub const SETTING_TYPES: [(&str, &str); 18] = [
    ("EXCHANGE", "Exchange"),
    ("WIFI", "Wi-Fi"),
    ("BOOKMARK", "Bookmark"),
    ("EMAIL", "Email"),
    ("VPN", "VPN"),
    ("GENERAL", "General"),
    ("CALDAV", "CalDAV"),
    ("SUBCAL", "Subscribed calendar"),
    ("WEBCLIP", "Web clip"),
    ("SCEP", "Certificate enrollment (SCEP)"),
    ("APN", "APN"),
    ("RESTRICTION", "Restrictions"),
    ("CERTIFICATE", "Certificate"),
    ("MDM", "MDM"),
    ("PROVISIONING", "Provisioning"),
    ("CARDDAV", "CardDAV"),
    ("CONFIGURATION", "App configuration"),
    ("OTHER", "Other"),
];

/// The readable name of an `appType` (as sent when unknown).
pub fn type_label(key: &str) -> String {
    SETTING_TYPES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key.trim()))
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| key.trim().to_string())
}

/// The canonical key of a type typed in a URL (`scep` → `SCEP`); `None` when unknown.
pub fn parse_type(s: &str) -> Option<&'static str> {
    SETTING_TYPES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(s.trim()))
        .map(|(k, _)| *k)
}

/// Whether settings of this type hold or enrol certificates (shown on the Certificates screen).
pub fn is_certificate_type(key: &str) -> bool {
    matches!(
        key.trim().to_ascii_uppercase().as_str(),
        "CERTIFICATE" | "SCEP"
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSetting {
    pub id: i64,
    /// Trimmed (the guide's example has a leading blank).
    pub name: String,
    pub description: String,
    /// `appType` key as sent (`WIFI`).
    pub app_type: String,
    /// Built in (`SYSTEM`) or made by an administrator.
    pub system: bool,
    pub device_count: i64,
    pub pending_count: i64,
    pub quarantined_count: Option<i64>,
    pub labels: Vec<String>,
    pub label_ids: Vec<i64>,
    /// Configuration properties, as sent.
    pub properties: Vec<(String, String)>,
    /// By-device call: the setting was deleted from the device (state 68).
    pub deleted: bool,
}

impl AppSetting {
    pub fn type_label(&self) -> String {
        type_label(&self.app_type)
    }
    pub fn is_certificate(&self) -> bool {
        is_certificate_type(&self.app_type)
    }
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
    /// Names of certificate settings this one uses (`IDENTITY_CERTIFICATE`, …): linked to the
    /// Certificates screen.
    pub fn certificate_references(&self) -> Vec<&str> {
        self.properties
            .iter()
            .filter(|(k, v)| {
                let k = k.to_ascii_uppercase();
                (k.ends_with("_CERTIFICATE") || k == "CERTIFICATE") && !v.trim().is_empty()
            })
            .map(|(_, v)| v.trim())
            .collect()
    }
}

pub fn app_setting_href(a: &AppSetting) -> String {
    format!("/app-settings/{}", a.id)
}

/// Where the Certificates screen shows a certificate or SCEP setting.
pub fn certificates_href(name: &str) -> String {
    format!(
        "/certificates?{}",
        crate::url::query_string([("setting", name.trim())])
    )
}

pub fn app_setting_columns() -> Vec<Column<AppSetting>> {
    vec![
        Column::new("name", "Name", |a: &AppSetting| a.name.clone()).link(app_setting_href),
        Column::new("type", "Type", AppSetting::type_label),
        Column::new("labels", "Labels", |a: &AppSetting| a.labels.join(", ")),
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
        Column::new("id", "ID", |a: &AppSetting| a.id.to_string())
            .sort_by(|a: &AppSetting| SortKey::Int(a.id))
            .kind(CellKind::Number)
            .hidden(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(app_type: &str, props: &[(&str, &str)]) -> AppSetting {
        AppSetting {
            id: 1002,
            name: "Corp-Secure Wi-Fi".into(),
            description: String::new(),
            app_type: app_type.into(),
            system: false,
            device_count: 2,
            pending_count: 0,
            quarantined_count: Some(0),
            labels: vec!["Company-Owned".into(), "iOS".into()],
            label_ids: vec![-6, -3],
            properties: props
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            deleted: false,
        }
    }

    #[test]
    fn eighteen_types_with_readable_names() {
        assert_eq!(SETTING_TYPES.len(), 18);
        for t in wire::v1::AppSettingType::ALL {
            assert!(parse_type(t.as_str()).is_some(), "{t}");
            assert_eq!(is_certificate_type(t.as_str()), t.is_certificate(), "{t}");
        }
        assert_eq!(type_label("wifi"), "Wi-Fi");
        assert_eq!(type_label("SCEP"), "Certificate enrollment (SCEP)");
        assert_eq!(type_label("NEWTYPE"), "NEWTYPE");
        assert_eq!(parse_type("scep"), Some("SCEP"));
        assert_eq!(parse_type("nope"), None);
    }

    #[test]
    fn properties_and_certificate_links() {
        let a = setting(
            "WIFI",
            &[
                ("SSID", "Corp-Secure"),
                ("IDENTITY_CERTIFICATE", "Corporate User Certificate"),
            ],
        );
        assert_eq!(
            a.properties_text(),
            "SSID=Corp-Secure; IDENTITY_CERTIFICATE=Corporate User Certificate"
        );
        assert_eq!(a.certificate_references(), ["Corporate User Certificate"]);
        assert!(!a.is_certificate());
        assert_eq!(a.property("SSID"), Some("Corp-Secure"));
        assert_eq!(
            certificates_href("Corporate User Certificate"),
            "/certificates?setting=Corporate%20User%20Certificate"
        );
        let c = setting("CERTIFICATE", &[]);
        assert!(c.is_certificate());
        assert_eq!(app_setting_href(&c), "/app-settings/1002");
    }
}
