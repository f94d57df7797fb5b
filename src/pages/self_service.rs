//! The user self-service portal.

use crate::session::SessionCtx;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn SelfServicePage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    crate::app::page_title("My certificates");
    let user = move || {
        session
            .session
            .with(|s| s.as_ref().map(|s| s.username.clone()).unwrap_or_default())
    };
    view! {
        <Show when=move || session.session.with(|s| s.is_some()) fallback=|| view! { <Redirect path="/sign-in"/> }>
            <header class="topbar">
                <span class="brand">"My certificates"</span>
                <span class="user">{user}</span>
                <button type="button" class="button" on:click=move |_| session.sign_out(Some("You have signed out.".into()))>"Sign out"</button>
            </header>
            <main id="main" class="content">
                <h1>"My certificates"</h1>
                <p>"Certificate self-service is not available on this server yet."</p>
            </main>
        </Show>
    }
}
