//! The alerts area: the server's notices about devices and users, read or unread, and marking
//! them with a comment. EPMM has it (its Event Center alerts); a server without alerts answers
//! `None` for the area.

use super::ApiError;
use crate::domain::alert::{Alert, ReadFilter};
use std::sync::Arc;

/// What the alerts screens can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertCaps {
    /// The severities the severity filter offers, as [`Alert::severity`] says them.
    pub severities: &'static [&'static str],
    /// The longest comment a read-state change takes.
    pub comment_max: usize,
}

#[async_trait::async_trait(?Send)]
pub trait AlertApi: Send + Sync {
    fn caps(&self) -> &AlertCaps;

    /// Every alert in this read state, newest first.
    async fn list(&self, read: ReadFilter) -> Result<Arc<Vec<Alert>>, ApiError>;

    /// The alerts of one user (by login name), from all of their devices, newest first.
    async fn for_user(&self, username: &str) -> Result<Arc<Vec<Alert>>, ApiError>;

    /// One alert by its [`Alert::id`]; not found is [`ApiError::is_not_found`].
    async fn get(&self, id: &str) -> Result<Alert, ApiError>;

    /// Marks alerts read or unread, with the comment the change is recorded with. Answers how
    /// many the server updated.
    async fn set_read(&self, ids: &[String], read: bool, comment: &str) -> Result<usize, ApiError>;
}
