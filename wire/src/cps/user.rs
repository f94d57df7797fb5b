//! The User object model (CPS guide, "User").

use super::lenient::{lookup, opt_string, opt_text_map};
use super::AccountSource;
use crate::lenient::{opt_bool, opt_i64};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A user (CPS guide, "User"; the `guid` and `ldapStandardAttributes` of the "Search users by
/// GUID" examples as well).
///
/// LDAP attribute maps differ between the products (CPS guide, "Limitations", AW-23186: lower
/// case keys on Ivanti Neurons for MDM, camelCase on Ivanti EPMM): look keys up with
/// [`User::ldap_custom`], which ignores case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_bool"
    )]
    pub enabled: Option<bool>,
    /// Onboarding time, epoch ms.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_source: Option<AccountSource>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub display_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub email_address: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub first_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub last_name: Option<String>,
    /// The user name: "the field by which you can search or count users".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub user_id: Option<String>,
    /// The identifier of "Update user attributes".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub user_uuid: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub guid: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text_map"
    )]
    pub custom_attributes: Option<BTreeMap<String, String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text_map"
    )]
    pub ldap_custom_attributes: Option<BTreeMap<String, String>>,
    /// `distinguishedName`, `samAccountName`, `userPrincipalName` (with
    /// `fields=ldapStandardAttributes`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text_map"
    )]
    pub ldap_standard_attributes: Option<BTreeMap<String, String>>,
}

impl User {
    /// An LDAP custom attribute, the key compared without regard to case (AW-23186).
    pub fn ldap_custom(&self, key: &str) -> Option<&str> {
        lookup(&self.ldap_custom_attributes, key)
    }
    /// A custom attribute, the key compared without regard to case.
    pub fn custom_attribute(&self, key: &str) -> Option<&str> {
        lookup(&self.custom_attributes, key)
    }
}
