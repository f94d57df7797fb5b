//! The dashboard's figures: counts, each with the list that shows exactly what it counts, and
//! the chart series drawn from them.
//!
//! A server's backend gives the figures it has (`backend::dashboard::DashboardApi`); where each
//! number comes from is its business, as long as the list its link opens shows that many:
//! - devices by status: the Devices screen filtered to the status;
//! - devices by platform: the member list of a platform group;
//! - non-compliant and quarantined: the Compliance screen;
//! - unread alerts: the Alerts screen's "Unread" filter (and a severity);
//! - certificates expiring soon: the Certificates screen with the same search.

use super::device::{Device, Lifecycle, StatusFilter};
use crate::routes;
use crate::ui::chart_model::{Segment, Series, Tone};
use std::str::FromStr;

/// A count and the list that shows exactly what it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub count: u64,
    pub href: String,
}

/// What a part of a figure means, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Good,
    Warn,
    Danger,
    /// Over and done with (retired).
    Muted,
    /// No meaning of its own: one of several (platforms, configurations).
    Plain,
}

/// One part of a breakdown: a chart segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub label: String,
    pub count: u64,
    /// The list that shows exactly these.
    pub href: String,
    pub standing: Standing,
}

/// A figure and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    pub total: Figure,
    pub parts: Vec<Part>,
}

/// One group's share of another (CPS guide, "Example device groups API scenario": the Android
/// Enterprise devices among the Android devices), or of every device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub label: String,
    pub part: Figure,
    pub whole: Figure,
    /// What the whole is, after its count: `in Android Devices`, `devices`.
    pub of: String,
}

impl Share {
    /// `Android Enterprise: 420 of 1000 in Android Devices (42 %)`.
    pub fn text(&self) -> String {
        format!(
            "{}: {} of {} {} ({})",
            self.label,
            self.part.count,
            self.whole.count,
            self.of,
            crate::ui::chart_model::percent_text(self.part.count, self.whole.count)
        )
    }
}

/// Each device group's share (its member list, from [`group_parts`]) of the group `within` names
/// for it (by index into `groups`: a group it is part of, a share of that group's members), or
/// else of every device (`all`, opening the whole list).
pub fn group_shares(
    groups: &[crate::domain::group::Group],
    all: u64,
    within: impl Fn(usize) -> Option<usize>,
) -> Vec<Share> {
    let parts = group_parts(groups.iter());
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (whole, of) = match within(i).and_then(|w| parts.get(w)) {
                Some(w) => (
                    Figure {
                        count: w.count,
                        href: w.href.clone(),
                    },
                    format!("in {}", w.label),
                ),
                None => (
                    Figure {
                        count: all,
                        href: routes::devices(""),
                    },
                    "devices".to_string(),
                ),
            };
            Share {
                label: p.label.clone(),
                part: Figure {
                    count: p.count,
                    href: p.href.clone(),
                },
                whole,
                of,
            }
        })
        .collect()
}

fn lifecycle_standing(s: Lifecycle) -> Standing {
    match s {
        Lifecycle::Active => Standing::Good,
        Lifecycle::Blocked | Lifecycle::Lost | Lifecycle::Wiped | Lifecycle::Expired => {
            Standing::Danger
        }
        Lifecycle::Retired | Lifecycle::Retiring => Standing::Muted,
        Lifecycle::Enrolling | Lifecycle::Wiping | Lifecycle::Unknown => Standing::Warn,
    }
}

/// Devices by status, in the server's order: each part opens the Devices screen filtered to it.
pub fn status_parts(counts: &[(StatusFilter, u64)]) -> Vec<Part> {
    counts
        .iter()
        .map(|(s, n)| Part {
            label: s.label.to_string(),
            count: *n,
            href: routes::devices(s.key),
            standing: lifecycle_standing(s.lifecycle),
        })
        .collect()
}

/// Device groups as chart parts, each opening the group's members (a count the server did not
/// give is 0).
pub fn group_parts<'a>(groups: impl Iterator<Item = &'a crate::domain::group::Group>) -> Vec<Part> {
    groups
        .map(|g| Part {
            label: g.name.clone(),
            count: g.member_count.unwrap_or(0).max(0) as u64,
            href: routes::group(&g.id),
            standing: Standing::Plain,
        })
        .collect()
}

/// Unread alerts from their severities, most severe first, each part opening the inbox filtered
/// to it.
pub fn unread_alerts(severities: &[String]) -> Breakdown {
    let order = ["Critical", "Warning", "Information"];
    let mut counts: Vec<(String, u64)> = order.iter().map(|s| (s.to_string(), 0)).collect();
    for s in severities {
        let label = super::policy::title_case(s);
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    Breakdown {
        total: Figure {
            count: severities.len() as u64,
            href: routes::unread_alerts(""),
        },
        parts: counts
            .into_iter()
            .map(|(l, n)| Part {
                standing: match l.as_str() {
                    "Critical" => Standing::Danger,
                    "Warning" => Standing::Warn,
                    "Information" => Standing::Plain,
                    _ => Standing::Muted,
                },
                href: routes::unread_alerts(&l.to_lowercase()),
                label: l,
                count: n,
            })
            .collect(),
    }
}

/// The Certificates screen filtered to a configuration's active certificates expiring between
/// two days (`YYYY-MM-DD`).
pub fn expiring_href(config: &str, from: &str, to: &str) -> String {
    routes::certificates([
        ("ce", config),
        ("status", "ACTIVE"),
        ("from", from),
        ("to", to),
    ])
}

/// Certificates expiring between two days, by configuration (name, count); the total opens the
/// list over every configuration (`all`).
pub fn expiring(by_config: &[(String, u64)], all: &str, from: &str, to: &str) -> Breakdown {
    Breakdown {
        total: Figure {
            count: by_config.iter().map(|(_, n)| n).sum(),
            href: expiring_href(all, from, to),
        },
        parts: by_config
            .iter()
            .map(|(name, n)| Part {
                label: name.clone(),
                count: *n,
                href: expiring_href(name, from, to),
                standing: Standing::Plain,
            })
            .collect(),
    }
}

/// Which devices the Compliance screen lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ComplianceFilter {
    #[default]
    NonCompliant,
    Quarantined,
    /// The devices without a compliance issue (CPS guide, "Device": `compliant`).
    Compliant,
}

impl ComplianceFilter {
    pub const ALL: [ComplianceFilter; 3] = [
        ComplianceFilter::NonCompliant,
        ComplianceFilter::Quarantined,
        ComplianceFilter::Compliant,
    ];
    pub fn key(self) -> &'static str {
        match self {
            ComplianceFilter::NonCompliant => "non-compliant",
            ComplianceFilter::Quarantined => "quarantined",
            ComplianceFilter::Compliant => "compliant",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ComplianceFilter::NonCompliant => "Non-compliant",
            ComplianceFilter::Quarantined => "Quarantined",
            ComplianceFilter::Compliant => "Compliant",
        }
    }
    /// A device counted here needs attention (its figure is an alarm when not zero).
    pub fn is_problem(self) -> bool {
        self != ComplianceFilter::Compliant
    }
    pub fn matches(self, d: &Device) -> bool {
        match self {
            ComplianceFilter::NonCompliant => !d.compliant,
            ComplianceFilter::Quarantined => d.quarantined,
            ComplianceFilter::Compliant => d.compliant,
        }
    }
    /// What the Compliance screen says when it lists none.
    pub fn empty(self) -> &'static str {
        match self {
            ComplianceFilter::NonCompliant => "Every active device is compliant.",
            ComplianceFilter::Quarantined => "No active device is quarantined.",
            ComplianceFilter::Compliant => "No active device is compliant.",
        }
    }
    pub fn href(self) -> String {
        routes::compliance(self.key())
    }
}

impl FromStr for ComplianceFilter {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ComplianceFilter::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(s.trim()))
            .ok_or(())
    }
}

/// The compliance figures of `filters` among `devices`, each opening the Compliance screen.
pub fn compliance_figures(
    devices: &[Device],
    filters: &[ComplianceFilter],
) -> Vec<(ComplianceFilter, Figure)> {
    filters
        .iter()
        .map(|&f| {
            let count = devices.iter().filter(|d| f.matches(d)).count() as u64;
            (
                f,
                Figure {
                    count,
                    href: f.href(),
                },
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Chart series

/// The series of `parts`: tones from their standing (plain parts take the palette in turn),
/// without the empty ones when `drop_empty`, largest first when `by_size` (ties by label, or in
/// the given order when `by_size` is off).
fn series(
    title: &str,
    unit: (&'static str, &'static str),
    parts: &[Part],
    drop_empty: bool,
    by_size: bool,
) -> Series {
    let mut parts: Vec<&Part> = parts
        .iter()
        .filter(|p| !drop_empty || p.count > 0)
        .collect();
    if by_size {
        parts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    }
    let mut palette = 0u8;
    Series {
        title: title.into(),
        unit,
        segments: parts
            .into_iter()
            .map(|p| Segment {
                label: p.label.clone(),
                value: p.count,
                href: p.href.clone(),
                tone: match p.standing {
                    Standing::Good => Tone::Ok,
                    Standing::Warn => Tone::Warn,
                    Standing::Danger => Tone::Danger,
                    Standing::Muted => Tone::Muted,
                    Standing::Plain => {
                        palette = palette.wrapping_add(1);
                        Tone::Palette(palette - 1)
                    }
                },
            })
            .collect(),
    }
}

const DEVICES: (&str, &str) = ("device", "devices");

/// Devices by status: every status with devices, largest first (ties in the server's order).
pub fn status_series(parts: &[Part]) -> Series {
    let mut parts = parts.to_vec();
    // A stable sort by count alone keeps the server's order among equals.
    parts.sort_by_key(|p| std::cmp::Reverse(p.count));
    series("Devices by status", DEVICES, &parts, true, false)
}

/// Devices by platform, largest first; `None` when the server has no platform groups.
pub fn platform_series(parts: &[Part]) -> Option<Series> {
    (!parts.is_empty()).then(|| series("Devices by platform", DEVICES, parts, false, true))
}

/// Unread alerts by severity, most severe first.
pub fn alert_series(parts: &[Part]) -> Series {
    series(
        "Unread alerts by severity",
        ("alert", "alerts"),
        parts,
        true,
        false,
    )
}

/// Certificates expiring within 30 days, by configuration, largest first.
pub fn expiry_series(parts: &[Part]) -> Series {
    series(
        "Certificates expiring within 30 days",
        ("certificate", "certificates"),
        parts,
        true,
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::device::DeviceInfo;

    fn part(label: &str, count: u64) -> Part {
        Part {
            label: label.into(),
            count,
            href: routes::group(label),
            standing: Standing::Plain,
        }
    }

    #[test]
    fn status_series_drops_empty_states_and_links_the_filter() {
        let f = |key, label, lifecycle| StatusFilter {
            key,
            label,
            lifecycle,
        };
        let parts = status_parts(&[
            (f("ACTIVE", "Active", Lifecycle::Active), 1601),
            (f("WIPED", "Wiped", Lifecycle::Wiped), 30),
            (f("LOST", "Lost", Lifecycle::Lost), 0),
            (f("RETIRED", "Retired", Lifecycle::Retired), 113),
            (f("BLOCKED", "Blocked", Lifecycle::Blocked), 30),
        ]);
        let s = status_series(&parts);
        let labels: Vec<_> = s.segments.iter().map(|x| x.label.as_str()).collect();
        // Ties in the server's order.
        assert_eq!(labels, ["Active", "Retired", "Wiped", "Blocked"]);
        assert_eq!(s.segments[0].href, "/devices?status=ACTIVE");
        assert_eq!(s.segments[2].href, "/devices?status=WIPED");
        assert_eq!(s.segments[0].tone, Tone::Ok);
        assert_eq!(s.segments[1].tone, Tone::Muted);
        assert_eq!(s.segments[2].tone, Tone::Danger);
        assert_eq!(s.total(), 1774);
        assert_eq!(s.link_name(&s.segments[0]), "Active: 1601 devices");
    }

    #[test]
    fn platform_series_keeps_every_group_largest_first() {
        let s =
            platform_series(&[part("macOS", 105), part("Android", 867), part("iOS", 0)]).unwrap();
        let got: Vec<_> = s
            .segments
            .iter()
            .map(|x| (x.label.as_str(), x.value, x.href.as_str(), x.tone))
            .collect();
        assert_eq!(
            got,
            [
                ("Android", 867, "/labels/Android", Tone::Palette(0)),
                ("macOS", 105, "/labels/macOS", Tone::Palette(1)),
                ("iOS", 0, "/labels/iOS", Tone::Palette(2)),
            ]
        );
        assert!(platform_series(&[]).is_none());
    }

    #[test]
    fn compliance_figures_from_the_flags() {
        let d = |c: bool, q: bool| {
            Device::from(DeviceInfo {
                compliant: c,
                quarantined: q,
                ..Default::default()
            })
        };
        let devices = [
            d(true, false),
            d(false, false),
            d(false, true),
            d(true, true),
        ];
        let f = compliance_figures(&devices, &ComplianceFilter::ALL[..2]);
        assert_eq!(
            f,
            [
                (
                    ComplianceFilter::NonCompliant,
                    Figure {
                        count: 2,
                        href: "/compliance?show=non-compliant".into()
                    }
                ),
                (
                    ComplianceFilter::Quarantined,
                    Figure {
                        count: 2,
                        href: "/compliance?show=quarantined".into()
                    }
                ),
            ]
        );
        // A server that counts only one of them.
        assert_eq!(
            compliance_figures(&devices, &[ComplianceFilter::Quarantined]).len(),
            1
        );
        assert_eq!("non-compliant".parse(), Ok(ComplianceFilter::NonCompliant));
        // Compliant and non-compliant count every device once (CPS guide, "Device": `compliant`).
        let both = compliance_figures(
            &devices,
            &[ComplianceFilter::Compliant, ComplianceFilter::NonCompliant],
        );
        assert_eq!((both[0].1.count, both[1].1.count), (2, 2));
        assert_eq!(both[0].1.href, "/compliance?show=compliant");
        assert!(!ComplianceFilter::Compliant.is_problem());
        assert!(ComplianceFilter::Quarantined.is_problem());
        assert_eq!("Compliant".parse(), Ok(ComplianceFilter::Compliant));
    }

    #[test]
    fn alert_and_expiry_figures() {
        let sev: Vec<String> = ["WARNING", "CRITICAL", "WARNING", "INFORMATION"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let b = unread_alerts(&sev);
        assert_eq!(
            b.total,
            Figure {
                count: 4,
                href: "/alerts?read=unread".into()
            }
        );
        let s = alert_series(&b.parts);
        let got: Vec<_> = s
            .segments
            .iter()
            .map(|x| (x.label.as_str(), x.value, x.tone))
            .collect();
        assert_eq!(
            got,
            [
                ("Critical", 1, Tone::Danger),
                ("Warning", 2, Tone::Warn),
                ("Information", 1, Tone::Palette(0))
            ]
        );
        assert_eq!(s.segments[0].href, "/alerts?read=unread&severity=critical");
        assert_eq!(s.link_name(&s.segments[0]), "Critical: 1 alert");

        let e = expiring(
            &[("Test Scep".into(), 0), ("LocalCE".into(), 3)],
            "*",
            "2026-11-23",
            "2026-12-23",
        );
        // The total is over every configuration: it opens the list of all of them.
        assert_eq!(e.total.count, 3);
        assert_eq!(
            e.total.href,
            "/certificates?ce=*&status=ACTIVE&from=2026-11-23&to=2026-12-23"
        );
        let s = expiry_series(&e.parts);
        assert_eq!(s.segments.len(), 1);
        assert_eq!(
            s.segments[0].href,
            "/certificates?ce=LocalCE&status=ACTIVE&from=2026-11-23&to=2026-12-23"
        );
    }

    #[test]
    fn a_share_says_both_counts_and_of_what() {
        use crate::domain::group::Group;
        let g = |id: &str, name: &str, n: i64| Group {
            name: name.into(),
            member_count: Some(n),
            ..Group::named(id)
        };
        // CPS guide, "Example device groups API scenario": rule 38002 among rule 38001.
        let groups = [
            g("38001", "Android Devices", 1000),
            g("38002", "Android Enterprise", 420),
        ];
        let shares = group_shares(&groups, 2500, |i| (i == 1).then_some(0));
        assert_eq!(
            shares[1].text(),
            "Android Enterprise: 420 of 1000 in Android Devices (42 %)"
        );
        assert_eq!(
            (shares[1].part.href.as_str(), shares[1].whole.href.as_str()),
            ("/labels/38002", "/labels/38001")
        );
        // A group part of no other: its share of every device, opening the whole list.
        assert_eq!(
            shares[0].text(),
            "Android Devices: 1000 of 2500 devices (40 %)"
        );
        assert_eq!(shares[0].whole.href, "/devices");
        // An index out of range is every device too.
        assert_eq!(group_shares(&groups, 9, |_| Some(7))[1].of, "devices");
    }
}
