//! App settings: every setting (Exchange, Wi-Fi, VPN, certificates…) with a type filter, the
//! labels it is assigned to and its properties; and one setting's page.

use crate::backend::epmm::{app_settings, ApiClient, ApiError};
use crate::domain::app_setting::{
    app_setting_columns, certificates_href, parse_type, type_label, AppSetting, SETTING_TYPES,
};
use crate::ui::chart_model::thousands;
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use crate::url::encode_path_segment;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn AppSettingsPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("App settings");
    let kind = Memo::new(move |_| query.with(|q| q.get("type")).and_then(|t| parse_type(&t)));
    // The server filters by type (`?type=`, L8140-8160).
    let loader = Loader::new(
        move || kind.get(),
        move |k| {
            let api = api.clone();
            async move { app_settings::list(&api, k).await }
        },
    );
    let set_kind = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "type" && k != "page");
            if !key.is_empty() {
                pairs.push(("type".into(), key));
            }
        });
    };
    let empty = Signal::derive(move || match kind.get() {
        None => "The server has no app settings.".to_string(),
        Some(k) => format!("No app settings of type {}.", type_label(k)),
    });
    view! {
        <header class="page-header">
            <h1>"App settings"</h1>
            <p class="subtitle muted">
                "Certificate and certificate-enrollment (SCEP) settings are also on the "
                <A href="/certificates">"Certificates"</A>" screen."
            </p>
        </header>
        <DataTable
            name="app-settings"
            caption="App settings"
            noun="app settings"
            columns=Arc::new(app_setting_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
        >
            <label class="filter">
                <span>"Type"</span>
                <select on:change:target=move |ev| set_kind(ev.target().value())>
                    <option value="" selected=move || kind.get().is_none()>"All types"</option>
                    {SETTING_TYPES.iter().map(|(key, label)| {
                        let key = *key;
                        view! { <option value=key selected=move || kind.get() == Some(key)>{*label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DataTable>
    }
}

#[component]
pub fn AppSettingDetailPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.trim().parse::<i64>().ok())
    });
    // V1 has no single-setting call: the setting is picked from the list.
    let setting = LocalResource::new(move || {
        let api = api.clone();
        let want = id.get();
        async move {
            let Some(want) = want else {
                return Ok(None);
            };
            let list = app_settings::list(&api, None).await?;
            Ok::<_, ApiError>(list.iter().find(|a| a.id == want).cloned().map(Arc::new))
        }
    });
    Effect::new(move |_| match setting.get() {
        Some(Ok(Some(a))) => crate::context::page_title(&a.name),
        _ => crate::context::page_title("App setting"),
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/app-settings">"App settings"</A></p>
        </header>
        {move || match setting.get() {
            None => view! { <p class="state loading" role="status">"Loading app setting…"</p> }.into_any(),
            Some(Ok(None)) => view! {
                <h1>"App setting not found"</h1>
                <RetryAlert message="There is no app setting with this id. It may have been deleted." on_retry=Callback::new(move |_| { setting.refetch(); })/>
            }.into_any(),
            Some(Err(e)) => view! {
                <h1>"App setting"</h1>
                <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { setting.refetch(); })/>
            }.into_any(),
            Some(Ok(Some(a))) => view! { <AppSettingView setting=a/> }.into_any(),
        }}
    }
}

#[component]
fn AppSettingView(setting: Arc<AppSetting>) -> impl IntoView {
    let a = setting;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let props = Arc::new(a.properties.clone());
    let refs: Vec<String> = a
        .certificate_references()
        .into_iter()
        .map(str::to_string)
        .collect();
    let cert_link = a.is_certificate().then(|| {
        let href = certificates_href(&a.name);
        view! {
            <p class="callout">
                "This is a certificate setting: see it with the issued certificates on the "
                <A href=href>"Certificates screen"</A>"."
            </p>
        }
    });
    let ref_links = (!refs.is_empty()).then(|| {
        view! {
            <p class="callout">
                "Uses the certificate "
                {refs.into_iter().map(|r| {
                    let href = certificates_href(&r);
                    view! { <A href=href>{r}</A>" " }
                }).collect_view()}
                "(Certificates screen)."
            </p>
        }
    });
    let labels: Vec<String> = a.labels.clone();
    view! {
        <h1>{a.name.clone()}</h1>
        <p class="subtitle">
            <span class="badge">{a.type_label()}</span>" "
            <span class="badge">{a.origin_label()}</span>
        </p>
        {cert_link}
        {ref_links}
        {(a.app_type == "SCEP").then(|| view! { <crate::screens::scep_profiles::ScepProfileLinks enrolment=a.id.to_string()/> })}
        <section class="panel" aria-labelledby="setting-overview-h">
            <h2 id="setting-overview-h">"Overview"</h2>
            <dl class="fields" aria-label="App setting">
                {field("Description", if a.description.is_empty() { "—".into() } else { a.description.clone() })}
                {field("Type", a.type_label())}
                {field("Origin", a.origin_label().to_string())}
                {field("Devices", thousands(a.device_count.max(0) as u64))}
                {field("Pending", thousands(a.pending_count.max(0) as u64))}
                {field("Quarantined", a.quarantined_count.map(|n| thousands(n.max(0) as u64)).unwrap_or_else(|| "—".into()))}
                {field("ID", a.id.to_string())}
            </dl>
        </section>
        <section class="panel" aria-labelledby="setting-labels-h">
            <h2 id="setting-labels-h">"Labels"</h2>
            {if labels.is_empty() {
                view! { <p class="empty-note">"Not assigned to any label."</p> }.into_any()
            } else {
                view! {
                    <ul class="chips" aria-label="Labels">
                        {labels.into_iter().map(|l| {
                            let href = format!("/labels/{}", encode_path_segment(&l));
                            view! { <li class="chip"><A href=href>{l}</A></li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="setting-props-h">
            <h2 id="setting-props-h">"Properties"</h2>
            <KeyValueTable caption="Properties" entries=props/>
        </section>
    }
}
