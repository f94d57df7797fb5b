//! Devices: every device with one of the server's statuses, on the generic table, with the rows
//! shown while a long list arrives.

use crate::backend::{DeviceApi, Screen};
use crate::domain::device::Device;
use crate::domain::device::{device_columns, device_href};
use crate::domain::lookup::{classify, Lookup};
use crate::screens::device_bulk::BulkActions;
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::{AlsoMatch, DataTable};
use crate::ui::table::selection::Selection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use std::collections::HashSet;
use std::sync::Arc;

#[component]
pub fn DevicesPage() -> impl IntoView {
    match crate::context::devices() {
        Some(devices) => view! { <Devices devices=devices/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Devices(devices: Arc<dyn DeviceApi>) -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Devices");
    let statuses = devices.caps().statuses;
    let default = statuses.first().map_or("", |s| s.key);
    // The server's own status key; one it does not have is its default.
    let status = Memo::new(move |_| {
        query
            .with(|q| q.get("status"))
            .and_then(|k| {
                statuses
                    .iter()
                    .find(|s| s.key.eq_ignore_ascii_case(k.trim()))
            })
            .or_else(|| statuses.first())
            .copied()
    });
    let lister = devices.clone();
    let loader = Loader::streaming(
        move || status.get().map_or(default, |s| s.key),
        move |key: &'static str, feed| {
            let devices = lister.clone();
            async move { devices.list(key, &feed).await }
        },
    );
    let set_status = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "status" && k != "page");
            if key != default {
                pairs.push(("status".into(), key));
            }
        });
    };
    let empty = Signal::derive(move || match status.get() {
        Some(s) if !s.key.is_empty() => format!("No devices with status “{}”.", s.label),
        _ => "No devices.".to_string(),
    });
    // The CSV file is named after the status shown (`devices-active-….csv`).
    let csv_filter = Signal::derive(move || status.get().map_or("", |s| s.key).to_string());
    let lookups = devices
        .caps()
        .lookups
        .then(|| device_lookup(query, loader, devices.clone()));
    let (also_match, lookup_panel) = match lookups {
        Some((a, p)) => (Some(a), Some(p)),
        None => (None, None),
    };

    view! {
        <header class="page-header with-actions">
            <h1>"Devices"</h1>
            {crate::context::has(Screen::RegisterDevice).then(|| view! {
                <A href=crate::routes::REGISTER_DEVICE attr:class="button primary">"Register a device"</A>
            })}
        </header>
        {lookup_panel}
        <DeviceTable name="devices" caption="Devices" loader=loader empty=empty also_match=also_match
            csv_filter=Some(csv_filter)>
            <label class="filter">
                <span>"Status"</span>
                <select on:change:target=move |ev| set_status(ev.target().value())>
                    {statuses.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.key selected=move || status.get() == Some(s)>{s.label}</option> }
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
    /// Rows matching the search through a server lookup.
    #[prop(default = None)]
    also_match: Option<AlsoMatch<Device>>,
    /// Screen filters shown in the toolbar.
    #[prop(optional)]
    children: Option<Children>,
    /// The filter named in the CSV file name (the status).
    #[prop(default = None)]
    csv_filter: Option<Signal<String>>,
) -> impl IntoView {
    let columns = Arc::new(device_columns());
    let (rows, progress, on_retry) = (
        loader.signal(),
        loader.progress_signal(),
        loader.retry_callback(),
    );
    let filters = children.map(|c| c());
    // Devices are selected for actions on many at once, where the server has them.
    if crate::context::devices().is_none_or(|d| d.caps().bulk.is_empty()) {
        return view! {
            <DataTable name=name caption=caption noun="devices" columns=columns rows=rows
                progress=progress on_retry=on_retry empty=empty also_match=also_match csv_filter=csv_filter>
                {filters}
            </DataTable>
        }
        .into_any();
    }
    let selection = Selection::new(|d: &Device| d.id.clone(), |d: &Device| d.name.clone());
    let on_done = Callback::new(move |_| loader.refresh());
    let bulk = ViewFn::from(move || view! { <BulkActions selection=selection on_done=on_done/> });
    view! {
        <DataTable name=name caption=caption noun="devices" columns=columns rows=rows
            progress=progress on_retry=on_retry empty=empty also_match=also_match
            selection=selection bulk=bulk csv_filter=csv_filter>
            {filters}
        </DataTable>
    }
    .into_any()
}

/// The devices a search also finds through the server's lookups (label members, a user's or a
/// phone's devices in any state, a Wi-Fi MAC): matching rows of the loaded list count as matches,
/// and devices in other states are listed above the table.
fn device_lookup(
    query: Memo<leptos_router::params::ParamsMap>,
    loader: Loader<Device>,
    devices: Arc<dyn DeviceApi>,
) -> (AlsoMatch<Device>, AnyView) {
    let api2 = devices.clone();
    // Group names, once, so a search for a group's name finds its members.
    let label_names = LocalResource::new(move || {
        let api = api2.clone();
        async move { api.group_names().await.unwrap_or_default() }
    });
    // The URL's `q` is the table's debounced search text.
    let wanted = Memo::new(move |_| {
        let q = query.with(|q| q.get("q")).unwrap_or_default();
        let names = label_names.get().unwrap_or_default();
        classify(&q, &names)
    });
    let found: RwSignal<Option<(Lookup, Arc<Vec<Device>>)>> = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(l) = wanted.get() else {
            found.set(None);
            return;
        };
        let api = devices.clone();
        spawn_local(async move {
            // A failed lookup only means fewer extra matches; the text search still works.
            let devices = api.lookup(&l).await.unwrap_or_default();
            if wanted.try_get_untracked().flatten().as_ref() == Some(&l) {
                found.set(Some((l, devices)));
            }
        });
    });
    let keys = Signal::derive(move || {
        found.with(|f| {
            f.as_ref()
                .map(|(_, d)| Arc::new(d.iter().map(|d| d.id.clone()).collect::<HashSet<_>>()))
        })
    });
    let elsewhere = Memo::new(move |_| {
        let loaded: HashSet<String> = loader.rows.with(|r| match r {
            Some(Ok(rows)) => rows.iter().map(|d| d.id.clone()).collect(),
            _ => HashSet::new(),
        });
        found.with(|f| {
            f.as_ref().map(|(l, d)| {
                let other: Vec<(String, String, String)> = d
                    .iter()
                    .filter(|d| !loaded.contains(&d.id))
                    .map(|d| (device_href(d), d.name.clone(), d.state_label()))
                    .collect();
                (l.describe(), other)
            })
        })
    });
    let panel = move || {
        elsewhere.get().filter(|(_, other)| !other.is_empty()).map(|(what, other)| {
            let n = other.len();
            view! {
                <section class="panel lookup" aria-label="Found in other states">
                    <p>{format!("{} {what} in other states:", crate::domain::bulk::plural(n, "more device", "more devices"))}</p>
                    <ul>
                        {other.into_iter().take(50).map(|(href, name, state)| view! {
                            <li><A href=href>{name}</A>" ("{state}")"</li>
                        }).collect_view()}
                    </ul>
                    {(n > 50).then(|| view! { <p class="muted">{format!("…and {} more.", n - 50)}</p> })}
                </section>
            }
        })
    };
    (
        AlsoMatch {
            key: |d: &Device| d.id.clone(),
            keys,
        },
        panel.into_any(),
    )
}
