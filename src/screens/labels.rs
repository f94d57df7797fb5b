//! Labels, and the devices of one label.

use crate::backend::epmm::{devices, labels, ApiClient};
use crate::domain::label::label_columns;
use crate::screens::devices::DeviceTable;
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

#[component]
pub fn LabelsPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    crate::context::page_title("Labels");
    let loader = Loader::new(
        || (),
        move |_| {
            let api = api.clone();
            async move { labels::list(&api).await }
        },
    );
    view! {
        <header class="page-header">
            <h1>"Labels"</h1>
        </header>
        <DataTable
            name="labels"
            caption="Labels"
            noun="labels"
            columns=Arc::new(label_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty="The server has no labels."
        />
    }
}

#[component]
pub fn LabelDevicesPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    Effect::new(move |_| crate::context::page_title(&format!("Label {}", name.get())));
    let loader = Loader::new(
        move || name.get(),
        move |n| {
            let api = api.clone();
            async move { devices::in_label(&api, &n).await }
        },
    );
    let empty = Signal::derive(move || format!("No devices in label “{}”.", name.get()));
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/labels">"Labels"</A></p>
            <h1>{move || format!("Label: {}", name.get())}</h1>
        </header>
        <DeviceTable name="label-devices" caption="Devices in label" loader=loader empty=empty/>
    }
}
