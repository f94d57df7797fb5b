//! BlackBerry UEM REST API (the "BlackBerry UEM REST API overview" page; digest
//! `../shared/docs/cps-and-uem-api.md` Part 2, Part 3, Part 4.2).
//!
//! Every route is under `/{tenantGuid}/api/v1` ([`base_path`]); each call names its own media
//! type (`application/vnd.blackberry.<resource>-v<N>+json`, [`media`]); errors carry
//! [`ErrorBody`] as `application/vnd.blackberry.error-v1+json` (overview, "Errors").
//!
//! The overview shows request bodies but almost no response bodies ("Click here to see an example
//! response" leads nowhere; "Each of the returned Embedded Certificates provides the following
//! information:" is followed by nothing, overview, "Request Embedded Certificates for a User"). The
//! response shapes here are therefore the mock-server's contract, chosen after the overview's
//! vocabulary (guid, entityDefId, entityInstanceId, settings, groups[].guid, profile category) and
//! documented on each type. Types marked **beyond the document** describe calls the overview does
//! not show at all.
//!
//! Reading is tolerant, as the overview asks ("fields that are not assigned a value are not
//! returned in the response"): every field may be absent, unknown fields are ignored, enums keep
//! values they do not know ([`string_enum!`]). Writing leaves absent fields out.

pub mod certs;
pub mod directory;
pub mod entity;
pub mod multipart;
pub mod samples;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use multipart::MediaType;

/// The tenant of the overview's examples (`https://server01:18084/SRP00000/api/v1/...`): "All
/// routes include tenantGuid which is the same as the initial SRPID entered when BlackBerry UEM is
/// installed" (overview, "Examples").
pub const DEFAULT_TENANT: &str = "SRP00000";

/// `/{tenant}/api/v1`, the prefix of every call.
pub fn base_path(tenant: &str) -> String {
    format!("/{tenant}/api/v1")
}

/// The media types of the calls (overview, each call's `Accept` or `Content-Type`), plus the ones
/// of the calls beyond the document.
pub mod media {
    /// Error bodies (overview, "Errors").
    pub const ERROR: &str = "application/vnd.blackberry.error-v1+json";
    /// `POST util/authorization` body (overview, "Request Authentication Header").
    pub const AUTHORIZATION_REQUEST: &str =
        "application/vnd.blackberry.authorizationrequest-v1+json";
    /// `GET entityDefs` (overview, "Supported entity definitions").
    pub const ENTITY_DEFINITIONS: &str = "application/vnd.blackberry.entitydefinitions-v1+json";
    /// `GET entityDefs/{entityDefId}`: beyond the document ("Get the entity definition" has no
    /// path in the overview); singular like `embeddedcertificate` next to `embeddedcertificates`.
    pub const ENTITY_DEFINITION: &str = "application/vnd.blackberry.entitydefinition-v1+json";
    /// Template, create, and (beyond the document) one instance and update.
    pub const ENTITY_INSTANCE: &str = "application/vnd.blackberry.entityinstance-v1+json";
    /// `GET entities/{entityDefId}`: beyond the document ("Get the entity instances" has no path).
    pub const ENTITY_INSTANCES: &str = "application/vnd.blackberry.entityinstances-v1+json";
    /// `GET groups`, and the body of `POST profiles/{guid}/groups` (overview, "Request all Groups"
    /// and "Assign a Profile to a Group").
    pub const GROUPS: &str = "application/vnd.blackberry.groups-v1+json";
    /// `GET profiles?query=name=…`.
    pub const PROFILES: &str = "application/vnd.blackberry.profiles-v1+json";
    /// `GET profiles/{guid}`: beyond the document (singular, as `embeddedcertificate`).
    pub const PROFILE: &str = "application/vnd.blackberry.profile-v1+json";
    /// `GET users/{userGuid}/profiles`.
    pub const PROFILE_ASSIGNMENTS: &str = "application/vnd.blackberry.profileassignments-v1+json";
    pub const EMBEDDED_CERTIFICATES: &str =
        "application/vnd.blackberry.embeddedcertificates-v1+json";
    pub const EMBEDDED_CERTIFICATE: &str = "application/vnd.blackberry.embeddedcertificate-v1+json";
    pub const CERTIFICATE_ENROLLMENTS: &str =
        "application/vnd.blackberry.certificateenrollments-v1+json";
    pub const CERTIFICATE_BUNDLE: &str = "application/vnd.blackberry.certificatebundle-v1+json";
    /// The multipart part holding the base64 PKCS#12 password.
    pub const CERTIFICATE_METADATA: &str =
        "application/vnd.blackberry.deviceusercertificatemetadata-v1+json";
    /// Download of the DER X.509 public key certificate ("the default (and currently, the only
    /// supported) response Content-Type").
    pub const PKIX_CERT: &str = "application/pkix-cert";
    /// PKCS#12, as a multipart part or as the raw body of a BlackBerry Dynamics upload.
    pub const PKCS12: &str = "application/pkcs12";
    pub const MULTIPART_RELATED: &str = "multipart/related";
    /// `GET users?query=username=…`: beyond the document, the media type real UEM clients send.
    pub const USERS: &str = "application/vnd.blackberry.users-v1+json";
    /// `GET users/{userGuid}/userDevices`: beyond the document, as real UEM clients call it.
    pub const USER_DEVICES: &str = "application/vnd.blackberry.userdevices-v1+json";
}

/// Defines a string enum that keeps unknown values: `Known` variants read and write their
/// upper-case names (case-insensitively on reading), anything else is `Other(text)`.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// Every known value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => s,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($text) {
                    return Ok($name::$variant);
                })+
                Ok($name::Other(s.to_string()))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(s.parse().unwrap_or_else(|never: std::convert::Infallible| match never {}))
            }
        }
    };
}

/// The error body (overview, "Errors"): a stable symbolic `id`, a numeric `subStatusCode` and a
/// human `message`.
///
/// The mock's conventions (pinned by `mock-server/tests/uem_errors.rs`): every 4xx/5xx answer
/// carries it; `subStatusCode` is the HTTP status for the generic ids (as the overview's
/// `NOT_AUTHORIZED` / `403` sample) and a code of its own for the others (as its
/// `APPLICATION_NOT_FOUND` / `113` sample), see [`errors`]; a message about one property of an
/// entity starts with the property's path and `": "` ([`ErrorBody::property`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ErrorBody {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub id: String,
    #[serde(
        deserialize_with = "crate::lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub sub_status_code: Option<i64>,
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
}

impl ErrorBody {
    pub fn new(kind: errors::Kind, message: impl Into<String>) -> Self {
        ErrorBody {
            id: kind.id.to_string(),
            sub_status_code: Some(kind.sub_status_code),
            message: Some(message.into()),
        }
    }

    /// The property a validation error is about and the reason: `"name: must be at most 64
    /// characters"` gives `("name", "must be at most 64 characters")`. Nested properties are
    /// paths: `allowedDomains[0].domainName`. Only for [`errors::PROPERTY_IDS`].
    pub fn property(&self) -> Option<(&str, &str)> {
        if !errors::PROPERTY_IDS.contains(&self.id.as_str()) {
            return None;
        }
        let (path, reason) = self.message.as_deref()?.split_once(": ")?;
        let ok = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'));
        ok.then_some((path, reason))
    }
}

/// The error ids the mock answers, with their HTTP status and `subStatusCode`.
pub mod errors {
    /// One error id.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Kind {
        pub id: &'static str,
        pub status: u16,
        pub sub_status_code: i64,
    }

    const fn k(id: &'static str, status: u16, sub_status_code: i64) -> Kind {
        Kind {
            id,
            status,
            sub_status_code,
        }
    }

    // Generic: subStatusCode = HTTP status, as the overview's NOT_AUTHORIZED sample.
    pub const INVALID_REQUEST: Kind = k("INVALID_REQUEST", 400, 400);
    pub const NOT_AUTHENTICATED: Kind = k("NOT_AUTHENTICATED", 401, 401);
    /// The overview's sample, message included: "Not authorized to complete the request."
    pub const NOT_AUTHORIZED: Kind = k("NOT_AUTHORIZED", 403, 403);
    pub const RESOURCE_NOT_FOUND: Kind = k("RESOURCE_NOT_FOUND", 404, 404);
    pub const METHOD_NOT_ALLOWED: Kind = k("METHOD_NOT_ALLOWED", 405, 405);
    pub const NOT_ACCEPTABLE: Kind = k("NOT_ACCEPTABLE", 406, 406);
    pub const PAYLOAD_TOO_LARGE: Kind = k("PAYLOAD_TOO_LARGE", 413, 413);
    pub const UNSUPPORTED_MEDIA_TYPE: Kind = k("UNSUPPORTED_MEDIA_TYPE", 415, 415);
    pub const TOO_MANY_REQUESTS: Kind = k("TOO_MANY_REQUESTS", 429, 429);
    pub const INTERNAL_ERROR: Kind = k("INTERNAL_ERROR", 500, 500);
    pub const BAD_GATEWAY: Kind = k("BAD_GATEWAY", 502, 502);
    pub const SERVICE_UNAVAILABLE: Kind = k("SERVICE_UNAVAILABLE", 503, 503);

    // Not found: 110-129 (the overview's APPLICATION_NOT_FOUND is 113).
    pub const TENANT_NOT_FOUND: Kind = k("TENANT_NOT_FOUND", 404, 110);
    pub const USER_NOT_FOUND: Kind = k("USER_NOT_FOUND", 404, 111);
    pub const GROUP_NOT_FOUND: Kind = k("GROUP_NOT_FOUND", 404, 112);
    pub const APPLICATION_NOT_FOUND: Kind = k("APPLICATION_NOT_FOUND", 404, 113);
    pub const PROFILE_NOT_FOUND: Kind = k("PROFILE_NOT_FOUND", 404, 114);
    pub const ENTITY_DEFINITION_NOT_FOUND: Kind = k("ENTITY_DEFINITION_NOT_FOUND", 404, 115);
    pub const ENTITY_INSTANCE_NOT_FOUND: Kind = k("ENTITY_INSTANCE_NOT_FOUND", 404, 116);
    pub const EMBEDDED_CERTIFICATE_NOT_FOUND: Kind = k("EMBEDDED_CERTIFICATE_NOT_FOUND", 404, 117);
    pub const CERTIFICATE_NOT_FOUND: Kind = k("CERTIFICATE_NOT_FOUND", 404, 118);
    pub const CERTIFICATE_BUNDLE_NOT_FOUND: Kind = k("CERTIFICATE_BUNDLE_NOT_FOUND", 404, 119);
    pub const PROFILE_ASSIGNMENT_NOT_FOUND: Kind = k("PROFILE_ASSIGNMENT_NOT_FOUND", 404, 120);

    // Requests the server understood but refuses: 130-149.
    /// The definition does not support the operation (overview, "Supported entity definitions"):
    /// 405 with `Allow`.
    pub const OPERATION_NOT_SUPPORTED: Kind = k("OPERATION_NOT_SUPPORTED", 405, 130);
    /// A licence-gated definition while the licence is absent.
    pub const LICENSE_REQUIRED: Kind = k("LICENSE_REQUIRED", 403, 131);
    /// Renew or delete of a certificate that belongs to a bundle: 405 with `Allow`.
    pub const CERTIFICATE_IN_BUNDLE: Kind = k("CERTIFICATE_IN_BUNDLE", 405, 132);
    /// A renew or delete is already pending on the certificate or bundle: 409 with `Allow`.
    pub const OPERATION_IN_PROGRESS: Kind = k("OPERATION_IN_PROGRESS", 409, 133);
    /// An upload to a profile whose certificates come from a PKI.
    pub const UPLOAD_NOT_SUPPORTED: Kind = k("UPLOAD_NOT_SUPPORTED", 400, 134);
    /// Assigning a USER_CERTIFICATE profile ("strictly bound to the original user").
    pub const PROFILE_NOT_ASSIGNABLE: Kind = k("PROFILE_NOT_ASSIGNABLE", 400, 135);
    /// A `query=` the resource cannot answer.
    pub const INVALID_QUERY: Kind = k("INVALID_QUERY", 400, 136);

    // Entity validation: 150-159; the message is `"<property path>: <reason>"`.
    pub const MISSING_REQUIRED_PROPERTY: Kind = k("MISSING_REQUIRED_PROPERTY", 400, 150);
    pub const INVALID_PROPERTY_VALUE: Kind = k("INVALID_PROPERTY_VALUE", 400, 151);
    pub const DUPLICATE_VALUE: Kind = k("DUPLICATE_VALUE", 409, 152);

    // PKCS#12 uploads: 160-169.
    pub const INVALID_PKCS12: Kind = k("INVALID_PKCS12", 400, 160);
    pub const INVALID_PKCS12_PASSWORD: Kind = k("INVALID_PKCS12_PASSWORD", 400, 161);
    pub const NO_PRIVATE_KEY: Kind = k("NO_PRIVATE_KEY", 400, 162);
    pub const CERTIFICATE_EXPIRED: Kind = k("CERTIFICATE_EXPIRED", 400, 163);
    pub const CERTIFICATE_NOT_YET_VALID: Kind = k("CERTIFICATE_NOT_YET_VALID", 400, 164);
    pub const UNSUPPORTED_CERTIFICATE: Kind = k("UNSUPPORTED_CERTIFICATE", 400, 165);

    /// The ids whose message names a property ([`super::ErrorBody::property`]).
    pub const PROPERTY_IDS: &[&str] = &[
        MISSING_REQUIRED_PROPERTY.id,
        INVALID_PROPERTY_VALUE.id,
        DUPLICATE_VALUE.id,
    ];

    /// The id for a status the mock forces (fault injection) or has no specific id for.
    pub fn for_status(status: u16) -> Kind {
        [
            INVALID_REQUEST,
            NOT_AUTHENTICATED,
            NOT_AUTHORIZED,
            RESOURCE_NOT_FOUND,
            METHOD_NOT_ALLOWED,
            NOT_ACCEPTABLE,
            PAYLOAD_TOO_LARGE,
            UNSUPPORTED_MEDIA_TYPE,
            TOO_MANY_REQUESTS,
            BAD_GATEWAY,
            SERVICE_UNAVAILABLE,
        ]
        .into_iter()
        .find(|k| k.status == status)
        .unwrap_or(INTERNAL_ERROR)
    }
}

/// Sign-in providers of `util/authorization`; the mock has only `LOCAL`.
pub const PROVIDER_LOCAL: &str = "LOCAL";

/// The body of `POST util/authorization` (overview, "Request Authentication Header"):
/// `{"provider": "LOCAL", "username": "pmorley", "password": "cGFzc3dvcmQ="}`, the password
/// base64-encoded. The answer is the value to send as `Authorization` on later calls.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuthorizationRequest {
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub provider: Option<String>,
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub username: Option<String>,
    /// Base64 of the password ("The password in the request must be base64-encoded").
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<String>,
}

impl AuthorizationRequest {
    /// A LOCAL sign-in with the password base64-encoded.
    pub fn local(username: &str, password: &str) -> Self {
        AuthorizationRequest {
            provider: Some(PROVIDER_LOCAL.into()),
            username: Some(username.into()),
            password: Some(base64_encode(password.as_bytes())),
        }
    }
}

/// A reference to another resource by its GUID, with its name when the server gives one
/// (`{"guid": "…"}` in the group-assignment body of the overview, "Assign a Profile to a Group").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GuidRef {
    #[serde(deserialize_with = "crate::lenient::string")]
    pub guid: String,
    #[serde(
        deserialize_with = "crate::v2::lenient::opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
}

impl GuidRef {
    pub fn new(guid: impl Into<String>) -> Self {
        GuidRef {
            guid: guid.into(),
            name: None,
        }
    }
    pub fn named(guid: impl Into<String>, name: impl Into<String>) -> Self {
        GuidRef {
            guid: guid.into(),
            name: Some(name.into()),
        }
    }
}

/// Dates in UEM bodies: ISO-8601 UTC with milliseconds, `2026-11-01T00:00:00.000Z`.
/// Outside the years -9999..=9999, an empty string (as [`crate::datetime::format_iso`]).
pub fn format_time(ms: i64) -> String {
    crate::datetime::format_iso_millis(ms)
}

/// Reads a date of a UEM body (see [`format_time`]; any form [`crate::datetime`] reads).
pub fn parse_time(text: &str) -> Option<i64> {
    crate::datetime::parse_to_epoch_ms(text)
}

/// Standard base64 with padding (the password of the sign-in and of the certificate metadata).
pub fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Standard base64, padding optional and surrounding blanks ignored; `None` if it is not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()
}
