//! Thin, panic-free wrappers over the browser APIs the portal uses.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// `sessionStorage`: the only place credentials may outlive a page load.
pub mod session_storage {
    pub fn get(key: &str) -> Option<String> {
        super::window()?
            .session_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }
    pub fn set(key: &str, value: &str) -> bool {
        super::window()
            .and_then(|w| w.session_storage().ok().flatten())
            .map(|s| s.set_item(key, value).is_ok())
            .unwrap_or(false)
    }
    pub fn remove(key: &str) {
        if let Some(s) = super::window().and_then(|w| w.session_storage().ok().flatten()) {
            let _ = s.remove_item(key);
        }
    }
}

/// `localStorage`: preferences only (columns, page size), never credentials.
pub mod local_storage {
    pub fn get(key: &str) -> Option<String> {
        super::window()?.local_storage().ok()??.get_item(key).ok()?
    }
    pub fn set(key: &str, value: &str) {
        if let Some(s) = super::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(key, value);
        }
    }
    pub fn remove(key: &str) {
        if let Some(s) = super::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.remove_item(key);
        }
    }
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Offers `text` as a file download (Blob + object URL + a temporary `<a download>`).
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    download_parts(file_name, mime, &parts)
}

/// Offers bytes as a file download.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&arr);
    download_parts(file_name, mime, &parts)
}

fn download_parts(file_name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |what: &str| format!("Could not start the download ({what}).");
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(parts, &opts).map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("document"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("element"))?
        .dyn_into()
        .map_err(|_| fail("anchor"))?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_attribute("hidden", "").ok();
    let body = document.body().ok_or_else(|| fail("body"))?;
    body.append_child(&a).map_err(|_| fail("append"))?;
    a.click();
    a.remove();
    // Revoke after the click has been handled; revoking at once can cancel the download.
    let url2 = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url2);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The path the app is served under, from `<base href>` (trunk writes `public_url` there):
/// `""` at the root, `"/portal"` under a sub-path.
pub fn base_path() -> String {
    let href = window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = web_sys::Url::new(&href)
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// A path as the router sees it: the location's path without the app's base (`/portal/devices`
/// → `/devices` when served under `/portal/`), which is what `navigate` and `<A href>` take.
pub fn app_path(location_path: &str) -> String {
    strip_base(location_path, &base_path())
}

/// [`app_path`] with an explicit base (pure, tested).
pub fn strip_base(path: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".to_string()
            } else {
                rest.to_string()
            }
        }
        _ => path.to_string(),
    }
}

/// Sets the browser tab title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Moves the keyboard focus to the element with this id (it scrolls into view); false if none.
pub fn focus_by_id(id: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

#[cfg(test)]
mod tests {
    use super::strip_base;

    #[test]
    fn base_is_stripped_only_as_a_whole_segment() {
        assert_eq!(strip_base("/portal/devices", "/portal"), "/devices");
        assert_eq!(strip_base("/portal", "/portal/"), "/");
        assert_eq!(strip_base("/portal/", "/portal"), "/");
        assert_eq!(
            strip_base("/portalx/devices", "/portal"),
            "/portalx/devices"
        );
        assert_eq!(strip_base("/devices", ""), "/devices");
    }
}

/// An event listener on the document, removed again when this value is dropped.
pub struct DocumentListener {
    target: web_sys::EventTarget,
    kind: &'static str,
    capture: bool,
    callback: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for DocumentListener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// Listens to `kind` on the document (in the capture phase when `capture`: events that do not
/// bubble, such as the `scroll` of an inner element, are seen too); `None` without a document.
pub fn listen_document(
    kind: &'static str,
    capture: bool,
    handler: impl FnMut(web_sys::Event) + 'static,
) -> Option<DocumentListener> {
    let target: web_sys::EventTarget = window()?.document()?.into();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    target
        .add_event_listener_with_callback_and_bool(kind, callback.as_ref().unchecked_ref(), capture)
        .ok()?;
    Some(DocumentListener {
        target,
        kind,
        capture,
        callback,
    })
}

/// Puts `text` on the clipboard (async Clipboard API). False where the page may not write to it:
/// no `navigator.clipboard` (an insecure context), permission refused, or the page not focused.
pub async fn copy_text(text: &str) -> bool {
    let Some(navigator) = window().map(|w| w.navigator()) else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// A random version-4 UUID (`crypto.randomUUID()` where the page is a secure context; random
/// bytes from `Math.random` otherwise, which is enough for correlation ids).
pub fn random_uuid() -> String {
    use wasm_bindgen::JsCast;
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let from_crypto = crypto.and_then(|c| {
        let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
        let f = f.dyn_into::<js_sys::Function>().ok()?;
        f.call0(&c).ok()?.as_string()
    });
    from_crypto.unwrap_or_else(|| {
        let mut b = [0u8; 16];
        for x in &mut b {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
        uuid_v4(b)
    })
}

/// Formats 16 random bytes as a version-4 UUID.
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod uuid_tests {
    #[test]
    fn version_4_layout() {
        let u = super::uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = super::uuid_v4([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
    }
}
