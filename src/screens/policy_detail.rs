//! One policy: what it is, the groups it is assigned to (assign / take off, confirmed, where the
//! server allows), and its rules under the server's headings, with readable names and values.

use crate::backend::groups::GroupCaps;
use crate::backend::policies::PolicyCaps;
use crate::backend::{GroupApi, PolicyApi};
use crate::domain::group::{Group, GroupRef};
use crate::domain::policy::{Policy, RuleSection};
use crate::screens::not_found::NotAvailable;
use crate::ui::chart_model::thousands;
use crate::ui::detail::Detail;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// Assign or take off, waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    group: GroupRef,
    apply: bool,
}

#[component]
pub fn PolicyDetailPage() -> impl IntoView {
    match (crate::context::policies(), crate::context::groups()) {
        (Some(policies), Some(groups)) => {
            view! { <PolicyPage policies=policies groups=groups/> }.into_any()
        }
        _ => view! { <NotAvailable/> }.into_any(),
    }
}

#[component]
fn PolicyPage(policies: Arc<dyn PolicyApi>, groups: Arc<dyn GroupApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let api = policies.clone();
    let policy: Load<Policy> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = api.clone();
            async move { api.get(&id).await }
        },
    );
    Effect::new(move |_| match policy.get() {
        Some(Ok(p)) => crate::context::page_title(&p.name),
        _ => crate::context::page_title("Policy"),
    });
    let caps = groups.caps().clone();
    let all_groups = Loader::new(
        || (),
        move |_| {
            let groups = groups.clone();
            async move { groups.list().await }
        },
    );
    // Retrying the policy retries the group choices too when they had failed.
    Effect::new(move |_| {
        if policy.get().is_none()
            && all_groups
                .rows
                .with_untracked(|r| matches!(r, Some(Err(_))))
        {
            all_groups.retry();
        }
    });

    // ---- assign / take off ----
    let rights = policies.caps().clone();
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(String::new());
    let one = caps.one;
    let run = Callback::new(move |_reason: String| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let Some(Ok(current)) = policy.rows.get_untracked() else {
            return;
        };
        pending.set(None);
        busy.set(true);
        let api = policies.clone();
        spawn_local(async move {
            let r = api.assign(&current.id, &p.group.id, p.apply).await;
            busy.try_set(false);
            match r {
                Ok(message) => {
                    // Visible at once: the group list changes now; counts follow the reload.
                    let mut next = (*current).clone();
                    if p.apply {
                        if !next.has_group(&p.group.id) {
                            next.groups.push(p.group.clone());
                        }
                    } else {
                        next.groups.retain(|g| g.id != p.group.id);
                    }
                    policy.rows.try_set(Some(Ok(Arc::new(next))));
                    chosen.try_set(String::new());
                    let text = if message.trim().is_empty() {
                        if p.apply {
                            format!("Policy applied to {one} {}.", p.group.name)
                        } else {
                            format!("Policy removed from {one} {}.", p.group.name)
                        }
                    } else {
                        message.trim().to_string()
                    };
                    crate::ui::toast::info(text);
                    if policy.rows.try_get_untracked().is_some() {
                        policy.refresh();
                    }
                }
                Err(e) => crate::ui::toast::error(e.message()),
            }
        });
    });
    let confirm = move || {
        let p = pending.get()?;
        let name = policy.rows.with(|x| match x {
            Some(Ok(p)) => p.name.clone(),
            _ => String::new(),
        });
        let group = &p.group.name;
        let spec = if p.apply {
            ConfirmSpec {
                title: format!("Apply “{name}” to {one} {group}?"),
                message: format!(
                    "Every device in {one} {group} gets this policy at its next check-in."
                ),
                confirm_label: "Apply".into(),
                ..Default::default()
            }
        } else {
            ConfirmSpec {
                title: format!("Remove “{name}” from {one} {group}?"),
                message: format!(
                    "Devices in {one} {group} lose this policy unless another {one} gives it to \
                     them; they fall back to the next policy of this type by priority."
                ),
                confirm_label: "Remove".into(),
                danger: true,
                ..Default::default()
            }
        };
        Some(view! {
            <ConfirmDialog spec=spec on_confirm=run on_cancel=Callback::new(move |_| pending.set(None))/>
        })
    };
    let not_found =
        Signal::derive(|| "There is no policy with this id. It may have been deleted.".to_string());
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::POLICIES>"Policies"</A></p>
        </header>
        <Detail load=policy noun="policy" not_found=not_found let:p>
            <PolicyView policy=p caps=caps.clone() rights=rights.clone() all_groups=all_groups pending=pending busy=busy chosen=chosen/>
        </Detail>
        {confirm}
    }
}

#[component]
fn PolicyView(
    policy: Arc<Policy>,
    caps: GroupCaps,
    rights: PolicyCaps,
    all_groups: Loader<Group>,
    pending: RwSignal<Option<Pending>>,
    busy: RwSignal<bool>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let p = policy.clone();
    let (one, many) = (caps.one, caps.many);
    let heading = crate::context::caps().groups_name;
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let status_class = format!("badge badge-{}", p.status_label().to_lowercase());
    let applied: Vec<GroupRef> = p.groups.clone();
    let p2 = policy.clone();
    // The groups it can still be assigned to: (id, name).
    let options = Memo::new(move |_| -> Vec<(String, String)> {
        all_groups.rows.with(|r| match r {
            Some(Ok(list)) => list
                .iter()
                .filter(|g| !p2.has_group(&g.id))
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
            _ => Vec::new(),
        })
    });
    let groups_error = move || {
        all_groups.rows.with(|r| match r {
            Some(Err(e)) => Some(e.message()),
            _ => None,
        })
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        let group = options.with_untracked(|o| {
            o.iter().find(|(g, _)| *g == id).map(|(id, name)| GroupRef {
                id: id.clone(),
                name: name.clone(),
            })
        });
        if let Some(group) = group {
            pending.set(Some(Pending { group, apply: true }));
        }
    };
    let rule_count = p.rule_count();
    let sections = p.rules.clone();
    let assign_form = rights.assign.then(|| view! {
        <form class="inline-form" on:submit=apply>
            <label>
                <span>{format!("Apply to {one}")}</span>
                <select prop:value=move || chosen.get() on:change:target=move |ev| chosen.set(ev.target().value())>
                    <option value="">{format!("Choose a {one}…")}</option>
                    <For each=move || options.get() key=|o| o.0.clone() let:o>
                        <option value=o.0.clone()>{o.1.clone()}</option>
                    </For>
                </select>
            </label>
            <button type="submit" class="button primary" disabled=move || busy.get() || chosen.get().is_empty()>"Apply"</button>
            {move || groups_error().map(|m| view! {
                <div class="field-error" role="alert">
                    <p>{format!("The {many} to apply the policy to could not be loaded. {m}")}</p>
                    <button type="button" class="button" on:click=move |_| all_groups.retry()>"Retry"</button>
                </div>
            })}
        </form>
    });
    view! {
        <h1>{p.name.clone()}</h1>
        <p class="subtitle">
            <span class=status_class>{p.status_label()}</span>
            " "{format!("{} policy · {} · priority {}", p.profile_label, p.policy_type, p.priority)}
        </p>
        <section class="panel" aria-labelledby="policy-overview-h">
            <h2 id="policy-overview-h">"Overview"</h2>
            <dl class="fields" aria-label="Policy">
                {field("Description", if p.description.is_empty() { "—".into() } else { p.description.clone() })}
                {field("Profile type", p.profile_label.clone())}
                {field("Policy type", p.policy_type.clone())}
                {field("Status", p.status_label().to_string())}
                {field("Priority", p.priority.to_string())}
                {field("Devices", thousands(p.device_count.max(0) as u64))}
                {field("Pending", thousands(p.pending_count.max(0) as u64))}
                {field("ID", p.id.clone())}
            </dl>
        </section>
        <section class="panel" aria-labelledby="policy-labels-h">
            <h2 id="policy-labels-h">{heading}</h2>
            <p class="muted">{format!("The policy applies to the devices in these {many}.")}</p>
            {if applied.is_empty() {
                view! { <p class="empty-note">{format!("Not applied to any {one}.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="chips" aria-label=format!("Applied {many}")>
                        {applied.into_iter().map(|g| {
                            let href = crate::routes::group(&g.id);
                            let remove_name = format!("Remove from {one} {}", g.name);
                            let name = g.name.clone();
                            view! {
                                <li class="chip">
                                    <A href=href>{name}</A>
                                    {rights.unassign.then(|| view! {
                                        <button type="button" class="button icon small" aria-label=remove_name
                                            disabled=move || busy.get()
                                            on:click=move |_| pending.set(Some(Pending { group: g.clone(), apply: false }))>
                                            "×"
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {assign_form}
        </section>
        <section class="panel" aria-labelledby="policy-rules-h">
            <h2 id="policy-rules-h">{format!("Rules ({rule_count})")}</h2>
            {if sections.is_empty() {
                view! { <p class="empty-note">"This policy has no rules."</p> }.into_any()
            } else {
                sections.into_iter().map(rule_table).collect_view().into_any()
            }}
        </section>
    }
}

fn rule_table(s: RuleSection) -> impl IntoView {
    let title = s.title;
    // Sub-headings only help when a section has more than one group.
    let several = s
        .rules
        .iter()
        .filter_map(|r| r.group.as_deref())
        .collect::<std::collections::HashSet<_>>()
        .len()
        > 1;
    let mut last: Option<String> = None;
    let rows = s
        .rules
        .into_iter()
        .map(|r| {
            let heading = (r.group != last && several).then(|| r.group.clone()).flatten();
            last = r.group.clone();
            view! {
                {heading.map(|g| view! {
                    <tr class="rule-group"><th colspan="3" scope="rowgroup">{g}</th></tr>
                })}
                <tr class:deprecated=r.deprecated>
                    <th scope="row">{r.name}{r.deprecated.then(|| view! { " "<span class="badge badge-muted">"Deprecated"</span> })}</th>
                    <td class="wrap">{r.value}</td>
                    <td class="code">{r.code}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="rule-section">
            <h3>{title.clone()}</h3>
            <table aria-label=title class="rules">
                <thead><tr><th scope="col">"Setting"</th><th scope="col">"Value"</th><th scope="col">"Rule"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
