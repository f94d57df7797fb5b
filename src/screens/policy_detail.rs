//! One policy: what it is, the labels it is applied to (apply / remove, confirmed), and its
//! rules grouped as the guide's rule catalogue groups them, with readable names and values.

use crate::backend::epmm::{labels, policies, ApiClient, ApiError};
use crate::domain::label::Label;
use crate::domain::policy::{rule_sections, LabelRef, Policy, RuleSection};
use crate::ui::chart_model::thousands;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::link::A;
use crate::ui::retry::RetryAlert;
use crate::url::encode_path_segment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// Apply or remove, waiting for confirmation.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    label: String,
    apply: bool,
}

#[component]
pub fn PolicyDetailPage() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.trim().parse::<i64>().ok())
    });
    // The policy (V1 has no single-policy call: it is picked from the list).
    let policy: RwSignal<Option<Result<Option<Arc<Policy>>, ApiError>>> = RwSignal::new(None);
    let version = StoredValue::new(0u64);
    let load = {
        let api = api.clone();
        move |keep: bool| {
            let Some(want) = id.get_untracked() else {
                policy.set(Some(Ok(None)));
                return;
            };
            let v = version.get_value() + 1;
            version.set_value(v);
            if !keep {
                policy.set(None);
            }
            let api = api.clone();
            spawn_local(async move {
                let r = policies::list(&api)
                    .await
                    .map(|list| list.iter().find(|p| p.id == want).cloned().map(Arc::new));
                if version.try_get_value() == Some(v) {
                    match (r, keep) {
                        (Err(e), true) => crate::ui::toast::error(e.message()),
                        (r, _) => policy.set(Some(r)),
                    }
                }
            });
        }
    };
    let load = StoredValue::new(Arc::new(load) as Arc<dyn Fn(bool) + Send + Sync>);
    Effect::new(move |_| {
        id.track();
        (load.get_value())(false);
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(p))) = policy.get() {
            crate::context::page_title(&p.name);
        } else {
            crate::context::page_title("Policy");
        }
    });
    let a = api.clone();
    let all_labels = LocalResource::new(move || {
        let api = a.clone();
        async move { labels::list(&api).await }
    });

    // ---- apply / remove ----
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(String::new());
    let run = {
        let api = api.clone();
        Callback::new(move |_reason: String| {
            let Some(p) = pending.get_untracked() else {
                return;
            };
            let Some(Ok(Some(current))) = policy.get_untracked() else {
                return;
            };
            pending.set(None);
            busy.set(true);
            let api = api.clone();
            spawn_local(async move {
                let r = policies::set_label(&api, current.id, &p.label, p.apply).await;
                busy.set(false);
                match r {
                    Ok(message) => {
                        // Visible at once: the label list changes now; counts follow the reload.
                        let mut next = (*current).clone();
                        if p.apply {
                            if !next.has_label(&p.label) {
                                next.labels.push(LabelRef {
                                    id: None,
                                    name: p.label.clone(),
                                });
                            }
                        } else {
                            next.labels.retain(|l| l.name != p.label);
                        }
                        policy.set(Some(Ok(Some(Arc::new(next)))));
                        chosen.set(String::new());
                        let text = if message.trim().is_empty() {
                            if p.apply {
                                format!("Policy applied to label {}.", p.label)
                            } else {
                                format!("Policy removed from label {}.", p.label)
                            }
                        } else {
                            message.trim().to_string()
                        };
                        crate::ui::toast::info(text);
                        if let Some(reload) = load.try_get_value() {
                            reload(true);
                        }
                    }
                    Err(e) => crate::ui::toast::error(e.message()),
                }
            });
        })
    };
    let confirm = move || {
        let p = pending.get()?;
        let name = policy.with(|x| match x {
            Some(Ok(Some(p))) => p.name.clone(),
            _ => String::new(),
        });
        let spec = if p.apply {
            ConfirmSpec {
                title: format!("Apply “{name}” to label {}?", p.label),
                message: format!(
                    "Every device in label {} gets this policy at its next check-in.",
                    p.label
                ),
                confirm_label: "Apply".into(),
                ..Default::default()
            }
        } else {
            ConfirmSpec {
                title: format!("Remove “{name}” from label {}?", p.label),
                message: format!(
                    "Devices in label {} lose this policy unless another label gives it to them; \
                     they fall back to the next policy of this type by priority.",
                    p.label
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

    // Loads the policy again, and the label choices too when they had failed.
    let retry = move || {
        if all_labels.with_untracked(|r| matches!(r, Some(Err(_)))) {
            all_labels.refetch();
        }
        (load.get_value())(false);
    };

    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href="/policies">"Policies"</A></p>
        </header>
        {move || match policy.get() {
            None => view! { <p class="state loading" role="status">"Loading policy…"</p> }.into_any(),
            Some(Ok(None)) => view! {
                <h1>"Policy not found"</h1>
                <RetryAlert message="There is no policy with this id. It may have been deleted." on_retry=Callback::new(move |_| { retry(); })/>
            }.into_any(),
            Some(Err(e)) => view! {
                <h1>"Policy"</h1>
                <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { retry(); })/>
            }.into_any(),
            Some(Ok(Some(p))) => view! {
                <PolicyView policy=p all_labels=all_labels pending=pending busy=busy chosen=chosen/>
            }.into_any(),
        }}
        {confirm}
    }
}

#[component]
fn PolicyView(
    policy: Arc<Policy>,
    all_labels: LocalResource<Result<Arc<Vec<Label>>, ApiError>>,
    pending: RwSignal<Option<Pending>>,
    busy: RwSignal<bool>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let p = policy.clone();
    let field =
        |label: &'static str, value: String| view! { <div><dt>{label}</dt><dd>{value}</dd></div> };
    let status_class = format!("badge badge-{}", p.status_label().to_lowercase());
    let applied: Vec<LabelRef> = p.labels.clone();
    let p2 = policy.clone();
    let options = move || -> Vec<String> {
        all_labels.with(|r| match r {
            Some(Ok(list)) => list
                .iter()
                .filter(|l| !p2.has_label(&l.name))
                .map(|l| l.name.clone())
                .collect(),
            _ => Vec::new(),
        })
    };
    let options = Memo::new(move |_| options());
    let labels_error = move || {
        all_labels.with(|r| match r {
            Some(Err(e)) => Some(e.message()),
            _ => None,
        })
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = chosen.get_untracked();
        if !l.is_empty() {
            pending.set(Some(Pending {
                label: l,
                apply: true,
            }));
        }
    };
    let sections = rule_sections(&p.rules, p.profile);
    let rule_count = p.rules.len();
    view! {
        <h1>{p.name.clone()}</h1>
        <p class="subtitle">
            <span class=status_class>{p.status_label()}</span>
            " "{format!("{} policy · {} · priority {}", p.profile_label(), p.policy_type, p.priority)}
        </p>
        <section class="panel" aria-labelledby="policy-overview-h">
            <h2 id="policy-overview-h">"Overview"</h2>
            <dl class="fields" aria-label="Policy">
                {field("Description", if p.description.is_empty() { "—".into() } else { p.description.clone() })}
                {field("Profile type", p.profile_label())}
                {field("Policy type", p.policy_type.clone())}
                {field("Status", p.status_label().to_string())}
                {field("Priority", p.priority.to_string())}
                {field("Devices", thousands(p.device_count.max(0) as u64))}
                {field("Pending", thousands(p.pending_count.max(0) as u64))}
                {field("ID", p.id.to_string())}
            </dl>
        </section>
        <section class="panel" aria-labelledby="policy-labels-h">
            <h2 id="policy-labels-h">"Labels"</h2>
            <p class="muted">"The policy applies to the devices in these labels."</p>
            {if applied.is_empty() {
                view! { <p class="empty-note">"Not applied to any label."</p> }.into_any()
            } else {
                view! {
                    <ul class="chips" aria-label="Applied labels">
                        {applied.into_iter().map(|l| {
                            let name = l.name.clone();
                            let remove_name = format!("Remove from label {}", l.name);
                            let href = format!("/labels/{}", encode_path_segment(&l.name));
                            view! {
                                <li class="chip">
                                    <A href=href>{l.name.clone()}</A>
                                    <button type="button" class="button icon small" aria-label=remove_name
                                        disabled=move || busy.get()
                                        on:click=move |_| pending.set(Some(Pending { label: name.clone(), apply: false }))>
                                        "×"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" on:submit=apply>
                <label>
                    <span>"Apply to label"</span>
                    <select prop:value=move || chosen.get() on:change:target=move |ev| chosen.set(ev.target().value())>
                        <option value="">"Choose a label…"</option>
                        <For each=move || options.get() key=|n| n.clone() let:name>
                            <option value=name.clone()>{name.clone()}</option>
                        </For>
                    </select>
                </label>
                <button type="submit" class="button primary" disabled=move || busy.get() || chosen.get().is_empty()>"Apply"</button>
                {move || labels_error().map(|m| view! {
                    <div class="field-error" role="alert">
                        <p>{format!("The labels to apply the policy to could not be loaded. {m}")}</p>
                        <button type="button" class="button" on:click=move |_| all_labels.refetch()>"Retry"</button>
                    </div>
                })}
            </form>
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
        .filter_map(|r| r.group)
        .collect::<std::collections::HashSet<_>>()
        .len()
        > 1;
    let mut last = None;
    view! {
        <div class="rule-section">
            <h3>{title}</h3>
            <table aria-label=title class="rules">
                <thead><tr><th scope="col">"Setting"</th><th scope="col">"Value"</th><th scope="col">"Rule"</th></tr></thead>
                <tbody>
                    {s.rules.into_iter().map(|r| {
                        let heading = (r.group != last && several).then_some(r.group).flatten();
                        last = r.group;
                        view! {
                            {heading.map(|g| view! {
                                <tr class="rule-group"><th colspan="3" scope="rowgroup">{g}</th></tr>
                            })}
                            <tr class:deprecated=r.deprecated>
                                <th scope="row">{r.name}{r.deprecated.then(|| view! { " "<span class="badge badge-muted">"Deprecated"</span> })}</th>
                                <td class="wrap">{r.value}</td>
                                <td class="code">{r.rule_type}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
