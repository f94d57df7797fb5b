//! Bulk actions on selected devices: confirm (naming the count and the action; wipe and retire
//! demand typing the count), send in chunks within the API's limits with progress, then list the
//! outcome per device.

use crate::backend::epmm::actions::{self, BULK_PER_ITEM, MESSAGE_PER_ITEM};
use crate::backend::epmm::ApiClient;
use crate::domain::actions::unlock_meaning;
use crate::domain::bulk::{
    chunk, no_phone_notice, plural, rate_limit_wait_ms, BulkKind, BulkOutcome, MAX_URL_BYTES,
    MAX_UUIDS_PER_REQUEST,
};
use crate::domain::device::{Device, OsFamily};
use crate::domain::forms::{validate_message, FieldErrors, MessageMode, MESSAGE_MAX, SUBJECT_MAX};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::poll::sleep_ms;
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
    Running {
        title: String,
        done: usize,
        total: usize,
        /// The server answered 429: seconds the next part waits before it is sent again.
        waiting: Option<u32>,
    },
    Done {
        title: String,
        outcome: Arc<BulkOutcome>,
    },
}

/// The action being run.
#[derive(Clone, Copy, PartialEq)]
enum Job {
    Action(BulkKind),
    Message,
}

/// Names and platforms of the selected devices, for the result list.
type Names = Arc<HashMap<String, (String, OsFamily)>>;

/// The message the admin wrote, and whether an SMS leaves out the devices without a phone number.
#[derive(Clone)]
struct Draft {
    mode: MessageMode,
    subject: String,
    body: String,
    leave_out_no_phone: bool,
}

fn has_phone(d: &Device) -> bool {
    !d.phone.trim().is_empty()
}

#[component]
pub fn BulkActions(selection: Selection<Device>, on_done: Callback<()>) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let step = RwSignal::new(Step::Idle);
    let cancel = StoredValue::new(false);
    let names: StoredValue<Names> = StoredValue::new(Arc::new(HashMap::new()));
    let message = StoredValue::new(Draft {
        mode: MessageMode::Sms,
        subject: String::new(),
        body: String::new(),
        leave_out_no_phone: false,
    });

    let open = move |kind: Option<BulkKind>| {
        let Some(sel) = selection.resolve().filter(|s| !s.is_empty()) else {
            return;
        };
        step.set(match kind {
            Some(k) => Step::Confirm(k, sel.len()),
            None => Step::Message {
                count: sel.len(),
                no_phone: sel.iter().filter(|d| !has_phone(d)).count(),
            },
        });
    };

    let api2 = api.clone();
    let run = move |job: Job| {
        let Some(sel) = selection.resolve() else {
            return;
        };
        let draft = message.get_value();
        // An SMS cannot reach a device without a phone number: left out when the admin chose so.
        let left_out =
            job == Job::Message && draft.mode == MessageMode::Sms && draft.leave_out_no_phone;
        let targets: Vec<&Device> = sel.iter().filter(|d| !left_out || has_phone(d)).collect();
        let skipped = sel.len() - targets.len();
        let uuids: Vec<String> = targets.iter().map(|d| d.id.clone()).collect();
        names.set_value(Arc::new(
            targets
                .iter()
                .map(|d| (d.id.clone(), (d.name.clone(), d.os)))
                .collect(),
        ));
        let title = match job {
            Job::Action(k) => format!("{} {}", k.label(), plural(uuids.len(), "device", "devices")),
            Job::Message => format!(
                "Send a message to {}",
                plural(uuids.len(), "device", "devices")
            ),
        };
        let total = uuids.len();
        cancel.set_value(false);
        step.set(Step::Running {
            title: title.clone(),
            done: 0,
            total,
            waiting: None,
        });
        let api = api2.clone();
        spawn_local(async move {
            let per_item = if job == Job::Message {
                MESSAGE_PER_ITEM
            } else {
                BULK_PER_ITEM
            };
            let Draft {
                mode,
                subject,
                body,
                ..
            } = draft;
            // The message text also travels in the query: leave room for it.
            let reserve = if job == Job::Message {
                body.len() * 3 + subject.len() * 3 + 64
            } else {
                64
            };
            let budget = MAX_URL_BYTES.saturating_sub(reserve).max(200);
            let chunks = chunk(&uuids, per_item, budget, MAX_UUIDS_PER_REQUEST);
            let mut outcome = BulkOutcome::new(total);
            if skipped > 0 {
                outcome.messages.push(format!(
                    "Left out: {} without a phone number.",
                    plural(skipped, "device", "devices")
                ));
            }
            let mut done = 0;
            for part in chunks {
                if cancel.try_get_value().unwrap_or(true) {
                    outcome.add(part, Err("Stopped before this part was sent.".into()));
                    continue;
                }
                // A 429 (the server's rate limit) waits as told and sends the same part again.
                let mut attempt = 0;
                let result = loop {
                    let r = match job {
                        Job::Action(k) => actions::bulk(&api, k, part).await,
                        Job::Message => {
                            actions::send_message(&api, mode, &subject, &body, part).await
                        }
                    };
                    let wait = match &r {
                        Err(e) => e
                            .rate_limited_for()
                            .and_then(|secs| rate_limit_wait_ms(attempt, secs)),
                        _ => None,
                    };
                    let Some(ms) = wait else { break r };
                    attempt += 1;
                    let shown = step.try_set(Step::Running {
                        title: title.clone(),
                        done,
                        total,
                        waiting: Some(ms.div_ceil(1000)),
                    });
                    if shown.is_some() {
                        // The screen is gone: stop quietly.
                        return;
                    }
                    sleep_ms(ms).await;
                    if cancel.try_get_value().unwrap_or(true) {
                        break r;
                    }
                };
                let unauthorized = matches!(&result, Err(e) if e.is_unauthorized());
                outcome.add(part, result.map_err(|e| e.message()));
                done += part.len();
                step.try_set(Step::Running {
                    title: title.clone(),
                    done,
                    total,
                    waiting: None,
                });
                if unauthorized {
                    cancel.set_value(true);
                }
            }
            step.try_set(Step::Done {
                title,
                outcome: Arc::new(outcome),
            });
        });
    };
    let run = StoredValue::new(Arc::new(run) as Arc<dyn Fn(Job) + Send + Sync>);

    let close = move || {
        let was_done = matches!(step.get_untracked(), Step::Done { .. });
        step.set(Step::Idle);
        if was_done {
            selection.clear();
            on_done.run(());
        }
    };

    view! {
        <div class="bulk-actions" role="group" aria-label="Bulk actions">
            {BulkKind::ALL.iter().take(3).map(|&k| view! {
                <button type="button" class="button" on:click=move |_| open(Some(k))>{k.label()}</button>
            }).collect_view()}
            <button type="button" class="button" on:click=move |_| open(None)>"Send message"</button>
            {BulkKind::ALL.iter().skip(3).map(|&k| view! {
                <button type="button" class="button danger" on:click=move |_| open(Some(k))>{k.label()}</button>
            }).collect_view()}
        </div>
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
                        on_confirm=Callback::new(move |_| (run.get_value())(Job::Action(kind)))
                        on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
                }.into_any()
            }
            Step::Message { count, no_phone } => view! {
                <MessageDialog count=count no_phone=no_phone
                    on_send=Callback::new(move |d: Draft| {
                        message.set_value(d);
                        (run.get_value())(Job::Message);
                    })
                    on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
            }.into_any(),
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
    on_send: Callback<Draft>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let mode = RwSignal::new(MessageMode::Sms);
    let leave_out = RwSignal::new(true);
    let sms_without_phone = move || mode.get() == MessageMode::Sms && no_phone > 0;
    // Leaving out every selected device would send nothing.
    let nothing_to_send = move || sms_without_phone() && leave_out.get() && no_phone == count;
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let err = move |k: &'static str| errors.with(|e| e.get(k).cloned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (m, s, b) = (
            mode.get_untracked(),
            subject.get_untracked(),
            body.get_untracked(),
        );
        let e = validate_message(m, &s, &b);
        if nothing_to_send() {
            return;
        }
        if e.is_empty() {
            on_send.run(Draft {
                mode: m,
                subject: s.trim().to_string(),
                body: b.trim().to_string(),
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
                        if let Some(m) = MessageMode::from_key(&ev.target().value()) { mode.set(m) }
                    }>
                        {MessageMode::ALL.iter().map(|m| view! {
                            <option value=m.key() selected=move || mode.get() == *m>{m.label()}</option>
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
                <Show when=move || mode.get() == MessageMode::Email>
                    <label>
                        <span>"Subject"</span>
                        <input type="text" maxlength=SUBJECT_MAX.to_string() prop:value=move || subject.get()
                            on:input:target=move |ev| subject.set(ev.target().value())/>
                    </label>
                    {move || err("subject").map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </Show>
                <label>
                    <span>"Message"</span>
                    <textarea rows="4" maxlength=MESSAGE_MAX.to_string() prop:value=move || body.get()
                        on:input:target=move |ev| body.set(ev.target().value())></textarea>
                </label>
                {move || err("message").map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=nothing_to_send>"Send"</button>
                </div>
            </form>
        </Modal>
    }
}
