//! Bulk actions on selected devices: confirm (naming the count and the action; wipe and retire
//! demand typing the count), run them through the server's `DeviceApi::bulk` while showing its
//! progress, then list the outcome per device.

use crate::backend::device_details::DeviceDetailsApi;
use crate::backend::devices::{BulkAction, BulkProgress, BulkStatus, DeviceApi, Message};
use crate::domain::actions::unlock_meaning;
use crate::domain::attributes::{AttributeChange, AttributeField, AttributeKind};
use crate::domain::bulk::{no_phone_notice, plural, BulkKind, BulkOutcome, DeviceSetting};
use crate::domain::device::{Device, OsFamily};
use crate::domain::forms::{validate_message, FieldErrors, MessageLimits, MessageMode};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::loader::Load;
use crate::ui::retry::RetryAlert;
use crate::ui::table::selection::Selection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;
use std::sync::Arc;

/// What the bulk flow is doing.
#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    Confirm(BulkKind, usize),
    Message {
        count: usize,
        /// Selected devices without a phone number (an SMS cannot reach them).
        no_phone: usize,
    },
    /// Turn a setting on or off.
    Setting(DeviceSetting, usize),
    /// Set a custom attribute.
    Attributes(usize),
    Running {
        title: String,
        done: usize,
        total: usize,
        /// The server is busy: seconds before the next part is sent again.
        waiting: Option<u32>,
    },
    Done {
        title: String,
        outcome: Arc<BulkOutcome>,
    },
}

/// Names and platforms of the selected devices, for the result list.
type Names = Arc<HashMap<String, (String, OsFamily)>>;

/// The message the admin wrote, and whether an SMS leaves out the devices without a phone number.
#[derive(Clone)]
struct Draft {
    message: Message,
    leave_out_no_phone: bool,
}

fn has_phone(d: &Device) -> bool {
    !d.phone.trim().is_empty()
}

/// Shows a running action's progress; "Stop" (or leaving the screen) stops it.
struct Watch {
    step: RwSignal<Step>,
    title: String,
    cancel: StoredValue<bool>,
}

impl BulkProgress for Watch {
    fn report(&self, s: BulkStatus) {
        self.step.try_set(Step::Running {
            title: self.title.clone(),
            done: s.done,
            total: s.total,
            waiting: s.waiting_secs,
        });
    }
    fn stopped(&self) -> bool {
        // A disposed value: the screen is gone.
        self.cancel.try_get_value().unwrap_or(true)
    }
}

/// The bulk actions the server has, for the selected devices.
#[component]
pub fn BulkActions(selection: Selection<Device>, on_done: Callback<()>) -> impl IntoView {
    crate::context::devices()
        .filter(|d| !d.caps().bulk.is_empty())
        .map(|devices| view! { <Bulk devices=devices selection=selection on_done=on_done/> })
}

#[component]
fn Bulk(
    devices: Arc<dyn DeviceApi>,
    selection: Selection<Device>,
    on_done: Callback<()>,
) -> impl IntoView {
    let caps = devices.caps().clone();
    let modes = caps.messages;
    let step = RwSignal::new(Step::Idle);
    let cancel = StoredValue::new(false);
    let names: StoredValue<Names> = StoredValue::new(Arc::new(HashMap::new()));

    let open = move |kind: BulkKind| {
        let Some(sel) = selection.resolve().filter(|s| !s.is_empty()) else {
            return;
        };
        step.set(match kind {
            BulkKind::Message => Step::Message {
                count: sel.len(),
                no_phone: sel.iter().filter(|d| !has_phone(d)).count(),
            },
            BulkKind::Setting(s) => Step::Setting(s, sel.len()),
            BulkKind::Attributes => Step::Attributes(sel.len()),
            k => Step::Confirm(k, sel.len()),
        });
    };

    let run = move |action: BulkAction, leave_out_no_phone: bool| {
        let Some(sel) = selection.resolve() else {
            return;
        };
        // An SMS cannot reach a device without a phone number: left out when the admin chose so.
        let left_out = leave_out_no_phone
            && matches!(&action, BulkAction::Message(m) if m.mode == MessageMode::Sms);
        let targets: Vec<&Device> = sel.iter().filter(|d| !left_out || has_phone(d)).collect();
        let skipped = sel.len() - targets.len();
        let ids: Vec<String> = targets.iter().map(|d| d.id.clone()).collect();
        names.set_value(Arc::new(
            targets
                .iter()
                .map(|d| (d.id.clone(), (d.name.clone(), d.os)))
                .collect(),
        ));
        let devices_text = plural(ids.len(), "device", "devices");
        let title = match &action {
            BulkAction::Message(_) => format!("Send a message to {devices_text}"),
            BulkAction::Setting { setting, enabled } => format!(
                "Turn {} {} on {devices_text}",
                if *enabled { "on" } else { "off" },
                setting.label().to_lowercase()
            ),
            BulkAction::Attributes(_) => format!("Set attributes of {devices_text}"),
            a => format!("{} {devices_text}", a.kind().label()),
        };
        cancel.set_value(false);
        step.set(Step::Running {
            title: title.clone(),
            done: 0,
            total: ids.len(),
            waiting: None,
        });
        let devices = devices.clone();
        let watch = Watch {
            step,
            title: title.clone(),
            cancel,
        };
        spawn_local(async move {
            let mut outcome = devices.bulk(&action, &ids, &watch).await;
            if skipped > 0 {
                outcome.messages.insert(
                    0,
                    format!(
                        "Left out: {} without a phone number.",
                        plural(skipped, "device", "devices")
                    ),
                );
            }
            step.try_set(Step::Done {
                title,
                outcome: Arc::new(outcome),
            });
        });
    };
    let run = StoredValue::new(Arc::new(run) as Arc<dyn Fn(BulkAction, bool) + Send + Sync>);

    let close = move || {
        let was_done = matches!(step.get_untracked(), Step::Done { .. });
        step.set(Step::Idle);
        if was_done {
            selection.clear();
            on_done.run(());
        }
    };

    // The custom attributes a bulk action can set are those the device page edits.
    let details = crate::context::device_details();
    // A button per action this portal has a dialog for.
    let buttons = caps
        .bulk
        .iter()
        .filter(|k| match k {
            BulkKind::Message => !modes.is_empty(),
            BulkKind::Setting(_) => true,
            BulkKind::Attributes => details.is_some(),
            k => BulkAction::simple(**k).is_some(),
        })
        .map(|&k| {
            let class = if k.destructive() { "button danger" } else { "button" };
            view! { <button type="button" class=class on:click=move |_| open(k)>{k.label()}</button> }
        })
        .collect_view();

    view! {
        <div class="bulk-actions" role="group" aria-label="Bulk actions">{buttons}</div>
        {move || match step.get() {
            Step::Idle => ().into_any(),
            Step::Confirm(kind, n) => {
                let spec = ConfirmSpec {
                    title: format!("{} {}?", kind.label(), plural(n, "device", "devices")),
                    message: kind.explain(n),
                    confirm_label: format!("{} {}", kind.label(), plural(n, "device", "devices")),
                    danger: kind.destructive(),
                    type_to_confirm: kind.destructive().then(|| n.to_string()),
                    reason: None,
                    reason_max: 0,
                };
                view! {
                    <ConfirmDialog spec=spec
                        on_confirm=Callback::new(move |_| {
                            if let Some(a) = BulkAction::simple(kind) {
                                (run.get_value())(a, false)
                            }
                        })
                        on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
                }.into_any()
            }
            Step::Message { count, no_phone } => view! {
                <MessageDialog count=count no_phone=no_phone modes=modes
                    on_send=Callback::new(move |d: Draft| {
                        (run.get_value())(BulkAction::Message(d.message), d.leave_out_no_phone)
                    })
                    on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
            }.into_any(),
            Step::Setting(setting, count) => view! {
                <SettingDialog setting=setting count=count
                    on_run=Callback::new(move |enabled| (run.get_value())(BulkAction::Setting { setting, enabled }, false))
                    on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
            }.into_any(),
            Step::Attributes(count) => match details.clone() {
                Some(api) => view! {
                    <AttributesDialog api=api count=count
                        on_set=Callback::new(move |changes| (run.get_value())(BulkAction::Attributes(changes), false))
                        on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
                }.into_any(),
                None => ().into_any(),
            },
            Step::Running { title, done, total, waiting } => view! {
                <Modal title=title on_close=Callback::new(move |_| cancel.set_value(true))>
                    <p role="status">{match waiting {
                        None => format!("Processed {done} of {}…", plural(total, "device", "devices")),
                        Some(s) => format!("Processed {done} of {}. The server is busy: sending the next part again in {s} s…", plural(total, "device", "devices")),
                    }}</p>
                    <progress class="progress" max=total.to_string() value=done.to_string()
                        aria-label="Progress"></progress>
                    <div class="dialog-actions">
                        <button type="button" class="button" on:click=move |_| cancel.set_value(true)>"Stop"</button>
                    </div>
                </Modal>
            }.into_any(),
            Step::Done { title, outcome } => view! {
                <Modal title=format!("{title}: result") on_close=Callback::new(move |_| close())>
                    <ResultPanel outcome=outcome names=names.get_value()/>
                    <div class="dialog-actions">
                        <button type="button" class="button primary" on:click=move |_| close()>"Close"</button>
                    </div>
                </Modal>
            }.into_any(),
        }}
    }
}

#[component]
fn ResultPanel(outcome: Arc<BulkOutcome>, names: Names) -> impl IntoView {
    let name_of = {
        let names = names.clone();
        move |id: &str| {
            names
                .get(id)
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| id.to_string())
        }
    };
    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <section class="result-list" aria-label=title>
                    <h3>{format!("{title} ({})", items.len())}</h3>
                    <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                </section>
            }
        })
    };
    let succeeded: Vec<String> = outcome.succeeded.iter().map(|id| name_of(id)).collect();
    let invalid: Vec<String> = outcome.invalid.iter().map(|id| name_of(id)).collect();
    let failed: Vec<String> = outcome.failed.clone();
    let not_sent: Vec<String> = outcome.not_sent.iter().map(|id| name_of(id)).collect();
    let unconfirmed: Vec<String> = outcome.unconfirmed.iter().map(|id| name_of(id)).collect();
    let errors = outcome.grouped_errors();
    let passcodes = outcome.passcodes.clone();
    view! {
        <p role="status" class="summary">{outcome.summary()}</p>
        {outcome.messages.iter().map(|m| view! { <p>{m.clone()}</p> }).collect_view()}
        {errors.into_iter().map(|(e, n)| view! {
            <p class="field-error" role="alert">{format!("{}: {e}", plural(n, "device", "devices"))}</p>
        }).collect_view()}
        {(!passcodes.is_empty()).then(|| view! {
            <section class="result-list" aria-label="Unlock passcodes">
                <h3>"Unlock passcodes"</h3>
                <table aria-label="Unlock passcodes">
                    <thead><tr><th scope="col">"Device"</th><th scope="col">"Passcode"</th><th scope="col">"Meaning"</th></tr></thead>
                    <tbody>
                        {passcodes.into_iter().map(|(uuid, name, value)| {
                            let (label, os) = names.get(&uuid).cloned().unwrap_or((name, OsFamily::Other));
                            let meaning = unlock_meaning(os, &value);
                            view! { <tr><td>{label}</td><td class="code">{value}</td><td class="wrap">{meaning}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {list("Invalid devices", invalid)}
        {list("Failed", failed)}
        {list("Not processed", not_sent)}
        {list("Not confirmed", unconfirmed)}
        {list("Succeeded", succeeded)}
    }
}

#[component]
fn MessageDialog(
    count: usize,
    /// Selected devices without a phone number.
    no_phone: usize,
    /// The server's message modes with their limits; the first is the default.
    modes: &'static [MessageLimits],
    on_send: Callback<Draft>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let limits = RwSignal::new(modes[0]);
    let sms_without_phone = move || limits.get().mode == MessageMode::Sms && no_phone > 0;
    let leave_out = RwSignal::new(true);
    // Leaving out every selected device would send nothing.
    let nothing_to_send = move || sms_without_phone() && leave_out.get() && no_phone == count;
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let html = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let err = move |k: &'static str| errors.with(|e| e.get(k).cloned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (l, s, b) = (
            limits.get_untracked(),
            subject.get_untracked(),
            body.get_untracked(),
        );
        let e = validate_message(&l, &s, &b);
        if nothing_to_send() {
            return;
        }
        if e.is_empty() {
            on_send.run(Draft {
                message: Message {
                    mode: l.mode,
                    subject: if l.subject_max.is_some() {
                        s.trim().to_string()
                    } else {
                        String::new()
                    },
                    body: b.trim().to_string(),
                    html: l.html && html.get_untracked(),
                },
                leave_out_no_phone: leave_out.get_untracked(),
            });
        } else {
            errors.set(e);
        }
    };
    view! {
        <Modal title=format!("Send a message to {}", plural(count, "device", "devices")) on_close=on_cancel>
            <form on:submit=submit novalidate>
                <label>
                    <span>"Send as"</span>
                    <select on:change:target=move |ev| {
                        let key = ev.target().value();
                        if let Some(m) = modes.iter().find(|m| m.mode.key() == key) { limits.set(*m) }
                    }>
                        {modes.iter().map(|m| {
                            let mode = m.mode;
                            view! { <option value=mode.key() selected=move || limits.get().mode == mode>{mode.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=sms_without_phone>
                    <p class="notice" role="note">{no_phone_notice(no_phone, count)}</p>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || leave_out.get()
                            on:change:target=move |ev| leave_out.set(ev.target().checked())/>
                        <span>{format!("Leave out the {}", plural(no_phone, "device without a phone number", "devices without a phone number"))}</span>
                    </label>
                </Show>
                {move || limits.get().subject_max.map(|max| view! {
                    <label>
                        <span>"Subject"</span>
                        <input type="text" maxlength=max.to_string() prop:value=move || subject.get()
                            on:input:target=move |ev| subject.set(ev.target().value())/>
                    </label>
                    {move || err("subject").map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                })}
                <label>
                    <span>"Message"</span>
                    <textarea rows="4" maxlength=move || limits.get().body_max.to_string() prop:value=move || body.get()
                        on:input:target=move |ev| body.set(ev.target().value())></textarea>
                </label>
                {move || err("message").map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <Show when=move || limits.get().html>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || html.get()
                            on:change:target=move |ev| html.set(ev.target().checked())/>
                        <span>"The message is HTML"</span>
                    </label>
                </Show>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=nothing_to_send>"Send"</button>
                </div>
            </form>
        </Modal>
    }
}

/// Turns a device setting on or off on the selected devices.
#[component]
fn SettingDialog(
    setting: DeviceSetting,
    count: usize,
    on_run: Callback<bool>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let what = setting.label().to_lowercase();
    view! {
        <Modal title=format!("{} on {}", setting.label(), plural(count, "device", "devices")) on_close=on_cancel>
            <p>{BulkKind::Setting(setting).explain(count)}</p>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                <button type="button" class="button" on:click=move |_| on_run.run(false)>{format!("Turn off {what}")}</button>
                <button type="button" class="button primary" on:click=move |_| on_run.run(true)>{format!("Turn on {what}")}</button>
            </div>
        </Modal>
    }
}

/// Sets one custom attribute the server lets be written on the selected devices, with the widget
/// its type asks for; a blank value clears it.
#[component]
fn AttributesDialog(
    api: Arc<dyn DeviceDetailsApi>,
    count: usize,
    on_set: Callback<Vec<AttributeChange>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let fields: Load<Vec<AttributeField>> = Load::item(
        || (),
        move |()| {
            let api = api.clone();
            async move {
                let all = api.attribute_fields().await?;
                Ok(all.into_iter().filter(|f| f.writable).collect())
            }
        },
    );
    let chosen = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The chosen field, the first one until the admin chooses.
    let field = move || {
        let all = fields.get()?.ok()?;
        chosen
            .with(|c| all.iter().find(|f| f.name == *c).cloned())
            .or_else(|| all.first().cloned())
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(f) = field() else { return };
        match f.kind.parse_input(&value.get_untracked()) {
            Ok(v) => on_set.run(vec![(f.name, v)]),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <Modal title=format!("Set a custom attribute of {}", plural(count, "device", "devices")) on_close=on_cancel>
            {move || match fields.get() {
                None => view! { <p role="status">"Loading attributes…"</p> }.into_any(),
                Some(Err(e)) => view! { <RetryAlert message=e.message() on_retry=fields.retry_callback()/> }.into_any(),
                Some(Ok(all)) if all.is_empty() => view! {
                    <p>"The server describes no custom attribute that can be written."</p>
                }.into_any(),
                Some(Ok(all)) => view! {
                    <form on:submit=submit novalidate>
                        <label>
                            <span>"Attribute"</span>
                            <select on:change:target=move |ev| {
                                chosen.set(ev.target().value());
                                value.set(String::new());
                                error.set(None);
                            }>
                                {all.iter().map(|f| view! {
                                    <option value=f.name.clone()>{f.name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        {move || field().map(|f| match f.kind {
                            AttributeKind::Boolean => view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || value.get() == "true"
                                        on:change:target=move |ev| value.set(ev.target().checked().to_string())/>
                                    <span>"Value"</span>
                                </label>
                            }.into_any(),
                            AttributeKind::Date => view! {
                                <label>
                                    <span>"Value"</span>
                                    <input type="date" prop:value=move || value.get()
                                        on:input:target=move |ev| value.set(ev.target().value())/>
                                </label>
                            }.into_any(),
                            AttributeKind::Text => view! {
                                <label>
                                    <span>"Value"</span>
                                    <input type="text" autocomplete="off" prop:value=move || value.get()
                                        on:input:target=move |ev| value.set(ev.target().value())/>
                                </label>
                            }.into_any(),
                        })}
                        <p class="muted">"A blank value clears the attribute."</p>
                        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                        <div class="dialog-actions">
                            <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                            <button type="submit" class="button primary">"Set attribute"</button>
                        </div>
                    </form>
                }.into_any(),
            }}
        </Modal>
    }
}
