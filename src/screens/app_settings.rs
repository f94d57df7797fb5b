//! App settings: every setting (Exchange, Wi-Fi, VPN, certificates…) with the server's type
//! filter, the groups it is assigned to and its properties; one setting's page; and the device
//! page's App settings tab.

use crate::backend::AppSettingApi;
use crate::domain::app_setting::{app_setting_columns, certificates_href, AppSetting};
use crate::screens::not_found::NotAvailable;
use crate::ui::chart_model::thousands;
use crate::ui::detail::Detail;
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn AppSettingsPage() -> impl IntoView {
    match crate::context::app_settings() {
        Some(settings) => view! { <AppSettings settings=settings/> }.into_any(),
        None => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn AppSettings(settings: Arc<dyn AppSettingApi>) -> impl IntoView {
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("App settings");
    let types = settings.caps().types;
    let kind = Memo::new(move |_| query.with(|q| q.get("type")).and_then(|t| types.find(&t)));
    // The server filters by type.
    let loader = Loader::new(
        move || kind.get().map(|(key, _)| key),
        move |key: Option<&'static str>| {
            let settings = settings.clone();
            async move { settings.list(key).await }
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
        Some((_, label)) => format!("No app settings of type {label}."),
    });
    let filter = (!types.is_empty()).then(|| {
        view! {
            <label class="filter">
                <span>"Type"</span>
                <select on:change:target=move |ev| set_kind(ev.target().value())>
                    <option value="" selected=move || kind.get().is_none()>"All types"</option>
                    {types.iter().map(|(key, label)| {
                        view! { <option value=key selected=move || kind.get().is_some_and(|k| k.0 == key)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    });
    view! {
        <header class="page-header">
            <h1>"App settings"</h1>
            {crate::context::has(crate::backend::Screen::Certificates).then(|| view! {
                <p class="subtitle muted">
                    "Certificate and certificate-enrollment (SCEP) settings are also on the "
                    <A href=crate::routes::CERTIFICATES>"Certificates"</A>" screen."
                </p>
            })}
        </header>
        <DataTable
            name="app-settings"
            caption="App settings"
            noun="app settings"
            columns=Arc::new(app_setting_columns(crate::context::caps().groups_name))
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=empty
        >
            {filter}
        </DataTable>
    }
}

#[component]
pub fn AppSettingDetailPage() -> impl IntoView {
    match crate::context::app_settings() {
        Some(settings) => view! { <AppSettingPage settings=settings/> }.into_any(),
        None => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn AppSettingPage(settings: Arc<dyn AppSettingApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let setting: Load<AppSetting> = Load::item(
        move || id.get(),
        move |id: String| {
            let settings = settings.clone();
            async move { settings.get(&id).await }
        },
    );
    Effect::new(move |_| match setting.get() {
        Some(Ok(a)) => crate::context::page_title(&a.name),
        _ => crate::context::page_title("App setting"),
    });
    let not_found = Signal::derive(|| {
        "There is no app setting with this id. It may have been deleted.".to_string()
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::APP_SETTINGS>"App settings"</A></p>
        </header>
        <Detail load=setting noun="app setting" not_found=not_found let:a>
            <AppSettingView setting=a/>
        </Detail>
    }
}

#[component]
fn AppSettingView(setting: Arc<AppSetting>) -> impl IntoView {
    let a = setting;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let props = Arc::new(a.properties.clone());
    let cert_link = a.certificate.then(|| {
        let href = certificates_href(&a.name);
        view! {
            <p class="callout">
                "This is a certificate setting: see it with the issued certificates on the "
                <A href=href>"Certificates screen"</A>"."
            </p>
        }
    });
    let refs = a.certificate_refs.clone();
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
    let heading = crate::context::caps().groups_name;
    let one = crate::context::groups().map_or("group", |g| g.caps().one);
    let groups = a.groups.clone();
    view! {
        <h1>{a.name.clone()}</h1>
        <p class="subtitle">
            <span class="badge">{a.type_label.clone()}</span>" "
            <span class="badge">{a.origin_label()}</span>
        </p>
        {cert_link}
        {ref_links}
        {a.certificate.then(|| view! { <crate::screens::scep_profiles::ScepProfileLinks enrolment=a.id.to_string()/> })}
        <section class="panel" aria-labelledby="setting-overview-h">
            <h2 id="setting-overview-h">"Overview"</h2>
            <dl class="fields" aria-label="App setting">
                {field("Description", if a.description.is_empty() { "—".into() } else { a.description.clone() })}
                {field("Type", a.type_label.clone())}
                {field("Origin", a.origin_label().to_string())}
                {field("Devices", thousands(a.device_count.max(0) as u64))}
                {field("Pending", thousands(a.pending_count.max(0) as u64))}
                {field("Quarantined", a.quarantined_count.map(|n| thousands(n.max(0) as u64)).unwrap_or_else(|| "—".into()))}
                {field("ID", a.id.clone())}
            </dl>
        </section>
        <section class="panel" aria-labelledby="setting-labels-h">
            <h2 id="setting-labels-h">{heading}</h2>
            {if groups.is_empty() {
                view! { <p class="empty-note">{format!("Not assigned to any {one}.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="chips" aria-label=heading>
                        {groups.into_iter().map(|g| {
                            let href = crate::routes::group(&g.id);
                            view! { <li class="chip"><A href=href>{g.name}</A></li> }
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

/// The device page's tab: the app settings (configurations) on the device.
#[component]
pub fn AppSettingsTab(device_id: String) -> impl IntoView {
    let Some(settings) = crate::context::app_settings() else {
        return view! { <NotAvailable/> }.into_any();
    };
    let loader = Loader::new(
        move || device_id.clone(),
        move |id: String| {
            let settings = settings.clone();
            async move { settings.for_device(&id).await }
        },
    );
    view! {
        <DataTable name="device-app-settings" caption="App settings" noun="app settings" url_prefix="as."
            columns=Arc::new(app_setting_columns(crate::context::caps().groups_name)) rows=loader.signal() on_retry=loader.retry_callback()
            empty="No app settings are on this device."/>
    }
    .into_any()
}
