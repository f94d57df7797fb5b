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
    fast_iso(t.as_bytes()).or_else(|| parse_general(t))
}

/// Every accepted form, through the `time` crate.
fn parse_general(t: &str) -> Option<i64> {
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

/// The shape every device of a list carries twice (`2011-07-08T01:52:33+00:00`, or with `Z`),
/// read without the general parser: a 100,000-device list has 200,000 of them, and the general
/// path costs about half a microsecond each. Anything else, or a value out of range (a leap
/// second, 31 February), is `None`, and the general parser decides.
fn fast_iso(b: &[u8]) -> Option<i64> {
    let offset_min = match b.len() {
        20 if b[19] == b'Z' => 0,
        25 if matches!(b[19], b'+' | b'-') && b[22] == b':' => {
            let (h, m) = (num(&b[20..22])?, num(&b[23..25])?);
            if h > 23 || m > 59 {
                return None;
            }
            let m = h * 60 + m;
            if b[19] == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    let (hour, min, sec) = (num(&b[11..13])?, num(&b[14..16])?, num(&b[17..19])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day == 0
        || day > month_days[month as usize - 1]
        || hour > 23
        || min > 59
        || sec > 59
    {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
    // Low-Level Date Algorithms", days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec - offset_min * 60;
    Some(secs * 1000)
}

/// A run of ASCII digits as a number.
fn num(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
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

    proptest::proptest! {
        /// The fast path reads its shape exactly as the general parser does, and leaves every
        /// value it does not take (out of range, a leap second) to it.
        #[test]
        fn fast_path_agrees_with_the_general_parser(
            y in 0i64..10_000, mo in 0i64..14, d in 0i64..33, h in 0i64..25, mi in 0i64..61,
            s in 0i64..61, zone in proptest::option::of((proptest::bool::ANY, 0i64..25, 0i64..61)),
        ) {
            let mut t = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
            match zone {
                None => t.push('Z'),
                Some((east, oh, om)) => t += &format!("{}{oh:02}:{om:02}", if east { '+' } else { '-' }),
            }
            let general = parse_general(&t);
            match fast_iso(t.as_bytes()) {
                Some(ms) => proptest::prop_assert_eq!(Some(ms), general, "{}", t),
                None => proptest::prop_assert!(general.is_none() || s == 60, "{}", t),
            }
        }
    }

    #[test]
    fn fast_path_takes_the_list_shapes() {
        assert_eq!(
            fast_iso(b"2011-07-08T01:52:33+00:00"),
            Some(1_310_089_953_000)
        );
        assert_eq!(
            fast_iso(b"2020-01-02T01:00:00+01:00"),
            Some(1_577_923_200_000)
        );
        assert_eq!(
            fast_iso(b"2020-01-01T23:00:00-01:00"),
            Some(1_577_923_200_000)
        );
        assert_eq!(fast_iso(b"1969-12-31T23:59:59Z"), Some(-1000));
        assert_eq!(fast_iso(b"2021-02-29T00:00:00Z"), None);
        assert_eq!(fast_iso(b"2020-01-02T01:00:00+0100"), None);
    }
}
