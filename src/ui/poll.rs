//! Waiting in async tasks (polling loops) without a timer crate.

/// Resolves after `ms` milliseconds (a `setTimeout` promise). Outside a browser it resolves at once.
pub async fn sleep_ms(ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `09:30:12` in the browser's local time.
pub fn local_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// `(year, month, day, hour, minute)` in local time.
pub type LocalTime = (i32, u32, u32, u32, u32);

/// The local date and time now (file names).
pub fn local_now() -> LocalTime {
    let d = js_sys::Date::new_0();
    (
        d.get_full_year() as i32,
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
    )
}
