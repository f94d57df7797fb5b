//! Property tests (fuzzing) of the portal's code that reads outside input: the CSV encoder, the
//! runtime configuration, URL state, search classification, error bodies, the table engine, the
//! X.509 reader and the PKCS#12 pre-checks; and, end to end, vendor JSON mapped into
//! rows that go through search, sort, paging and CSV.
//!
//! Every property runs a bounded number of cases (see [`config`]); `PROPTEST_CASES=N` overrides it
//! for a longer session, e.g. `PROPTEST_CASES=5000 cargo test -p mdm-portal --lib
//! properties`.

use crate::backend::epmm::certificates::{parse_revocation_status, search_body};
use crate::backend::error::{body_message, classify, malformed};
use crate::config::PortalConfig;
use crate::domain::certificates::der::{oid, seq, tlv};
use crate::domain::certificates::issued::{parse_date, CertQuery, CertStatus};
use crate::domain::certificates::pkcs12::{precheck_pkcs12, Precheck, MAX_UPLOAD_BYTES};
use crate::domain::certificates::x509::{parse_der, parse_pem};
use crate::domain::lookup::{classify as classify_lookup, Lookup};
use crate::ui::table::csv::{encode, is_formula_like, neutralise, table_csv};
use crate::ui::table::engine::{
    paginate, sort_order, view, Column, SearchIndex, SortDir, SortKey, TableView, PAGE_SIZES,
};
use crate::ui::table::view_state::{normalise_page_size, ViewState};
use crate::url::{encode_path_segment, parse_query, query_string};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// The default number of cases of a property; the `PROPTEST_CASES` environment variable wins.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

/// Strings the parsers here care about, beside arbitrary text.
const TRICKY: &[&str] = &[
    "",
    " ",
    "\t",
    "\r\n",
    "\"",
    "\"\"",
    ",",
    "'",
    "=",
    "+",
    "-",
    "@",
    "=1+2",
    "-3",
    "+1",
    "-0.5",
    "1.",
    ".5",
    "--1",
    "=HYPERLINK(\"http://x\")",
    "@SUM(A1)",
    "\0",
    "\u{feff}",
    "\u{1f}",
    "é",
    "ΑΣ",
    "ß",
    "İ",
    "<html>",
    "<",
    "{",
    "{}",
    "[]",
    "null",
    "true",
    "b8:ff:61:7f:79:26",
    "650-555-1212, 4155551212",
    "jdoe",
    "Field Ops",
    "?",
    "&",
    "=",
    "%",
    "%zz",
    "+",
    "a b",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => select(TRICKY).prop_map(String::from),
        2 => (select(TRICKY), any::<String>()).prop_map(|(p, s)| format!("{p}{s}")),
        2 => "[\"',\r\n\t\0 =+@a-cA-C0-9.-]{0,12}",
    ]
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A column title: any text, except that a title cannot start with U+FEFF (a CSV reader takes it
/// for a byte-order mark at the start of the file); titles are constants in the code.
fn title() -> impl Strategy<Value = String> {
    text().prop_filter("a title", |t| !t.starts_with('\u{feff}'))
}

fn read_csv(text: &str) -> Result<Vec<Vec<String>>, TestCaseError> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(String::from).collect())
                .map_err(|e| TestCaseError::fail(format!("not valid CSV ({e}): {text:?}")))
        })
        .collect()
}

fn plain_number() -> impl Strategy<Value = String> {
    "[-+]?[0-9]{1,15}(\\.[0-9]{1,6})?"
}

fn neutralised(cells: &[String]) -> Vec<String> {
    cells.iter().map(|c| neutralise(c).into_owned()).collect()
}

type Row = (String, String, i64);

fn row_columns() -> Vec<Column<Row>> {
    vec![
        Column::new("a", "Alpha", |r: &Row| r.0.clone()),
        Column::new("b", "Beta", |r: &Row| r.1.clone()),
        Column::new("n", "N", |r: &Row| r.2.to_string()).sort_by(|r: &Row| SortKey::Int(r.2)),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    /// Any cells (quotes, commas, CR, LF, NUL, formula prefixes, any Unicode) read back with the
    /// `csv` crate as exactly the neutralised cells, one record per row plus the header, and no
    /// cell that is read back looks like a formula.
    #[test]
    fn csv_reads_back_as_the_neutralised_cells(
        (headers, rows) in (1..6usize).prop_flat_map(|n| (vec(title(), n), vec(vec(text(), n), 0..8))),
    ) {
        let hs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let out = encode(&hs, rows.iter().map(|r| r.iter().map(|c| Cow::Borrowed(c.as_str()))));
        prop_assert!(out.ends_with("\r\n"), "{:?}", out);
        let got = read_csv(&out)?;
        let want: Vec<Vec<String>> =
            std::iter::once(&headers).chain(&rows).map(|r| neutralised(r)).collect();
        prop_assert_eq!(&got, &want, "{:?}", out);
        for cell in got.iter().flatten() {
            prop_assert!(!is_formula_like(cell), "{:?} survived", cell);
        }
    }

    /// Rows of any width (even none) are written whole.
    #[test]
    fn csv_of_ragged_rows_is_written_whole(headers in vec(title(), 0..4), rows in vec(vec(text(), 0..4), 0..5)) {
        let hs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let out = encode(&hs, rows.iter().map(|r| r.iter().map(|c| Cow::Borrowed(c.as_str()))));
        prop_assert!(out.ends_with("\r\n"), "{:?}", out);
        let got = read_csv(&out)?;
        // A record of no fields cannot be told from one empty field: both are written `""`.
        let want: Vec<Vec<String>> = std::iter::once(&headers)
            .chain(&rows)
            .map(|r| if r.is_empty() { vec![String::new()] } else { neutralised(r) })
            .collect();
        prop_assert_eq!(&got, &want, "{:?}", out);
    }

    /// `neutralise` defuses exactly the formula-like cells, by a leading `'`, and is idempotent;
    /// only cells starting with `= + - @`, tab or CR can be formula-like.
    #[test]
    fn neutralise_defuses_formulas_only(s in text()) {
        let n = neutralise(&s);
        prop_assert!(!is_formula_like(&n));
        prop_assert_eq!(neutralise(&n), n.clone());
        if is_formula_like(&s) {
            prop_assert_eq!(n.as_ref(), format!("'{s}"));
        } else {
            prop_assert_eq!(n.as_ref(), s.as_str());
        }
        if !matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')) {
            prop_assert!(!is_formula_like(&s));
        }
    }

    /// Plain numbers (`-3`, `+1`, `-0.5`) are data: written unchanged.
    #[test]
    fn plain_numbers_are_unchanged(n in plain_number()) {
        prop_assert!(!is_formula_like(&n));
        let n2 = neutralise(&n);
        prop_assert_eq!(n2.as_ref(), n.as_str());
        let out = encode(&["N"], [[Cow::Borrowed(n.as_str())]]);
        prop_assert_eq!(out, format!("N\r\n{n}\r\n"));
    }

    /// A table view's CSV: the chosen columns in the chosen order, the view's rows in its order.
    #[test]
    fn table_csv_follows_the_view(
        rows in vec((text(), text(), any::<i64>()), 0..12),
        picks in vec(any::<Index>(), 1..4),
        order in vec(any::<Index>(), 0..16),
    ) {
        let cols = row_columns();
        let chosen: Vec<&Column<Row>> = picks.iter().map(|i| i.get(&cols)).collect();
        let indices: Vec<u32> = if rows.is_empty() {
            Vec::new()
        } else {
            order.iter().map(|i| i.index(rows.len()) as u32).collect()
        };
        let view = TableView { rows: Arc::new(rows), indices: Arc::new(indices) };
        let got = read_csv(&table_csv(&view, &chosen))?;
        let mut want = vec![chosen.iter().map(|c| c.title.to_string()).collect::<Vec<_>>()];
        for r in view.iter() {
            want.push(neutralised(&chosen.iter().map(|c| (c.text)(r)).collect::<Vec<_>>()));
        }
        prop_assert_eq!(got, want);
    }
}

// ---------------------------------------------------------------------------------------------
// Configuration, URL state, search classification

const CONFIG_KEYS: [&str; 4] = [
    "apiBase",
    "productName",
    "defaultPageSize",
    "idleTimeoutMinutes",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0..2000u64).prop_map(Value::from),
        select(PAGE_SIZES.to_vec()).prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        text().prop_map(Value::from),
        select(vec![
            "/api",
            "/mdm/api/",
            "https://mdm.example.com/api",
            "http://x",
            "api",
            "/",
            "ftp://x"
        ])
        .prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec(
                (
                    prop_oneof![select(CONFIG_KEYS.to_vec()).prop_map(String::from), text()],
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config(512))]

    /// Any text is a configuration or an error naming `config.json`; what is accepted is in range.
    #[test]
    fn config_is_valid_or_a_message(
        raw in prop_oneof![text(), json_value().prop_map(|v| v.to_string())],
        obj in vec((prop_oneof![4 => select(CONFIG_KEYS.to_vec()).prop_map(String::from), 1 => text()], json_leaf()), 0..5),
    ) {
        let obj = Value::Object(obj.into_iter().collect()).to_string();
        for t in [raw, obj] {
            match PortalConfig::parse(&t) {
                Ok(c) => {
                    let b = &c.api_base;
                    prop_assert!(
                        b.starts_with('/') || b.starts_with("http://") || b.starts_with("https://")
                            || (b.is_empty() && c.backend == crate::config::BackendKind::Uem),
                        "{:?}", b
                    );
                    prop_assert!(!b.contains(char::is_whitespace) && !b.ends_with('/'), "{:?}", b);
                    let n = c.product_name.chars().count();
                    prop_assert!((1..=60).contains(&n) && c.product_name.trim() == c.product_name);
                    prop_assert!(PAGE_SIZES.contains(&c.default_page_size));
                    prop_assert!(c.idle_timeout_minutes <= 1440);
                }
                Err(m) => prop_assert!(m.starts_with("config.json"), "{:?}", m),
            }
        }
    }

    /// Valid values are taken as given.
    #[test]
    fn valid_config_is_read(
        base in "/[a-z/]{0,12}[a-z]",
        name in "[A-Za-z][A-Za-z ]{0,40}[A-Za-z]",
        size in select(PAGE_SIZES.to_vec()),
        idle in 0..=1440u32,
    ) {
        let t = json!({"apiBase": format!("{base}/"), "productName": format!(" {name} "),
            "defaultPageSize": size, "idleTimeoutMinutes": idle}).to_string();
        let c = PortalConfig::parse(&t).unwrap();
        prop_assert_eq!(c, PortalConfig {
            api_base: base,
            product_name: name,
            default_page_size: size,
            idle_timeout_minutes: idle,
            ..PortalConfig::default()
        });
    }

    /// Query strings: any pairs survive `query_string` then `parse_query` (with or without `?`);
    /// a path segment decodes back to its text and holds no separator.
    #[test]
    fn query_strings_round_trip(pairs in vec((text(), text()), 0..6), q in any::<bool>()) {
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let s = query_string(refs.iter().copied());
        prop_assert!(!s.contains(['+', ' ', '#']), "{}", s);
        let back = parse_query(&if q { format!("?{s}") } else { s.clone() });
        prop_assert_eq!(back, pairs.clone());
        for (k, _) in &pairs {
            let seg = encode_path_segment(k);
            prop_assert!(!seg.contains(['/', '?', '#', ' ', '&', '+']), "{}", seg);
            let decoded: Vec<u8> = percent_encoding::percent_decode_str(&seg).collect();
            prop_assert_eq!(decoded, k.as_bytes());
        }
    }

    /// Any query string gives a valid view; any view survives the URL.
    #[test]
    fn view_state_round_trips_through_the_url(
        search in text(),
        sort in proptest::option::of((select(VIEW_COLUMNS.to_vec()), any::<bool>())),
        page in prop_oneof![1..5usize, 1..=usize::MAX],
        size in select(PAGE_SIZES.to_vec()),
        cols in proptest::option::of(vec(any::<Index>(), 1..5)),
        default_size in prop_oneof![select(PAGE_SIZES.to_vec()), any::<usize>()],
        junk in text(),
    ) {
        let columns = cols.map(|picks| {
            let mut list: Vec<String> = Vec::new();
            for p in picks {
                let c = p.get(VIEW_COLUMNS).to_string();
                if !list.contains(&c) {
                    list.push(c);
                }
            }
            list
        });
        let v = ViewState {
            search,
            sort: sort.map(|(c, d)| (c.to_string(), if d { SortDir::Desc } else { SortDir::Asc })),
            page,
            page_size: size,
            columns,
        };
        let q = v.to_query(default_size);
        let s = query_string(q.iter().map(|(k, v)| (*k, v.as_str())));
        let back = ViewState::from_query(&parse_query(&s), VIEW_COLUMNS, default_size);
        prop_assert_eq!(&back, &v, "{}", s);
        // Garbage in the URL still gives a valid view.
        let any = ViewState::from_query(&parse_query(&format!("{junk}&{s}&{junk}")), VIEW_COLUMNS, default_size);
        prop_assert!(any.page >= 1 && PAGE_SIZES.contains(&any.page_size));
        prop_assert!(any.sort.iter().all(|(c, _)| VIEW_COLUMNS.contains(&c.as_str())));
        if let Some(cs) = &any.columns {
            prop_assert!(!cs.is_empty() && cs.iter().all(|c| VIEW_COLUMNS.contains(&c.as_str())));
        }
        prop_assert!(PAGE_SIZES.contains(&normalise_page_size(default_size)));
    }

    /// Arbitrary query pairs never make the view reader panic.
    #[test]
    fn view_state_from_any_pairs(pairs in vec((prop_oneof![select(vec!["q", "sort", "dir", "page", "size", "cols"]).prop_map(String::from), text()], text()), 0..8), default_size in any::<usize>()) {
        let v = ViewState::from_query(&pairs, VIEW_COLUMNS, default_size);
        prop_assert!(v.page >= 1 && PAGE_SIZES.contains(&v.page_size));
        let _ = v.to_query(default_size);
    }

    /// A search text is classified without panicking, and each lookup is well-formed.
    #[test]
    fn lookup_classification(s in prop_oneof![text(), "[0-9a-fA-F:.-]{10,20}", "[0-9 ,().-]{6,40}"], labels in vec(text(), 0..4)) {
        match classify_lookup(&s, &labels) {
            None => {}
            Some(Lookup::Label(l)) => prop_assert!(labels.contains(&l) && l.eq_ignore_ascii_case(s.trim())),
            Some(Lookup::Mac(m)) => prop_assert!(m.len() == 12 && m.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() && c.is_ascii_hexdigit())),
            Some(Lookup::Phones(p)) => prop_assert!(!p.is_empty() && p.iter().all(|n| (7..=15).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))),
            Some(Lookup::User(u)) => prop_assert!(u == s.trim() && u.chars().count() >= 2 && !u.contains(char::is_whitespace)),
        }
        if let Some(l) = classify_lookup(&s, &labels) {
            let _ = l.describe();
        }
    }
}

const VIEW_COLUMNS: &[&str] = &["name", "user", "status", "lastSeen", "os"];

// ---------------------------------------------------------------------------------------------
// Error bodies

fn content_type() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "",
            "application/json",
            "application/json; charset=utf-8",
            "text/html",
            "text/html; charset=iso-8859-1",
            "text/plain",
            "application/octet-stream",
            "application/problem+json",
            "application/xhtml+xml",
        ])
        .prop_map(String::from),
        text(),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        vec(any::<u8>(), 0..200),
        text().prop_map(String::into_bytes),
        json_value().prop_map(|v| v.to_string().into_bytes()),
        (text(), text()).prop_map(|(a, b)| json!({"messages": {"message": [a, b]}})
            .to_string()
            .into_bytes()),
        text().prop_map(|a| json!({"messages": [{"localizedMessage": a}]})
            .to_string()
            .into_bytes()),
    ]
}

/// A page a proxy or server sends instead of data: blanks, then markup.
fn html_body() -> impl Strategy<Value = Vec<u8>> {
    (
        "[ \t\r\n]{0,3}",
        select(vec![
            "<html>",
            "<!DOCTYPE html>",
            "<h1>",
            "<",
            "<?xml version=\"1.0\"?>",
        ]),
        text(),
    )
        .prop_map(|(ws, tag, rest)| {
            format!("{ws}{tag}{rest}<script>alert(1)</script>").into_bytes()
        })
}

proptest! {
    #![proptest_config(config(512))]

    /// Any status, content type, `Retry-After` and body give an error with a sentence; a quoted
    /// server text is at most 300 characters (plus `…`).
    #[test]
    fn error_bodies_never_panic(
        status in prop_oneof![any::<u16>(), select(vec![400u16, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 502, 503])],
        ct in content_type(),
        retry in proptest::option::of(prop_oneof![text(), any::<u64>().prop_map(|n| n.to_string())]),
        body in body(),
    ) {
        let reader = crate::backend::epmm::errors::read_error;
        let (m, _) = body_message(&ct, &body, reader);
        prop_assert!(m.chars().count() <= 301);
        let (m, _) = body_message(&ct, &body, crate::backend::error::plain_json_error);
        prop_assert!(m.chars().count() <= 301);
        let e = classify(status, &ct, retry.as_deref(), &body, reader);
        prop_assert!(!e.message().is_empty());
        let _ = (e.is_transient(), e.is_unauthorized(), e.to_string());
        if let Err(err) = serde_json::from_slice::<Value>(&body) {
            prop_assert!(!malformed(&ct, &body, &err).message().is_empty());
        }
    }

    /// HTML is never quoted: no `<` from an HTML page reaches the message, whatever the content
    /// type claims; with an HTML content type, no non-JSON body is quoted at all.
    #[test]
    fn html_is_never_quoted(status in any::<u16>(), ct in content_type(), page in html_body(), other in text()) {
        let reader = crate::backend::epmm::errors::read_error;
        prop_assert_eq!(body_message(&ct, &page, reader).0, "");
        let e = classify(status, &ct, None, &page, reader);
        prop_assert!(!e.message().contains('<'), "{:?}", e);
        if let Err(err) = serde_json::from_slice::<Value>(&page) {
            prop_assert!(!malformed(&ct, &page, &err).message().contains('<'));
        }
        if !other.trim().starts_with('{') {
            prop_assert_eq!(body_message("text/html; charset=utf-8", other.as_bytes(), reader).0, "");
            let e = classify(status, "text/html", None, other.as_bytes(), reader);
            if let crate::backend::error::ErrorKind::Server { message, .. } = &e.kind {
                prop_assert!(!message.contains('<'));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The table engine

/// Rows from a small alphabet, so that searches hit (and Unicode case folding is exercised).
fn cell_for_search() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[abcABCΣσςßİ\u{1f} -]{0,10}", 1 => any::<String>()]
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[abcABCΣσςßİ\u{1f} ]{0,8}", 1 => any::<String>()]
}

fn lower(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn pair_columns() -> Vec<Column<(String, String)>> {
    vec![
        Column::new("a", "A", |r: &(String, String)| r.0.clone()),
        Column::new("b", "B", |r: &(String, String)| r.1.clone()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// A search matches the rows where every term is in one cell, case-insensitively.
    #[test]
    fn search_matches_rows_with_every_term(rows in vec((cell_for_search(), cell_for_search()), 0..40), q in query()) {
        let cols = pair_columns();
        let refs: Vec<&Column<(String, String)>> = cols.iter().collect();
        let idx = SearchIndex::build(&rows, &refs);
        let terms: Vec<String> = q
            .split_whitespace()
            .map(|w| w.to_lowercase().replace('\u{1f}', ""))
            .filter(|w| !w.is_empty())
            .collect();
        match idx.search(&q, None) {
            None => prop_assert!(terms.is_empty()),
            Some(m) => {
                let mut n = 0;
                for (i, (a, b)) in rows.iter().enumerate() {
                    let want = terms.iter().all(|t| lower(a).contains(t.as_str()) || lower(b).contains(t.as_str()));
                    prop_assert_eq!(m.contains(i), want, "row {} {:?} {:?}", i, (a, b), terms);
                    n += usize::from(want);
                }
                prop_assert_eq!(m.count(), n);
                prop_assert!(!m.contains(rows.len()));
            }
        }
    }

    /// A refined query (each earlier term inside a new one) rescans only the earlier matches and
    /// finds exactly what a full search finds; so does any other query given a previous result,
    /// also after rows were added to it from elsewhere.
    #[test]
    fn refined_search_equals_full_search(
        rows in vec((cell_for_search(), cell_for_search()), 0..40),
        q1 in query(),
        ext in "[abcΣß ]{0,4}",
        prefix in "[abc]{0,2}",
        other in query(),
        added in vec(any::<usize>(), 0..3),
    ) {
        let cols = pair_columns();
        let refs: Vec<&Column<(String, String)>> = cols.iter().collect();
        let idx = SearchIndex::build(&rows, &refs);
        let Some(mut first) = idx.search(&q1, None) else { return Ok(()) };
        for q2 in [format!("{q1}{ext}"), format!("{prefix}{q1}"), other] {
            prop_assert_eq!(idx.search(&q2, Some(&first)), idx.search(&q2, None), "{:?} -> {:?}", q1, q2);
        }
        first.extend(added.iter().map(|a| a % (rows.len() + 2)));
        let q2 = format!("{q1}{ext}");
        prop_assert_eq!(idx.search(&q2, Some(&first)), idx.search(&q2, None));
    }

    /// Sorting is a stable permutation by the column's key; the view is the order (reversed for
    /// descending) filtered by the matches.
    #[test]
    fn sort_and_view(rows in vec((text(), text(), prop_oneof![any::<i64>(), -3..3i64]), 0..40), col in any::<Index>(), desc in any::<bool>(), q in query()) {
        let cols = row_columns();
        let c = col.get(&cols);
        let order = sort_order(&rows, c);
        let mut seen = vec![false; rows.len()];
        for &i in &order {
            prop_assert!(!std::mem::replace(&mut seen[i as usize], true));
        }
        prop_assert!(seen.iter().all(|s| *s));
        for w in order.windows(2) {
            let (a, b) = (c.key_of(&rows[w[0] as usize]), c.key_of(&rows[w[1] as usize]));
            prop_assert!(a < b || (a == b && w[0] < w[1]));
        }
        let refs: Vec<&Column<Row>> = cols.iter().collect();
        let m = SearchIndex::build(&rows, &refs).search(&q, None);
        let dir = if desc { SortDir::Desc } else { SortDir::Asc };
        let mut want: Vec<u32> = order.iter().copied().filter(|&i| m.as_ref().is_none_or(|m| m.contains(i as usize))).collect();
        if desc {
            want.reverse();
        }
        prop_assert_eq!(view(rows.len(), Some(&order), dir, m.as_ref()), want);
        let unsorted = view(rows.len(), None, dir, None);
        prop_assert_eq!(unsorted.len(), rows.len());
    }

    /// Paging stays inside the view for any total, page and size (size 0 included).
    #[test]
    fn paging_stays_in_range(
        total in prop_oneof![0..1000usize, any::<usize>()],
        page in prop_oneof![0..50usize, any::<usize>()],
        size in prop_oneof![select(PAGE_SIZES.to_vec()), 0..300usize, any::<usize>()],
    ) {
        let p = paginate(total, page, size);
        prop_assert_eq!(p.total, total);
        prop_assert!(p.start <= p.end && p.end <= total, "{:?}", p);
        prop_assert!(1 <= p.page && p.page <= p.page_count, "{:?}", p);
        prop_assert!(p.end - p.start <= size.max(1));
        prop_assert_eq!(p.start < p.end, total > 0);
        if (1..=p.page_count).contains(&page) {
            prop_assert_eq!(p.page, page);
        }
        prop_assert_eq!(p.is_first(), p.page == 1);
        prop_assert_eq!(p.is_last(), p.page == p.page_count);
        let tail = format!(" of {total}");
        prop_assert!(p.showing().ends_with(&tail));
    }
}

// ---------------------------------------------------------------------------------------------
// X.509 and PKCS#12

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// A certificate's parts, and what the reader must make of them.
#[derive(Debug, Clone)]
struct CertParts {
    version: u8,
    serial: Vec<u8>,
    issuer_cn: String,
    subject: Vec<(u8, String)>,
    /// (year, month, day, hour, minute, second, generalized)
    times: [(i64, i64, i64, i64, i64, i64, bool); 2],
    key_usage: Option<(u8, u8)>,
    san_dns: Vec<String>,
    ca: Option<bool>,
    sig: usize,
}

const SIGS: [(&[u64], &str); 4] = [
    (&[1, 2, 840, 113549, 1, 1, 11], "SHA256WITHRSA"),
    (&[1, 2, 840, 10045, 4, 3, 2], "SHA256WITHECDSA"),
    (&[1, 3, 101, 112], "ED25519"),
    (&[1, 2, 3, 4, 5], "1.2.3.4.5"),
];

fn cert_parts() -> impl Strategy<Value = CertParts> {
    let time = (
        any::<bool>(),
        1..=12i64,
        1..=28i64,
        0..24i64,
        0..60i64,
        0..60i64,
    )
        .prop_flat_map(|(generalized, mo, d, h, mi, s)| {
            let years = if generalized {
                1950..=9999i64
            } else {
                1950..=2049i64
            };
            years.prop_map(move |y| (y, mo, d, h, mi, s, generalized))
        });
    (
        0..3u8,
        prop_oneof![
            vec(1..=255u8, 1..20),
            vec(any::<u8>(), 1..2),
            (128..=255u8, vec(any::<u8>(), 0..18)).prop_map(|(b, mut v)| {
                v.insert(0, b);
                v.insert(0, 0);
                v
            })
        ],
        any::<String>(),
        vec((select(vec![0x0cu8, 0x13, 0x16]), "[ -~]{0,20}"), 0..3),
        [time.clone(), time],
        proptest::option::of((any::<u8>(), any::<u8>())),
        vec("[a-z0-9.-]{1,20}", 0..3),
        proptest::option::of(any::<bool>()),
        0..SIGS.len(),
    )
        .prop_map(
            |(version, serial, issuer_cn, subject, times, key_usage, san_dns, ca, sig)| CertParts {
                version,
                serial,
                issuer_cn,
                subject,
                times,
                key_usage,
                san_dns,
                ca,
                sig,
            },
        )
}

impl CertParts {
    fn der(&self) -> Vec<u8> {
        let time = |&(y, mo, d, h, mi, s, g): &(i64, i64, i64, i64, i64, i64, bool)| {
            if g {
                tlv(
                    0x18,
                    format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z").as_bytes(),
                )
            } else {
                tlv(
                    0x17,
                    format!("{:02}{mo:02}{d:02}{h:02}{mi:02}{s:02}Z", y % 100).as_bytes(),
                )
            }
        };
        let alg = seq(&[oid(SIGS[self.sig].0), vec![0x05, 0x00]]);
        let mut exts = Vec::new();
        if let Some(ca) = self.ca {
            let bc = if ca {
                seq(&[vec![0x01, 0x01, 0xff]])
            } else {
                seq(&[])
            };
            exts.push(seq(&[
                oid(&[2, 5, 29, 19]),
                vec![0x01, 0x01, 0xff],
                tlv(0x04, &bc),
            ]));
        }
        if let Some((b0, b1)) = self.key_usage {
            exts.push(seq(&[
                oid(&[2, 5, 29, 15]),
                tlv(0x04, &tlv(0x03, &[0, b0, b1])),
            ]));
        }
        if !self.san_dns.is_empty() {
            let names: Vec<Vec<u8>> = self
                .san_dns
                .iter()
                .map(|n| tlv(0x82, n.as_bytes()))
                .collect();
            exts.push(seq(&[oid(&[2, 5, 29, 17]), tlv(0x04, &seq(&names))]));
        }
        let subject: Vec<Vec<u8>> = self
            .subject
            .iter()
            .map(|(tag, v)| tlv(0x31, &seq(&[oid(&[2, 5, 4, 10]), tlv(*tag, v.as_bytes())])))
            .collect();
        let mut tbs = vec![
            tlv(0xA0, &tlv(0x02, &[self.version])),
            tlv(0x02, &self.serial),
            alg.clone(),
            seq(&[tlv(
                0x31,
                &seq(&[oid(&[2, 5, 4, 3]), tlv(0x0c, self.issuer_cn.as_bytes())]),
            )]),
            seq(&[time(&self.times[0]), time(&self.times[1])]),
            seq(&subject),
            seq(&[
                seq(&[oid(&[1, 2, 840, 10045, 2, 1])]),
                tlv(0x03, &[0, 4, 1, 2]),
            ]),
        ];
        if !exts.is_empty() {
            tbs.push(tlv(0xA3, &seq(&exts)));
        }
        seq(&[seq(&tbs), alg, tlv(0x03, &[0, 1, 2, 3])])
    }
}

/// Byte damage: set, insert or delete bytes, or cut the end off.
fn damage(mut b: Vec<u8>, edits: &[(Index, u8, u8)]) -> Vec<u8> {
    for (at, kind, x) in edits {
        let p = at.index(b.len() + 1);
        match kind % 4 {
            0 if p < b.len() => b[p] = *x,
            1 => b.insert(p, *x),
            2 if p < b.len() => {
                b.remove(p);
            }
            3 => b.truncate(p),
            _ => {}
        }
    }
    b
}

proptest! {
    #![proptest_config(config(512))]

    /// Whatever the bytes, the DER and PEM readers answer with a summary or a message.
    #[test]
    fn x509_reader_never_panics(bytes in vec(any::<u8>(), 0..300), s in any::<String>(), b64 in "[A-Za-z0-9+/= \n]{0,200}") {
        let _ = parse_der(&bytes);
        let _ = parse_pem(&s);
        let _ = parse_pem(&format!("-----BEGIN CERTIFICATE-----{b64}-----END CERTIFICATE-----"));
        use base64::Engine;
        let pem = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let text = format!("-----BEGIN CERTIFICATE-----\n{pem}\n-----END CERTIFICATE-----");
        prop_assert_eq!(parse_pem(&text), parse_der(&bytes));
    }

    /// A well-formed certificate reads back as what was written; damaged ones never panic.
    #[test]
    fn x509_reads_what_was_written(parts in cert_parts(), edits in vec((any::<Index>(), any::<u8>(), any::<u8>()), 1..6)) {
        let der = parts.der();
        let c = parse_der(&der).map_err(TestCaseError::fail)?;
        prop_assert_eq!(c.version, u32::from(parts.version) + 1);
        let serial = if parts.serial.len() > 1 && parts.serial[0] == 0 { &parts.serial[1..] } else { &parts.serial[..] };
        let hex: Vec<String> = serial.iter().map(|b| format!("{b:02X}")).collect();
        prop_assert_eq!(&c.serial_hex, &hex.join(":"));
        if parts.serial[0] < 0x80 && serial.len() <= 16 {
            let v = serial.iter().fold(0u128, |a, b| (a << 8) | u128::from(*b));
            prop_assert_eq!(c.serial_decimal, Some(v.to_string()));
        }
        prop_assert_eq!(&c.issuer, &format!("CN={}", parts.issuer_cn));
        let subject: Vec<String> = parts.subject.iter().map(|(_, v)| format!("O={v}")).collect();
        prop_assert_eq!(&c.subject, &subject.join(", "));
        for (got, &(y, mo, d, h, mi, s, _)) in [c.not_before_ms, c.not_after_ms].into_iter().zip(&parts.times) {
            prop_assert_eq!(got, ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000);
        }
        prop_assert_eq!(c.signature_algorithm.as_str(), SIGS[parts.sig].1);
        let dns: Vec<String> = parts.san_dns.iter().map(|n| format!("DNS:{n}")).collect();
        prop_assert_eq!(c.alt_names, dns);
        prop_assert_eq!(c.is_ca, parts.ca);
        let ku_bits = parts.key_usage.map_or(0, |(b0, b1)| b0.count_ones() + u32::from(b1 >> 7));
        prop_assert_eq!(c.key_usage.len() as u32, ku_bits);
        let _ = parse_der(&damage(der, &edits));
    }

    /// The PKCS#12 pre-checks: empty, too large, PEM text, or not a DER sequence; never a panic.
    #[test]
    fn pkcs12_prechecks(
        bytes in prop_oneof![
            vec(any::<u8>(), 0..64),
            ("[ \t\r\n]{0,3}", proptest::option::of(Just("\u{feff}")), "-----BEGIN[ -~]{0,20}").prop_map(|(a, b, c)| format!("{a}{}{c}", b.unwrap_or("")).into_bytes()),
            vec(any::<u8>(), 0..64).prop_map(|mut v| { v.insert(0, 0x30); v }),
        ],
    ) {
        let r = precheck_pkcs12(&bytes);
        match &r {
            Err(Precheck::Empty) => prop_assert!(bytes.is_empty()),
            Err(Precheck::TooLarge(_)) => prop_assert!(false, "{} bytes is not too large", bytes.len()),
            Err(Precheck::Pem) => {
                let text = String::from_utf8_lossy(&bytes);
                let bom_or_blank = |c: char| c.is_ascii_whitespace() || c == '\u{feff}';
                prop_assert!(text.trim_start_matches(bom_or_blank).starts_with("-----BEGIN"));
            }
            Err(Precheck::NotPkcs12) => prop_assert!(bytes[0] != 0x30 || bytes.len() < 4),
            Ok(()) => prop_assert!(bytes[0] == 0x30 && bytes.len() >= 4),
        }
        if let Err(p) = r {
            prop_assert!(!p.message().is_empty());
        }
    }

    /// Certificate-screen URL state and E9's text: any input, no panic; valid state round-trips.
    #[test]
    fn certificate_query_and_revocation_text(
        fields in vec(text(), 5),
        status in proptest::option::of(select(CertStatus::ALL.to_vec())),
        junk in vec((select(vec!["ce", "status", "user", "device", "from", "to", "x"]).prop_map(String::from), text()), 0..6),
        n in any::<u64>(),
        revocation in text(),
    ) {
        let t: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
        let q = CertQuery { config: t[0].clone(), status, user: t[1].clone(), device: t[2].clone(), from: t[3].clone(), to: t[4].clone() };
        let pairs: Vec<(String, String)> = q.to_pairs().into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        prop_assert_eq!(CertQuery::from_pairs(&pairs), q.clone());
        let any = CertQuery::from_pairs(&junk);
        let _ = (any.range_error(), search_body(&any), any.describe(), q.range_error(), search_body(&q));
        let _ = (parse_date(&t[3]), parse_revocation_status(&revocation));
        let running = parse_revocation_status(&wire::v2::revocation::running(n));
        prop_assert!(running.running && running.seconds == Some(n));
        prop_assert!(!parse_revocation_status(wire::v2::revocation::IDLE).running);
    }
}

#[test]
fn pkcs12_size_limit_is_exact() {
    let mut b = vec![0x30u8; MAX_UPLOAD_BYTES];
    assert_eq!(precheck_pkcs12(&b), Ok(()));
    b.push(0);
    assert_eq!(
        precheck_pkcs12(&b),
        Err(Precheck::TooLarge(MAX_UPLOAD_BYTES + 1))
    );
}

// ---------------------------------------------------------------------------------------------
// End to end: vendor JSON → domain rows → search, sort, paging, CSV.

/// A wire object with each field replaced, half the time, by an arbitrary JSON scalar.
fn randomised(seed: Value) -> impl Strategy<Value = Value> {
    let Value::Object(fields) = seed else {
        panic!("seed is an object")
    };
    let n = fields.len();
    vec(proptest::option::weighted(0.5, json_leaf()), n).prop_map(move |repl| {
        let mut o = fields.clone();
        for ((_, v), r) in o.iter_mut().zip(repl) {
            if let Some(r) = r {
                *v = r;
            }
        }
        Value::Object(o)
    })
}

fn details() -> impl Strategy<Value = Value> {
    vec(
        (
            select(vec![
                "wifi_mac_addr",
                "WiFiMAC",
                "imei",
                "iPhone IMEI",
                "SerialNumber",
                "OSVersion",
                "platform_name",
                "Client_version",
                "x",
            ]),
            prop_oneof![text().prop_map(Value::from), json_leaf()],
        ),
        0..5,
    )
    .prop_map(|kv| {
        let entries: Vec<Value> = kv
            .into_iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect();
        json!([{ "entry": entries }])
    })
}

fn with_keys(v: Value, keys: &[&str]) -> Value {
    let mut v = v;
    for k in keys {
        if v.get(*k).is_none() {
            v[*k] = json!(1);
        }
    }
    v
}

/// Runs mapped rows through the whole table engine and the CSV export.
fn pipeline<T>(
    rows: Vec<T>,
    cols: &[Column<T>],
    q: &str,
    col: &Index,
    desc: bool,
    page: usize,
) -> Result<(), TestCaseError> {
    let refs: Vec<&Column<T>> = cols.iter().collect();
    let idx = SearchIndex::build(&rows, &refs);
    let m = idx.search(q, None);
    let c = col.get(cols);
    let order = sort_order(&rows, c);
    let dir = if desc { SortDir::Desc } else { SortDir::Asc };
    let v = view(rows.len(), Some(&order), dir, m.as_ref());
    for c in cols {
        if let Some(h) = c.href {
            rows.iter().for_each(|r| {
                h(r);
            });
        }
    }
    let p = paginate(v.len(), page, 25);
    prop_assert!(p.end <= v.len());
    let tv = TableView {
        rows: Arc::new(rows),
        indices: Arc::new(v),
    };
    let got = read_csv(&table_csv(&tv, &refs))?;
    prop_assert_eq!(got.len(), tv.len() + 1);
    for (r, line) in tv.iter().zip(&got[1..]) {
        let want = neutralised(&cols.iter().map(|c| c.exported(r)).collect::<Vec<_>>());
        prop_assert_eq!(line, &want);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn vendor_rows_map_into_tables_and_csv(
        devices in vec((randomised(with_keys(serde_json::to_value(<wire::v1::Device>::default()).unwrap(), &["countryId", "operatorId", "currentPhoneNumber"])), details()), 0..6),
        alerts in vec(randomised(with_keys(serde_json::to_value(wire::v1::Alert::default()).unwrap(), &["labelId"])), 0..5),
        settings in vec(randomised(with_keys(serde_json::to_value(wire::v1::AppSetting::default()).unwrap(), &["quarantinedCount", "state", "labels", "labelNames"])), 0..5),
        labels in vec(randomised(with_keys(serde_json::to_value(wire::v1::Label::default()).unwrap(), &["isESSearch"])), 0..5),
        policies in vec(randomised(with_keys(serde_json::to_value(wire::v1::Policy::default()).unwrap(), &["labels", "labelNames"])), 0..5),
        users in vec(randomised(with_keys(serde_json::to_value(wire::v1::User::default()).unwrap(), &["id", "uuid", "createdAt", "lastAdminPortalLoginTime", "roles"])), 0..5),
        eas in vec((randomised(with_keys(serde_json::to_value(wire::v1::EasDevice::default()).unwrap(), &["platformCode", "firstSyncTime", "lastSyncTime"])), select(wire::v1::EasGroup::ALL.to_vec())), 0..5),
        profiles in vec(randomised(with_keys(serde_json::to_value(wire::v1::Profile::default()).unwrap(), &["uuid", "lastUpdatedAt"])), 0..5),
        certs in vec(randomised(serde_json::to_value(wire::v2::certificates::CertificateRecord::default()).unwrap()), 0..5),
        now in any::<i64>(),
        q in query(),
        col in any::<Index>(),
        desc in any::<bool>(),
        page in any::<usize>(),
    ) {
        fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Option<T> {
            serde_json::from_slice(&serde_json::to_vec(&v).unwrap()).ok()
        }
        use crate::backend::epmm as api;
        let rows: Vec<_> = devices.into_iter().filter_map(|(mut d, det)| { d["details"] = det; parse(d) }).map(api::devices::map_device).collect();
        pipeline(rows, &crate::domain::device::device_columns(), &q, &col, desc, page)?;
        let rows: Vec<_> = alerts.into_iter().filter_map(parse).map(api::alerts::map_alert).collect();
        pipeline(rows, &crate::domain::alert::alert_columns(), &q, &col, desc, page)?;
        let rows: Vec<_> = settings.into_iter().filter_map(parse).map(api::app_settings::map_setting).collect();
        pipeline(rows, &crate::domain::app_setting::app_setting_columns("Labels"), &q, &col, desc, page)?;
        let rows: Vec<_> = labels.into_iter().filter_map(parse).map(api::labels::map_label).collect();
        pipeline(rows, &crate::domain::group::group_columns(&api::labels::CAPS.fields), &q, &col, desc, page)?;
        let names = [(-1i64, "All-Smartphones".to_string())].into_iter().collect();
        let rows: Vec<_> = policies.into_iter().filter_map(parse).map(|p| api::policies::map_policy(p, &names)).collect();
        pipeline(rows, &crate::domain::policy::policy_columns("Labels"), &q, &col, desc, page)?;
        let rows: Vec<_> = users.into_iter().filter_map(parse).map(api::users::map_user).collect();
        pipeline(rows, &crate::domain::user::user_columns(), &q, &col, desc, page)?;
        let rows: Vec<_> = eas.into_iter().filter_map(|(d, g)| parse(d).map(|d| api::activesync::map_association(g, &d))).collect();
        pipeline(rows, &crate::domain::activesync::association_columns(), &q, &col, desc, page)?;
        let rows: Vec<_> = profiles.into_iter().filter_map(parse).map(api::profiles::map_profile).collect();
        pipeline(rows, &crate::domain::profile::profile_columns(), &q, &col, desc, page)?;
        let rows: Vec<_> = certs.into_iter().filter_map(parse).map(|c| api::certificates::map_certificate(c, now)).collect();
        pipeline(rows, &crate::domain::certificates::issued::certificate_columns(), &q, &col, desc, page)?;
    }
}

// ---------------------------------------------------------------------------------------------
// What these properties found, kept as plain tests.

#[test]
fn found_bugs_stay_fixed() {
    // `paginate` overflowed computing the end of a page for huge totals and sizes.
    let p = paginate(usize::MAX, 2, usize::MAX / 2 + 1);
    assert_eq!((p.page, p.end), (2, usize::MAX));
    // A row wider than the header was written half (no line end) and the rest dropped.
    let out = encode(&["A"], [vec![Cow::Borrowed("x"), Cow::Borrowed("y")]]);
    assert_eq!(out, "A\r\nx,y\r\n");
}
