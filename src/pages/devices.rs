//! Devices: every device in one state, on the generic table.

use crate::api::{devices, ApiClient};
use crate::components::data_table::DataTable;
use crate::components::loader::Loader;
use crate::components::query_nav::QueryNav;
use crate::components::selection::Selection;
use crate::model::device::Device;
use crate::model::device::{device_columns, DeviceState};
use crate::pages::device_bulk::BulkActions;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn DevicesPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::app::page_title("Devices");
    let state = Memo::new(move |_| {
        query
            .with(|q| q.get("status"))
            .and_then(|s| s.parse::<DeviceState>().ok())
            .unwrap_or(DeviceState::Active)
    });
    let loader = Loader::new(
        move || state.get(),
        move |s| {
            let api = api.clone();
            async move { devices::list(&api, s).await }
        },
    );
    let set_state = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "status" && k != "page");
            if key != DeviceState::Active.key() {
                pairs.push(("status".into(), key));
            }
        });
    };
    let empty =
        Signal::derive(move || format!("No devices with status “{}”.", state.get().label()));

    view! {
        <header class="page-header with-actions">
            <h1>"Devices"</h1>
            <A href="/devices/register" attr:class="button primary">"Register a device"</A>
        </header>
        <DeviceTable name="devices" caption="Devices" loader=loader empty=empty>
            <label class="filter">
                <span>"Status"</span>
                <select on:change:target=move |ev| set_state(ev.target().value())>
                    {DeviceState::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.key() selected=move || state.get() == s>{s.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DeviceTable>
    }
}

/// The devices table used wherever devices are listed: selection and bulk actions included.
#[component]
pub fn DeviceTable(
    /// CSV file prefix and column-preference key.
    name: &'static str,
    caption: &'static str,
    loader: Loader<Device>,
    #[prop(into)] empty: Signal<String>,
    /// Screen filters shown in the toolbar.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let selection = Selection::new(|d: &Device| d.uuid.clone(), |d: &Device| d.name.clone());
    let on_done = Callback::new(move |_| loader.refresh());
    let bulk = ViewFn::from(move || view! { <BulkActions selection=selection on_done=on_done/> });
    view! {
        <DataTable
            name=name
            caption=caption
            noun="devices"
            columns=Arc::new(device_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
            selection=selection
            bulk=bulk
        >
            {children.map(|c| c())}
        </DataTable>
    }
}
