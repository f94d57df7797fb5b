//! Alerts: a server's notices about devices and their users (roaming, SIM change, storage, policy
//! violations…), read or unread.

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::str::FromStr;

/// Which alerts to list, by read state.
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
    /// The read state wanted: `None` for all.
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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Alert {
    /// The server's identifier: opaque, used in routes and requests.
    pub id: String,
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
    /// The recipient's user id (empty when the server names no user).
    pub user_id: String,
    /// The device the alert is about (empty when none).
    pub device_id: String,
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
    /// The text without a severity prefix in front (`WARNING::…`, as EPMM writes its texts).
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
    crate::routes::alert(&a.id)
}

/// Numeric ids sort as numbers.
fn id_key(a: &Alert) -> SortKey {
    a.id.trim()
        .parse()
        .map_or_else(|_| SortKey::text(&a.id), SortKey::Int)
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
            .at(|a: &Alert| a.date)
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
            .link(|a| crate::routes::user(&a.user_id)),
        Column::new("transport", "Sent by", |a: &Alert| a.transport.clone()),
        Column::new("status", "Status", |a: &Alert| a.status.clone()).hidden(),
        Column::new("subscription", "Subscription", |a: &Alert| {
            a.subscription.clone()
        })
        .hidden(),
        Column::new("updated", "Updated", |a: &Alert| date_text(a.updated))
            .at(|a: &Alert| a.updated)
            .hidden(),
        Column::new("updated_by", "Updated by", |a: &Alert| a.updated_by.clone()).hidden(),
        Column::new("device", "Device UUID", |a: &Alert| a.device_id.clone())
            .kind(CellKind::Code)
            .hidden(),
        Column::new("id", "ID", |a: &Alert| a.id.clone())
            .sort_by(id_key)
            .kind(CellKind::Number)
            .hidden(),
    ]
}

/// Checks the comment of a read/unread change: required, at most `max` characters.
pub fn check_comment(c: &str, max: usize) -> Result<(), String> {
    let n = c.chars().count();
    if c.trim().is_empty() {
        Err("A comment is required.".into())
    } else if n > max {
        Err(format!(
            "The comment can have at most {max} characters ({n} now)."
        ))
    } else {
        Ok(())
    }
}

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
    fn message_drops_a_severity_prefix_only() {
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
    fn comments_are_required_and_counted_in_characters() {
        assert!(check_comment("Seen", 255).is_ok());
        assert_eq!(
            check_comment("  ", 255),
            Err("A comment is required.".into())
        );
        assert!(check_comment(&"é".repeat(255), 255).is_ok());
        assert!(check_comment(&"é".repeat(256), 255).is_err());
        assert!(check_comment("abc", 2).is_err());
    }

    #[test]
    fn links_and_the_id_column() {
        let a = Alert {
            id: "12".into(),
            user_id: "j doe".into(),
            ..Default::default()
        };
        assert_eq!(alert_href(&a), "/alerts/12");
        let cols = alert_columns();
        let user = cols.iter().find(|c| c.id == "user").unwrap();
        assert_eq!(user.href.unwrap()(&a), "/users/j%20doe");
        // Numeric ids sort as numbers: 9 before 12.
        let nine = Alert {
            id: "9".into(),
            ..Default::default()
        };
        assert!(id_key(&nine) < id_key(&a));
    }
}
