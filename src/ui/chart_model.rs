//! Chart data and geometry, drawn as SVG by `components::chart`: no JavaScript chart library.
//!
//! A chart is a [`Series`] of segments; each segment has a link to the list it counts, so a click
//! on a slice or bar (or its legend entry, for keyboards and screen readers) opens that list.

use std::f64::consts::{PI, TAU};

/// Colour of a segment (a CSS class `tone-…`): meaning where the data has one, else a palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Ok,
    Warn,
    Danger,
    Muted,
    /// Palette colour 0–5.
    Palette(u8),
}

impl Tone {
    pub fn class(self) -> String {
        match self {
            Tone::Ok => "tone-ok".into(),
            Tone::Warn => "tone-warn".into(),
            Tone::Danger => "tone-danger".into(),
            Tone::Muted => "tone-muted".into(),
            Tone::Palette(n) => format!("tone-{}", n % 6),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub label: String,
    pub value: u64,
    /// The filtered list this segment counts.
    pub href: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub title: String,
    /// What is counted: (singular, plural), e.g. ("device", "devices").
    pub unit: (&'static str, &'static str),
    pub segments: Vec<Segment>,
}

impl Series {
    pub fn total(&self) -> u64 {
        self.segments.iter().map(|s| s.value).sum()
    }
    pub fn max(&self) -> u64 {
        self.segments.iter().map(|s| s.value).max().unwrap_or(0)
    }
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }
    /// `1601 devices` (no thousands separator: the accessible names are a contract).
    pub fn count_text(&self, n: u64) -> String {
        if n == 1 {
            format!("1 {}", self.unit.0)
        } else {
            format!("{n} {}", self.unit.1)
        }
    }
    /// The accessible name of a segment's link: `Active: 1601 devices`.
    pub fn link_name(&self, s: &Segment) -> String {
        format!("{}: {}", s.label, self.count_text(s.value))
    }
    /// The `aria-label` of the drawing: title, total and every segment with its share.
    pub fn summary(&self) -> String {
        let total = self.total();
        if total == 0 {
            return format!("{}: no {}", self.title, self.unit.1);
        }
        let parts: Vec<String> = self
            .segments
            .iter()
            .map(|s| format!("{} {} ({})", s.label, s.value, percent_text(s.value, total)))
            .collect();
        format!(
            "{}, {} in total: {}",
            self.title,
            self.count_text(total),
            parts.join(", ")
        )
    }
}

/// `80 %`; a non-zero share under 1 % reads `<1 %` rather than `0 %`.
pub fn percent_text(value: u64, total: u64) -> String {
    if total == 0 || value == 0 {
        return "0 %".into();
    }
    let p = value as f64 * 100.0 / total as f64;
    if p < 1.0 {
        "<1 %".into()
    } else if p > 99.0 && value < total {
        ">99 %".into()
    } else {
        format!("{} %", p.round() as u64)
    }
}

/// `1,601`: the visible number (not the accessible name).
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn num(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".into()
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn point(r: f64, angle: f64) -> (String, String) {
    (num(r * angle.cos()), num(r * angle.sin()))
}

/// SVG path data of each segment of a donut centred on (0, 0), clockwise from 12 o'clock. Zero
/// segments get `None`; a segment that is the whole total is a full ring.
pub fn donut_paths(values: &[u64], outer: f64, inner: f64) -> Vec<Option<String>> {
    let total: u64 = values.iter().sum();
    let mut out = Vec::with_capacity(values.len());
    if total == 0 {
        out.resize(values.len(), None);
        return out;
    }
    let mut start = -PI / 2.0;
    for &v in values {
        if v == 0 {
            out.push(None);
            continue;
        }
        let sweep = TAU * v as f64 / total as f64;
        let end = start + sweep;
        if v == total {
            // Two half-circles per ring; even-odd fill makes the hole.
            let (o, i) = (num(outer), num(inner));
            out.push(Some(format!(
                "M 0 -{o} A {o} {o} 0 1 1 0 {o} A {o} {o} 0 1 1 0 -{o} Z \
                 M 0 -{i} A {i} {i} 0 1 0 0 {i} A {i} {i} 0 1 0 0 -{i} Z"
            )));
        } else {
            let large = if sweep > PI { 1 } else { 0 };
            let (x0, y0) = point(outer, start);
            let (x1, y1) = point(outer, end);
            let (x2, y2) = point(inner, end);
            let (x3, y3) = point(inner, start);
            let (o, i) = (num(outer), num(inner));
            out.push(Some(format!(
                "M {x0} {y0} A {o} {o} 0 {large} 1 {x1} {y1} L {x2} {y2} \
                 A {i} {i} 0 {large} 0 {x3} {y3} Z"
            )));
        }
        start = end;
    }
    out
}

/// Bar lengths in `0..=full` for the values, scaled to the largest; a non-zero value is at least
/// `min` long so it stays visible (and clickable).
pub fn bar_lengths(values: &[u64], full: f64, min: f64) -> Vec<f64> {
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                0.0
            } else {
                (full * v as f64 / max as f64).max(min)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: &[(&str, u64)]) -> Series {
        Series {
            title: "Devices by status".into(),
            unit: ("device", "devices"),
            segments: values
                .iter()
                .enumerate()
                .map(|(i, (l, v))| Segment {
                    label: l.to_string(),
                    value: *v,
                    href: format!("/devices?status={l}"),
                    tone: Tone::Palette(i as u8),
                })
                .collect(),
        }
    }

    #[test]
    fn names_and_summary() {
        let s = series(&[("Active", 1601), ("Retired", 1), ("Wiped", 0)]);
        assert_eq!(s.total(), 1602);
        assert_eq!(s.link_name(&s.segments[0]), "Active: 1601 devices");
        assert_eq!(s.link_name(&s.segments[1]), "Retired: 1 device");
        assert_eq!(
            s.summary(),
            "Devices by status, 1602 devices in total: Active 1601 (>99 %), Retired 1 (<1 %), Wiped 0 (0 %)"
        );
        assert_eq!(series(&[]).summary(), "Devices by status: no devices");
        assert_eq!(thousands(1_601), "1,601");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(12), "12");
        assert_eq!(percent_text(1, 4), "25 %");
    }

    #[test]
    fn donut_geometry() {
        let p = donut_paths(&[1, 1, 0], 50.0, 30.0);
        // First half: from 12 o'clock clockwise to 6 o'clock, back on the inner ring.
        assert_eq!(
            p[0].as_deref(),
            Some("M 0 -50 A 50 50 0 0 1 0 50 L 0 30 A 30 30 0 0 0 0 -30 Z")
        );
        assert_eq!(
            p[1].as_deref(),
            Some("M 0 50 A 50 50 0 0 1 0 -50 L 0 -30 A 30 30 0 0 0 0 30 Z")
        );
        assert_eq!(p[2], None);
        // More than half a turn uses the large-arc flag.
        let q = donut_paths(&[3, 1], 50.0, 30.0);
        assert!(q[0].as_deref().unwrap().contains(" 0 1 1 "));
        // One segment is a full ring; nothing drawn for an empty series.
        let full = donut_paths(&[0, 7], 50.0, 30.0);
        assert!(full[1]
            .as_deref()
            .unwrap()
            .starts_with("M 0 -50 A 50 50 0 1 1 0 50"));
        assert_eq!(donut_paths(&[0, 0], 50.0, 30.0), vec![None, None]);
    }

    #[test]
    fn bars_scale_to_the_largest_and_stay_visible() {
        assert_eq!(
            bar_lengths(&[10, 5, 0, 1], 100.0, 2.0),
            vec![100.0, 50.0, 0.0, 10.0]
        );
        assert_eq!(bar_lengths(&[1000, 1], 100.0, 2.0), vec![100.0, 2.0]);
        assert_eq!(bar_lengths(&[0, 0], 100.0, 2.0), vec![0.0, 0.0]);
        assert!(bar_lengths(&[], 100.0, 2.0).is_empty());
    }
}
