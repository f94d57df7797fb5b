//! The backend layer: one module per server family, each holding all of that server's knowledge
//! (paths, sign-in and credentials, paging, error bodies, limits and pacing, workarounds), behind
//! one vendor-neutral interface that speaks the portal's domain.
//!
//! A screen asks the [`Backend`] for the area it shows ([`Backend::devices`], …). An area the
//! server lacks is `None`, and the screens, menus, buttons and tabs that need it follow the
//! [`Capabilities`] (the route of a screen this server lacks says "Not available on this server").
//!
//! Adding a server: a module under `backend/` with a struct implementing [`Backend`] and the areas
//! it has, a [`BackendKind`] value in `config.rs`, one arm in [`connect`], and its tests. Screens
//! and widgets never import a vendor module (a native test in `arch_tests` checks it).

pub mod czertainly;
pub mod devices;
pub mod epmm;
pub mod error;
pub mod http;
pub mod paging;
pub mod pki;

pub use crate::config::BackendKind;
pub use devices::DeviceApi;
pub use error::ApiError;
pub use http::ApiClient;
pub use pki::{ScepEnrolmentApi, ScepProfileApi};

use crate::config::{PkiKind, PortalConfig};
use crate::context::session::SessionCtx;
use crate::domain::session::Session;
use std::sync::Arc;

/// A screen (or group of routes) of the portal; a backend has some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Dashboard,
    Compliance,
    Devices,
    RegisterDevice,
    /// Labels (EPMM), device groups (CPS), groups (UEM).
    Groups,
    Policies,
    AppSettings,
    Certificates,
    Alerts,
    ActiveSync,
    Users,
    SelfService,
    /// The certificate platform's SCEP profiles (present when `config.json` has `pki`).
    ScepProfiles,
}

impl Screen {
    /// The order of the main navigation, with the link text.
    pub const NAV: [(Screen, &'static str); 9] = [
        (Screen::Dashboard, "Dashboard"),
        (Screen::Devices, "Devices"),
        (Screen::Groups, "Labels"),
        (Screen::Policies, "Policies"),
        (Screen::AppSettings, "App settings"),
        (Screen::Certificates, "Certificates"),
        (Screen::Alerts, "Alerts"),
        (Screen::ActiveSync, "ActiveSync"),
        (Screen::Users, "Users"),
    ];
}

/// What a backend offers: its screens, and per screen what it can show and do. Navigation,
/// menus, buttons and tabs follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct Capabilities {
    pub screens: Vec<Screen>,
    /// What the server calls its device groups ("Labels", "Device groups", "Groups").
    pub groups_name: &'static str,
}

impl Capabilities {
    pub fn has(&self, s: Screen) -> bool {
        self.screens.contains(&s)
    }
}

/// Why signing in failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    BadCredentials,
    NoAccess,
    Other(ApiError),
}

impl SignInError {
    pub fn message(&self) -> String {
        match self {
            SignInError::BadCredentials => "Wrong username or password.".into(),
            SignInError::NoAccess => {
                "Your account has no access to this portal. Ask your MDM administrator for the access this server needs (for example an API role or user-portal access)."
                    .into()
            }
            SignInError::Other(e) => e.message(),
        }
    }
}

/// One server, as the portal sees it.
#[async_trait::async_trait(?Send)]
pub trait Backend: Send + Sync {
    fn kind(&self) -> BackendKind;
    fn caps(&self) -> &Capabilities;

    /// Checks the credentials and finds out which portal the user may use.
    async fn sign_in(&self, username: &str, password: &str) -> Result<Session, SignInError>;

    fn devices(&self) -> Option<Arc<dyn DeviceApi>> {
        None
    }

    /// The server's configurations that enrol devices by SCEP (linked to the certificate
    /// platform's SCEP profiles).
    fn scep_enrolments(&self) -> Option<Arc<dyn ScepEnrolmentApi>> {
        None
    }
}

/// The backend a configuration names, speaking for the session's user.
pub fn connect(config: &PortalConfig, session: SessionCtx) -> Arc<dyn Backend> {
    match config.backend {
        BackendKind::Epmm => Arc::new(epmm::Epmm::new(&config.api_base, session)),
        // The CPS and UEM modules come with their issues; until then the portal says so at start.
        BackendKind::Cps | BackendKind::Uem => Arc::new(Unsupported(config.backend)),
    }
}

/// The certificate platform `config.json` names (`pki`), speaking for the session's user; `None`
/// without one.
pub fn connect_pki(config: &PortalConfig, session: SessionCtx) -> Option<Arc<dyn ScepProfileApi>> {
    let pki = config.pki.as_ref()?;
    match pki.kind {
        PkiKind::Czertainly => Some(Arc::new(czertainly::Czertainly::new(
            &pki.api_base,
            session,
        ))),
    }
}

/// A configured backend this build does not have yet: every screen says "Not available".
struct Unsupported(BackendKind);

#[async_trait::async_trait(?Send)]
impl Backend for Unsupported {
    fn kind(&self) -> BackendKind {
        self.0
    }
    fn caps(&self) -> &Capabilities {
        static NONE: std::sync::OnceLock<Capabilities> = std::sync::OnceLock::new();
        NONE.get_or_init(|| Capabilities {
            screens: Vec::new(),
            groups_name: "Groups",
        })
    }
    async fn sign_in(&self, _: &str, _: &str) -> Result<Session, SignInError> {
        Err(SignInError::Other(ApiError::rejected(
            0,
            format!("This portal build cannot talk to {} yet.", self.0.label()),
        )))
    }
}

#[cfg(test)]
mod arch_tests;
