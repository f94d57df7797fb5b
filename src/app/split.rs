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

/// A screen's chunk could not be fetched or started.
#[derive(Debug, Clone, Copy)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Fetches (once) the chunk of a screen and builds the screen.
pub type ChunkLoad = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// The screen in a chunk: "Loading…" while it is fetched, the screen once it is there, a message
/// with Retry if it could not be fetched.
#[component]
pub fn Split(load: ChunkLoad) -> impl IntoView {
    let tries = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="boot" role="status">"Loading…"</p> }>
            {move || {
                tries.track();
                Suspend::new(send_wrapper::SendWrapper::new(async move {
                    match load().await {
                        Ok(screen) => screen,
                        Err(ChunkError) => view! {
                            <ChunkFailed retry=move || tries.update(|n| *n += 1)/>
                        }
                        .into_any(),
                    }
                }))
            }}
        </Suspense>
    }
}

#[component]
fn ChunkFailed(retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main class="centered boot-error" id="main" tabindex="-1">
            <h1>"This screen could not be loaded"</h1>
            <p role="alert">
                "Its part of the portal did not arrive: the connection may have dropped, or the \
                 portal was updated on the server. Nothing you entered elsewhere is lost."
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
                    dyn ::std::future::Future<Output = Result<AnyView, ChunkError>>,
                >> {
                    ::std::boxed::Box::pin($name())
                }

                #[::leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible
                )]
                fn $name() -> Result<AnyView, ChunkError> {
                    Ok(::leptos::prelude::view! { <$page/> }.into_any())
                }
            }
        )+)+
    };
}
pub(crate) use split_screens;
