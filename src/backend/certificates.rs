//! The certificate areas, in the portal's own terms. Each server implements what it has in its
//! own module:
//! - [`IssuedCertificateApi`]: certificates the server's CAs issued, searched across its
//!   certificate enrollment configurations, with a server-side export, the revocation run, the
//!   users without a configuration's certificate and the actions on a configuration (EPMM's V2
//!   certificate management; CPS has per-device certificate inventories; UEM has none);
//! - [`UserCertificateApi`]: the certificates a user provides (PKCS#12 uploads), grouped into
//!   slots, for the admin and for the user's self-service (EPMM's user-provided configurations;
//!   UEM's embedded certificates of user-credential profiles and of the user).
//!
//! What a server lacks is in its caps, and the screens follow them; the calls behind a missing
//! capability answer [`not_offered`] (a screen never makes them).

use super::ApiError;
use crate::domain::certificates::configs::{CeConfig, TestCert, UserRow};
use crate::domain::certificates::export::ExportStatus;
use crate::domain::certificates::issued::{CertQuery, CertStatus, Certificate, Names};
use crate::domain::certificates::pkcs12::Pkcs12File;
use crate::domain::certificates::revocation::{RevocationCounts, RevocationStatus};
use crate::domain::certificates::user_provided::{CertDetails, CertFile, CertSlot, UserCert};
use std::sync::Arc;

/// The answer of a call this server does not offer (its caps say so; no screen makes it).
pub fn not_offered() -> ApiError {
    ApiError::rejected(405, "This server does not offer this.")
}

/// What the certificate screens can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedCaps {
    /// The status filter's choices, in order.
    pub statuses: &'static [CertStatus],
    /// The search filters by user, by device and by expiry dates.
    pub user_filter: bool,
    pub device_filter: bool,
    pub date_filter: bool,
    /// Certificate enrollment configurations: the search is per configuration (or all of
    /// them), and they have a page.
    pub configurations: bool,
    /// The server exports a search's certificates as CSV ([`ExportJob::Certificates`]).
    pub export: bool,
    /// The revocation run of certificates pending revocation.
    pub revocation: bool,
    /// The users without a configuration's certificate, and their export
    /// ([`ExportJob::UsersWithout`]).
    pub users_without: bool,
}

/// What a server-side export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportJob {
    /// The certificates a search finds.
    Certificates(CertQuery),
    /// The users without a certificate of a configuration (its id).
    UsersWithout(String),
}

#[async_trait::async_trait(?Send)]
pub trait IssuedCertificateApi: Send + Sync {
    fn caps(&self) -> &IssuedCaps;

    /// Every certificate enrollment configuration.
    async fn configurations(&self) -> Result<Arc<Vec<CeConfig>>, ApiError>;

    /// The certificates `q` finds; `q` for all configurations searches those of `configs` that
    /// issue certificates. `now_ms` fixes "expires in N days".
    async fn search(
        &self,
        q: &CertQuery,
        configs: &[CeConfig],
        now_ms: i64,
    ) -> Result<Arc<Vec<Certificate>>, ApiError>;

    /// Names the users and devices of `certs` (the rows on screen) as far as the server can
    /// tell, where the search gave only their ids; what it cannot name is left out (the screen
    /// shows the id). Each user and device is looked up once for the session, a few at a time
    /// ([`crate::backend::names`]).
    async fn names(&self, _certs: &[Certificate]) -> Names {
        Names::default()
    }

    /// Why this export cannot start (a rule of the server's, e.g. one status at a time), or
    /// `None` when it can.
    fn export_refusal(&self, _job: &ExportJob) -> Option<&'static str> {
        None
    }

    /// Starts an export: `Ok(true)` started, `Ok(false)` one was already running.
    async fn export_start(&self, _job: &ExportJob) -> Result<bool, ApiError> {
        Err(not_offered())
    }

    /// Where the server's export of this kind stands.
    async fn export_status(&self, _job: &ExportJob) -> Result<ExportStatus, ApiError> {
        Err(not_offered())
    }

    /// The finished export's CSV.
    async fn export_download(&self, _job: &ExportJob) -> Result<Vec<u8>, ApiError> {
        Err(not_offered())
    }

    /// Whether the revocation run is going on.
    async fn revocation_status(&self) -> Result<RevocationStatus, ApiError> {
        Err(not_offered())
    }

    /// The certificates the revocation run is about.
    async fn revocation_counts(&self) -> Result<RevocationCounts, ApiError> {
        Err(not_offered())
    }

    /// Starts the revocation run; answers the server's words.
    async fn revoke(&self) -> Result<String, ApiError> {
        Err(not_offered())
    }

    /// The users without a certificate of the configuration `config_id`.
    async fn users_without(&self, _config_id: &str) -> Result<Arc<Vec<UserRow>>, ApiError> {
        Err(not_offered())
    }

    /// Asks the configuration's CA for a test certificate (where [`CeConfig::can_test`]), with
    /// this subject email if any.
    async fn test_certificate(
        &self,
        _config: &CeConfig,
        _email: &str,
    ) -> Result<TestCert, ApiError> {
        Err(not_offered())
    }

    /// Sets a new SCEP challenge password (where [`CeConfig::challenge`]).
    async fn change_challenge(&self, _config: &CeConfig, _password: &str) -> Result<(), ApiError> {
        Err(not_offered())
    }
}

/// Told how far an upload has come, from 0.0 to 1.0.
pub type OnProgress = Box<dyn Fn(f64)>;

#[async_trait::async_trait(?Send)]
pub trait UserCertificateApi: Send + Sync {
    /// Whether a self-service user sees and manages their certificates only with the
    /// "Manage user certificates" permission (`Permission::ManageUserCertificates`; BlackBerry
    /// UEM REST API overview, "Certificate management"); otherwise every self-service user may.
    fn needs_permission(&self) -> bool {
        false
    }

    /// The slots of `user` (as the server identifies users: EPMM a principal) with their
    /// certificates; a slot the user has nothing in yet is there, empty.
    async fn slots(&self, user: &str) -> Result<Arc<Vec<CertSlot>>, ApiError>;

    /// One certificate as the server describes it (where [`CertOps::details`]); `None` when it is
    /// gone.
    ///
    /// [`CertOps::details`]: crate::domain::certificates::user_provided::CertOps::details
    async fn details(
        &self,
        user: &str,
        slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<Option<CertDetails>, ApiError>;

    /// Uploads a PKCS#12 file into `slot`: it replaces the slot's certificates, or adds one where
    /// [`CertSlot::adds`]. Answers the server's words. A refusal that concerns the file or the
    /// password names that field in its reference (`user_provided::FILE_FIELD`,
    /// `PASSWORD_FIELD`), so the form shows it there.
    async fn upload(
        &self,
        user: &str,
        slot: &CertSlot,
        file: Pkcs12File<'_>,
        on_progress: OnProgress,
    ) -> Result<String, ApiError>;

    /// Deletes a certificate (where [`CertOps::delete`]; its whole bundle where
    /// [`CertOps::on_bundle`]). Answers the server's words.
    ///
    /// [`CertOps::delete`]: crate::domain::certificates::user_provided::CertOps::delete
    /// [`CertOps::on_bundle`]: crate::domain::certificates::user_provided::CertOps::on_bundle
    async fn delete(
        &self,
        user: &str,
        slot: &CertSlot,
        cert: &UserCert,
    ) -> Result<String, ApiError>;

    /// The public certificate as a file (where [`CertOps::download`]).
    ///
    /// [`CertOps::download`]: crate::domain::certificates::user_provided::CertOps::download
    async fn download(
        &self,
        _user: &str,
        _slot: &CertSlot,
        _cert: &UserCert,
    ) -> Result<CertFile, ApiError> {
        Err(not_offered())
    }

    /// Renews a certificate (where [`CertOps::renew`]; its whole bundle where
    /// [`CertOps::on_bundle`]); the server may complete it later, the certificate then shows it
    /// pending. Answers the server's words.
    ///
    /// [`CertOps::renew`]: crate::domain::certificates::user_provided::CertOps::renew
    /// [`CertOps::on_bundle`]: crate::domain::certificates::user_provided::CertOps::on_bundle
    async fn renew(
        &self,
        _user: &str,
        _slot: &CertSlot,
        _cert: &UserCert,
    ) -> Result<String, ApiError> {
        Err(not_offered())
    }
}
