//! Alerts (V1 `/alerts`): the Event Center's notices about devices (roaming, SIM change, storage,
//! policy violations…), read or unread.

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::str::FromStr;

/// Which alerts to list (`isRead` of the V1 call, L5617-5624).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReadFilter {
    #[default]
    All,
    Unread,
    Read,
}

impl ReadFilter {
    pub const ALL: [ReadFilter; 3] = [ReadFilter::All, ReadFilter::Unread, ReadFilter::Read];
    /// URL key (`read=unread`); `All` is the default and is left out of the URL.
    pub fn key(self) -> &'static str {
        match self {
            ReadFilter::All => "all",
            ReadFilter::Unread => "unread",
            ReadFilter::Read => "read",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ReadFilter::All => "All",
            ReadFilter::Unread => "Unread",
            ReadFilter::Read => "Read",
        }
    }
    /// The `isRead` query value: `None` for all.
    pub fn is_read(self) -> Option<bool> {
        match self {
            ReadFilter::All => None,
            ReadFilter::Unread => Some(false),
            ReadFilter::Read => Some(true),
        }
    }
}

impl FromStr for ReadFilter {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ReadFilter::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// Readable name of an `alertDefnname` (§4.8).
pub fn kind_label(defn: &str) -> String {
    match defn.trim() {
        "INTERNATIONAL_ROAMING_ALERT" => "International roaming".into(),
        "THRESHOLD_REACHED_ALERT" => "Threshold reached".into(),
        "SIM_CHANGED_ALERT" => "SIM changed".into(),
        "MEMORY_SIZE_EXCEEDED_ALERT" => "Storage size exceeded".into(),
        "SYSTEM_ALERT" => "System".into(),
        "POLICY_VIOLATIONS_ALERT" => "Policy violation".into(),
        other => super::policy::title_case(other),
    }
}

/// `DISPATCH_FAILED` → `Dispatch failed`, `APNS` → `APNs`.
pub fn word(s: &str) -> String {
    match s.trim() {
        "APNS" => "APNs".into(),
        "SMS" => "SMS".into(),
        other => super::policy::title_case(other),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alert {
    pub id: i64,
    /// Epoch ms.
    pub date: Option<i64>,
    pub text: String,
    pub read: bool,
    /// `Information`, `Warning`, `Critical`.
    pub severity: String,
    /// Readable kind (`SIM changed`).
    pub kind: String,
    pub transport: String,
    pub status: String,
    /// Recipient login name.
    pub user: String,
    pub device_uuid: String,
    pub user_uuid: String,
    pub label_id: Option<i64>,
    pub subscription: String,
    pub retries: i64,
    pub updated_by: String,
    pub updated: Option<i64>,
}

impl Alert {
    pub fn read_label(&self) -> &'static str {
        if self.read {
            "Read"
        } else {
            "Unread"
        }
    }
    /// The text without the severity prefix the server puts in front (`WARNING::…`).
    pub fn message(&self) -> &str {
        let t = self.text.trim();
        match t.split_once("::") {
            Some((head, rest))
                if !head.is_empty() && head.chars().all(|c| c.is_ascii_uppercase()) =>
            {
                rest.trim()
            }
            _ => t,
        }
    }
}

fn date_text(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_short).unwrap_or_default()
}

pub fn alert_href(a: &Alert) -> String {
    format!("/alerts/{}", a.id)
}

fn severity_rank(s: &str) -> i64 {
    match s.to_ascii_lowercase().as_str() {
        "critical" => 3,
        "warning" => 2,
        "information" => 1,
        _ => 0,
    }
}

pub fn alert_columns() -> Vec<Column<Alert>> {
    vec![
        Column::new("date", "Date", |a: &Alert| date_text(a.date))
            .sort_by(|a: &Alert| SortKey::opt_int(a.date))
            .link(alert_href),
        Column::new("state", "Read state", |a: &Alert| {
            a.read_label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("severity", "Severity", |a: &Alert| a.severity.clone())
            .sort_by(|a: &Alert| SortKey::Int(severity_rank(&a.severity)))
            .kind(CellKind::Badge),
        Column::new("kind", "Type", |a: &Alert| a.kind.clone()),
        Column::new("message", "Message", |a: &Alert| a.message().to_string()),
        Column::new("user", "User", |a: &Alert| a.user.clone())
            .link(|a| super::user::user_href(&a.user)),
        Column::new("transport", "Sent by", |a: &Alert| a.transport.clone()),
        Column::new("status", "Status", |a: &Alert| a.status.clone()).hidden(),
        Column::new("subscription", "Subscription", |a: &Alert| {
            a.subscription.clone()
        })
        .hidden(),
        Column::new("updated", "Updated", |a: &Alert| date_text(a.updated))
            .sort_by(|a: &Alert| SortKey::opt_int(a.updated))
            .hidden(),
        Column::new("updated_by", "Updated by", |a: &Alert| a.updated_by.clone()).hidden(),
        Column::new("device", "Device UUID", |a: &Alert| a.device_uuid.clone())
            .kind(CellKind::Code)
            .hidden(),
        Column::new("id", "ID", |a: &Alert| a.id.to_string())
            .sort_by(|a: &Alert| SortKey::Int(a.id))
            .kind(CellKind::Number)
            .hidden(),
    ]
}

/// Longest comment the server accepts (L6216-6219).
pub const MAX_COMMENT: usize = 255;

/// Checks the comment of a read/unread change: required, at most 255 characters.
pub fn check_comment(c: &str) -> Result<(), String> {
    let n = c.chars().count();
    if c.trim().is_empty() {
        Err("A comment is required.".into())
    } else if n > MAX_COMMENT {
        Err(format!(
            "The comment can have at most {MAX_COMMENT} characters ({n} now)."
        ))
    } else {
        Ok(())
    }
}

/// Ids per update request: keeps the URL (`id=…&id=…`) well under common 8 KB limits.
pub const UPDATE_CHUNK: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_filter_keys_and_query() {
        for f in ReadFilter::ALL {
            assert_eq!(f.key().parse::<ReadFilter>(), Ok(f));
        }
        assert_eq!(ReadFilter::Unread.is_read(), Some(false));
        assert_eq!(ReadFilter::Read.is_read(), Some(true));
        assert_eq!(ReadFilter::All.is_read(), None);
        assert!("x".parse::<ReadFilter>().is_err());
    }

    #[test]
    fn readable_text_l5697_5739() {
        assert_eq!(
            kind_label("MEMORY_SIZE_EXCEEDED_ALERT"),
            "Storage size exceeded"
        );
        assert_eq!(kind_label("NEW_KIND_ALERT"), "New kind alert");
        assert_eq!(word("DISPATCH_FAILED"), "Dispatch failed");
        assert_eq!(word("APNS"), "APNs");
        let a = Alert {
            text: "WARNING::Memory size exceeded 1% for Phone #: 14085551212 (miadmin)".into(),
            ..Default::default()
        };
        assert_eq!(
            a.message(),
            "Memory size exceeded 1% for Phone #: 14085551212 (miadmin)"
        );
        let b = Alert {
            text: "Ratio 1::2 reached".into(),
            ..Default::default()
        };
        assert_eq!(b.message(), "Ratio 1::2 reached");
    }

    #[test]
    fn comments_l6216() {
        assert!(check_comment("Seen").is_ok());
        assert!(check_comment("  ").is_err());
        assert!(check_comment(&"é".repeat(255)).is_ok());
        assert!(check_comment(&"é".repeat(256)).is_err());
    }
}
