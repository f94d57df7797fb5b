//! Policies: every policy with its type, status, priority and groups, on the generic table; and
//! the device page's Policies tab.

use crate::backend::PolicyApi;
use crate::domain::policy::{policy_columns, Policy};
use crate::screens::not_found::NotAvailable;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    match crate::context::policies() {
        Some(policies) => view! { <Policies policies=policies/> }.into_any(),
        None => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn Policies(policies: Arc<dyn PolicyApi>) -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Policies");
    let choices = policies.caps().profiles;
    // The profile-type filter works on the loaded list (the servers have no filter for it).
    let profile = Memo::new(move |_| {
        query
            .with(|q| q.get("profile"))
            .and_then(|s| choices.find(&s))
    });
    let all = Loader::new(
        || (),
        move |_| {
            let policies = policies.clone();
            async move { policies.list().await }
        },
    );
    let rows = Memo::new(move |_| {
        let p = profile.get();
        all.rows.with(|r| {
            r.as_ref().map(|r| {
                r.as_ref()
                    .map(|list| match p {
                        None => list.clone(),
                        Some((key, _)) => Arc::new(
                            list.iter()
                                .filter(|x: &&Policy| x.profile_key == key)
                                .cloned()
                                .collect(),
                        ),
                    })
                    .map_err(Clone::clone)
            })
        })
    });
    let set_profile = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "profile" && k != "page");
            if !key.is_empty() {
                pairs.push(("profile".into(), key));
            }
        });
    };
    let empty = Signal::derive(move || match profile.get() {
        None => "The server has no policies.".to_string(),
        Some((_, label)) => format!("No {} policies.", label.to_lowercase()),
    });
    let filter = (!choices.is_empty()).then(|| {
        view! {
            <label class="filter">
                <span>"Profile type"</span>
                <select on:change:target=move |ev| set_profile(ev.target().value())>
                    <option value="" selected=move || profile.get().is_none()>"All"</option>
                    {choices.iter().map(|(key, label)| {
                        view! { <option value=key selected=move || profile.get().is_some_and(|p| p.0 == key)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    });
    view! {
        <header class="page-header">
            <h1>"Policies"</h1>
        </header>
        <DataTable
            name="policies"
            caption="Policies"
            noun="policies"
            columns=Arc::new(policy_columns(crate::context::caps().groups_name))
            rows=Signal::derive(move || rows.get())
            on_retry=all.retry_callback()
            empty=empty
        >
            {filter}
        </DataTable>
    }
}

/// The device page's tab: the policies applied to the device.
#[component]
pub fn PoliciesTab(device_id: String) -> impl IntoView {
    let Some(policies) = crate::context::policies() else {
        return view! { <NotAvailable/> }.into_any();
    };
    let loader = Loader::new(
        move || device_id.clone(),
        move |id: String| {
            let policies = policies.clone();
            async move { policies.for_device(&id).await }
        },
    );
    view! {
        <DataTable name="device-policies" caption="Policies" noun="policies" url_prefix="po."
            columns=Arc::new(policy_columns(crate::context::caps().groups_name)) rows=loader.signal() on_retry=loader.retry_callback()
            empty="No policies apply to this device."/>
    }
    .into_any()
}
