//! Code fetched when first needed. The wasm is split (`tools/split-wasm.mjs`) into the first load
//! and chunks: one per server's backend, fetched at start for the server `config.json` names
//! ([`crate::backend::connect`]), and one per area of screens (`app::split`). Loading a chunk is
//! `fallible` (`wasm_split_helpers`): a chunk that does not arrive is this error, never a panic, and
//! is fetched again on the next try.

/// A chunk of the portal's code could not be fetched or started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}
