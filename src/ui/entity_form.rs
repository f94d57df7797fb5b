//! The widgets of the generic form ([`crate::domain::entity_form`]): one input per property,
//! chosen by its kind (text, number, checkbox, select or radio buttons, checkbox lists, pickers
//! filled with the objects a reference may point to, repeatable nested parts), in the type's
//! sections; server-set properties (and everything, when the form is read-only) as read-only
//! text. Each input has its label, marks a required value, and is described by its hint and its
//! error, which shows under it (from the form's own checks or from the server).
//!
//! The structure is built once; only the values, the errors, what shows, and the number of rows
//! of a nested part follow the form's state, so typing never rebuilds an input.

use crate::domain::entity::{
    display, Choice, Choices, EntityType, Property, PropertyKind, TextWidget, MAX_DEPTH,
};
use crate::domain::entity_form::{errors_for, sections, FieldErrors, Form, Path};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The state a form's widgets read and write.
#[derive(Clone)]
pub struct FormCtx {
    pub form: RwSignal<Form>,
    pub errors: RwSignal<FieldErrors>,
    /// What each reference may point to, by type id.
    pub choices: Arc<Choices>,
    /// Inputs for the editable properties; `false` shows everything read-only.
    pub editable: bool,
    /// Show what the server sets (not for a new object: it has none of it yet).
    pub server_set: bool,
}

/// The properties of `ty`, in its sections.
#[component]
pub fn EntityFields(ty: Arc<EntityType>, ctx: FormCtx) -> impl IntoView {
    fields(&ctx, &ty, &Path::default(), 0)
}

/// An input marked invalid, or the first input of a group marked invalid (`aria-invalid` is for
/// inputs; a group says it with `data-invalid`).
const FIRST_INVALID: &str = "input[aria-invalid=\"true\"], select[aria-invalid=\"true\"], \
     textarea[aria-invalid=\"true\"], fieldset[data-invalid=\"true\"] input";

/// Moves the focus to the first input marked invalid (after the errors have been drawn).
pub fn focus_first_invalid() {
    request_animation_frame(|| {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(FIRST_INVALID).ok().flatten());
        if let Some(el) = el {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

fn fields(ctx: &FormCtx, ty: &Arc<EntityType>, path: &Path, depth: usize) -> AnyView {
    sections(ty)
        .into_iter()
        .filter_map(|(title, props)| {
            let props: Vec<&Property> = props
                .into_iter()
                .filter(|p| ctx.server_set || !p.server_set)
                .collect();
            if props.is_empty() {
                return None;
            }
            let (inputs, shown): (Vec<&Property>, Vec<&Property>) = props
                .into_iter()
                .partition(|p| ctx.editable && p.is_editable());
            let inputs = inputs
                .into_iter()
                .map(|p| input(ctx, ty, p, path, depth))
                .collect_view();
            let read_only = (!shown.is_empty()).then(|| read_only_list(ctx, &shown, path));
            Some(match title {
                Some(t) => view! {
                    <fieldset class="form-section">
                        <legend>{t.to_string()}</legend>
                        {inputs}
                        {read_only}
                    </fieldset>
                }
                .into_any(),
                None => view! { <div class="form-section">{inputs}{read_only}</div> }.into_any(),
            })
        })
        .collect_view()
        .into_any()
}

/// Read-only properties as a definition list, with what the object was loaded with.
fn read_only_list(ctx: &FormCtx, props: &[&Property], path: &Path) -> AnyView {
    let loaded: Vec<(Property, Option<Value>)> = ctx.form.with_untracked(|f| {
        props
            .iter()
            .map(|p| {
                let v = f.at(path).and_then(|r| r.loaded(&p.name)).cloned();
                ((*p).clone(), v)
            })
            .collect()
    });
    view! {
        <dl class="fields read-only">
            {loaded.into_iter().map(|(p, v)| view! {
                <div>
                    <dt>{p.label.clone()}</dt>
                    <dd>{value_view(&p, v.as_ref(), 0)}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
    .into_any()
}

/// A value as read-only text; the rows of a nested part each as a list of their own.
fn value_view(p: &Property, v: Option<&Value>, depth: usize) -> AnyView {
    match (&p.kind, v.and_then(Value::as_array)) {
        (PropertyKind::Nested { item, .. }, Some(rows))
            if !rows.is_empty() && depth < MAX_DEPTH =>
        {
            let item = item.clone();
            view! {
                <ol class="rows">
                    {rows.iter().map(|row| view! {
                        <li>
                            <dl class="fields">
                                {item.properties.iter().filter(|q| !q.hidden).map(|q| view! {
                                    <div>
                                        <dt>{q.label.clone()}</dt>
                                        <dd>{value_view(q, row.get(&q.name), depth + 1)}</dd>
                                    </div>
                                }).collect_view()}
                            </dl>
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }
        _ => display(p, v).into_any(),
    }
}

/// The hint under an input: its help, its unit, and how to type a list.
fn hint(p: &Property) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(h) = &p.help {
        parts.push(h.clone());
    }
    match &p.kind {
        PropertyKind::Integer { .. } => {
            if let Some(u) = &p.unit {
                parts.push(format!("In {u}."));
            }
        }
        PropertyKind::TextList { .. } => parts.push("One per line.".into()),
        PropertyKind::DateTime => parts.push("ISO 8601, for example 2026-01-31T09:30:00Z.".into()),
        PropertyKind::Text {
            rule:
                crate::domain::entity::TextRule {
                    format: Some(f), ..
                },
            ..
        } => parts.push(format!("Expected: {}.", f.description)),
        _ => {}
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One editable property: its input, hint and error; hidden while its condition does not hold.
fn input(ctx: &FormCtx, ty: &Arc<EntityType>, p: &Property, path: &Path, depth: usize) -> AnyView {
    let form = ctx.form;
    let id = path.dom_id(&p.name);
    let at = path.field(&p.name);
    let visible = {
        let (ty, path, name) = (ty.clone(), path.clone(), p.name.clone());
        Memo::new(move |_| {
            form.with(|f| {
                f.at(&path)
                    .zip(ty.property(&name))
                    .is_some_and(|(row, p)| row.visible(&ty, p))
            })
        })
    };
    let error = {
        let errors = ctx.errors;
        Memo::new(move |_| errors.with(|e| errors_for(e, &at)))
    };
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-err");
    let described = format!("{hint_id} {err_id}");
    let hint = hint(p).map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
    let shown_error = move || {
        error
            .get()
            .map(|m| view! { <p class="field-error" id=err_id.clone()>{m}</p> })
    };
    let w = Widget {
        form,
        path: path.clone(),
        name: p.name.clone(),
        id,
        described,
        invalid: Signal::derive(move || error.with(|e| e.is_some())),
        required: p.required,
    };
    let control = match &p.kind {
        PropertyKind::Boolean => w.checkbox(&p.label),
        PropertyKind::Choice {
            options,
            radio: true,
        } => w.radios(&p.label, options.clone()),
        PropertyKind::Choice { options, .. } => w.select(&p.label, options.clone(), None),
        PropertyKind::ChoiceList { options, .. } => w.checkboxes(&p.label, options.clone()),
        PropertyKind::Reference { target } => {
            let loaded =
                form.with_untracked(|f| f.at(path).and_then(|r| r.loaded(&p.name)).cloned());
            match ctx.choices.get(target) {
                Some(Ok(list)) => w.select(&p.label, with_loaded(list, loaded.iter()), None),
                Some(Err(why)) => w.select(&p.label, Vec::new(), Some(why.clone())),
                None => w.select(&p.label, Vec::new(), Some("Not loaded.".into())),
            }
        }
        PropertyKind::ReferenceList { target, .. } => {
            let loaded = form.with_untracked(|f| {
                f.at(path)
                    .and_then(|r| r.loaded(&p.name))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            });
            match ctx.choices.get(target) {
                Some(Ok(list)) => w.checkboxes(&p.label, with_loaded(list, loaded.iter())),
                Some(Err(why)) => view! {
                    <fieldset class="choices" aria-describedby=w.described.clone()>
                        <legend>{p.label.clone()}</legend>
                        <p class="field-error">{why.clone()}</p>
                    </fieldset>
                }
                .into_any(),
                None => ().into_any(),
            }
        }
        PropertyKind::Nested { item, .. } => nested(ctx, p, item, path, depth, &w.described),
        PropertyKind::Text { widget, .. } => w.text(&p.label, *widget, p.placeholder.clone()),
        PropertyKind::Integer { min, max } => w.number(&p.label, *min, *max),
        PropertyKind::DateTime => w.text(
            &p.label,
            TextWidget::Line,
            Some("2026-01-31T09:30:00Z".into()),
        ),
        PropertyKind::TextList { .. } => w.text(&p.label, TextWidget::Multiline, None),
    };
    view! {
        <div class="field" style:display=move || if visible.get() { "" } else { "none" }>
            {control}
            {hint}
            {shown_error}
        </div>
    }
    .into_any()
}

/// The choices, with the loaded references that are not among them (an object since removed)
/// added under their loaded names.
fn with_loaded<'a>(list: &[Choice], loaded: impl Iterator<Item = &'a Value>) -> Vec<Choice> {
    let mut out = list.to_vec();
    for v in loaded {
        let Some(id) = crate::domain::entity::reference_id(v) else {
            continue;
        };
        if !out.iter().any(|c| c.value == id) {
            let name = v.get("name").and_then(Value::as_str).unwrap_or(id);
            out.push(Choice {
                value: id.to_string(),
                label: name.to_string(),
            });
        }
    }
    out
}

/// One input bound to one property of the row at `path`.
struct Widget {
    form: RwSignal<Form>,
    path: Path,
    name: String,
    id: String,
    described: String,
    invalid: Signal<bool>,
    required: bool,
}

/// A change to one property (its name given) of a row.
type Change<'a> = dyn FnMut(&mut Form, &str) + 'a;

fn required_mark(required: bool) -> impl IntoView {
    required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })
}

impl Widget {
    /// Applies a change to this property of its row.
    fn edit(&self) -> impl Fn(&mut Change<'_>) + Clone + 'static {
        let (form, path, name) = (self.form, self.path.clone(), self.name.clone());
        move |f: &mut Change<'_>| {
            form.update(|all| {
                if let Some(row) = all.at_mut(&path) {
                    f(row, &name);
                }
            })
        }
    }

    fn text_value(&self) -> impl Fn() -> String + Send + Sync + 'static {
        let (form, path, name) = (self.form, self.path.clone(), self.name.clone());
        move || {
            form.with(|f| {
                f.at(&path)
                    .map(|r| r.text(&name).to_string())
                    .unwrap_or_default()
            })
        }
    }

    fn invalid(&self) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let invalid = self.invalid;
        move || if invalid.get() { "true" } else { "false" }
    }

    fn text(&self, label: &str, widget: TextWidget, placeholder: Option<String>) -> AnyView {
        let edit = self.edit();
        let set = move |v: String| edit(&mut |row, name| row.set_text(name, v.clone()));
        let value = self.text_value();
        let body = match widget {
            TextWidget::Multiline => view! {
                <textarea id=self.id.clone() rows="3" aria-required=self.required.then_some("true")
                    aria-invalid=self.invalid() aria-describedby=self.described.clone()
                    prop:value=value on:input:target=move |ev| set(ev.target().value())></textarea>
            }
            .into_any(),
            TextWidget::Line | TextWidget::Secret => view! {
                <input id=self.id.clone()
                    type=if widget == TextWidget::Secret { "password" } else { "text" }
                    autocomplete=if widget == TextWidget::Secret { "new-password" } else { "off" }
                    placeholder=placeholder
                    aria-required=self.required.then_some("true")
                    aria-invalid=self.invalid() aria-describedby=self.described.clone()
                    prop:value=value on:input:target=move |ev| set(ev.target().value())/>
            }
            .into_any(),
        };
        view! {
            <label for=self.id.clone()><span>{label.to_string()}{required_mark(self.required)}</span></label>
            {body}
        }
        .into_any()
    }

    fn number(&self, label: &str, min: Option<i64>, max: Option<i64>) -> AnyView {
        let edit = self.edit();
        let value = self.text_value();
        view! {
            <label for=self.id.clone()><span>{label.to_string()}{required_mark(self.required)}</span></label>
            <input id=self.id.clone() type="number" inputmode="numeric" step="1"
                min=min.map(|m| m.to_string()) max=max.map(|m| m.to_string())
                aria-required=self.required.then_some("true")
                aria-invalid=self.invalid() aria-describedby=self.described.clone()
                prop:value=value
                on:input:target=move |ev| { let v = ev.target().value(); edit(&mut |row, name| row.set_text(name, v.clone())) }/>
        }
        .into_any()
    }

    fn checkbox(&self, label: &str) -> AnyView {
        let edit = self.edit();
        let (form, path, name) = (self.form, self.path.clone(), self.name.clone());
        view! {
            <label class="check">
                <input type="checkbox" id=self.id.clone() aria-describedby=self.described.clone()
                    prop:checked=move || form.with(|f| f.at(&path).is_some_and(|r| r.checked(&name)))
                    on:change:target=move |ev| { let on = ev.target().checked(); edit(&mut |row, name| row.set_checked(name, on)) }/>
                <span>{label.to_string()}</span>
            </label>
        }
        .into_any()
    }

    /// A select of `options` (empty and disabled, with the reason, when they could not be had).
    fn select(&self, label: &str, options: Vec<Choice>, unavailable: Option<String>) -> AnyView {
        let edit = self.edit();
        let value = self.text_value();
        let none = if self.required { "Choose…" } else { "None" };
        let current = Memo::new(move |_| value());
        let why = unavailable
            .clone()
            .map(|w| view! { <p class="field-error">{w}</p> });
        view! {
            <label for=self.id.clone()><span>{label.to_string()}{required_mark(self.required)}</span></label>
            <select id=self.id.clone() disabled=unavailable.is_some()
                aria-required=self.required.then_some("true")
                aria-invalid=self.invalid() aria-describedby=self.described.clone()
                on:change:target=move |ev| { let v = ev.target().value(); edit(&mut |row, name| row.set_text(name, v.clone())) }>
                <option value="" selected=move || current.with(String::is_empty)>{none}</option>
                {options.into_iter().map(|c| {
                    let v = c.value.clone();
                    view! { <option value=c.value selected=move || current.with(|x| *x == v)>{c.label}</option> }
                }).collect_view()}
            </select>
            {why}
        }
        .into_any()
    }

    fn radios(&self, label: &str, options: Vec<Choice>) -> AnyView {
        let value = self.text_value();
        let current = Memo::new(move |_| value());
        let group = self.id.clone();
        let edit = self.edit();
        view! {
            <fieldset class="choices" id=self.id.clone() aria-describedby=self.described.clone()
                data-invalid=self.invalid()>
                <legend>{label.to_string()}{required_mark(self.required)}</legend>
                {options.into_iter().map(|c| {
                    let (v, v2) = (c.value.clone(), c.value.clone());
                    let edit = edit.clone();
                    view! {
                        <label class="check">
                            <input type="radio" name=group.clone() value=c.value.clone()
                                prop:checked=move || current.with(|x| *x == v)
                                on:change=move |_| edit(&mut |row, name| row.set_text(name, v2.clone()))/>
                            <span>{c.label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any()
    }

    /// A checkbox per option (choice lists, reference lists).
    fn checkboxes(&self, label: &str, options: Vec<Choice>) -> AnyView {
        let (form, path, name) = (self.form, self.path.clone(), self.name.clone());
        let edit = self.edit();
        let empty = options
            .is_empty()
            .then(|| view! { <p class="muted">"Nothing to choose from."</p> });
        view! {
            <fieldset class="choices" id=self.id.clone() aria-describedby=self.described.clone()
                data-invalid=self.invalid()>
                <legend>{label.to_string()}{required_mark(self.required)}</legend>
                {empty}
                {options.into_iter().map(|c| {
                    let (v, v2) = (c.value.clone(), c.value.clone());
                    let (path, name) = (path.clone(), name.clone());
                    let edit = edit.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                prop:checked=move || form.with(|f| f.at(&path).is_some_and(|r| r.has(&name, &v)))
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    edit(&mut |row, name| row.toggle(name, &v2, on))
                                }/>
                            <span>{c.label}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any()
    }
}

/// The rows of a nested part, each a fieldset with its own fields and a Remove button, and a
/// button to add one.
fn nested(
    ctx: &FormCtx,
    p: &Property,
    item: &Arc<EntityType>,
    path: &Path,
    depth: usize,
    described: &str,
) -> AnyView {
    let form = ctx.form;
    let count = {
        let (path, name) = (path.clone(), p.name.clone());
        Memo::new(move |_| form.with(|f| f.at(&path).map_or(0, |r| r.rows(&name))))
    };
    let rows = {
        let (ctx, item, path, name) = (ctx.clone(), item.clone(), path.clone(), p.name.clone());
        move || {
            (0..count.get())
                .map(|i| {
                    let row = path.row(&name, i);
                    let remove = {
                        let (path, name) = (path.clone(), name.clone());
                        move |_| {
                            form.update(|f| {
                                if let Some(r) = f.at_mut(&path) {
                                    r.remove_row(&name, i)
                                }
                            })
                        }
                    };
                    let body = if depth < MAX_DEPTH {
                        fields(&ctx, &item, &row, depth + 1)
                    } else {
                        ().into_any()
                    };
                    view! {
                        <fieldset class="row">
                            <legend>{format!("{} {}", item.name, i + 1)}</legend>
                            {body}
                            <button type="button" class="button small"
                                aria-label=format!("Remove {} {}", item.noun(), i + 1) on:click=remove>
                                "Remove"
                            </button>
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };
    let add = {
        let (item, path, name) = (item.clone(), path.clone(), p.name.clone());
        move |_| {
            form.update(|f| {
                if let Some(r) = f.at_mut(&path) {
                    r.add_row(&name, &item)
                }
            })
        }
    };
    let editable = ctx.editable;
    view! {
        <fieldset class="nested" aria-describedby=described.to_string()>
            <legend>{p.label.clone()}{required_mark(p.required)}</legend>
            {move || (count.get() == 0).then(|| view! { <p class="muted">"None yet."</p> })}
            {rows}
            {editable.then(|| view! {
                <button type="button" class="button" on:click=add>{format!("Add {}", item.noun())}</button>
            })}
        </fieldset>
    }
    .into_any()
}
