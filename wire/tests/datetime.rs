//! `wire::datetime` (and `wire::uem::format_time`) against the `time` crate: the code they
//! replaced, kept here as the oracle. Every generated text parses to the same instant or to
//! nothing in both, and every instant is written the same.
//!
//! Inputs: instants over the whole range `time` writes (years -9999..=9999) and past its ends;
//! date-times in every accepted form with random fields (invalid months, days, hours, minutes and
//! seconds, leap seconds, signed and odd-length years, offsets with and without a colon, fractions
//! of any length, other separators); leap seconds around the ends of months in every offset; the
//! same texts with random edits; short arbitrary strings.
//!
//! `PROPTEST_CASES=N` overrides the number of cases, e.g.
//! `PROPTEST_CASES=200000 cargo test -p wire --test datetime`.

use proptest::prelude::*;
use proptest::sample::select;

/// The code `wire::datetime` had before it was written out: `time` 0.3, without `large-dates`.
mod oracle {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

    /// As `parse_to_epoch_ms` was, without its fast path (the unit tests of `datetime` hold that
    /// to the general parser): so the fast path is compared with `time` too.
    pub fn parse_to_epoch_ms(text: &str) -> Option<i64> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        parse_general(t)
    }

    fn parse_general(t: &str) -> Option<i64> {
        if let Ok(n) = t.parse::<i64>() {
            return Some(wire::datetime::parse_epoch(n));
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

    pub fn format_iso(ms: i64) -> String {
        match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
            Ok(dt) => {
                let f = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]+00:00");
                dt.format(f).unwrap_or_default()
            }
            Err(_) => String::new(),
        }
    }

    pub fn format_short(ms: i64) -> String {
        match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
            Ok(dt) => dt
                .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub fn format_date(ms: i64) -> String {
        match OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000) {
            Ok(dt) => dt
                .format(format_description!("[year]-[month]-[day]"))
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// `wire::uem::format_time`.
    pub fn format_time(ms: i64) -> String {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
            .ok()
            .and_then(|dt| {
                dt.format(format_description!(
                    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
                ))
                .ok()
            })
            .unwrap_or_default()
    }

    /// The first and the last millisecond `time` writes.
    pub fn range_ms() -> (i64, i64) {
        let first = OffsetDateTime::new_utc(time::Date::MIN, time::Time::MIDNIGHT);
        let last = OffsetDateTime::new_utc(time::Date::MAX, time::Time::MAX);
        (to_ms(first), to_ms(last))
    }
}

/// The default number of cases of a property; the `PROPTEST_CASES` environment variable wins.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

fn parse_agrees(text: &str) -> Result<(), TestCaseError> {
    let (new, old) = (
        wire::datetime::parse_to_epoch_ms(text),
        oracle::parse_to_epoch_ms(text),
    );
    prop_assert_eq!(new, old, "{:?}", text);
    Ok(())
}

fn format_agrees(ms: i64) -> Result<(), TestCaseError> {
    use wire::datetime::{format_date, format_iso, format_short};
    prop_assert_eq!(format_iso(ms), oracle::format_iso(ms), "{}", ms);
    prop_assert_eq!(format_short(ms), oracle::format_short(ms), "{}", ms);
    prop_assert_eq!(format_date(ms), oracle::format_date(ms), "{}", ms);
    prop_assert_eq!(
        wire::uem::format_time(ms),
        oracle::format_time(ms),
        "{}",
        ms
    );
    Ok(())
}

/// Instants over the whole range `time` writes, near its ends, near the epoch, and any `i64`.
fn instant() -> impl Strategy<Value = i64> {
    let (first, last) = oracle::range_ms();
    prop_oneof![
        4 => first - 86_400_000..=last + 86_400_000,
        2 => -5_000_000_000_000..5_000_000_000_000i64,
        1 => any::<i64>(),
        2 => (
            select(vec![first, last, 0, i64::MIN, i64::MAX]),
            prop_oneof![-2i64..=2, -2_000i64..=2_000],
        )
            .prop_map(|(at, d)| at.saturating_add(d)),
    ]
}

/// A two-digit field: mostly in range, sometimes just past it, sometimes anything.
fn field(lo: u32, hi: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (lo..=hi).prop_map(|n| format!("{n:02}")),
        3 => (hi.saturating_sub(1)..=hi + 2).prop_map(|n| format!("{n:02}")),
        1 => "[0-9]{1,3}",
    ]
}

/// `YYYY-MM-DD` (or near it) with random fields.
fn date_text() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        8 => (0..=9999u32).prop_map(|y| format!("{y:04}")),
        2 => (1965..=2035u32).prop_map(|y| y.to_string()),
        1 => "[0-9]{3,5}",
    ];
    let year_sign = prop_oneof![8 => Just(""), 1 => Just("+"), 1 => Just("-")];
    (year_sign, year, field(1, 12), field(1, 31)).prop_map(|(s, y, m, d)| format!("{s}{y}-{m}-{d}"))
}

/// A date-time in one of the accepted forms (or near one), with random fields.
fn stamp_text() -> impl Strategy<Value = String> {
    let sep = prop_oneof![
        8 => Just("T".to_string()),
        1 => select(vec!["t", " ", "_", "+", "-", "Z", ":", "é", "\t"]).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    let second = prop_oneof![6 => field(0, 59), 1 => Just("60".to_string())];
    let clock = (field(0, 23), field(0, 59), second).prop_map(|(h, m, s)| format!("{h}:{m}:{s}"));
    let frac = prop_oneof![
        3 => Just(String::new()),
        4 => "\\.[0-9]{1,9}",
        2 => "\\.[0-9]{10,16}",
        1 => Just(".".to_string()),
    ];
    let zone = prop_oneof![
        3 => Just("Z".to_string()),
        1 => Just("z".to_string()),
        2 => Just(String::new()),
        4 => (select(vec!['+', '-']), field(0, 23), field(0, 59), select(vec![":", ""]))
            .prop_map(|(s, h, m, c)| format!("{s}{h}{c}{m}")),
        1 => "[-+ ]?[0-9]{0,5}:?[0-9]{0,3}",
    ];
    let date_time = (date_text(), sep, clock, frac, zone)
        .prop_map(|(d, s, c, f, z)| format!("{d}{s}{c}{f}{z}"));
    prop_oneof![5 => date_time, 1 => date_text()]
}

/// Leap seconds at 23:59:60 UTC on the last day of a month (where `time` takes them) and beside
/// it, written in a random offset.
fn leap_text() -> impl Strategy<Value = String> {
    (
        0..=9999i32,
        1..=12u8,
        -1..=0i64,
        -1..=1i64,
        -(23 * 60 + 59)..=(23 * 60 + 59i32),
        select(vec!["", ".0", ".999", ".5"]),
        any::<bool>(),
    )
        .prop_filter_map(
            "outside the range of `time`",
            |(y, mo, day_shift, minute_shift, offset_min, frac, colon)| {
                use time::{Date, Month, OffsetDateTime, Time, UtcOffset};
                let month = Month::try_from(mo).ok()?;
                let last = month.length(y);
                let date = Date::from_calendar_date(y, month, last).ok()?;
                let utc = OffsetDateTime::new_utc(date, Time::from_hms(23, 59, 59).ok()?)
                    .checked_add(time::Duration::days(day_shift))?
                    .checked_add(time::Duration::minutes(minute_shift))?;
                let local =
                    utc.checked_to_offset(UtcOffset::from_whole_seconds(offset_min * 60).ok()?)?;
                let sign = if offset_min < 0 { '-' } else { '+' };
                let (oh, om) = (offset_min.abs() / 60, offset_min.abs() % 60);
                let zone = if offset_min == 0 && !colon {
                    "Z".to_string()
                } else {
                    format!("{sign}{oh:02}{}{om:02}", if colon { ":" } else { "" })
                };
                Some(format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:60{frac}{zone}",
                    local.year(),
                    u8::from(local.month()),
                    local.day(),
                    local.hour(),
                    local.minute()
                ))
            },
        )
}

/// A text with a few random edits: bytes replaced, inserted or removed (kept valid UTF-8).
fn edited(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (
        text,
        proptest::collection::vec(
            (
                0..3u8,
                any::<prop::sample::Index>(),
                select(b"0123456789-+:.TZtz 5".to_vec()),
            ),
            1..4,
        ),
    )
        .prop_map(|(text, edits)| {
            let mut b = text.into_bytes();
            for (kind, at, c) in edits {
                let i = at.index(b.len() + 1);
                match kind {
                    0 if i < b.len() => b[i] = c,
                    1 => b.insert(i, c),
                    _ if i < b.len() => {
                        b.remove(i);
                    }
                    _ => {}
                }
            }
            String::from_utf8_lossy(&b).into_owned()
        })
}

proptest! {
    #![proptest_config(config(4096))]

    /// `format_iso`, `format_short`, `format_date` and `uem::format_time` write what `time` wrote,
    /// and an empty string where `time` could not (outside the years -9999..=9999).
    #[test]
    fn formatters_agree_with_time(ms in instant()) {
        format_agrees(ms)?;
    }

    /// Every accepted form, with random fields in and out of range.
    #[test]
    fn parser_agrees_with_time_on_date_times(
        text in stamp_text(),
        pad in select(vec!["", " ", "\n\t "]),
    ) {
        parse_agrees(&text)?;
        parse_agrees(&format!("{pad}{text}{pad}"))?;
    }

    /// Leap seconds, where they can be and beside.
    #[test]
    fn parser_agrees_with_time_on_leap_seconds(text in leap_text()) {
        parse_agrees(&text)?;
    }

    /// Accepted forms with random edits, and short arbitrary strings.
    #[test]
    fn parser_agrees_with_time_on_other_strings(text in prop_oneof![
        4 => edited(stamp_text()),
        2 => "[-+ 0-9:TZtz.]{0,32}",
        1 => ".{0,30}",
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]) {
        parse_agrees(&text)?;
    }

    /// What is parsed is written as `time` wrote it (e.g. the instants of leap seconds).
    #[test]
    fn parsed_instants_are_written_as_time_wrote_them(
        text in prop_oneof![stamp_text(), leap_text()],
    ) {
        if let Some(ms) = wire::datetime::parse_to_epoch_ms(&text) {
            format_agrees(ms)?;
        }
    }
}

/// The cases of `time`'s reading that are easy to get wrong, each checked against `time` and
/// against the value expected.
#[test]
fn what_time_accepts_at_the_edges() {
    let cases: &[(&str, Option<i64>)] = &[
        // A leap second is the last millisecond before the next minute, and only at the end of a
        // month UTC.
        ("2016-12-31T23:59:60Z", Some(1_483_228_799_999)),
        ("2017-01-01T00:59:60+01:00", Some(1_483_228_799_999)),
        ("2017-01-01T00:59:60+0100", Some(1_483_228_799_999)),
        ("2016-12-30T23:59:60Z", None),
        ("2016-12-31T23:58:60Z", None),
        ("2016-12-31T23:59:60", None),
        ("1969-12-31T23:59:60Z", Some(0)),
        // Lower-case `z`, any one-byte separator; a lower-case `t` only with an offset.
        ("2020-01-02t00:00:00z", Some(1_577_923_200_000)),
        ("2020-01-02 00:00:00Z", Some(1_577_923_200_000)),
        ("2020-01-02_00:00:00+00:00", Some(1_577_923_200_000)),
        ("2020-01-02t00:00:00", None),
        ("2020-01-02 00:00:00", None),
        ("2020-01-02é00:00:00Z", None),
        // Fractions: any length, the first nine digits count, rounded towards zero (up before
        // 1970); a dot without digits is an error; none in the form without offset.
        (
            "2020-01-02T00:00:00.1234567899999Z",
            Some(1_577_923_200_123),
        ),
        ("1969-12-31T23:59:59.9999Z", Some(0)),
        ("1969-12-31T23:59:59.0001Z", Some(-999)),
        ("1969-12-31T23:59:58.5Z", Some(-1500)),
        ("2020-01-02T00:00:00.Z", None),
        ("2020-01-02T00:00:00.5", None),
        // Offsets: hours up to 23, minutes up to 59, with or without a colon.
        ("2020-01-02T00:00:00+23:59", Some(1_577_836_860_000)),
        ("2020-01-02T00:00:00-2359", Some(1_578_009_540_000)),
        ("2020-01-02T00:00:00+24:00", None),
        ("2020-01-02T00:00:00+00:60", None),
        ("2020-01-02T00:00:00+01", None),
        // Signed years only in the forms without offset (`-0000` is the year 0).
        ("+2020-01-02", Some(1_577_923_200_000)),
        ("-0001-12-31T00:00:00", Some(-62_167_305_600_000)),
        ("-0000-01-01", Some(-62_167_219_200_000)),
        ("+2020-01-02T00:00:00Z", None),
        ("20200-01-02", None),
        // The calendar.
        ("2020-02-29", Some(1_582_934_400_000)),
        ("2100-02-29", None),
        ("2000-02-29T12:00:00Z", Some(951_825_600_000)),
        ("2021-02-31T00:00:00Z", None),
        ("2021-04-31", None),
        ("0000-01-01T00:00:00Z", Some(-62_167_219_200_000)),
        (
            "9999-12-31T23:59:59.999999999-23:59",
            Some(253_402_387_139_999),
        ),
        // Numbers.
        ("+12", Some(12_000)),
        ("-0", Some(0)),
        ("99999999999999999999", None),
    ];
    for &(text, want) in cases {
        assert_eq!(oracle::parse_to_epoch_ms(text), want, "time: {text}");
        assert_eq!(wire::datetime::parse_to_epoch_ms(text), want, "{text}");
    }
}

#[test]
fn what_time_writes_at_the_edges() {
    let (first, last) = oracle::range_ms();
    assert_eq!((first, last), (-377_705_116_800_000, 253_402_300_799_999));
    let cases: &[(i64, &str)] = &[
        (first, "-9999-01-01T00:00:00.000Z"),
        (last, "9999-12-31T23:59:59.999Z"),
        (first - 1, ""),
        (last + 1, ""),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-62_167_219_200_001, "-0001-12-31T23:59:59.999Z"),
        (i64::MIN, ""),
        (i64::MAX, ""),
    ];
    for &(ms, want) in cases {
        assert_eq!(oracle::format_time(ms), want, "time: {ms}");
        assert_eq!(wire::uem::format_time(ms), want, "{ms}");
        format_agrees(ms).unwrap();
    }
}
