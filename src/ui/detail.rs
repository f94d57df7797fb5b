//! The scaffold of every detail page: loading, not found (with what it means), failed (with
//! Retry), or the item.

use crate::ui::loader::Load;
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use std::sync::Arc;

/// `device` → `Device`.
fn capitalized(noun: &str) -> String {
    let mut c = noun.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Shows `load`'s item through `children` once it is there.
#[component]
pub fn Detail<V, F, IV>(
    load: Load<V>,
    /// What the item is, in lower case (`device`).
    noun: &'static str,
    /// What "not found" means here (`There is no device with id …`).
    #[prop(into)]
    not_found: Signal<String>,
    children: F,
) -> impl IntoView
where
    V: Send + Sync + 'static,
    F: Fn(Arc<V>) -> IV + Send + Sync + 'static,
    IV: IntoView + 'static,
{
    let retry = load.retry_callback();
    move || match load.get() {
        None => view! { <p class="state loading" role="status">{format!("Loading {noun}…")}</p> }
            .into_any(),
        Some(Err(e)) if e.is_not_found() => view! {
            <h1>{format!("{} not found", capitalized(noun))}</h1>
            <RetryAlert message={not_found.get()} on_retry=retry/>
        }
        .into_any(),
        Some(Err(e)) => view! {
            <h1>{capitalized(noun)}</h1>
            <RetryAlert message={e.message()} on_retry=retry/>
        }
        .into_any(),
        Some(Ok(v)) => children(v).into_any(),
    }
}
