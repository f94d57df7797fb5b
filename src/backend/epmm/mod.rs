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
    ActiveSyncApi, AlertApi, AppSettingApi, Backend, BackendKind, Capabilities, DashboardApi,
    DeviceApi, GroupApi, IssuedCertificateApi, PolicyApi, RegisterApi, ScepEnrolmentApi, Screen,
    SignInError, UserApi, UserCertificateApi,
};
use crate::context::session::SessionCtx;
use crate::domain::session::Session;
use gloo_net::http::Method;
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
    users: Arc<users::EpmmUsers>,
    alerts: Arc<alerts::EpmmAlerts>,
    activesync: Arc<activesync::EpmmActiveSync>,
    register: Arc<reference::EpmmRegister>,
    dashboard: Arc<dashboard::EpmmDashboard>,
    groups: Arc<labels::EpmmGroups>,
    policies: Arc<policies::EpmmPolicies>,
    app_settings: Arc<app_settings::EpmmAppSettings>,
    issued: Arc<certificates::EpmmIssued>,
    user_certificates: Arc<user_certificates::EpmmUserCertificates>,
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
            users: Arc::new(users::EpmmUsers::new(api.clone())),
            alerts: Arc::new(alerts::EpmmAlerts::new(api.clone())),
            activesync: Arc::new(activesync::EpmmActiveSync::new(api.clone())),
            register: Arc::new(reference::EpmmRegister::new(api.clone())),
            dashboard: Arc::new(dashboard::EpmmDashboard::new(api.clone())),
            groups: Arc::new(labels::EpmmGroups::new(api.clone())),
            policies: Arc::new(policies::EpmmPolicies::new(api.clone())),
            app_settings: Arc::new(app_settings::EpmmAppSettings::new(api.clone())),
            issued: Arc::new(certificates::EpmmIssued::new(api.clone())),
            user_certificates: Arc::new(user_certificates::EpmmUserCertificates::new(api.clone())),
            api,
        }
    }

    /// The client, for the areas not yet behind the neutral interface.
    pub fn client(&self) -> &ApiClient {
        &self.api
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
    fn users(&self) -> Option<Arc<dyn UserApi>> {
        Some(self.users.clone())
    }
    fn alerts(&self) -> Option<Arc<dyn AlertApi>> {
        Some(self.alerts.clone())
    }
    fn activesync(&self) -> Option<Arc<dyn ActiveSyncApi>> {
        Some(self.activesync.clone())
    }
    fn register(&self) -> Option<Arc<dyn RegisterApi>> {
        Some(self.register.clone())
    }
    fn dashboard(&self) -> Option<Arc<dyn DashboardApi>> {
        Some(self.dashboard.clone())
    }
    fn groups(&self) -> Option<Arc<dyn GroupApi>> {
        Some(self.groups.clone())
    }
    fn policies(&self) -> Option<Arc<dyn PolicyApi>> {
        Some(self.policies.clone())
    }
    fn app_settings(&self) -> Option<Arc<dyn AppSettingApi>> {
        Some(self.app_settings.clone())
    }
    fn issued_certificates(&self) -> Option<Arc<dyn IssuedCertificateApi>> {
        Some(self.issued.clone())
    }
    fn user_certificates(&self) -> Option<Arc<dyn UserCertificateApi>> {
        Some(self.user_certificates.clone())
    }
    fn scep_enrolments(&self) -> Option<Arc<dyn ScepEnrolmentApi>> {
        Some(Arc::new(scep_enrolments::EpmmScepEnrolments(
            self.api.clone(),
        )))
    }
}

/// The calls EPMM's modules make, with its rules (paths are under the API base: `/v1/…`,
/// `/v2/…`).
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
