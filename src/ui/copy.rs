//! A "Copy" button beside a value the admin hands on (a passcode, a registration URL, a UUID):
//! the async Clipboard API, and the outcome announced in a polite live region.

use leptos::prelude::*;

/// "Copy" beside a value; its accessible name is `Copy <what>` (`Copy UUID`). Says "Copied", or
/// "Could not copy" where the browser refuses (no clipboard in an insecure context, permission
/// denied): never fails louder than that.
#[component]
pub fn CopyButton(
    /// The text put on the clipboard.
    #[prop(into)]
    text: String,
    /// What is copied, for the accessible name (`UUID`, `registration URL`).
    #[prop(into)]
    what: String,
) -> impl IntoView {
    let said = RwSignal::new("");
    let text = StoredValue::new(text);
    let copy = move |_| {
        said.set("");
        let text = text.get_value();
        leptos::task::spawn_local(async move {
            let ok = crate::browser::copy_text(&text).await;
            said.set(if ok { "Copied" } else { "Could not copy" });
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="button small" aria-label=format!("Copy {what}") on:click=copy>
                "Copy"
            </button>
            <span role="status" class="copy-status">{move || said.get()}</span>
        </span>
    }
}
