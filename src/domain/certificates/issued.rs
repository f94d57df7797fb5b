//! Issued certificates: their lifecycle status, their expiry, the table's columns, and the
//! search the Certificates screen keeps in its URL.

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::fmt;
use std::str::FromStr;

pub const DAY_MS: i64 = 86_400_000;

/// Certificates expiring within this many days are marked "expires soon".
pub const SOON_DAYS: i64 = 30;

/// Lifecycle state of an issued certificate (the nine values of the EPMM V2 certificate guide,
/// "Search/Retrieve certificate details", `certificateStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CertStatus {
    Active,
    Expired,
    PendingRevocation,
    ManualRevocationRequired,
    Revoked,
    Sent,
    WaitingSend,
    Generating,
    HighGenerating,
}

impl CertStatus {
    pub const ALL: [CertStatus; 9] = [
        CertStatus::Active,
        CertStatus::Expired,
        CertStatus::PendingRevocation,
        CertStatus::ManualRevocationRequired,
        CertStatus::Revoked,
        CertStatus::Sent,
        CertStatus::WaitingSend,
        CertStatus::Generating,
        CertStatus::HighGenerating,
    ];

    /// The key in the screen's URL (`?status=ACTIVE`). The URLs have always used EPMM's own
    /// values, so its backend sends these keys as they are.
    pub fn key(self) -> &'static str {
        match self {
            CertStatus::Active => "ACTIVE",
            CertStatus::Expired => "EXPIRED",
            CertStatus::PendingRevocation => "PENDING_REVOCATION",
            CertStatus::ManualRevocationRequired => "MANUAL_REVOCATION_REQUIRED",
            CertStatus::Revoked => "REVOKED",
            CertStatus::Sent => "SENT",
            CertStatus::WaitingSend => "WAITING_SEND",
            CertStatus::Generating => "GENERATING",
            CertStatus::HighGenerating => "HIGH_GENERATING",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CertStatus::Active => "Active",
            CertStatus::Expired => "Expired",
            CertStatus::PendingRevocation => "Pending revocation",
            CertStatus::ManualRevocationRequired => "Manual revocation required",
            CertStatus::Revoked => "Revoked",
            CertStatus::Sent => "Sent",
            CertStatus::WaitingSend => "Waiting to send",
            CertStatus::Generating => "Generating",
            CertStatus::HighGenerating => "Generating (high priority)",
        }
    }

    /// States an admin has to act on (certificates digest, "UI per flow": amber/red).
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            CertStatus::PendingRevocation | CertStatus::ManualRevocationRequired
        )
    }
}

impl FromStr for CertStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        CertStatus::ALL
            .iter()
            .copied()
            .find(|c| c.key().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

impl fmt::Display for CertStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------------
// Expiry

/// Where a date stands relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Expired,
    /// Within [`SOON_DAYS`].
    Soon,
    Valid,
    Unknown,
}

impl Expiry {
    pub fn of(days_left: Option<i64>) -> Expiry {
        match days_left {
            None => Expiry::Unknown,
            Some(d) if d < 0 => Expiry::Expired,
            Some(d) if d <= SOON_DAYS => Expiry::Soon,
            Some(_) => Expiry::Valid,
        }
    }
    /// The badge text.
    pub fn label(self) -> &'static str {
        match self {
            Expiry::Expired => "Expired",
            Expiry::Soon => "Expires soon",
            Expiry::Valid => "Valid",
            Expiry::Unknown => "",
        }
    }
}

/// Whole days from `now_ms` until `at_ms`, counted by calendar day in UTC (a certificate expiring
/// later today has 0 days left; one that expired yesterday has -1).
pub fn days_until(at_ms: i64, now_ms: i64) -> i64 {
    at_ms.div_euclid(DAY_MS) - now_ms.div_euclid(DAY_MS)
}

/// `in 12 days`, `tomorrow`, `today`, `yesterday`, `3 days ago`.
pub fn relative_days(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        d if d > 1 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

/// `YYYY-MM-DD` (UTC) of epoch milliseconds; empty when unknown.
pub fn date(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_date).unwrap_or_default()
}

/// A `YYYY-MM-DD` field value as epoch ms (UTC midnight); blank or invalid is `None`.
pub fn parse_date(s: &str) -> Option<i64> {
    let t = s.trim();
    if t.len() != 10 {
        return None;
    }
    crate::dates::parse_to_epoch_ms(t)
}

// ---------------------------------------------------------------------------------------------
// Issued certificates

/// One issued certificate. What a server does not say stays empty (`None`, `""`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The server's record id (opaque; the screen's `?cert=` key).
    pub id: String,
    pub serial: String,
    /// How it was issued (EPMM: `Centralized` / `Decentralized`).
    pub kind: String,
    /// In the server's trash (meaning undocumented: certificates digest, "Inconsistencies").
    pub trash: bool,
    /// Expiry (UTC midnight of the day when the server gives a date only).
    pub expires: Option<i64>,
    pub created: Option<i64>,
    /// The user it was issued to, as the server identifies users.
    pub user_id: String,
    pub device_id: Option<i64>,
    pub device_uuid: String,
    pub local_ca_id: Option<i64>,
    /// The configuration that issued it.
    pub config_name: String,
    pub config_id: Option<i64>,
    pub status: Option<CertStatus>,
    /// The status as sent, for values this portal does not know.
    pub status_raw: String,
    pub app_settings: Vec<i64>,
    /// Days until expiry when the list was loaded.
    pub days_left: Option<i64>,
    /// The user and the device by name, once the server has said who and what they are (the
    /// search may give only their ids: [`Names`]).
    pub user: Option<Named>,
    pub device: Option<Named>,
}

/// A user or a device a certificate names: what people read, and the key of its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// A user's display name (else login name), a device's name.
    pub name: String,
    /// What its page is addressed by (a user's login name, a device's id); empty where the server
    /// has no such page.
    pub key: String,
}

/// The users and devices a server has named so far, by the ids certificates carry: users by
/// [`Certificate::user_id`], devices by [`Certificate::device_uuid`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub users: std::collections::HashMap<String, Named>,
    pub devices: std::collections::HashMap<String, Named>,
}

impl Names {
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.devices.is_empty()
    }

    /// Adds what `more` names; whether anything was new.
    pub fn merge(&mut self, more: Names) -> bool {
        let mut new = false;
        for (k, v) in more.users {
            new |= self.users.get(&k) != Some(&v);
            self.users.insert(k, v);
        }
        for (k, v) in more.devices {
            new |= self.devices.get(&k) != Some(&v);
            self.devices.insert(k, v);
        }
        new
    }

    /// The certificates with the names known here (every row sharing a user or a device, not only
    /// those they were asked for); the list itself when none applies.
    pub fn apply(
        &self,
        certs: &std::sync::Arc<Vec<Certificate>>,
    ) -> std::sync::Arc<Vec<Certificate>> {
        let user = |c: &Certificate| self.users.get(&c.user_id).cloned();
        let device = |c: &Certificate| self.devices.get(&c.device_uuid).cloned();
        if certs
            .iter()
            .all(|c| c.user == user(c) && c.device == device(c))
        {
            return certs.clone();
        }
        std::sync::Arc::new(
            certs
                .iter()
                .map(|c| Certificate {
                    user: user(c),
                    device: device(c),
                    ..c.clone()
                })
                .collect(),
        )
    }
}

impl Certificate {
    pub fn status_label(&self) -> String {
        self.status
            .map(|s| s.label().to_string())
            .unwrap_or_else(|| self.status_raw.clone())
    }
    /// Expired or soon: only meaningful for certificates still in use.
    pub fn expiry(&self) -> Expiry {
        match self.status {
            Some(CertStatus::Revoked) => Expiry::Unknown,
            _ => Expiry::of(self.days_left),
        }
    }
    /// The Expiry badge: a revoked certificate says so (its expiry no longer matters), and one
    /// without a date says that.
    pub fn expiry_label(&self) -> String {
        match (self.status, self.expiry()) {
            (Some(CertStatus::Revoked), _) => "Revoked",
            (_, Expiry::Unknown) => "No date",
            (_, e) => e.label(),
        }
        .to_string()
    }
    /// The user's name, else the id the server gave.
    pub fn user_label(&self) -> String {
        self.user
            .as_ref()
            .map_or_else(|| self.user_id.clone(), |u| u.name.clone())
    }
    /// The device's name, else its id.
    pub fn device_label(&self) -> String {
        match &self.device {
            Some(d) => d.name.clone(),
            None => self.device_id.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
    pub fn expires_relative(&self) -> String {
        self.days_left.map(relative_days).unwrap_or_default()
    }
}

pub fn certificate_columns() -> Vec<Column<Certificate>> {
    vec![
        Column::new("serial", "Serial", |c: &Certificate| c.serial.clone())
            .kind(CellKind::Code)
            .sort_by(|c| SortKey::opt_int(c.serial.parse().ok()))
            .link(|c| crate::routes::certificates([("cert", c.id.as_str())])),
        Column::new("status", "Status", Certificate::status_label).kind(CellKind::Badge),
        Column::new("config", "Configuration", |c: &Certificate| {
            c.config_name.clone()
        })
        .hidden(),
        // Named once the server has said who and what (the rows on screen); the id until then.
        // Sorted by the id, which does not change when a name arrives: a user's (a device's)
        // certificates stay together and the page does not reshuffle while names come in.
        Column::new("user", "User", Certificate::user_label)
            .sort_by(|c| SortKey::opt_int(c.user_id.parse().ok()))
            .link(|c| {
                c.user
                    .as_ref()
                    .filter(|u| !u.key.is_empty())
                    .map(|u| crate::routes::user(&u.key))
                    .unwrap_or_default()
            })
            .hint(|c| format!("User ID {}", c.user_id)),
        Column::new("device", "Device", Certificate::device_label)
            .sort_by(|c| SortKey::opt_int(c.device_id))
            // To the device's page (where the certificate names the device's UUID).
            .link(|c| match &c.device {
                Some(d) if !d.key.is_empty() => crate::routes::device(&d.key),
                _ if !c.device_uuid.is_empty() => crate::routes::device(&c.device_uuid),
                _ => String::new(),
            })
            .hint(|c| {
                c.device_id
                    .map(|d| format!("Device ID {d}"))
                    .unwrap_or_default()
            }),
        Column::new("user_id", "User ID", |c: &Certificate| c.user_id.clone())
            .sort_by(|c| SortKey::opt_int(c.user_id.parse().ok()))
            .hidden(),
        Column::new("device_id", "Device ID", |c: &Certificate| {
            c.device_id.map(|d| d.to_string()).unwrap_or_default()
        })
        .kind(CellKind::Number)
        .sort_by(|c| SortKey::opt_int(c.device_id))
        .hidden(),
        Column::new("uuid", "Device UUID", |c: &Certificate| {
            c.device_uuid.clone()
        })
        .kind(CellKind::Code)
        .hidden(),
        Column::new("expires", "Expires", |c: &Certificate| date(c.expires))
            .sort_by(|c| SortKey::opt_int(c.expires)),
        Column::new("expires_in", "Expires in", Certificate::expires_relative)
            .sort_by(|c| SortKey::opt_int(c.days_left)),
        Column::new("expiry", "Expiry", Certificate::expiry_label).kind(CellKind::Badge),
        Column::new("created", "Created", |c: &Certificate| date(c.created))
            .sort_by(|c| SortKey::opt_int(c.created)),
        Column::new("type", "Type", |c: &Certificate| c.kind.clone()).hidden(),
        Column::new("trash", "Trash", |c: &Certificate| {
            if c.trash { "Yes" } else { "No" }.to_string()
        })
        .hidden(),
        Column::new("id", "ID", |c: &Certificate| c.id.clone())
            .kind(CellKind::Number)
            .sort_by(|c| SortKey::opt_int(c.id.parse().ok()))
            .hidden(),
        Column::new("local_ca", "Local CA", |c: &Certificate| {
            c.local_ca_id.map(|d| d.to_string()).unwrap_or_default()
        })
        .hidden(),
        Column::new("apps", "App settings", |c: &Certificate| {
            c.app_settings
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .hidden(),
    ]
}

// ---------------------------------------------------------------------------------------------
// The search

/// The filters of the certificates screen, as kept in the URL (`ce`, `status`, `user`,
/// `device`, `from`, `to`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertQuery {
    /// Configuration name; empty = none chosen yet; [`ALL_CONFIGS`] = every configuration that
    /// issues certificates.
    pub config: String,
    pub status: Option<CertStatus>,
    /// A user, as the server identifies users.
    pub user: String,
    /// A device UUID.
    pub device: String,
    /// `YYYY-MM-DD`: expires on or after this day.
    pub from: String,
    /// `YYYY-MM-DD`: expires on or before this day.
    pub to: String,
}

pub const QUERY_KEYS: [&str; 6] = ["ce", "status", "user", "device", "from", "to"];

/// `ce=*`: the certificates of every configuration that issues them (a server that searches one
/// configuration at a time searches each and joins the lists).
pub const ALL_CONFIGS: &str = "*";

impl CertQuery {
    /// Every configuration at once ([`ALL_CONFIGS`]).
    pub fn all_configs(&self) -> bool {
        self.config == ALL_CONFIGS
    }

    /// The same filters, for one configuration.
    pub fn for_config(&self, name: &str) -> CertQuery {
        CertQuery {
            config: name.to_string(),
            ..self.clone()
        }
    }

    pub fn from_pairs(pairs: &[(String, String)]) -> CertQuery {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        CertQuery {
            config: get("ce"),
            status: get("status").parse().ok(),
            user: get("user"),
            device: get("device"),
            from: get("from"),
            to: get("to"),
        }
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut push = |k: &'static str, v: &str| {
            if !v.trim().is_empty() {
                out.push((k, v.trim().to_string()));
            }
        };
        push("ce", &self.config);
        push("status", self.status.map(|s| s.key()).unwrap_or(""));
        push("user", &self.user);
        push("device", &self.device);
        push("from", &self.from);
        push("to", &self.to);
        out
    }

    /// The expiry range as epoch ms, both whole days included: (`from` at the start of its day,
    /// the end of `to`'s day, exclusive). Blank or invalid ends are `None`.
    pub fn expiry_range(&self) -> (Option<i64>, Option<i64>) {
        (
            parse_date(&self.from),
            parse_date(&self.to).map(|t| t + DAY_MS),
        )
    }

    /// A sentence for an invalid date range, else `None`.
    pub fn range_error(&self) -> Option<String> {
        let from = (!self.from.trim().is_empty()).then(|| parse_date(&self.from));
        let to = (!self.to.trim().is_empty()).then(|| parse_date(&self.to));
        match (from, to) {
            (Some(None), _) => Some("“Expires from” is not a date (YYYY-MM-DD).".into()),
            (_, Some(None)) => Some("“Expires until” is not a date (YYYY-MM-DD).".into()),
            (Some(Some(f)), Some(Some(t))) if f > t => {
                Some("“Expires from” is after “Expires until”.".into())
            }
            _ => None,
        }
    }

    /// What an export of this view holds, in words.
    pub fn describe(&self) -> String {
        let mut parts = vec![if self.all_configs() {
            "all configurations".to_string()
        } else {
            format!("configuration “{}”", self.config)
        }];
        if let Some(s) = self.status {
            parts.push(format!("status {}", s.label()));
        }
        if !self.user.trim().is_empty() {
            parts.push(format!("user {}", self.user.trim()));
        }
        if !self.device.trim().is_empty() {
            parts.push(format!("device {}", self.device.trim()));
        }
        match (self.from.trim(), self.to.trim()) {
            ("", "") => {}
            (f, "") => parts.push(format!("expiring from {f}")),
            ("", t) => parts.push(format!("expiring until {t}")),
            (f, t) => parts.push(format!("expiring {f} to {t}")),
        }
        parts.join(", ")
    }
}

/// A certificate with nothing known but a status this portal does not know, for tests.
#[cfg(test)]
pub(crate) fn sample_certificate() -> Certificate {
    Certificate {
        id: "42".into(),
        serial: "102".into(),
        kind: String::new(),
        trash: false,
        expires: None,
        created: None,
        user_id: String::new(),
        device_id: None,
        device_uuid: String::new(),
        local_ca_id: None,
        config_name: String::new(),
        config_id: None,
        status: None,
        status_raw: "SOMETHING_NEW".into(),
        app_settings: vec![],
        days_left: None,
        user: None,
        device: None,
    }
}

/// A query with every filter set (the EPMM guide's sample configuration), for tests.
#[cfg(test)]
pub(crate) fn sample_query() -> CertQuery {
    CertQuery {
        config: "LocalCE".into(),
        status: Some(CertStatus::Active),
        user: "jdoe".into(),
        device: "5f1db255-8d3d-4943-8bab-d556cacce855".into(),
        from: "2026-08-04".into(),
        to: "2026-08-10".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21T14:13:20Z

    fn pairs(kv: &[(&str, &str)]) -> Vec<(String, String)> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn statuses_round_trip() {
        assert_eq!(CertStatus::ALL.len(), 9);
        for s in CertStatus::ALL {
            assert_eq!(s.key().parse::<CertStatus>(), Ok(s));
        }
        assert!(CertStatus::PendingRevocation.needs_attention());
        assert!(!CertStatus::Active.needs_attention());
    }

    #[test]
    fn expiry_math() {
        let day = |d: i64| NOW - NOW.rem_euclid(DAY_MS) + d * DAY_MS;
        assert_eq!(days_until(day(0) + 1000, NOW), 0);
        assert_eq!(days_until(day(12), NOW), 12);
        assert_eq!(days_until(day(-1), NOW), -1);
        assert_eq!(relative_days(12), "in 12 days");
        assert_eq!(relative_days(1), "tomorrow");
        assert_eq!(relative_days(0), "today");
        assert_eq!(relative_days(-3), "3 days ago");
        assert_eq!(Expiry::of(Some(-1)), Expiry::Expired);
        assert_eq!(Expiry::of(Some(0)), Expiry::Soon);
        assert_eq!(Expiry::of(Some(30)), Expiry::Soon);
        assert_eq!(Expiry::of(Some(31)), Expiry::Valid);
        assert_eq!(Expiry::of(None), Expiry::Unknown);
    }

    #[test]
    fn query_round_trips_and_reads_its_range() {
        let q = sample_query();
        let p: Vec<(String, String)> = q
            .to_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(CertQuery::from_pairs(&p), q);
        // Both whole days: from the start of the 4th to the end of the 10th.
        let from = crate::dates::parse_to_epoch_ms("2026-08-04").unwrap();
        let to = crate::dates::parse_to_epoch_ms("2026-08-11").unwrap();
        assert_eq!(q.expiry_range(), (Some(from), Some(to)));
        assert_eq!(q.range_error(), None);
        let bad = CertQuery {
            from: "2026-09-01".into(),
            to: "2026-08-01".into(),
            ..q.clone()
        };
        assert!(bad.range_error().is_some());
        let bad = CertQuery {
            from: "tomorrow".into(),
            ..q.clone()
        };
        assert!(bad.range_error().is_some());
        assert_eq!(bad.expiry_range().0, None);
        assert!(q.describe().contains("status Active"));
    }

    #[test]
    fn all_configurations_keeps_every_other_filter() {
        // The dashboard's total links here with `ce=*`.
        let q = CertQuery::from_pairs(&pairs(&[
            ("ce", "*"),
            ("status", "ACTIVE"),
            ("to", "2026-08-11"),
        ]));
        assert!(q.all_configs());
        assert_eq!(
            q.describe(),
            "all configurations, status Active, expiring until 2026-08-11"
        );
        let one = q.for_config("SCEP");
        assert!(!one.all_configs());
        assert_eq!(one.config, "SCEP");
        assert_eq!(one.status, q.status);
        assert_eq!(one.to, q.to);
    }

    #[test]
    fn serial_links_open_the_drawer_in_place() {
        let c = sample_certificate();
        let serial = &certificate_columns()[0];
        assert_eq!(
            serial.href.map(|h| h(&c)),
            Some("/certificates?cert=42".into())
        );
        // A status this portal does not know is shown as sent.
        assert_eq!(c.status_label(), "SOMETHING_NEW");

        // The device cell links to the device's page where the server names it; else plain.
        let device = certificate_columns()
            .into_iter()
            .find(|c| c.id == "device")
            .unwrap();
        assert_eq!(device.href.map(|h| h(&c)), Some(String::new()));
        let on_device = Certificate {
            device_id: Some(7),
            device_uuid: "u-1".into(),
            ..c.clone()
        };
        assert_eq!(
            device.href.map(|h| h(&on_device)),
            Some("/devices/u-1".into())
        );

        // The Expiry badge always says something.
        assert_eq!(c.expiry_label(), "No date");
        let revoked = Certificate {
            status: Some(CertStatus::Revoked),
            days_left: Some(40),
            ..c.clone()
        };
        assert_eq!(revoked.expiry_label(), "Revoked");
        let soon = Certificate {
            status: Some(CertStatus::Active),
            days_left: Some(3),
            ..c
        };
        assert_eq!(soon.expiry_label(), "Expires soon");
    }

    #[test]
    fn rows_show_names_with_links_and_keep_their_ids() {
        let col = |id: &str| {
            certificate_columns()
                .into_iter()
                .find(|c| c.id == id)
                .unwrap()
        };
        let (user, device) = (col("user"), col("device"));
        let c = Certificate {
            user_id: "9002".into(),
            device_id: Some(7),
            device_uuid: "u-7".into(),
            ..sample_certificate()
        };
        let other = Certificate {
            id: "43".into(),
            user_id: "9003".into(),
            device_id: Some(8),
            device_uuid: String::new(),
            ..sample_certificate()
        };
        let list = std::sync::Arc::new(vec![c.clone(), other.clone()]);

        // Nothing named yet: the ids, the device's page by its UUID, no user link; the same list.
        let names = Names::default();
        assert!(std::sync::Arc::ptr_eq(&names.apply(&list), &list));
        assert_eq!((user.text)(&c), "9002");
        assert_eq!(user.href.map(|h| h(&c)), Some(String::new()));
        assert_eq!((device.text)(&c), "7");
        assert_eq!(device.href.map(|h| h(&c)), Some("/devices/u-7".into()));
        // The id on hover.
        assert_eq!(user.hint.map(|h| h(&c)), Some("User ID 9002".into()));
        assert_eq!(device.hint.map(|h| h(&c)), Some("Device ID 7".into()));

        // Named: every row of that user and device, by name, linking to their pages.
        let mut names = Names::default();
        let more = Names {
            users: [(
                "9002".to_string(),
                Named {
                    name: "Joe Doe".into(),
                    key: "jdoe".into(),
                },
            )]
            .into(),
            devices: [(
                "u-7".to_string(),
                Named {
                    name: "jdoe:Android 14:PDA".into(),
                    key: "u-7".into(),
                },
            )]
            .into(),
        };
        assert!(names.merge(more.clone()));
        assert!(!names.merge(more), "nothing new the second time");
        let named = names.apply(&list);
        let (c, other) = (&named[0], &named[1]);
        assert_eq!((user.text)(c), "Joe Doe");
        assert_eq!(user.href.map(|h| h(c)), Some("/users/jdoe".into()));
        assert_eq!((device.text)(c), "jdoe:Android 14:PDA");
        assert_eq!(device.href.map(|h| h(c)), Some("/devices/u-7".into()));
        // The ids stay: on hover, in the hidden columns (CSV, search when shown), and the sort.
        assert_eq!(user.hint.map(|h| h(c)), Some("User ID 9002".into()));
        assert_eq!((col("user_id").text)(c), "9002");
        assert_eq!((col("device_id").text)(c), "7");
        assert_eq!(user.key_of(c), SortKey::Int(9002));
        assert_eq!(device.key_of(c), SortKey::Int(7));
        // A row nobody named keeps its ids, and no link where the server gave no UUID.
        assert_eq!((user.text)(other), "9003");
        assert_eq!((device.text)(other), "8");
        assert_eq!(device.href.map(|h| h(other)), Some(String::new()));
        // Applied again: the same list (the table keeps its order and page).
        assert!(std::sync::Arc::ptr_eq(&names.apply(&named), &named));
    }
}
