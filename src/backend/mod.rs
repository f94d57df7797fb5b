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

pub mod activesync;
pub mod alerts;
pub mod app_catalog;
pub mod app_settings;
pub mod bulk;
pub mod certificates;
pub mod cps;
pub mod czertainly;
pub mod dashboard;
pub mod device_details;
pub mod devices;
pub mod entities;
pub mod epmm;
pub mod error;
pub mod groups;
pub mod http;
pub mod names;
pub mod paging;
pub mod pki;
pub mod policies;
pub mod register;
pub mod uem;
pub mod users;

pub use crate::config::BackendKind;
pub use activesync::ActiveSyncApi;
pub use alerts::AlertApi;
pub use app_catalog::AppCatalogApi;
pub use app_settings::AppSettingApi;
pub use certificates::{IssuedCertificateApi, UserCertificateApi};
pub use dashboard::DashboardApi;
pub use device_details::DeviceDetailsApi;
pub use devices::DeviceApi;
pub use entities::EntityApi;
pub use error::ApiError;
pub use groups::GroupApi;
pub use http::ApiClient;
pub use pki::{ScepEnrolmentApi, ScepProfileApi};
pub use policies::PolicyApi;
pub use register::RegisterApi;
pub use users::UserApi;

use crate::chunk::ChunkError;
use crate::config::{PkiKind, PortalConfig};
use crate::context::session::SessionCtx;
use crate::domain::session::Session;
use leptos::wasm_split::wasm_split;
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
    /// Profiles and settings the server describes itself (UEM entity definitions).
    Profiles,
    AppSettings,
    AppCatalog,
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
    pub const NAV: [(Screen, &'static str); 11] = [
        (Screen::Dashboard, "Dashboard"),
        (Screen::Devices, "Devices"),
        (Screen::Groups, "Labels"),
        (Screen::Policies, "Policies"),
        (Screen::Profiles, "Profiles"),
        (Screen::AppSettings, "App settings"),
        (Screen::AppCatalog, "App catalog"),
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
    /// The server knows the user but refuses them this portal, for the reason given.
    Refused(String),
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
            SignInError::Refused(why) => why.clone(),
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
    fn groups(&self) -> Option<Arc<dyn GroupApi>> {
        None
    }
    fn policies(&self) -> Option<Arc<dyn PolicyApi>> {
        None
    }
    fn app_settings(&self) -> Option<Arc<dyn AppSettingApi>> {
        None
    }
    fn users(&self) -> Option<Arc<dyn UserApi>> {
        None
    }
    fn alerts(&self) -> Option<Arc<dyn AlertApi>> {
        None
    }
    fn activesync(&self) -> Option<Arc<dyn ActiveSyncApi>> {
        None
    }
    fn register(&self) -> Option<Arc<dyn RegisterApi>> {
        None
    }

    fn dashboard(&self) -> Option<Arc<dyn DashboardApi>> {
        None
    }

    /// Issued certificates and certificate enrollment configurations.
    fn issued_certificates(&self) -> Option<Arc<dyn IssuedCertificateApi>> {
        None
    }

    /// The certificates users provide (admin and self-service).
    fn user_certificates(&self) -> Option<Arc<dyn UserCertificateApi>> {
        None
    }

    /// The device page's further tabs (inventories, groups, settings, custom attributes).
    fn device_details(&self) -> Option<Arc<dyn DeviceDetailsApi>> {
        None
    }

    fn app_catalog(&self) -> Option<Arc<dyn AppCatalogApi>> {
        None
    }

    fn entities(&self) -> Option<Arc<dyn EntityApi>> {
        None
    }

    /// The server's configurations that enrol devices by SCEP (linked to the certificate
    /// platform's SCEP profiles).
    fn scep_enrolments(&self) -> Option<Arc<dyn ScepEnrolmentApi>> {
        None
    }
}

/// The backend a configuration names, speaking for the session's user. Each server's code is a
/// chunk of its own (`crate::chunk`), fetched here: an admin of one server does not download the
/// others'.
pub async fn connect(
    config: &PortalConfig,
    session: SessionCtx,
) -> Result<Arc<dyn Backend>, ChunkError> {
    match config.backend {
        BackendKind::Epmm => connect_epmm(config, session).await,
        BackendKind::Cps => connect_cps(config, session).await,
        BackendKind::Uem => connect_uem(config, session).await,
    }
}

#[wasm_split(backend_epmm, wasm_split_path = ::leptos::wasm_split, fallible)]
fn connect_epmm(
    config: &PortalConfig,
    session: SessionCtx,
) -> Result<Arc<dyn Backend>, ChunkError> {
    Ok(Arc::new(epmm::Epmm::new(&config.api_base, session)))
}

#[wasm_split(backend_cps, wasm_split_path = ::leptos::wasm_split, fallible)]
fn connect_cps(config: &PortalConfig, session: SessionCtx) -> Result<Arc<dyn Backend>, ChunkError> {
    Ok(Arc::new(cps::Cps::new(config, session)))
}

#[wasm_split(backend_uem, wasm_split_path = ::leptos::wasm_split, fallible)]
fn connect_uem(config: &PortalConfig, session: SessionCtx) -> Result<Arc<dyn Backend>, ChunkError> {
    Ok(Arc::new(uem::Uem::new(
        &config.api_base,
        config.tenant.as_deref(),
        session,
    )))
}

/// The certificate platform `config.json` names (`pki`), speaking for the session's user; `None`
/// without one. Called by the screens that use it, so its code is in their chunk.
pub fn connect_pki(config: &PortalConfig, session: SessionCtx) -> Option<Arc<dyn ScepProfileApi>> {
    let pki = config.pki.as_ref()?;
    match pki.kind {
        PkiKind::Czertainly => Some(Arc::new(czertainly::Czertainly::new(
            &pki.api_base,
            session,
        ))),
    }
}

#[cfg(test)]
mod arch_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::RwSignal;

    /// Each server's backend comes from its own chunk (called directly in native builds): the one
    /// config.json names, and only that one.
    #[test]
    fn connect_gives_the_configured_server() {
        let session = SessionCtx {
            session: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        for (json, kind) in [
            (r#"{"apiBase": "/api"}"#, BackendKind::Epmm),
            (
                r#"{"backend": "cps", "apiBase": "/msa/v1/cps"}"#,
                BackendKind::Cps,
            ),
            (
                r#"{"backend": "uem", "apiBase": "/SRP00000/api", "tenant": "SRP00000"}"#,
                BackendKind::Uem,
            ),
        ] {
            let config = PortalConfig::parse(json).unwrap();
            let backend = futures::executor::block_on(connect(&config, session)).unwrap();
            assert_eq!(backend.kind(), kind, "{json}");
        }
    }
}
