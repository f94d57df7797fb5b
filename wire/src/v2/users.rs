//! Users without certificates: V2 guide, "Search for users without certificates" and the three
//! export calls after it.

use super::lenient::opt_text;
use crate::lenient::opt_i64;
use serde::{Deserialize, Serialize};

/// One element of the `results` of V2 guide, "Search for users without certificates" (the sample
/// response).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserSummary {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub principal: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub display_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub first_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub last_name: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub email_address: Option<String>,
}

/// Columns of the users-without-certificates CSV (V2 guide, "Download summary for users without
/// certificates"; undocumented, the mock's choice).
pub const CSV_COLUMNS: [&str; 6] = [
    "id",
    "principal",
    "displayName",
    "firstName",
    "lastName",
    "emailAddress",
];
