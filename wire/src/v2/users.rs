//! Users without certificates: E15–E18 (S0:L1695-2093).

use super::lenient::opt_text;
use crate::lenient::opt_i64;
use serde::{Deserialize, Serialize};

/// One element of E15 `results` (S0:L1801-1819).
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

/// Columns of the users-without-certificates CSV (E18; undocumented, digest A.4 E18 [sug]).
pub const CSV_COLUMNS: [&str; 6] = [
    "id",
    "principal",
    "displayName",
    "firstName",
    "lastName",
    "emailAddress",
];
