//! The signed-in session as app state: a signal, mirrored in `sessionStorage` so a reload keeps the
//! user signed in; cleared on sign-out, on any 401 and after the idle timeout.

use crate::browser::session_storage;
use crate::model::session::Session;
use leptos::prelude::*;

const KEY: &str = "mdm-portal.session";

/// Shared by every part of the app through context.
#[derive(Clone, Copy)]
pub struct SessionCtx {
    pub session: RwSignal<Option<Session>>,
    /// Why the user was signed out, shown on the sign-in screen.
    pub notice: RwSignal<Option<String>>,
}

impl SessionCtx {
    /// Restores a session saved in this tab, if any.
    pub fn restore() -> SessionCtx {
        let saved =
            session_storage::get(KEY).and_then(|s| serde_json::from_str::<Session>(&s).ok());
        SessionCtx {
            session: RwSignal::new(saved),
            notice: RwSignal::new(None),
        }
    }

    pub fn sign_in(&self, s: Session) {
        if let Ok(json) = serde_json::to_string(&s) {
            session_storage::set(KEY, &json);
        }
        self.notice.set(None);
        self.session.set(Some(s));
    }

    /// Signs out, remembering why (shown on the sign-in screen).
    pub fn sign_out(&self, notice: Option<String>) {
        session_storage::remove(KEY);
        self.notice.set(notice);
        self.session.set(None);
    }

    pub fn current(&self) -> Option<Session> {
        self.session.get_untracked()
    }
}
