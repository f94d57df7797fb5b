//! What every screen reads from context: the configuration, the session, and the backend. The app
//! provides them; screens use these functions and never import the app module.

pub mod session;

use crate::backend::{
    AppCatalogApi, AppSettingApi, Backend, Capabilities, DashboardApi, DeviceApi, DeviceDetailsApi,
    EntityApi, GroupApi, IssuedCertificateApi, PolicyApi, ScepProfileApi, Screen,
    UserCertificateApi,
};
use crate::config::PortalConfig;
use leptos::prelude::*;
use std::sync::Arc;

/// The runtime configuration, from `config.json`.
#[derive(Clone)]
pub struct ConfigCtx(pub Arc<PortalConfig>);

/// The server behind the portal.
#[derive(Clone)]
pub struct BackendCtx(pub Arc<dyn Backend>);

pub fn config() -> Arc<PortalConfig> {
    expect_context::<ConfigCtx>().0
}

pub fn backend() -> Arc<dyn Backend> {
    expect_context::<BackendCtx>().0
}

/// What the server can do.
pub fn caps() -> Capabilities {
    backend().caps().clone()
}

pub fn has(screen: Screen) -> bool {
    match screen {
        // The certificate platform's, not the MDM server's.
        Screen::ScepProfiles => config().pki.is_some(),
        _ => backend().caps().has(screen),
    }
}

/// The certificate platform's SCEP profiles, where `config.json` configures one.
pub fn pki() -> Option<Arc<dyn ScepProfileApi>> {
    crate::backend::connect_pki(&config(), expect_context::<session::SessionCtx>())
}

/// The devices area, where the server has one.
pub fn devices() -> Option<Arc<dyn DeviceApi>> {
    backend().devices()
}

/// The dashboard area, where the server has one.
pub fn dashboard() -> Option<Arc<dyn DashboardApi>> {
    backend().dashboard()
}

/// The device groups area, where the server has one.
pub fn groups() -> Option<Arc<dyn GroupApi>> {
    backend().groups()
}

/// The policies area, where the server has one.
pub fn policies() -> Option<Arc<dyn PolicyApi>> {
    backend().policies()
}

/// The app settings area, where the server has one.
pub fn app_settings() -> Option<Arc<dyn AppSettingApi>> {
    backend().app_settings()
}

/// Issued certificates and their configurations, where the server has them.
pub fn issued_certificates() -> Option<Arc<dyn IssuedCertificateApi>> {
    backend().issued_certificates()
}

/// The certificates users provide, where the server has them.
pub fn user_certificates() -> Option<Arc<dyn UserCertificateApi>> {
    backend().user_certificates()
}

/// The device page's further tabs, where the server has them.
pub fn device_details() -> Option<Arc<dyn DeviceDetailsApi>> {
    backend().device_details()
}

/// The app catalog, where the server has one.
pub fn app_catalog() -> Option<Arc<dyn AppCatalogApi>> {
    backend().app_catalog()
}

/// The objects the server describes itself (profiles, settings), where it has them.
pub fn entities() -> Option<Arc<dyn EntityApi>> {
    backend().entities()
}

/// Sets the tab title: `Devices · MDM Portal`.
pub fn page_title(page: &str) {
    if let Some(c) = use_context::<ConfigCtx>() {
        crate::browser::set_title(&format!("{page} · {}", c.0.product_name));
    }
}
