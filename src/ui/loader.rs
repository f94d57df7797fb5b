//! Loads data for a screen: explicit loading, error and retry states, stale answers dropped.

use super::table::data_table::Rows;
use crate::backend::error::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::sync::Arc;

/// The rows of a list screen and how to reload them.
pub struct Loader<T: Send + Sync + 'static> {
    pub rows: RwSignal<Rows<T>>,
    version: StoredValue<u64>,
    trigger: RwSignal<u64>,
    refreshing: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// Fetches whenever `key` changes; `fetch` gets the key.
    pub fn new<K, Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: Future<Output = Result<Arc<Vec<T>>, ApiError>> + 'static,
    {
        let loader = Loader {
            rows: RwSignal::new(None),
            version: StoredValue::new(0),
            trigger: RwSignal::new(0),
            refreshing: RwSignal::new(false),
        };
        let key = Memo::new(move |_| key());
        let fetch = std::rc::Rc::new(fetch);
        Effect::new(move |_| {
            let k = key.get();
            let keep = loader.refreshing.get_untracked();
            loader.trigger.track();
            let v = loader.version.get_value() + 1;
            loader.version.set_value(v);
            if !keep {
                loader.rows.set(None);
            }
            let fut = fetch(k);
            spawn_local(async move {
                let result = fut.await;
                // The screen may be gone by now: never touch disposed state (`try_*`).
                if loader.version.try_get_value() == Some(v) {
                    loader.refreshing.set(false);
                    // Keep the rows on screen if a refresh fails; say so instead.
                    match (&result, keep) {
                        (Err(e), true) if !e.is_unauthorized() => super::toast::error(e.message()),
                        _ => loader.rows.set(Some(result)),
                    }
                }
            });
        });
        loader
    }

    /// Loads again from scratch (after an error).
    pub fn retry(&self) {
        self.refreshing.set(false);
        self.trigger.update(|t| *t += 1);
    }

    /// Loads again, keeping the current rows visible until the new ones arrive (after an action).
    pub fn refresh(&self) {
        self.refreshing.set(true);
        self.trigger.update(|t| *t += 1);
    }

    pub fn signal(&self) -> Signal<Rows<T>> {
        self.rows.into()
    }

    pub fn retry_callback(&self) -> Callback<()> {
        let this = *self;
        Callback::new(move |_| this.retry())
    }
}
