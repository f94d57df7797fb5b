//! The app's 404 page, and the page of a screen the server does not have.

use crate::context::session::SessionCtx;
use crate::domain::session::Permission;
use crate::ui::link::A;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::context::page_title("Not found");
    view! {
        <main class="centered" id="main" tabindex="-1">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p><A href=crate::routes::HOME>"Go to the start page"</A></p>
        </main>
    }
}

/// The screen of a route this server has no such thing for: not an error, and not the app's 404.
#[component]
pub fn NotAvailable() -> impl IntoView {
    crate::context::page_title("Not available on this server");
    let server = crate::context::backend().kind().label();
    view! {
        <h1>"Not available on this server"</h1>
        <p>{format!("This screen shows something {server} does not offer through its API.")}</p>
        <p><A href=crate::routes::HOME>"Go to the start page"</A></p>
    }
}

/// What a self-service user without "Manage user certificates" is told.
pub const NO_CERTIFICATE_PERMISSION: &str = "Your account does not have the “Manage user certificates” permission: ask your administrator if you need to upload certificates.";

/// The self-service route of a server whose self-service screen this portal does not have yet:
/// who is signed in, what the server lets them do, and a way out.
#[component]
pub fn SelfServiceNotAvailable() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    crate::context::page_title("Self-service");
    let server = crate::context::backend().kind().label();
    let who = move || {
        session
            .session
            .with(|s| s.as_ref().map(|s| s.username.clone()))
    };
    let may_manage = move || {
        session.session.with(|s| {
            s.as_ref()
                .is_some_and(|s| s.may(Permission::ManageUserCertificates))
        })
    };
    view! {
        <Show when=move || who().is_some() fallback=|| view! { <Redirect path=crate::routes::sign_in("/self-service")/> }>
            <header class="topbar">
                <span class="brand">"Self-service"</span>
                <span class="user" title="Signed in as">{who}</span>
                <button type="button" class="button" on:click=move |_| session.sign_out(Some("You have signed out.".into()))>"Sign out"</button>
            </header>
            <main id="main" class="content" tabindex="-1">
                <h1>"Not available on this server"</h1>
                <p>{format!("This portal does not have the self-service screens for {server} yet.")}</p>
                <p role="status">
                    {move || if may_manage() {
                        "Your account may manage its own certificates (“Manage user certificates”)."
                    } else {
                        NO_CERTIFICATE_PERMISSION
                    }}
                </p>
            </main>
        </Show>
    }
}
