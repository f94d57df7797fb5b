//! The users area: looking accounts up, one account with its devices, and a password change, in
//! the portal's own terms. Each server implements it in its own module.
//!
//! Servers look users up differently: EPMM finds one account by its exact username or email and
//! searches its directory by login prefix; CPS searches by email prefix, a page at a time; UEM
//! finds accounts with `users?query=username=`. [`UserCaps::searches`] says which a server
//! offers, and [`UserApi::search`] answers any of them with the whole list.

use super::ApiError;
use crate::domain::attributes::{AttributeChange, AttributeField};
use crate::domain::device::Device;
use crate::domain::user::{PasswordRules, User, UserKey};
use std::sync::Arc;

/// A way of looking for users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserSearch {
    /// The one account whose username or email address is exactly the text.
    Exact,
    /// Directory (LDAP) accounts whose login name starts with the text.
    DirectoryPrefix,
    /// Accounts whose email address starts with the text.
    EmailPrefix,
}

impl UserSearch {
    /// Finds one account (the screen opens it) rather than listing matches.
    pub fn finds_one(self) -> bool {
        self == UserSearch::Exact
    }
}

/// A search the server offers, and the shortest text it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchCaps {
    pub kind: UserSearch,
    pub min_chars: usize,
}

/// A search as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserQuery {
    pub kind: UserSearch,
    pub text: String,
}

/// What the users screens can show and do on this server.
#[derive(Debug, Clone, PartialEq)]
pub struct UserCaps {
    /// The searches, in the order of their forms.
    pub searches: &'static [SearchCaps],
    /// What the exact search ([`UserSearch::Exact`]) takes, in the order the form names them.
    pub find_by: &'static [UserKey],
    /// Accounts have roles on this server.
    pub roles: bool,
    /// A local account's password can be changed here, within these rules.
    pub password: Option<PasswordRules>,
    /// The server describes custom attributes of users, and writes the writable ones
    /// ([`UserApi::attribute_fields`], [`UserApi::set_attributes`]).
    pub attributes: bool,
}

impl UserCaps {
    pub fn search(&self, kind: UserSearch) -> Option<SearchCaps> {
        self.searches.iter().copied().find(|s| s.kind == kind)
    }
}

#[async_trait::async_trait(?Send)]
pub trait UserApi: Send + Sync {
    fn caps(&self) -> &UserCaps;

    /// The accounts a search finds (a kind of [`UserCaps::searches`]), walked to the end where
    /// the server pages them. No match is an empty list; a text shorter than the search takes is
    /// refused.
    async fn search(&self, query: &UserQuery) -> Result<Arc<Vec<User>>, ApiError>;

    /// One account by its [`User::id`]; not found is [`ApiError::is_not_found`].
    async fn get(&self, id: &str) -> Result<User, ApiError>;

    /// The devices registered to an account (any state).
    async fn devices(&self, id: &str) -> Result<Arc<Vec<Device>>, ApiError>;

    /// The custom attributes the server describes for users ([`UserCaps::attributes`]).
    async fn attribute_fields(&self) -> Result<Vec<AttributeField>, ApiError> {
        Err(super::devices::not_offered("user attributes"))
    }

    /// Writes a user's attribute values (`None` clears one); answers what to tell the admin.
    async fn set_attributes(
        &self,
        _user: &User,
        _changes: &[AttributeChange],
    ) -> Result<String, ApiError> {
        Err(super::devices::not_offered("user attributes"))
    }

    /// Sets a local account's password ([`UserCaps::password`]); `current` is sent where given.
    /// Answers the server's words.
    async fn change_password(
        &self,
        id: &str,
        current: Option<&str>,
        new: &str,
    ) -> Result<String, ApiError>;
}
