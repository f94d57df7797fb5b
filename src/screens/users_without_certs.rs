//! Users without certificates of one configuration (E15), with the server-side CSV export
//! (E16 → E17 → E18): the admin's "nag list".

use super::certificates::{
    configs_ready, configs_state, load_configs, retry_configs_or, CertificateTabs,
};
use crate::backend::epmm::{certificates, ApiClient, ApiError};
use crate::domain::certificate::{export_file_name, user_columns};
use crate::ui::export_job::{ExportOps, ExportPanel};
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::rc::Rc;
use std::sync::Arc;

#[component]
pub fn UsersWithoutCertsPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    crate::context::page_title("Users without certificates");
    let query = use_query_map();
    let nav = QueryNav::new();
    let configs = load_configs(&api);
    // `?ce=<id>`, else the first configuration.
    let ce = Memo::new(move |_| {
        let asked = query.with(|q| q.get("ce")).unwrap_or_default();
        if !asked.is_empty() {
            return asked;
        }
        match configs.get() {
            Some(Ok(list)) => list.first().map(|c| c.id.clone()).unwrap_or_default(),
            _ => String::new(),
        }
    });
    let ce_name = Memo::new(move |_| {
        let id = ce.get();
        match configs.get() {
            Some(Ok(list)) => list
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or(id),
            _ => id,
        }
    });
    let api2 = api.clone();
    let loader = Loader::new(
        move || (ce.get(), configs_state(configs)),
        move |(id, loaded): (String, Option<Result<(), ApiError>>)| {
            let api = api2.clone();
            async move {
                configs_ready(loaded).await?;
                if id.is_empty() {
                    return Ok(Arc::new(Vec::new()));
                }
                certificates::users_without(&api, &id).await
            }
        },
    );
    let retry = retry_configs_or(&api, configs, loader.retry_callback());
    let set_ce = move |id: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "ce" && k != "page");
            pairs.push(("ce".into(), id));
        });
    };
    let ops = ExportOps {
        start: Rc::new({
            let api = api.clone();
            move || {
                let api = api.clone();
                // Also called from the polling loop: the screen may be gone by then.
                let id = ce.try_get_untracked().unwrap_or_default();
                Box::pin(async move { certificates::users_export_start(&api, &id).await })
            }
        }),
        status: Rc::new({
            let api = api.clone();
            move || {
                let api = api.clone();
                // Also called from the polling loop: the screen may be gone by then.
                let id = ce.try_get_untracked().unwrap_or_default();
                Box::pin(async move { certificates::users_export_status(&api, &id).await })
            }
        }),
        download: Rc::new({
            let api = api.clone();
            move || {
                let api = api.clone();
                // Also called from the polling loop: the screen may be gone by then.
                let id = ce.try_get_untracked().unwrap_or_default();
                Box::pin(async move { certificates::users_export_download(&api, &id).await })
            }
        }),
        file_name: Rc::new(move |t| {
            export_file_name(
                "users-without-certificates",
                &ce_name.try_get_untracked().unwrap_or_default(),
                t,
            )
        }),
    };
    let blocked = Signal::derive(move || {
        ce.with(|c| c.is_empty())
            .then(|| "Choose a configuration to export.".to_string())
    });
    let what =
        Signal::derive(move || format!("the users without a certificate of “{}”", ce_name.get()));
    let empty =
        Signal::derive(move || format!("Every user has a certificate of “{}”.", ce_name.get()));
    view! {
        <header class="page-header">
            <h1>"Users without certificates"</h1>
            <CertificateTabs/>
        </header>
        <ExportPanel ops=ops what=what blocked=blocked key=Signal::derive(move || ce.get())
            unknown=Signal::derive(move || ce.with(String::is_empty))/>
        <DataTable
            name="users-without-certificates"
            caption="Users without certificates"
            noun="users"
            columns=Arc::new(user_columns())
            rows=loader.signal()
            on_retry=retry
            empty=empty
        >
            <label class="filter">
                <span>"Configuration"</span>
                <select on:change:target=move |ev| set_ce(ev.target().value())>
                    {move || match configs.get() {
                        Some(Ok(list)) => list.iter().map(|c| {
                            let id = c.id.clone();
                            let sel = id.clone();
                            view! { <option value=id selected=move || ce.get() == sel>{c.title()}</option> }
                        }).collect_view().into_any(),
                        _ => ().into_any(),
                    }}
                </select>
            </label>
        </DataTable>
    }
}
