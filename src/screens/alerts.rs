//! Alerts: the inbox with a read-state and a severity filter; mark one or many alerts read or
//! unread with a comment; one alert's page; and the alerts of a device's user (a device page tab).

use crate::backend::AlertApi;
use crate::domain::alert::{alert_columns, check_comment, Alert, ReadFilter};
use crate::ui::detail::Detail;
use crate::ui::dialog::Modal;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::table::data_table::{DataTable, Rows};
use crate::ui::table::selection::Selection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// Asks for the comment the server requires with every read-state change (at most `max`
/// characters).
#[component]
fn CommentDialog(
    title: String,
    confirm_label: &'static str,
    max: usize,
    on_confirm: Callback<String>,
    on_cancel: Callback<()>,
    /// The server's refusal: shown here, with the comment kept, so the admin can send it again.
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let server_error = error;
    let text = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let error = move || check_comment(&text.get(), max).err();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if error().is_none() && !busy.get_untracked() {
            on_confirm.run(text.get_untracked().trim().to_string());
        }
    };
    view! {
        <Modal title=title on_close=on_cancel>
            <form on:submit=submit novalidate>
                <label>
                    <span>"Comment (required)"</span>
                    <textarea rows="3" maxlength=max.to_string()
                        prop:value=move || text.get()
                        on:input:target=move |ev| text.set(ev.target().value())></textarea>
                </label>
                <p class="muted small">{move || format!("{} of {max} characters", text.with(|t| t.chars().count()))}</p>
                <Show when=move || tried.get() && error().is_some()>
                    <p class="field-error" role="alert">{error}</p>
                </Show>
                {move || server_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Working…" } else { confirm_label }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 alert".into()
    } else {
        format!("{n} alerts")
    }
}

/// Marks alerts read or unread; `done` runs after a success; a failure goes to `error` (shown in
/// the dialog, which stays open with the comment).
fn mark(
    api: Arc<dyn AlertApi>,
    ids: Vec<String>,
    read: bool,
    comment: String,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: Callback<()>,
) {
    busy.set(true);
    error.set(None);
    spawn_local(async move {
        let r = api.set_read(&ids, read, &comment).await;
        busy.set(false);
        match r {
            Ok(n) => {
                crate::ui::toast::info(format!(
                    "Marked {} as {}.",
                    plural(n),
                    if read { "read" } else { "unread" }
                ));
                done.try_run(());
            }
            Err(e) => error.set(Some(e.message())),
        }
    });
}

#[component]
pub fn AlertsPage() -> impl IntoView {
    match crate::context::backend().alerts() {
        Some(alerts) => view! { <Alerts api=alerts/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Alerts(api: Arc<dyn AlertApi>) -> impl IntoView {
    let severities = api.caps().severities;
    let comment_max = api.caps().comment_max;
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("Alerts");
    let filter = Memo::new(move |_| {
        query
            .with(|q| q.get("read"))
            .and_then(|s| s.parse::<ReadFilter>().ok())
            .unwrap_or_default()
    });
    let severity = Memo::new(move |_| {
        query.with(|q| q.get("severity")).and_then(|s| {
            severities
                .iter()
                .find(|x| x.eq_ignore_ascii_case(s.trim()))
                .copied()
        })
    });
    // Read state: the server's `isRead` filter; severity: on the loaded list.
    let a = api.clone();
    let loader = Loader::new(
        move || filter.get(),
        move |f| {
            let api = a.clone();
            async move { api.list(f).await }
        },
    );
    let rows = Memo::new(move |_| -> Rows<Alert> {
        let sev = severity.get();
        loader.rows.with(|r| {
            r.as_ref().map(|r| {
                r.as_ref()
                    .map(|list| match sev {
                        None => list.clone(),
                        Some(s) => Arc::new(
                            list.iter()
                                .filter(|a| a.severity.eq_ignore_ascii_case(s))
                                .cloned()
                                .collect(),
                        ),
                    })
                    .map_err(Clone::clone)
            })
        })
    });
    let set_key = move |key: &'static str, value: String, default: &'static str| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != key && k != "page");
            if value != default {
                pairs.push((key.into(), value));
            }
        });
    };
    let set_key2 = set_key.clone();
    let empty = Signal::derive(move || match filter.get() {
        ReadFilter::All => "There are no alerts.".to_string(),
        ReadFilter::Unread => "No unread alerts.".to_string(),
        ReadFilter::Read => "No read alerts.".to_string(),
    });

    let selection = Selection::new(
        |a: &Alert| a.id.to_string(),
        |a: &Alert| format!("alert {}", a.id),
    );
    let busy = RwSignal::new(false);
    let asking: RwSignal<Option<bool>> = RwSignal::new(None);
    let error = RwSignal::new(None::<String>);
    let done = Callback::new(move |_| {
        asking.set(None);
        selection.clear();
        loader.refresh();
    });
    let on_confirm = Callback::new(move |comment: String| {
        let Some(read) = asking.get_untracked() else {
            return;
        };
        let Some(sel) = selection.resolve() else {
            return;
        };
        let ids: Vec<String> = sel.iter().map(|a| a.id.clone()).collect();
        if ids.is_empty() {
            asking.set(None);
            return;
        }
        mark(api.clone(), ids, read, comment, busy, error, done);
    });
    let bulk = ViewFn::from(move || {
        view! {
            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| asking.set(Some(true))>"Mark read"</button>
            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| asking.set(Some(false))>"Mark unread"</button>
        }
    });
    let dialog = move || {
        let read = asking.get()?;
        let n = untrack(|| selection.count());
        let title = format!(
            "Mark {} as {}?",
            plural(n),
            if read { "read" } else { "unread" }
        );
        error.set(None);
        Some(view! {
            <CommentDialog title=title confirm_label=if read { "Mark read" } else { "Mark unread" }
                max=comment_max error=error busy=busy
                on_confirm=on_confirm on_cancel=Callback::new(move |_| asking.set(None))/>
        })
    };

    view! {
        <header class="page-header">
            <h1>"Alerts"</h1>
        </header>
        <DataTable
            name="alerts"
            caption="Alerts"
            noun="alerts"
            columns=Arc::new(alert_columns())
            rows=Signal::from(rows)
            on_retry=loader.retry_callback()
            empty=empty
            selection=selection
            bulk=bulk
        >
            <label class="filter">
                <span>"Read state"</span>
                <select on:change:target=move |ev| set_key("read", ev.target().value(), "all")>
                    {ReadFilter::ALL.iter().map(|f| {
                        let f = *f;
                        view! { <option value=f.key() selected=move || filter.get() == f>{f.label()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="filter">
                <span>"Severity"</span>
                <select on:change:target=move |ev| set_key2("severity", ev.target().value(), "")>
                    <option value="" selected=move || severity.get().is_none()>"All"</option>
                    {severities.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.to_lowercase() selected=move || severity.get() == Some(s)>{s}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DataTable>
        {dialog}
    }
}

#[component]
pub fn AlertDetailPage() -> impl IntoView {
    match crate::context::backend().alerts() {
        Some(alerts) => view! { <AlertPage api=alerts/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn AlertPage(api: Arc<dyn AlertApi>) -> impl IntoView {
    let comment_max = api.caps().comment_max;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let a = api.clone();
    let alert: Load<Alert> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = a.clone();
            async move { api.get(&id).await }
        },
    );
    crate::context::page_title("Alert");
    let busy = RwSignal::new(false);
    let asking: RwSignal<Option<bool>> = RwSignal::new(None);
    let error = RwSignal::new(None::<String>);
    // Created here, not in the handler: the dialog (and what it owns) is gone when this runs.
    let done = Callback::new(move |_| {
        asking.set(None);
        alert.refresh();
    });
    let on_confirm = Callback::new(move |comment: String| {
        let Some(read) = asking.get_untracked() else {
            return;
        };
        mark(
            api.clone(),
            vec![id.get_untracked()],
            read,
            comment,
            busy,
            error,
            done,
        );
    });
    let dialog = move || {
        let read = asking.get()?;
        let title = format!(
            "Mark this alert as {}?",
            if read { "read" } else { "unread" }
        );
        error.set(None);
        Some(view! {
            <CommentDialog title=title confirm_label=if read { "Mark read" } else { "Mark unread" }
                max=comment_max error=error busy=busy
                on_confirm=on_confirm on_cancel=Callback::new(move |_| asking.set(None))/>
        })
    };
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::ALERTS>"Alerts"</A></p>
        </header>
        <Detail load=alert noun="alert" not_found="There is no alert with this id." let:a>
            {
                let read = a.read;
                view! {
                    <AlertView alert=a/>
                    <div class="actions">
                        <button type="button" class="button primary" disabled=move || busy.get()
                            on:click=move |_| asking.set(Some(!read))>
                            {if read { "Mark unread" } else { "Mark read" }}
                        </button>
                    </div>
                }
            }
        </Detail>
        {dialog}
    }
}

#[component]
fn AlertView(alert: Arc<Alert>) -> impl IntoView {
    let a = alert;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let date = |ms: Option<i64>| {
        ms.map(crate::dates::format_local_named)
            .unwrap_or_else(|| "—".into())
    };
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let device = (!a.device_id.is_empty()).then(|| {
        let href = crate::routes::device(&a.device_id);
        view! { <div><dt>"Device"</dt><dd><A href=href>"Open the device"</A></dd></div> }
    });
    let user = (!a.user_id.is_empty()).then(|| {
        let href = crate::routes::user(&a.user_id);
        let u = a.user.clone();
        view! { <div><dt>"User"</dt><dd><A href=href>{u}</A></dd></div> }
    });
    let state_class = format!("badge badge-{}", a.read_label().to_lowercase());
    let sev_class = format!("badge badge-{}", a.severity.to_lowercase());
    view! {
        <h1>{format!("{} alert", a.kind)}</h1>
        <p class="subtitle">
            <span class=state_class>{a.read_label()}</span>" "
            <span class=sev_class>{a.severity.clone()}</span>" "
            {date(a.date)}
        </p>
        <section class="panel" aria-labelledby="alert-h">
            <h2 id="alert-h">"Message"</h2>
            <p class="alert-text">{a.message().to_string()}</p>
            <dl class="fields" aria-label="Alert">
                {user}
                {device}
                {field("Type", a.kind.clone())}
                {field("Severity", or_dash(&a.severity))}
                {field("Read state", a.read_label().to_string())}
                {field("Sent by", or_dash(&a.transport))}
                {field("Dispatch status", or_dash(&a.status))}
                {field("Send attempts", a.retries.to_string())}
                {field("Subscription", or_dash(&a.subscription))}
                {field("Date", date(a.date))}
                {field("Last updated", date(a.updated))}
                {field("Updated by", or_dash(&a.updated_by))}
                {field("ID", a.id.clone())}
            </dl>
        </section>
    }
}

/// The alerts of a device's user, from all of their devices (a device page tab).
#[component]
pub fn AlertsTab(user: String) -> impl IntoView {
    let Some(api) = crate::context::backend().alerts() else {
        return view! { <p class="muted">"This server has no alerts."</p> }.into_any();
    };
    let who = user.clone();
    let loader = Loader::new(
        move || user.clone(),
        move |u| {
            let api = api.clone();
            async move { api.for_user(&u).await }
        },
    );
    view! {
        <p class="muted">{format!("Alerts for {who}, from all of their devices.")}</p>
        <DataTable name="device-alerts" caption="Alerts" noun="alerts" url_prefix="al."
            columns=Arc::new(alert_columns()) rows=loader.signal() on_retry=loader.retry_callback()
            empty="No alerts for this user."/>
    }
    .into_any()
}
