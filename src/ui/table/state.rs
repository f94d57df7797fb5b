//! The state of a data table: its view (search, sort, page, page size, columns) kept in a local
//! signal and mirrored to the URL query, the saved column choice, and the derived data (search
//! index, matches, sort orders, the current page), over the browser-free engine
//! ([`super::engine`]). The markup ([`super::data_table`]) only reads and changes this.

use super::data_table::{AlsoMatch, Rows, Shared};
use super::selection::Selection;
use crate::context::ConfigCtx;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::csv;
use crate::ui::table::engine::{
    paginate, sort_order, view, Column, Matches, PageInfo, SearchIndex, SortDir, TableView,
};
use crate::ui::table::view_state::ViewState;
use crate::url::parse_query;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

type Data<T> = Option<(u64, Shared<Vec<T>>)>;
type Found = Option<(Shared<SearchIndex>, Option<Shared<Matches>>)>;
type OrderCache = (u64, HashMap<&'static str, Arc<Vec<u32>>>);
type UpdateFn = Arc<dyn Fn(&dyn Fn(&mut ViewState)) + Send + Sync>;

/// URL keys owned by the table.
const KEYS: [&str; 6] = ["q", "sort", "dir", "page", "size", "cols"];
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);

/// Downloads the CSV: (the screen's filter, for Excel).
type DownloadFn = Arc<dyn Fn(&str, bool) + Send + Sync>;

/// A table's state and what is derived from it; `Copy`, like the signals it holds.
pub struct TableState<T: Send + Sync + 'static> {
    /// The view (search text, sort, page, page size, chosen columns).
    pub view: RwSignal<ViewState>,
    /// The ids of the shown columns, in order.
    pub visible: Memo<Vec<&'static str>>,
    /// The rows with a generation number that changes when the rows do.
    pub data: Memo<Data<T>>,
    pub sort_spec: Memo<Option<(String, SortDir)>>,
    /// The rows matching the search, in the sorted order.
    pub table_view: Memo<Option<Shared<TableView<T>>>>,
    pub page_info: Memo<PageInfo>,
    /// (generation, row index) of the rows on the current page.
    pub page_rows: Memo<Vec<(u64, u32)>>,
    update: StoredValue<UpdateFn>,
    search: StoredValue<Arc<dyn Fn(String) + Send + Sync>>,
    set_columns: Callback<Option<Vec<&'static str>>>,
    download: StoredValue<DownloadFn>,
}

impl<T: Send + Sync + 'static> Clone for TableState<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for TableState<T> {}

impl<T: Send + Sync + 'static> TableState<T> {
    /// `name` is the CSV file prefix and the key of the saved column choice; `url_prefix` the
    /// prefix of this table's URL keys (a screen with several tables); `arriving` is true while
    /// `rows` holds the rows so far of a list still arriving.
    pub fn new(
        name: &'static str,
        columns: Arc<Vec<Column<T>>>,
        rows: Signal<Rows<T>>,
        url_prefix: &'static str,
        selection: Option<Selection<T>>,
        also_match: Option<AlsoMatch<T>>,
        arriving: Signal<bool>,
    ) -> Self {
        let config = expect_context::<ConfigCtx>();
        let default_size = config.0.default_page_size;
        let known: Arc<Vec<&'static str>> = Arc::new(columns.iter().map(|c| c.id).collect());
        // Column choices are the signed-in user's own, not everyone's on this browser.
        let pref_key =
            super::saved_views::pref_key("columns", &super::saved_views::signed_in_user(), name);

        // ---- view state: local signal, mirrored to the URL ----
        let location = use_location();
        let nav = QueryNav::new();
        let url_pairs = move || {
            let all = parse_query(&location.search.get());
            all.into_iter()
                .filter_map(|(k, v)| k.strip_prefix(url_prefix).map(|k| (k.to_string(), v)))
                .filter(|(k, _)| KEYS.contains(&k.as_str()))
                .collect::<Vec<_>>()
        };
        let known2 = known.clone();
        let initial = ViewState::from_query(&url_pairs(), &known2, default_size);
        let state = RwSignal::new(initial);
        let last_written = StoredValue::new(url_pairs());
        // A URL write not yet done (typing, or a change just made): the URL is not adopted meanwhile.
        let pending_write: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

        // Back/forward and followed links: adopt a URL this table did not write.
        let known3 = known.clone();
        Effect::new(move |_| {
            let pairs = url_pairs();
            if pairs != last_written.get_value() && pending_write.get_value().is_none() {
                last_written.set_value(pairs.clone());
                state.set(ViewState::from_query(&pairs, &known3, default_size));
            }
        });

        let write_url = {
            let nav = nav.clone();
            move |replace: bool| {
                let vs = state.get_untracked();
                let mine: Vec<(String, String)> = vs
                    .to_query(default_size)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect();
                last_written.set_value(mine.clone());
                nav.edit(replace, |all| {
                    all.retain(|(k, _)| {
                        !k.strip_prefix(url_prefix)
                            .is_some_and(|k| KEYS.contains(&k))
                    });
                    all.extend(
                        mine.into_iter()
                            .map(|(k, v)| (format!("{url_prefix}{k}"), v)),
                    );
                });
            }
        };
        let cancel_pending = move || {
            if let Some(h) = pending_write.try_get_value().flatten() {
                h.clear();
                pending_write.set_value(None);
            }
        };
        // Writes the URL after `delay`, in a task of its own: the table is redrawn first. A new
        // history entry costs Chromium 2–3 ms, and the router's location change as much again,
        // which a page change would otherwise wait for (bench/NOTES.md, "Page change").
        let write_later = move |replace: bool, delay: Duration| {
            cancel_pending();
            let write_url = write_url.clone();
            let h = set_timeout_with_handle(
                move || {
                    pending_write.set_value(None);
                    write_url(replace);
                },
                delay,
            )
            .ok();
            pending_write.set_value(h);
        };
        // Any change other than typing: applied at once, one history entry.
        let update = {
            let write_later = write_later.clone();
            move |f: &dyn Fn(&mut ViewState)| {
                state.update(|s| f(s));
                write_later(false, Duration::ZERO);
            }
        };
        let update = StoredValue::new(Arc::new(update) as UpdateFn);
        // Typing: applied at once, written to the URL (replacing) after a pause.
        let on_search = move |text: String| {
            state.update(|s| {
                s.search = text;
                s.page = 1;
            });
            write_later(true, SEARCH_DEBOUNCE);
        };
        on_cleanup(cancel_pending);

        // ---- columns ----
        let default_cols: Vec<&'static str> = columns
            .iter()
            .filter(|c| c.default_visible)
            .map(|c| c.id)
            .collect();
        let saved_cols: Option<Vec<String>> = crate::browser::local_storage::get(&pref_key)
            .map(|s| s.split(',').map(str::to_string).collect());
        let saved_cols = StoredValue::new(saved_cols);
        let known4 = known.clone();
        let visible = Memo::new(move |_| {
            let chosen = state
                .with(|s| s.columns.clone())
                .or_else(|| saved_cols.get_value());
            let ids: Vec<&'static str> = match chosen {
                Some(list) => list
                    .iter()
                    .filter_map(|id| known4.iter().find(|k| **k == id.as_str()).copied())
                    .collect(),
                None => default_cols.clone(),
            };
            if ids.is_empty() {
                default_cols.clone()
            } else {
                ids
            }
        });
        let pref_key2 = pref_key.clone();
        let on_columns = Callback::new(move |cols: Option<Vec<&'static str>>| {
            match &cols {
                Some(c) => crate::browser::local_storage::set(&pref_key2, &c.join(",")),
                None => crate::browser::local_storage::remove(&pref_key2),
            }
            saved_cols.set_value(
                cols.as_ref()
                    .map(|c| c.iter().map(|s| s.to_string()).collect()),
            );
            let f = move |s: &mut ViewState| {
                s.columns = cols
                    .as_ref()
                    .map(|c| c.iter().map(|s| s.to_string()).collect())
            };
            (update.get_value())(&f);
        });

        // ---- derived data ----
        let generation = StoredValue::new(0u64);
        let data = Memo::new(move |prev: Option<&Data<T>>| {
            let current = rows.with(|r| match r {
                Some(Ok(v)) => Some(v.clone()),
                _ => None,
            })?;
            if let Some(Some((g, old))) = prev {
                if Arc::ptr_eq(&old.0, &current) {
                    return Some((*g, old.clone()));
                }
            }
            let g = generation.get_value() + 1;
            generation.set_value(g);
            Some((g, Shared(current)))
        });
        let cols_for_index = columns.clone();
        let index = Memo::new(move |_| {
            let (g, d) = data.get()?;
            let ids = visible.get();
            let cols: Vec<&Column<T>> = ids
                .iter()
                .filter_map(|id| cols_for_index.iter().find(|c| c.id == *id))
                .collect();
            Some((g, Shared(Arc::new(SearchIndex::build(&d.0, &cols)))))
        });
        // The index is built when first needed, not before the first page is shown: right after it
        // (below), or by the first search if that comes sooner. Not for the rows so far of a list
        // still arriving: at 100,000 devices those are seven ever larger lists, and indexing each
        // in the pauses of the reading took 15% of the main thread's time until the list was in.
        let generation_indexed = StoredValue::new(0u64);
        Effect::new(move |_| {
            let Some(g) = data.with(|d| d.as_ref().map(|(g, _)| *g)) else {
                return;
            };
            if arriving.get() {
                return;
            }
            if generation_indexed.get_value() == g {
                return;
            }
            generation_indexed.set_value(g);
            set_timeout(
                move || {
                    let _ = index.try_with_untracked(|_| ());
                },
                Duration::from_millis(30),
            );
        });
        let search_text = Memo::new(move |_| state.with(|s| s.search.clone()));
        let matches = Memo::new(move |prev: Option<&Found>| {
            let q = search_text.get();
            // A blank search matches everything: no index needed.
            q.split_whitespace().next()?;
            let (_, idx) = index.get()?;
            let previous = match prev {
                Some(Some((old_idx, Some(m)))) if *old_idx == idx => Some(m.0.clone()),
                _ => None,
            };
            let mut m = idx.0.search(&q, previous.as_deref());
            if let (Some(found), Some(also)) = (m.as_mut(), also_match.as_ref()) {
                if let (Some(keys), Some((_, d))) = (also.keys.get(), data.get_untracked()) {
                    let key = also.key;
                    found.extend(
                        d.0.iter()
                            .enumerate()
                            .filter(|(_, r)| keys.contains(&key(r)))
                            .map(|(i, _)| i),
                    );
                }
            }
            Some((idx, m.map(|m| Shared(Arc::new(m)))))
        });
        let sort_spec = Memo::new(move |_| state.with(|s| s.sort.clone()));
        let orders: StoredValue<OrderCache> = StoredValue::new((0, HashMap::new()));
        let cols_for_sort = columns.clone();
        let table_view = Memo::new(move |_| {
            let (g, d) = data.get()?;
            let m = matches.with(|m| m.as_ref().and_then(|(_, m)| m.clone()));
            let (order, dir) = match sort_spec.get() {
                Some((col_id, dir)) => match cols_for_sort.iter().find(|c| c.id == col_id) {
                    Some(col) => {
                        let cached = orders.with_value(|(og, map)| {
                            (*og == g).then(|| map.get(col.id).cloned()).flatten()
                        });
                        let order = cached.unwrap_or_else(|| {
                            let o = Arc::new(sort_order(&d.0, col));
                            orders.update_value(|(og, map)| {
                                if *og != g {
                                    map.clear();
                                    *og = g;
                                }
                                map.insert(col.id, o.clone());
                            });
                            o
                        });
                        (Some(order), dir)
                    }
                    None => (None, SortDir::Asc),
                },
                None => (None, SortDir::Asc),
            };
            let idx = view(
                d.0.len(),
                order.as_deref().map(|v| v.as_slice()),
                dir,
                m.as_ref().map(|m| &*m.0),
            );
            Some(Shared(Arc::new(TableView {
                rows: d.0.clone(),
                indices: Arc::new(idx),
            })))
        });
        if let Some(sel) = selection {
            // The selection sees the view. A changed filter, or a list loaded from scratch (a new
            // query: no data for a while), drops the selection, told while the selection still sees
            // the view it was made on. New data for the same list (rows still arriving, or the
            // list loaded again after an action) keeps the checked rows that are still listed.
            let last_scope = StoredValue::new(None::<(u64, String)>);
            Effect::new(move |_| {
                let v = table_view.get();
                let scope = data
                    .with(|d| d.as_ref().map(|(g, _)| *g))
                    .map(|g| (g, search_text.get()));
                let before = last_scope.get_value();
                match (&before, &scope, &v) {
                    (Some((g0, s0)), Some((g1, s1)), Some(now)) if s0 == s1 && g0 != g1 => {
                        sel.data_changed(&now.0)
                    }
                    _ if before.is_some() && before != scope => sel.filter_changed(),
                    _ => {}
                }
                last_scope.set_value(scope);
                sel.view.set(v);
            });
        }
        let page_info = Memo::new(move |_| {
            let total = table_view.with(|v| v.as_ref().map_or(0, |v| v.0.len()));
            let (page, size) = state.with(|s| (s.page, s.page_size));
            paginate(total, page, size)
        });
        let page_rows = Memo::new(move |_| {
            let Some((g, _)) = data.get() else {
                return Vec::new();
            };
            let info = page_info.get();
            table_view.with(|v| match v {
                Some(v) => v.0.indices[info.start..info.end]
                    .iter()
                    .map(|&i| (g, i))
                    .collect::<Vec<_>>(),
                None => Vec::new(),
            })
        });

        // ---- CSV ----
        let cols_for_csv = columns.clone();
        let download = move |filter: &str, excel: bool| {
            let Some(v) = table_view.get_untracked() else {
                return;
            };
            let ids = visible.get_untracked();
            let cols: Vec<&Column<T>> = ids
                .iter()
                .filter_map(|id| cols_for_csv.iter().find(|c| c.id == *id))
                .collect();
            let text = csv::for_excel(csv::table_csv(&v.0, &cols), excel);
            let search = state.with_untracked(|s| s.search.clone());
            let file = csv::file_name(name, &[filter, &search], &crate::browser::today_iso());
            if let Err(e) = crate::browser::download_text(&file, "text/csv;charset=utf-8", &text) {
                crate::ui::toast::error(e);
            }
        };

        TableState {
            view: state,
            visible,
            data,
            sort_spec,
            table_view,
            page_info,
            page_rows,
            update,
            search: StoredValue::new(Arc::new(on_search)),
            set_columns: on_columns,
            download: StoredValue::new(Arc::new(download)),
        }
    }

    /// Changes the view at once (one history entry).
    pub fn update(&self, f: &dyn Fn(&mut ViewState)) {
        (self.update.get_value())(f);
    }

    /// The search text as typed: applied at once, written to the URL after a pause.
    pub fn search(&self, text: String) {
        (self.search.get_value())(text);
    }

    /// The chosen columns (`None`: the defaults), saved for this browser.
    pub fn set_columns(&self) -> Callback<Option<Vec<&'static str>>> {
        self.set_columns
    }

    /// Downloads every matching row, in the current order, with the shown columns, as CSV; the
    /// file is named after the screen's `filter` (e.g. the status), the search and the date, and
    /// `for_excel` puts the byte order mark in front.
    pub fn download_csv(&self, filter: &str, for_excel: bool) {
        (self.download.get_value())(filter, for_excel);
    }
}
