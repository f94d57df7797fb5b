//! One device: every field, compliance in words, platform details, related data and the actions
//! this server offers, with its tabs.

use crate::backend::devices::{ActionInput, DeviceApi};
use crate::backend::ApiError;
use crate::domain::actions::{unlock_meaning, DeviceCommand, DeviceLocation, UnlockCode};
use crate::domain::device::{Device, OsFamily};
use crate::domain::profile::{profile_columns, Profile};
use crate::ui::copy::CopyButton;
use crate::ui::detail::Detail;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::DataTable;
use crate::ui::table::selection::Selection;
use crate::ui::toast;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

#[component]
pub fn DeviceDetailPage() -> impl IntoView {
    match crate::context::devices() {
        Some(devices) => view! { <DevicePage devices=devices/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn DevicePage(devices: Arc<dyn DeviceApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("uuid")).unwrap_or_default());
    let api = devices.clone();
    let device: Load<Device> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = api.clone();
            async move { api.get(&id).await }
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(d)) = device.get() {
            crate::context::page_title(&d.name);
        }
    });
    let on_changed = Callback::new(move |_| device.refresh());
    // Lives above the device view, which is rebuilt when the device reloads after an action.
    let answer = RwSignal::new(None::<Answer>);
    let not_found = Signal::derive(move || {
        format!(
            "There is no device with id {}. It may have been removed.",
            id.get()
        )
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::DEVICES>"Devices"</A></p>
        </header>
        <Detail load=device noun="device" not_found=not_found let:d>
            <DeviceView device=d devices=devices.clone() on_changed=on_changed answer=answer/>
        </Detail>
        <AnswerDialog answer=answer/>
    }
}

fn date(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_local_named)
        .unwrap_or_else(|| "—".into())
}

pub(crate) fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

#[component]
fn DeviceView(
    device: Arc<Device>,
    devices: Arc<dyn DeviceApi>,
    on_changed: Callback<()>,
    answer: RwSignal<Option<Answer>>,
) -> impl IntoView {
    let d = device.clone();
    // The overview, then this server's tabs: (URL key, label).
    let tabs: Vec<(&'static str, &'static str)> = std::iter::once(("overview", "Overview"))
        .chain(devices.caps().tabs.iter().copied())
        .collect();
    let tabs = StoredValue::new(tabs);
    let query = use_query_map();
    let nav = QueryNav::new();
    let tab = Memo::new(move |_| {
        query
            .with(|q| q.get("tab"))
            .filter(|t| tabs.with_value(|tabs| tabs.iter().any(|(k, _)| k == t)))
            .unwrap_or_else(|| "overview".to_string())
    });
    let select_tab = Callback::new(move |key: &'static str| {
        nav.edit(false, |pairs| {
            // Each tab's table keeps its own view keys; drop the others' with the tab.
            pairs.retain(|(k, _)| k != "tab" && !k.contains('.'));
            if key != "overview" {
                pairs.push(("tab".into(), key.to_string()));
            }
        });
    });
    let on_tab_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let tabs = tabs.get_value();
        let i = tabs
            .iter()
            .position(|(k, _)| *k == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % tabs.len(),
            "ArrowLeft" => (i + tabs.len() - 1) % tabs.len(),
            _ => return,
        };
        ev.prevent_default();
        select_tab.run(tabs[next].0);
        // Keyboard users stay on the tab they moved to.
        crate::browser::focus_by_id(&format!("tab-{}", tabs[next].0));
    };
    let dv = d.clone();
    view! {
        <h1>{d.name.clone()}</h1>
        <p class="subtitle">
            <span class=format!("badge badge-{}", d.state_label().to_lowercase().replace(' ', "-"))>{d.state_label()}</span>
            " "{d.platform.to_string()}" · "{d.model.to_string()}" · "{d.user.clone()}
        </p>
        {devices.caps().as_of_check_in.then(|| view! {
            <p class="muted as-of">{format!("As of the device's last check-in ({}).", date(d.last_seen))}</p>
        })}
        <DeviceActions device=d.clone() devices=devices.clone() on_changed=on_changed answer=answer on_locate=Callback::new(move |_| select_tab.run("location"))/>
        <div role="tablist" aria-label="Device information" on:keydown=on_tab_keydown>
            {tabs.get_value().into_iter().map(|(key, label)| view! {
                <button type="button" role="tab" id=format!("tab-{key}") aria-controls=format!("panel-{key}")
                    aria-selected=move || (tab.get() == key).to_string()
                    tabindex=move || if tab.get() == key { "0" } else { "-1" }
                    on:click=move |_| select_tab.run(key)>
                    {label}
                </button>
            }).collect_view()}
        </div>
        <div role="tabpanel" id=move || format!("panel-{}", tab.get()) aria-labelledby=move || format!("tab-{}", tab.get())>
            {move || match tab.get().as_str() {
                "details" => view! {
                    <KeyValueTable caption="Platform details" entries=Arc::new(dv.details.clone())/>
                }.into_any(),
                "profiles" => view! { <ProfilesTab uuid=dv.id.clone() devices=devices.clone()/> }.into_any(),
                "policies" => view! { <crate::screens::policies::PoliciesTab device_id=dv.id.clone()/> }.into_any(),
                "app-settings" => view! { <crate::screens::app_settings::AppSettingsTab device_id=dv.id.clone()/> }.into_any(),
                "alerts" => view! { <crate::screens::alerts::AlertsTab user=dv.user.clone()/> }.into_any(),
                "activesync" => view! { <crate::screens::activesync::ActiveSyncTab device=dv.clone()/> }.into_any(),
                "location" => view! { <LocationTab device=dv.clone() devices=devices.clone()/> }.into_any(),
                t if crate::screens::device_tabs::handles(t) => view! {
                    <crate::screens::device_tabs::DeviceTab key=t.to_string() device=dv.clone() on_changed=on_changed/>
                }.into_any(),
                _ => view! { <Overview device=dv.clone()/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Overview(device: Arc<Device>) -> impl IntoView {
    let d = device;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    // A value the admin hands on (to a carrier, a vendor's support) gets a Copy button.
    let copyable = |label: &'static str, what: &'static str, value: &str| {
        let copy = (!value.trim().is_empty())
            .then(|| view! { " " <CopyButton text=value.to_string() what=what/> });
        view! { <div><dt>{label}</dt><dd>{or_dash(value)}{copy}</dd></div> }
    };
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
    view! {
        <div class="field-groups">
            <dl aria-label="Device">
                {field("Name", d.name.clone())}
                {field("Status", d.state_label())}
                {field("Platform", or_dash(&d.platform))}
                {field("OS version", or_dash(&d.os_version))}
                {field("Manufacturer", or_dash(&d.manufacturer))}
                {field("Model", or_dash(&d.model))}
                {copyable("Serial number", "serial number", &d.serial)}
                {copyable("IMEI", "IMEI", &d.imei)}
                {field("Wi-Fi MAC", or_dash(&d.wifi_mac))}
                {field("Client version", or_dash(&d.client_version))}
                {d.mdm_managed.map(|m| field("MDM managed", if m { "Yes".into() } else { "No".into() }))}
                {copyable("UUID", "UUID", &d.id)}
                {d.extra.iter().map(|(label, value)| view! { <div><dt>{label.to_string()}</dt><dd>{or_dash(value)}</dd></div> }).collect_view()}
            </dl>
            <dl aria-label="User">
                {field("User", or_dash(&d.user))}
                {field("Display name", or_dash(&d.user_display_name))}
                {field("Email", or_dash(&d.email))}
                {field("Ownership", d.ownership.label().to_string())}
                {field("User UUID", or_dash(&d.user_id))}
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
    }
}

/// What the last action answered, when it has something to show.
#[derive(Clone, PartialEq)]
enum Answer {
    Unlock(Vec<UnlockCode>, OsFamily),
    LockPasscode(String),
}

/// Shows an unlock or lock passcode until the admin closes it.
#[component]
fn AnswerDialog(answer: RwSignal<Option<Answer>>) -> impl IntoView {
    move || {
        answer.get().map(|a| {
            let close = Callback::new(move |_| answer.set(None));
            let body = match a {
                Answer::Unlock(codes, _) if codes.is_empty() => {
                    view! { <p>"The server returned no passcode."</p> }.into_any()
                }
                Answer::Unlock(codes, os) => {
                    let several = codes.len() > 1;
                    view! {
                        <ul>
                            {codes.into_iter().enumerate().map(|(i, c)| {
                                let meaning = unlock_meaning(os, &c.value);
                                let what = if several { format!("passcode {}", i + 1) } else { "passcode".into() };
                                view! { <li><span class="secret">{c.value.clone()}</span>" "{meaning}" "<CopyButton text=c.value what=what/></li> }
                            }).collect_view()}
                        </ul>
                    }
                }
                .into_any(),
                Answer::LockPasscode(p) => view! {
                    <p>"The device can be unlocked with this passcode:"</p>
                    <p><span class="secret">{p.clone()}</span>" "<CopyButton text=p what="passcode"/></p>
                }
                .into_any(),
            };
            view! {
                <Modal title="Unlock passcode" on_close=close>
                    {body}
                    <div class="dialog-actions">
                        <button type="button" class="button primary" on:click=move |_| close.run(())>"Close"</button>
                    </div>
                </Modal>
            }
        })
    }
}

#[component]
fn DeviceActions(
    device: Arc<Device>,
    devices: Arc<dyn DeviceApi>,
    on_changed: Callback<()>,
    answer: RwSignal<Option<Answer>>,
    on_locate: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(None::<DeviceCommand>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let dev = StoredValue::new(device.clone());
    let actions = devices.caps().actions;
    let reason_max = devices.caps().reason_max;
    let blocked: Vec<&'static str> = {
        let mut v: Vec<&'static str> = actions
            .iter()
            .filter_map(|c| devices.refusal(&device, *c))
            .collect();
        v.dedup();
        v
    };

    let api2 = devices.clone();
    let perform = move |cmd: DeviceCommand, reason: String, roaming: Option<(bool, bool)>| {
        let api = api2.clone();
        let d = dev.get_value();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let input = ActionInput { reason, roaming };
            let result: Result<(String, Option<Answer>), ApiError> =
                api.run(&d, cmd, &input).await.map(|r| {
                    let extra = match (r.unlock_codes, r.lock_passcode) {
                        (Some(codes), _) => Some(Answer::Unlock(codes, d.os)),
                        (None, Some(p)) => Some(Answer::LockPasscode(p)),
                        (None, None) => None,
                    };
                    (r.message, extra)
                });
            busy.set(false);
            match result {
                Ok((message, extra)) => {
                    open.set(None);
                    let text = if message.trim().is_empty() {
                        format!("{} sent to {}.", cmd.label(), d.name)
                    } else {
                        message
                    };
                    toast::info(text);
                    answer.set(extra);
                    // The page may have been left meanwhile.
                    on_changed.try_run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let perform =
        StoredValue::new(Arc::new(perform)
            as Arc<dyn Fn(DeviceCommand, String, Option<(bool, bool)>) + Send + Sync>);

    let buttons = actions
        .iter()
        .map(|&cmd| {
            let why = devices.refusal(&device, cmd);
            let danger = cmd.confirm_word().is_some();
            view! {
                <button type="button" class=if danger { "button danger" } else { "button" }
                    disabled=why.is_some()
                    aria-describedby=why.map(|_| "actions-why")
                    title=why.unwrap_or("")
                    on:click=move |_| {
                        error.set(None);
                        if cmd == DeviceCommand::Locate { on_locate.run(()) } else { open.set(Some(cmd)) }
                    }>
                    {cmd.label()}
                </button>
            }
        })
        .collect_view();

    view! {
        <div class="actions" role="group" aria-label="Device actions">
            {buttons}
            {(!blocked.is_empty()).then(|| view! { <p class="why" id="actions-why">{blocked.join(" ")}</p> })}
        </div>
        {move || open.get().map(|cmd| {
            let d = dev.get_value();
            if cmd == DeviceCommand::Roaming {
                view! {
                    <RoamingDialog device=d busy=busy error=error
                        on_save=Callback::new(move |(v, dt)| (perform.get_value())(DeviceCommand::Roaming, String::new(), Some((v, dt))))
                        on_cancel=Callback::new(move |_| open.set(None))/>
                }.into_any()
            } else {
                let spec = ConfirmSpec {
                    title: format!("{} {}?", cmd.label(), d.name),
                    message: cmd.explain(&d),
                    confirm_label: cmd.label().to_string(),
                    danger: cmd.confirm_word().is_some(),
                    type_to_confirm: cmd.confirm_word().map(String::from),
                    reason: cmd.reason(),
                    reason_max,
                };
                view! {
                    <ConfirmDialog spec=spec busy=busy error=error
                        on_confirm=Callback::new(move |reason: String| (perform.get_value())(cmd, reason, None))
                        on_cancel=Callback::new(move |_| open.set(None))/>
                }.into_any()
            }
        })}
    }
}

#[component]
fn RoamingDialog(
    device: Arc<Device>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    on_save: Callback<(bool, bool)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let current = |k: &str| device.detail(k).map(|v| v.eq_ignore_ascii_case("true"));
    let voice = RwSignal::new(current("Voice Roaming Enabled").unwrap_or(true));
    let data = RwSignal::new(current("DataRoamingEnabled").unwrap_or(false));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() {
            on_save.run((
                voice.get_untracked(),
                voice.get_untracked() && data.get_untracked(),
            ));
        }
    };
    view! {
        <Modal title=format!("Roaming on {}", device.name) on_close=on_cancel>
            <form on:submit=submit novalidate>
                <label class="check">
                    <input type="checkbox" prop:checked=move || voice.get()
                        on:change:target=move |ev| voice.set(ev.target().checked())/>
                    " Voice roaming"
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=move || voice.get() && data.get() disabled=move || !voice.get()
                        on:change:target=move |ev| data.set(ev.target().checked())/>
                    " Data roaming"
                </label>
                // "Disabling voice roaming also disables data roaming" (V1 guide, "Enable Roaming").
                <p class="muted">"Turning voice roaming off also turns data roaming off. Only some carriers support this setting."</p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || busy.get()>"Save roaming"</button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn ProfilesTab(uuid: String, devices: Arc<dyn DeviceApi>) -> impl IntoView {
    let api = devices;
    let uuid = StoredValue::new(uuid);
    let api2 = api.clone();
    let loader = Loader::new(
        move || uuid.get_value(),
        move |u| {
            let api = api2.clone();
            async move { api.profiles(&u).await }
        },
    );
    let selection = Selection::new(
        |p: &Profile| format!("{}:{:?}", p.id, p.kind),
        |p: &Profile| p.name.trim().to_string(),
    );
    let busy = RwSignal::new(false);
    let repush = move |which: Option<Vec<Profile>>| {
        let api = api.clone();
        let Some(u) = uuid.try_get_value() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = match &which {
                None => api
                    .repush(&u, None)
                    .await
                    .map(|_| "All profiles were pushed again.".to_string()),
                Some(list) => {
                    let mut last = Ok(String::new());
                    for p in list {
                        last = api.repush(&u, Some(p)).await;
                        if last.is_err() {
                            break;
                        }
                    }
                    last.map(|_| {
                        format!(
                            "{} pushed again.",
                            crate::domain::bulk::plural(list.len(), "profile", "profiles")
                        )
                    })
                }
            };
            busy.set(false);
            match result {
                Ok(m) => {
                    toast::info(m);
                    selection.clear();
                    loader.refresh();
                }
                Err(e) => toast::error(e.message()),
            }
        });
    };
    let repush =
        StoredValue::new(Arc::new(repush) as Arc<dyn Fn(Option<Vec<Profile>>) + Send + Sync>);
    let bulk = ViewFn::from(move || {
        view! {
            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| {
                let list: Vec<Profile> = selection.resolve().map(|s| s.iter().cloned().collect()).unwrap_or_default();
                (repush.get_value())(Some(list));
            }>"Re-push selected"</button>
        }
    });
    view! {
        <DataTable name="device-profiles" caption="Profiles" noun="profiles" url_prefix="p."
            columns=Arc::new(profile_columns()) rows=loader.signal() on_retry=loader.retry_callback()
            empty="No profiles are applied to this device." selection=selection bulk=bulk>
            <button type="button" class="button" disabled=move || busy.get()
                on:click=move |_| (repush.get_value())(None)>"Re-push all profiles"</button>
        </DataTable>
    }
}

#[component]
fn LocationTab(device: Arc<Device>, devices: Arc<dyn DeviceApi>) -> impl IntoView {
    let api = devices.clone();
    let state = RwSignal::new(None::<Result<Option<DeviceLocation>, String>>);
    let busy = RwSignal::new(false);
    let uuid = StoredValue::new(device.id.clone());
    let load = move |now: bool| {
        let api = api.clone();
        let Some(u) = uuid.try_get_value() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let r = api.locate(&u, now).await.map_err(|e| e.message());
            busy.set(false);
            if now && r.is_ok() {
                toast::info("Asked the device for a fresh location. It can take up to a minute; locate again to see it.");
            }
            state.set(Some(r));
        });
    };
    let load = StoredValue::new(Arc::new(load) as Arc<dyn Fn(bool) + Send + Sync>);
    (load.get_value())(false);
    let blocked = devices.refusal(&device, DeviceCommand::Locate);
    // A server that cannot ask the device for a fix shows the last one it has.
    let locate_now = devices.caps().actions.contains(&DeviceCommand::Locate);
    view! {
        <section class="panel" aria-label="Location">
            <div class="actions">
                {locate_now.then(|| view! {
                    <button type="button" class="button primary" disabled=move || busy.get() || blocked.is_some()
                        on:click=move |_| (load.get_value())(true)>"Locate now"</button>
                })}
                <button type="button" class="button" disabled=move || busy.get()
                    on:click=move |_| (load.get_value())(false)>"Refresh"</button>
                {blocked.map(|b| view! { <span class="why">{b}</span> })}
            </div>
            {move || match state.get() {
                None => view! { <p role="status">"Loading location…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <div class="state error" role="alert">
                        <p>{e}</p>
                        <button type="button" class="button" disabled=move || busy.get()
                            on:click=move |_| (load.get_value())(false)>"Retry"</button>
                    </div>
                }.into_any(),
                Some(Ok(None)) => view! { <p>"No location is known for this device."</p> }.into_any(),
                Some(Ok(Some(l))) => view! {
                    <dl class="field-groups">
                        <div><dt>"Method"</dt><dd>{l.method.clone()}</dd></div>
                        <div><dt>"Position"</dt><dd>{match l.position {
                            Some((lat, lon)) => view! {
                                <a href=format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}")
                                    target="_blank" rel="noopener noreferrer">{format!("{lat:.5}, {lon:.5}")}</a>
                            }.into_any(),
                            None => view! { <span>"The device could not be located."</span> }.into_any(),
                        }}</dd></div>
                        <div><dt>"Accuracy"</dt><dd>{l.radius_m.map(|r| format!("{r} m")).unwrap_or_else(|| "—".into())}</dd></div>
                        <div><dt>"Captured"</dt><dd>{date(l.captured)}</dd></div>
                    </dl>
                }.into_any(),
            }}
        </section>
    }
}
