//! Keyboard shortcuts of the admin screens: `/` focuses the search box of the current list, `?`
//! lists the shortcuts in a dialog. One listener on the document, while the shell is shown.

use crate::ui::dialog::Modal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The shortcuts as listed in the dialog: (key, what it does).
pub const SHORTCUTS: [(&str, &str); 3] = [
    ("/", "Search the current list"),
    ("?", "Show these keyboard shortcuts"),
    ("Escape", "Close a dialog"),
];

/// What a key press asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Shortcut {
    Search,
    Help,
}

/// The shortcut of a key press, if any. None while typing in a field (`in_field`) and with Ctrl,
/// Alt or Meta held (the browser's and the system's own shortcuts); Shift is allowed, as `?` is
/// Shift+/ on many keyboards.
pub fn shortcut(key: &str, ctrl_alt_meta: bool, in_field: bool) -> Option<Shortcut> {
    if ctrl_alt_meta || in_field {
        return None;
    }
    match key {
        "/" => Some(Shortcut::Search),
        "?" => Some(Shortcut::Help),
        _ => None,
    }
}

/// True when the key goes to a field the user types in.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Focuses the current list's search box (the first in `main`); false if the screen has none.
fn focus_search() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main input[type=search]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// The document's shortcut listener and the "Keyboard shortcuts" dialog.
#[component]
pub fn KeyboardShortcuts() -> impl IntoView {
    let open = RwSignal::new(false);
    let listener = crate::browser::listen_document("keydown", false, move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if ev.default_prevented() {
            return;
        }
        let modifiers = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
        match shortcut(&ev.key(), modifiers, typing_in(ev.target())) {
            Some(Shortcut::Search) if focus_search() => ev.prevent_default(),
            Some(Shortcut::Help) => {
                ev.prevent_default();
                open.set(true);
            }
            _ => {}
        }
    });
    let listener = send_wrapper::SendWrapper::new(listener);
    on_cleanup(move || drop(listener));
    let close = Callback::new(move |_| open.set(false));
    move || {
        open.get().then(|| {
            view! {
                <Modal title="Keyboard shortcuts" on_close=close>
                    <dl class="shortcuts">
                        {SHORTCUTS.iter().map(|(key, what)| view! {
                            <div><dt><kbd>{*key}</kbd></dt><dd>{*what}</dd></div>
                        }).collect_view()}
                    </dl>
                    <div class="dialog-actions">
                        <button type="button" class="button primary" on:click=move |_| close.run(())>"Close"</button>
                    </div>
                </Modal>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_and_question_mark_only_outside_fields_and_without_modifiers() {
        assert_eq!(shortcut("/", false, false), Some(Shortcut::Search));
        assert_eq!(shortcut("?", false, false), Some(Shortcut::Help));
        assert_eq!(
            shortcut("/", false, true),
            None,
            "typing a slash in a field"
        );
        assert_eq!(shortcut("?", true, false), None, "Ctrl, Alt or Meta held");
        assert_eq!(shortcut("a", false, false), None);
    }

    #[test]
    fn the_dialog_lists_every_shortcut_it_handles() {
        for key in ["/", "?"] {
            assert!(shortcut(key, false, false).is_some());
            assert!(SHORTCUTS.iter().any(|(k, _)| *k == key), "{key}");
        }
    }
}
