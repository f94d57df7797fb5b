//! One device: every field, decoded compliance, platform details, related data and actions.

use crate::api::{devices, ApiClient, ApiError};
use crate::components::key_value::KeyValueTable;
use crate::model::device::Device;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

#[component]
pub fn DeviceDetailPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let uuid = Memo::new(move |_| params.with(|p| p.get("uuid")).unwrap_or_default());
    let device = LocalResource::new(move || {
        let api = api.clone();
        let u = uuid.get();
        async move { devices::get(&api, &u).await.map(Arc::new) }
    });
    Effect::new(move |_| {
        if let Some(Ok(d)) = device.get() {
            crate::app::page_title(&d.name);
        }
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/devices">"Devices"</A></p>
        </header>
        {move || match device.get() {
            None => view! { <p class="state loading" role="status">"Loading device…"</p> }.into_any(),
            Some(Err(ApiError::NotFound(_))) => view! {
                <h1>"Device not found"</h1>
                <p role="alert">{format!("There is no device with id {}. It may have been removed.", uuid.get())}</p>
            }.into_any(),
            Some(Err(e)) => view! {
                <h1>"Device"</h1>
                <div class="state error" role="alert">
                    <p>{e.message()}</p>
                    <button type="button" class="button" on:click=move |_| device.refetch()>"Retry"</button>
                </div>
            }.into_any(),
            Some(Ok(d)) => view! { <DeviceView device=d/> }.into_any(),
        }}
    }
}

fn date(ms: Option<i64>) -> String {
    ms.map(wire::datetime::format_short)
        .map(|s| format!("{s} UTC"))
        .unwrap_or_else(|| "—".into())
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

#[component]
fn DeviceView(device: Arc<Device>) -> impl IntoView {
    let d = device.clone();
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let reasons = |label: &'static str,
                   list: &[std::borrow::Cow<'static, str>],
                   none: &'static str| {
        let items: Vec<String> = list.iter().map(|r| r.to_string()).collect();
        view! {
            <div>
                <dt>{label}</dt>
                <dd>
                    {if items.is_empty() {
                        view! { <span class="badge badge-compliant">{none}</span> }.into_any()
                    } else {
                        view! { <ul class="reasons">{items.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </dd>
            </div>
        }
    };
    let details = Arc::new(d.details.clone());
    view! {
        <h1>{d.name.clone()}</h1>
        <p class="subtitle">
            <span class=format!("badge badge-{}", d.state_label().to_lowercase().replace(' ', "-"))>{d.state_label()}</span>
            " "{d.platform.clone()}" · "{d.model.clone()}" · "{d.user.clone()}
        </p>
        <section class="panel" aria-labelledby="overview-h">
            <h2 id="overview-h">"Overview"</h2>
            <div class="field-groups">
                <dl aria-label="Device">
                    {field("Name", d.name.clone())}
                    {field("Status", d.state_label())}
                    {field("Platform", or_dash(&d.platform))}
                    {field("OS version", or_dash(&d.os_version))}
                    {field("Manufacturer", or_dash(&d.manufacturer))}
                    {field("Model", or_dash(&d.model))}
                    {field("Serial number", or_dash(&d.serial))}
                    {field("IMEI", or_dash(&d.imei))}
                    {field("Wi-Fi MAC", or_dash(&d.wifi_mac))}
                    {field("Client version", or_dash(&d.client_version))}
                    {field("MDM managed", if d.mdm_managed { "Yes".into() } else { "No".into() })}
                    {field("UUID", d.uuid.clone())}
                    {field("Internal id", d.internal_id.to_string())}
                </dl>
                <dl aria-label="User">
                    {field("User", or_dash(&d.user))}
                    {field("Display name", or_dash(&d.user_display_name))}
                    {field("Email", or_dash(&d.email))}
                    {field("Ownership", d.ownership.label().to_string())}
                    {field("User UUID", or_dash(&d.user_uuid))}
                    {field("Comment", or_dash(&d.comment))}
                </dl>
                <dl aria-label="Connectivity">
                    {field("Phone", or_dash(&d.phone))}
                    {field("Operator", or_dash(&d.operator))}
                    {field("Home operator", or_dash(&d.home_operator))}
                    {field("Country", or_dash(&d.country))}
                    {field("Last check-in", date(d.last_seen))}
                    {field("Registered", date(d.registered))}
                    {field("ActiveSync id", or_dash(&d.eas_id))}
                    {field("Last ActiveSync attempt", date(d.eas_last_sync))}
                </dl>
                <dl aria-label="Compliance">
                    {reasons("Compliance", &d.compliance_reasons, "Compliant")}
                    {reasons("Quarantine", &d.quarantine_reasons, "Not quarantined")}
                    {reasons("ActiveSync block", &d.block_reasons, "Not blocked")}
                </dl>
            </div>
        </section>
        <section class="panel" aria-labelledby="details-h">
            <h2 id="details-h">"Platform details"</h2>
            <KeyValueTable caption="Platform details" entries=details/>
        </section>
    }
}
