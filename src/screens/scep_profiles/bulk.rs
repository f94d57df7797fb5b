//! Enable, disable, delete or force delete the selected SCEP profiles: confirm, send, then list
//! per profile what failed and why, and what was done. Profiles refused because something uses
//! them can be force deleted from the result, the confirmation naming what is detached first.

use crate::backend::pki::ScepProfileApi;
use crate::domain::scep_profile::{plural, BulkAction, BulkResult, ProfileFailure, ScepProfile};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::table::selection::Selection;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The profiles of an action: `(id, name)`.
type Targets = Arc<Vec<(String, String)>>;

#[derive(Clone, PartialEq)]
enum Step {
    Idle,
    Confirm {
        action: BulkAction,
        targets: Targets,
        /// Why they were refused before (a force delete after a refused delete).
        refused: Arc<Vec<ProfileFailure>>,
    },
    Running(BulkAction, usize),
    Done(Arc<BulkResult>),
    /// The request itself failed: nothing is confirmed.
    Failed(BulkAction, String),
}

/// What a force delete detaches first, as far as the platform said when it refused.
pub fn detach_note(refused: &[ProfileFailure]) -> Option<String> {
    let named: Vec<String> = refused
        .iter()
        .filter_map(|f| {
            let by = f.in_use_by.as_ref().filter(|b| !b.is_empty())?;
            Some(format!("{} from {}", f.name, by.join(", ")))
        })
        .collect();
    (!named.is_empty()).then(|| format!("It detaches {} first.", named.join("; ")))
}

/// The confirmation of an action on `n` profiles.
fn confirm_spec(action: BulkAction, n: usize, refused: &[ProfileFailure]) -> ConfirmSpec {
    let what = plural(n, "SCEP profile", "SCEP profiles");
    let mut message = action.explain(n);
    if let Some(note) = detach_note(refused) {
        message = format!("{message} {note}");
    }
    ConfirmSpec {
        title: format!("{} {what}?", action.label()),
        message,
        confirm_label: format!("{} {what}", action.label()),
        danger: action.destructive(),
        // Forcing detaches what uses the profiles: typing the count makes it deliberate.
        type_to_confirm: (action == BulkAction::ForceDelete).then(|| n.to_string()),
        reason: None,
        reason_max: 0,
    }
}

#[component]
pub fn BulkActions(
    api: Arc<dyn ScepProfileApi>,
    selection: Selection<ScepProfile>,
    on_done: Callback<()>,
) -> impl IntoView {
    let step = RwSignal::new(Step::Idle);
    let force = api.caps().force_delete;
    let open = move |action: BulkAction| {
        let Some(sel) = selection.resolve().filter(|s| !s.is_empty()) else {
            return;
        };
        let targets: Vec<(String, String)> =
            sel.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
        step.set(Step::Confirm {
            action,
            targets: Arc::new(targets),
            refused: Arc::new(Vec::new()),
        });
    };
    let run = move |action: BulkAction, targets: Targets| {
        step.set(Step::Running(action, targets.len()));
        let api = api.clone();
        spawn_local(async move {
            let ids: Vec<String> = targets.iter().map(|(id, _)| id.clone()).collect();
            let answer = match action {
                BulkAction::Enable => api.set_enabled_many(&ids, true).await,
                BulkAction::Disable => api.set_enabled_many(&ids, false).await,
                BulkAction::Delete => api.delete_many(&ids, false).await,
                BulkAction::ForceDelete => api.delete_many(&ids, true).await,
            };
            step.try_set(match answer {
                Ok(failed) => Step::Done(Arc::new(BulkResult::new(action, &targets, failed))),
                Err(e) => Step::Failed(action, e.message()),
            });
        });
    };
    let run = StoredValue::new(Arc::new(run) as Arc<dyn Fn(BulkAction, Targets) + Send + Sync>);
    let close = move || {
        let finished = matches!(step.get_untracked(), Step::Done(_) | Step::Failed(..));
        step.set(Step::Idle);
        if finished {
            selection.clear();
            on_done.run(());
        }
    };
    let actions: Vec<BulkAction> = BulkAction::ALL
        .into_iter()
        .filter(|a| force || *a != BulkAction::ForceDelete)
        .collect();

    view! {
        <div class="bulk-actions" role="group" aria-label="Bulk actions">
            {actions.into_iter().map(|a| view! {
                <button type="button" class=if a.destructive() { "button danger" } else { "button" }
                    on:click=move |_| open(a)>{a.label()}</button>
            }).collect_view()}
        </div>
        {move || match step.get() {
            Step::Idle => ().into_any(),
            Step::Confirm { action, targets, refused } => {
                let spec = confirm_spec(action, targets.len(), &refused);
                view! {
                    <ConfirmDialog spec=spec
                        on_confirm=Callback::new(move |_| (run.get_value())(action, targets.clone()))
                        on_cancel=Callback::new(move |_| step.set(Step::Idle))/>
                }
                .into_any()
            }
            Step::Running(action, n) => view! {
                <Modal title=format!("{} {}", action.label(), plural(n, "SCEP profile", "SCEP profiles")) on_close=Callback::new(|_| {})>
                    <p role="status">"Working…"</p>
                </Modal>
            }
            .into_any(),
            Step::Failed(action, message) => view! {
                <Modal title=format!("{}: failed", action.label()) on_close=Callback::new(move |_| close())>
                    <p class="field-error" role="alert">{message}</p>
                    <p>"The platform confirmed nothing: list the profiles again to see their state."</p>
                    <div class="dialog-actions">
                        <button type="button" class="button primary" on:click=move |_| close()>"Close"</button>
                    </div>
                </Modal>
            }
            .into_any(),
            Step::Done(result) => {
                let in_use: Vec<ProfileFailure> = result.in_use().into_iter().cloned().collect();
                let offer_force = force && result.action == BulkAction::Delete && !in_use.is_empty();
                let n = in_use.len();
                let force_targets: Targets = Arc::new(in_use.iter().map(|f| (f.id.clone(), f.name.clone())).collect());
                let refused = Arc::new(in_use);
                view! {
                    <Modal title=format!("{}: result", result.action.label()) on_close=Callback::new(move |_| close())>
                        <ResultPanel result=result.clone()/>
                        <div class="dialog-actions">
                            {offer_force.then(|| view! {
                                <button type="button" class="button danger" on:click=move |_| step.set(Step::Confirm {
                                    action: BulkAction::ForceDelete,
                                    targets: force_targets.clone(),
                                    refused: refused.clone(),
                                })>{format!("Force delete {}", plural(n, "refused profile", "refused profiles"))}</button>
                            })}
                            <button type="button" class="button primary" on:click=move |_| close()>"Close"</button>
                        </div>
                    </Modal>
                }
                .into_any()
            }
        }}
    }
}

/// The failures with their reasons, then what was done.
#[component]
pub fn ResultPanel(result: Arc<BulkResult>) -> impl IntoView {
    let failed = result.failed.clone();
    let done = result.done.clone();
    let done_title = format!("{} ({})", capitalized(result.action.done()), done.len());
    view! {
        <p role="status" class="summary">{result.summary()}</p>
        {(!failed.is_empty()).then(|| view! {
            <section class="result-list" aria-label="Failed">
                <h3>{format!("Failed ({})", failed.len())}</h3>
                <ul>
                    {failed.into_iter().map(|f| {
                        let who = if f.name.is_empty() { f.id.clone() } else { f.name.clone() };
                        view! { <li><strong>{who}</strong>": "{f.message}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!done.is_empty()).then(|| view! {
            <section class="result-list" aria-label=done_title.clone()>
                <h3>{done_title.clone()}</h3>
                <ul>{done.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn force_delete_says_what_it_detaches() {
        let refused = [
            ProfileFailure {
                id: "p1".into(),
                name: "kiosk-devices".into(),
                message: "Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra".into(),
                in_use_by: Some(vec!["devices-ra".into(), "legacy-ra".into()]),
            },
            ProfileFailure {
                id: "p2".into(),
                name: "corporate-users".into(),
                message: "Object is associated with other items".into(),
                in_use_by: Some(vec![]),
            },
        ];
        assert_eq!(
            detach_note(&refused).as_deref(),
            Some("It detaches kiosk-devices from devices-ra, legacy-ra first.")
        );
        let spec = confirm_spec(BulkAction::ForceDelete, 2, &refused);
        assert!(spec.message.starts_with(
            "Force delete first detaches the 2 SCEP profiles from every RA profile that uses them"
        ));
        assert!(spec
            .message
            .ends_with("It detaches kiosk-devices from devices-ra, legacy-ra first."));
        assert_eq!(spec.type_to_confirm.as_deref(), Some("2"));
        assert!(spec.danger);
        let spec = confirm_spec(BulkAction::Enable, 1, &[]);
        assert_eq!(spec.title, "Enable 1 SCEP profile?");
        assert!(!spec.danger && spec.type_to_confirm.is_none());
    }
}
