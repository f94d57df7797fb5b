//! Dates as the portal shows them. Times are epoch milliseconds (UTC) everywhere in the domain;
//! the vendor-neutral parsing and formatting is shared with mock-server in `wire::datetime`.
//!
//! Screens show times in the admin's own time zone (the browser's), name the zone, and keep the
//! exact UTC time on hover; CSV files keep ISO 8601 UTC ([`format_iso`]).

pub use wire::datetime::{format_date, format_iso, format_short, parse_to_epoch_ms};

/// The browser's offset from UTC at `ms`, in minutes east of Greenwich (Berlin in winter: 60),
/// daylight saving included. Native builds (tests, mock-server) are in UTC.
pub fn local_offset_minutes(ms: i64) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        let off = d.get_timezone_offset();
        if off.is_finite() {
            return -(off as i32);
        }
        0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = ms;
        0
    }
}

/// `YYYY-MM-DD HH:MM` at a fixed offset from UTC (minutes east).
pub fn format_short_at(ms: i64, offset_minutes: i32) -> String {
    format_short(ms.saturating_add(i64::from(offset_minutes) * 60_000))
}

/// `YYYY-MM-DD HH:MM` in the admin's time zone.
pub fn format_local(ms: i64) -> String {
    format_short_at(ms, local_offset_minutes(ms))
}

/// `YYYY-MM-DD HH:MM` in the admin's time zone with its offset named: `2026-01-31 10:30
/// UTC+01:00`, or `2026-01-31 09:30 UTC`.
pub fn format_local_named(ms: i64) -> String {
    let offset = local_offset_minutes(ms);
    format!("{} {}", format_short_at(ms, offset), offset_label(offset))
}

/// The exact time in UTC, for a hover title: `2026-01-31 09:30:12 UTC`.
pub fn format_utc_exact(ms: i64) -> String {
    let iso = format_iso(ms);
    match iso.strip_suffix("+00:00") {
        Some(t) => format!("{} UTC", t.replacen('T', " ", 1)),
        None => iso,
    }
}

/// `UTC+01:00`, `UTC−05:30`, or `UTC` for offset 0.
pub fn offset_label(offset_minutes: i32) -> String {
    if offset_minutes == 0 {
        return "UTC".into();
    }
    let sign = if offset_minutes < 0 { '−' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The admin's time zone in words: the browser's zone name with its current offset
/// (`Europe/Berlin, UTC+01:00`), or the offset alone where the browser names none.
pub fn zone_label(now_ms: i64) -> String {
    let offset = offset_label(local_offset_minutes(now_ms));
    match zone_name() {
        Some(name) if name != "UTC" && name != "Etc/UTC" => format!("{name}, {offset}"),
        _ => offset,
    }
}

/// The IANA name of the browser's time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`).
fn zone_name() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let f = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        let options = f.resolved_options();
        js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
            .ok()
            .and_then(|v| v.as_string())
            .filter(|s| !s.is_empty())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_769_851_812_000; // 2026-01-31 09:30:12 UTC

    #[test]
    fn local_time_at_an_offset() {
        assert_eq!(format_short_at(T, 0), "2026-01-31 09:30");
        assert_eq!(format_short_at(T, 60), "2026-01-31 10:30");
        assert_eq!(format_short_at(T, -300), "2026-01-31 04:30");
        assert_eq!(format_short_at(T, 14 * 60 + 45), "2026-02-01 00:15");
        // Native builds are in UTC.
        assert_eq!(format_local(T), format_short(T));
    }

    #[test]
    fn exact_utc_and_offsets_in_words() {
        assert_eq!(format_utc_exact(T), "2026-01-31 09:30:12 UTC");
        assert_eq!(offset_label(0), "UTC");
        assert_eq!(offset_label(60), "UTC+01:00");
        assert_eq!(offset_label(-330), "UTC−05:30");
        assert_eq!(zone_label(T), "UTC");
        assert_eq!(format_local_named(T), "2026-01-31 09:30 UTC");
    }
}
