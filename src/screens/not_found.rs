use crate::ui::link::A;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    crate::app::page_title("Not found");
    view! {
        <main class="centered" id="main" tabindex="-1">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address."</p>
            <p><A href="/">"Go to the start page"</A></p>
        </main>
    }
}
