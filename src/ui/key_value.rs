//! A searchable key/value table (e.g. a device's platform details).

use crate::domain::bulk::plural;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn KeyValueTable(
    /// Accessible name of the table.
    caption: &'static str,
    entries: Arc<Vec<(String, String)>>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let total = entries.len();
    let shown = move || {
        let f = filter.get().to_lowercase();
        entries
            .iter()
            .filter(|(k, v)| {
                f.is_empty() || k.to_lowercase().contains(&f) || v.to_lowercase().contains(&f)
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let shown = Memo::new(move |_| shown());
    view! {
        <div class="key-value">
            <label class="search">
                <span>{format!("Filter {}", caption.to_lowercase())}</span>
                <input type="search" autocomplete="off" prop:value=move || filter.get()
                    on:input:target=move |ev| filter.set(ev.target().value())/>
            </label>
            <p class="muted" role="status">{move || format!("{} of {}", shown.with(|s| s.len()), plural(total, "entry", "entries"))}</p>
            <table aria-label=caption>
                <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    <For each=move || shown.get() key=|(k, v)| (k.clone(), v.clone()) let:kv>
                        <tr><td class="code">{kv.0}</td><td class="wrap">{kv.1}</td></tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
