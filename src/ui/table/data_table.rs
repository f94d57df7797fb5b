//! The one generic data table behind every list screen: search, sort, paging, column chooser and
//! CSV download over rows held in the browser, with the view kept in the URL.
//!
//! A screen gives it a column list and a row signal; everything else is here. This module is the
//! markup; the view state and what is derived from it are in [`super::state`], the browser-free
//! search, sort and paging in [`super::engine`]. Only the rows of the current page are in the DOM.

use super::cells::{CellValue, PaintedRow};
use super::column_chooser::ColumnChooser;
use super::pager::Pager;
use super::saved_views::SavedViews;
use super::selection::Selection;
use super::state::TableState;
use crate::backend::error::ApiError;
use crate::ui::link::with_base;
use crate::ui::loader::LoadProgress;
use crate::ui::retry::RetryAlert;
use crate::ui::table::engine::{CellKind, Column, SortDir};
use crate::ui::table::view_state::ViewState;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

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

/// Rows that also match the search although no visible cell contains it (found by a server
/// lookup, e.g. the members of a label): the rows whose `key` is in `keys`.
pub struct AlsoMatch<T> {
    pub key: fn(&T) -> String,
    pub keys: Signal<Option<Arc<HashSet<String>>>>,
}

/// The rows of the page shown: the whole list and the indexes of the page's rows in it.
pub struct PageRows<T> {
    pub rows: Arc<Vec<T>>,
    pub page: Vec<u32>,
}

impl<T> PageRows<T> {
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.page.iter().filter_map(|i| self.rows.get(*i as usize))
    }
}

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
    /// The screen's own filter (e.g. the status key), named in the CSV file name.
    #[prop(default = None)]
    csv_filter: Option<Signal<String>>,
    /// Told the rows of the page shown each time they change, for what a screen fetches for the
    /// rows on screen only.
    #[prop(optional)]
    on_page: Option<Callback<PageRows<T>>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    // Rows so far of a list still arriving, and how many of how many.
    let arriving = move || progress.and_then(|p| p.get());
    let table = TableState::new(
        name,
        columns.clone(),
        rows,
        url_prefix,
        selection,
        also_match,
        Signal::derive(move || arriving().is_some()),
    );
    let TableState {
        view: state,
        visible,
        data,
        sort_spec,
        table_view,
        page_info,
        page_rows,
        ..
    } = table;
    if let Some(on_page) = on_page {
        Effect::new(move |_| {
            let page: Vec<u32> = page_rows.with(|r| r.iter().map(|(_, i)| *i).collect());
            if let Some((_, rows)) = data.get_untracked() {
                on_page.run(PageRows { rows: rows.0, page });
            }
        });
    }
    // Times are shown in the admin's zone: the table names it.
    let has_time = columns.iter().any(|c| c.time.is_some());
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
    // "For Excel": the CSV starts with the UTF-8 byte order mark, so Excel reads accents right.
    let for_excel = RwSignal::new(false);

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
                        on:input:target=move |ev| table.search(ev.target().value())
                    />
                </label>
                <ColumnChooser
                    columns=cols_for_chooser
                    visible=visible
                    on_change=table.set_columns()
                />
                {url_prefix.is_empty().then(|| view! { <SavedViews list=name/> })}
                <button type="button" class="button" disabled=move || table_view.with(|v| v.is_none())
                    on:click=move |_| {
                        let filter = csv_filter.map(|f| f.get_untracked()).unwrap_or_default();
                        table.download_csv(&filter, for_excel.get_untracked());
                    }>
                    "Download CSV"
                </button>
                <label class="check">
                    <input type="checkbox" prop:checked=for_excel
                        on:change:target=move |ev| for_excel.set(ev.target().checked())/>
                    "For Excel"
                </label>
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
                                    // Nothing to select while the page has no rows (the list loading).
                                    <input type="checkbox" aria-label="Select all on this page"
                                        prop:checked=page_all_selected
                                        prop:disabled=move || page_rows.with(|r| r.is_empty())
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
                                                table.update(&f);
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
                        // Rows keyed by their position on the page: a page change, a sort or a
                        // search updates the cells of the rows already there in place.
                        <For
                            each=move || 0..page_rows.with(Vec::len)
                            key=|p| *p
                            children=move |p| position_row(p, page_rows, data, visible, cols_for_rows.clone(), selection)
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
            {has_time.then(|| view! {
                <p class="muted table-zone">{format!("Times in {} (hover a time for UTC).", crate::dates::zone_label(crate::browser::now_ms() as i64))}</p>
            })}
            <Pager
                info=page_info
                page_size=Signal::derive(move || state.with(|s| s.page_size))
                on_page=Callback::new(move |p: usize| {
                    let f = move |s: &mut ViewState| s.page = p;
                    table.update(&f);
                })
                on_size=Callback::new(move |n: usize| {
                    let f = move |s: &mut ViewState| { s.page_size = n; s.page = 1; };
                    table.update(&f);
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

/// The row at position `p` of the page. It stays in the DOM while the page has that many rows;
/// its checkbox and cells follow whichever data row is at `p`.
fn position_row<T>(
    p: usize,
    page_rows: Memo<Vec<(u64, u32)>>,
    data: Memo<Option<(u64, Shared<Vec<T>>)>>,
    visible: Memo<Vec<&'static str>>,
    columns: Arc<Vec<Column<T>>>,
    selection: Option<Selection<T>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let at = Memo::new(move |_| page_rows.with(|r| r.get(p).copied()));
    // `at` carries the data's generation, so new data is seen through it.
    let with_row = move |f: &mut dyn FnMut(&T)| {
        if let Some((_, i)) = at.get() {
            data.with_untracked(|d| {
                if let Some(row) = d.as_ref().and_then(|(_, d)| d.0.get(i as usize)) {
                    f(row)
                }
            })
        }
    };
    let base = crate::browser::base_path();
    let tr = NodeRef::<leptos::html::Tr>::new();
    // The cells: one effect for the row, writing only what changed (super::cells).
    Effect::new(move |painted: Option<PaintedRow>| {
        let mut painted = painted.unwrap_or_default();
        let shown: Vec<&Column<T>> = visible.with(|ids| {
            ids.iter()
                .filter_map(|id| columns.iter().find(|c| c.id == *id))
                .collect()
        });
        let mut next: Vec<(CellKind, CellValue)> = shown
            .iter()
            .map(|c| (c.kind, CellValue::default()))
            .collect();
        with_row(&mut |row| {
            for (slot, c) in next.iter_mut().zip(&shown) {
                slot.1 = CellValue {
                    text: c.shown(row),
                    href: c
                        .href
                        .map(|h| h(row))
                        .filter(|h| !h.is_empty())
                        .map(|h| with_base(&h, &base)),
                    at: c.time.and_then(|t| t(row)),
                    hint: c.hint.map(|h| h(row)).unwrap_or_default(),
                };
            }
        });
        if let Some(tr) = tr.get() {
            painted.paint(&tr, next);
        }
        painted
    });
    let select_cell = selection.map(|sel| {
        // (key, accessible name) of the row here.
        let who = Memo::new(move |_| {
            let mut out = None;
            with_row(&mut |row| {
                out = Some(((sel.key)(row), format!("Select {}", (sel.label)(row))))
            });
            out
        });
        view! {
            <td class="select">
                <input type="checkbox"
                    aria-label=move || who.with(|w| w.as_ref().map(|(_, l)| l.clone()).unwrap_or_default())
                    prop:checked=move || who.with(|w| w.as_ref().is_some_and(|(k, _)| sel.is_selected(k)))
                    on:change:target=move |ev| {
                        if let Some((key, _)) = who.get_untracked() {
                            sel.set(key, ev.target().checked());
                        }
                    }/>
            </td>
        }
    });
    view! { <tr node_ref=tr>{select_cell}</tr> }
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
