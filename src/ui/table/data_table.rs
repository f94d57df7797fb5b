//! The one generic data table behind every list screen: search, sort, paging, column chooser and
//! CSV download over rows held in the browser, with the view kept in the URL.
//!
//! A screen gives it a column list and a row signal; everything else is here. Only the rows of the
//! current page are in the DOM; the derived view is a vector of row indices (see `model::table`).

use super::column_chooser::ColumnChooser;
use super::pager::Pager;
use super::selection::Selection;
use crate::backend::error::ApiError;
use crate::context::ConfigCtx;
use crate::ui::link::A;
use crate::ui::loader::LoadProgress;
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use crate::ui::table::csv;
use crate::ui::table::engine::{
    paginate, sort_order, view, CellKind, Column, Matches, SearchIndex, SortDir, TableView,
};
use crate::ui::table::view_state::ViewState;
use crate::url::parse_query;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// Rows as loaded: `None` while loading.
pub type Rows<T> = Option<Result<Arc<Vec<T>>, ApiError>>;

/// Compares by identity: derived values are recomputed only when their inputs really change.
pub struct Shared<T>(pub Arc<T>);
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

type Data<T> = Option<(u64, Shared<Vec<T>>)>;
type Found = Option<(Shared<SearchIndex>, Option<Shared<Matches>>)>;
type OrderCache = (u64, HashMap<&'static str, Arc<Vec<u32>>>);

/// Rows that also match the search although no visible cell contains it (found by a server
/// lookup, e.g. the members of a label): the rows whose `key` is in `keys`.
pub struct AlsoMatch<T> {
    pub key: fn(&T) -> String,
    pub keys: Signal<Option<Arc<HashSet<String>>>>,
}

/// URL keys owned by the table.
const KEYS: [&str; 6] = ["q", "sort", "dir", "page", "size", "cols"];
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn DataTable<T>(
    /// Short id: CSV file prefix and the key of the saved column choice (`devices`).
    name: &'static str,
    /// Accessible name of the table (`Devices`).
    caption: &'static str,
    /// Plural noun for messages (`devices`).
    noun: &'static str,
    columns: Arc<Vec<Column<T>>>,
    rows: Signal<Rows<T>>,
    on_retry: Callback<()>,
    /// Shown when the data set itself is empty (not because of the search).
    #[prop(into)]
    empty: Signal<String>,
    /// Screen-specific filters shown before the search box.
    #[prop(optional)]
    children: Option<Children>,
    /// Row selection (a checkbox column and a selection bar) for bulk actions.
    #[prop(optional)]
    selection: Option<Selection<T>>,
    /// Actions on the selection, shown in the selection bar.
    #[prop(optional, into)]
    bulk: Option<ViewFn>,
    /// Prefix of the URL keys, for a screen with more than one table (`p.` → `p.q`, `p.sort`).
    #[prop(optional)]
    url_prefix: &'static str,
    /// Rows to count as matching the search besides the text matches.
    #[prop(default = None)]
    also_match: Option<AlsoMatch<T>>,
    /// How far a long list has come while it arrives (its rows so far are in `rows`).
    #[prop(optional, into)]
    progress: Option<Signal<Option<LoadProgress>>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let config = expect_context::<ConfigCtx>();
    let default_size = config.0.default_page_size;
    let known: Arc<Vec<&'static str>> = Arc::new(columns.iter().map(|c| c.id).collect());
    let pref_key = format!("mdm-portal.columns.{name}");

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
    let pending_search: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    // Back/forward and followed links: adopt a URL this table did not write.
    let known3 = known.clone();
    Effect::new(move |_| {
        let pairs = url_pairs();
        if pairs != last_written.get_value() && pending_search.get_value().is_none() {
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
        if let Some(h) = pending_search.try_get_value().flatten() {
            h.clear();
            pending_search.set_value(None);
        }
    };
    // Any change other than typing: applied at once, one history entry.
    let update = {
        let write_url = write_url.clone();
        move |f: &dyn Fn(&mut ViewState)| {
            cancel_pending();
            state.update(|s| f(s));
            write_url(false);
        }
    };
    let update =
        StoredValue::new(Arc::new(update) as Arc<dyn Fn(&dyn Fn(&mut ViewState)) + Send + Sync>);
    let on_search = {
        let write_url = write_url.clone();
        move |text: String| {
            state.update(|s| {
                s.search = text;
                s.page = 1;
            });
            cancel_pending();
            let write_url = write_url.clone();
            let h = set_timeout_with_handle(
                move || {
                    pending_search.set_value(None);
                    write_url(true);
                },
                SEARCH_DEBOUNCE,
            )
            .ok();
            pending_search.set_value(h);
        }
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
    // (below), or by the first search if that comes sooner.
    let generation_indexed = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(g) = data.with(|d| d.as_ref().map(|(g, _)| *g)) else {
            return;
        };
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
        // The selection sees the view; a changed filter or data set drops the selection (told
        // while the selection still sees the view it was made on).
        let last_scope = StoredValue::new(None::<(u64, String)>);
        Effect::new(move |_| {
            let v = table_view.get();
            let scope = data
                .with(|d| d.as_ref().map(|(g, _)| *g))
                .map(|g| (g, search_text.get()));
            // Data being loaded again (no scope) is a change too, told while the old view is
            // still there to count.
            let before = last_scope.get_value();
            if before.is_some() && before != scope {
                sel.filter_changed();
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
    let download = move |_| {
        let Some(v) = table_view.get_untracked() else {
            return;
        };
        let ids = visible.get_untracked();
        let cols: Vec<&Column<T>> = ids
            .iter()
            .filter_map(|id| cols_for_csv.iter().find(|c| c.id == *id))
            .collect();
        let text = csv::table_csv(&v.0, &cols);
        let file = csv::file_name(name, &crate::browser::today_iso());
        if let Err(e) = crate::browser::download_text(&file, "text/csv;charset=utf-8", &text) {
            crate::ui::toast::error(e);
        }
    };

    // ---- view ----
    let cols_for_head = columns.clone();
    let cols_for_rows = columns.clone();
    let cols_for_chooser = columns.clone();
    let col_count = move || visible.with(|v| v.len()) + usize::from(selection.is_some());
    // Keys and labels of the rows on this page, for "select this page".
    let page_keys = move || -> Vec<String> {
        let (Some(sel), Some((_, d))) = (selection, data.get_untracked()) else {
            return Vec::new();
        };
        page_rows
            .get_untracked()
            .iter()
            .filter_map(|(_, i)| d.0.get(*i as usize))
            .map(|r| (sel.key)(r))
            .collect()
    };
    let page_all_selected = move || {
        let Some(sel) = selection else { return false };
        let rows = page_rows.get();
        let Some((_, d)) = data.get() else {
            return false;
        };
        !rows.is_empty()
            && rows
                .iter()
                .filter_map(|(_, i)| d.0.get(*i as usize))
                .all(|r| sel.is_selected(&(sel.key)(r)))
    };
    let arriving = move || progress.and_then(|p| p.get());
    let loading = move || rows.with(|r| r.is_none()) || arriving().is_some();
    let loading_text = move || match arriving() {
        Some(LoadProgress {
            loaded,
            total: Some(t),
        }) => {
            format!(
                "Loading {} of {} {noun}…",
                thousands(loaded),
                thousands(t.max(loaded))
            )
        }
        Some(LoadProgress {
            loaded,
            total: None,
        }) => {
            format!("Loading {noun}: {} so far…", thousands(loaded))
        }
        None => format!("Loading {noun}…"),
    };
    let partial_note = move || {
        arriving().filter(|p| p.loaded > 0).map(|_| {
            format!(
                "Search, sort and CSV cover the {noun} loaded so far until the list is complete."
            )
        })
    };
    let error = move || rows.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()));
    let total_rows = move || data.with(|d| d.as_ref().map_or(0, |(_, d)| d.0.len()));
    let typed = move || state.with(|s| s.search.clone());

    view! {
        <section class="data-table" aria-busy=move || loading().to_string()>
            <div class="toolbar">
                {children.map(|c| c())}
                <label class="search">
                    <span>"Search"</span>
                    <input
                        type="search"
                        placeholder=format!("Search {noun}")
                        autocomplete="off"
                        prop:value=typed
                        on:input:target=move |ev| on_search(ev.target().value())
                    />
                </label>
                <ColumnChooser
                    columns=cols_for_chooser
                    visible=visible
                    on_change=on_columns
                />
                <button type="button" class="button" on:click=download disabled=move || table_view.with(|v| v.is_none())>
                    "Download CSV"
                </button>
            </div>
            {selection.map(|sel| view! { <SelectionBar selection=sel noun=noun bulk=bulk.clone()/> })}
            <Show when=loading>
                <p class="state loading" role="status">{loading_text}</p>
                {move || partial_note().map(|n| view! { <p class="muted">{n}</p> })}
            </Show>
            {move || error().map(|e| view! {
                <RetryAlert message={e.message()} on_retry=on_retry/>
            })}
            <div class="table-scroll">
                <table aria-label=caption>
                    <thead>
                        <tr>
                            {selection.map(|_| view! {
                                <th scope="col" class="select">
                                    <input type="checkbox" aria-label="Select all on this page"
                                        prop:checked=page_all_selected
                                        on:change:target=move |ev| {
                                            if let Some(sel) = selection {
                                                sel.set_many(page_keys(), ev.target().checked());
                                            }
                                        }/>
                                </th>
                            })}
                            <For each=move || visible.get() key=|id| *id let:id>
                                {
                                    let title = cols_for_head.iter().find(|c| c.id == id).map_or("", |c| c.title);
                                    let numeric = cols_for_head.iter().find(|c| c.id == id).is_some_and(|c| c.kind == CellKind::Number);
                                    let dir = move || sort_spec.with(|s| s.as_ref().filter(|(c, _)| c == id).map(|(_, d)| *d));
                                    view! {
                                        <th scope="col" class:num=numeric aria-sort=move || dir().map_or("none", |d| d.aria())>
                                            <button type="button" class="sort" on:click=move |_| {
                                                let f = move |s: &mut ViewState| s.toggle_sort(id);
                                                (update.get_value())(&f);
                                            }>
                                                {title}
                                                <span class="sort-indicator" aria-hidden="true">
                                                    {move || match dir() { Some(SortDir::Asc) => "▲", Some(SortDir::Desc) => "▼", None => "" }}
                                                </span>
                                            </button>
                                        </th>
                                    }
                                }
                            </For>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || page_rows.get()
                            key=|k| *k
                            children=move |(_, i)| {
                                let cols = cols_for_rows.clone();
                                let row_data = data.get_untracked().map(|(_, d)| d.0);
                                let select_cell = selection.zip(row_data.as_ref().and_then(|d| d.get(i as usize))).map(|(sel, row)| {
                                    let key = (sel.key)(row);
                                    let label = format!("Select {}", (sel.label)(row));
                                    let key2 = key.clone();
                                    view! {
                                        <td class="select">
                                            <input type="checkbox" aria-label=label
                                                prop:checked=move || sel.is_selected(&key)
                                                on:change:target=move |ev| sel.set(key2.clone(), ev.target().checked())/>
                                        </td>
                                    }
                                });
                                view! {
                                    <tr>
                                        {select_cell}
                                        {move || {
                                            let Some(all) = row_data.clone() else { return Vec::new() };
                                            let Some(row) = all.get(i as usize) else { return Vec::new() };
                                            visible.get().into_iter().filter_map(|id| cols.iter().find(|c| c.id == id)).map(|c| cell(c, row)).collect::<Vec<_>>()
                                        }}
                                    </tr>
                                }
                            }
                        />
                        <Show when=move || !loading() && error().is_none() && page_info.with(|p| p.total == 0)>
                            <tr class="empty">
                                <td colspan=col_count>
                                    {move || if total_rows() == 0 {
                                        empty.get()
                                    } else {
                                        format!("No {noun} match “{}”.", typed())
                                    }}
                                </td>
                            </tr>
                        </Show>
                    </tbody>
                </table>
            </div>
            <Pager
                info=page_info
                page_size=Signal::derive(move || state.with(|s| s.page_size))
                on_page=Callback::new(move |p: usize| {
                    let f = move |s: &mut ViewState| s.page = p;
                    (update.get_value())(&f);
                })
                on_size=Callback::new(move |n: usize| {
                    let f = move |s: &mut ViewState| { s.page_size = n; s.page = 1; };
                    (update.get_value())(&f);
                })
            />
        </section>
    }
}

/// "N selected", "Select all N matching", "Clear selection", and the screen's bulk actions.
#[component]
fn SelectionBar<T>(
    selection: Selection<T>,
    noun: &'static str,
    bulk: Option<ViewFn>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let count = move || selection.count();
    let matching = move || selection.matching_count();
    let visible = move || count() > 0 || selection.notice.with(|n| n.is_some());
    let offer_all = move || count() > 0 && !selection.is_all_matching() && matching() > count();
    let any = move || count() > 0;
    let bulk = StoredValue::new(bulk);
    view! {
        <Show when=visible>
            <div class="selection-bar" role="region" aria-label="Selection">
                <p class="selection-count" role="status">
                    {move || if selection.is_all_matching() {
                        format!("All {} matching {noun} selected", count())
                    } else if count() > 0 {
                        format!("{} selected", count())
                    } else {
                        selection.notice.get().unwrap_or_default()
                    }}
                </p>
                <Show when=offer_all>
                    <button type="button" class="button" on:click=move |_| selection.select_all_matching()>
                        {move || format!("Select all {} matching", matching())}
                    </button>
                </Show>
                <Show when=any>
                    <button type="button" class="button" on:click=move |_| selection.clear()>"Clear selection"</button>
                    {move || bulk.with_value(|b| b.as_ref().map(|b| b.run()))}
                </Show>
            </div>
        </Show>
    }
}

fn cell<T>(c: &Column<T>, row: &T) -> AnyView {
    let text = (c.text)(row);
    match (c.href, c.kind) {
        (Some(href), _) => view! { <td><A href=href(row)>{text}</A></td> }.into_any(),
        (None, CellKind::Badge) => {
            let class = format!("badge badge-{}", slug(&text));
            view! { <td><span class=class>{text}</span></td> }.into_any()
        }
        (None, CellKind::Number) => view! { <td class="num">{text}</td> }.into_any(),
        (None, CellKind::Code) => view! { <td class="code">{text}</td> }.into_any(),
        (None, CellKind::Text) => view! { <td>{text}</td> }.into_any(),
    }
}

/// `80018` → `80,018`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `Verification pending` → `verification-pending` (a CSS class; never user HTML).
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(80018), "80,018");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
