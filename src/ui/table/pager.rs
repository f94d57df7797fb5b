//! Rows per page, first/previous/next/last, jump to page, and "Showing a–b of N".

use crate::ui::table::engine::{PageInfo, PAGE_SIZES};
use leptos::prelude::*;

#[component]
pub fn Pager(
    #[prop(into)] info: Signal<PageInfo>,
    #[prop(into)] page_size: Signal<usize>,
    on_page: Callback<usize>,
    on_size: Callback<usize>,
) -> impl IntoView {
    let go = move |p: usize| on_page.run(p);
    let jump = move |value: String| {
        if let Ok(p) = value.trim().parse::<usize>() {
            let count = info.get_untracked().page_count;
            go(p.clamp(1, count));
        }
    };
    view! {
        <nav class="pager" aria-label="Pagination">
            <label class="page-size">
                <span>"Rows per page"</span>
                <select on:change:target=move |ev| {
                    if let Ok(n) = ev.target().value().parse::<usize>() {
                        on_size.run(n);
                    }
                }>
                    {PAGE_SIZES.iter().map(|&n| view! {
                        <option value=n.to_string() selected=move || page_size.get() == n>{n.to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <p class="showing" role="status">{move || info.get().showing()}</p>
            <div class="page-buttons">
                <button type="button" class="button icon" aria-label="First page" title="First page"
                    disabled=move || info.get().is_first() on:click=move |_| go(1)>"«"</button>
                <button type="button" class="button icon" aria-label="Previous page" title="Previous page"
                    disabled=move || info.get().is_first() on:click=move |_| go(info.get_untracked().page.saturating_sub(1))>"‹"</button>
                <label class="page-jump">
                    <span>"Page"</span>
                    <input type="number" min="1" inputmode="numeric"
                        max=move || info.get().page_count.to_string()
                        prop:value=move || info.get().page.to_string()
                        on:change:target=move |ev| jump(ev.target().value())
                    />
                    <span>{move || format!("of {}", info.get().page_count)}</span>
                </label>
                <button type="button" class="button icon" aria-label="Next page" title="Next page"
                    disabled=move || info.get().is_last() on:click=move |_| go(info.get_untracked().page + 1)>"›"</button>
                <button type="button" class="button icon" aria-label="Last page" title="Last page"
                    disabled=move || info.get().is_last() on:click=move |_| go(info.get_untracked().page_count)>"»"</button>
            </div>
        </nav>
    }
}
