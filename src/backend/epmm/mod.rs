//! Ivanti EPMM (MobileIron Core) through its V1 API (EPMM V1 API guide) and the V2 certificate
//! management API (EPMM V2 REST API guide, "Certificate Management"). Everything the portal knows
//! about EPMM is here: paths, sign-in, the 404-means-empty rule of V1 lists, error envelopes,
//! limits, and the mapping of EPMM's wire types (`wire::v1`, `wire::v2`) into the portal's domain.

pub mod actions;
pub mod activesync;
pub mod alerts;
pub mod app_settings;
pub mod auth;
pub mod bulk;
pub mod certificates;
pub mod dashboard;
pub mod devices;
pub mod errors;
pub mod labels;
pub mod policies;
pub mod policy_rules;
pub mod profiles;
pub mod reference;
pub mod scep_enrolments;
pub mod user_certificates;
pub mod users;

pub use crate::backend::{ApiClient, ApiError};

use crate::backend::http::{parse, Body, Call, Dialect, Raw};
use crate::backend::{
    Areas, Backend, BackendKind, Capabilities, DeviceApi, LaterAreas, Screen, SignInError,
};
use crate::chunk::ChunkError;
use crate::context::session::SessionCtx;
use crate::domain::session::Session;
use gloo_net::http::Method;
use leptos::wasm_split::wasm_split;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// How EPMM wants to be spoken to: its error envelopes; no correlation ids (none documented).
pub const DIALECT: Dialect = Dialect {
    error_reader: errors::read_error,
    correlation_ids: false,
};

/// The EPMM server.
pub struct Epmm {
    api: ApiClient,
    caps: Capabilities,
    devices: Arc<devices::EpmmDevices>,
    later: LaterAreas,
}

impl Epmm {
    pub fn new(api_base: &str, session: SessionCtx) -> Epmm {
        let api = ApiClient::new(api_base, session, DIALECT);
        Epmm {
            caps: Capabilities {
                screens: vec![
                    Screen::Dashboard,
                    Screen::Compliance,
                    Screen::Devices,
                    Screen::RegisterDevice,
                    Screen::Groups,
                    Screen::Policies,
                    Screen::AppSettings,
                    Screen::Certificates,
                    Screen::Alerts,
                    Screen::ActiveSync,
                    Screen::Users,
                    Screen::SelfService,
                ],
                groups_name: "Labels",
            },
            devices: Arc::new(devices::EpmmDevices::new(api.clone())),
            later: LaterAreas::default(),
            api,
        }
    }
}

#[async_trait::async_trait(?Send)]
impl Backend for Epmm {
    fn kind(&self) -> BackendKind {
        BackendKind::Epmm
    }
    fn caps(&self) -> &Capabilities {
        &self.caps
    }
    async fn sign_in(&self, username: &str, password: &str) -> Result<Session, SignInError> {
        auth::sign_in(&self.api, username, password).await
    }
    fn devices(&self) -> Option<Arc<dyn DeviceApi>> {
        Some(self.devices.clone())
    }
    async fn prepare(&self) -> Result<(), ChunkError> {
        self.later.fill(|| areas(self.api.clone())).await
    }
    fn later(&self) -> Option<&Areas> {
        self.later.get()
    }
}

/// Every area but sign-in and the devices list, in a chunk fetched by the first screen that needs
/// one ([`Backend::prepare`]).
#[wasm_split(epmm_areas, wasm_split_path = ::leptos::wasm_split, fallible)]
fn areas(api: ApiClient) -> Result<Areas, ChunkError> {
    Ok(Areas {
        groups: Some(Arc::new(labels::EpmmGroups::new(api.clone()))),
        policies: Some(Arc::new(policies::EpmmPolicies::new(api.clone()))),
        app_settings: Some(Arc::new(app_settings::EpmmAppSettings::new(api.clone()))),
        users: Some(Arc::new(users::EpmmUsers::new(api.clone()))),
        alerts: Some(Arc::new(alerts::EpmmAlerts::new(api.clone()))),
        activesync: Some(Arc::new(activesync::EpmmActiveSync::new(api.clone()))),
        register: Some(Arc::new(reference::EpmmRegister::new(api.clone()))),
        dashboard: Some(Arc::new(dashboard::EpmmDashboard::new(api.clone()))),
        issued_certificates: Some(Arc::new(certificates::EpmmIssued::new(api.clone()))),
        user_certificates: Some(Arc::new(user_certificates::EpmmUserCertificates::new(
            api.clone(),
        ))),
        scep_enrolments: Some(Arc::new(scep_enrolments::EpmmScepEnrolments(api))),
        ..Areas::default()
    })
}

pub(crate) trait EpmmCalls {
    async fn send(&self, method: Method, path: &str, body: Body) -> Result<Raw, ApiError>;
    async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<T, ApiError>;
    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError>;
    /// GET a V1 list: every list call documents 404 for "There is no data" (EPMM V1 API guide,
    /// "HTTP Response Codes" and each call's response codes), so a 404 gives the empty list.
    async fn get_list<T: DeserializeOwned + Default>(&self, path: &str) -> Result<T, ApiError>;
}

impl EpmmCalls for ApiClient {
    async fn send(&self, method: Method, path: &str, body: Body) -> Result<Raw, ApiError> {
        self.call(Call::new(method, path).body(body)).await
    }
    async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Body,
    ) -> Result<T, ApiError> {
        parse(&self.send(method, path, body).await?)
    }
    async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.json(Call::get(path)).await
    }
    async fn get_list<T: DeserializeOwned + Default>(&self, path: &str) -> Result<T, ApiError> {
        empty_if_not_found(self.get_json(path).await)
    }
}

/// A V1 list's 404 is the empty list.
pub(crate) fn empty_if_not_found<T: Default>(r: Result<T, ApiError>) -> Result<T, ApiError> {
    match r {
        Err(e) if e.is_not_found() => Ok(T::default()),
        other => other,
    }
}
