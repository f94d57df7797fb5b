//! CSV export of a table view: RFC 4180 via the `csv` crate, with formula-injection neutralised.
//!
//! A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, or a tab or
//! carriage return, per OWASP "CSV Injection") gets a leading `'`, which spreadsheets show as text.
//! Plain numbers such as `-3` (a default label id) are left alone: they are data, not formulas.

use super::engine::{Column, TableView};

/// True when a spreadsheet could evaluate the cell.
pub fn is_formula_like(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => !is_plain_number(cell),
        _ => false,
    }
}

fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && !body.starts_with('.')
        && !body.ends_with('.')
}

/// The cell as written to the file.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Writes a header row and the data rows. Every record ends with CRLF (RFC 4180 §2.1).
pub fn encode<'a, I, R>(headers: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = std::borrow::Cow<'a, str>>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        // A row of another width than the header is written as it is, not cut off half-written.
        .flexible(true)
        .from_writer(Vec::with_capacity(64 * 1024));
    // Writing into a Vec cannot fail on I/O; a csv error here would be a bug, and is dropped
    // rather than allowed to panic the page.
    let _ = w.write_record(headers.iter().map(|h| neutralise(h).into_owned()));
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| neutralise(&c).into_owned())
            .collect();
        let _ = w.write_record(&cells);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The CSV of a table view: the given columns, the view's rows in the view's order.
pub fn table_csv<T>(view: &TableView<T>, columns: &[&Column<T>]) -> String {
    let headers: Vec<&str> = columns.iter().map(|c| c.title).collect();
    encode(
        &headers,
        view.iter().map(|row| {
            columns
                .iter()
                .map(move |c| std::borrow::Cow::Owned(c.exported(row)))
        }),
    )
}

/// The screen, the filters that are set (status, search) and the date:
/// `devices-active-android-2026-11-23.csv`. Each filter is reduced to `[a-z0-9-]` by [`slug`];
/// one that is empty after that is left out.
pub fn file_name(prefix: &str, filters: &[&str], date_iso: &str) -> String {
    let mut name = String::from(prefix);
    for part in filters.iter().map(|f| slug(f)).filter(|s| !s.is_empty()) {
        name.push('-');
        name.push_str(&part);
    }
    format!("{name}-{date_iso}.csv")
}

/// Longest slug of one filter in a file name.
const SLUG_MAX: usize = 40;

/// `Müller, Jürgen` → `muller-jurgen`: lower case, common Latin accents folded, every other
/// character a dash, no doubled, leading or trailing dashes, at most [`SLUG_MAX`] characters.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'a'..='z' | '0'..='9' => Some(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some('a'),
            'ç' => Some('c'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ñ' => Some('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ý' | 'ÿ' => Some('y'),
            _ => None,
        };
        match folded {
            Some(c) if out.len() < SLUG_MAX => out.push(c),
            Some(_) => break,
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when the file starts with it
/// (otherwise as the system's ANSI code page, and `Müller` shows as `MÃ¼ller`).
pub const EXCEL_BOM: char = '\u{feff}';

/// The file's text: for Excel with the byte order mark in front, else as it is.
pub fn for_excel(text: String, excel: bool) -> String {
    if excel {
        let mut out = String::with_capacity(text.len() + 3);
        out.push(EXCEL_BOM);
        out.push_str(&text);
        out
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::sync::Arc;

    /// A time column: the table shows the admin's zone, the CSV keeps ISO 8601 UTC; sorted by time
    /// (no time last).
    #[test]
    fn time_columns_export_iso_utc_and_sort_by_time() {
        use crate::ui::table::engine::{sort_order, view, SortDir, TableView};
        let col = Column::new("at", "At", |r: &Option<i64>| format!("{r:?}")).at(|r| *r);
        let rows = vec![Some(1_769_851_812_000), None, Some(1_000)];
        assert_eq!(col.shown(&rows[0]), "2026-01-31 09:30");
        assert_eq!(col.exported(&rows[0]), "2026-01-31T09:30:12+00:00");
        assert_eq!(col.exported(&rows[1]), "");
        let order = sort_order(&rows, &col);
        let indices = view(rows.len(), Some(&order), SortDir::Asc, None);
        let tv = TableView {
            rows: Arc::new(rows),
            indices: Arc::new(indices),
        };
        assert_eq!(
            table_csv(&tv, &[&col]),
            "At\r\n1970-01-01T00:00:01+00:00\r\n2026-01-31T09:30:12+00:00\r\n\"\"\r\n"
        );
    }

    fn enc(rows: &[&[&str]]) -> String {
        encode(
            &["A", "B"],
            rows.iter().map(|r| r.iter().map(|c| Cow::Borrowed(*c))),
        )
    }

    #[test]
    fn quotes_commas_newlines_per_rfc4180() {
        let out = enc(&[&["plain", "with,comma"], &["say \"hi\"", "two\nlines"]]);
        assert_eq!(
            out,
            "A,B\r\nplain,\"with,comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn formula_cells_are_neutralised() {
        let out = enc(&[&["=HYPERLINK(\"http://x\")", "+1+2"], &["-2+3", "@SUM(A1)"]]);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let rows: Vec<Vec<String>> = r
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(rows[0], ["'=HYPERLINK(\"http://x\")", "'+1+2"]);
        assert_eq!(rows[1], ["'-2+3", "'@SUM(A1)"]);
        assert!(is_formula_like("\tcmd"));
        assert!(is_formula_like("\r=1"));
    }

    #[test]
    fn numbers_and_ordinary_text_untouched() {
        for s in ["-3", "+1", "-0.5", "12", "hello", "", "a=b", "x-1"] {
            assert!(!is_formula_like(s), "{s}");
        }
        for s in ["-", "--1", "-1-1", "-.5", "-1.", "=1"] {
            assert!(is_formula_like(s), "{s}");
        }
    }

    #[test]
    fn table_csv_uses_view_order_and_given_columns() {
        use crate::ui::table::engine::Column;
        let cols = [
            Column::new("a", "Alpha", |r: &(i32, &str)| r.0.to_string()),
            Column::new("b", "Beta", |r: &(i32, &str)| r.1.to_string()),
        ];
        let view = TableView {
            rows: Arc::new(vec![(1, "x"), (2, "=y")]),
            indices: Arc::new(vec![1, 0]),
        };
        let out = table_csv(&view, &[&cols[1]]);
        assert_eq!(out, "Beta\r\n'=y\r\nx\r\n");
    }

    #[test]
    fn file_name_carries_screen_filters_and_date() {
        assert_eq!(
            file_name("devices", &[], "2026-11-23"),
            "devices-2026-11-23.csv"
        );
        assert_eq!(
            file_name("devices", &["ACTIVE", ""], "2026-12-07"),
            "devices-active-2026-12-07.csv"
        );
        assert_eq!(
            file_name("devices", &["RETIRED", "  Müller, Jürgen! "], "2026-12-07"),
            "devices-retired-muller-jurgen-2026-12-07.csv"
        );
        // A filter with nothing printable is left out rather than leaving a double dash.
        assert_eq!(
            file_name("users", &["", "***"], "2026-12-07"),
            "users-2026-12-07.csv"
        );
    }

    #[test]
    fn slug_is_short_lowercase_ascii() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("Straße 5"), "stra-e-5");
        assert_eq!(slug("ÉLODIE"), "elodie");
        let long = slug(&"ab ".repeat(100));
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
        assert!(long.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
    }

    #[test]
    fn bom_only_for_excel() {
        assert_eq!(for_excel("A\r\n".into(), false).as_bytes(), b"A\r\n");
        assert_eq!(
            for_excel("A\r\n".into(), true).as_bytes(),
            b"\xEF\xBB\xBFA\r\n"
        );
    }

    #[test]
    fn header_only_when_empty() {
        let out = enc(&[]);
        assert_eq!(out, "A,B\r\n");
    }
}
