//! Dates as the EPMM APIs send them, normalised to epoch milliseconds (UTC).
//!
//! The V1 guide mixes ISO-8601 with an offset (`2011-07-08T01:52:33+00:00`, device
//! `lastConnectedAt`, "Get Devices by Status") with epoch numbers that the text calls seconds but
//! that are milliseconds (`lat_long_last_captured_at` = `1324421860972`, "Android Details Key-Value
//! Descriptions"). Some servers send real seconds. [`parse_epoch`] tells them apart by size.
//!
//! Written out here rather than through the `time` crate, which cost the portal's wasm module
//! about 60 kB for these few shapes. What is read and written is exactly what `time` 0.3 (without
//! `large-dates`) read and wrote here before: its `Rfc3339` parser, its `[year]-[month]-[day]…`
//! format descriptions, its years -9999..=9999. `wire/tests/datetime.rs` compares the two on
//! generated input.

/// Numbers below this are taken as seconds, above as milliseconds (1e11 s is the year 5138;
/// 1e11 ms is 1973-03-03, before any MDM existed).
const SECONDS_LIMIT: i64 = 100_000_000_000;

/// The instants that can be written: -9999-01-01T00:00:00.000Z ..= 9999-12-31T23:59:59.999Z, the
/// range of `time` without `large-dates` (outside it the formatters write an empty string).
const MIN_MS: i64 = -377_705_116_800_000;
const MAX_MS: i64 = 253_402_300_799_999;

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

/// Every accepted form: an epoch number; RFC 3339, also with a `+0100` offset (no colon: common
/// in Java output); `YYYY-MM-DDTHH:MM:SS` (UTC); `YYYY-MM-DD` (midnight UTC). No text has two of
/// these forms.
fn parse_general(t: &str) -> Option<i64> {
    if let Ok(n) = t.parse::<i64>() {
        return Some(parse_epoch(n));
    }
    let b = t.as_bytes();
    rfc3339(b).or_else(|| naive(b))
}

/// RFC 3339 (§5.6 "Internet Date/Time Format") as the `time` crate's `Rfc3339` reads it:
/// `YYYY-MM-DD`, any one byte as the separator (the RFC's note allows a space instead of `T`),
/// `HH:MM:SS`, optionally `.` and one or more digits of which the first nine count (the others are
/// dropped, not rounded), then `Z`, `z` or `±HH:MM` (hours up to 23, minutes up to 59), and here
/// also `±HHMM`. A leap second (`:60`) is read as `:59.999999999`, and only where one can be: at
/// 23:59 UTC on the last day of a month.
fn rfc3339(b: &[u8]) -> Option<i64> {
    let (days, rest) = date(b)?;
    let (hour, min, sec, rest) = time_of_day(rest.get(1..)?)?;
    let (mut nanos, rest) = match rest {
        [b'.', digits @ ..] => {
            let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            let nanos = (0..9).fold(0u32, |v, i| {
                v * 10 + digits[..n].get(i).map_or(0, |c| u32::from(c - b'0'))
            });
            (nanos, &digits[n..])
        }
        _ => (0, rest),
    };
    let offset = match *rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let (h, m) = (num(&[h1, h2])?, num(&[m1, m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            if sign == b'-' {
                -(h * 60 + m) * 60
            } else {
                (h * 60 + m) * 60
            }
        }
        _ => return None,
    };
    if hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let leap = sec == 60;
    if leap {
        nanos = 999_999_999;
    }
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec.min(59) - offset;
    // The day after a leap second starts a month. (Offsets being under a day, a leap second at
    // 23:59 UTC is at most on 9999-12-31 UTC: `time`'s check that the date exists cannot fail.)
    if leap
        && (secs.rem_euclid(86_400) != 86_399
            || civil_from_days(secs.div_euclid(86_400) + 1).2 != 1)
    {
        return None;
    }
    // `time` gives nanoseconds, which were divided by 1,000,000: rounded towards zero, so up for
    // a fraction of a second before 1970.
    let ms = if secs < 0 {
        nanos.div_ceil(1_000_000)
    } else {
        nanos / 1_000_000
    };
    Some(secs * 1000 + i64::from(ms))
}

/// `YYYY-MM-DDTHH:MM:SS` (taken as UTC) or `YYYY-MM-DD` (midnight UTC), as `time` read them with
/// the format descriptions `[year]-[month]-[day]T[hour]:[minute]:[second]` and
/// `[year]-[month]-[day]`: the year may have a sign (`+2020`, `-0001`; `-0000` is 0), no leap
/// second, nothing after.
fn naive(b: &[u8]) -> Option<i64> {
    let (negative, b) = match b {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, b),
    };
    let (year, month, day, rest) = ymd(b)?;
    let days = civil_days(if negative { -year } else { year }, month, day)?;
    let secs = match rest {
        [] => 0,
        [b'T', rest @ ..] => match time_of_day(rest)? {
            (hour @ 0..=23, min @ 0..=59, sec @ 0..=59, []) => hour * 3600 + min * 60 + sec,
            _ => return None,
        },
        _ => return None,
    };
    Some((days * 86_400 + secs) * 1000)
}

/// `YYYY-MM-DD` at the start of `b`, a date of the calendar: its days since 1970-01-01, and the
/// rest of `b`.
fn date(b: &[u8]) -> Option<(i64, &[u8])> {
    let (year, month, day, rest) = ymd(b)?;
    Some((civil_days(year, month, day)?, rest))
}

/// `YYYY-MM-DD` at the start of `b`, not checked against the calendar, and the rest of `b`.
fn ymd(b: &[u8]) -> Option<(i64, i64, i64, &[u8])> {
    let (d, rest) = b.split_at_checked(10)?;
    if d[4] != b'-' || d[7] != b'-' {
        return None;
    }
    Some((num(&d[..4])?, num(&d[5..7])?, num(&d[8..])?, rest))
}

/// `HH:MM:SS` at the start of `b`, not checked against the clock, and the rest of `b`.
fn time_of_day(b: &[u8]) -> Option<(i64, i64, i64, &[u8])> {
    let (t, rest) = b.split_at_checked(8)?;
    if t[2] != b':' || t[5] != b':' {
        return None;
    }
    Some((num(&t[..2])?, num(&t[3..5])?, num(&t[6..])?, rest))
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
    if hour > 23 || min > 59 || sec > 59 {
        return None;
    }
    let days = civil_days(year, month, day)?;
    let secs = days * 86_400 + hour * 3600 + min * 60 + sec - offset_min * 60;
    Some(secs * 1000)
}

/// A run of ASCII digits as a number.
fn num(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0'))
    })
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar; `None` for a month or a
/// day that does not exist (month 13, 31 February, 29 February 2100).
fn civil_days(year: i64, month: i64, day: i64) -> Option<i64> {
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
    if !(1..=12).contains(&month) || day == 0 || day > month_days[month as usize - 1] {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
/// Low-Level Date Algorithms", days_from_civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a number of days since 1970-01-01 (the
/// inverse, civil_from_days, of the same paper).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// An instant as its UTC fields, for writing.
struct Utc {
    /// `YYYY-MM-DD`, with a `-` before a negative year (the `[year]` of `time`).
    date: String,
    hour: i64,
    minute: i64,
    second: i64,
    milli: i64,
}

impl Utc {
    /// `None` outside [`MIN_MS`]..=[`MAX_MS`].
    fn of(ms: i64) -> Option<Utc> {
        if !(MIN_MS..=MAX_MS).contains(&ms) {
            return None;
        }
        let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
        let (year, month, day) = civil_from_days(days);
        // Room for the longest form, `-YYYY-MM-DDTHH:MM:SS+00:00`.
        let mut date = String::with_capacity(26);
        if year < 0 {
            date.push('-');
        }
        push_digits(&mut date, year.abs(), 4);
        date.push('-');
        push_digits(&mut date, month, 2);
        date.push('-');
        push_digits(&mut date, day, 2);
        Some(Utc {
            date,
            hour: ms_of_day / 3_600_000,
            minute: ms_of_day / 60_000 % 60,
            second: ms_of_day / 1000 % 60,
            milli: ms_of_day % 1000,
        })
    }

    /// `YYYY-MM-DD`, `sep`, `HH:MM`, and `:SS` if `seconds`.
    fn date_time(self, sep: char, seconds: bool) -> String {
        let mut s = self.date;
        s.push(sep);
        push_digits(&mut s, self.hour, 2);
        s.push(':');
        push_digits(&mut s, self.minute, 2);
        if seconds {
            s.push(':');
            push_digits(&mut s, self.second, 2);
        }
        s
    }
}

/// `n` (0 ≤ n < 10^width) as `width` digits, zero-padded.
fn push_digits(s: &mut String, n: i64, width: u32) {
    for i in (0..width).rev() {
        s.push(char::from(b'0' + (n / 10i64.pow(i) % 10) as u8));
    }
}

/// Formats epoch milliseconds as the V1 guide's ISO form, `2011-07-08T01:52:33+00:00`.
pub fn format_iso(ms: i64) -> String {
    Utc::of(ms).map_or_else(String::new, |u| u.date_time('T', true) + "+00:00")
}

/// Formats epoch milliseconds as `YYYY-MM-DD HH:MM` (UTC) for tables and CSV files.
pub fn format_short(ms: i64) -> String {
    Utc::of(ms).map_or_else(String::new, |u| u.date_time(' ', false))
}

/// Formats epoch milliseconds as `YYYY-MM-DD` (UTC).
pub fn format_date(ms: i64) -> String {
    Utc::of(ms).map_or_else(String::new, |u| u.date)
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC; see [`crate::uem::format_time`]).
pub(crate) fn format_iso_millis(ms: i64) -> String {
    Utc::of(ms).map_or_else(String::new, |u| {
        let milli = u.milli;
        let mut s = u.date_time('T', true);
        s.push('.');
        push_digits(&mut s, milli, 3);
        s.push('Z');
        s
    })
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
