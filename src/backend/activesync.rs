//! The Exchange ActiveSync area: the devices that reach mail through ActiveSync, in their groups,
//! one association with Exchange's own details, and allowing, blocking or wiping them. EPMM has
//! it; a server without it answers `None` for the area.

use super::ApiError;
use crate::domain::activesync::{EasAssociation, EasCommand, EasGroup};
use crate::domain::device::Device;
use std::sync::Arc;

/// What the ActiveSync screens can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveSyncCaps {
    /// The groups associations are listed in, in the order of the group filter.
    pub groups: &'static [EasGroup],
    /// The commands, in the order of their buttons.
    pub commands: &'static [EasCommand],
}

/// One association with Exchange's own details (key, value).
pub type AssociationDetails = (EasAssociation, Arc<Vec<(String, String)>>);

#[async_trait::async_trait(?Send)]
pub trait ActiveSyncApi: Send + Sync {
    fn caps(&self) -> &ActiveSyncCaps;

    /// Every association, each in its group.
    async fn list(&self) -> Result<Arc<Vec<EasAssociation>>, ApiError>;

    /// One association by its [`EasAssociation::id`]; not found is [`ApiError::is_not_found`].
    async fn get(&self, id: &str) -> Result<EasAssociation, ApiError>;

    /// Exchange's own details of one association (key, value), as Exchange reports them.
    async fn details(&self, id: &str) -> Result<Vec<(String, String)>, ApiError>;

    /// Runs a command on associations. Answers the server's messages.
    async fn run(&self, command: EasCommand, ids: &[String]) -> Result<Vec<String>, ApiError>;

    /// The associations of one managed device, each with Exchange's details (empty where they
    /// could not be read).
    async fn of_device(&self, device: &Device) -> Result<Vec<AssociationDetails>, ApiError>;
}
