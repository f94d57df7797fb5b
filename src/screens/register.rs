//! Register a device for a user: the form, checked by the server's rules, and the result shown
//! once.

use crate::backend::RegisterApi;
use crate::domain::bulk::plural;
use crate::domain::forms::{
    FieldErrors, RegisterChoices, RegisterForm, RegisterPlatform, Registration,
};
use crate::ui::copy::CopyButton;
use crate::ui::link::A;
use crate::ui::loader::Load;
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn RegisterDevicePage() -> impl IntoView {
    match crate::context::backend().register() {
        Some(api) => view! { <Register api=api/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Register(api: Arc<dyn RegisterApi>) -> impl IntoView {
    crate::context::page_title("Register a device");
    let platforms = api.caps().platforms;
    let waiting = api.caps().waiting_status;
    let api2 = api.clone();
    let choices: Load<RegisterChoices> = Load::item(
        || (),
        move |_| {
            let api = api2.clone();
            async move { api.choices().await }
        },
    );
    let form = RwSignal::new(RegisterForm {
        notify_email: true,
        ..Default::default()
    });
    let errors = RwSignal::new(FieldErrors::new());
    let server_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<Registration>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        let e = api.check(&f);
        server_error.set(None);
        if !e.is_empty() {
            errors.set(e);
            return;
        }
        errors.set(FieldErrors::new());
        busy.set(true);
        let api = api.clone();
        spawn_local(async move {
            let r = api.register(&f).await;
            busy.set(false);
            match r {
                Ok(reg) => done.set(Some(reg)),
                Err(e) => server_error.set(Some(e.message())),
            }
        });
    };

    let err = move |k: &'static str| {
        move || {
            errors
                .with(|e| e.get(k).cloned())
                .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
        }
    };
    let text = move |label: &'static str,
                     key: &'static str,
                     get: fn(&RegisterForm) -> String,
                     set: fn(&mut RegisterForm, String),
                     kind: &'static str,
                     auto: &'static str| {
        view! {
            <label>
                <span>{label}</span>
                <input type=kind autocomplete=auto prop:value=move || form.with(get)
                    aria-invalid=move || errors.with(|e| e.contains_key(key)).to_string()
                    on:input:target=move |ev| form.update(|f| set(f, ev.target().value()))/>
            </label>
            {err(key)}
        }
    };
    let check = move |label, get, set| crate::ui::check::check_field(form, label, get, set);

    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=crate::routes::DEVICES>"Devices"</A></p>
            <h1>"Register a device"</h1>
            <p class="muted">"The user gets a registration link and a passcode; the device appears as Verification pending until they finish."</p>
        </header>
        {move || match done.get() {
            Some(reg) => view! { <RegistrationResult reg=reg waiting=waiting/> }.into_any(),
            None => view! {
                <form class="panel form-grid" on:submit=submit.clone() novalidate>
                    <fieldset>
                        <legend>"User"</legend>
                        {text("Login name", "user_id", |f| f.user_id.clone(), |f, v| f.user_id = v, "text", "off")}
                        {check("Import the user from LDAP", |f| f.import_from_ldap, |f, v| f.import_from_ldap = v)}
                        <Show when=move || !form.with(|f| f.import_from_ldap)>
                            <p class="muted">"A new local user is created when none exists; the server sets its password to the login name."</p>
                            {text("First name", "first_name", |f| f.first_name.clone(), |f, v| f.first_name = v, "text", "off")}
                            {text("Last name", "last_name", |f| f.last_name.clone(), |f, v| f.last_name = v, "text", "off")}
                            {text("Email", "email", |f| f.email.clone(), |f, v| f.email = v, "email", "off")}
                        </Show>
                    </fieldset>
                    <fieldset>
                        <legend>"Device"</legend>
                        <label>
                            <span>"Platform"</span>
                            <select on:change:target=move |ev| form.update(|f| f.platform = RegisterPlatform::from_key(&ev.target().value()))>
                                <option value="" selected=move || form.with(|f| f.platform.is_none())>"Choose…"</option>
                                {platforms.iter().map(|p| view! {
                                    <option value=p.key() selected=move || form.with(|f| f.platform == Some(*p))>{p.label()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        {err("platform")}
                        {check("No phone line (Wi-Fi only)", |f| f.no_phone, |f, v| f.no_phone = v)}
                        <Show when=move || !form.with(|f| f.no_phone)>
                            {text("Phone number", "phone", |f| f.phone.clone(), |f, v| f.phone = v, "tel", "off")}
                            <p class="muted">"Digits only, without the country code."</p>
                        </Show>
                        {move || match choices.get() {
                            None => view! { <p role="status">"Loading countries and operators…"</p> }.into_any(),
                            Some(Err(e)) => view! {
                                <RetryAlert message={e.message()} on_retry=choices.retry_callback()/>
                            }.into_any(),
                            Some(Ok(choices)) => {
                                let code = form.with(|f| f.country_code.clone());
                                let operators: Vec<_> = choices.operators_in(&code).cloned().collect();
                                view! {
                                    <label>
                                        <span>"Country"</span>
                                        <select on:change:target=move |ev| form.update(|f| { f.country_code = ev.target().value(); f.operator.clear(); })>
                                            <option value="" selected=move || form.with(|f| f.country_code.is_empty())>"Choose…"</option>
                                            {choices.countries.iter().map(|c| {
                                                let code = c.code.clone();
                                                view! {
                                                    <option value=c.code.clone() selected=move || form.with(|f| f.country_code == code)>
                                                        {format!("{} (+{})", c.name, c.code)}
                                                    </option>
                                                }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    {err("country")}
                                    <label>
                                        <span>"Operator"</span>
                                        <select on:change:target=move |ev| form.update(|f| f.operator = ev.target().value())>
                                            <option value="">"Let the server find it"</option>
                                            {operators.into_iter().map(|o| {
                                                let name = o.name.clone();
                                                view! { <option value=o.name.clone() selected=move || form.with(|f| f.operator == name)>{o.name.clone()}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                }.into_any()
                            }
                        }}
                        {check("Employee-owned", |f| f.employee_owned, |f, v| f.employee_owned = v)}
                    </fieldset>
                    <fieldset>
                        <legend>"Notify"</legend>
                        {check("Email the user", |f| f.notify_email, |f, v| f.notify_email = v)}
                        {check("Send the user an SMS", |f| f.notify_sms, |f, v| f.notify_sms = v)}
                    </fieldset>
                    {move || server_error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || busy.get()>
                            {move || if busy.get() { "Registering…" } else { "Register device" }}
                        </button>
                    </div>
                </form>
            }.into_any(),
        }}
    }
}

#[component]
fn RegistrationResult(
    reg: Registration,
    /// The device status registered devices wait in, where the server has one.
    waiting: Option<&'static str>,
) -> impl IntoView {
    let href = crate::routes::device(&reg.device_uuid);
    let waiting = waiting.map(|status| {
        view! { <p><A href=crate::routes::devices(status)>"Devices waiting for verification"</A></p> }
    });
    view! {
        <section class="panel" aria-labelledby="reg-done">
            <h2 id="reg-done">"Registration started"</h2>
            <p role="status">"Give the user these details now: they are shown only once."</p>
            <dl class="field-groups">
                <div><dt>"Registration passcode"</dt><dd>{if reg.passcode.is_empty() {
                    view! { <span>"None needed for this platform"</span> }.into_any()
                } else {
                    view! {
                        <span class="secret">{reg.passcode.clone()}</span>" "
                        <CopyButton text=reg.passcode.clone() what="registration passcode"/>
                    }.into_any()
                }}</dd></div>
                <div><dt>"Valid for"</dt><dd>{reg.passcode_hours.map(|h| plural(h, "hour", "hours")).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>"Registration URL"</dt><dd>{reg.url.clone()}" "<CopyButton text=reg.url.clone() what="registration URL"/></dd></div>
                <div><dt>"Device"</dt><dd><A href=href>{reg.device_uuid.clone()}</A></dd></div>
            </dl>
            {waiting}
        </section>
    }
}
