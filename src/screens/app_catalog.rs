//! App catalog: the apps the server offers, filtered by platform, the start of the name and the
//! identifier (asked of the server), on the generic table (search, sort, CSV).

use crate::backend::AppCatalogApi;
use crate::domain::app_catalog::{catalog_columns, CatalogQuery};
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

/// The URL keys of the filters.
const PLATFORM: &str = "platform";
const NAME: &str = "name";
const IDENTIFIER: &str = "identifier";

#[component]
pub fn AppCatalogPage() -> impl IntoView {
    match crate::context::app_catalog() {
        Some(catalog) => view! { <AppCatalog catalog=catalog/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn AppCatalog(catalog: Arc<dyn AppCatalogApi>) -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("App catalog");
    let caps = catalog.caps().clone();
    let platforms = caps.platforms;
    let filter = Memo::new(move |_| {
        query.with(|q| CatalogQuery {
            platform: q.get(PLATFORM).unwrap_or_default(),
            name_prefix: q.get(NAME).unwrap_or_default(),
            identifier: q.get(IDENTIFIER).unwrap_or_default(),
        })
    });
    let loader = Loader::streaming(
        move || filter.get(),
        move |q: CatalogQuery, feed| {
            let catalog = catalog.clone();
            async move { catalog.list(&q, &feed).await }
        },
    );
    let set = move |key: &'static str, value: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != key && k != "page");
            let v = value.trim();
            if !v.is_empty() {
                pairs.push((key.to_string(), v.to_string()));
            }
        });
    };
    let set = StoredValue::new(Arc::new(set) as Arc<dyn Fn(&'static str, String) + Send + Sync>);
    let filtered = move || {
        let f = filter.get();
        !f.platform.is_empty() || !f.name_prefix.is_empty() || !f.identifier.is_empty()
    };
    let empty = Signal::derive(move || {
        if filtered() {
            "No apps match these filters.".to_string()
        } else {
            "The app catalog is empty.".to_string()
        }
    });
    let text_filter = move |key: &'static str, label: &'static str, hint: &'static str| {
        view! {
            <label class="filter">
                <span>{label}</span>
                <input type="text" autocomplete="off" spellcheck="false" title=hint
                    prop:value=move || query.with(|q| q.get(key).unwrap_or_default())
                    on:change:target=move |ev| (set.get_value())(key, ev.target().value())/>
            </label>
        }
    };
    let name_hint = if caps.name_case_sensitive {
        "Apps whose name starts with this text (upper and lower case count)"
    } else {
        "Apps whose name starts with this text"
    };

    view! {
        <header class="page-header">
            <h1>"App catalog"</h1>
        </header>
        <DataTable
            name="app-catalog"
            caption="App catalog"
            noun="apps"
            columns=Arc::new(catalog_columns())
            rows=loader.signal()
            progress=loader.progress_signal()
            on_retry=loader.retry_callback()
            empty=empty
        >
            <label class="filter">
                <span>"Platform"</span>
                <select on:change:target=move |ev| (set.get_value())(PLATFORM, ev.target().value())>
                    {platforms.iter().map(|&(key, label)| view! {
                        <option value=key selected=move || filter.with(|f| f.platform.eq_ignore_ascii_case(key))>{label}</option>
                    }).collect_view()}
                </select>
            </label>
            {text_filter(NAME, "Name starts with", name_hint)}
            {text_filter(IDENTIFIER, "Bundle identifier", "The exact bundle or package identifier")}
        </DataTable>
    }
}
