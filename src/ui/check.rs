//! A labelled checkbox bound to one field of a form held in a signal.

use leptos::prelude::*;

/// `<label class="check"><input type="checkbox"> label</label>`, reading `get` and writing `set`.
pub fn check_field<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    label: &'static str,
    get: fn(&F) -> bool,
    set: fn(&mut F, bool),
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=move || form.with(get)
                on:change:target=move |ev| form.update(|f| set(f, ev.target().checked()))/>
            {label}
        </label>
    }
}
