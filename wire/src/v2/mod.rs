//! Ivanti EPMM **V2** REST API, chapter "Certificate Management" (seed
//! `000_239b41731d5f1da3.txt` = S0, digest `../shared/docs/certificates-api.md` Part A).
//!
//! Every V2 answer is the same envelope (A.1): `{"results": …, "messages": [ … ], "resultCount": n}`,
//! where each part may be missing. The types here read every variant S0 shows (numbers as strings,
//! `deviceUUid`/`deviceUuid`/`deviceUUID`, an object where a list is announced) and, for
//! mock-server, write exactly the shapes of the samples.

pub mod ce;
pub mod certificates;
pub mod lenient;
pub mod user_provided;
pub mod users;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// One entry of `messages[]` (S0:L166-184).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    /// `"Info"` in every sample; the mock uses `"Error"` for failures (digest A.5).
    #[serde(rename = "type")]
    pub kind: String,
    pub message_key: String,
    /// Human text with the parameters resolved: what the portal shows.
    pub localized_message: String,
    /// `[ ]` in the search/export samples, absent from the others (C.1 #33).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_parameters: Option<Vec<serde_json::Value>>,
}

impl Message {
    /// An `Info` message without `messageParameters` (upload, delete, get… samples).
    pub fn info(key: &str, text: &str) -> Message {
        Message {
            kind: "Info".into(),
            message_key: key.into(),
            localized_message: text.into(),
            message_parameters: None,
        }
    }
    /// An `Info` message with `"messageParameters": [ ]` (search and export samples).
    pub fn info_with_params(key: &str, text: &str) -> Message {
        Message {
            message_parameters: Some(Vec::new()),
            ..Message::info(key, text)
        }
    }
    /// The mock's error message (digest A.5): `type "Error"`, a `mock.` key, `messageParameters []`.
    pub fn error(key: &str, text: &str) -> Message {
        Message {
            kind: "Error".into(),
            message_key: key.into(),
            localized_message: text.into(),
            message_parameters: Some(Vec::new()),
        }
    }
}

/// The V2 envelope. `results` is absent from the "already in progress", upload and delete
/// answers; `messages` is absent from the export status and configuration look-ups (A.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
pub struct Envelope<T> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<T>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_messages"
    )]
    pub messages: Option<Vec<Message>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::opt_u64"
    )]
    pub result_count: Option<u64>,
}

impl<T> Default for Envelope<T> {
    fn default() -> Self {
        Envelope {
            results: None,
            messages: None,
            result_count: None,
        }
    }
}

impl<T> Envelope<T> {
    pub fn results(results: T) -> Self {
        Envelope {
            results: Some(results),
            ..Default::default()
        }
    }
    pub fn with_message(mut self, m: Message) -> Self {
        self.messages.get_or_insert_with(Vec::new).push(m);
        self
    }
    pub fn with_count(mut self, n: usize) -> Self {
        self.result_count = Some(n as u64);
        self
    }
    /// The `localizedMessage`s joined for display; empty when there are none.
    pub fn text(&self) -> String {
        self.messages
            .iter()
            .flatten()
            .map(|m| m.localized_message.trim())
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Messages only (upload, delete, revoke, errors).
pub type MessagesOnly = Envelope<serde_json::Value>;

impl MessagesOnly {
    pub fn message(m: Message) -> Self {
        Envelope::default().with_message(m)
    }
}

/// The message keys and texts of S0, copied exactly (misspellings included).
pub mod keys {
    pub const CERT_CONTROLLER: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.";
    /// E1 success and "already in progress" share this key (S0:L210, L232; C.1 #10).
    pub const PROCESS_INITIATED: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.PROCESS_INITIATED";
    /// S0:L212.
    pub const PROCESS_INITIATED_TEXT: &str =
        "Certificate details export process initiated successfully";
    /// S0:L234, sic "is already progress".
    pub const ALREADY_IN_PROGRESS_TEXT: &str =
        "Certificate details export is already progress. It might be issued by a different user";
    /// E4 (S0:L681-683).
    pub const SEARCH_SUCCESS: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.SUCCESS";
    pub const SEARCH_SUCCESS_TEXT: &str = "Certificates successfully retrieved";
    /// E5 (S0:L837-838).
    pub const SUCCESS_UPLOAD: &str =
        "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_UPLOAD";
    pub const SUCCESS_UPLOAD_TEXT: &str = "Certificate successfully uploaded.";
    /// E6 (S0:L927-928).
    pub const SUCCESS_DELETE: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_DELETE_PRIVATE_KEY";
    pub const SUCCESS_DELETE_TEXT: &str = "Successfully deleted private key from certificate.";
    /// E7 (S0:L1073-1075).
    pub const SUCCESS_GET_CERTIFICATE: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_GET_CERTIFICATE";
    pub const SUCCESS_GET_CERTIFICATE_TEXT: &str = "Certificate successfully retrieved.";
    /// E8 (S0:L1185-1187).
    pub const SUCCESS_GET_CE_DETAILS: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_GET_CE_DETAILS";
    pub const SUCCESS_GET_CE_DETAILS_TEXT: &str =
        "User provided certificate enrollment details successfully retrieved.";
    /// E10 (S0:L1301-1303); the mock also answers E12 with it (digest A.4 E12).
    pub const HTTP_200: &str = "com.mobileiron.vsp.messages.http.200";
    pub const HTTP_200_TEXT: &str = "Success";
    /// E13 (S0:L1569).
    pub const TEST_CERT_SUCCESS: &str =
        "com.mobileiron.vsp.messages.certificates.issue.test.certificate.success";
    pub const TEST_CERT_SUCCESS_TEXT: &str =
        "Successfully issued a test certificate for the provided configuration.";
    /// E15 (S0:L1827-1829).
    pub const USERS_SUCCESS: &str = "com.mobileiron.vsp.rest.controllers.UserAndDeviceSummaryController.Messages.SUCCESS_GET_USERS_DETAILS";
    pub const USERS_SUCCESS_TEXT: &str = "User details successfully retrieved.";
    /// E16 (S0:L1939-1941).
    pub const USERS_PROCESS_INITIATED: &str = "com.mobileiron.vsp.rest.controllers.UserAndDeviceSummaryController.Messages.PROCESS_INITIATED";
    pub const USERS_PROCESS_INITIATED_TEXT: &str =
        "User details export process initiated successfully.";
    /// Not in S0 (no "already running" variant is documented for E16): the mock's text, modelled
    /// on E1's (digest A.4 E16).
    pub const USERS_ALREADY_IN_PROGRESS_TEXT: &str =
        "User details export is already in progress. It might be issued by a different user";
}

/// E9's two plain-text answers (S0:L1235, L1239).
pub mod revocation {
    pub const IDLE: &str = "Pending revocation certs are not being processed.";
    /// `Pending revocation certs are being processed. Total duration so far 76 Seconds`.
    pub fn running(seconds: u64) -> String {
        format!(
            "Pending revocation certs are being processed. Total duration so far {seconds} Seconds"
        )
    }
}
