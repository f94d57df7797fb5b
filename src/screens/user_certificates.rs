//! A user's own certificates, one card per slot (an EPMM user-provided configuration), with
//! upload, replace, details and delete as the server allows them on each certificate. The same
//! cards serve the self-service portal ("My certificates", the signed-in user) and the admin
//! screen for any user (upload on their behalf).

use super::certificates::CertificateTabs;
use crate::backend::UserCertificateApi;
use crate::domain::certificates::issued::date;
use crate::domain::certificates::pkcs12::{
    precheck_pkcs12, Pkcs12File, Precheck, MAX_UPLOAD_BYTES,
};
use crate::domain::certificates::user_provided::{
    CardState, CertSlot, PasswordField, UploadField, UserCert,
};
use crate::domain::entity::user_assignment_columns;
use crate::routes;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::drawer::{Drawer, Fields};
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::poll::sleep_ms;
use crate::ui::retry::RetryAlert;
use crate::ui::table::data_table::DataTable;
use crate::ui::toast::Toasts;
use crate::ui::upload::{FilePicker, PickedFile};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::sync::Arc;

fn now() -> i64 {
    crate::browser::now_ms() as i64
}

/// What a card is doing: on a slot (its id) and, where it concerns one, a certificate (its id).
#[derive(Clone, Debug, PartialEq)]
enum Action {
    None,
    ConfirmReplace(String),
    Upload(String),
    ConfirmDelete(String, String),
    Details(String, String),
}

/// The cards of `principal`'s certificates. `own`: the signed-in user's own (the wording says
/// "your").
#[component]
pub fn CertificateCards(#[prop(into)] principal: Signal<String>, own: bool) -> impl IntoView {
    match crate::context::user_certificates() {
        Some(api) => view! { <Cards api=api principal=principal own=own/> }.into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
fn Cards(api: Arc<dyn UserCertificateApi>, principal: Signal<String>, own: bool) -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    let action = RwSignal::new(Action::None);
    let lister = api.clone();
    let cards: Loader<CertSlot> = Loader::new(
        move || principal.get(),
        move |user: String| {
            let api = lister.clone();
            async move { api.slots(&user).await }
        },
    );
    let api = StoredValue::new(api);

    let find = move |id: &str| -> Option<CertSlot> {
        cards.rows.with_untracked(|c| match c {
            Some(Ok(list)) => list.iter().find(|s| s.id == id).cloned(),
            _ => None,
        })
    };
    let find_cert = move |slot: &str, cert: &str| -> Option<(CertSlot, UserCert)> {
        let s = find(slot)?;
        let c = s.find(cert)?.clone();
        Some((s, c))
    };
    let your = if own { "your" } else { "the user's" };
    let delete = move |slot: String, cert: String| {
        action.set(Action::None);
        let user = principal.get_untracked();
        let Some((slot, cert)) = find_cert(&slot, &cert) else {
            return;
        };
        let Some(api) = api.try_get_value() else {
            return;
        };
        spawn_local(async move {
            match api.delete(&user, &slot, &cert).await {
                Ok(said) => {
                    let told = match &cert.name {
                        // A certificate named on its own row: the server's words (a delete may
                        // complete later).
                        Some(name) => format!("“{name}”: {said}"),
                        None => format!("The certificate for “{}” was deleted.", slot.name),
                    };
                    toasts.push(told, false);
                    // The screen may be gone by now.
                    if cards.rows.try_get_untracked().is_some() {
                        cards.refresh();
                    }
                }
                Err(e) => toasts.push(
                    format!("The certificate could not be deleted: {}", e.message()),
                    true,
                ),
            }
        });
    };

    // Download and renew, straight from a row (the server says whether it may: `ops`).
    let run = Callback::new(move |(op, slot, cert): (RowOp, String, String)| {
        let user = principal.get_untracked();
        let (Some((slot, cert)), Some(api)) = (find_cert(&slot, &cert), api.try_get_value()) else {
            return;
        };
        let name = cert.name.clone().unwrap_or_else(|| slot.name.clone());
        spawn_local(async move {
            match op {
                RowOp::Download => match api.download(&user, &slot, &cert).await {
                    Ok(f) => {
                        if let Err(e) =
                            crate::browser::download_bytes(&f.file_name, &f.media_type, &f.bytes)
                        {
                            toasts.push(format!("The download failed: {e}"), true);
                        }
                    }
                    Err(e) => toasts.push(
                        format!("“{name}” could not be downloaded: {}", e.message()),
                        true,
                    ),
                },
                RowOp::Renew => match api.renew(&user, &slot, &cert).await {
                    Ok(said) => {
                        toasts.push(format!("“{name}”: {said}"), false);
                        if cards.rows.try_get_untracked().is_some() {
                            cards.refresh();
                        }
                    }
                    Err(e) => toasts.push(
                        format!("“{name}” could not be renewed: {}", e.message()),
                        true,
                    ),
                },
            }
        });
    });

    // A renew or delete the server completes later: look again until it has.
    Effect::new(move |_| {
        let pending = cards
            .rows
            .with(|c| matches!(c, Some(Ok(list)) if list.iter().any(CertSlot::pending)));
        if pending {
            spawn_local(async move {
                sleep_ms(PENDING_POLL_MS).await;
                if cards.rows.try_get_untracked().is_some() {
                    cards.refresh();
                }
            });
        }
    });

    let card = move |(i, slot): (usize, CertSlot)| {
        let state = slot.state(now());
        let heading_id = format!("cert-slot-{i}");
        let labelled_by = heading_id.clone();
        let tone = format!("cert-card tone-{}", state.tone());
        let shown = slot.first_expiring().cloned();
        let uploaded = shown
            .as_ref()
            .and_then(|c| c.uploaded)
            .map(|u| format!("Uploaded {}", date(Some(u))));
        let password = slot.upload.card_line();
        let id = slot.id.clone();
        let upload_id = id.clone();
        let upload = slot.offers_upload();
        let upload_label = if slot.certificates.is_empty() {
            "Upload certificate"
        } else {
            "Add certificate"
        };
        let listed = slot.listed();
        let rows = listed.then(|| cert_rows(&slot, action, run));
        let replace_all = (listed && slot.certificates.iter().any(|c| c.ops.replace)).then(|| {
            let id = id.clone();
            view! {
                <button type="button" class="button primary" on:click=move |_| action.set(Action::ConfirmReplace(id.clone()))>"Replace certificates"</button>
            }
        });
        let buttons = slot
            .certificates
            .iter()
            .filter(|_| !listed)
            .map(|c| {
                let (slot_id, cert_id) = (id.clone(), c.id.clone());
                let (s2, c2) = (slot_id.clone(), cert_id.clone());
                let (s3, c3) = (slot_id.clone(), cert_id.clone());
                view! {
                    {c.ops.replace.then(|| view! {
                        <button type="button" class="button primary" on:click=move |_| action.set(Action::ConfirmReplace(slot_id.clone()))>"Replace certificate"</button>
                    })}
                    {c.ops.details.then(|| view! {
                        <button type="button" class="button" on:click=move |_| action.set(Action::Details(s2.clone(), c2.clone()))>"View details"</button>
                    })}
                    {c.ops.delete.then(|| view! {
                        <button type="button" class="button danger" on:click=move |_| action.set(Action::ConfirmDelete(s3.clone(), c3.clone()))>"Delete certificate"</button>
                    })}
                }
            })
            .collect_view();
        view! {
            <article class=tone aria-labelledby=labelled_by>
                <h2 id=heading_id>{slot.name.clone()}</h2>
                <p class=format!("card-state state-{}", state.tone())>{state.badge()}</p>
                {uploaded.map(|u| view! { <p class="muted">{u}</p> })}
                {password.map(|p| view! { <p class="muted">{p}</p> })}
                {matches!(state, CardState::Missing).then(|| view! {
                    <p class="hint">"No certificate has been uploaded for this configuration yet."</p>
                })}
                {rows}
                <div class="actions">
                    {buttons}
                    {replace_all}
                    {upload.then(|| view! {
                        <button type="button" class="button primary" on:click=move |_| action.set(Action::Upload(upload_id.clone()))>{upload_label}</button>
                    })}
                </div>
            </article>
        }
    };

    let close = Callback::new(move |_| action.set(Action::None));
    let dialogs = move || {
        match action.get() {
        Action::None => None,
        Action::ConfirmReplace(id) => find(&id).map(|s| {
            let until = s
                .first_expiring()
                .and_then(|c| c.expires)
                .map(|e| format!(" (valid until {})", date(Some(e))))
                .unwrap_or_default();
            let spec = ConfirmSpec {
                title: format!("Replace {your} certificate?"),
                message: format!(
                    "{} certificate for “{}”{until} will be replaced by the file you choose next. The current one stays until the new one is accepted.",
                    if own { "Your" } else { "The user's" },
                    s.name
                ),
                confirm_label: "Choose a new certificate".into(),
                ..Default::default()
            };
            view! {
                <ConfirmDialog spec=spec on_confirm=Callback::new(move |_| action.set(Action::Upload(id.clone())))
                    on_cancel=close/>
            }
            .into_any()
        }),
        Action::ConfirmDelete(slot, cert) => find_cert(&slot, &cert).map(|(s, c)| {
            let bundle = if c.ops.on_bundle {
                " It belongs to a bundle: every certificate of the bundle is deleted with it."
            } else {
                ""
            };
            let spec = ConfirmSpec {
                title: format!("Delete {your} certificate?"),
                message: format!(
                    "The certificate for “{}” and its private key are removed from the server. Apps and profiles that use it stop working until a new one is uploaded.{bundle}",
                    s.name
                ),
                confirm_label: "Delete".into(),
                danger: true,
                ..Default::default()
            };
            view! {
                <ConfirmDialog spec=spec on_confirm=Callback::new(move |_| delete(slot.clone(), cert.clone()))
                    on_cancel=close/>
            }
            .into_any()
        }),
        Action::Upload(id) => find(&id).map(|s| {
            view! {
                <UploadDialog api=api.get_value() cert_slot=s principal=principal.get_untracked()
                    on_done=Callback::new(move |msg: String| {
                        action.set(Action::None);
                        toasts.push(if msg.is_empty() { "Certificate successfully uploaded.".to_string() } else { msg }, false);
                        cards.refresh();
                    })
                    on_cancel=close/>
            }
            .into_any()
        }),
        Action::Details(slot, cert) => find_cert(&slot, &cert).map(|(s, c)| {
            view! {
                <DetailsDrawer api=api.get_value() cert_slot=s cert=c principal=principal.get_untracked()
                    on_close=close/>
            }
            .into_any()
        }),
    }
    };

    view! {
        <div class="cards" aria-busy=move || cards.rows.with(|c| c.is_none()).to_string()>
            {move || match cards.get() {
                None => view! { <p class="state loading" role="status">"Loading certificates…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <RetryAlert message={e.message()} on_retry=cards.retry_callback()/>
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="state">"No certificate is required: there are no user-provided certificate configurations."</p>
                }.into_any(),
                Some(Ok(list)) => list.iter().cloned().enumerate().map(card).collect_view().into_any(),
            }}
        </div>
        {dialogs}
    }
}

/// What a row's button does straight away.
#[derive(Clone, Copy, Debug, PartialEq)]
enum RowOp {
    Download,
    Renew,
}

/// How often a list with a pending renew or delete is loaded again.
const PENDING_POLL_MS: u32 = 2_000;

/// The certificates of a slot that lists them by name, each bundle's members together: expiry and
/// pending state on each row, details and delete on the certificate, or delete on the bundle
/// where its certificates are deleted only together.
fn cert_rows(
    slot: &CertSlot,
    action: RwSignal<Action>,
    run: Callback<(RowOp, String, String)>,
) -> impl IntoView {
    let row = |slot_id: &str, c: &UserCert, alone: bool| {
        let state = c.state(now());
        let name = c.name.clone().unwrap_or_default();
        let aria = name.clone();
        let ids = (slot_id.to_string(), c.id.clone());
        let (download, renew) = (ids.clone(), ids.clone());
        let (details, delete) = (ids.clone(), ids);
        view! {
            <li class="cert-row" aria-label=aria>
                <span class="cert-name">{name}</span>" "
                <span class=format!("card-state state-{}", state.tone())>{state.badge()}</span>
                {c.pending.map(|p| view! { " "<span class="badge pending">{p.label()}</span> })}
                <span class="actions">
                    {c.ops.details.then(|| view! {
                        <button type="button" class="button" on:click=move |_| action.set(Action::Details(details.0.clone(), details.1.clone()))>"View details"</button>
                    })}
                    {c.ops.download.then(|| view! {
                        <button type="button" class="button" on:click=move |_| run.run((RowOp::Download, download.0.clone(), download.1.clone()))>"Download"</button>
                    })}
                    {(alone && c.ops.renew).then(|| view! {
                        <button type="button" class="button" on:click=move |_| run.run((RowOp::Renew, renew.0.clone(), renew.1.clone()))>"Renew certificate"</button>
                    })}
                    {(alone && c.ops.delete).then(|| view! {
                        <button type="button" class="button danger" on:click=move |_| action.set(Action::ConfirmDelete(delete.0.clone(), delete.1.clone()))>"Delete certificate"</button>
                    })}
                </span>
            </li>
        }
    };
    let groups = slot
        .by_bundle()
        .into_iter()
        .map(|(bundle, members)| {
            let items = members
                .iter()
                .map(|c| row(&slot.id, c, bundle.is_none()))
                .collect_view();
            match (bundle, members.first()) {
                (Some(_), Some(first)) => {
                    let n = members.len();
                    let ids = (slot.id.clone(), first.id.clone());
                    let (renew, delete) = (ids.clone(), ids);
                    let renew = first.ops.renew.then(|| view! {
                        <button type="button" class="button" on:click=move |_| run.run((RowOp::Renew, renew.0.clone(), renew.1.clone()))>"Renew bundle"</button>
                    });
                    let delete = first.ops.delete.then(|| view! {
                        <button type="button" class="button danger" on:click=move |_| action.set(Action::ConfirmDelete(delete.0.clone(), delete.1.clone()))>"Delete bundle"</button>
                    });
                    let label = format!("Bundle of {n} certificates");
                    let aria = label.clone();
                    view! {
                        <li class="cert-bundle" aria-label=aria>
                            <p class="muted">{label}": renewed and deleted only together."</p>
                            <span class="actions">{renew}{delete}</span>
                            <ul>{items}</ul>
                        </li>
                    }
                    .into_any()
                }
                _ => items.into_any(),
            }
        })
        .collect_view();
    view! { <ul class="cert-list" aria-label=format!("Certificates of {}", slot.name)>{groups}</ul> }
}

/// One certificate's details, in a drawer.
#[component]
fn DetailsDrawer(
    api: Arc<dyn UserCertificateApi>,
    cert_slot: CertSlot,
    cert: UserCert,
    principal: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let slot = cert_slot;
    let title = format!("Certificate for {}", slot.name);
    let details = Load::item(
        || (),
        move |_: ()| {
            let (api, slot, cert, principal) =
                (api.clone(), slot.clone(), cert.clone(), principal.clone());
            async move { api.details(&principal, &slot, &cert).await }
        },
    );
    view! {
        <Drawer title=title on_close=on_close>
            {move || match details.get() {
                None => view! { <p role="status">"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="field-error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(d)) => match d.as_ref() {
                    None => view! { <p>"No certificate is uploaded for this configuration."</p> }.into_any(),
                    Some(d) => view! {
                        <Fields rows=vec![
                            ("Subject", d.subject.clone()),
                            ("Common name", d.common_name.clone()),
                            ("Issuer", d.issuer.clone()),
                            ("Serial number", d.serial.clone()),
                            ("Valid from", date(d.not_before)),
                            ("Valid until", date(d.not_after)),
                            ("Version", d.version.clone()),
                            ("Signature algorithm", d.signature_algorithm.clone()),
                            ("Installed on", d.installed_on.join("; ")),
                        ]/>
                    }.into_any(),
                },
            }}
        </Drawer>
    }
}

/// Upload (or replace) one certificate: file picker with drag and drop, password when the
/// configuration requires it, checks before sending, real upload progress, and the server's
/// errors under the field they concern. The chosen file is kept after an error; after a password
/// error only the password is cleared.
#[component]
pub fn UploadDialog(
    api: Arc<dyn UserCertificateApi>,
    cert_slot: CertSlot,
    principal: String,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let file = RwSignal::new(None::<PickedFile>);
    let password = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<f64>);
    let busy = RwSignal::new(false);
    let api = StoredValue::new(api);
    let principal = StoredValue::new(principal);
    let password_field = cert_slot.upload.password();
    let title = format!("Upload certificate for {}", cert_slot.name);
    let slot = StoredValue::new(cert_slot);

    let check_file = move |f: &PickedFile| -> Result<(), String> {
        if f.size > MAX_UPLOAD_BYTES {
            return Err(Precheck::TooLarge(f.size).message());
        }
        precheck_pkcs12(&f.bytes).map_err(|p| p.message())
    };
    let on_pick = Callback::new(move |f: PickedFile| {
        form_error.set(None);
        file_error.set(check_file(&f).err());
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        let Some(f) = file.get_untracked() else {
            file_error.set(Some("Choose the certificate file (.p12 or .pfx).".into()));
            return;
        };
        if let Err(m) = check_file(&f) {
            file_error.set(Some(m));
            return;
        }
        file_error.set(None);
        let pw = password.get_untracked();
        if password_field == PasswordField::Required && pw.is_empty() {
            password_error.set(Some("Enter the password of the certificate file.".into()));
            return;
        }
        password_error.set(None);
        busy.set(true);
        progress.set(Some(0.0));
        let api = api.get_value();
        let who = principal.get_value();
        let slot = slot.get_value();
        spawn_local(async move {
            let file = Pkcs12File {
                file_name: &f.name,
                bytes: &f.bytes,
                password: &pw,
            };
            let on_progress = Box::new(move |p: f64| {
                progress.try_set(Some(p));
            });
            let result = api.upload(&who, &slot, file, on_progress).await;
            busy.try_set(false);
            progress.try_set(None);
            match result {
                Ok(msg) => {
                    on_done.try_run(msg);
                }
                // Under the field the backend named, with the server's words.
                Err(e) => match UploadField::of(&e) {
                    // No password field: the file is what does not open without one.
                    UploadField::Password if password_field == PasswordField::Absent => {
                        file_error.try_set(Some(e.message()));
                    }
                    UploadField::Password => {
                        password.try_set(String::new());
                        password_error.try_set(Some(e.message()));
                    }
                    UploadField::File => {
                        file_error.try_set(Some(e.message()));
                    }
                    UploadField::Form => {
                        form_error.try_set(Some(e.message()));
                    }
                },
            }
        });
    };

    let pw_hint = match password_field {
        PasswordField::Required => "Required: the password that protects the file.",
        PasswordField::Optional => "Only if the file is protected by a password.",
        PasswordField::Absent => "",
    };
    view! {
        <Modal title=title on_close=Callback::new(move |_| if !busy.get_untracked() { on_cancel.run(()) })>
            <form on:submit=submit novalidate class="upload-form">
                {move || form_error.get().map(|m| view! { <p class="state error" role="alert">{m}</p> })}
                <FilePicker
                    label="Certificate file"
                    accept=".p12,.pfx,application/x-pkcs12"
                    hint="A PKCS#12 file (.p12 or .pfx) with exactly one private key and a version 3 certificate that is valid now."
                    file=file
                    error=Signal::derive(move || file_error.get())
                    disabled=Signal::derive(move || busy.get())
                    on_pick=on_pick
                />
                {(password_field == PasswordField::Absent).then(|| view! {
                    <p class="hint">"Sent without a password: the file must open without one."</p>
                })}
                {(password_field != PasswordField::Absent).then(|| view! {
                    <label>
                        <span>"Password"</span>
                        <input type="password" autocomplete="off"
                            aria-describedby="upload-pw-hint upload-pw-error"
                            aria-invalid=move || password_error.with(|e| e.is_some()).to_string()
                            prop:value=move || password.get()
                            disabled=move || busy.get()
                            on:input:target=move |ev| { password.set(ev.target().value()); password_error.set(None); }/>
                    </label>
                    <p id="upload-pw-hint" class="hint">{pw_hint}</p>
                    <p id="upload-pw-error" class="field-error" role="alert">{move || password_error.get()}</p>
                })}
                {move || progress.get().map(|p| view! {
                    <div class="upload-progress">
                        <progress class="progress" aria-label="Upload progress" max="100" value=(p * 100.0).round()></progress>
                        <p role="status">{format!("Uploading… {:.0} %", p * 100.0)}</p>
                    </div>
                })}
                <div class="dialog-actions">
                    <button type="button" class="button" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>"Cancel"</button>
                    <button type="submit" class="button primary" disabled=move || busy.get()>"Upload"</button>
                </div>
            </form>
        </Modal>
    }
}

/// Admin: look up a user.
#[component]
pub fn UserLookupPage() -> impl IntoView {
    crate::context::page_title("User-provided certificates");
    let navigate = use_navigate();
    let user = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let u = user.get_untracked().trim().to_string();
        if u.is_empty() {
            error.set(Some("Enter a user name.".into()));
            return;
        }
        navigate(&routes::user_certificates(&u), Default::default());
    };
    view! {
        <header class="page-header">
            <h1>"User-provided certificates"</h1>
            <CertificateTabs/>
        </header>
        <form class="panel lookup" on:submit=submit novalidate>
            <p>"See, upload on their behalf or delete the certificates a user provides for the user-provided configurations."</p>
            <label>
                <span>"User name"</span>
                <input type="text" autocomplete="off" prop:value=move || user.get()
                    on:input:target=move |ev| { user.set(ev.target().value()); error.set(None); }/>
            </label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="button primary">"Show certificates"</button>
        </form>
    }
}

/// Admin: one user's user-provided certificates.
#[component]
pub fn UserCertificatesPage() -> impl IntoView {
    let params = use_params_map();
    let principal = Memo::new(move |_| params.with(|p| p.get("principal")).unwrap_or_default());
    Effect::new(move |_| {
        crate::context::page_title(&format!("Certificates of {}", principal.get()))
    });
    // The user's own page, where the server has user pages.
    let users = crate::context::has(crate::backend::Screen::Users);
    view! {
        <header class="page-header">
            <h1>{move || format!("Certificates of {}", principal.get())}</h1>
            <CertificateTabs/>
        </header>
        {move || users.then(|| view! {
            <p><A href=routes::user(&principal.get())>"Open the user"</A></p>
        })}
        <CertificateCards principal=principal own=false/>
        <UserAssignments principal=principal/>
    }
}

/// Admin: the profiles assigned to the user, where the server lists them (its profiles area).
#[component]
fn UserAssignments(#[prop(into)] principal: Signal<String>) -> impl IntoView {
    let api = crate::context::entities()?;
    let loader = Loader::new(
        move || principal.get(),
        move |user: String| {
            let api = api.clone();
            async move { api.user_assignments(&user).await }
        },
    );
    let empty = Signal::derive(move || format!("No profile is assigned to {}.", principal.get()));
    Some(view! {
        <section class="user-assignments" aria-labelledby="user-assignments-h">
            <h2 id="user-assignments-h">"Profile assignments"</h2>
            <p class="muted">"Assigned directly or through the user's groups."</p>
            <DataTable
                name="user-profiles"
                caption="Profile assignments"
                noun="profiles"
                columns=Arc::new(user_assignment_columns())
                rows=loader.signal()
                on_retry=loader.retry_callback()
                empty=empty
                url_prefix="a."
            />
        </section>
    })
}
