//! The V1 label object (`<label id="-3">`, EPMM V1 API guide, "Get all Labels").

use crate::lenient;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Label {
    /// Negative for default/system labels, positive for admin-created ones (V1 guide, "Get all
    /// Labels": the response example).
    #[serde(deserialize_with = "lenient::int_i64")]
    pub id: i64,
    #[serde(deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    /// `true` = devices are assigned by hand, `false` = dynamic (criteria in `query`); V1 guide,
    /// "Get all Labels": the response example (its text calls static labels "system created
    /// labels").
    #[serde(default, deserialize_with = "lenient::boolean")]
    pub static_label: bool,
    /// The dynamic criteria; the guide's text calls it `searchCriteria` but the element is `query`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub query: String,
    #[serde(default, deserialize_with = "lenient::int_i64")]
    pub device_count: i64,
    /// Undocumented (`116`, probably 't').
    #[serde(
        rename = "isESSearch",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_es_search: Option<i64>,
}
