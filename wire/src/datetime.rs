//! Dates as the EPMM APIs send them, normalised to epoch milliseconds (UTC).
//!
//! The V1 guide mixes ISO-8601 with an offset (`2011-07-08T01:52:33+00:00`, device
//! `lastConnectedAt`, "Get Devices by Status") with epoch numbers that the text calls seconds but
//! that are milliseconds (`lat_long_last_captured_at` = `1324421860972`, "Android Details Key-Value
//! Descriptions"). Some servers send real seconds. [`parse_epoch`] tells them apart by size.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Numbers below this are taken as seconds, above as milliseconds (1e11 s is the year 5138;
/// 1e11 ms is 1973-03-03, before any MDM existed).
const SECONDS_LIMIT: i64 = 100_000_000_000;

/// An epoch number in seconds or milliseconds, as milliseconds.
pub fn parse_epoch(n: i64) -> i64 {
    // Not `n.abs()`: it overflows for `i64::MIN`.
    if n > -SECONDS_LIMIT && n < SECONDS_LIMIT {
        n * 1000
    } else {
        n
    }
}

/// Parses the date formats the EPMM APIs send and returns epoch milliseconds (UTC).
///
/// Accepted: RFC 3339 / ISO-8601 with offset or `Z`, an ISO date-time without offset (taken as
/// UTC), a bare `YYYY-MM-DD` (midnight UTC; the V2 certificate search sends these), and a number of
/// seconds or milliseconds. Anything else is `None`: the caller shows the raw text.
pub fn parse_to_epoch_ms(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Ok(n) = t.parse::<i64>() {
        return Some(parse_epoch(n));
    }
    if let Ok(dt) = OffsetDateTime::parse(t, &Rfc3339) {
        return Some(to_ms(dt));
    }
    // `+0100` offsets (no colon) are common in Java output.
    let b = t.as_bytes();
    if b.len() > 5
        && matches!(b[b.len() - 5], b'+' | b'-')
        && b[b.len() - 4..].iter().all(u8::is_ascii_digit)
    {
        let fixed = format!("{}:{}", &t[..t.len() - 2], &t[t.len() - 2..]);
        if let Ok(dt) = OffsetDateTime::parse(&fixed, &Rfc3339) {
            return Some(to_ms(dt));
        }
    }
    let naive = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    if let Ok(dt) = PrimitiveDateTime::parse(t, naive) {
        return Some(to_ms(dt.assume_offset(UtcOffset::UTC)));
    }
    let date_only = format_description!("[year]-[month]-[day]");
    if let Ok(d) = time::Date::parse(t, date_only) {
        return Some(to_ms(d.midnight().assume_offset(UtcOffset::UTC)));
    }
    None
}

fn to_ms(dt: OffsetDateTime) -> i64 {
    (dt.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Formats epoch milliseconds as the V1 guide's ISO form, `2011-07-08T01:52:33+00:00`.
pub fn format_iso(ms: i64) -> String {
    match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
        Ok(dt) => {
            let f = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");
            dt.format(f).unwrap_or_default()
        }
        Err(_) => String::new(),
    }
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM` (UTC) for tables and CSV files.
pub fn format_short(ms: i64) -> String {
    match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
        Ok(dt) => dt
            .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Formats epoch milliseconds as `YYYY-MM-DD` (UTC).
pub fn format_date(ms: i64) -> String {
    match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
        Ok(dt) => dt
            .format(format_description!("[year]-[month]-[day]"))
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_iso_example_of_last_connected_at() {
        // "<lastConnectedAt>2011-07-08T01:52:33+00:00</lastConnectedAt>" (V1 guide, "Get Devices by
        // Status": the response example)
        let ms = parse_to_epoch_ms("2011-07-08T01:52:33+00:00").unwrap();
        assert_eq!(ms, 1_310_089_953_000);
        assert_eq!(format_iso(ms), "2011-07-08T01:52:33+00:00");
    }

    #[test]
    fn ms_and_seconds_are_told_apart() {
        // "lat_long_last_captured_at ... 1324421860972" (V1 guide, "Android Details Key-Value
        // Descriptions"): documented as seconds, is ms.
        assert_eq!(parse_to_epoch_ms("1324421860972"), Some(1_324_421_860_972));
        assert_eq!(parse_to_epoch_ms("1324421860"), Some(1_324_421_860_000));
    }

    #[test]
    fn other_forms() {
        assert_eq!(parse_to_epoch_ms("2020-01-02"), Some(1_577_923_200_000));
        assert_eq!(
            parse_to_epoch_ms("2020-01-02T00:00:00Z"),
            Some(1_577_923_200_000)
        );
        assert_eq!(
            parse_to_epoch_ms("2020-01-02T01:00:00+0100"),
            Some(1_577_923_200_000)
        );
        assert_eq!(
            parse_to_epoch_ms("2020-01-02T00:00:00"),
            Some(1_577_923_200_000)
        );
        assert_eq!(parse_to_epoch_ms(""), None);
        assert_eq!(parse_to_epoch_ms("7/6/2010 11:29:33 AM"), None);
        assert_eq!(format_short(1_577_923_200_000), "2020-01-02 00:00");
        assert_eq!(format_date(1_577_923_200_000), "2020-01-02");
    }
}
