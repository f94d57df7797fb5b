//! The links between the MDM server's SCEP configurations and the certificate platform's SCEP
//! profiles, matched by the SCEP URL devices enrol at: on a profile's page, the configurations
//! that enrol there; on a configuration's page, the profile it enrols at.

use crate::backend::pki::{ScepEnrolmentApi, ScepProfileApi};
use crate::backend::ApiError;
use crate::domain::scep_profile::{same_scep_endpoint, ScepEnrolment, ScepProfile};
use crate::ui::link::A;
use crate::ui::loader::{Load, Loader};
use crate::ui::retry::RetryAlert;
use leptos::prelude::*;
use std::sync::Arc;

/// The MDM server's configurations that enrol at `scep_url`.
#[component]
pub fn EnrolmentLinks(scep_url: Option<String>) -> impl IntoView {
    let server = crate::context::backend();
    let server_name = server.kind().label();
    let Some(url) = scep_url else {
        return view! {
            <p class="empty-note">"This profile has no SCEP URL (it gets one with an RA profile): no configuration can enrol at it yet."</p>
        }
        .into_any();
    };
    let Some(enrolments) = server.scep_enrolments() else {
        return view! { <p class="empty-note">{format!("{server_name} tells nothing about SCEP configurations through its API.")}</p> }
            .into_any();
    };
    let loader: Loader<ScepEnrolment> = Load::new(
        || (),
        move |_| {
            let api: Arc<dyn ScepEnrolmentApi> = enrolments.clone();
            let url = url.clone();
            async move {
                let all = api.scep_enrolments().await?;
                Ok::<_, ApiError>(Arc::new(
                    all.into_iter()
                        .filter(|e| same_scep_endpoint(&e.url, &url))
                        .collect(),
                ))
            }
        },
    );
    let retry = loader.retry_callback();
    (move || match loader.get() {
        None => view! { <p class="state loading" role="status">"Looking for the MDM server's configurations…"</p> }.into_any(),
        Some(Err(e)) => view! { <RetryAlert message=e.message() on_retry=retry/> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="empty-note">{format!("No configuration of {server_name} enrols devices at this profile's SCEP URL.")}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ul class="link-list" aria-label="MDM configurations enrolling here">
                {list.iter().cloned().map(|e| {
                    let href = crate::routes::scep_enrolment(&e);
                    view! { <li><A href=href>{e.name}</A>{format!(" ({})", e.kind.noun())}</li> }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    })
    .into_any()
}

/// On a SCEP configuration's page (`enrolment`: its id): the certificate platform's profiles
/// devices enrol at through it. Nothing without a platform or for a configuration without a
/// SCEP URL.
#[component]
pub fn ScepProfileLinks(#[prop(into)] enrolment: String) -> impl IntoView {
    let (Some(pki), Some(enrolments)) = (
        crate::context::pki(),
        crate::context::backend().scep_enrolments(),
    ) else {
        return ().into_any();
    };
    let platform = pki.caps().platform;
    // `None`: this configuration has no SCEP URL.
    let loader: Load<Option<Vec<ScepProfile>>> = Load::item(
        || (),
        move |_| {
            let (pki, enrolments): (Arc<dyn ScepProfileApi>, Arc<dyn ScepEnrolmentApi>) =
                (pki.clone(), enrolments.clone());
            let id = enrolment.clone();
            async move {
                let all = enrolments.scep_enrolments().await?;
                let Some(e) = all.into_iter().find(|e| e.id == id) else {
                    return Ok(None);
                };
                pki.by_scep_url(&e.url).await.map(Some)
            }
        },
    );
    let retry = loader.retry_callback();
    (move || match loader.get().map(|r| r.map(|v| (*v).clone())) {
        None | Some(Ok(None)) => ().into_any(),
        Some(Err(e)) => view! {
            <RetryAlert message=format!("The SCEP profiles of {platform} could not be read: {}", e.message()) on_retry=retry/>
        }
        .into_any(),
        Some(Ok(Some(list))) if list.is_empty() => view! {
            <p class="callout">{format!("No SCEP profile of {platform} has this SCEP URL.")}</p>
        }
        .into_any(),
        Some(Ok(Some(list))) => view! {
            <p class="callout">
                {format!("Devices enrol at the {platform} SCEP profile ")}
                {list.into_iter().map(|p| {
                    let href = crate::routes::scep_profile(&p.id);
                    let state = if p.enabled { "" } else { " (disabled)" };
                    view! { <A href=href>{p.name}</A>{state}" " }
                }).collect_view()}
                "(SCEP profiles)."
            </p>
        }
        .into_any(),
    })
    .into_any()
}
