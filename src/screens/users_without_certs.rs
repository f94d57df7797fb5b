//! Users without a certificate of one configuration, with the server-side CSV export: the
//! admin's "nag list".

use super::certificates::{
    configs_ready, configs_state, export_ops, load_configs, retry_configs_or, with_issued,
    CertificateTabs,
};
use crate::backend::certificates::ExportJob;
use crate::backend::{ApiError, IssuedCertificateApi};
use crate::domain::certificates::configs::user_columns;
use crate::domain::certificates::export::export_file_name;
use crate::ui::export_job::ExportPanel;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn UsersWithoutCertsPage() -> impl IntoView {
    with_issued(|issued| {
        if issued.caps().users_without {
            view! { <UsersWithoutCerts issued=issued/> }.into_any()
        } else {
            view! { <crate::screens::not_found::NotAvailable/> }.into_any()
        }
    })
}

#[component]
fn UsersWithoutCerts(issued: Arc<dyn IssuedCertificateApi>) -> impl IntoView {
    crate::context::page_title("Users without certificates");
    let query = use_query_map();
    let nav = QueryNav::new();
    let configs = load_configs(&issued);
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
    let lister = issued.clone();
    let loader = Loader::new(
        move || (ce.get(), configs_state(configs)),
        move |(id, loaded): (String, Option<Result<(), ApiError>>)| {
            let issued = lister.clone();
            async move {
                configs_ready(loaded).await?;
                if id.is_empty() {
                    return Ok(Arc::new(Vec::new()));
                }
                issued.users_without(&id).await
            }
        },
    );
    let retry = retry_configs_or(configs, loader.retry_callback());
    let set_ce = move |id: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "ce" && k != "page");
            pairs.push(("ce".into(), id));
        });
    };
    let ops = export_ops(
        &issued,
        // Also called from the polling loop: the screen may be gone by then.
        move || ExportJob::UsersWithout(ce.try_get_untracked().unwrap_or_default()),
        move |t| {
            export_file_name(
                "users-without-certificates",
                &ce_name.try_get_untracked().unwrap_or_default(),
                t,
            )
        },
    );
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
