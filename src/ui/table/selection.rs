//! Row selection for the data table: single rows, a whole page, or every row matching the current
//! filter ("Select all N matching"), resolved to concrete rows only when an action runs.
//!
//! Rules, so that a bulk action never reaches rows the admin did not mean (cf. Fleet #16950, where
//! "select all matching" hit every host because the filter was not applied):
//! - "all matching" means the rows the admin saw counted: a changed filter or data set drops it
//!   with a visible notice, so that it never grows to rows the admin did not see selected;
//! - an explicit selection is dropped the same way;
//! - paging and sorting keep the selection.

use super::data_table::Shared;
use crate::ui::table::engine::TableView;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

pub struct Selection<T: Send + Sync + 'static> {
    explicit: RwSignal<HashSet<String>>,
    all_matching: RwSignal<bool>,
    /// The table's current view (set by the table).
    pub(crate) view: RwSignal<Option<Shared<TableView<T>>>>,
    /// Why the selection was dropped, shown until the next selection.
    pub notice: RwSignal<Option<String>>,
    pub key: fn(&T) -> String,
    pub label: fn(&T) -> String,
}

impl<T: Send + Sync + 'static> Clone for Selection<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Selection<T> {}

/// Concrete selected rows, in view order.
pub struct Selected<T> {
    pub rows: Arc<Vec<T>>,
    pub indices: Vec<u32>,
}

impl<T> Selected<T> {
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.indices.iter().map(move |&i| &self.rows[i as usize])
    }
    pub fn len(&self) -> usize {
        self.indices.len()
    }
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}

impl<T: Send + Sync + 'static> Selection<T> {
    pub fn new(key: fn(&T) -> String, label: fn(&T) -> String) -> Self {
        Selection {
            explicit: RwSignal::new(HashSet::new()),
            all_matching: RwSignal::new(false),
            view: RwSignal::new(None),
            notice: RwSignal::new(None),
            key,
            label,
        }
    }

    pub fn is_all_matching(&self) -> bool {
        self.all_matching.get()
    }

    /// Rows matching the current filter (tracked).
    pub fn matching_count(&self) -> usize {
        self.view.with(|v| v.as_ref().map_or(0, |v| v.0.len()))
    }

    /// How many rows an action would get now (tracked).
    pub fn count(&self) -> usize {
        if self.all_matching.get() {
            self.matching_count()
        } else {
            self.explicit.with(|s| s.len())
        }
    }

    pub fn is_selected(&self, key: &str) -> bool {
        self.all_matching.get() || self.explicit.with(|s| s.contains(key))
    }

    pub fn set(&self, key: String, on: bool) {
        self.notice.set(None);
        if self.all_matching.get_untracked() {
            // Leaving "all matching": make it explicit, then apply the change.
            let all = self.matching_keys();
            self.all_matching.set(false);
            self.explicit.set(all);
        }
        self.explicit.update(|s| {
            if on {
                s.insert(key);
            } else {
                s.remove(&key);
            }
        });
    }

    pub fn set_many(&self, keys: Vec<String>, on: bool) {
        self.notice.set(None);
        if self.all_matching.get_untracked() {
            let all = self.matching_keys();
            self.all_matching.set(false);
            self.explicit.set(all);
        }
        self.explicit.update(|s| {
            for k in keys {
                if on {
                    s.insert(k);
                } else {
                    s.remove(&k);
                }
            }
        });
    }

    pub fn select_all_matching(&self) {
        self.notice.set(None);
        self.explicit.update(|s| s.clear());
        self.all_matching.set(true);
    }

    pub fn clear(&self) {
        self.notice.set(None);
        self.all_matching.set(false);
        self.explicit.update(|s| s.clear());
    }

    /// Called by the table when the filter or the data changes, before the new view is set.
    pub(crate) fn filter_changed(&self) {
        let what = if self.all_matching.get_untracked() {
            // The view is still the one the admin selected.
            Some(format!("all {} matching", self.matching_count_untracked()))
        } else {
            let had = self.explicit.with_untracked(|s| s.len());
            (had > 0).then(|| had.to_string())
        };
        if let Some(what) = what {
            self.all_matching.set(false);
            self.explicit.update(|s| s.clear());
            self.notice.set(Some(format!(
                "Selection of {what} cleared because the filter or the data changed."
            )));
        }
    }

    /// Called by the table when the same list has new data (more rows arrived, or it was loaded
    /// again after an action), before the new view is set: rows checked one by one stay checked
    /// where they are still listed; a selection of "all matching" is dropped, since it would now
    /// take in rows the admin did not see.
    pub(crate) fn data_changed(&self, now: &TableView<T>) {
        if self.all_matching.get_untracked() {
            self.filter_changed();
            return;
        }
        let had = self.explicit.with_untracked(|s| s.len());
        if had == 0 {
            return;
        }
        let listed: HashSet<String> = now.iter().map(|r| (self.key)(r)).collect();
        let kept = self
            .explicit
            .with_untracked(|s| s.iter().filter(|k| listed.contains(*k)).count());
        if kept < had {
            self.explicit.update(|s| s.retain(|k| listed.contains(k)));
            self.notice.set(Some(if kept == 0 {
                format!("The {had} selected are no longer listed.")
            } else {
                format!(
                    "{} of the {had} selected are no longer listed; {kept} stay selected.",
                    had - kept
                )
            }));
        }
    }

    fn matching_count_untracked(&self) -> usize {
        self.view
            .with_untracked(|v| v.as_ref().map_or(0, |v| v.0.len()))
    }

    fn matching_keys(&self) -> HashSet<String> {
        self.view.with_untracked(|v| match v {
            Some(v) => v.0.iter().map(|r| (self.key)(r)).collect(),
            None => HashSet::new(),
        })
    }

    /// The selected rows, resolved against the loaded data now (untracked).
    pub fn resolve(&self) -> Option<Selected<T>> {
        let v = self.view.get_untracked()?;
        let view = &v.0;
        let indices: Vec<u32> = if self.all_matching.get_untracked() {
            view.indices.to_vec()
        } else {
            self.explicit.with_untracked(|keys| {
                view.indices
                    .iter()
                    .copied()
                    .filter(|&i| keys.contains(&(self.key)(&view.rows[i as usize])))
                    .collect()
            })
        };
        Some(Selected {
            rows: view.rows.clone(),
            indices,
        })
    }
}
