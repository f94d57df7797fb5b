//! Modal dialogs: a generic [`Modal`] (focus moves in and is kept inside, Escape closes, focus
//! returns to where it was) and a [`ConfirmDialog`] for actions that need a confirmation, an
//! optional reason, and for destructive ones, typing a word or a count.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

const FOCUSABLE: &str =
    "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    format!("dialog-{}", N.fetch_add(1, Ordering::Relaxed))
}

fn focusables(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// A modal dialog with a title. `on_close` runs on Escape, on a backdrop click and from the
/// caller's own buttons.
#[component]
pub fn Modal(
    #[prop(into)] title: String,
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
            let el: &web_sys::HtmlElement = &el;
            // Focus the first field, else the first button.
            if let Some(first) = focusables(el).into_iter().next() {
                let _ = first.focus();
            }
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_close.run(());
        } else if ev.key() == "Tab" {
            // Keep focus inside the dialog.
            let Some(root) = node.get_untracked() else {
                return;
            };
            let items = focusables(&root);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let at = |el: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
    };
    let title_id = id.clone();
    view! {
        <div class="dialog-backdrop" on:mousedown=move |ev| {
            let on_backdrop = ev.target().zip(ev.current_target()).is_some_and(|(t, c)| t == c);
            if on_backdrop { on_close.run(()) }
        }>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby=title_id node_ref=node on:keydown=on_keydown>
                <h2 id=id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}

/// What the admin must provide to confirm.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConfirmSpec {
    pub title: String,
    /// What will happen, in a sentence.
    pub message: String,
    pub confirm_label: String,
    pub danger: bool,
    /// The admin must type this exactly (e.g. the count, or `WIPE`).
    pub type_to_confirm: Option<String>,
    /// Ask for a reason: `Some(required)`.
    pub reason: Option<bool>,
    /// Longest reason accepted (the V1 API allows 512).
    pub reason_max: usize,
}

/// A confirmation dialog. `on_confirm` gets the reason (empty when none was asked).
#[component]
pub fn ConfirmDialog(
    spec: ConfirmSpec,
    on_confirm: Callback<String>,
    on_cancel: Callback<()>,
    /// The server's refusal, shown in the dialog so the admin can retry without retyping.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// A request is in flight: the confirm button waits.
    #[prop(optional, into)]
    busy: Option<Signal<bool>>,
) -> impl IntoView {
    let busy = move || busy.is_some_and(|b| b.get());
    let typed = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let spec = StoredValue::new(spec);
    let reason_error = move || -> Option<String> {
        let s = spec.get_value();
        let r = reason.get();
        match s.reason {
            Some(true) if r.trim().is_empty() => Some("A reason is required.".into()),
            Some(_) if r.chars().count() > s.reason_max => Some(format!(
                "The reason can have at most {} characters.",
                s.reason_max
            )),
            _ => None,
        }
    };
    let typed_ok = move || {
        spec.with_value(|s| {
            s.type_to_confirm
                .as_ref()
                .is_none_or(|w| typed.get().trim() == w)
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if reason_error().is_none() && typed_ok() && !busy() {
            on_confirm.run(reason.get_untracked().trim().to_string());
        }
    };
    let s = spec.get_value();
    view! {
        <Modal title=s.title.clone() on_close=on_cancel>
            <form on:submit=submit novalidate>
                <p>{s.message.clone()}</p>
                {s.reason.map(|required| view! {
                    <label>
                        <span>{if required { "Reason (required)" } else { "Reason (optional)" }}</span>
                        <textarea rows="2" maxlength=s.reason_max.to_string()
                            prop:value=move || reason.get()
                            on:input:target=move |ev| reason.set(ev.target().value())></textarea>
                    </label>
                    <Show when=move || tried.get() && reason_error().is_some()>
                        <p class="field-error" role="alert">{reason_error}</p>
                    </Show>
                })}
                {s.type_to_confirm.clone().map(|word| view! {
                    <label>
                        <span>{format!("Type {word} to confirm")}</span>
                        <input type="text" autocomplete="off" spellcheck="false"
                            prop:value=move || typed.get()
                            on:input:target=move |ev| typed.set(ev.target().value())/>
                    </label>
                })}
                {move || error.and_then(|e| e.get()).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class=if s.danger { "button danger" } else { "button primary" }
                        disabled=move || !typed_ok() || busy()>
                        {let label = s.confirm_label.clone(); move || if busy() { "Working…".to_string() } else { label.clone() }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}
