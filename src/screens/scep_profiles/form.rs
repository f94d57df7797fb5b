//! The create / edit form of a SCEP profile: the CA certificate picker filled from the platform's
//! eligible certificates (again when Intune is switched), the RA profile, the renewal threshold,
//! the write-only secrets ("leave blank to keep"), the attribute editors and the certificate
//! associations. Checks what it can before sending; every server message is shown, under its
//! field where it names one.

use crate::backend::pki::ScepProfileApi;
use crate::domain::pki_attribute::{AttributeField, ContentType};
use crate::domain::scep_profile::{
    field, CaCertificate, FormErrors, FormMode, RaProfileRef, ScepProfileDetail, ScepProfileForm,
};
use crate::ui::loader::{Load, Loader};
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Keys of editor rows, unique for the page's life.
fn next_key() -> u64 {
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed)
}

/// One attribute in the editor: the field, and a key per value (so the value inputs stay
/// where they are while typing).
#[derive(Clone)]
struct AttrRow {
    key: u64,
    field: ArcRwSignal<AttributeField>,
    value_keys: ArcRwSignal<Vec<u64>>,
}

impl AttrRow {
    fn new(f: AttributeField) -> AttrRow {
        AttrRow {
            key: next_key(),
            value_keys: ArcRwSignal::new(f.values.iter().map(|_| next_key()).collect()),
            field: ArcRwSignal::new(f),
        }
    }
}

fn rows_of(fields: &[AttributeField]) -> RwSignal<Vec<AttrRow>> {
    RwSignal::new(fields.iter().cloned().map(AttrRow::new).collect())
}

fn fields_of(rows: RwSignal<Vec<AttrRow>>) -> Vec<AttributeField> {
    rows.with_untracked(|r| r.iter().map(|r| r.field.get_untracked()).collect())
}

type FieldGet = fn(&ScepProfileForm) -> String;
type FieldSet = fn(&mut ScepProfileForm, String);

/// A text field of the form with its messages; `secret`: a write-only password field, never
/// filled in by the portal.
fn text_input(
    form: RwSignal<ScepProfileForm>,
    errors: RwSignal<FormErrors>,
    label: &'static str,
    key: &'static str,
    get: FieldGet,
    set: FieldSet,
    secret: bool,
) -> impl IntoView {
    let (kind, autocomplete) = if secret {
        ("password", "new-password")
    } else {
        ("text", "off")
    };
    view! {
        <label>
            <span>{label}</span>
            <input type=kind autocomplete=autocomplete prop:value=move || form.with(get)
                aria-invalid=move || errors.with(|e| e.contains_key(key)).to_string()
                on:input:target=move |ev| form.update(|f| set(f, ev.target().value()))/>
        </label>
        {secret.then(|| view! { <p class="hint">"Write-only: the platform never shows it."</p> })}
        {messages(errors, key)}
    }
}

/// The messages under a field.
fn messages(errors: RwSignal<FormErrors>, key: &'static str) -> impl IntoView {
    move || {
        errors.with(|e| {
            e.get(key).map(|ms| {
                ms.iter()
                    .map(|m| view! { <p class="field-error" role="alert">{m.clone()}</p> })
                    .collect_view()
            })
        })
    }
}

#[component]
pub fn ProfileForm(
    api: Arc<dyn ScepProfileApi>,
    mode: FormMode,
    /// The profile edited (edit only).
    #[prop(optional, into)]
    id: String,
    initial: ScepProfileForm,
    /// The CA certificate the profile has now (edit): offered even when the platform no longer
    /// lists it as eligible.
    #[prop(default = None)]
    current_ca: Option<CaCertificate>,
    /// The RA profile it has now (edit).
    #[prop(default = None)]
    current_ra: Option<RaProfileRef>,
    on_saved: Callback<ScepProfileDetail>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let issue = rows_of(&initial.issue_attributes);
    let custom = rows_of(&initial.custom_attributes);
    let form = RwSignal::new(initial);
    let errors = RwSignal::new(FormErrors::new());
    let general = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let platform = api.caps().platform;

    // The eligible CA certificates, again whenever Intune is switched.
    let intune = Memo::new(move |_| form.with(|f| f.intune));
    let ca_api = api.clone();
    let cas: Loader<CaCertificate> = Load::new(
        move || intune.get(),
        move |intune: bool| {
            let api = ca_api.clone();
            async move { api.ca_certificates(intune).await }
        },
    );
    let ra_api = api.clone();
    let ras: Loader<RaProfileRef> = Load::new(
        || (),
        move |_| {
            let api = ra_api.clone();
            async move { api.ra_profiles().await.map(Arc::new) }
        },
    );
    // Typing an RA profile's id instead of choosing one.
    let other_ra = RwSignal::new(false);

    let save_api = api.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut f = form.get_untracked();
        f.issue_attributes = fields_of(issue);
        f.custom_attributes = fields_of(custom);
        let input = match f.validate(mode) {
            Ok(i) => i,
            Err(e) => {
                errors.set(e);
                general.set(vec![
                    "Some fields need attention: see the messages below them.".into(),
                ]);
                return;
            }
        };
        busy.set(true);
        let api = save_api.clone();
        let id = id.clone();
        spawn_local(async move {
            let saved = match mode {
                FormMode::Create => api.create(&input).await,
                FormMode::Edit => api.update(&id, &input).await,
            };
            busy.try_set(false);
            match saved {
                Ok(d) => on_saved.run(d),
                Err(e) => {
                    let (by_field, mut top) = f.place(e.field_messages());
                    if by_field.is_empty() && top.is_empty() {
                        top.push(e.message());
                    } else if top.is_empty() {
                        top.push(format!(
                            "{platform} refused the profile: see the messages below the fields."
                        ));
                    }
                    errors.try_set(by_field);
                    general.try_set(top);
                }
            }
        });
    };

    let text = move |label, key, get, set| text_input(form, errors, label, key, get, set, false);
    let secret = move |label, key, get, set| text_input(form, errors, label, key, get, set, true);
    let check = move |label, get, set| crate::ui::check::check_field(form, label, get, set);
    let editing = mode == FormMode::Edit;
    let name = form.with_untracked(|f| f.name.clone());

    // The CA certificate picker: the eligible ones, and the current one if it is not among them.
    let current_ca = StoredValue::new(current_ca);
    // A certificate chosen before Intune was switched and not eligible now is chosen no more.
    Effect::new(move |_| {
        if let Some(Ok(list)) = cas.get() {
            let chosen = form.with_untracked(|f| f.ca_certificate.clone());
            let is = |id: &str| id.eq_ignore_ascii_case(&chosen);
            let current = current_ca.with_value(|c| c.as_ref().is_some_and(|c| is(&c.id)));
            if !chosen.is_empty() && !current && !list.iter().any(|c| is(&c.id)) {
                form.update(|f| f.ca_certificate.clear());
            }
        }
    });
    let ca_picker = move || {
        match cas.get() {
        None => view! { <p class="state loading" role="status">"Loading the eligible CA certificates…"</p> }.into_any(),
        Some(Err(e)) => view! { <RetryAlert message=e.message() on_retry=cas.retry_callback()/> }.into_any(),
        Some(Ok(list)) => {
            let mut choices: Vec<(String, String)> =
                list.iter().map(|c| (c.id.clone(), c.choice_label())).collect();
            if let Some(c) = current_ca.get_value() {
                if !list.iter().any(|l| l.id.eq_ignore_ascii_case(&c.id)) {
                    choices.push((c.id.clone(), format!("{} (current; not eligible for these settings)", c.choice_label())));
                }
            }
            let empty = choices.is_empty();
            view! {
                <label>
                    <span>"CA certificate"</span>
                    <select aria-invalid=move || errors.with(|e| e.contains_key(field::CA_CERTIFICATE)).to_string()
                        on:change:target=move |ev| form.update(|f| f.ca_certificate = ev.target().value())>
                        <option value="" selected=move || form.with(|f| f.ca_certificate.is_empty())>"Choose…"</option>
                        {choices.into_iter().map(|(id, label)| {
                            let selected = id.clone();
                            view! { <option value=id selected=move || form.with(|f| f.ca_certificate.eq_ignore_ascii_case(&selected))>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {empty.then(|| view! { <p class="notice" role="note">"The platform has no certificate it accepts as a SCEP CA certificate for these settings."</p> })}
            }
            .into_any()
        }
    }
    };

    // The RA profile picker: none, the RA profiles the platform's profiles use, or an id typed.
    let current_ra = StoredValue::new(current_ra);
    let ra_picker = move || {
        let mut known: Vec<RaProfileRef> = match ras.get() {
            Some(Ok(l)) => l.to_vec(),
            _ => Vec::new(),
        };
        if let Some(c) = current_ra.get_value() {
            if !known.iter().any(|k| k.id.eq_ignore_ascii_case(&c.id)) {
                known.push(c);
            }
        }
        let known = Arc::new(known);
        let listed = known.clone();
        let is_known = move |id: &str| listed.iter().any(|k| k.id.eq_ignore_ascii_case(id));
        let is_known2 = is_known.clone();
        let typed = move || {
            other_ra.get() || form.with(|f| !f.ra_profile.is_empty() && !is_known2(&f.ra_profile))
        };
        let typed2 = typed.clone();
        view! {
            <label>
                <span>"RA profile"</span>
                <select on:change:target=move |ev| {
                    let v = ev.target().value();
                    if v == "\u{1}other" {
                        other_ra.set(true);
                    } else {
                        other_ra.set(false);
                        form.update(|f| f.ra_profile = v);
                    }
                }>
                    <option value="" selected=move || !typed() && form.with(|f| f.ra_profile.is_empty())>"None"</option>
                    {known.iter().map(|r| {
                        let id = r.id.clone();
                        let label = match r.enabled {
                            Some(false) => format!("{} (disabled)", r.title()),
                            _ => r.title().to_string(),
                        };
                        view! { <option value=r.id.clone() selected=move || !other_ra.get() && form.with(|f| f.ra_profile.eq_ignore_ascii_case(&id))>{label}</option> }
                    }).collect_view()}
                    <option value="\u{1}other" selected=typed2.clone()>"Another RA profile (enter its UUID)"</option>
                </select>
            </label>
            <Show when=typed2.clone()>
                {text("RA profile UUID", field::RA_PROFILE, |f| f.ra_profile.clone(), |f, v| f.ra_profile = v)}
            </Show>
            {move || (!typed2()).then(|| messages(errors, field::RA_PROFILE))}
            <p class="hint">"Without an RA profile the profile has no SCEP URL: devices cannot enrol at it yet."</p>
        }
    };

    view! {
        <form class="panel form-grid scep-form" on:submit=submit novalidate aria-label=if editing { "Edit SCEP profile" } else { "New SCEP profile" }>
            {move || {
                let top = general.get();
                (!top.is_empty()).then(|| view! {
                    <div class="form-error" role="alert">
                        <ul>{top.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <fieldset>
                <legend>"General"</legend>
                {if editing {
                    view! {
                        <div class="readonly-field">
                            <span>"Name"</span>
                            <output aria-label="Name">{name}</output>
                            <p class="hint">"A profile cannot be renamed: its name is part of its SCEP URL."</p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        {text("Name", field::NAME, |f| f.name.clone(), |f, v| f.name = v)}
                        <p class="hint">"Part of the SCEP URL: letters, digits, - . _ ~"</p>
                    }.into_any()
                }}
                <label>
                    <span>"Description"</span>
                    <textarea rows="2" prop:value=move || form.with(|f| f.description.clone())
                        on:input:target=move |ev| form.update(|f| f.description = ev.target().value())></textarea>
                </label>
                {messages(errors, field::DESCRIPTION)}
                {ra_picker}
            </fieldset>
            <fieldset>
                <legend>"Certificates"</legend>
                {check("Intune integration", |f| f.intune, |f, v| f.intune = v)}
                {ca_picker}
                {messages(errors, field::CA_CERTIFICATE)}
                <p class="hint">"Only certificates the platform accepts as a SCEP CA certificate (with their private key on the platform; RSA for Intune) are offered."</p>
                <label>
                    <span>"Renewal threshold (days)"</span>
                    <input type="text" inputmode="numeric" prop:value=move || form.with(|f| f.renewal_threshold.clone())
                        aria-invalid=move || errors.with(|e| e.contains_key(field::RENEWAL_THRESHOLD)).to_string()
                        on:input:target=move |ev| form.update(|f| f.renewal_threshold = ev.target().value())/>
                </label>
                <p class="hint">"0 or empty: half the certificate's validity."</p>
                {messages(errors, field::RENEWAL_THRESHOLD)}
                {check("Include the CA certificate in SCEP answers", |f| f.include_ca_certificate, |f, v| f.include_ca_certificate = v)}
                {check("Include the CA certificate chain in SCEP answers", |f| f.include_ca_chain, |f, v| f.include_ca_chain = v)}
                {secret(if editing { "New challenge password (leave blank to keep)" } else { "Challenge password" },
                    field::CHALLENGE_PASSWORD, |f| f.challenge_password.clone(), |f, v| f.challenge_password = v)}
            </fieldset>
            <Show when=move || intune.get()>
                <fieldset>
                    <legend>"Intune"</legend>
                    {text("Intune tenant", field::INTUNE, |f| f.intune_tenant.clone(), |f, v| f.intune_tenant = v)}
                    {text("Intune application ID", "intuneApplicationId", |f| f.intune_application_id.clone(), |f, v| f.intune_application_id = v)}
                    {secret(if editing { "New Intune application key (leave blank to keep)" } else { "Intune application key" },
                        "intuneApplicationKey", |f| f.intune_application_key.clone(), |f, v| f.intune_application_key = v)}
                </fieldset>
            </Show>
            // Intune's messages stay visible when the section is closed.
            <Show when=move || !intune.get()>{messages(errors, field::INTUNE)}</Show>
            <AttributeEditor legend="Issue attributes" noun="Issue attribute" rows=issue errors=errors key=field::ISSUE_ATTRIBUTES
                hint="What the RA profile's authority needs to issue a certificate (the platform says which it requires)."/>
            <AttributeEditor legend="Custom attributes" noun="Custom attribute" rows=custom errors=errors key=field::CUSTOM_ATTRIBUTES
                hint="The platform's custom attributes of SCEP profiles."/>
            <fieldset>
                <legend>"Certificate associations"</legend>
                <p class="hint">"Given to every certificate the profile issues."</p>
                {text("Owner (user UUID)", field::ASSOCIATIONS, |f| f.owner.clone(), |f, v| f.owner = v)}
                <label>
                    <span>"Groups (UUIDs, one per line)"</span>
                    <textarea rows="2" prop:value=move || form.with(|f| f.groups.clone())
                        on:input:target=move |ev| form.update(|f| f.groups = ev.target().value())></textarea>
                </label>
                {move || {
                    let n = form.with(|f| f.association_attributes.len());
                    (n > 0).then(|| view! { <p class="hint">{format!("Its {n} custom attribute(s) are kept as they are.")}</p> })
                }}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {move || match (busy.get(), editing) {
                        (true, _) => "Saving…",
                        (false, true) => "Save changes",
                        (false, false) => "Create SCEP profile",
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

/// The attributes of one list: each with its name, content type and values (several values
/// allowed), added and removed freely; the server's definitions decide what is valid.
#[component]
fn AttributeEditor(
    legend: &'static str,
    /// `Issue attribute` → `Issue attribute 1 name`.
    noun: &'static str,
    rows: RwSignal<Vec<AttrRow>>,
    errors: RwSignal<FormErrors>,
    key: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let add = move |_| rows.update(|r| r.push(AttrRow::new(AttributeField::default())));
    view! {
        <fieldset class="attribute-editor">
            <legend>{legend}</legend>
            <p class="hint">{hint}</p>
            <Show when=move || rows.with(|r| r.is_empty())>
                <p class="empty-note">"None."</p>
            </Show>
            <For each=move || rows.get() key=|r| r.key let:row>
                <AttributeRowView row=row rows=rows noun=noun/>
            </For>
            {messages(errors, key)}
            <div>
                <button type="button" class="button" on:click=add>{format!("Add {}", noun.to_lowercase())}</button>
            </div>
        </fieldset>
    }
}

#[component]
fn AttributeRowView(
    row: AttrRow,
    rows: RwSignal<Vec<AttrRow>>,
    noun: &'static str,
) -> impl IntoView {
    let key = row.key;
    let number =
        Memo::new(move |_| rows.with(|r| r.iter().position(|x| x.key == key).unwrap_or(0) + 1));
    let name_label = move || format!("{noun} {} name", number.get());
    let type_label = move || format!("{noun} {} content type", number.get());
    let remove_label = move || format!("Remove {} {}", noun.to_lowercase(), number.get());
    let field = row.field.clone();
    let f2 = field.clone();
    let f3 = field.clone();
    let f4 = field.clone();
    let content_type = Memo::new(move |_| f4.with(|f| f.content_type.clone()));
    let label = field.with_untracked(|f| f.label.clone());
    let value_keys = row.value_keys.clone();
    let vk = value_keys.clone();
    let add_value = {
        let field = field.clone();
        let value_keys = value_keys.clone();
        move |_| {
            field.update(|f| f.values.push(String::new()));
            value_keys.update(|k| k.push(next_key()));
        }
    };
    let current_type = content_type.get_untracked();
    let mut types: Vec<ContentType> = ContentType::KNOWN.to_vec();
    if !types.contains(&current_type) {
        types.push(current_type);
    }
    view! {
        <div class="attribute-row" role="group" aria-label=move || format!("{noun} {}", number.get())>
            <div class="attribute-head">
                // Named by aria-label ("Custom attribute 2 name"): the visible caption is the
                // same for every row.
                <div class="attribute-input">
                    <span class="hint" aria-hidden="true">"Name"</span>
                    <input type="text" autocomplete="off" aria-label=name_label
                        prop:value=move || field.with(|f| f.name.clone())
                        on:input:target=move |ev| f2.update(|f| f.rename(ev.target().value()))/>
                </div>
                <div class="attribute-input">
                    <span class="hint" aria-hidden="true">"Content type"</span>
                    <select aria-label=type_label on:change:target=move |ev| {
                        f3.update(|f| f.set_content_type(ContentType::from_key(&ev.target().value())))
                    }>
                        {types.into_iter().map(|t| {
                            let key = t.key().to_string();
                            let label = t.label().to_string();
                            view! { <option value=key selected=move || content_type.get() == t>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="button small" aria-label=remove_label
                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>"Remove"</button>
            </div>
            {label.map(|l| view! { <p class="hint">{format!("Platform label: {l}")}</p> })}
            <For each=move || vk.get() key=|k| *k let:vkey>
                <AttributeValue field=row.field.clone() value_keys=value_keys.clone() vkey=vkey
                    content_type=content_type noun=noun number=number/>
            </For>
            <button type="button" class="button small" on:click=add_value>"Add value"</button>
        </div>
    }
}

#[component]
fn AttributeValue(
    field: ArcRwSignal<AttributeField>,
    value_keys: ArcRwSignal<Vec<u64>>,
    vkey: u64,
    content_type: Memo<ContentType>,
    noun: &'static str,
    number: Memo<usize>,
) -> impl IntoView {
    let keys = value_keys.clone();
    let index = Memo::new(move |_| keys.with(|k| k.iter().position(|x| *x == vkey)));
    let label = move || {
        format!(
            "{noun} {} value {}",
            number.get(),
            index.get().unwrap_or(0) + 1
        )
    };
    let read = field.clone();
    let value = move || {
        index
            .get()
            .and_then(|i| read.with(|f| f.values.get(i).cloned()))
            .unwrap_or_default()
    };
    let write = field.clone();
    let set = move |v: String| {
        if let Some(i) = index.get_untracked() {
            write.update(|f| {
                if let Some(slot) = f.values.get_mut(i) {
                    *slot = v;
                }
            });
        }
    };
    let remove = {
        let field = field.clone();
        move |_| {
            if let Some(i) = index.get_untracked() {
                field.update(|f| {
                    if i < f.values.len() {
                        f.values.remove(i);
                    }
                });
                value_keys.update(|k| k.retain(|x| *x != vkey));
            }
        }
    };
    let remove_label = move || {
        format!(
            "Remove value {} of {} {}",
            index.get().unwrap_or(0) + 1,
            noun.to_lowercase(),
            number.get()
        )
    };
    let input = move || {
        let set = set.clone();
        let value = value.clone();
        let t = content_type.get();
        if t == ContentType::Boolean {
            let is = move |want: &'static str| {
                let value = value.clone();
                move || value().trim().eq_ignore_ascii_case(want)
            };
            view! {
                <select aria-label=label on:change:target=move |ev| set(ev.target().value())>
                    <option value="" selected=is("")>"—"</option>
                    <option value="true" selected=is("true")>"true"</option>
                    <option value="false" selected=is("false")>"false"</option>
                </select>
            }
            .into_any()
        } else if t.multiline() {
            view! {
                <textarea rows="2" aria-label=label placeholder=t.hint() prop:value=value
                    on:input:target=move |ev| set(ev.target().value())></textarea>
            }
            .into_any()
        } else {
            view! {
                <input type="text" autocomplete="off" aria-label=label placeholder=t.hint() prop:value=value
                    on:input:target=move |ev| set(ev.target().value())/>
            }
            .into_any()
        }
    };
    view! {
        <div class="attribute-value">
            {input}
            <button type="button" class="button small" aria-label=remove_label on:click=remove>"×"</button>
        </div>
    }
}
