//! Show, hide and reorder a table's columns. The choice is saved per browser (preferences only).

use crate::ui::table::engine::Column;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ColumnChooser<T>(
    columns: Arc<Vec<Column<T>>>,
    visible: Memo<Vec<&'static str>>,
    /// `None` = back to the defaults.
    on_change: Callback<Option<Vec<&'static str>>>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
{
    let open = RwSignal::new(false);
    let ids = StoredValue::new(ChooserIds::new());
    let panel = ids.with_value(|i| i.panel.clone());
    let button = NodeRef::<leptos::html::Button>::new();
    // Closing returns the focus to the "Columns" button (the panel, and the focus in it, go away).
    let close = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    // A toggled or moved column's row is rebuilt or moved: the focus goes back to the same control.
    let refocus = move |id: String| {
        request_animation_frame(move || {
            crate::browser::focus_by_id(&id);
        });
    };
    // All columns: visible ones first in their order, then the hidden ones in definition order.
    let all: Vec<(&'static str, &'static str)> = columns.iter().map(|c| (c.id, c.title)).collect();
    let all = StoredValue::new(all);
    let ordered = move || {
        let vis = visible.get();
        let all = all.get_value();
        let mut out: Vec<(&'static str, &'static str, bool)> = vis
            .iter()
            .filter_map(|id| {
                all.iter()
                    .find(|(c, _)| c == id)
                    .map(|(c, t)| (*c, *t, true))
            })
            .collect();
        out.extend(
            all.iter()
                .filter(|(c, _)| !vis.contains(c))
                .map(|(c, t)| (*c, *t, false)),
        );
        out
    };
    let toggle = move |id: &'static str| {
        let mut vis = visible.get_untracked();
        if let Some(pos) = vis.iter().position(|c| *c == id) {
            if vis.len() > 1 {
                vis.remove(pos);
            }
        } else {
            vis.push(id);
        }
        on_change.run(Some(vis));
    };
    let shift = move |id: &'static str, up: bool| {
        let mut vis = visible.get_untracked();
        if let Some(pos) = vis.iter().position(|c| *c == id) {
            let to = if up {
                pos.checked_sub(1)
            } else {
                Some(pos + 1).filter(|&p| p < vis.len())
            };
            if let Some(to) = to {
                vis.swap(pos, to);
                on_change.run(Some(vis));
            }
        }
    };
    view! {
        <div class="column-chooser">
            <button type="button" class="button" aria-expanded=move || open.get().to_string()
                aria-controls=panel.clone() node_ref=button on:click=move |_| open.update(|o| *o = !*o)>
                "Columns"
            </button>
            <Show when=move || open.get()>
                <div class="popover" id=panel.clone() role="group" aria-label="Choose columns"
                    on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); close() }>
                    <ul>
                        <For each=ordered key=|(id, _, shown)| (*id, *shown) let:item>
                            {
                                let (id, title, shown) = item;
                                let (check, up, down) = ids.with_value(|i| (i.control(id, "show"), i.control(id, "up"), i.control(id, "down")));
                                view! {
                                    <li>
                                        <label>
                                            <input type="checkbox" id=check.clone() prop:checked=shown
                                                on:change=move |_| { toggle(id); refocus(check.clone()) }/>
                                            {title}
                                        </label>
                                        <Show when=move || shown>
                                            <button type="button" class="button icon small" id=up.clone() aria-label=format!("Move {title} up")
                                                on:click={let up = up.clone(); move |_| { shift(id, true); refocus(up.clone()) }}>"↑"</button>
                                            <button type="button" class="button icon small" id=down.clone() aria-label=format!("Move {title} down")
                                                on:click={let down = down.clone(); move |_| { shift(id, false); refocus(down.clone()) }}>"↓"</button>
                                        </Show>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                    <div class="popover-actions">
                        <button type="button" class="button" on:click=move |_| on_change.run(None)>"Reset columns"</button>
                        <button type="button" class="button" on:click=move |_| close()>"Close"</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}

/// Element ids of one chooser, unique in the page (a screen can show several tables).
struct ChooserIds {
    panel: String,
}

impl ChooserIds {
    fn new() -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(1);
        ChooserIds {
            panel: format!("columns-{}", N.fetch_add(1, Ordering::Relaxed)),
        }
    }

    /// A column's control: `columns-3-serial-up`.
    fn control(&self, column: &str, what: &str) -> String {
        format!("{}-{column}-{what}", self.panel)
    }
}
