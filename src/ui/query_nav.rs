//! Changes the current URL's query without leaving the page (list views keep their state there).

use crate::url::{parse_query, query_string};
use leptos::prelude::GetUntracked;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::Location;
use leptos_router::NavigateOptions;
use std::sync::Arc;

type Navigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

#[derive(Clone)]
pub struct QueryNav {
    navigate: Navigate,
    location: Location,
}

impl QueryNav {
    /// Call while building a component (it reads the router context).
    pub fn new() -> QueryNav {
        QueryNav {
            navigate: Arc::new(use_navigate()),
            location: use_location(),
        }
    }

    /// The query pairs now (not tracked).
    pub fn current(&self) -> Vec<(String, String)> {
        parse_query(&self.location.search.get_untracked())
    }

    /// Edits the query pairs and navigates: a new history entry, or `replace` the current one.
    pub fn edit(&self, replace: bool, f: impl FnOnce(&mut Vec<(String, String)>)) {
        let mut pairs = self.current();
        f(&mut pairs);
        let qs = query_string(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let path = crate::browser::app_path(&self.location.pathname.get_untracked());
        let url = if qs.is_empty() {
            path
        } else {
            format!("{path}?{qs}")
        };
        (self.navigate)(
            &url,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

impl Default for QueryNav {
    fn default() -> Self {
        Self::new()
    }
}
