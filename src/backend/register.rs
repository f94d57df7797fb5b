//! Registering a device for a user: what the form may choose from, the server's checks of the
//! form, and the registration, whose passcode the portal shows once. EPMM has it; a server
//! without it answers `None` for the area.

use super::ApiError;
use crate::domain::forms::{
    FieldErrors, RegisterChoices, RegisterForm, RegisterPlatform, Registration,
};

/// What the register screen offers on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterCaps {
    /// The platforms a device can be registered for, in the order offered.
    pub platforms: &'static [RegisterPlatform],
    /// The device status (a key of the devices area's statuses) a registered device waits in
    /// until the user finishes, where the server has one.
    pub waiting_status: Option<&'static str>,
}

#[async_trait::async_trait(?Send)]
pub trait RegisterApi: Send + Sync {
    fn caps(&self) -> &RegisterCaps;

    /// The countries and operators a registration may use.
    async fn choices(&self) -> Result<RegisterChoices, ApiError>;

    /// What is wrong with the form by this server's rules, per field (empty when it can be sent).
    fn check(&self, form: &RegisterForm) -> FieldErrors;

    /// Registers the device (a form [`RegisterApi::check`] found nothing wrong with).
    async fn register(&self, form: &RegisterForm) -> Result<Registration, ApiError>;
}
