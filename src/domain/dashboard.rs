//! The dashboard's numbers, turned into chart series whose segments link to the lists they count.
//!
//! Where each number comes from (so that a segment's count is what its list shows):
//! - devices by status: the `totalCount` of each status list (the Devices screen's filter);
//! - devices by platform: the platform labels (`"common.platform"="iOS"`-only queries, as the
//!   guide's default labels are) and their device counts (the label's member list);
//! - non-compliant and quarantined: the active devices' bitmaps (the Compliance screen);
//! - unread alerts: the unread alert list (the Alerts screen's "Unread" filter).

use super::device::{Device, Lifecycle, StatusFilter};
use super::group::Group;
use crate::ui::chart_model::{Segment, Series, Tone};
use std::str::FromStr;

fn state_tone(s: Lifecycle) -> Tone {
    match s {
        Lifecycle::Active => Tone::Ok,
        Lifecycle::Blocked | Lifecycle::Lost | Lifecycle::Wiped | Lifecycle::Expired => {
            Tone::Danger
        }
        Lifecycle::Retired | Lifecycle::Retiring => Tone::Muted,
        Lifecycle::Enrolling | Lifecycle::Wiping | Lifecycle::Unknown => Tone::Warn,
    }
}

/// Devices by status: every status with devices, largest first (ties in the server's order).
pub fn status_series(counts: &[(StatusFilter, u64)]) -> Series {
    let mut c: Vec<(usize, StatusFilter, u64)> = counts
        .iter()
        .enumerate()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(i, (s, n))| (i, *s, *n))
        .collect();
    c.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let c: Vec<(StatusFilter, u64)> = c.into_iter().map(|(_, s, n)| (s, n)).collect();
    Series {
        title: "Devices by status".into(),
        unit: ("device", "devices"),
        segments: c
            .into_iter()
            .map(|(s, n)| Segment {
                label: s.label.to_string(),
                value: n,
                href: crate::routes::devices(s.key),
                tone: state_tone(s.lifecycle),
            })
            .collect(),
    }
}

/// The platform a label selects, when its query selects by platform only (optionally leaving out
/// retired devices): `"common.platform"="iOS" AND "common.retired"=false` → `iOS`.
pub fn platform_of_query(query: &str) -> Option<String> {
    let mut platform = None;
    for cond in query.split(" AND ") {
        let c: String = cond.chars().filter(|c| !c.is_whitespace()).collect();
        let c = c.replace("&quot;", "\"");
        if let Some(rest) = c.strip_prefix("\"common.platform\"=") {
            let value = rest.trim_matches('"');
            if value.is_empty() || platform.is_some() || rest.contains("OR") {
                return None;
            }
            platform = Some(value.to_string());
        } else if c != "\"common.retired\"=false" {
            return None;
        }
    }
    platform
}

/// Devices by platform from the platform labels, largest first; `None` when the server has none.
pub fn platform_series(labels: &[Group]) -> Option<Series> {
    let mut found: Vec<(&Group, String)> = labels
        .iter()
        .filter_map(|l| platform_of_query(&l.definition).map(|p| (l, p)))
        .collect();
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| b.0.member_count.cmp(&a.0.member_count).then(a.1.cmp(&b.1)));
    Some(Series {
        title: "Devices by platform".into(),
        unit: ("device", "devices"),
        segments: found
            .into_iter()
            .enumerate()
            .map(|(i, (l, _))| Segment {
                label: l.name.clone(),
                value: l.member_count.unwrap_or_default().max(0) as u64,
                href: super::group::group_href(l),
                tone: Tone::Palette(i as u8),
            })
            .collect(),
    })
}

/// Which active devices the Compliance screen lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ComplianceFilter {
    #[default]
    NonCompliant,
    Quarantined,
}

impl ComplianceFilter {
    pub const ALL: [ComplianceFilter; 2] = [
        ComplianceFilter::NonCompliant,
        ComplianceFilter::Quarantined,
    ];
    pub fn key(self) -> &'static str {
        match self {
            ComplianceFilter::NonCompliant => "non-compliant",
            ComplianceFilter::Quarantined => "quarantined",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ComplianceFilter::NonCompliant => "Non-compliant",
            ComplianceFilter::Quarantined => "Quarantined",
        }
    }
    pub fn matches(self, d: &Device) -> bool {
        match self {
            ComplianceFilter::NonCompliant => !d.compliant,
            ComplianceFilter::Quarantined => d.quarantined,
        }
    }
    pub fn href(self) -> String {
        crate::routes::compliance(self.key())
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

/// Non-compliant and quarantined counts among the active devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ComplianceCounts {
    pub active: u64,
    pub non_compliant: u64,
    pub quarantined: u64,
}

pub fn compliance_counts(devices: &[Device]) -> ComplianceCounts {
    let mut c = ComplianceCounts {
        active: devices.len() as u64,
        ..Default::default()
    };
    for d in devices {
        if ComplianceFilter::NonCompliant.matches(d) {
            c.non_compliant += 1;
        }
        if ComplianceFilter::Quarantined.matches(d) {
            c.quarantined += 1;
        }
    }
    c
}

/// Above this many active devices the dashboard asks before downloading them all to count
/// compliance (V1 has no count call for it).
pub const AUTO_COMPLIANCE_LIMIT: u64 = 25_000;

/// Unread alerts by severity, most severe first, each linking to the filtered inbox.
pub fn alert_series(severities: &[String]) -> Series {
    let order = ["Critical", "Warning", "Information"];
    let mut counts: Vec<(String, u64)> = order.iter().map(|s| (s.to_string(), 0)).collect();
    for s in severities {
        let label = super::policy::title_case(s);
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    Series {
        title: "Unread alerts by severity".into(),
        unit: ("alert", "alerts"),
        segments: counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| Segment {
                tone: match l.as_str() {
                    "Critical" => Tone::Danger,
                    "Warning" => Tone::Warn,
                    "Information" => Tone::Palette(0),
                    _ => Tone::Muted,
                },
                href: format!(
                    "/alerts?{}",
                    crate::url::query_string([
                        ("read", "unread"),
                        ("severity", l.to_lowercase().as_str())
                    ])
                ),
                label: l,
                value: n,
            })
            .collect(),
    }
}

/// Certificates expiring within 30 days, by configuration (name, count), largest first.
pub fn expiry_series(by_config: &[(String, u64)], from: &str, to: &str) -> Series {
    let mut c: Vec<&(String, u64)> = by_config.iter().filter(|(_, n)| *n > 0).collect();
    c.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Series {
        title: "Certificates expiring within 30 days".into(),
        unit: ("certificate", "certificates"),
        segments: c
            .into_iter()
            .enumerate()
            .map(|(i, (name, n))| Segment {
                label: name.clone(),
                value: *n,
                href: expiring_href(name, from, to),
                tone: Tone::Palette(i as u8),
            })
            .collect(),
    }
}

/// The Certificates screen filtered to a configuration's active certificates expiring between
/// two days (`YYYY-MM-DD`).
pub fn expiring_href(config: &str, from: &str, to: &str) -> String {
    format!(
        "/certificates?{}",
        crate::url::query_string([
            ("ce", config),
            ("status", "ACTIVE"),
            ("from", from),
            ("to", to)
        ])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::group::GroupKind;

    fn label(id: i64, name: &str, query: &str, n: i64) -> Group {
        Group {
            id: name.into(),
            name: name.into(),
            description: String::new(),
            kind: Some(GroupKind::Dynamic),
            definition: query.into(),
            member_count: Some(n),
            system: id < 0,
            number: Some(id),
        }
    }

    #[test]
    fn status_series_drops_empty_states_and_links_the_filter() {
        let f = |key, label, lifecycle| StatusFilter {
            key,
            label,
            lifecycle,
        };
        let s = status_series(&[
            (f("ACTIVE", "Active", Lifecycle::Active), 1601),
            (f("WIPED", "Wiped", Lifecycle::Wiped), 30),
            (f("LOST", "Lost", Lifecycle::Lost), 0),
            (f("RETIRED", "Retired", Lifecycle::Retired), 113),
        ]);
        let labels: Vec<_> = s.segments.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(labels, ["Active", "Retired", "Wiped"]);
        assert_eq!(s.segments[0].href, "/devices?status=ACTIVE");
        assert_eq!(s.segments[2].href, "/devices?status=WIPED");
        assert_eq!(s.segments[0].tone, Tone::Ok);
        assert_eq!(s.total(), 1744);
        assert_eq!(s.link_name(&s.segments[0]), "Active: 1601 devices");
    }

    #[test]
    fn platform_labels_l4071() {
        // The guide's example query (L4071-4077), XML-escaped or not.
        assert_eq!(
            platform_of_query("\"common.platform\"=\"iOS\" AND \"common.retired\"=false"),
            Some("iOS".into())
        );
        assert_eq!(
            platform_of_query("&quot;common.platform&quot;=&quot;Android&quot;"),
            Some("Android".into())
        );
        assert_eq!(platform_of_query("\"common.retired\"=false"), None);
        assert_eq!(
            platform_of_query("\"common.platform\"=\"iOS\" AND \"common.owner\"=\"COMPANY\""),
            None
        );
        assert_eq!(platform_of_query(""), None);
        let labels = vec![
            label(-1, "All-Smartphones", "\"common.retired\"=false", 1887),
            label(
                -2,
                "Android",
                "\"common.platform\"=\"Android\" AND \"common.retired\"=false",
                867,
            ),
            label(
                -3,
                "iOS",
                "\"common.platform\"=\"iOS\" AND \"common.retired\"=false",
                823,
            ),
            label(
                -5,
                "macOS",
                "\"common.platform\"=\"macOS\" AND \"common.retired\"=false",
                105,
            ),
            label(1, "Sales", "", 74),
        ];
        let s = platform_series(&labels).unwrap();
        let got: Vec<_> = s
            .segments
            .iter()
            .map(|x| (x.label.as_str(), x.value, x.href.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Android", 867, "/labels/Android"),
                ("iOS", 823, "/labels/iOS"),
                ("macOS", 105, "/labels/macOS")
            ]
        );
        assert!(platform_series(&labels[4..]).is_none());
    }

    #[test]
    fn compliance_counts_from_the_flags() {
        let d = |c: u32, q: u32| Device {
            compliant: c == 0,
            quarantined: q != 0,
            ..Default::default()
        };
        let c = compliance_counts(&[d(0, 0), d(0x20, 0), d(0x10, 0x10), d(0, 0x4)]);
        assert_eq!(
            c,
            ComplianceCounts {
                active: 4,
                non_compliant: 2,
                quarantined: 2
            }
        );
        assert_eq!(
            ComplianceFilter::Quarantined.href(),
            "/compliance?show=quarantined"
        );
        assert_eq!("non-compliant".parse(), Ok(ComplianceFilter::NonCompliant));
    }

    #[test]
    fn alert_and_expiry_series() {
        let sev: Vec<String> = ["WARNING", "CRITICAL", "WARNING", "INFORMATION"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let s = alert_series(&sev);
        let got: Vec<_> = s
            .segments
            .iter()
            .map(|x| (x.label.as_str(), x.value))
            .collect();
        assert_eq!(got, [("Critical", 1), ("Warning", 2), ("Information", 1)]);
        assert_eq!(s.segments[0].href, "/alerts?read=unread&severity=critical");
        assert_eq!(s.link_name(&s.segments[0]), "Critical: 1 alert");
        let e = expiry_series(
            &[("Test Scep".into(), 0), ("LocalCE".into(), 3)],
            "2026-11-23",
            "2026-12-23",
        );
        assert_eq!(e.segments.len(), 1);
        assert_eq!(
            e.segments[0].href,
            "/certificates?ce=LocalCE&status=ACTIVE&from=2026-11-23&to=2026-12-23"
        );
    }
}
