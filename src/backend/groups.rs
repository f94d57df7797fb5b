//! The device groups area (EPMM labels, CPS device groups, UEM groups): the groups, one group and
//! its member devices, in the portal's own terms. Each server implements it in its own module.

use super::devices::Progress;
use super::ApiError;
use crate::domain::device::Device;
use crate::domain::group::{Group, GroupFields};
use crate::domain::user::User;
use std::sync::Arc;

/// What the groups screens can show on this server, and what it calls its groups.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupCaps {
    /// What a group carries besides its name (the list's columns).
    pub fields: GroupFields,
    /// What the server calls one group and several, in lower case (`label`, `labels`).
    pub one: &'static str,
    pub many: &'static str,
    /// The caption of a group's member table (`Devices in label`).
    pub members_caption: &'static str,
    /// A group's id is its name (EPMM labels): a page names a group by its id without loading it.
    pub ids_are_names: bool,
    /// The server searches groups by the start of their name ([`GroupApi::search`]).
    pub name_search: bool,
    /// A group's members are users, not devices ([`GroupApi::users`]; UEM's groups).
    pub members_are_users: bool,
}

#[async_trait::async_trait(?Send)]
pub trait GroupApi: Send + Sync {
    fn caps(&self) -> &GroupCaps;

    /// Every group, with member counts where the server gives them.
    async fn list(&self) -> Result<Arc<Vec<Group>>, ApiError>;

    /// The groups whose name starts with `prefix`, searched by the server (where
    /// [`GroupCaps::name_search`] says it can), with member counts where the server gives them.
    /// A blank prefix is every group ([`GroupApi::list`]).
    async fn search(&self, _prefix: &str) -> Result<Arc<Vec<Group>>, ApiError> {
        Err(super::devices::not_offered("a search of groups by name"))
    }

    /// One group; a group the server does not have is an [`ApiError::not_found`].
    async fn get(&self, id: &str) -> Result<Group, ApiError>;

    /// The devices in a group (any status), walked to the end where the server pages them,
    /// reporting rows as they arrive. A group without members is an empty list.
    async fn members(
        &self,
        id: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError>;

    /// The users in a group, where its members are users ([`GroupCaps::members_are_users`]).
    async fn users(&self, _id: &str) -> Result<Arc<Vec<User>>, ApiError> {
        Err(super::certificates::not_offered())
    }

    /// A group's definition ([`Group::definition`]) in words, where the server's syntax can be
    /// read; `None` shows it as the server writes it.
    fn explain(&self, _definition: &str) -> Option<String> {
        None
    }
}
