//! The user self-service portal: "My certificates", one card per slot of the signed-in user's own
//! certificates, with upload, replace and delete as the server allows (EPMM ties the list to the
//! User Portal; the mock allows a user-portal user the other calls for their own principal only:
//! certificates digest, "Open questions"). No admin screen is reachable from here.

use super::user_certificates::CertificateCards;
use crate::context::session::SessionCtx;
use crate::domain::session::Permission;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SelfServicePage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    crate::context::page_title("My certificates");
    let user = Memo::new(move |_| {
        session
            .session
            .with(|s| s.as_ref().map(|s| s.username.clone()).unwrap_or_default())
    });
    // Where the server grants self-service certificates by permission, a user without it is told
    // so instead of seeing the server refuse (BlackBerry UEM REST API overview, "Certificate
    // management": "Manage user certificates").
    let needs_permission =
        crate::context::user_certificates().is_some_and(|api| api.needs_permission());
    let allowed = move || {
        !needs_permission
            || session.session.with(|s| {
                s.as_ref()
                    .is_some_and(|s| s.may(Permission::ManageUserCertificates))
            })
    };
    view! {
        <Show when=move || session.session.with(|s| s.is_some()) fallback=|| view! { <Redirect path="/sign-in"/> }>
            <header class="topbar">
                <span class="brand">"My certificates"</span>
                <span class="user" title="Signed in as">{move || user.get()}</span>
                <button type="button" class="button" on:click=move |_| session.sign_out(Some("You have signed out.".into()))>"Sign out"</button>
            </header>
            <main id="main" class="content self-service" tabindex="-1">
                <h1>"My certificates"</h1>
                <p class="subtitle">"The certificates your apps and profiles need. Upload each one as a PKCS#12 file (.p12 or .pfx) from your certificate authority or IT department."</p>
                <Show when=allowed fallback=|| view! {
                    <p class="state" role="status">{super::not_found::NO_CERTIFICATE_PERMISSION}</p>
                }>
                    <CertificateCards principal=user own=true/>
                </Show>
            </main>
        </Show>
    }
}
