//! User-provided certificates: V2 guide, "Managing user certificates".

use super::lenient::opt_text;
use crate::lenient::{opt_bool, opt_i64};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `{"userId": "theadmin"}` of the delete, get and get-all calls (V2 guide, "Delete user-provided
/// certificates" and the two after it). The get call's request table names it `usernId`: both are
/// read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserIdBody {
    #[serde(alias = "usernId", deserialize_with = "opt_text")]
    pub user_id: Option<String>,
}

impl UserIdBody {
    pub fn new(user: &str) -> Self {
        UserIdBody {
            user_id: Some(user.to_string()),
        }
    }
}

/// `results` of V2 guide, "Get list of user provided certificate enrollment ID information…" (the
/// sample response). The mock writes every field, `null` included, as the sample does.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UserCertificate {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// `"3"`: a string (the same sample).
    #[serde(deserialize_with = "opt_text")]
    pub version: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub serial_number: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub signature_algorithm: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub issuer: Option<String>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "opt_i64")]
    pub not_before: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub not_after: Option<i64>,
    #[serde(deserialize_with = "opt_text")]
    pub subject: Option<String>,
    pub subject_alt_names: Option<Value>,
    pub cert: Option<Value>,
    pub cert_type: Option<Value>,
    #[serde(deserialize_with = "opt_text")]
    pub alias: Option<String>,
    pub cert_data: Option<Value>,
    pub created_at: Option<Value>,
    pub modified_at: Option<Value>,
    #[serde(deserialize_with = "opt_text")]
    pub common_name: Option<String>,
    #[serde(rename = "iPhoneUID", deserialize_with = "opt_text")]
    pub iphone_uid: Option<String>,
    #[serde(rename = "iPhoneDevelopmentAPNSCert", deserialize_with = "opt_bool")]
    pub iphone_development_apns_cert: Option<bool>,
    #[serde(deserialize_with = "opt_bool")]
    pub identity: Option<bool>,
    /// Whether now is within `notBefore..notAfter` [inf].
    #[serde(deserialize_with = "opt_bool")]
    pub valid_time_line: Option<bool>,
}

/// One element of the `results` of V2 guide, "Get list of all user provided certificate enrollment
/// IDs' information…" (the sample response): a USER_PROVIDED configuration that applies to the
/// user, with the user's certificate if one was uploaded (else the certificate fields are `null`;
/// the guide does not say, this is the mock's choice).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CeCertificateDetails {
    #[serde(deserialize_with = "opt_i64")]
    pub ce_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub certificate_id: Option<i64>,
    #[serde(deserialize_with = "opt_bool")]
    pub require_password: Option<bool>,
    #[serde(deserialize_with = "opt_text")]
    pub display_name: Option<String>,
    /// Epoch milliseconds.
    #[serde(deserialize_with = "opt_i64")]
    pub certificate_expiration_date: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub certificate_uploaded_date: Option<i64>,
    #[serde(deserialize_with = "opt_bool")]
    pub is_pkcs12: Option<bool>,
}
