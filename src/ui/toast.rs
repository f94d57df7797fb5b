//! Toasts: short notices in a polite live region; errors stay until dismissed.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

thread_local! {
    /// The app's toaster, for code that runs outside the component tree (async tasks have no
    /// reactive owner, so `use_context` finds nothing there).
    static CURRENT: std::cell::Cell<Option<Toasts>> = const { std::cell::Cell::new(None) };
}

impl Toasts {
    /// Creates the app's toaster and makes it reachable from async tasks.
    pub fn new() -> Self {
        let t = Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        CURRENT.with(|c| c.set(Some(t)));
        t
    }

    fn current() -> Option<Toasts> {
        use_context::<Toasts>().or_else(|| CURRENT.with(|c| c.get()))
    }
    pub fn push(&self, text: impl Into<String>, error: bool) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| {
            v.push(Toast {
                id,
                text: text.into(),
                error,
            })
        });
        if !error {
            let items = self.items;
            set_timeout(
                move || items.update(|v| v.retain(|t| t.id != id)),
                Duration::from_secs(6),
            );
        }
    }
    pub fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

/// Shows an informational toast, if a toaster is mounted.
pub fn info(text: impl Into<String>) {
    if let Some(t) = Toasts::current() {
        t.push(text, false);
    }
}

/// Shows an error toast, if a toaster is mounted.
pub fn error(text: impl Into<String>) {
    if let Some(t) = Toasts::current() {
        t.push(text, true);
    }
}

#[component]
pub fn Toaster() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let:t>
                <div class=if t.error { "toast error" } else { "toast" }>
                    <span>{t.text.clone()}</span>
                    <button type="button" class="button icon small" aria-label="Dismiss" on:click=move |_| toasts.dismiss(t.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
