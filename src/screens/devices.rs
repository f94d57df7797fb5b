//! Devices: every device in one state, on the generic table.

use crate::backend::epmm::{devices, labels, ApiClient};
use crate::domain::device::Device;
use crate::domain::device::{device_columns, device_href, DeviceState};
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
    let (also_match, lookup_panel) = device_lookup(query, loader);

    view! {
        <header class="page-header with-actions">
            <h1>"Devices"</h1>
            <A href="/devices/register" attr:class="button primary">"Register a device"</A>
        </header>
        {lookup_panel}
        <DeviceTable name="devices" caption="Devices" loader=loader empty=empty also_match=also_match>
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
    /// Rows matching the search through a server lookup.
    #[prop(optional)]
    also_match: Option<AlsoMatch<Device>>,
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
            also_match=also_match
        >
            {children.map(|c| c())}
        </DataTable>
    }
}

/// The devices a search also finds through the server's lookups (label members, a user's or a
/// phone's devices in any state, a Wi-Fi MAC): matching rows of the loaded list count as matches,
/// and devices in other states are listed above the table.
fn device_lookup(
    query: Memo<leptos_router::params::ParamsMap>,
    loader: Loader<Device>,
) -> (AlsoMatch<Device>, impl IntoView) {
    let api = expect_context::<ApiClient>();
    let api2 = api.clone();
    // Label names, once, so a search for a label's name finds its members.
    let label_names = LocalResource::new(move || {
        let api = api2.clone();
        async move {
            labels::list(&api)
                .await
                .map(|l| l.iter().map(|l| l.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        }
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
        let api = api.clone();
        spawn_local(async move {
            // A failed lookup only means fewer extra matches; the text search still works.
            let devices = devices::lookup(&api, &l).await.unwrap_or_default();
            if wanted.try_get_untracked().flatten().as_ref() == Some(&l) {
                found.set(Some((l, devices)));
            }
        });
    });
    let keys = Signal::derive(move || {
        found.with(|f| {
            f.as_ref()
                .map(|(_, d)| Arc::new(d.iter().map(|d| d.uuid.clone()).collect::<HashSet<_>>()))
        })
    });
    let elsewhere = Memo::new(move |_| {
        let loaded: HashSet<String> = loader.rows.with(|r| match r {
            Some(Ok(rows)) => rows.iter().map(|d| d.uuid.clone()).collect(),
            _ => HashSet::new(),
        });
        found.with(|f| {
            f.as_ref().map(|(l, d)| {
                let other: Vec<(String, String, String)> = d
                    .iter()
                    .filter(|d| !loaded.contains(&d.uuid))
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
            key: |d: &Device| d.uuid.clone(),
            keys,
        },
        panel,
    )
}
