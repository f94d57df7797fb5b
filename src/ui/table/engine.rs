//! The data-table engine behind every list screen: column definitions, search, sort and paging.
//!
//! Pure and browser-free, so it is tested natively and fast at 100,000 rows:
//! - search runs over a precomputed, lower-cased haystack per row (one string for the searchable
//!   columns), and a refined query only rescans the rows the previous query matched;
//! - sorting computes one ascending permutation per column and caches it; descending is the same
//!   permutation walked backwards, and filtering walks the permutation with a bitset;
//! - the view is a vector of row indices, never cloned rows; a page is a slice of it.

use std::cmp::Ordering;
use std::sync::Arc;

/// A sort key. Empty values sort after every real value in ascending order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Int(i64),
    Text(String),
    Empty,
}

impl SortKey {
    pub fn text(s: &str) -> SortKey {
        if s.trim().is_empty() {
            SortKey::Empty
        } else {
            SortKey::Text(s.to_lowercase())
        }
    }
    pub fn opt_int(v: Option<i64>) -> SortKey {
        v.map(SortKey::Int).unwrap_or(SortKey::Empty)
    }
}

/// How a cell is shown; the view decides the markup, the model only names the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    /// Right-aligned number.
    Number,
    /// A short state word shown as a badge.
    Badge,
    /// Monospace identifiers (UUIDs, MACs, serials).
    Code,
}

/// One column of a list screen.
pub struct Column<T> {
    /// Stable id, used in URLs, preferences and CSV column selection.
    pub id: &'static str,
    /// Header text; also the accessible name of the column header and the CSV header.
    pub title: &'static str,
    /// The cell text: shown, searched and exported.
    pub text: fn(&T) -> String,
    /// A typed sort key; `None` sorts by the lower-cased text.
    pub sort_key: Option<fn(&T) -> SortKey>,
    /// Shown by default.
    pub default_visible: bool,
    pub kind: CellKind,
    /// The cell links here (a route inside the portal).
    pub href: Option<fn(&T) -> String>,
    /// A point in time (epoch ms): shown and searched in the admin's time zone, sorted by time,
    /// exported as ISO 8601 UTC ([`Column::at`]).
    pub time: Option<fn(&T) -> Option<i64>>,
    /// Shown on hover (the cell's `title`): what the cell's text stands for, e.g. an id behind a
    /// name. Empty: none.
    pub hint: Option<fn(&T) -> String>,
}

impl<T> Column<T> {
    pub const fn new(id: &'static str, title: &'static str, text: fn(&T) -> String) -> Self {
        Column {
            id,
            title,
            text,
            sort_key: None,
            default_visible: true,
            kind: CellKind::Text,
            href: None,
            time: None,
            hint: None,
        }
    }
    pub const fn sort_by(mut self, key: fn(&T) -> SortKey) -> Self {
        self.sort_key = Some(key);
        self
    }
    pub const fn hidden(mut self) -> Self {
        self.default_visible = false;
        self
    }
    pub const fn kind(mut self, kind: CellKind) -> Self {
        self.kind = kind;
        self
    }
    pub const fn link(mut self, href: fn(&T) -> String) -> Self {
        self.href = Some(href);
        self
    }
    pub const fn hint(mut self, hint: fn(&T) -> String) -> Self {
        self.hint = Some(hint);
        self
    }
    /// A time column: the cell shows the time in the admin's zone (the exact UTC time on hover),
    /// search and sort follow it, and CSV has ISO 8601 UTC. `text` stays the UTC fallback.
    pub const fn at(mut self, time: fn(&T) -> Option<i64>) -> Self {
        self.time = Some(time);
        self
    }
    pub fn key_of(&self, row: &T) -> SortKey {
        match (self.sort_key, self.time) {
            (Some(f), _) => f(row),
            (None, Some(t)) => SortKey::opt_int(t(row)),
            (None, None) => SortKey::text(&(self.text)(row)),
        }
    }
    /// The cell as shown and searched.
    pub fn shown(&self, row: &T) -> String {
        match self.time {
            Some(t) => t(row).map(crate::dates::format_local).unwrap_or_default(),
            None => (self.text)(row),
        }
    }
    /// The cell in a CSV file.
    pub fn exported(&self, row: &T) -> String {
        match self.time {
            Some(t) => t(row).map(crate::dates::format_iso).unwrap_or_default(),
            None => (self.text)(row),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

impl SortDir {
    pub fn flip(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }
    pub fn aria(self) -> &'static str {
        match self {
            SortDir::Asc => "ascending",
            SortDir::Desc => "descending",
        }
    }
}

/// Separates column texts in a haystack so a search term never matches across two cells.
const CELL_SEPARATOR: char = '\u{1f}';

/// Lower-cased search text per row, for a fixed set of searchable columns.
#[derive(Debug, Default)]
pub struct SearchIndex {
    hay: Vec<Box<str>>,
}

impl SearchIndex {
    pub fn build<T>(rows: &[T], columns: &[&Column<T>]) -> SearchIndex {
        let mut buf = String::new();
        let hay = rows
            .iter()
            .map(|row| {
                buf.clear();
                for (i, c) in columns.iter().enumerate() {
                    if i > 0 {
                        buf.push(CELL_SEPARATOR);
                    }
                    push_lower(&mut buf, &c.shown(row));
                }
                Box::from(buf.as_str())
            })
            .collect();
        SearchIndex { hay }
    }

    pub fn len(&self) -> usize {
        self.hay.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hay.is_empty()
    }

    /// Rows matching every whitespace-separated term of `query` (case-insensitive substring).
    /// `None` when the query is blank (everything matches). When `previous` holds the matches of
    /// a query that this one refines (its terms are each contained in one of ours), only those
    /// rows are rescanned.
    pub fn search(&self, query: &str, previous: Option<&Matches>) -> Option<Matches> {
        let terms = terms(query);
        if terms.is_empty() {
            return None;
        }
        let test = |i: usize| {
            let h = &self.hay[i];
            terms.iter().all(|t| h.contains(t.as_str()))
        };
        let mut bits = Bitset::new(self.hay.len());
        match previous.filter(|p| p.refined_by(&terms) && p.bits.len == self.hay.len()) {
            Some(prev) => {
                for i in prev.bits.iter_ones() {
                    if test(i) {
                        bits.set(i);
                    }
                }
            }
            None => {
                for i in 0..self.hay.len() {
                    if test(i) {
                        bits.set(i);
                    }
                }
            }
        }
        Some(Matches {
            terms,
            bits,
            extended: false,
        })
    }
}

fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        buf.extend(s.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        buf.push_str(&s.to_lowercase());
    }
}

fn terms(query: &str) -> Vec<String> {
    let mut t: Vec<String> = query
        .split_whitespace()
        .map(|w| w.to_lowercase().replace(CELL_SEPARATOR, ""))
        .filter(|w| !w.is_empty())
        .collect();
    t.sort();
    t.dedup();
    t
}

/// The result of a search: which rows matched, and for which terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Matches {
    terms: Vec<String>,
    bits: Bitset,
    /// Rows were added that the terms do not match (see [`Matches::extend`]).
    extended: bool,
}

impl Matches {
    pub fn contains(&self, row: usize) -> bool {
        self.bits.get(row)
    }
    pub fn count(&self) -> usize {
        self.bits.count()
    }
    /// True when every row matching `new_terms` must also match our terms.
    fn refined_by(&self, new_terms: &[String]) -> bool {
        !self.extended
            && self
                .terms
                .iter()
                .all(|old| new_terms.iter().any(|new| new.contains(old.as_str())))
    }

    /// Adds rows found another way (e.g. a server lookup by label); out-of-range rows are ignored.
    pub fn extend(&mut self, rows: impl IntoIterator<Item = usize>) {
        for r in rows {
            if r < self.bits.len {
                self.bits.set(r);
                self.extended = true;
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    fn new(len: usize) -> Self {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }
    fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }
    fn get(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }
    fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
    fn iter_ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + b)
            })
        })
    }
}

/// All row indices sorted ascending by a column (stable: ties keep the data order).
pub fn sort_order<T>(rows: &[T], column: &Column<T>) -> Vec<u32> {
    let mut keyed: Vec<(SortKey, u32)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (column.key_of(r), i as u32))
        .collect();
    // Unstable sort (no merge buffer, faster) is stable here: the index breaks every tie.
    keyed.sort_unstable_by(|a, b| match a.0.cmp(&b.0) {
        Ordering::Equal => a.1.cmp(&b.1),
        o => o,
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The rows to show, in order: `order` (or data order when unsorted), reversed for descending,
/// keeping only `matches` (all rows when `None`).
pub fn view(
    len: usize,
    order: Option<&[u32]>,
    dir: SortDir,
    matches: Option<&Matches>,
) -> Vec<u32> {
    let keep = |i: &u32| matches.is_none_or(|m| m.contains(*i as usize));
    let cap = matches.map_or(len, |m| m.count());
    let mut out = Vec::with_capacity(cap);
    match (order, dir) {
        (Some(o), SortDir::Asc) => out.extend(o.iter().copied().filter(keep)),
        (Some(o), SortDir::Desc) => out.extend(o.iter().rev().copied().filter(keep)),
        (None, SortDir::Asc) => out.extend((0..len as u32).filter(keep)),
        (None, SortDir::Desc) => out.extend((0..len as u32).rev().filter(keep)),
    }
    out
}

/// Allowed page sizes ("Rows per page").
pub const PAGE_SIZES: [usize; 4] = [25, 50, 100, 250];

/// Where a page lies in the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// 1-based page number, clamped into range.
    pub page: usize,
    pub page_count: usize,
    /// Half-open range of view positions shown.
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

impl PageInfo {
    /// `Showing 26–50 of 2000` (N without thousands separators); `Showing 0–0 of 0` when empty.
    pub fn showing(&self) -> String {
        if self.total == 0 {
            "Showing 0–0 of 0".to_string()
        } else {
            format!("Showing {}–{} of {}", self.start + 1, self.end, self.total)
        }
    }
    pub fn is_first(&self) -> bool {
        self.page <= 1
    }
    pub fn is_last(&self) -> bool {
        self.page >= self.page_count
    }
}

/// Clamps `page` (1-based) into the view: a page beyond the end after filtering shows the last
/// page, page 0 shows the first.
pub fn paginate(total: usize, page: usize, page_size: usize) -> PageInfo {
    let size = page_size.max(1);
    let page_count = total.div_ceil(size).max(1);
    let page = page.clamp(1, page_count);
    let start = ((page - 1) * size).min(total);
    let end = start.saturating_add(size).min(total);
    PageInfo {
        page,
        page_count,
        start,
        end,
        total,
    }
}

/// The whole derived table, shared by the view: rows plus the ordered, filtered index list.
pub struct TableView<T> {
    pub rows: Arc<Vec<T>>,
    pub indices: Arc<Vec<u32>>,
}

impl<T> Clone for TableView<T> {
    fn clone(&self) -> Self {
        TableView {
            rows: self.rows.clone(),
            indices: self.indices.clone(),
        }
    }
}

impl<T> TableView<T> {
    pub fn len(&self) -> usize {
        self.indices.len()
    }
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
    /// The rows of the view, in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.indices.iter().map(move |&i| &self.rows[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct R {
        name: &'static str,
        n: Option<i64>,
    }

    fn cols() -> Vec<Column<R>> {
        vec![
            Column::new("name", "Name", |r: &R| r.name.to_string()),
            Column::new("n", "N", |r: &R| {
                r.n.map(|n| n.to_string()).unwrap_or_default()
            })
            .sort_by(|r: &R| SortKey::opt_int(r.n))
            .kind(CellKind::Number),
        ]
    }

    fn rows() -> Vec<R> {
        vec![
            R {
                name: "bravo",
                n: Some(10),
            },
            R {
                name: "Alpha",
                n: Some(9),
            },
            R {
                name: "charlie",
                n: None,
            },
            R {
                name: "alpha two",
                n: Some(100),
            },
        ]
    }

    fn names(rows: &[R], idx: &[u32]) -> Vec<&'static str> {
        idx.iter().map(|&i| rows[i as usize].name).collect()
    }

    #[test]
    fn sorts_text_case_insensitively_and_numbers_numerically() {
        let rows = rows();
        let cols = cols();
        let by_name = sort_order(&rows, &cols[0]);
        assert_eq!(
            names(&rows, &by_name),
            ["Alpha", "alpha two", "bravo", "charlie"]
        );
        let by_n = sort_order(&rows, &cols[1]);
        // 9 < 10 < 100 numerically (not "10" < "100" < "9"); empty last ascending.
        assert_eq!(
            names(&rows, &by_n),
            ["Alpha", "bravo", "alpha two", "charlie"]
        );
        let desc = view(rows.len(), Some(&by_n), SortDir::Desc, None);
        assert_eq!(
            names(&rows, &desc),
            ["charlie", "alpha two", "bravo", "Alpha"]
        );
    }

    #[test]
    fn sort_is_stable_for_ties() {
        let rows = vec![
            R {
                name: "x",
                n: Some(1),
            },
            R {
                name: "y",
                n: Some(1),
            },
            R {
                name: "z",
                n: Some(0),
            },
        ];
        let order = sort_order(&rows, &cols()[1]);
        assert_eq!(names(&rows, &order), ["z", "x", "y"]);
    }

    #[test]
    fn search_all_terms_over_given_columns() {
        let rows = rows();
        let cols = cols();
        let refs: Vec<&Column<R>> = cols.iter().collect();
        let idx = SearchIndex::build(&rows, &refs);
        assert!(idx.search("   ", None).is_none());
        let m = idx.search("ALPHA", None).unwrap();
        assert_eq!(m.count(), 2);
        let m2 = idx.search("alpha 100", None).unwrap();
        assert_eq!(
            names(&rows, &view(rows.len(), None, SortDir::Asc, Some(&m2))),
            ["alpha two"]
        );
        // Terms never match across two cells: "two100" spans name and n.
        assert_eq!(idx.search("two100", None).unwrap().count(), 0);
        // Only the name column searched: numbers are not found.
        let name_only = SearchIndex::build(&rows, &refs[..1]);
        assert_eq!(name_only.search("100", None).unwrap().count(), 0);
    }

    #[test]
    fn refined_search_equals_full_search() {
        let rows: Vec<R> = (0..500)
            .map(|i| R {
                name: Box::leak(format!("dev{i}-{}", i % 7).into_boxed_str()),
                n: Some(i),
            })
            .collect();
        let cols = cols();
        let refs: Vec<&Column<R>> = cols.iter().collect();
        let idx = SearchIndex::build(&rows, &refs);
        let a = idx.search("dev1", None).unwrap();
        let refined = idx.search("dev12", Some(&a)).unwrap();
        let full = idx.search("dev12", None).unwrap();
        assert_eq!(refined, full);
        // Not a refinement (a different term): full rescan gives the right answer too.
        let other = idx.search("-3", Some(&a)).unwrap();
        assert_eq!(other, idx.search("-3", None).unwrap());
        assert_eq!(other.count(), (0..500).filter(|i| i % 7 == 3).count());
    }

    #[test]
    fn extended_matches_are_not_reused_for_refinement() {
        let rows = rows();
        let cols = cols();
        let refs: Vec<&Column<R>> = cols.iter().collect();
        let idx = SearchIndex::build(&rows, &refs);
        let mut m = idx.search("alpha", None).unwrap();
        m.extend([2, 99]);
        assert_eq!(m.count(), 3);
        assert!(m.contains(2));
        // "alpha two" refines "alpha", but row 2 came from elsewhere: a full rescan drops it.
        let refined = idx.search("alpha two", Some(&m)).unwrap();
        assert_eq!(refined, idx.search("alpha two", None).unwrap());
        assert!(!refined.contains(2));
    }

    #[test]
    fn paging_edge_cases() {
        // Empty.
        let p = paginate(0, 1, 25);
        assert_eq!((p.page, p.page_count, p.start, p.end), (1, 1, 0, 0));
        assert_eq!(p.showing(), "Showing 0–0 of 0");
        assert!(p.is_first() && p.is_last());
        // One row.
        let p = paginate(1, 1, 25);
        assert_eq!(p.showing(), "Showing 1–1 of 1");
        // Last partial page.
        let p = paginate(2000, 80, 25);
        assert_eq!(p.showing(), "Showing 1976–2000 of 2000");
        let p = paginate(60, 3, 25);
        assert_eq!((p.start, p.end, p.page_count), (50, 60, 3));
        assert!(p.is_last());
        // Page beyond the end after filtering: clamps to the last page.
        let p = paginate(30, 9, 25);
        assert_eq!((p.page, p.start, p.end), (2, 25, 30));
        // Page 0 is the first page.
        assert_eq!(paginate(30, 0, 25).page, 1);
    }

    #[test]
    fn view_without_sort_keeps_data_order() {
        let rows = rows();
        let v = view(rows.len(), None, SortDir::Asc, None);
        assert_eq!(v, [0, 1, 2, 3]);
        let tv = TableView {
            rows: Arc::new(rows),
            indices: Arc::new(vec![2, 0]),
        };
        assert_eq!(
            tv.iter().map(|r| r.name).collect::<Vec<_>>(),
            ["charlie", "bravo"]
        );
    }
}
