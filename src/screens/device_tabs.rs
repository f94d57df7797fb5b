//! The device page's further tabs, for every server that has them (`DeviceDetailsApi`): the apps,
//! certificates (with their expiry) and configuration profiles on the device, the device groups it
//! is in, the settings the server can switch on it, and its custom attributes, edited with the
//! widget their type asks for.

use crate::backend::device_details::tab;
use crate::backend::{ApiError, DeviceDetailsApi};
use crate::domain::attributes::{attribute_rows, changes, AttributeKind, AttributeRow, FormValues};
use crate::domain::device::Device;
use crate::domain::inventory::{
    device_certificate_columns, group_membership_columns, installed_app_columns,
    installed_profile_columns, DeviceSetting, SettingState,
};
use crate::screens::device_detail::or_dash;
use crate::ui::loader::Loader;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use crate::ui::table::engine::Column;
use crate::ui::toast;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::sync::Arc;

/// Whether `key` is one of these tabs.
pub fn handles(key: &str) -> bool {
    tab::ALL.contains(&key)
}

/// The tab `key` of a device.
#[component]
pub fn DeviceTab(
    key: String,
    device: Arc<Device>,
    /// The device changed (its attributes were written): reload it.
    on_changed: Callback<()>,
) -> impl IntoView {
    let Some(api) = crate::context::device_details() else {
        return view! { <crate::screens::not_found::NotAvailable/> }.into_any();
    };
    if let Some(why) = api.unavailable(&key, &device) {
        return view! { <p class="muted" role="status">{why}</p> }.into_any();
    }
    match key.as_str() {
        tab::APPS => inventory(
            ("device-apps", "Applications", "apps", "ap."),
            installed_app_columns(),
            "The device reports no apps.",
            fetch(
                &api,
                &device,
                |api, d| async move { api.applications(&d).await },
            ),
        ),
        tab::CERTIFICATES => inventory(
            ("device-certificates", "Certificates", "certificates", "ct."),
            device_certificate_columns(),
            "The device reports no certificates.",
            fetch(
                &api,
                &device,
                |api, d| async move { api.certificates(&d).await },
            ),
        ),
        tab::INSTALLED_PROFILES => inventory(
            ("device-installed-profiles", "Profiles", "profiles", "ip."),
            installed_profile_columns(),
            "The device reports no configuration profiles.",
            fetch(
                &api,
                &device,
                |api, d| async move { api.profiles(&d).await },
            ),
        ),
        tab::GROUPS => inventory(
            ("device-groups", "Device groups", "device groups", "dg."),
            group_membership_columns(),
            "The device is in no device group.",
            fetch(&api, &device, |api, d| async move { api.groups(&d).await }),
        ),
        tab::SETTINGS => view! { <SettingsTab api=api device=device/> }.into_any(),
        _ => view! { <AttributesTab api=api device=device on_changed=on_changed/> }.into_any(),
    }
}

/// A call of the details API for this device, as a loader's fetch (made again on Retry).
fn fetch<Fut: Future>(
    api: &Arc<dyn DeviceDetailsApi>,
    device: &Arc<Device>,
    call: impl Fn(Arc<dyn DeviceDetailsApi>, Arc<Device>) -> Fut + 'static,
) -> impl Fn(()) -> Fut + 'static {
    let (api, device) = (api.clone(), device.clone());
    move |()| call(api.clone(), device.clone())
}

/// A table of what the device reports: (CSV name, caption, noun, URL key prefix).
fn inventory<T, Fut>(
    (name, caption, noun, prefix): (&'static str, &'static str, &'static str, &'static str),
    columns: Vec<Column<T>>,
    empty: &'static str,
    fetch: impl Fn(()) -> Fut + 'static,
) -> AnyView
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<T>, ApiError>> + 'static,
{
    let loader = Loader::new(
        || (),
        move |()| {
            let rows = fetch(());
            async move { rows.await.map(Arc::new) }
        },
    );
    view! {
        <DataTable name=name caption=caption noun=noun url_prefix=prefix
            columns=Arc::new(columns) rows=loader.signal() on_retry=loader.retry_callback()
            empty=empty/>
    }
    .into_any()
}

/// Personal hotspot and data roaming as the device last reported them, with the actions to switch
/// them.
#[component]
fn SettingsTab(api: Arc<dyn DeviceDetailsApi>, device: Arc<Device>) -> impl IntoView {
    let loader: Loader<SettingState> = Loader::new(
        || (),
        fetch(&api, &device, |api, d| async move {
            api.settings(&d).await.map(Arc::new)
        }),
    );
    let busy = RwSignal::new(false);
    let change = {
        let (api, device) = (api.clone(), device.clone());
        move |setting: DeviceSetting, enabled: bool| {
            let (api, device) = (api.clone(), device.clone());
            busy.set(true);
            spawn_local(async move {
                let r = api.change_setting(&device, setting, enabled).await;
                busy.set(false);
                match r {
                    Ok(m) => {
                        toast::info(m);
                        loader.refresh();
                    }
                    Err(e) => toast::error(e.message()),
                }
            });
        }
    };
    let change =
        StoredValue::new(Arc::new(change) as Arc<dyn Fn(DeviceSetting, bool) + Send + Sync>);
    view! {
        <section class="panel" aria-label="Hotspot and roaming">
            <p class="muted">"As the device reported them at its last check-in. A change reaches the device at its next check-in."</p>
            {move || match loader.get() {
                None => view! { <p role="status">"Loading settings…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <RetryAlert message=e.message() on_retry=loader.retry_callback()/>
                }.into_any(),
                Some(Ok(states)) => view! {
                    <dl class="field-groups">
                        {states.iter().map(|s| {
                            let s = *s;
                            let turn_on = s.enabled != Some(true);
                            let action = format!("Turn {} {}", if turn_on { "on" } else { "off" }, s.setting.label().to_lowercase());
                            view! {
                                <div>
                                    <dt>{s.setting.label()}</dt>
                                    <dd>
                                        {s.state_label()}" "
                                        <button type="button" class="button small" disabled=move || busy.get()
                                            on:click=move |_| (change.get_value())(s.setting, turn_on)>{action}</button>
                                    </dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}

/// The custom attributes the server describes, each edited with its type's widget where the
/// server lets it be written.
#[component]
fn AttributesTab(
    api: Arc<dyn DeviceDetailsApi>,
    device: Arc<Device>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let values = device.attributes.clone();
    let fields = Loader::new(
        || (),
        fetch(&api, &device, |api, _| async move {
            api.attribute_fields().await.map(Arc::new)
        }),
    );
    let read_only = api.attributes_read_only(&device);
    let save = move |rows: Arc<Vec<AttributeRow>>, inputs: FormValues| {
        let (api, device) = (api.clone(), device.clone());
        async move {
            let changed = changes(&rows, &inputs).map_err(|e| ApiError::rejected(0, e))?;
            if changed.is_empty() {
                return Ok("Nothing changed.".to_string());
            }
            api.set_attributes(&device, &changed).await
        }
    };
    let save = StoredValue::new(Arc::new(save));
    view! {
        <section class="panel" aria-label="Custom attributes">
            {read_only.map(|why| view! { <p class="muted">{why}</p> })}
            {move || fields.view("Loading attributes…", |f| {
                let rows = Arc::new(attribute_rows(&f, &values));
                let save = save.get_value();
                view! {
                    <AttributesForm rows=rows.clone() editable=read_only.is_none()
                        on_save=Callback::new(move |inputs| {
                            let fut = save(rows.clone(), inputs);
                            spawn_local(async move {
                                match fut.await {
                                    Ok(m) => {
                                        toast::info(m);
                                        on_changed.try_run(());
                                    }
                                    Err(e) => toast::error(e.message()),
                                }
                            });
                        })/>
                }.into_any()
            })}
        </section>
    }
}

/// The attribute lines, each writable one with its type's widget, and "Save attributes".
#[component]
pub(crate) fn AttributesForm(
    rows: Arc<Vec<AttributeRow>>,
    editable: bool,
    on_save: Callback<FormValues>,
    /// Whose attributes (`devices`, `users`), for the text shown when there are none.
    #[prop(default = "devices")]
    of: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{format!("The server describes no custom attributes for {of}.")}</p> }
            .into_any();
    }
    // The form values of the writable lines, by name.
    let inputs = RwSignal::new(
        rows.iter()
            .filter(|r| editable && r.field.writable)
            .map(|r| (r.field.name.clone(), r.field.kind.input_value(&r.value)))
            .collect::<Vec<_>>(),
    );
    let set = move |name: String, value: String| {
        inputs.update(|all| {
            if let Some(slot) = all.iter_mut().find(|(n, _)| *n == name) {
                slot.1 = value;
            }
        })
    };
    let any_writable = !inputs.with_untracked(Vec::is_empty);
    let lines = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = r.field.name.clone();
            let kind = r.field.kind;
            if !(editable && r.field.writable) {
                return view! {
                    <div><dt>{name}</dt><dd>{or_dash(&kind.display(&r.value))}</dd></div>
                }
                .into_any();
            }
            let current = {
                let name = name.clone();
                move || {
                    inputs.with(|all| {
                        all.iter()
                            .find(|(n, _)| *n == name)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    })
                }
            };
            let (n, id) = (name.clone(), format!("attribute-{i}"));
            let widget = match kind {
                AttributeKind::Boolean => view! {
                    <input type="checkbox" id=id.clone() prop:checked=move || current() == "true"
                        on:change:target=move |ev| set(n.clone(), ev.target().checked().to_string())/>
                }
                .into_any(),
                AttributeKind::Date => view! {
                    <input type="date" id=id.clone() prop:value=current
                        on:input:target=move |ev| set(n.clone(), ev.target().value())/>
                }
                .into_any(),
                AttributeKind::Text => view! {
                    <input type="text" id=id.clone() autocomplete="off" prop:value=current
                        on:input:target=move |ev| set(n.clone(), ev.target().value())/>
                }
                .into_any(),
            };
            view! {
                <div><dt><label for=id>{name}</label></dt><dd>{widget}</dd></div>
            }
            .into_any()
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_save.run(inputs.get_untracked());
    };
    view! {
        <form class="form-grid" on:submit=submit novalidate>
            <dl class="field-groups attributes">{lines}</dl>
            {any_writable.then(|| view! {
                <div class="form-actions">
                    <button type="submit" class="button primary">"Save attributes"</button>
                </div>
            })}
        </form>
    }
    .into_any()
}
