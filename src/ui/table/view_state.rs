//! The state of a list view as it lives in the URL query, so that reloads, shared links and the
//! browser's back/forward restore the exact view.
//!
//! Keys: `q` (search), `sort` (column id), `dir` (`asc`/`desc`), `page` (1-based), `size` (rows per
//! page), `cols` (visible column ids, in order, comma-separated). Screens add their own filter keys
//! (e.g. `status`). Defaults are left out of the URL; unknown or invalid values fall back to defaults.

use super::engine::{SortDir, PAGE_SIZES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub search: String,
    pub sort: Option<(String, SortDir)>,
    pub page: usize,
    pub page_size: usize,
    /// Visible columns in order; `None` = the user's saved choice or the defaults.
    pub columns: Option<Vec<String>>,
}

impl ViewState {
    pub fn new(default_page_size: usize) -> Self {
        ViewState {
            search: String::new(),
            sort: None,
            page: 1,
            page_size: normalise_page_size(default_page_size),
            columns: None,
        }
    }

    /// Reads the view from query pairs. `known_columns` validates `sort` and `cols`.
    pub fn from_query(
        pairs: &[(String, String)],
        known_columns: &[&str],
        default_page_size: usize,
    ) -> Self {
        let mut v = ViewState::new(default_page_size);
        let get = |k: &str| {
            pairs
                .iter()
                .rev()
                .find(|(key, _)| key == k)
                .map(|(_, val)| val.as_str())
        };
        if let Some(q) = get("q") {
            v.search = q.to_string();
        }
        if let Some(col) = get("sort").filter(|c| known_columns.contains(c)) {
            let dir = if get("dir") == Some("desc") {
                SortDir::Desc
            } else {
                SortDir::Asc
            };
            v.sort = Some((col.to_string(), dir));
        }
        if let Some(p) = get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|&p| p >= 1)
        {
            v.page = p;
        }
        if let Some(s) = get("size")
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|s| PAGE_SIZES.contains(s))
        {
            v.page_size = s;
        }
        if let Some(cols) = get("cols") {
            let mut list: Vec<String> = Vec::new();
            for c in cols.split(',').map(str::trim) {
                if known_columns.contains(&c) && !list.iter().any(|x| x == c) {
                    list.push(c.to_string());
                }
            }
            if !list.is_empty() {
                v.columns = Some(list);
            }
        }
        v
    }

    /// The query pairs for this view, leaving defaults out.
    pub fn to_query(&self, default_page_size: usize) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.search.is_empty() {
            out.push(("q", self.search.clone()));
        }
        if let Some((col, dir)) = &self.sort {
            out.push(("sort", col.clone()));
            if *dir == SortDir::Desc {
                out.push(("dir", "desc".to_string()));
            }
        }
        if self.page > 1 {
            out.push(("page", self.page.to_string()));
        }
        if self.page_size != normalise_page_size(default_page_size) {
            out.push(("size", self.page_size.to_string()));
        }
        if let Some(cols) = &self.columns {
            out.push(("cols", cols.join(",")));
        }
        out
    }

    /// Clicking a header: a new column sorts ascending, the same column flips direction.
    pub fn toggle_sort(&mut self, column: &str) {
        self.sort = match &self.sort {
            Some((c, dir)) if c == column => Some((c.clone(), dir.flip())),
            _ => Some((column.to_string(), SortDir::Asc)),
        };
        self.page = 1;
    }
}

/// A configured default that is not an allowed page size snaps to the nearest allowed one.
pub fn normalise_page_size(n: usize) -> usize {
    *PAGE_SIZES
        .iter()
        .min_by_key(|&&s| s.abs_diff(n))
        .unwrap_or(&PAGE_SIZES[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        crate::url::parse_query(q)
    }

    const COLS: &[&str] = &["name", "user", "status"];

    #[test]
    fn defaults_when_empty_or_invalid() {
        let v = ViewState::from_query(&pairs("page=0&size=33&sort=nope&cols=zzz"), COLS, 25);
        assert_eq!(v, ViewState::new(25));
        assert!(v.to_query(25).is_empty());
    }

    #[test]
    fn round_trip() {
        let v = ViewState::from_query(
            &pairs("q=pixel%208&sort=user&dir=desc&page=3&size=100&cols=status,name,status"),
            COLS,
            25,
        );
        assert_eq!(v.search, "pixel 8");
        assert_eq!(v.sort, Some(("user".into(), SortDir::Desc)));
        assert_eq!((v.page, v.page_size), (3, 100));
        assert_eq!(
            v.columns,
            Some(vec!["status".to_string(), "name".to_string()])
        );
        let q = v.to_query(25);
        let back: Vec<(String, String)> = q.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(ViewState::from_query(&back, COLS, 25), v);
    }

    #[test]
    fn toggle_sort_flips_and_resets_page() {
        let mut v = ViewState::new(25);
        v.page = 4;
        v.toggle_sort("name");
        assert_eq!(v.sort, Some(("name".into(), SortDir::Asc)));
        assert_eq!(v.page, 1);
        v.toggle_sort("name");
        assert_eq!(v.sort, Some(("name".into(), SortDir::Desc)));
        v.toggle_sort("user");
        assert_eq!(v.sort, Some(("user".into(), SortDir::Asc)));
    }

    #[test]
    fn page_size_snaps() {
        assert_eq!(normalise_page_size(30), 25);
        assert_eq!(normalise_page_size(60), 50);
        assert_eq!(normalise_page_size(1000), 250);
    }
}
