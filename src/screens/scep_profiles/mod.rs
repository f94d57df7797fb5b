//! SCEP profiles of the certificate platform beside the MDM server (`pki` in `config.json`),
//! under Certificates: the list on the generic table with bulk enable, disable, delete and force
//! delete; a profile's page with its enable, disable and delete (forced where refused), and the
//! MDM server's configurations that enrol at it; the create and edit form ([`form`]).

pub mod bulk;
pub mod form;
pub mod links;

pub use links::ScepProfileLinks;

use crate::backend::pki::ScepProfileApi;
use crate::domain::pki_attribute::Attribute;
use crate::domain::scep_profile::{
    renewal_label, scep_profile_columns, Associations, CaCertificate, FormMode, ScepProfile,
    ScepProfileDetail, ScepProfileForm,
};
use crate::routes;
use crate::screens::certificates::CertificateTabs;
use crate::ui::detail::Detail;
use crate::ui::dialog::{ConfirmDialog, ConfirmSpec};
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::table::data_table::DataTable;
use crate::ui::table::selection::Selection;
use crate::ui::toast;
use bulk::BulkActions;
use form::ProfileForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use links::EnrolmentLinks;
use std::sync::Arc;

/// The entry of the certificate screens' sub-navigation, where a platform is configured.
#[component]
pub fn ScepProfilesTab() -> impl IntoView {
    crate::context::pki().map(|_| view! { <A href=routes::SCEP_PROFILES>"SCEP profiles"</A> })
}

/// The page, or "not available" without a certificate platform.
fn with_pki<V: IntoView + 'static>(page: impl FnOnce(Arc<dyn ScepProfileApi>) -> V) -> AnyView {
    match crate::context::pki() {
        Some(api) => page(api).into_any(),
        None => view! { <crate::screens::not_found::NotAvailable/> }.into_any(),
    }
}

#[component]
pub fn ScepProfilesPage() -> impl IntoView {
    with_pki(|api| view! { <ProfilesList api=api/> })
}

#[component]
pub fn NewScepProfilePage() -> impl IntoView {
    with_pki(|api| view! { <NewProfile api=api/> })
}

#[component]
pub fn ScepProfilePage() -> impl IntoView {
    with_pki(|api| view! { <ProfilePage api=api/> })
}

#[component]
fn ProfilesList(api: Arc<dyn ScepProfileApi>) -> impl IntoView {
    crate::context::page_title("SCEP profiles");
    let platform = api.caps().platform;
    let lister = api.clone();
    let loader: Loader<ScepProfile> = Load::new(
        || (),
        move |_| {
            let api = lister.clone();
            async move { api.list().await }
        },
    );
    let selection = Selection::new(
        |p: &ScepProfile| p.id.clone(),
        |p: &ScepProfile| p.name.clone(),
    );
    let on_done = Callback::new(move |_| loader.refresh());
    let bulk = ViewFn::from(
        move || view! { <BulkActions api=api.clone() selection=selection on_done=on_done/> },
    );
    view! {
        <header class="page-header">
            <div class="with-actions">
                <h1>"SCEP profiles"</h1>
                <A href=routes::NEW_SCEP_PROFILE attr:class="button primary">"New SCEP profile"</A>
            </div>
            <CertificateTabs/>
            <p class="subtitle muted">{format!("On the certificate platform ({platform}): devices enrol at a profile's SCEP URL.")}</p>
        </header>
        <DataTable
            name="scep-profiles"
            caption="SCEP profiles"
            noun="SCEP profiles"
            columns=Arc::new(scep_profile_columns())
            rows=loader.signal()
            on_retry=loader.retry_callback()
            empty=format!("{platform} has no SCEP profiles.")
            selection=selection
            bulk=bulk
        />
    }
}

#[component]
fn NewProfile(api: Arc<dyn ScepProfileApi>) -> impl IntoView {
    crate::context::page_title("New SCEP profile");
    let navigate = use_navigate();
    let go = navigate.clone();
    let on_saved = Callback::new(move |d: ScepProfileDetail| {
        let p = &d.profile;
        let note = if p.enabled {
            String::new()
        } else {
            " It starts disabled: enable it when it is ready.".to_string()
        };
        toast::info(format!("SCEP profile {} created.{note}", p.name));
        go(&routes::scep_profile(&p.id), Default::default());
    });
    let on_cancel = Callback::new(move |_| navigate(routes::SCEP_PROFILES, Default::default()));
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=routes::SCEP_PROFILES>"SCEP profiles"</A></p>
            <h1>"New SCEP profile"</h1>
        </header>
        <ProfileForm api=api mode=FormMode::Create initial=ScepProfileForm::default() on_saved=on_saved on_cancel=on_cancel/>
    }
}

#[component]
fn ProfilePage(api: Arc<dyn ScepProfileApi>) -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let getter = api.clone();
    let profile: Load<ScepProfileDetail> = Load::item(
        move || id.get(),
        move |id: String| {
            let api = getter.clone();
            async move { api.get(&id).await }
        },
    );
    let editing = RwSignal::new(false);
    Effect::new(move |_| match profile.get() {
        Some(Ok(d)) => crate::context::page_title(&d.profile.name),
        _ => crate::context::page_title("SCEP profile"),
    });
    let not_found = Signal::derive(move || {
        format!(
            "There is no SCEP profile with id {}. It may have been deleted.",
            id.get()
        )
    });
    view! {
        <header class="page-header">
            <p class="breadcrumb"><A href=routes::SCEP_PROFILES>"SCEP profiles"</A></p>
        </header>
        <Detail load=profile noun="SCEP profile" not_found=not_found let:d>
            {
                let api = api.clone();
                move || {
                    let d = d.clone();
                    if editing.get() {
                        let form = ScepProfileForm::from_detail(&d);
                        let on_saved = Callback::new(move |saved: ScepProfileDetail| {
                            toast::info(format!("SCEP profile {} saved.", saved.profile.name));
                            editing.set(false);
                            profile.rows.set(Some(Ok(Arc::new(saved))));
                        });
                        view! {
                            <h1>{format!("Edit {}", d.profile.name)}</h1>
                            <ProfileForm api=api.clone() mode=FormMode::Edit id=d.profile.id.clone() initial=form
                                current_ca=d.profile.ca_certificate.clone()
                                current_ra=d.profile.ra_profile.clone()
                                on_saved=on_saved on_cancel=Callback::new(move |_| editing.set(false))/>
                        }
                        .into_any()
                    } else {
                        view! {
                            <ProfileView detail=d api=api.clone()
                                on_edit=Callback::new(move |_| editing.set(true))
                                on_changed=Callback::new(move |_| profile.refresh())/>
                        }
                        .into_any()
                    }
                }
            }
        </Detail>
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

fn date(ms: Option<i64>) -> String {
    ms.map(crate::dates::format_local_named)
        .unwrap_or_else(|| "—".into())
}

/// A field of a `dl.fields`.
fn field(label: &'static str, value: impl IntoView) -> impl IntoView {
    view! { <div><dt>{label}</dt><dd>{value}</dd></div> }
}

/// What the admin is asked to confirm on a profile's page.
#[derive(Clone, PartialEq)]
enum Ask {
    None,
    Delete,
    /// After a refused delete: what uses the profile.
    ForceDelete(Vec<String>),
}

#[component]
fn ProfileView(
    detail: Arc<ScepProfileDetail>,
    api: Arc<dyn ScepProfileApi>,
    on_edit: Callback<()>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let p = detail.profile.clone();
    let platform = api.caps().platform;
    let force_allowed = api.caps().force_delete;
    let busy = RwSignal::new(false);
    let ask = RwSignal::new(Ask::None);
    let error = RwSignal::new(None::<String>);
    // A refused delete: the platform's words and what uses the profile.
    let refusal = RwSignal::new(None::<(String, Vec<String>)>);
    let navigate = use_navigate();
    let (id, name, enabled) = (p.id.clone(), p.name.clone(), p.enabled);

    let toggle_api = api.clone();
    let toggle_id = id.clone();
    let toggle_name = name.clone();
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (api, id, name) = (toggle_api.clone(), toggle_id.clone(), toggle_name.clone());
        spawn_local(async move {
            let r = api.set_enabled(&id, !enabled).await;
            busy.try_set(false);
            match r {
                Ok(()) => {
                    toast::info(format!(
                        "SCEP profile {name} {}.",
                        if enabled { "disabled" } else { "enabled" }
                    ));
                    on_changed.run(());
                }
                Err(e) => toast::error(e.message()),
            }
        });
    };

    let deleted = {
        let navigate = navigate.clone();
        let name = name.clone();
        move || {
            toast::info(format!("SCEP profile {name} deleted."));
            navigate(routes::SCEP_PROFILES, Default::default());
        }
    };
    let delete_api = api.clone();
    let delete_id = id.clone();
    let done = deleted.clone();
    let delete = Callback::new(move |_: String| {
        busy.set(true);
        error.set(None);
        let (api, id, done) = (delete_api.clone(), delete_id.clone(), done.clone());
        spawn_local(async move {
            let r = api.delete(&id).await;
            busy.try_set(false);
            match r {
                Ok(None) => {
                    ask.try_set(Ask::None);
                    done();
                }
                Ok(Some(refused)) => {
                    ask.try_set(Ask::None);
                    refusal.try_set(Some((refused.message, refused.in_use_by)));
                }
                Err(e) => {
                    error.try_set(Some(e.message()));
                }
            }
        });
    });
    let force_api = api.clone();
    let force_id = id.clone();
    let force = Callback::new(move |_: String| {
        busy.set(true);
        error.set(None);
        let (api, id, done) = (force_api.clone(), force_id.clone(), deleted.clone());
        spawn_local(async move {
            let r = api.delete_many(std::slice::from_ref(&id), true).await;
            busy.try_set(false);
            match r {
                Ok(failed) if failed.is_empty() => {
                    ask.try_set(Ask::None);
                    done();
                }
                Ok(failed) => {
                    let m = failed
                        .into_iter()
                        .map(|f| f.message)
                        .collect::<Vec<_>>()
                        .join(" ");
                    error.try_set(Some(m));
                }
                Err(e) => {
                    error.try_set(Some(e.message()));
                }
            }
        });
    });
    let cancel = Callback::new(move |_| {
        ask.set(Ask::None);
        error.set(None);
    });
    let confirm_name = name.clone();
    let dialog = move || {
        let name = confirm_name.clone();
        match ask.get() {
            Ask::None => ().into_any(),
            Ask::Delete => view! {
                <ConfirmDialog
                    spec=ConfirmSpec {
                        title: format!("Delete SCEP profile {name}?"),
                        message: "Devices can no longer enrol at its SCEP URL. The platform refuses while an RA profile uses the profile for SCEP.".into(),
                        confirm_label: "Delete".into(),
                        danger: true,
                        ..Default::default()
                    }
                    on_confirm=delete on_cancel=cancel error=error busy=busy/>
            }
            .into_any(),
            Ask::ForceDelete(by) => {
                let detaches = if by.is_empty() {
                    "It first detaches the profile from every RA profile that uses it for SCEP (SCEP is switched off there), then deletes it.".to_string()
                } else {
                    format!(
                        "It first detaches the profile from the RA profiles {} (SCEP is switched off on them: their devices can no longer enrol), then deletes it.",
                        by.join(", ")
                    )
                };
                view! {
                    <ConfirmDialog
                        spec=ConfirmSpec {
                            title: format!("Force delete SCEP profile {name}?"),
                            message: detaches,
                            confirm_label: "Force delete".into(),
                            danger: true,
                            type_to_confirm: Some(name.clone()),
                            ..Default::default()
                        }
                        on_confirm=force on_cancel=cancel error=error busy=busy/>
                }
                .into_any()
            }
        }
    };

    let ca = p.ca_certificate.clone();
    let d = detail.clone();
    view! {
        <header class="page-header with-actions">
            <div>
                <h1>{name.clone()}</h1>
                <p class="subtitle">
                    <span class=if enabled { "badge badge-enabled" } else { "badge badge-disabled" }>{p.state_label()}</span>
                    " "<span class="muted">{format!("SCEP profile on {platform}")}</span>
                </p>
            </div>
            <div class="actions" role="group" aria-label="Profile actions">
                <button type="button" class="button" on:click=move |_| on_edit.run(())>"Edit"</button>
                <button type="button" class="button" disabled=move || busy.get() on:click=toggle>
                    {if enabled { "Disable" } else { "Enable" }}
                </button>
                <button type="button" class="button danger" disabled=move || busy.get()
                    on:click=move |_| { error.set(None); ask.set(Ask::Delete) }>"Delete"</button>
            </div>
        </header>
        {move || refusal.get().map(|(message, by)| {
            let offer = force_allowed;
            view! {
                <div class="state error" role="alert">
                    <p>{format!("{platform} did not delete the profile: {message}")}</p>
                    {offer.then(|| view! {
                        <button type="button" class="button danger"
                            on:click=move |_| { error.set(None); ask.set(Ask::ForceDelete(by.clone())) }>"Force delete"</button>
                    })}
                </div>
            }
        })}
        {dialog}
        <section class="panel" aria-labelledby="scep-general-h">
            <h2 id="scep-general-h">"General"</h2>
            <dl class="fields" aria-label="General">
                {field("Description", or_dash(&p.description))}
                {field("State", p.state_label())}
                {field("RA profile", or_dash(&p.ra_profile_name()))}
                {field("SCEP URL", p.scep_url.clone().unwrap_or_else(|| "— (no RA profile)".into()))}
                {field("Renewal threshold", renewal_label(p.renewal_threshold))}
                {field("Includes CA certificate", if p.include_ca_certificate { "Yes" } else { "No" })}
                {field("Includes CA chain", if p.include_ca_chain { "Yes" } else { "No" })}
                {field("Challenge password", "Write-only: never shown")}
                {field("UUID", p.id.clone())}
            </dl>
        </section>
        <section class="panel" aria-labelledby="scep-ca-h">
            <h2 id="scep-ca-h">"CA certificate"</h2>
            {match ca {
                None => view! { <p class="empty-note">"The platform sent no CA certificate."</p> }.into_any(),
                Some(c) => view! { <CaCertificateFields ca=c/> }.into_any(),
            }}
        </section>
        <section class="panel" aria-labelledby="scep-issue-h">
            <h2 id="scep-issue-h">"Issue attributes"</h2>
            <AttributeTable caption="Issue attributes" attributes=d.issue_attributes.clone()/>
        </section>
        <section class="panel" aria-labelledby="scep-custom-h">
            <h2 id="scep-custom-h">"Custom attributes"</h2>
            <AttributeTable caption="Custom attributes" attributes=d.custom_attributes.clone()/>
        </section>
        <section class="panel" aria-labelledby="scep-intune-h">
            <h2 id="scep-intune-h">"Intune"</h2>
            {if p.intune {
                view! {
                    <dl class="fields" aria-label="Intune">
                        {field("Intune integration", "On")}
                        {field("Tenant", or_dash(d.intune_tenant.as_deref().unwrap_or_default()))}
                        {field("Application ID", or_dash(d.intune_application_id.as_deref().unwrap_or_default()))}
                        {field("Application key", "Write-only: never shown")}
                    </dl>
                }.into_any()
            } else {
                view! { <p class="empty-note">"Intune integration is off."</p> }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="scep-assoc-h">
            <h2 id="scep-assoc-h">"Certificate associations"</h2>
            <AssociationsView associations=d.associations.clone()/>
        </section>
        <section class="panel" aria-labelledby="scep-mdm-h">
            <h2 id="scep-mdm-h">"MDM configurations enrolling here"</h2>
            <EnrolmentLinks scep_url=p.scep_url.clone()/>
        </section>
    }
}

#[component]
fn CaCertificateFields(ca: CaCertificate) -> impl IntoView {
    let key = match ca.key_size {
        Some(n) if n > 0 => format!("{} {n}", ca.key_algorithm),
        _ => or_dash(&ca.key_algorithm),
    };
    view! {
        <dl class="fields" aria-label="CA certificate">
            {field("Common name", or_dash(&ca.common_name))}
            {field("Subject", or_dash(&ca.subject))}
            {field("Issuer", or_dash(&ca.issuer))}
            {field("Serial number", or_dash(&ca.serial_number))}
            {field("Valid from", date(ca.not_before_ms))}
            {field("Valid until", date(ca.not_after_ms))}
            {field("Key", key)}
            {field("Private key", if ca.private_key { "On the platform" } else { "Not on the platform" })}
            {field("Validation", or_dash(&ca.validation))}
            {field("Fingerprint", or_dash(&ca.fingerprint))}
        </dl>
    }
}

#[component]
fn AttributeTable(caption: &'static str, attributes: Vec<Attribute>) -> impl IntoView {
    if attributes.is_empty() {
        return view! { <p class="empty-note">"None."</p> }.into_any();
    }
    view! {
        <table aria-label=caption>
            <thead><tr>
                <th scope="col">"Name"</th><th scope="col">"Label"</th>
                <th scope="col">"Content type"</th><th scope="col">"Values"</th>
            </tr></thead>
            <tbody>
                {attributes.into_iter().map(|a| view! {
                    <tr>
                        <td class="code">{a.name.clone()}</td>
                        <td>{a.label.clone().unwrap_or_default()}</td>
                        <td>{a.content_type.label().to_string()}</td>
                        <td class="wrap">{a.values_text()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn AssociationsView(associations: Option<Associations>) -> impl IntoView {
    let Some(a) = associations else {
        return view! { <p class="empty-note">"None: issued certificates get no owner or groups."</p> }.into_any();
    };
    view! {
        <dl class="fields" aria-label="Certificate associations">
            {field("Owner", a.owner.clone().unwrap_or_else(|| "—".into()))}
            {field("Groups", if a.groups.is_empty() { "—".to_string() } else { a.groups.join(", ") })}
        </dl>
        {(!a.custom_attributes.is_empty()).then(|| view! {
            <AttributeTable caption="Associated custom attributes" attributes=a.custom_attributes.clone()/>
        })}
    }
    .into_any()
}
