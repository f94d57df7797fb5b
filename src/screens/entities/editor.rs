//! The form of one object: create (from the template), save changes, or read-only, as the type
//! allows; checked before anything is sent, with the server's refusal shown against its field;
//! delete where the type allows it; and, for a profile, its groups.

use super::Editing;
use crate::backend::{ApiError, EntityApi};
use crate::domain::bulk::plural;
use crate::domain::entity::{assignable_groups, Assignment, Entity, EntityType, GroupRef};
use crate::domain::entity_form::{check, server_errors, FieldErrors, Form};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::entity_form::{focus_first_invalid, EntityFields, FormCtx};
use crate::ui::loader::Load;
use crate::ui::retry::RetryAlert;
use crate::ui::toast;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

/// What the form does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Creates an object from the template.
    New,
    /// One object: saved in place, deleted where the type allows.
    Existing,
    /// The only object of a single-object type.
    Settings,
}

#[component]
pub fn Editor(api: Arc<dyn EntityApi>, editing: Arc<Editing>, mode: Mode) -> impl IntoView {
    let ty = editing.ty.clone();
    let editable = match mode {
        Mode::New => ty.ops.create,
        Mode::Existing | Mode::Settings => ty.ops.update,
    };
    let form = RwSignal::new(Form::new(&ty, &editing.entity.values));
    let errors = RwSignal::new(FieldErrors::new());
    let alert = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(editing.entity.id.clone().unwrap_or_default());
    let navigate = use_navigate();
    let ctx = FormCtx {
        form,
        errors,
        choices: editing.choices.clone(),
        editable,
        server_set: mode != Mode::New,
    };

    let submit = {
        let (api, ty) = (api.clone(), ty.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if busy.get_untracked() {
                return;
            }
            let values = match check(&ty, &form.get_untracked()) {
                Ok(v) => v,
                Err(e) => {
                    alert.set(Some(format!(
                        "{} to correct; nothing was sent.",
                        plural(e.len(), "field", "fields")
                    )));
                    errors.set(e);
                    focus_first_invalid();
                    return;
                }
            };
            errors.set(FieldErrors::new());
            alert.set(None);
            busy.set(true);
            let (api, ty, navigate) = (api.clone(), ty.clone(), navigate.clone());
            spawn_local(async move {
                let result = match mode {
                    Mode::New => api.create(&ty, &values).await,
                    Mode::Existing | Mode::Settings => {
                        api.update(&ty, &id.get_value(), &values).await
                    }
                };
                busy.set(false);
                match result {
                    Ok(saved) if mode == Mode::New => {
                        toast::info(format!("Created “{}”.", saved.name()));
                        navigate(&saved.href(), Default::default());
                    }
                    Ok(saved) => {
                        toast::info("Saved.");
                        form.set(Form::new(&ty, &saved.values));
                    }
                    Err(e) => refused(e, errors, alert),
                }
            });
        }
    };

    let label = match mode {
        Mode::New => "Create",
        Mode::Existing | Mode::Settings => "Save",
    };
    let busy_label = match mode {
        Mode::New => "Creating…",
        Mode::Existing | Mode::Settings => "Saving…",
    };
    let actions = editable.then(|| {
        view! {
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || if busy.get() { busy_label } else { label }}
                </button>
            </div>
        }
    });
    let read_only_note = (!editable).then(|| {
        view! { <p class="muted" role="note">"This server does not let these be changed here."</p> }
    });
    let delete = (mode == Mode::Existing && ty.ops.delete).then(
        || view! { <DeleteButton api=api.clone() ty=ty.clone() entity=editing.entity.clone()/> },
    );
    let groups = (mode == Mode::Existing && ty.assignable)
        .then(|| view! { <Groups api=api.clone() ty=ty.clone() entity=editing.entity.clone()/> });
    view! {
        {read_only_note}
        <form class="panel form-grid entity-form" on:submit=submit novalidate aria-label=ty.name.clone()>
            <EntityFields ty=ty.clone() ctx=ctx/>
            {move || alert.get().map(|a| view! { <p class="form-error" role="alert">{a}</p> })}
            {actions}
        </form>
        {delete}
        {groups}
    }
}

/// The server refused: its message (with its error id and reference) above the buttons, and what
/// it said about single properties under them.
fn refused(e: ApiError, errors: RwSignal<FieldErrors>, alert: RwSignal<Option<String>>) {
    let fields = server_errors(e.field_messages());
    let any = !fields.is_empty();
    errors.set(fields);
    alert.set(Some(e.message()));
    if any {
        focus_first_invalid();
    }
}

#[component]
fn DeleteButton(api: Arc<dyn EntityApi>, ty: Arc<EntityType>, entity: Entity) -> impl IntoView {
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let name = entity.name();
    let spec = ConfirmSpec {
        title: format!("Delete “{name}”?"),
        message: format!(
            "The {} is removed from the server, with its assignments. This cannot be undone.",
            ty.noun()
        ),
        confirm_label: "Delete".into(),
        danger: true,
        ..ConfirmSpec::default()
    };
    let entity = StoredValue::new(entity);
    let on_confirm = Callback::new(move |_: String| {
        let (api, ty, navigate) = (api.clone(), ty.clone(), navigate.clone());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let e = entity.get_value();
            let result = api.delete(&ty, e.id.as_deref().unwrap_or_default()).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    open.set(false);
                    toast::info(format!("Deleted “{}”.", e.name()));
                    navigate(&crate::routes::entity_type(&ty.id), Default::default());
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    });
    view! {
        <div class="actions">
            <button type="button" class="button danger" on:click=move |_| open.set(true)>"Delete"</button>
        </div>
        <Show when=move || open.get()>
            <ConfirmDialog spec=spec.clone() on_confirm=on_confirm on_cancel=Callback::new(move |_| open.set(false))
                error=error busy=busy/>
        </Show>
    }
}

/// What the groups section shows: the assignment and every group.
struct GroupsState {
    assignment: Assignment,
    all: Vec<GroupRef>,
}

#[component]
fn Groups(api: Arc<dyn EntityApi>, ty: Arc<EntityType>, entity: Entity) -> impl IntoView {
    let loader = {
        let (api, ty, entity) = (api.clone(), ty.clone(), entity.clone());
        Load::item(
            || (),
            move |_| {
                let (api, ty, entity) = (api.clone(), ty.clone(), entity.clone());
                async move {
                    let (assignment, all) =
                        futures::join!(api.assignment(&ty, &entity), api.groups());
                    Ok::<_, ApiError>(GroupsState {
                        assignment: assignment?,
                        all: all?,
                    })
                }
            },
        )
    };
    let retry = loader.retry_callback();
    view! {
        <section class="panel" aria-labelledby="entity-groups-h">
            <h2 id="entity-groups-h">"Groups"</h2>
            {move || match loader.get() {
                None => view! { <p class="state loading" role="status">"Loading groups…"</p> }.into_any(),
                Some(Err(e)) => view! { <RetryAlert message=e.message() on_retry=retry/> }.into_any(),
                Some(Ok(s)) => view! { <GroupsView api=api.clone() state=s on_changed=Callback::new(move |_| loader.refresh())/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn GroupsView(
    api: Arc<dyn EntityApi>,
    state: Arc<GroupsState>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let assigned = state.assignment.groups.clone();
    let left = assignable_groups(&state.all, &assigned);
    let pick = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let assignment = StoredValue::new(state.assignment.clone());
    let names = StoredValue::new(left.clone());
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = pick.get_untracked();
        if id.is_empty() {
            error.set(Some("Choose a group.".into()));
            return;
        }
        error.set(None);
        busy.set(true);
        let api = api.clone();
        spawn_local(async move {
            let result = api
                .assign(&assignment.get_value(), std::slice::from_ref(&id))
                .await;
            busy.set(false);
            match result {
                Ok(()) => {
                    let name = names
                        .with_value(|n| n.iter().find(|g| g.id == id).map(|g| g.name.clone()))
                        .unwrap_or(id);
                    toast::info(format!("Assigned to “{name}”."));
                    on_changed.run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        {if assigned.is_empty() {
            view! { <p class="empty-note">"Not assigned to any group."</p> }.into_any()
        } else {
            view! {
                <ul class="chips" aria-label="Assigned groups">
                    {assigned.into_iter().map(|g| view! { <li class="chip">{g.name}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        {if left.is_empty() {
            view! { <p class="muted">"It is assigned to every group."</p> }.into_any()
        } else {
            view! {
                <form class="inline-form" on:submit=assign novalidate>
                    <label>
                        <span>"Group"</span>
                        <select on:change:target=move |ev| pick.set(ev.target().value())>
                            <option value="">"Choose…"</option>
                            {left.into_iter().map(|g| view! { <option value=g.id>{g.name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Assigning…" } else { "Assign" }}
                    </button>
                </form>
            }.into_any()
        }}
        {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
    }
}
