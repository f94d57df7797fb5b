//! A failure the user can try again: the message in an alert, and a "Retry" button.

use leptos::prelude::*;

#[component]
pub fn RetryAlert(
    /// What went wrong, as a sentence for people.
    #[prop(into)]
    message: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="state error" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}
