//! CZERTAINLY Core, "SCEP Profile Management" REST API (its Redoc reference page, "REST API for
//! managing SCEP Profiles in the platform", cited as the CZERTAINLY reference; digest
//! `../shared/docs/certificates-api.md` Part B).
//!
//! CZERTAINLY is a certificate-lifecycle platform; a SCEP profile is the server side of SCEP
//! enrolment (devices enrol at its SCEP URL). The reference keeps the schemas and samples of the
//! API but no paths or methods; mock-server's `czertainly` module documents those.
//!
//! - [`scep`]: `ScepProfileDto` (list item, both shapes of its RA profile), `ScepProfileDetailDto`,
//!   `ScepProfileRequestDto` (create) and `ScepProfileEditRequestDto` (edit).
//! - [`attributes`]: CZERTAINLY attribute objects (`RequestAttribute`, `ResponseAttribute`).
//! - [`certificates`]: `CertificateDto` (the CA certificate of a profile and the P13 list).
//! - Here: the error body `ErrorMessageDto` and the bulk result `BulkActionMessageDto`.
//!
//! Every enum is open ([`open_enum!`]): a value this version does not know is kept verbatim, so
//! a newer platform never breaks the reader (digest `certificates-api.md`, "B.6 Mock and client
//! notes": "All enums are open strings").

pub mod attributes;
pub mod certificates;
pub mod scep;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// `ErrorMessageDto` (CZERTAINLY reference, the bulk enable/disable blocks: `{"message": "Error
/// message"}`): the body of 400 and 404 answers, and of 409 for a duplicate name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorMessage {
    #[serde(default)]
    pub message: String,
}

impl ErrorMessage {
    pub fn new(message: impl Into<String>) -> Self {
        ErrorMessage {
            message: message.into(),
        }
    }
}

/// `BulkActionMessageDto` (CZERTAINLY reference, the bulk and force delete blocks): one failure of
/// a bulk delete. The answer lists only the failures; `[]` means every profile was deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BulkActionMessage {
    pub uuid: String,
    /// Empty when the uuid names no profile.
    pub name: String,
    pub message: String,
}

/// A 422 answer: a JSON array of messages (the force delete block of the CZERTAINLY reference shows
/// `["Error Message 1","Error Message 2"]`).
pub type ValidationMessages = Vec<String>;

/// An enum whose JSON form is a string, with an `Other` variant keeping unknown values:
/// `code` is the wire spelling, `label` the platform's display name. Reading is
/// case-insensitive.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// Every known value, in the platform's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $code,)+
                    $name::Other(s) => s,
                }
            }

            /// The platform's display name (the raw value for unknown ones).
            pub fn label(&self) -> &str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Other(s) => s,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name::KNOWN
                    .iter()
                    .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
                    .cloned()
                    .unwrap_or($name::Other(s))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::from(s.to_string())
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                match v {
                    $name::Other(s) => s,
                    known => known.as_str().to_string(),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use open_enum;
