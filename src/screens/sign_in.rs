//! The sign-in screen.

use crate::backend::SignInError;
use crate::context::session::SessionCtx;
use crate::domain::session::{validate_sign_in, Role};
use crate::routes::home_for;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use leptos_router::NavigateOptions;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let backend = crate::context::backend();
    let config = crate::context::config();
    let caps = crate::context::caps();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    crate::browser::set_title(&format!("Sign in · {}", config.product_name));

    // Only same-app paths are followed after signing in (no open redirect).
    let next = move || {
        query
            .with_untracked(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains("://"))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (u, p) = (username.get_untracked(), password.get_untracked());
        if let Err(msg) = validate_sign_in(&u, &p) {
            error.set(Some(msg));
            return;
        }
        error.set(None);
        busy.set(true);
        let backend = backend.clone();
        spawn_local(async move {
            let result = backend.sign_in(&u, &p).await;
            busy.set(false);
            // A refused password is cleared; when the server failed, what was typed stays so
            // signing in again is one click.
            if !matches!(result, Err(SignInError::Other(_))) {
                password.set(String::new());
            }
            match result {
                // Signing in re-renders this page, which then redirects (see below).
                Ok(s) => session.sign_in(s),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };

    move || {
        if let Some(role) = session.session.with(|s| s.as_ref().map(|s| s.role)) {
            // Back to where the user was going; only admins go to admin pages.
            let to = next()
                .filter(|_| role == Role::Admin)
                .unwrap_or_else(|| home_for(role, &caps).to_string());
            return view! { <Redirect path=to options=NavigateOptions { replace: true, ..Default::default() }/> }.into_any();
        }
        let submit = submit.clone();
        view! {
            <main class="sign-in" id="main" tabindex="-1">
                <form class="card" on:submit=submit novalidate>
                    <h1>{config.product_name.clone()}</h1>
                    <p class="muted">"Sign in with your MDM account."</p>
                    {move || session.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
                    <label>
                        <span>"Username"</span>
                        <input type="text" name="username" autocomplete="username" required
                            prop:value=move || username.get()
                            on:input:target=move |ev| username.set(ev.target().value())/>
                    </label>
                    <label>
                        <span>"Password"</span>
                        <input type="password" name="password" autocomplete="current-password" required
                            prop:value=move || password.get()
                            on:input:target=move |ev| password.set(ev.target().value())/>
                    </label>
                    {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </form>
            </main>
        }
        .into_any()
    }
}
