//! Devices: every device in one state, on the generic table.

use crate::api::{devices, ApiClient};
use crate::components::data_table::DataTable;
use crate::components::loader::Loader;
use crate::model::device::{device_columns, DeviceState};
use crate::model::url::{parse_query, query_string};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

#[component]
pub fn DevicesPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    crate::app::page_title("Devices");
    let state = Memo::new(move |_| {
        query
            .with(|q| q.get("status"))
            .and_then(|s| s.parse::<DeviceState>().ok())
            .unwrap_or(DeviceState::Active)
    });
    let loader = Loader::new(move || state.get(), move |s| {
        let api = api.clone();
        async move { devices::list(&api, s).await }
    });
    let set_state = move |key: String| {
        let mut pairs: Vec<(String, String)> = parse_query(&location.search.get_untracked())
            .into_iter()
            .filter(|(k, _)| k != "status" && k != "page")
            .collect();
        if key != DeviceState::Active.key() {
            pairs.push(("status".into(), key));
        }
        let qs = query_string(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let path = location.pathname.get_untracked();
        let url = if qs.is_empty() { path } else { format!("{path}?{qs}") };
        navigate(&url, NavigateOptions { scroll: false, ..Default::default() });
    };
    let empty = Signal::derive(move || format!("No devices with status “{}”.", state.get().label()));

    view! {
        <header class="page-header">
            <h1>"Devices"</h1>
        </header>
        <DataTable
            name="devices"
            caption="Devices"
            noun="devices"
            columns=Arc::new(device_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
        >
            <label class="filter">
                <span>"Status"</span>
                <select on:change:target=move |ev| set_state(ev.target().value())>
                    {DeviceState::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.key() selected=move || state.get() == s>{s.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DataTable>
    }
}
