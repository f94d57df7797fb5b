//! Screens fetched when first needed: each area of the portal is compiled into its own wasm chunk
//! (`wasm_split_helpers`, the splitter Leptos' lazy routes use), so the first load carries only
//! the shell, sign-in and the devices screen.
//!
//! A chunk that cannot be fetched (a dropped connection, a server restarted onto a new build) shows
//! a message with Retry in place of the screen: the load is `fallible`, never a panic, so the page
//! and everything in it stays alive. A failed load is not remembered: Retry fetches it again.
//!
//! The build (`tools/split-wasm.mjs`, run by trunk after it builds) splits the raw wasm, names
//! each chunk by its content for immutable caching, and optimises every piece.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

pub use crate::chunk::ChunkError;

/// A screen, built by code in a chunk (a plain function pointer into it, callable once the chunk
/// is there).
pub type Screen = fn() -> AnyView;

/// Fetches (once) the chunk of a screen.
pub type ChunkLoad = fn() -> Pin<Box<dyn Future<Output = Result<Screen, ChunkError>>>>;

/// The screen in a chunk: "Loading…" while it is fetched (with the code of the server's areas
/// beyond the devices list, `Backend::prepare`), the screen once both are there, a message with
/// Retry if either could not be fetched. The screen is built in a plain reactive closure, as an
/// unsplit route's screen is (no Suspense boundary around it).
#[component]
pub fn Split(load: ChunkLoad) -> impl IntoView {
    let screen = RwSignal::new(None::<Result<Screen, ChunkError>>);
    let backend = StoredValue::new_local(crate::context::backend());
    let fetch = move || {
        let backend = backend.get_value();
        leptos::task::spawn_local(async move {
            // The screen's chunk and the server's areas beyond the devices list, fetched together.
            let (built, prepared) = futures::join!(load(), backend.prepare());
            // The route may have been left meanwhile.
            screen.try_set(Some(prepared.and(built)));
        })
    };
    fetch();
    move || match screen.get() {
        None => view! { <p class="boot" role="status">"Loading…"</p> }.into_any(),
        Some(Ok(build)) => build(),
        Some(Err(ChunkError)) => view! {
            <ChunkFailed retry=move || {
                screen.set(None);
                fetch();
            }/>
        }
        .into_any(),
    }
}

#[component]
fn ChunkFailed(retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main class="centered boot-error" id="main" tabindex="-1">
            <h1>"This screen could not be loaded"</h1>
            <p role="alert">
                "Its part of the portal did not arrive: the connection may have dropped, or the \
                 portal was updated on the server."
            </p>
            <button type="button" class="button" on:click=move |_| retry()>"Retry"</button>
        </main>
    }
}

/// Declares screens that live in a chunk of their own: `chunk { name => Page, … }`. Each `name`
/// becomes a module whose `load` is the screen's [`ChunkLoad`]; the screens of one chunk are
/// fetched together. (The split function is named by the caller's token: the splitter tells split
/// functions apart by their name and its place in the source.)
macro_rules! split_screens {
    ($($chunk:ident { $($name:ident => $page:path),+ $(,)? })+) => {
        $($(
            pub mod $name {
                use $crate::app::split::ChunkError;
                use ::leptos::prelude::{AnyView, IntoAny};

                pub fn load() -> ::std::pin::Pin<::std::boxed::Box<
                    dyn ::std::future::Future<Output = Result<$crate::app::split::Screen, ChunkError>>,
                >> {
                    ::std::boxed::Box::pin($name())
                }

                #[::leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible
                )]
                fn $name() -> Result<$crate::app::split::Screen, ChunkError> {
                    fn build() -> AnyView {
                        ::leptos::prelude::view! { <$page/> }.into_any()
                    }
                    Ok(build)
                }
            }
        )+)+
    };
}
pub(crate) use split_screens;
