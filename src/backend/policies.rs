//! The policies area: the policies, one policy, those of a device, and assigning a policy to the
//! device groups it applies to, in the portal's own terms. Each server implements it in its own
//! module. (UEM's profiles, driven by entity definitions, get their own screen; their assignment
//! to groups, `POST profiles/{guid}/groups`, fits [`PolicyApi::assign`].)

use super::ApiError;
use crate::domain::choice::Choices;
use crate::domain::policy::Policy;
use std::sync::Arc;

/// What the policy screens can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyCaps {
    /// The profile-type filter, in order; empty when the server has no such types.
    pub profiles: Choices,
    /// A policy can be assigned to a group from the portal.
    pub assign: bool,
    /// A policy can be taken off a group from the portal.
    pub unassign: bool,
}

#[async_trait::async_trait(?Send)]
pub trait PolicyApi: Send + Sync {
    fn caps(&self) -> &PolicyCaps;

    /// Every policy.
    async fn list(&self) -> Result<Arc<Vec<Policy>>, ApiError>;

    /// One policy; a policy the server does not have is an [`ApiError::not_found`].
    async fn get(&self, id: &str) -> Result<Policy, ApiError>;

    /// The policies applied to a device. None is an empty list.
    async fn for_device(&self, device_id: &str) -> Result<Arc<Vec<Policy>>, ApiError>;

    /// Assigns the policy to a group (`apply`) or takes it off; answers the server's message,
    /// empty when it says nothing.
    async fn assign(
        &self,
        policy_id: &str,
        group_id: &str,
        apply: bool,
    ) -> Result<String, ApiError>;
}
