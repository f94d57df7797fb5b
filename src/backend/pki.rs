//! The certificate platform beside the MDM server (`"pki"` in `config.json`): its SCEP profiles,
//! in the portal's own terms. Each platform implements [`ScepProfileApi`] in its own module; the
//! MDM server tells, through [`ScepEnrolmentApi`], which of its configurations enrol devices at
//! which SCEP URL, so the two sides can link to each other.

use super::ApiError;
use crate::domain::scep_profile::{
    CaCertificate, ProfileFailure, RaProfileRef, ScepEnrolment, ScepProfile, ScepProfileDetail,
    ScepProfileInput,
};
use std::sync::Arc;

/// What the SCEP profile screens can offer on this platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScepCaps {
    /// The platform's name, for headings and messages (`CZERTAINLY`).
    pub platform: &'static str,
    /// Profiles can be integrated with Microsoft Intune.
    pub intune: bool,
    /// A delete can be forced (detaching what uses the profile first).
    pub force_delete: bool,
}

/// Why a delete was refused: something still uses the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteRefusal {
    pub message: String,
    /// What uses it (and a force delete would detach).
    pub in_use_by: Vec<String>,
}

#[async_trait::async_trait(?Send)]
pub trait ScepProfileApi: Send + Sync {
    fn caps(&self) -> &ScepCaps;

    /// Every profile, with its CA certificate.
    async fn list(&self) -> Result<Arc<Vec<ScepProfile>>, ApiError>;

    /// The profiles devices enrolling at `url` reach (the same SCEP endpoint), without their
    /// CA certificates.
    async fn by_scep_url(&self, url: &str) -> Result<Vec<ScepProfile>, ApiError>;

    /// One profile with everything the platform tells about it.
    async fn get(&self, id: &str) -> Result<ScepProfileDetail, ApiError>;

    /// Creates a profile (the platform may create it disabled).
    async fn create(&self, input: &ScepProfileInput) -> Result<ScepProfileDetail, ApiError>;

    /// Stores the whole profile as given (its name cannot change; blank secrets are kept).
    async fn update(
        &self,
        id: &str,
        input: &ScepProfileInput,
    ) -> Result<ScepProfileDetail, ApiError>;

    async fn set_enabled(&self, id: &str, enabled: bool) -> Result<(), ApiError>;

    /// Deletes one profile: `Ok(Some(_))` when the platform refused because it is in use.
    async fn delete(&self, id: &str) -> Result<Option<DeleteRefusal>, ApiError>;

    /// Enables or disables several; answers those it could not (confirmed against the
    /// platform, which may say nothing about them).
    async fn set_enabled_many(
        &self,
        ids: &[String],
        enabled: bool,
    ) -> Result<Vec<ProfileFailure>, ApiError>;

    /// Deletes several (`force`: detaching what uses them first); answers the failures.
    async fn delete_many(
        &self,
        ids: &[String],
        force: bool,
    ) -> Result<Vec<ProfileFailure>, ApiError>;

    /// The certificates that can be a profile's CA certificate (for Intune, or not).
    async fn ca_certificates(&self, intune: bool) -> Result<Arc<Vec<CaCertificate>>, ApiError>;

    /// The RA profiles a profile can be given.
    async fn ra_profiles(&self) -> Result<Vec<RaProfileRef>, ApiError>;
}

/// The MDM server's side: its configurations that enrol devices by SCEP.
#[async_trait::async_trait(?Send)]
pub trait ScepEnrolmentApi: Send + Sync {
    /// Every configuration with a SCEP URL.
    async fn scep_enrolments(&self) -> Result<Vec<ScepEnrolment>, ApiError>;
}
