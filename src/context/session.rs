//! The signed-in session as app state: a signal, mirrored in `sessionStorage` so a reload keeps the
//! user signed in; cleared on sign-out, on any 401 and after the idle timeout.

use crate::browser::session_storage;
use crate::domain::session::Session;
use leptos::prelude::*;

const KEY: &str = "mdm-portal.session";
/// Why the last sign-out happened: kept across a reload that races the 401 (the old page signs
/// out while the new one loads), so the sign-in screen still says why.
const NOTICE_KEY: &str = "mdm-portal.notice";

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
        let notice = session_storage::get(NOTICE_KEY).filter(|_| saved.is_none());
        session_storage::remove(NOTICE_KEY);
        SessionCtx {
            session: RwSignal::new(saved),
            notice: RwSignal::new(notice),
        }
    }

    pub fn sign_in(&self, s: Session) {
        if let Ok(json) = serde_json::to_string(&s) {
            session_storage::set(KEY, &json);
        }
        session_storage::remove(NOTICE_KEY);
        self.notice.set(None);
        self.session.set(Some(s));
    }

    /// Signs out, remembering why (shown on the sign-in screen).
    pub fn sign_out(&self, notice: Option<String>) {
        session_storage::remove(KEY);
        match &notice {
            Some(n) => {
                session_storage::set(NOTICE_KEY, n);
            }
            None => session_storage::remove(NOTICE_KEY),
        }
        self.notice.set(notice);
        self.session.set(None);
    }

    pub fn current(&self) -> Option<Session> {
        self.session.get_untracked()
    }
}
