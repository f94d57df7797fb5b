//! Policies: every policy with its type, status, priority and labels, on the generic table.

use crate::backend::epmm::{policies, ApiClient};
use crate::domain::policy::{policy_columns, Policy, PolicyProfile};
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Policies");
    // The profile-type filter works on the loaded list (V1 has no filter for it).
    let profile = Memo::new(move |_| {
        query
            .with(|q| q.get("profile"))
            .and_then(|s| PolicyProfile::parse(&s))
    });
    let all = Loader::new(
        || (),
        move |_| {
            let api = api.clone();
            async move { policies::list(&api).await }
        },
    );
    let rows = Signal::derive(move || {
        let p = profile.get();
        all.rows.with(|r| {
            r.as_ref().map(|r| {
                r.as_ref()
                    .map(|list| match p {
                        None => list.clone(),
                        Some(p) => Arc::new(
                            list.iter()
                                .filter(|x: &&Policy| x.profile == Some(p))
                                .cloned()
                                .collect(),
                        ),
                    })
                    .map_err(Clone::clone)
            })
        })
    });
    let rows = Memo::new(move |_| rows.get());
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
        Some(p) => format!("No {} policies.", p.label().to_lowercase()),
    });
    view! {
        <header class="page-header">
            <h1>"Policies"</h1>
        </header>
        <DataTable
            name="policies"
            caption="Policies"
            noun="policies"
            columns=Arc::new(policy_columns())
            rows=Signal::derive(move || rows.get())
            on_retry=all.retry_callback()
            empty=empty
        >
            <label class="filter">
                <span>"Profile type"</span>
                <select on:change:target=move |ev| set_profile(ev.target().value())>
                    <option value="" selected=move || profile.get().is_none()>"All"</option>
                    {PolicyProfile::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.key() selected=move || profile.get() == Some(p)>{p.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DataTable>
    }
}
