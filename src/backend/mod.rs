//! The backend layer: one module per server family, each holding all of that server's knowledge
//! (paths, sign-in and credentials, paging, error bodies, limits and pacing, workarounds), behind
//! one vendor-neutral interface that speaks the portal's domain.
//!
//! A screen asks the [`Backend`] for the area it shows ([`Backend::devices`], …). An area the
//! server lacks is `None`, and the screens, menus, buttons and tabs that need it follow the
//! [`Capabilities`] (the route of a screen this server lacks says "Not available on this server").
//!
//! Each server's code is two chunks of the wasm: sign-in and the devices list (fetched at start,
//! [`connect`]), and its other areas ([`Areas`], fetched with the first screen that needs one,
//! [`Backend::prepare`]).
//!
//! Adding a server: a module under `backend/` with a struct implementing [`Backend`], its areas
//! built in a split function of their own, a [`BackendKind`] value in `config.rs`, one arm in
//! [`connect`], and its tests. Screens and widgets never import a vendor module (a native test in
//! `arch_tests` checks it).

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
use std::future::Future;
use std::sync::{Arc, OnceLock};

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

    /// Fetches (once) the code of this server's areas beyond sign-in and the devices list: a
    /// chunk of its own, so that the first load carries only what sign-in and the devices screen
    /// need. Every screen in a chunk (`app::split`) awaits it before it is built; until then the
    /// getters of those areas answer `None`.
    async fn prepare(&self) -> Result<(), ChunkError> {
        Ok(())
    }

    /// The areas [`Backend::prepare`] fetched; `None` before (or for a server without any). The
    /// getters below read them unless a backend builds an area with its first-load code.
    fn later(&self) -> Option<&Areas> {
        None
    }

    fn groups(&self) -> Option<Arc<dyn GroupApi>> {
        self.later()?.groups.clone()
    }
    fn policies(&self) -> Option<Arc<dyn PolicyApi>> {
        self.later()?.policies.clone()
    }
    fn app_settings(&self) -> Option<Arc<dyn AppSettingApi>> {
        self.later()?.app_settings.clone()
    }
    fn users(&self) -> Option<Arc<dyn UserApi>> {
        self.later()?.users.clone()
    }
    fn alerts(&self) -> Option<Arc<dyn AlertApi>> {
        self.later()?.alerts.clone()
    }
    fn activesync(&self) -> Option<Arc<dyn ActiveSyncApi>> {
        self.later()?.activesync.clone()
    }
    fn register(&self) -> Option<Arc<dyn RegisterApi>> {
        self.later()?.register.clone()
    }
    fn dashboard(&self) -> Option<Arc<dyn DashboardApi>> {
        self.later()?.dashboard.clone()
    }

    /// Issued certificates and certificate enrollment configurations.
    fn issued_certificates(&self) -> Option<Arc<dyn IssuedCertificateApi>> {
        self.later()?.issued_certificates.clone()
    }

    /// The certificates users provide (admin and self-service).
    fn user_certificates(&self) -> Option<Arc<dyn UserCertificateApi>> {
        self.later()?.user_certificates.clone()
    }

    /// The device page's further tabs (inventories, groups, settings, custom attributes).
    fn device_details(&self) -> Option<Arc<dyn DeviceDetailsApi>> {
        self.later()?.device_details.clone()
    }

    fn app_catalog(&self) -> Option<Arc<dyn AppCatalogApi>> {
        self.later()?.app_catalog.clone()
    }

    fn entities(&self) -> Option<Arc<dyn EntityApi>> {
        self.later()?.entities.clone()
    }

    /// The server's configurations that enrol devices by SCEP (linked to the certificate
    /// platform's SCEP profiles).
    fn scep_enrolments(&self) -> Option<Arc<dyn ScepEnrolmentApi>> {
        self.later()?.scep_enrolments.clone()
    }
}

/// A server's areas beyond sign-in and the devices list, built by code in a chunk of their own
/// ([`Backend::prepare`]). Each is a trait object made inside that chunk, so the areas' code (and
/// their wire types' serde code) is only reachable from it and stays out of the first load.
#[derive(Default)]
pub struct Areas {
    pub groups: Option<Arc<dyn GroupApi>>,
    pub policies: Option<Arc<dyn PolicyApi>>,
    pub app_settings: Option<Arc<dyn AppSettingApi>>,
    pub users: Option<Arc<dyn UserApi>>,
    pub alerts: Option<Arc<dyn AlertApi>>,
    pub activesync: Option<Arc<dyn ActiveSyncApi>>,
    pub register: Option<Arc<dyn RegisterApi>>,
    pub dashboard: Option<Arc<dyn DashboardApi>>,
    pub issued_certificates: Option<Arc<dyn IssuedCertificateApi>>,
    pub user_certificates: Option<Arc<dyn UserCertificateApi>>,
    pub device_details: Option<Arc<dyn DeviceDetailsApi>>,
    pub app_catalog: Option<Arc<dyn AppCatalogApi>>,
    pub entities: Option<Arc<dyn EntityApi>>,
    pub scep_enrolments: Option<Arc<dyn ScepEnrolmentApi>>,
}

/// The slot of a backend's [`Areas`]: empty until [`Backend::prepare`] fills it, then kept for the
/// backend's life. A fetch that fails leaves it empty, so the next screen fetches again.
#[derive(Default)]
pub struct LaterAreas(OnceLock<Areas>);

impl LaterAreas {
    pub fn get(&self) -> Option<&Areas> {
        self.0.get()
    }

    /// Fills the slot with what `build` (a call of a chunk's split function) gives, unless it is
    /// full: once it is, nothing is built (every screen visit asks).
    pub async fn fill<F: Future<Output = Result<Areas, ChunkError>>>(
        &self,
        build: impl FnOnce() -> F,
    ) -> Result<(), ChunkError> {
        if self.0.get().is_none() {
            let areas = build().await?;
            // Two screens may have asked at once: the first answer stays.
            let _ = self.0.set(areas);
        }
        Ok(())
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

    /// Whether the server's area behind a screen is there.
    fn area_of(backend: &dyn Backend, screen: Screen) -> bool {
        match screen {
            Screen::Devices => backend.devices().is_some(),
            Screen::Dashboard | Screen::Compliance => backend.dashboard().is_some(),
            Screen::RegisterDevice => backend.register().is_some(),
            Screen::Groups => backend.groups().is_some(),
            Screen::Policies => backend.policies().is_some(),
            Screen::Profiles => backend.entities().is_some(),
            Screen::AppSettings => backend.app_settings().is_some(),
            Screen::AppCatalog => backend.app_catalog().is_some(),
            Screen::Certificates => {
                backend.issued_certificates().is_some() || backend.user_certificates().is_some()
            }
            Screen::Alerts => backend.alerts().is_some(),
            Screen::ActiveSync => backend.activesync().is_some(),
            Screen::Users => backend.users().is_some(),
            Screen::SelfService => backend.user_certificates().is_some(),
            Screen::ScepProfiles => true,
        }
    }

    /// The areas beyond the devices list come with `prepare` (their own chunk in the browser),
    /// and then every screen the server offers has its area; the devices list (the first load)
    /// is there from the start.
    #[test]
    fn prepare_brings_the_area_of_every_screen_the_server_offers() {
        let session = SessionCtx {
            session: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        for json in [
            r#"{"apiBase": "/api"}"#,
            r#"{"backend": "cps", "apiBase": "/msa/v1/cps"}"#,
            r#"{"backend": "uem", "apiBase": "/SRP00000/api", "tenant": "SRP00000"}"#,
        ] {
            let config = PortalConfig::parse(json).unwrap();
            let backend = futures::executor::block_on(connect(&config, session)).unwrap();
            let caps = backend.caps().clone();
            assert!(backend.later().is_none(), "{json}");
            assert_eq!(
                backend.devices().is_some(),
                caps.has(Screen::Devices),
                "{json}"
            );
            assert!(backend.groups().is_none(), "{json}: groups before prepare");
            futures::executor::block_on(backend.prepare()).unwrap();
            for (screen, _) in Screen::NAV {
                assert_eq!(
                    area_of(backend.as_ref(), screen),
                    caps.has(screen),
                    "{json}: {screen:?}"
                );
            }
            for screen in [
                Screen::Compliance,
                Screen::RegisterDevice,
                Screen::SelfService,
            ] {
                assert_eq!(
                    area_of(backend.as_ref(), screen),
                    caps.has(screen),
                    "{json}: {screen:?}"
                );
            }
            // A second call keeps what the first brought.
            let groups = backend.groups();
            futures::executor::block_on(backend.prepare()).unwrap();
            assert_eq!(
                groups.map(|g| Arc::as_ptr(&g) as *const ()),
                backend.groups().map(|g| Arc::as_ptr(&g) as *const ()),
                "{json}"
            );
        }
    }
}
