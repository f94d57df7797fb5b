//! Certificates in the portal's own terms: issued certificates and their expiry, certificate
//! enrollment (CE) configurations, a user's user-provided certificates, the CSV export job, the
//! revocation run, and the checks made on a PKCS#12 file before it is uploaded.
//!
//! Pure and tested natively. Vendor rules are quoted from the EPMM V2 "Certificate Management"
//! chapter (seed 000 = S0) and its digest (`certificates-api.md`).

use crate::ui::table::engine::{CellKind, Column, SortKey};
use std::fmt;
use std::str::FromStr;

pub const DAY_MS: i64 = 86_400_000;

/// Certificates expiring within this many days are marked "expires soon".
pub const SOON_DAYS: i64 = 30;

/// The one device space (`adminDeviceSpaceId`, S0:L48-58).
pub const DEVICE_SPACE: i64 = 1;

// ---------------------------------------------------------------------------------------------
// Status

/// Lifecycle state of an issued certificate (S0:L84-100; 9 values, C.1 #5).
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

    /// The API value, also used in URLs.
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

    /// States an admin has to act on (digest Part E UI-1: amber/red).
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

// ---------------------------------------------------------------------------------------------
// Configurations

/// How a CE configuration obtains certificates (the `caprotocol` of S0:L1615-1633).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaKind {
    BlueCoat,
    ClientProvided,
    UserProvided,
    Entrust,
    GlobalSign,
    Local,
    OpenTrust,
    Scep,
    SingleFileIdentity,
    SymantecManagedPki,
    SymantecWsManagedPki,
}

impl CaKind {
    pub const ALL: [CaKind; 11] = [
        CaKind::Local,
        CaKind::Scep,
        CaKind::Entrust,
        CaKind::GlobalSign,
        CaKind::SymantecManagedPki,
        CaKind::SymantecWsManagedPki,
        CaKind::OpenTrust,
        CaKind::BlueCoat,
        CaKind::SingleFileIdentity,
        CaKind::ClientProvided,
        CaKind::UserProvided,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CaKind::BlueCoat => "BLUE_COAT",
            CaKind::ClientProvided => "CLIENT_PROVIDED",
            CaKind::UserProvided => "USER_PROVIDED",
            CaKind::Entrust => "ENTRUST",
            CaKind::GlobalSign => "GLOBAL_SIGN",
            CaKind::Local => "LOCAL",
            CaKind::OpenTrust => "OPEN_TRUST",
            CaKind::Scep => "SCEP",
            CaKind::SingleFileIdentity => "SINGLE_FILE_IDENTITY",
            CaKind::SymantecManagedPki => "SYMANTEC_MANAGED_PKI",
            CaKind::SymantecWsManagedPki => "SYMANTEC_WS_MANAGED_PKI",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaKind::BlueCoat => "Blue Coat",
            CaKind::ClientProvided => "Client-provided",
            CaKind::UserProvided => "User-provided",
            CaKind::Entrust => "Entrust",
            CaKind::GlobalSign => "GlobalSign",
            CaKind::Local => "Local CA",
            CaKind::OpenTrust => "OpenTrust",
            CaKind::Scep => "SCEP",
            CaKind::SingleFileIdentity => "Single-file identity",
            CaKind::SymantecManagedPki => "Symantec Managed PKI",
            CaKind::SymantecWsManagedPki => "Symantec WS Managed PKI",
        }
    }

    /// Issues certificates that the certificate search (E4) lists.
    pub fn issues_certificates(self) -> bool {
        self != CaKind::UserProvided
    }

    /// A CA that can issue a test certificate (E13).
    pub fn can_test(self) -> bool {
        !matches!(self, CaKind::UserProvided | CaKind::ClientProvided)
    }
}

impl FromStr for CaKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        CaKind::ALL
            .iter()
            .copied()
            .find(|c| c.key().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// A certificate enrollment configuration (E11/E14 row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeConfig {
    /// The `value` (`"10"`): the `CEid`/`CEID` of the other calls (C.1 #23).
    pub id: String,
    /// The `name`: the `ceSettingName` of E1/E4 and `ceConfigName` of E13.
    pub name: String,
    pub kind: CaKind,
}

impl CeConfig {
    /// `LocalCE (Local CA)`.
    pub fn title(&self) -> String {
        format!("{} ({})", self.name, self.kind.label())
    }
}

pub fn config_columns() -> Vec<Column<CeConfig>> {
    vec![
        Column::new("name", "Name", |c: &CeConfig| c.name.clone())
            .link(|c| format!("/certificates/configurations/{}", c.id)),
        Column::new("kind", "CA type", |c: &CeConfig| c.kind.label().to_string()),
        Column::new("id", "ID", |c: &CeConfig| c.id.clone())
            .kind(CellKind::Number)
            .sort_by(|c| SortKey::opt_int(c.id.parse().ok())),
    ]
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

/// One issued certificate (E4 row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    pub id: i64,
    pub serial: String,
    /// `Centralized` / `Decentralized`.
    pub kind: String,
    /// `trash` (meaning undocumented, C.1 #19).
    pub trash: bool,
    /// Expiry date (UTC midnight of `expiredAt`, a `YYYY-MM-DD`, C.1 #18).
    pub expires: Option<i64>,
    pub created: Option<i64>,
    /// The internal numeric user id (C.1 #17).
    pub user_id: String,
    pub device_id: Option<i64>,
    pub device_uuid: String,
    pub local_ca_id: Option<i64>,
    pub config_name: String,
    pub config_id: Option<i64>,
    pub status: Option<CertStatus>,
    /// The status as sent, for values this portal does not know.
    pub status_raw: String,
    pub app_settings: Vec<i64>,
    /// Days until expiry when the list was loaded.
    pub days_left: Option<i64>,
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
    pub fn expires_relative(&self) -> String {
        self.days_left.map(relative_days).unwrap_or_default()
    }
}

pub fn certificate_columns() -> Vec<Column<Certificate>> {
    vec![
        Column::new("serial", "Serial", |c: &Certificate| c.serial.clone())
            .kind(CellKind::Code)
            .sort_by(|c| SortKey::opt_int(c.serial.parse().ok()))
            .link(|c| format!("/certificates?cert={}", c.id)),
        Column::new("status", "Status", Certificate::status_label).kind(CellKind::Badge),
        Column::new("config", "Configuration", |c: &Certificate| {
            c.config_name.clone()
        })
        .hidden(),
        Column::new("user", "User ID", |c: &Certificate| c.user_id.clone())
            .sort_by(|c| SortKey::opt_int(c.user_id.parse().ok())),
        Column::new("device", "Device ID", |c: &Certificate| {
            c.device_id.map(|d| d.to_string()).unwrap_or_default()
        })
        .kind(CellKind::Number)
        .sort_by(|c| SortKey::opt_int(c.device_id)),
        Column::new("uuid", "Device UUID", |c: &Certificate| {
            c.device_uuid.clone()
        })
        .kind(CellKind::Code)
        .hidden(),
        Column::new("expires", "Expires", |c: &Certificate| date(c.expires))
            .sort_by(|c| SortKey::opt_int(c.expires)),
        Column::new("expires_in", "Expires in", Certificate::expires_relative)
            .sort_by(|c| SortKey::opt_int(c.days_left)),
        Column::new("expiry", "Expiry", |c: &Certificate| {
            c.expiry().label().to_string()
        })
        .kind(CellKind::Badge),
        Column::new("created", "Created", |c: &Certificate| date(c.created))
            .sort_by(|c| SortKey::opt_int(c.created)),
        Column::new("type", "Type", |c: &Certificate| c.kind.clone()).hidden(),
        Column::new("trash", "Trash", |c: &Certificate| {
            if c.trash { "Yes" } else { "No" }.to_string()
        })
        .hidden(),
        Column::new("id", "ID", |c: &Certificate| c.id.to_string())
            .kind(CellKind::Number)
            .sort_by(|c| SortKey::Int(c.id))
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

/// The filters of the certificates screen, as kept in the URL (`ce`, `status`, `user`,
/// `device`, `from`, `to`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertQuery {
    /// Configuration name (`ceSettingName`); empty = none chosen yet; [`ALL_CONFIGS`] = every
    /// configuration that issues certificates.
    pub config: String,
    pub status: Option<CertStatus>,
    pub user: String,
    pub device: String,
    /// `YYYY-MM-DD`: expires on or after this day.
    pub from: String,
    /// `YYYY-MM-DD`: expires on or before this day.
    pub to: String,
}

pub const QUERY_KEYS: [&str; 6] = ["ce", "status", "user", "device", "from", "to"];

/// `ce=*`: the certificates of every configuration that issues them. E4 takes one
/// `ceSettingName` (S0 E4 table: required), so this is one search per configuration (digest A.6
/// F3: "a global count needs one search per CE config"), the lists joined.
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

    /// The E1/E4 request body (digest A.3): epoch ms, the range made inclusive of both days.
    pub fn filter_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("adminDeviceSpaceId".into(), DEVICE_SPACE.into());
        m.insert("ceSettingName".into(), self.config.clone().into());
        if let Some(s) = self.status {
            m.insert("certificateStatus".into(), s.key().into());
        }
        if !self.user.trim().is_empty() {
            m.insert("userId".into(), self.user.trim().into());
        }
        if !self.device.trim().is_empty() {
            m.insert("deviceUUID".into(), self.device.trim().into());
        }
        if let Some(f) = parse_date(&self.from) {
            // expiresAfter is exclusive: one millisecond before the day starts.
            m.insert("expiresAfter".into(), (f - 1).into());
        }
        if let Some(t) = parse_date(&self.to) {
            m.insert("expiresBefore".into(), (t + DAY_MS).into());
        }
        serde_json::Value::Object(m)
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

// ---------------------------------------------------------------------------------------------
// The server-side CSV export (E1 → E2 → E3, E16 → E17 → E18; digest A.6 F1/F2, Part E UI-2)

/// What the export status call (E2/E17) said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportStatus {
    /// `isExportStatusAvailable`.
    pub available: bool,
    pub running: bool,
    /// `exportStatusMsg`: `Some(true)` "success", `Some(false)` "fail", `None` while running or
    /// unknown.
    pub success: Option<bool>,
    pub initiated_ms: Option<i64>,
}

impl ExportStatus {
    /// Reads `exportStatusMsg` (`"success"` / `"fail"`, S0:L310-312).
    pub fn outcome(msg: Option<&str>) -> Option<bool> {
        match msg.map(|m| m.trim().to_ascii_lowercase()) {
            Some(m) if m == "success" => Some(true),
            Some(m) if m == "fail" || m == "failed" || m == "failure" => Some(false),
            _ => None,
        }
    }
}

/// Where the export stands, from this screen's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportState {
    /// Asking the server on arrival whether an export runs or is ready.
    Checking,
    Idle,
    /// The initiate call is on its way.
    Starting,
    /// Running on the server. `mine`: started from here (downloaded automatically when done);
    /// `already`: someone else's was running when we asked ("It might be issued by a different
    /// user", S0:L234). `previous` is the `initiatedAt` seen before ours started, so a stale
    /// "success" of the previous export is not taken for ours (digest A.6 F1 step 3).
    Running {
        since_ms: i64,
        mine: bool,
        already: bool,
        previous: Option<i64>,
    },
    /// A finished export can be downloaded. `auto`: download it now (ours just finished).
    Ready {
        initiated_ms: Option<i64>,
        auto: bool,
    },
    Downloading {
        initiated_ms: Option<i64>,
    },
    Failed {
        message: String,
    },
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportEvent {
    /// The status on arrival (or after an error).
    Restored(ExportStatus),
    /// The user asked for an export; the last known `initiatedAt` is kept.
    Start,
    /// E1 answered with `results`: our export started.
    Started,
    /// E1 answered without `results`: one is already running (S0:L222-242).
    AlreadyRunning,
    /// A status poll.
    Polled(ExportStatus),
    /// A call failed.
    Error(String),
    DownloadStarted,
    Downloaded,
    DownloadFailed(String),
    /// "Dismiss" on a failure.
    Reset,
}

impl ExportState {
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            ExportState::Checking
                | ExportState::Starting
                | ExportState::Running { .. }
                | ExportState::Downloading { .. }
        )
    }

    /// Whether to keep polling the status.
    pub fn polls(&self) -> bool {
        matches!(self, ExportState::Running { .. })
    }

    fn initiated(&self) -> Option<i64> {
        match self {
            ExportState::Ready { initiated_ms, .. } | ExportState::Downloading { initiated_ms } => {
                *initiated_ms
            }
            ExportState::Running { previous, .. } => *previous,
            _ => None,
        }
    }

    /// The next state. `now_ms` is the browser clock, used when the server gives no time.
    pub fn next(&self, event: ExportEvent, now_ms: i64) -> ExportState {
        use ExportEvent as E;
        use ExportState as S;
        match (self, event) {
            (_, E::Restored(st)) => restored(st, now_ms),
            (_, E::Start) => S::Starting,
            (S::Starting, E::Started) => S::Running {
                since_ms: now_ms,
                mine: true,
                already: false,
                previous: None,
            },
            (S::Starting, E::AlreadyRunning) => S::Running {
                since_ms: now_ms,
                mine: true,
                already: true,
                previous: None,
            },
            (
                S::Running {
                    since_ms,
                    mine,
                    already,
                    previous,
                },
                E::Polled(st),
            ) => {
                if st.running || !st.available {
                    // Prefer the server's start time once known.
                    let since = match (st.initiated_ms, already) {
                        (Some(t), _) => t,
                        (None, _) => *since_ms,
                    };
                    return S::Running {
                        since_ms: since,
                        mine: *mine,
                        already: *already,
                        previous: *previous,
                    };
                }
                if previous.is_some() && st.initiated_ms == *previous {
                    // Still the previous export's result: ours has not shown up yet.
                    return self.clone();
                }
                match st.success {
                    Some(false) => S::Failed {
                        message: "The export failed on the server.".into(),
                    },
                    _ => S::Ready {
                        initiated_ms: st.initiated_ms,
                        auto: *mine,
                    },
                }
            }
            (S::Ready { initiated_ms, .. }, E::DownloadStarted) => S::Downloading {
                initiated_ms: *initiated_ms,
            },
            (S::Downloading { initiated_ms }, E::Downloaded) => S::Ready {
                initiated_ms: *initiated_ms,
                auto: false,
            },
            (S::Downloading { .. }, E::DownloadFailed(m)) => S::Failed {
                message: format!("The export finished, but downloading it failed: {m}"),
            },
            (_, E::Error(m)) => S::Failed { message: m },
            (S::Failed { .. }, E::Reset) => S::Idle,
            (s, _) => s.clone(),
        }
    }

    /// Starting from here: remember the `initiatedAt` the screen last saw.
    pub fn start_from(&self) -> Option<i64> {
        self.initiated()
    }
}

fn restored(st: ExportStatus, now_ms: i64) -> ExportState {
    if !st.available {
        ExportState::Idle
    } else if st.running {
        ExportState::Running {
            since_ms: st.initiated_ms.unwrap_or(now_ms),
            mine: false,
            already: true,
            previous: None,
        }
    } else if st.success == Some(false) {
        ExportState::Failed {
            message: "The last export failed on the server.".into(),
        }
    } else {
        ExportState::Ready {
            initiated_ms: st.initiated_ms,
            auto: false,
        }
    }
}

/// Seconds to wait before the next status poll: 1, 1.5, 2.25… up to 10 s (digest A.6 F1 step 3).
pub fn poll_delay_ms(attempt: u32) -> u32 {
    let mut d = 1000.0_f64;
    for _ in 0..attempt.min(20) {
        d *= 1.5;
    }
    d.min(10_000.0) as u32
}

/// How long to wait before offering "keep waiting" (digest A.6 F1: about 5 minutes).
pub const EXPORT_PATIENCE_MS: i64 = 5 * 60_000;

/// `0:07`, `12:30`, `1:02:03`.
pub fn elapsed(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `certificates-LocalCE-20260801-0930.csv` (digest A.6 F1 step 4); unsafe characters become `_`.
pub fn export_file_name(prefix: &str, subject: &str, local: (i32, u32, u32, u32, u32)) -> String {
    let clean: String = subject
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (y, mo, d, h, mi) = local;
    format!("{prefix}-{clean}-{y:04}{mo:02}{d:02}-{h:02}{mi:02}.csv")
}

// ---------------------------------------------------------------------------------------------
// Revocation (E9/E10; digest A.6 F3)

/// What E9's sentence says (S0:L1235-1239).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevocationStatus {
    pub running: bool,
    pub seconds: Option<u64>,
}

/// Reads E9's plain text (or a JSON envelope around it).
pub fn parse_revocation_status(text: &str) -> RevocationStatus {
    let t = text.trim();
    let t = if t.starts_with('{') {
        serde_json::from_str::<serde_json::Value>(t)
            .ok()
            .and_then(|v| {
                v["messages"][0]["localizedMessage"]
                    .as_str()
                    .map(str::to_string)
            })
            .unwrap_or_default()
    } else {
        t.to_string()
    };
    let lower = t.to_ascii_lowercase();
    let running = lower.contains("are being processed") && !lower.contains("not being processed");
    let seconds = lower
        .split("total duration so far")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok());
    RevocationStatus { running, seconds }
}

/// The sentence after a revocation run, from the counts before and after.
pub fn revocation_result(
    pending_before: usize,
    pending_after: usize,
    manual_before: usize,
    manual_after: usize,
) -> String {
    let manual_new = manual_after.saturating_sub(manual_before);
    let done = pending_before
        .saturating_sub(pending_after)
        .saturating_sub(manual_new);
    let mut s = format!(
        "Revocation finished: {} revoked",
        plural(done, "certificate", "certificates")
    );
    if manual_new > 0 {
        s.push_str(&format!(
            "; {} need manual revocation",
            plural(manual_new, "certificate", "certificates")
        ));
    }
    if pending_after > 0 {
        s.push_str(&format!("; {pending_after} still pending"));
    }
    s.push('.');
    s
}

pub use super::bulk::plural;

// ---------------------------------------------------------------------------------------------
// User-provided certificates (E5–E8)

/// One USER_PROVIDED configuration and the user's certificate for it (an E8 row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyCertificate {
    pub config_id: i64,
    /// `displayName`.
    pub name: String,
    pub require_password: bool,
    /// `certificateId`; `None` = nothing uploaded.
    pub certificate_id: Option<i64>,
    pub expires: Option<i64>,
    pub uploaded: Option<i64>,
}

/// What a self-service card says (digest Part E UI-5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardState {
    Missing,
    Valid {
        until: String,
    },
    ExpiresSoon {
        days: i64,
        until: String,
    },
    Expired {
        on: String,
    },
    /// Uploaded, but the server gave no expiry.
    Uploaded,
}

impl MyCertificate {
    pub fn present(&self) -> bool {
        self.certificate_id.is_some() || self.expires.is_some()
    }

    pub fn state(&self, now_ms: i64) -> CardState {
        if !self.present() {
            return CardState::Missing;
        }
        match self.expires {
            None => CardState::Uploaded,
            Some(at) => {
                let days = days_until(at, now_ms);
                let until = date(Some(at));
                if at < now_ms {
                    CardState::Expired { on: until }
                } else if days <= SOON_DAYS {
                    CardState::ExpiresSoon { days, until }
                } else {
                    CardState::Valid { until }
                }
            }
        }
    }
}

impl CardState {
    pub fn badge(&self) -> String {
        match self {
            CardState::Missing => "Missing".into(),
            CardState::Valid { until } => format!("Valid until {until}"),
            CardState::ExpiresSoon { days: 0, .. } => "Expires today".into(),
            CardState::ExpiresSoon { days: 1, .. } => "Expires in 1 day".into(),
            CardState::ExpiresSoon { days, .. } => format!("Expires in {days} days"),
            CardState::Expired { on } => format!("Expired on {on}"),
            CardState::Uploaded => "Uploaded".into(),
        }
    }
    /// A CSS class suffix.
    pub fn tone(&self) -> &'static str {
        match self {
            CardState::Missing => "missing",
            CardState::Valid { .. } | CardState::Uploaded => "valid",
            CardState::ExpiresSoon { .. } => "soon",
            CardState::Expired { .. } => "expired",
        }
    }
}

/// The certificate as E7 describes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CertDetails {
    pub version: String,
    pub serial: String,
    pub signature_algorithm: String,
    pub issuer: String,
    pub subject: String,
    pub common_name: String,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
}

// ---------------------------------------------------------------------------------------------
// Upload: checks before sending, and where the server's answer belongs

/// The largest file the portal sends (the mock's limit too).
pub const MAX_UPLOAD_BYTES: usize = 1024 * 1024;

/// Why a chosen file is not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precheck {
    Empty,
    TooLarge(usize),
    Pem,
    NotPkcs12,
}

impl Precheck {
    pub fn message(&self) -> String {
        match self {
            Precheck::Empty => "The file is empty. Choose the .p12 or .pfx file of your certificate.".into(),
            Precheck::TooLarge(n) => format!(
                "The file is too large ({} KB). A certificate file is at most {} KB: choose the .p12 or .pfx file of your certificate.",
                n.div_ceil(1024),
                MAX_UPLOAD_BYTES / 1024
            ),
            Precheck::Pem => "This is a PEM file (text starting with “-----BEGIN”). Export the certificate together with its private key as a PKCS#12 file (.p12 or .pfx) and upload that.".into(),
            Precheck::NotPkcs12 => "This file is not a PKCS#12 certificate file. Choose a .p12 or .pfx file.".into(),
        }
    }
}

/// Cheap checks on a chosen file (digest Part E UI-5): not empty, not too large, not PEM, and a
/// DER structure (a PKCS#12 file starts with an ASN.1 SEQUENCE, byte 0x30). The server checks the
/// rest (password, keys, version, validity).
pub fn precheck_pkcs12(bytes: &[u8]) -> Result<(), Precheck> {
    if bytes.is_empty() {
        return Err(Precheck::Empty);
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Precheck::TooLarge(bytes.len()));
    }
    let head = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(10)
        .copied()
        .collect::<Vec<u8>>();
    if head.starts_with(b"-----BEGIN") {
        return Err(Precheck::Pem);
    }
    if bytes[0] != 0x30 || bytes.len() < 4 {
        return Err(Precheck::NotPkcs12);
    }
    Ok(())
}

/// Whether the file name has a PKCS#12 extension (a hint only: the content decides).
pub fn has_pkcs12_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".p12") || lower.ends_with(".pfx")
}

/// The form field a server error concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadField {
    File,
    Password,
    /// Shown above the form.
    Form,
}

/// Places an upload error: by the mock's message key (`mock.upload.password.*`,
/// `mock.upload.file.*`), else by the words of the message.
pub fn upload_error_field(status: u16, key: &str, message: &str) -> UploadField {
    if key.contains(".password.") {
        return UploadField::Password;
    }
    if key.contains(".file.") {
        return UploadField::File;
    }
    if !matches!(status, 400 | 413 | 415 | 422) {
        return UploadField::Form;
    }
    let m = message.to_ascii_lowercase();
    if m.contains("password") {
        UploadField::Password
    } else if m.contains("file")
        || m.contains("pkcs")
        || m.contains("certificate")
        || m.contains("key")
    {
        UploadField::File
    } else {
        UploadField::Form
    }
}

// ---------------------------------------------------------------------------------------------
// Users without certificates (E15)

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: Option<i64>,
    pub principal: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

pub fn user_columns() -> Vec<Column<UserRow>> {
    vec![
        Column::new("principal", "User", |u: &UserRow| u.principal.clone()).link(|u| {
            format!(
                "/certificates/users/{}",
                crate::url::encode_path_segment(&u.principal)
            )
        }),
        Column::new("name", "Display name", |u: &UserRow| u.display_name.clone()),
        Column::new("first", "First name", |u: &UserRow| u.first_name.clone()).hidden(),
        Column::new("last", "Last name", |u: &UserRow| u.last_name.clone()).hidden(),
        Column::new("email", "Email", |u: &UserRow| u.email.clone()),
        Column::new("id", "User ID", |u: &UserRow| {
            u.id.map(|i| i.to_string()).unwrap_or_default()
        })
        .kind(CellKind::Number)
        .sort_by(|u| SortKey::opt_int(u.id)),
    ]
}

// ---------------------------------------------------------------------------------------------
// SCEP challenge (E12)

/// Checks the new challenge password, typed twice (digest Part E UI-7).
pub fn check_challenge(new: &str, again: &str) -> Result<(), String> {
    if new.is_empty() {
        return Err("Enter the new challenge password.".into());
    }
    if new.trim().is_empty() {
        return Err("The challenge password cannot be only spaces.".into());
    }
    if new.chars().count() > 255 {
        return Err("The challenge password can have at most 255 characters.".into());
    }
    if new != again {
        return Err("The two passwords do not match.".into());
    }
    Ok(())
}

impl fmt::Display for CertStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000_000; // 2026-09-21T14:13:20Z

    #[test]
    fn statuses_and_kinds_round_trip() {
        assert_eq!(CertStatus::ALL.len(), 9);
        for s in CertStatus::ALL {
            assert_eq!(s.key().parse::<CertStatus>(), Ok(s));
        }
        assert_eq!(CaKind::ALL.len(), 11);
        for k in CaKind::ALL {
            assert_eq!(k.key().parse::<CaKind>(), Ok(k));
        }
        assert!(CertStatus::PendingRevocation.needs_attention());
        assert!(!CaKind::UserProvided.issues_certificates());
        assert!(!CaKind::ClientProvided.can_test());
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
    fn query_round_trip_and_filter_body() {
        let q = CertQuery {
            config: "LocalCE".into(),
            status: Some(CertStatus::Active),
            user: "jdoe".into(),
            device: "5f1db255-8d3d-4943-8bab-d556cacce855".into(),
            from: "2026-08-04".into(),
            to: "2026-08-10".into(),
        };
        let pairs: Vec<(String, String)> = q
            .to_pairs()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        assert_eq!(CertQuery::from_pairs(&pairs), q);
        let body = q.filter_json();
        // S0:L188: {"adminDeviceSpaceId":1,"ceSettingName":"LocalCE","certificateStatus":"ACTIVE"}
        assert_eq!(body["adminDeviceSpaceId"], 1);
        assert_eq!(body["ceSettingName"], "LocalCE");
        assert_eq!(body["certificateStatus"], "ACTIVE");
        assert_eq!(body["deviceUUID"], "5f1db255-8d3d-4943-8bab-d556cacce855");
        // Epoch milliseconds (S0:L132); the range covers both whole days.
        let from = crate::dates::parse_to_epoch_ms("2026-08-04").unwrap();
        let to = crate::dates::parse_to_epoch_ms("2026-08-11").unwrap();
        assert_eq!(body["expiresAfter"], from - 1);
        assert_eq!(body["expiresBefore"], to);
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
        // No status: no key (E4 makes it optional, C.1 #6).
        let open = CertQuery {
            config: "LocalCE".into(),
            ..Default::default()
        };
        assert!(open.filter_json().get("certificateStatus").is_none());
        assert!(q.describe().contains("status Active"));
    }

    #[test]
    fn all_configurations_is_one_search_per_configuration() {
        // The dashboard's total links here: `ce=*` keeps every other filter and each search
        // names one configuration, as E4 requires `ceSettingName` (S0 E4 table).
        let pairs: Vec<(String, String)> =
            [("ce", "*"), ("status", "ACTIVE"), ("to", "2026-08-11")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let q = CertQuery::from_pairs(&pairs);
        assert!(q.all_configs());
        assert_eq!(
            q.describe(),
            "all configurations, status Active, expiring until 2026-08-11"
        );
        let one = q.for_config("SCEP");
        assert!(!one.all_configs());
        assert_eq!(one.filter_json()["ceSettingName"], "SCEP");
        assert_eq!(one.filter_json()["certificateStatus"], "ACTIVE");
        assert_eq!(one.to, q.to);
    }

    fn st(available: bool, running: bool, success: Option<bool>, at: Option<i64>) -> ExportStatus {
        ExportStatus {
            available,
            running,
            success,
            initiated_ms: at,
        }
    }

    #[test]
    fn export_state_machine_our_export() {
        let s =
            ExportState::Checking.next(ExportEvent::Restored(st(false, false, None, None)), NOW);
        assert_eq!(s, ExportState::Idle);
        let s = s.next(ExportEvent::Start, NOW);
        assert_eq!(s, ExportState::Starting);
        assert!(s.is_busy());
        let s = s.next(ExportEvent::Started, NOW);
        assert!(matches!(
            s,
            ExportState::Running {
                mine: true,
                already: false,
                ..
            }
        ));
        let s = s.next(
            ExportEvent::Polled(st(true, true, None, Some(NOW - 500))),
            NOW,
        );
        assert!(matches!(s, ExportState::Running { since_ms, .. } if since_ms == NOW - 500));
        assert!(s.polls());
        let s = s.next(
            ExportEvent::Polled(st(true, false, Some(true), Some(NOW - 500))),
            NOW,
        );
        assert_eq!(
            s,
            ExportState::Ready {
                initiated_ms: Some(NOW - 500),
                auto: true
            }
        );
        let s = s.next(ExportEvent::DownloadStarted, NOW);
        assert!(matches!(s, ExportState::Downloading { .. }));
        let s = s.next(ExportEvent::Downloaded, NOW);
        assert_eq!(
            s,
            ExportState::Ready {
                initiated_ms: Some(NOW - 500),
                auto: false
            }
        );
    }

    #[test]
    fn export_state_machine_other_paths() {
        // Already running (S0:L222-242): poll like ours, say so.
        let s = ExportState::Starting.next(ExportEvent::AlreadyRunning, NOW);
        assert!(matches!(s, ExportState::Running { already: true, .. }));
        // Failure on the server ("fail", S0:L312), then retry from scratch.
        let f = s.next(
            ExportEvent::Polled(st(true, false, Some(false), Some(NOW))),
            NOW,
        );
        assert!(matches!(f, ExportState::Failed { .. }));
        assert_eq!(f.next(ExportEvent::Start, NOW), ExportState::Starting);
        assert_eq!(f.next(ExportEvent::Reset, NOW), ExportState::Idle);
        // Restored on arrival: running, ready, failed.
        let r =
            ExportState::Checking.next(ExportEvent::Restored(st(true, true, None, Some(5))), NOW);
        assert_eq!(
            r,
            ExportState::Running {
                since_ms: 5,
                mine: false,
                already: true,
                previous: None
            }
        );
        let r = ExportState::Checking.next(
            ExportEvent::Restored(st(true, false, Some(true), Some(5))),
            NOW,
        );
        assert_eq!(
            r,
            ExportState::Ready {
                initiated_ms: Some(5),
                auto: false
            }
        );
        let r = ExportState::Checking.next(
            ExportEvent::Restored(st(true, false, Some(false), Some(5))),
            NOW,
        );
        assert!(matches!(r, ExportState::Failed { .. }));
        // A stale result of the previous export is not ours.
        let running = ExportState::Running {
            since_ms: NOW,
            mine: true,
            already: false,
            previous: Some(5),
        };
        assert_eq!(
            running.next(
                ExportEvent::Polled(st(true, false, Some(true), Some(5))),
                NOW
            ),
            running
        );
        // A network error while polling.
        assert!(matches!(
            running.next(ExportEvent::Error("x".into()), NOW),
            ExportState::Failed { .. }
        ));
        // Download failure keeps a way back.
        let d = ExportState::Downloading {
            initiated_ms: Some(5),
        };
        assert!(matches!(
            d.next(ExportEvent::DownloadFailed("HTTP 404".into()), NOW),
            ExportState::Failed { .. }
        ));
        assert_eq!(ExportStatus::outcome(Some("success")), Some(true));
        assert_eq!(ExportStatus::outcome(Some("fail")), Some(false));
        assert_eq!(ExportStatus::outcome(None), None);
    }

    #[test]
    fn polling_backs_off_and_elapsed_reads_well() {
        assert_eq!(poll_delay_ms(0), 1000);
        assert_eq!(poll_delay_ms(1), 1500);
        assert_eq!(poll_delay_ms(30), 10_000);
        assert_eq!(elapsed(14_200), "0:14");
        assert_eq!(elapsed(750_000), "12:30");
        assert_eq!(elapsed(3_723_000), "1:02:03");
        assert_eq!(
            export_file_name(
                "certificates",
                "Corporate Wi-Fi (SCEP)",
                (2026, 8, 1, 9, 30)
            ),
            "certificates-Corporate_Wi-Fi__SCEP_-20260801-0930.csv"
        );
    }

    #[test]
    fn revocation_sentences_s0_l1235_l1239() {
        let idle = parse_revocation_status("Pending revocation certs are not being processed.");
        assert_eq!(
            idle,
            RevocationStatus {
                running: false,
                seconds: None
            }
        );
        let busy = parse_revocation_status(
            "Pending revocation certs are being processed. Total duration so far 76 Seconds",
        );
        assert_eq!(
            busy,
            RevocationStatus {
                running: true,
                seconds: Some(76)
            }
        );
        let json = parse_revocation_status(
            r#"{"messages":[{"localizedMessage":"Pending revocation certs are being processed. Total duration so far 3 Seconds"}]}"#,
        );
        assert_eq!(
            json,
            RevocationStatus {
                running: true,
                seconds: Some(3)
            }
        );
        assert_eq!(
            revocation_result(5, 0, 1, 1),
            "Revocation finished: 5 certificates revoked."
        );
        assert_eq!(
            revocation_result(5, 1, 0, 2),
            "Revocation finished: 2 certificates revoked; 2 certificates need manual revocation; 1 still pending."
        );
    }

    #[test]
    fn card_states() {
        let c = |expires: Option<i64>, id: Option<i64>| MyCertificate {
            config_id: 10,
            name: "testUserProv".into(),
            require_password: true,
            certificate_id: id,
            expires,
            uploaded: Some(NOW - DAY_MS),
        };
        assert_eq!(c(None, None).state(NOW), CardState::Missing);
        assert_eq!(c(None, None).state(NOW).badge(), "Missing");
        let v = c(Some(NOW + 200 * DAY_MS), Some(11)).state(NOW);
        assert!(matches!(v, CardState::Valid { .. }));
        assert!(v.badge().starts_with("Valid until "));
        let s = c(Some(NOW + 20 * DAY_MS), Some(11)).state(NOW);
        assert_eq!(s.badge(), "Expires in 20 days");
        let e = c(Some(NOW - 15 * DAY_MS), Some(11)).state(NOW);
        assert!(e.badge().starts_with("Expired on "));
        // The sample row of E8 (S0:L1161-1173): expired 2020-11-06.
        let sample = c(Some(1_604_698_384_000), Some(11)).state(NOW);
        assert_eq!(sample.badge(), "Expired on 2020-11-06");
    }

    #[test]
    fn prechecks() {
        assert_eq!(precheck_pkcs12(b""), Err(Precheck::Empty));
        assert_eq!(
            precheck_pkcs12(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
            Err(Precheck::Pem)
        );
        assert_eq!(
            precheck_pkcs12(b"\xEF\xBB\xBF-----BEGIN PRIVATE KEY-----"),
            Err(Precheck::Pem)
        );
        assert_eq!(precheck_pkcs12(b"PK\x03\x04zip"), Err(Precheck::NotPkcs12));
        let big = vec![0x30; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            precheck_pkcs12(&big),
            Err(Precheck::TooLarge(MAX_UPLOAD_BYTES + 1))
        );
        assert!(precheck_pkcs12(&[0x30, 0x82, 0x01, 0x00, 0x02]).is_ok());
        assert!(Precheck::Pem.message().contains("PKCS#12"));
        assert!(has_pkcs12_extension("Me.P12"));
        assert!(has_pkcs12_extension("x.pfx"));
        assert!(!has_pkcs12_extension("x.pem"));
    }

    #[test]
    fn upload_errors_find_their_field() {
        assert_eq!(
            upload_error_field(
                400,
                "mock.upload.password.WRONG",
                "Incorrect password for the PKCS#12 file."
            ),
            UploadField::Password
        );
        assert_eq!(
            upload_error_field(400, "mock.upload.file.NOT_PKCS12", "x"),
            UploadField::File
        );
        // Without a known key: by the words.
        assert_eq!(
            upload_error_field(400, "", "Incorrect password for the PKCS#12 file."),
            UploadField::Password
        );
        assert_eq!(
            upload_error_field(400, "", "The file is not a valid PKCS#12 file."),
            UploadField::File
        );
        assert_eq!(
            upload_error_field(400, "", "The user ID is not a valid user principal."),
            UploadField::Form
        );
        assert_eq!(upload_error_field(403, "", "password"), UploadField::Form);
    }

    #[test]
    fn challenge_rules() {
        assert!(check_challenge("", "").is_err());
        assert!(check_challenge("   ", "   ").is_err());
        assert_eq!(
            check_challenge("a1", "a2"),
            Err("The two passwords do not match.".into())
        );
        assert!(check_challenge("123hjk", "123hjk").is_ok());
    }
}
