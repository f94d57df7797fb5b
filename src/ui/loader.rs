//! The one way screens load data: a key (what to load) and a fetch; explicit loading, error and
//! retry states; stale answers dropped; and, for long lists, the rows shown while they arrive with
//! a count of how many have come. Leaving the screen drops the fetch, which cancels its requests.

use crate::backend::devices::Progress;
use crate::backend::error::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::sync::Arc;

/// How far a long list has come: rows so far, and how many the server said there will be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    pub loaded: usize,
    pub total: Option<usize>,
}

/// What a screen loads (a list, or one item) and how to reload it: `None` while loading.
pub struct Load<V: Send + Sync + 'static> {
    pub rows: RwSignal<Option<Result<Arc<V>, ApiError>>>,
    /// `Some` while a long list is still arriving (its rows so far are in `rows`).
    pub progress: RwSignal<Option<LoadProgress>>,
    version: StoredValue<u64>,
    trigger: RwSignal<u64>,
    refreshing: RwSignal<bool>,
}

/// The rows of a list screen.
pub type Loader<T> = Load<Vec<T>>;

impl<V: Send + Sync + 'static> Clone for Load<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Send + Sync + 'static> Copy for Load<V> {}

/// Where a fetch reports the rows that have arrived: the first ones are shown at once, then
/// again each time their number has doubled (so copying them costs at most twice the list).
pub struct Feed<V: Send + Sync + 'static> {
    loader: Load<V>,
    version: u64,
    published: std::cell::Cell<usize>,
}

impl<T: Clone + Send + Sync + 'static> Progress<T> for Feed<Vec<T>> {
    fn partial(&self, rows: &[T], total: Option<usize>) {
        let l = self.loader;
        if l.version.try_get_value() != Some(self.version) {
            return;
        }
        l.progress.try_set(Some(LoadProgress {
            loaded: rows.len(),
            total,
        }));
        let published = self.published.get();
        // A refresh keeps the old rows until the new list is whole.
        if !rows.is_empty() && rows.len() >= published * 2 && !l.refreshing.get_untracked() {
            self.published.set(rows.len());
            l.rows.try_set(Some(Ok(Arc::new(rows.to_vec()))));
        }
    }
}

impl<V: Send + Sync + 'static> Load<V> {
    /// Fetches whenever `key` changes; `fetch` gets the key.
    pub fn new<K, Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: Future<Output = Result<Arc<V>, ApiError>> + 'static,
    {
        Self::start(key, move |k, _feed| fetch(k))
    }

    /// Loads one item whenever `key` changes (`fetch` answers it unwrapped).
    pub fn item<K, Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: Future<Output = Result<V, ApiError>> + 'static,
    {
        let fetch = std::rc::Rc::new(fetch);
        Self::start(key, move |k, _feed| {
            let fut = fetch(k);
            async move { fut.await.map(Arc::new) }
        })
    }

    fn start<K, Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K, Feed<V>) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: Future<Output = Result<Arc<V>, ApiError>> + 'static,
    {
        let loader = Load {
            rows: RwSignal::new(None),
            progress: RwSignal::new(None),
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
            loader.progress.set(None);
            let feed = Feed {
                loader,
                version: v,
                published: std::cell::Cell::new(0),
            };
            let fut = fetch(k, feed);
            spawn_local(async move {
                let result = fut.await;
                // The screen may be gone by now: never touch disposed state (`try_*`).
                if loader.version.try_get_value() == Some(v) {
                    loader.refreshing.set(false);
                    loader.progress.set(None);
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

    pub fn signal(&self) -> Signal<Option<Result<Arc<V>, ApiError>>> {
        self.rows.into()
    }

    /// The value, where it has loaded.
    pub fn get(&self) -> Option<Result<Arc<V>, ApiError>> {
        self.rows.get()
    }

    pub fn progress_signal(&self) -> Signal<Option<LoadProgress>> {
        self.progress.into()
    }

    pub fn retry_callback(&self) -> Callback<()> {
        let this = *self;
        Callback::new(move |_| this.retry())
    }

    /// The value through `ready` once it has loaded; before, `loading` as a status; a failure
    /// with Retry. Read inside a reactive closure (it tracks the value).
    pub fn view(&self, loading: &'static str, ready: impl FnOnce(Arc<V>) -> AnyView) -> AnyView {
        match self.get() {
            None => view! { <p role="status">{loading}</p> }.into_any(),
            Some(Err(e)) => view! {
                <crate::ui::retry::RetryAlert message=e.message() on_retry=self.retry_callback()/>
            }
            .into_any(),
            Some(Ok(v)) => ready(v),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> Load<Vec<T>> {
    /// As [`Load::new`], for long lists: `fetch` also gets a [`Feed`] to report the rows that
    /// have arrived, which are shown at once with the count so far.
    pub fn streaming<K, Fut>(
        key: impl Fn() -> K + Send + Sync + 'static,
        fetch: impl Fn(K, Feed<Vec<T>>) -> Fut + 'static,
    ) -> Self
    where
        K: Clone + PartialEq + Send + Sync + 'static,
        Fut: Future<Output = Result<Arc<Vec<T>>, ApiError>> + 'static,
    {
        Self::start(key, fetch)
    }
}
