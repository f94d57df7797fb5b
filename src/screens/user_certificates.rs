//! User-provided certificates (E5–E8): one card per USER_PROVIDED configuration, with upload,
//! replace and delete. The same cards serve the self-service portal ("My certificates", the
//! signed-in user) and the admin screen for any user (upload on their behalf).

use super::certificates::CertificateTabs;
use crate::backend::epmm::upload::{upload_certificate, CertificateUpload};
use crate::backend::epmm::{certificates, ApiClient, ApiError};
use crate::context::session::SessionCtx;
use crate::domain::certificate::{
    date, precheck_pkcs12, upload_error_field, CardState, CertDetails, MyCertificate, Precheck,
    UploadField, MAX_UPLOAD_BYTES,
};
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec, Modal};
use crate::ui::drawer::{Drawer, Fields};
use crate::ui::retry::RetryAlert;
use crate::ui::toast::Toasts;
use crate::ui::upload::{FilePicker, PickedFile};
use crate::url::encode_path_segment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::sync::Arc;

fn now() -> i64 {
    crate::browser::now_ms() as i64
}

type Cards = RwSignal<Option<Result<Arc<Vec<MyCertificate>>, ApiError>>>;

/// What a card is doing.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    None,
    ConfirmReplace(i64),
    Upload(i64),
    ConfirmDelete(i64),
    Details(i64),
}

/// The cards of `principal`'s user-provided certificates. `own`: the signed-in user's own (the
/// wording says "your").
#[component]
pub fn CertificateCards(#[prop(into)] principal: Signal<String>, own: bool) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let toasts = expect_context::<Toasts>();
    let cards: Cards = RwSignal::new(None);
    let action = RwSignal::new(Action::None);
    let generation = StoredValue::new(0u64);
    let api = StoredValue::new(api);

    let load = move |keep: bool| {
        let Some(gen) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        if !keep {
            cards.set(None);
        }
        // Also runs after an upload or a delete finished: the screen may be gone by then.
        let Some(user) = principal.try_get_untracked() else {
            return;
        };
        let Some(api) = api.try_get_value() else {
            return;
        };
        spawn_local(async move {
            let r = certificates::my_certificates(&api, &user).await;
            if generation.try_get_value() == Some(gen) {
                cards.try_set(Some(r));
            }
        });
    };
    Effect::new(move |_| {
        principal.track();
        load(false);
    });

    let find = move |id: i64| -> Option<MyCertificate> {
        cards.with_untracked(|c| match c {
            Some(Ok(list)) => list.iter().find(|m| m.config_id == id).cloned(),
            _ => None,
        })
    };
    let your = if own { "your" } else { "the user's" };
    let delete = move |id: i64| {
        action.set(Action::None);
        let user = principal.get_untracked();
        let name = find(id).map(|c| c.name).unwrap_or_default();
        let Some(api) = api.try_get_value() else {
            return;
        };
        spawn_local(async move {
            match certificates::delete_certificate(&api, id, &user).await {
                Ok(_) => {
                    toasts.push(format!("The certificate for “{name}” was deleted."), false);
                    load(true);
                }
                Err(e) => toasts.push(
                    format!("The certificate could not be deleted: {}", e.message()),
                    true,
                ),
            }
        });
    };

    let card = move |c: MyCertificate| {
        let state = c.state(now());
        let id = c.config_id;
        let heading_id = format!("ce-card-{id}");
        let labelled_by = heading_id.clone();
        let present = c.present();
        let tone = format!("cert-card tone-{}", state.tone());
        let uploaded = c.uploaded.map(|u| format!("Uploaded {}", date(Some(u))));
        let password = if c.require_password {
            "Password required: the file must be protected by a password."
        } else {
            "No password required."
        };
        let name = c.name.clone();
        view! {
            <article class=tone aria-labelledby=labelled_by>
                <h2 id=heading_id>{name}</h2>
                <p class=format!("card-state state-{}", state.tone())>{state.badge()}</p>
                {uploaded.map(|u| view! { <p class="muted">{u}</p> })}
                <p class="muted">{password}</p>
                {matches!(state, CardState::Missing).then(|| view! {
                    <p class="hint">"No certificate has been uploaded for this configuration yet."</p>
                })}
                <div class="actions">
                    {if present {
                        view! {
                            <button type="button" class="button primary" on:click=move |_| action.set(Action::ConfirmReplace(id))>"Replace certificate"</button>
                            <button type="button" class="button" on:click=move |_| action.set(Action::Details(id))>"View details"</button>
                            <button type="button" class="button danger" on:click=move |_| action.set(Action::ConfirmDelete(id))>"Delete certificate"</button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button primary" on:click=move |_| action.set(Action::Upload(id))>"Upload certificate"</button>
                        }.into_any()
                    }}
                </div>
            </article>
        }
    };

    let dialogs = move || {
        match action.get() {
        Action::None => None,
        Action::ConfirmReplace(id) => find(id).map(|c| {
            let until = c.expires.map(|e| format!(" (valid until {})", date(Some(e)))).unwrap_or_default();
            let spec = ConfirmSpec {
                title: format!("Replace {your} certificate?"),
                message: format!(
                    "{} certificate for “{}”{until} will be replaced by the file you choose next. The current one stays until the new one is accepted.",
                    if own { "Your" } else { "The user's" },
                    c.name
                ),
                confirm_label: "Choose a new certificate".into(),
                ..Default::default()
            };
            view! {
                <ConfirmDialog spec=spec on_confirm=Callback::new(move |_| action.set(Action::Upload(id)))
                    on_cancel=Callback::new(move |_| action.set(Action::None))/>
            }
            .into_any()
        }),
        Action::ConfirmDelete(id) => find(id).map(|c| {
            let spec = ConfirmSpec {
                title: format!("Delete {your} certificate?"),
                message: format!(
                    "The certificate for “{}” and its private key are removed from the server. Apps and profiles that use it stop working until a new one is uploaded.",
                    c.name
                ),
                confirm_label: "Delete".into(),
                danger: true,
                ..Default::default()
            };
            view! {
                <ConfirmDialog spec=spec on_confirm=Callback::new(move |_| delete(id))
                    on_cancel=Callback::new(move |_| action.set(Action::None))/>
            }
            .into_any()
        }),
        Action::Upload(id) => find(id).map(|c| {
            view! {
                <UploadDialog config=c principal=principal.get_untracked()
                    on_done=Callback::new(move |msg: String| {
                        action.set(Action::None);
                        toasts.push(if msg.is_empty() { "Certificate successfully uploaded.".to_string() } else { msg }, false);
                        load(true);
                    })
                    on_cancel=Callback::new(move |_| action.set(Action::None))/>
            }
            .into_any()
        }),
        Action::Details(id) => find(id).map(|c| {
            view! {
                <DetailsDrawer config=c principal=principal.get_untracked()
                    on_close=Callback::new(move |_| action.set(Action::None))/>
            }
            .into_any()
        }),
    }
    };

    view! {
        <div class="cards" aria-busy=move || cards.with(|c| c.is_none()).to_string()>
            {move || match cards.get() {
                None => view! { <p class="state loading" role="status">"Loading certificates…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <RetryAlert message={e.message()} on_retry=Callback::new(move |_| { load(false); })/>
                }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="state">"No certificate is required: there are no user-provided certificate configurations."</p>
                }.into_any(),
                Some(Ok(list)) => list.iter().cloned().map(card).collect_view().into_any(),
            }}
        </div>
        {dialogs}
    }
}

/// E7 in a drawer.
#[component]
fn DetailsDrawer(
    config: MyCertificate,
    principal: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let details = RwSignal::new(None::<Result<Option<CertDetails>, ApiError>>);
    let id = config.config_id;
    spawn_local(async move {
        let r = certificates::user_certificate(&api, id, &principal).await;
        details.try_set(Some(r));
    });
    view! {
        <Drawer title=format!("Certificate for {}", config.name) on_close=on_close>
            {move || match details.get() {
                None => view! { <p role="status">"Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="field-error" role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(None)) => view! { <p>"No certificate is uploaded for this configuration."</p> }.into_any(),
                Some(Ok(Some(d))) => view! {
                    <Fields rows=vec![
                        ("Subject", d.subject.clone()),
                        ("Common name", d.common_name.clone()),
                        ("Issuer", d.issuer.clone()),
                        ("Serial number", d.serial.clone()),
                        ("Valid from", date(d.not_before)),
                        ("Valid until", date(d.not_after)),
                        ("Version", d.version.clone()),
                        ("Signature algorithm", d.signature_algorithm.clone()),
                    ]/>
                }.into_any(),
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
    config: MyCertificate,
    principal: String,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let session = expect_context::<SessionCtx>();
    let file = RwSignal::new(None::<PickedFile>);
    let password = RwSignal::new(String::new());
    let file_error = RwSignal::new(None::<String>);
    let password_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<f64>);
    let busy = RwSignal::new(false);
    let api = StoredValue::new(api);
    let principal = StoredValue::new(principal);
    let require_password = config.require_password;
    let ce = config.config_id;

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
        if require_password && pw.is_empty() {
            password_error.set(Some("Enter the password of the certificate file.".into()));
            return;
        }
        password_error.set(None);
        busy.set(true);
        progress.set(Some(0.0));
        let api = api.get_value();
        let who = principal.get_value();
        spawn_local(async move {
            let result = upload_certificate(
                &api,
                session,
                CertificateUpload {
                    ce,
                    principal: &who,
                    file_name: &f.name,
                    bytes: &f.bytes,
                    password: &pw,
                },
                move |p| {
                    progress.try_set(Some(p));
                },
            )
            .await;
            busy.try_set(false);
            progress.try_set(None);
            match result {
                Ok(msg) => {
                    on_done.try_run(msg);
                }
                Err(fail) => match upload_error_field(fail.status, &fail.key, &fail.message) {
                    UploadField::Password => {
                        password.try_set(String::new());
                        password_error.try_set(Some(fail.message));
                    }
                    UploadField::File => {
                        file_error.try_set(Some(fail.message));
                    }
                    UploadField::Form => {
                        form_error.try_set(Some(fail.message));
                    }
                },
            }
        });
    };

    let title = format!("Upload certificate for {}", config.name);
    let pw_hint = if require_password {
        "Required: the password that protects the file."
    } else {
        "Only if the file is protected by a password."
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
        navigate(
            &format!("/certificates/users/{}", encode_path_segment(&u)),
            Default::default(),
        );
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
    view! {
        <header class="page-header">
            <h1>{move || format!("Certificates of {}", principal.get())}</h1>
            <CertificateTabs/>
        </header>
        <CertificateCards principal=principal own=false/>
    }
}
