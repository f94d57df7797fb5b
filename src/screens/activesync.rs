//! ActiveSync: every Exchange association in its group, allow / block / wipe (confirmed), and one
//! association's page with Exchange's own details.

use crate::backend::epmm::{activesync, ApiClient, ApiError};
use crate::domain::activesync::{association_columns, EasAssociation, EasCommand, EasGroup};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::key_value::KeyValueTable;
use crate::ui::link::A;
use crate::ui::loader::Loader;
use crate::ui::query_nav::QueryNav;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::{DataTable, Rows};
use crate::ui::table::selection::Selection;
use crate::url::encode_path_segment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// A command waiting for confirmation, with the associations it changes.
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    command: EasCommand,
    uuids: Vec<String>,
    /// How one of them is named, for a single-device title.
    what: String,
    /// Selected ones the command leaves as they are.
    skipped: usize,
}

fn spec(a: &Asked) -> ConfirmSpec {
    let (title, mut message) = a.command.confirm_text(a.uuids.len(), &a.what);
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
    api: ApiClient,
    a: Asked,
    busy: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: Callback<()>,
) {
    busy.set(true);
    error.set(None);
    spawn_local(async move {
        let r = activesync::act(&api, a.command, &a.uuids).await;
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

fn name_of(a: &EasAssociation) -> String {
    if a.device_id.is_empty() {
        a.uuid.clone()
    } else {
        a.device_id.clone()
    }
}

#[component]
pub fn ActiveSyncPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let query = use_query_map();
    let nav = QueryNav::new();
    crate::context::page_title("ActiveSync");
    let group = Memo::new(move |_| {
        query
            .with(|q| q.get("group"))
            .and_then(|s| s.parse::<EasGroup>().ok())
    });
    let a = api.clone();
    let loader = Loader::new(
        || (),
        move |_| {
            let api = a.clone();
            async move { activesync::list(&api).await }
        },
    );
    // One call returns all five groups; the group filter works on it.
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
            Some(Ok(list)) => EasGroup::ALL
                .map(|g| list.iter().filter(|a| a.group == Some(g)).count())
                .to_vec(),
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

    let selection = Selection::new(
        |a: &EasAssociation| a.uuid.clone(),
        |a: &EasAssociation| name_of(a),
    );
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
            what: name_of(apply[0]),
            skipped: all.len() - apply.len(),
            uuids: apply.iter().map(|a| a.uuid.clone()).collect(),
        }));
    };
    let on_confirm = Callback::new(move |_: String| {
        let Some(a) = asked.get_untracked() else {
            return;
        };
        run(api.clone(), a, busy, error, done);
    });
    let bulk = ViewFn::from(move || {
        EasCommand::ALL
            .iter()
            .map(|c| {
                let c = *c;
                let class = if c.danger() { "button danger" } else { "button" };
                view! {
                    <button type="button" class=class disabled=move || busy.get() on:click=move |_| ask(c)>{c.label()}</button>
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
                    {EasGroup::ALL.iter().enumerate().map(|(i, g)| {
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
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let uuid = Memo::new(move |_| params.with(|p| p.get("uuid")).unwrap_or_default());
    crate::context::page_title("ActiveSync device");
    // The list gives the group and the summary; the detail call gives Exchange's own view.
    let a = api.clone();
    let item = LocalResource::new(move || {
        let api = a.clone();
        let want = uuid.get();
        async move {
            let list = activesync::list(&api).await?;
            Ok::<_, ApiError>(list.iter().find(|x| x.uuid == want).cloned().map(Arc::new))
        }
    });
    let a = api.clone();
    let details = LocalResource::new(move || {
        let api = a.clone();
        let want = uuid.get();
        async move { activesync::detail(&api, &want).await.map(Arc::new) }
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let asked: RwSignal<Option<Asked>> = RwSignal::new(None);
    let done = Callback::new(move |_| {
        asked.set(None);
        item.refetch();
        details.refetch();
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
    let details_view = move || {
        match details.get() {
        None => view! { <p class="state loading" role="status">"Loading Exchange details…"</p> }.into_any(),
        Some(Err(e)) => view! {
            <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { details.refetch(); })/>
        }
        .into_any(),
        Some(Ok(d)) => view! { <KeyValueTable caption="Exchange details" entries=d/> }.into_any(),
    }
    };
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/activesync">"ActiveSync"</A></p>
        </header>
        {move || match item.get() {
            None => view! { <p class="state loading" role="status">"Loading ActiveSync device…"</p> }.into_any(),
            Some(Ok(None)) => view! {
                <h1>"ActiveSync device not found"</h1>
                <RetryAlert message={format!("There is no ActiveSync device with id {}.", uuid.get_untracked())} on_retry=Callback::new(move |_| { item.refetch(); })/>
            }.into_any(),
            Some(Err(e)) => view! {
                <h1>"ActiveSync device"</h1>
                <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { item.refetch(); })/>
            }.into_any(),
            Some(Ok(Some(a))) => {
                let actions = EasCommand::ALL.iter().filter(|c| c.applies_to(a.access())).map(|c| {
                    let c = *c;
                    let one = Asked { command: c, uuids: vec![a.uuid.clone()], what: name_of(&a), skipped: 0 };
                    let class = if c.danger() { "button danger" } else { "button" };
                    view! {
                        <button type="button" class=class disabled=move || busy.get()
                            on:click=move |_| asked.set(Some(one.clone()))>{c.label()}</button>
                    }
                }).collect_view();
                view! {
                    <AssociationView item=a/>
                    <div class="actions" role="group" aria-label="Actions">{actions}</div>
                }.into_any()
            }
        }}
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
    let date = |ms: Option<i64>| {
        ms.map(|m| format!("{} UTC", crate::dates::format_short(m)))
            .unwrap_or_else(|| "—".into())
    };
    let device = (!a.device_uuid.is_empty()).then(|| {
        let href = format!("/devices/{}", encode_path_segment(&a.device_uuid));
        view! { <div><dt>"Managed device"</dt><dd><A href=href>"Open the device"</A></dd></div> }
    });
    let user = (!a.user.is_empty()).then(|| {
        let href = crate::domain::user::user_href(&a.user);
        let u = a.user.clone();
        view! { <div><dt>"User"</dt><dd><A href=href>{u}</A></dd></div> }
    });
    let badge = format!("badge badge-{}", a.access_label().to_lowercase());
    view! {
        <h1>{name_of(&a)}</h1>
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
                {field("ActiveSync UUID", a.uuid.clone())}
            </dl>
        </section>
    }
}
