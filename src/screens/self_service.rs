//! The user self-service portal: "My certificates", one card per user-provided configuration
//! (E8, the one call S0 ties to the User Portal, S0:L1089), with upload, replace and delete of the
//! signed-in user's own certificates (E5/E6/E7; the mock allows a user-portal user these calls for
//! their own principal only, digest Part F #1). No admin screen is reachable from here.

use super::user_certificates::CertificateCards;
use crate::context::session::SessionCtx;
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
                <CertificateCards principal=user own=true/>
            </main>
        </Show>
    }
}
