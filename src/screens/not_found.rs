//! The app's 404 page, and the page of a screen the server does not have.

use crate::ui::link::A;
use leptos::prelude::*;

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
