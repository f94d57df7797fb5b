//! Ivanti EPMM **V2** REST API, chapter "Certificate Management" (cited by section title, e.g.
//! V2 guide, "Revoke certificates"; digest `../shared/docs/certificates-api.md` Part A).
//!
//! Every V2 answer is the same envelope (V2 guide, the sample responses): `{"results": …,
//! "messages": [ … ], "resultCount": n}`, where each part may be missing. The types here read every
//! variant the guide shows (numbers as strings, `deviceUUid`/`deviceUuid`/`deviceUUID`, an object
//! where a list is announced) and, for mock-server, write exactly the shapes of the samples.

pub mod ce;
pub mod certificates;
pub mod lenient;
pub mod user_provided;
pub mod users;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// One entry of `messages[]` (V2 guide, "Initiate the processing of certificate details to be
/// exported": the response table).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Message {
    /// `"Info"` in every sample; the mock uses `"Error"` for failures (digest
    /// `certificates-api.md`, "A.5 Error envelope and status codes for our mock").
    #[serde(rename = "type")]
    pub kind: String,
    pub message_key: String,
    /// Human text with the parameters resolved: what the portal shows.
    pub localized_message: String,
    /// `[ ]` in the search/export samples, absent from the others (V2 guide, the sample responses).
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
    /// The mock's error message (digest `certificates-api.md`, "A.5 Error envelope and status codes
    /// for our mock"): `type "Error"`, a `mock.` key, `messageParameters []`.
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
/// answers; `messages` is absent from the export status and configuration look-ups (V2 guide, the
/// sample responses).
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

/// The message keys and texts of the V2 guide, copied exactly (misspellings included).
pub mod keys {
    pub const CERT_CONTROLLER: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.";
    /// Export success and "already in progress" share this key (V2 guide, "Initiate the processing
    /// of certificate details to be exported": the sample responses).
    pub const PROCESS_INITIATED: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.PROCESS_INITIATED";
    /// The same sample response.
    pub const PROCESS_INITIATED_TEXT: &str =
        "Certificate details export process initiated successfully";
    /// The same sample responses, sic "is already progress".
    pub const ALREADY_IN_PROGRESS_TEXT: &str =
        "Certificate details export is already progress. It might be issued by a different user";
    /// V2 guide, "Search/Retrieve certificate details": the sample response.
    pub const SEARCH_SUCCESS: &str =
        "com.mobileiron.vsp.rest.controllers.CertificateManagementController.Messages.SUCCESS";
    pub const SEARCH_SUCCESS_TEXT: &str = "Certificates successfully retrieved";
    /// V2 guide, "Upload user-provided certificate": the sample response.
    pub const SUCCESS_UPLOAD: &str =
        "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_UPLOAD";
    pub const SUCCESS_UPLOAD_TEXT: &str = "Certificate successfully uploaded.";
    /// V2 guide, "Delete user-provided certificates": the sample response.
    pub const SUCCESS_DELETE: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_DELETE_PRIVATE_KEY";
    pub const SUCCESS_DELETE_TEXT: &str = "Successfully deleted private key from certificate.";
    /// V2 guide, "Get list of user provided certificate enrollment ID information…": the sample
    /// response.
    pub const SUCCESS_GET_CERTIFICATE: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_GET_CERTIFICATE";
    pub const SUCCESS_GET_CERTIFICATE_TEXT: &str = "Certificate successfully retrieved.";
    /// V2 guide, "Get list of all user provided certificate enrollment IDs' information…": the
    /// sample response.
    pub const SUCCESS_GET_CE_DETAILS: &str = "com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_GET_CE_DETAILS";
    pub const SUCCESS_GET_CE_DETAILS_TEXT: &str =
        "User provided certificate enrollment details successfully retrieved.";
    /// V2 guide, "Revoke certificates": the sample response; the mock also answers "Change SCEP
    /// challenge password" with it (the guide documents no response there).
    pub const HTTP_200: &str = "com.mobileiron.vsp.messages.http.200";
    pub const HTTP_200_TEXT: &str = "Success";
    /// V2 guide, "Verify Ivanti EPMM/SCEP Connectivity": the sample response.
    pub const TEST_CERT_SUCCESS: &str =
        "com.mobileiron.vsp.messages.certificates.issue.test.certificate.success";
    pub const TEST_CERT_SUCCESS_TEXT: &str =
        "Successfully issued a test certificate for the provided configuration.";
    /// V2 guide, "Search for users without certificates": the sample response.
    pub const USERS_SUCCESS: &str = "com.mobileiron.vsp.rest.controllers.UserAndDeviceSummaryController.Messages.SUCCESS_GET_USERS_DETAILS";
    pub const USERS_SUCCESS_TEXT: &str = "User details successfully retrieved.";
    /// V2 guide, "Export summary for users without certificates": the sample response.
    pub const USERS_PROCESS_INITIATED: &str = "com.mobileiron.vsp.rest.controllers.UserAndDeviceSummaryController.Messages.PROCESS_INITIATED";
    pub const USERS_PROCESS_INITIATED_TEXT: &str =
        "User details export process initiated successfully.";
    /// Not in the V2 guide (no "already running" variant is documented for "Export summary for
    /// users without certificates"): the mock's text, modelled on the certificate export's.
    pub const USERS_ALREADY_IN_PROGRESS_TEXT: &str =
        "User details export is already in progress. It might be issued by a different user";
}

/// The two plain-text answers of V2 guide, "Determine if certificate revocation is in progress"
/// (the sample responses).
pub mod revocation {
    pub const IDLE: &str = "Pending revocation certs are not being processed.";
    /// `Pending revocation certs are being processed. Total duration so far 76 Seconds`.
    pub fn running(seconds: u64) -> String {
        format!(
            "Pending revocation certs are being processed. Total duration so far {seconds} Seconds"
        )
    }
}
