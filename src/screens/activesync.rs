//! ActiveSync: every Exchange association in its group, allow / block / wipe (confirmed), one
//! association's page with Exchange's own details, and a device's associations (a device page
//! tab).

use crate::backend::activesync::AssociationDetails;
use crate::backend::ActiveSyncApi;
use crate::domain::activesync::{
    association_columns, association_href, EasAssociation, EasCommand, EasGroup,
};
use crate::domain::device::Device;
use crate::ui::detail::Detail;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::{DataTable, Rows};
use crate::ui::table::selection::Selection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// A command waiting for confirmation, with the associations it changes.
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    command: EasCommand,
    ids: Vec<String>,
    /// How one of them is named, for a single-device title.
    what: String,
    /// Selected ones the command leaves as they are.
    skipped: usize,
}

fn spec(a: &Asked) -> ConfirmSpec {
    let (title, mut message) = a.command.confirm_text(a.ids.len(), &a.what);
    if a.skipped > 0 {
        message.push_str(&format!(
            " {} of the selected devices {} left as they are (already {}).",
            a.skipped,
            if a.skipped == 1 { "is" } else { "are" },
            match a.command {
                EasCommand::Block => "blocked or wiped",
                EasCommand::Allow => "allowed or wiped",
                EasCommand::Wipe => "wiped",
            }
        ));
    }
    ConfirmSpec {
        title,
        message,
        confirm_label: a.command.label().to_string(),
        danger: a.command.danger(),
        type_to_confirm: (a.command == EasCommand::Wipe).then(|| "WIPE".to_string()),
        ..Default::default()
    }
}

/// Runs a command; `done` runs after a success; a failure goes to `error` (shown in the
/// confirmation dialog, which stays open).
fn run(
    api: Arc<dyn ActiveSyncApi>,
    a: Asked,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: Callback<()>,
) {
    busy.set(true);
    error.set(None);
    spawn_local(async move {
        let r = api.run(a.command, &a.ids).await;
        busy.set(false);
        match r {
            Ok(messages) => {
                let text = messages
                    .iter()
                    .map(|m| m.trim())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                crate::ui::toast::info(if text.is_empty() {
                    format!("{} done.", a.command.label())
                } else {
                    text
                });
                done.try_run(());
            }
            Err(e) => error.set(Some(e.message())),
        }
    });
}

#[component]
pub fn ActiveSyncPage() -> impl IntoView {
    match crate::context::backend().activesync() {
        Some(api) => view! { <ActiveSync api=api/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

/// The command buttons, with their look.
fn button_class(c: EasCommand) -> &'static str {
    if c.danger() {
        "button danger"
    } else {
        "button"
    }
}

#[component]
fn ActiveSync(api: Arc<dyn ActiveSyncApi>) -> impl IntoView {
    let groups = api.caps().groups;
    let commands = api.caps().commands;
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("ActiveSync");
    let group = Memo::new(move |_| {
        query
            .with(|q| q.get("group"))
            .and_then(|s| s.parse::<EasGroup>().ok())
            .filter(|g| groups.contains(g))
    });
    let a = api.clone();
    let loader = Loader::new(
        || (),
        move |_| {
            let api = a.clone();
            async move { api.list().await }
        },
    );
    // One list holds every group; the group filter works on it.
    let rows = Memo::new(move |_| -> Rows<EasAssociation> {
        let g = group.get();
        loader.rows.with(|r| {
            r.as_ref().map(|r| {
                r.as_ref()
                    .map(|list| match g {
                        None => list.clone(),
                        Some(g) => Arc::new(
                            list.iter()
                                .filter(|a| a.group == Some(g))
                                .cloned()
                                .collect(),
                        ),
                    })
                    .map_err(Clone::clone)
            })
        })
    });
    let counts = Memo::new(move |_| {
        loader.rows.with(|r| match r {
            Some(Ok(list)) => groups
                .iter()
                .map(|g| list.iter().filter(|a| a.group == Some(*g)).count())
                .collect(),
            _ => Vec::new(),
        })
    });
    let set_group = move |key: String| {
        nav.edit(false, |pairs| {
            pairs.retain(|(k, _)| k != "group" && k != "page");
            if !key.is_empty() {
                pairs.push(("group".into(), key));
            }
        });
    };
    let empty = Signal::derive(move || match group.get() {
        None => "No device uses ActiveSync.".to_string(),
        Some(g) => format!("No ActiveSync devices in group “{}”.", g.label()),
    });

    let selection = Selection::new(|a: &EasAssociation| a.id.clone(), EasAssociation::name);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let asked: RwSignal<Option<Asked>> = RwSignal::new(None);
    let done = Callback::new(move |_| {
        asked.set(None);
        selection.clear();
        loader.refresh();
    });
    let ask = move |command: EasCommand| {
        let Some(sel) = selection.resolve() else {
            return;
        };
        let all: Vec<&EasAssociation> = sel.iter().collect();
        let apply: Vec<&EasAssociation> = all
            .iter()
            .copied()
            .filter(|a| command.applies_to(a.access()))
            .collect();
        if apply.is_empty() {
            crate::ui::toast::error(format!(
                "None of the selected devices can be changed by “{}”.",
                command.label()
            ));
            return;
        }
        asked.set(Some(Asked {
            command,
            what: apply[0].name(),
            skipped: all.len() - apply.len(),
            ids: apply.iter().map(|a| a.id.clone()).collect(),
        }));
    };
    let on_confirm = Callback::new(move |_: String| {
        let Some(a) = asked.get_untracked() else {
            return;
        };
        run(api.clone(), a, busy, error, done);
    });
    let bulk = ViewFn::from(move || {
        commands
            .iter()
            .map(|c| {
                let c = *c;
                view! {
                    <button type="button" class=button_class(c) disabled=move || busy.get() on:click=move |_| ask(c)>{c.label()}</button>
                }
            })
            .collect_view()
    });
    let dialog = move || {
        let a = asked.get()?;
        error.set(None);
        Some(view! {
            <ConfirmDialog spec=spec(&a) error=error busy=busy
                on_confirm=on_confirm on_cancel=Callback::new(move |_| asked.set(None))/>
        })
    };

    view! {
        <header class="page-header">
            <h1>"ActiveSync"</h1>
            <p class="subtitle muted">"Devices that reach Exchange mail through ActiveSync. Blocking stops mail and removes what was synced; wiping factory-resets the device."</p>
        </header>
        <DataTable
            name="activesync"
            caption="ActiveSync devices"
            noun="ActiveSync devices"
            columns=Arc::new(association_columns())
            rows=Signal::from(rows)
            on_retry=loader.retry_callback()
            empty=empty
            selection=selection
            bulk=bulk
        >
            <label class="filter">
                <span>"Group"</span>
                <select on:change:target=move |ev| set_group(ev.target().value())>
                    <option value="" selected=move || group.get().is_none()>"All groups"</option>
                    {groups.iter().enumerate().map(|(i, g)| {
                        let g = *g;
                        let text = move || match counts.with(|c| c.get(i).copied()) {
                            Some(n) => format!("{} ({n})", g.label()),
                            None => g.label().to_string(),
                        };
                        view! { <option value=g.key() selected=move || group.get() == Some(g)>{text}</option> }
                    }).collect_view()}
                </select>
            </label>
        </DataTable>
        {dialog}
    }
}

#[component]
pub fn ActiveSyncDetailPage() -> impl IntoView {
    match crate::context::backend().activesync() {
        Some(api) => view! { <AssociationPage api=api/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn AssociationPage(api: Arc<dyn ActiveSyncApi>) -> impl IntoView {
    let commands = api.caps().commands;
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("uuid")).unwrap_or_default());
    crate::context::page_title("ActiveSync device");
    // The summary (group, access), and Exchange's own view of the device.
    let a = api.clone();
    let item: Load<EasAssociation> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = a.clone();
            async move { api.get(&id).await }
        },
    );
    let a = api.clone();
    let details: Load<Vec<(String, String)>> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = a.clone();
            async move { api.details(&id).await }
        },
    );
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let asked: RwSignal<Option<Asked>> = RwSignal::new(None);
    let done = Callback::new(move |_| {
        asked.set(None);
        item.refresh();
        details.refresh();
    });
    let on_confirm = Callback::new(move |_: String| {
        let Some(a) = asked.get_untracked() else {
            return;
        };
        run(api.clone(), a, busy, error, done);
    });
    let dialog = move || {
        let a = asked.get()?;
        error.set(None);
        Some(view! {
            <ConfirmDialog spec=spec(&a) error=error busy=busy
                on_confirm=on_confirm on_cancel=Callback::new(move |_| asked.set(None))/>
        })
    };
    let details_view = move || match details.get() {
        None => view! { <p class="state loading" role="status">"Loading Exchange details…"</p> }
            .into_any(),
        Some(Err(e)) => {
            view! { <RetryAlert message={e.message()} on_retry=details.retry_callback()/> }
                .into_any()
        }
        Some(Ok(d)) => view! { <KeyValueTable caption="Exchange details" entries=d/> }.into_any(),
    };
    let not_found =
        Signal::derive(move || format!("There is no ActiveSync device with id {}.", id.get()));
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::ACTIVESYNC>"ActiveSync"</A></p>
        </header>
        <Detail load=item noun="ActiveSync device" not_found=not_found let:a>
            {
                let actions = commands.iter().filter(|c| c.applies_to(a.access())).map(|c| {
                    let c = *c;
                    let one = Asked { command: c, ids: vec![a.id.clone()], what: a.name(), skipped: 0 };
                    view! {
                        <button type="button" class=button_class(c) disabled=move || busy.get()
                            on:click=move |_| asked.set(Some(one.clone()))>{c.label()}</button>
                    }
                }).collect_view();
                view! {
                    <AssociationView item=a/>
                    <div class="actions" role="group" aria-label="Actions">{actions}</div>
                }
            }
        </Detail>
        <section class="panel" aria-labelledby="eas-details-h">
            <h2 id="eas-details-h">"Exchange details"</h2>
            {details_view}
        </section>
        {dialog}
    }
}

#[component]
fn AssociationView(item: Arc<EasAssociation>) -> impl IntoView {
    let a = item;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let device = (!a.managed_device.is_empty()).then(|| {
        let href = crate::routes::device(&a.managed_device);
        view! { <div><dt>"Managed device"</dt><dd><A href=href>"Open the device"</A></dd></div> }
    });
    let user = (!a.user_id.is_empty()).then(|| {
        let href = crate::routes::user(&a.user_id);
        let u = a.user.clone();
        view! { <div><dt>"User"</dt><dd><A href=href>{u}</A></dd></div> }
    });
    let badge = format!("badge badge-{}", a.access_label().to_lowercase());
    view! {
        <h1>{a.name()}</h1>
        <p class="subtitle">
            <span class=badge>{a.access_label()}</span>" "{a.group_label()}" · "{or_dash(&a.model)}" · "{or_dash(&a.platform)}
        </p>
        <section class="panel" aria-labelledby="eas-overview-h">
            <h2 id="eas-overview-h">"Overview"</h2>
            <dl class="fields" aria-label="ActiveSync device">
                {user}
                {device}
                {field("Group", a.group_label().to_string())}
                {field("Access", a.access_label())}
                {field("Access set by", or_dash(&a.source))}
                {field("ActiveSync device id", or_dash(&a.device_id))}
                {field("Mailbox", or_dash(&a.mailbox))}
                {field("Domain", or_dash(&a.domain))}
                {field("Phone", or_dash(&a.phone))}
                {field("Model", or_dash(&a.model))}
                {field("Platform", or_dash(&a.platform))}
                {field("First sync", date(a.first_sync))}
                {field("Last sync", date(a.last_sync))}
                {field("ActiveSync UUID", a.id.clone())}
            </dl>
        </section>
    }
}

fn date(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_local_named)
        .unwrap_or_else(|| "—".into())
}

/// The device's Exchange ActiveSync associations, when it has any (a device page tab).
#[component]
pub fn ActiveSyncTab(device: Arc<Device>) -> impl IntoView {
    let Some(api) = crate::context::backend().activesync() else {
        return view! { <p class="muted">"This server has no ActiveSync associations."</p> }
            .into_any();
    };
    let found: Loader<AssociationDetails> = Loader::new(
        || (),
        move |_| {
            let api = api.clone();
            let device = device.clone();
            async move { api.of_device(&device).await.map(Arc::new) }
        },
    );
    view! {
        <section class="panel" aria-label="ActiveSync association">
            {move || match found.get() {
                None => view! { <p role="status">"Loading ActiveSync association…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <RetryAlert message={e.message()} on_retry=found.retry_callback()/>
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p>"This device has no Exchange ActiveSync association."</p>
                }.into_any(),
                Some(Ok(list)) => list.iter().cloned().map(|(a, details)| {
                    let href = association_href(&a);
                    view! {
                        <h2>{format!("{} · {}", a.group_label(), a.access_label())}</h2>
                        <p>
                            {format!("User {} · mailbox {} · last sync {}. ", a.user, a.mailbox, date(a.last_sync))}
                            <A href=href>"Open the association to allow, block or wipe it"</A>
                        </p>
                        <KeyValueTable caption="ActiveSync details" entries=details/>
                    }
                }).collect_view().into_any(),
            }}
        </section>
    }
    .into_any()
}
