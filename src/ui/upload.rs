//! A file field with drag and drop: a real `<input type="file">` (keyboard and screen readers
//! use it as usual, its label names it) inside a zone that also accepts a dropped file. The
//! chosen file is read into memory once and kept by the caller's signal, so it survives errors.

use crate::domain::bulk::plural;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Files larger than this are not read (the caller reports their size).
pub const READ_LIMIT: usize = 8 * 1024 * 1024;

/// A file chosen by the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    /// The size the browser reports.
    pub size: usize,
    /// The content; empty when the file is larger than [`READ_LIMIT`].
    pub bytes: Arc<Vec<u8>>,
}

impl PickedFile {
    /// `cert.p12 (2.4 KB)`.
    pub fn describe(&self) -> String {
        let s = self.size as f64;
        let size = if s < 1024.0 {
            plural(self.size, "byte", "bytes")
        } else if s < 1024.0 * 1024.0 {
            format!("{:.1} KB", s / 1024.0)
        } else {
            format!("{:.1} MB", s / (1024.0 * 1024.0))
        };
        format!("{} ({size})", self.name)
    }
}

fn next_id() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(1);
    format!("file-{}", N.fetch_add(1, Ordering::Relaxed))
}

async fn read(file: web_sys::File) -> Result<PickedFile, String> {
    let size = file.size().max(0.0) as usize;
    let name = file.name();
    if size > READ_LIMIT {
        return Ok(PickedFile {
            name,
            size,
            bytes: Arc::new(Vec::new()),
        });
    }
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("The file “{name}” could not be read."))?;
    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
    Ok(PickedFile {
        name,
        size: bytes.len(),
        bytes: Arc::new(bytes),
    })
}

#[component]
pub fn FilePicker(
    /// The field's label, e.g. "Certificate file".
    #[prop(into)]
    label: String,
    /// The `accept` attribute, e.g. `.p12,.pfx,application/x-pkcs12`.
    #[prop(into)]
    accept: String,
    /// A sentence under the field.
    #[prop(into)]
    hint: String,
    file: RwSignal<Option<PickedFile>>,
    /// An error about the file, shown under the field.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
    /// Runs after a file was chosen (by picker or drop) and read.
    #[prop(optional)]
    on_pick: Option<Callback<PickedFile>>,
) -> impl IntoView {
    let id = next_id();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let dragging = RwSignal::new(false);
    let read_error = RwSignal::new(None::<String>);
    let take = move |f: web_sys::File| {
        spawn_local(async move {
            match read(f).await {
                Ok(p) => {
                    read_error.try_set(None);
                    if file.try_set(Some(p.clone())).is_none() {
                        if let Some(cb) = on_pick {
                            cb.try_run(p);
                        }
                    }
                }
                Err(e) => {
                    read_error.try_set(Some(e));
                }
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(f) = input.and_then(|i| i.files()).and_then(|l| l.get(0)) {
            take(f);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if disabled.get_untracked() {
            return;
        }
        if let Some(f) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            take(f);
        }
    };
    let shown_error = move || read_error.get().or_else(|| error.get());
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="file-picker">
            <label for=id.clone()><span>{label}</span></label>
            <div
                class="drop-zone"
                class:dragging=move || dragging.get()
                class:invalid=move || shown_error().is_some()
                on:dragenter=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <input
                    id=id
                    type="file"
                    accept=accept
                    aria-describedby=described
                    aria-invalid=move || shown_error().is_some().to_string()
                    disabled=move || disabled.get()
                    on:change=on_change
                />
                <p class="drop-hint">"or drag and drop the file here"</p>
                {move || file.get().map(|f| view! { <p class="chosen">"Chosen: " {f.describe()}</p> })}
            </div>
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error" role="alert">{shown_error}</p>
        </div>
    }
}
