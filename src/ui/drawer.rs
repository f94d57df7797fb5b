//! A side panel with details of one item: a labelled, non-modal dialog at the right edge. Focus
//! moves to it when it opens and back when it closes; Escape and the "Close" button close it.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    format!("drawer-{}", N.fetch_add(1, Ordering::Relaxed))
}

#[component]
pub fn Drawer(
    #[prop(into)] title: Signal<String>,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let id = next_id();
    let node = NodeRef::<Div>::new();
    let previous = SendWrapper::new(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    on_cleanup(move || {
        if let Some(el) = previous.take() {
            let _ = el.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_close.run(());
        }
    };
    let title_id = id.clone();
    view! {
        // A div: `role="dialog"` is not allowed on `aside` (a complementary landmark).
        <div class="drawer" role="dialog" aria-labelledby=title_id tabindex="-1" node_ref=node on:keydown=on_keydown>
            <header class="drawer-header">
                <h2 id=id>{move || title.get()}</h2>
                <button type="button" class="button icon" aria-label="Close" on:click=move |_| on_close.run(())>"×"</button>
            </header>
            <div class="drawer-body">{children()}</div>
        </div>
    }
}

/// A definition list of label/value pairs (empty values are left out).
#[component]
pub fn Fields(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="fields">
            {rows.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| view! {
                <div><dt>{k}</dt><dd>{v}</dd></div>
            }).collect_view()}
        </dl>
    }
}
