//! Metadata APIs (CPS guide): the API version, the registration URL, the event topics, and the
//! `$metadata` of devices, users, device apps and device certificates.
//!
//! - `$metadata` lists every property the mock sends (read-only, typed as the guide types them:
//!   `devicestatus`, `deviceplatform`, `map`, …) and then the custom attributes with their types
//!   and `"readOnly": false` (they are what `POST /device` and `POST /user` write).
//! - Event topics are EPMM's (`device/check_in`, not INM's `<tenant>/device/check_in`), with the
//!   180-minute retention (CPS guide, "Getting event subscription metadata"). The mock has no
//!   MQTT broker: the topics are what a subscriber would use.
//! - The registration URL is EPMM's `https://<host>/go`, with the host the request was sent to.

use super::attributes::{AttrDef, DEVICE_ATTRS, USER_ATTRS};
use super::reply::{self, Reply};
use axum::http::header::HOST;
use axum::http::HeaderMap;
use wire::cps::{EventMetadata, MetadataItem, Registration, Version};

/// The API version ("Get current minor version of the API").
pub const MINOR_VERSION: &str = "1.0.0";

/// Device properties and their `dataType` (CPS guide, "Device").
pub const DEVICE_FIELDS: &[(&str, &str)] = &[
    ("compliant", "boolean"),
    ("quarantined", "boolean"),
    ("blocked", "boolean"),
    ("compromised", "boolean"),
    ("status", "devicestatus"),
    ("lastCheckInTime", "long"),
    ("registrationTime", "long"),
    ("identifier", "string"),
    ("macAddress", "string"),
    ("manufacturer", "string"),
    ("model", "string"),
    ("os", "deviceplatform"),
    ("osVersion", "string"),
    ("serialNumber", "string"),
    ("userId", "string"),
    ("userUuid", "string"),
    ("iosUdid", "string"),
    ("deviceGuid", "string"),
    ("customAttributes", "map"),
    ("ownership", "string"),
    ("imei", "string"),
    ("phoneNumber", "string"),
];

/// User properties as the guide's "Get user attributes metadata" lists them (`guid` added: the
/// GUID search sends it).
pub const USER_FIELDS: &[(&str, &str)] = &[
    ("enabled", "boolean"),
    ("createdAt", "long"),
    ("accountSource", "string"),
    ("displayName", "string"),
    ("emailAddress", "string"),
    ("firstName", "string"),
    ("lastName", "string"),
    ("userId", "string"),
    ("userUuid", "string"),
    ("guid", "string"),
    ("customAttributes", "map"),
    ("ldapCustomAttributes", "map"),
    ("ldapStandardAttributes", "map"),
];

/// "Get device app metadata", as the guide lists it.
pub const APP_FIELDS: &[(&str, &str)] = &[
    ("identifier", "string"),
    ("name", "string"),
    ("version", "string"),
];

/// "Get device certificate metadata", as the guide lists it.
pub const CERTIFICATE_FIELDS: &[(&str, &str)] = &[
    ("identity", "boolean"),
    ("notAfter", "long"),
    ("notBefore", "long"),
    ("issuer", "string"),
    ("serialNumber", "string"),
    ("subject", "string"),
    ("thumbPrint", "string"),
];

/// Event key and topic suffix (CPS guide, "Getting event subscription metadata").
pub const EVENTS: &[(&str, &str)] = &[
    ("device_not_compliant", "not_compliant"),
    ("device_compliant", "compliant"),
    ("device_retired", "retired"),
    ("device_enrolled", "enrolled"),
    ("device_app_inventory_update", "app_inventory"),
    ("device_profile_inventory_update", "profile_inventory"),
    ("device_cert_inventory_update", "cert_inventory"),
    ("device_wiped", "wiped"),
    ("device_check_in", "check_in"),
];

fn items(fields: &[(&str, &str)], custom: &[AttrDef]) -> Vec<MetadataItem> {
    let ro = fields.iter().map(|(name, t)| MetadataItem {
        name: name.to_string(),
        data_type: t.to_string(),
        read_only: Some(true),
    });
    let rw = custom.iter().map(|a| MetadataItem {
        name: a.name.to_string(),
        data_type: a.data_type.as_str().to_string(),
        read_only: Some(false),
    });
    ro.chain(rw).collect()
}

/// `GET /device/$metadata`.
pub async fn device() -> Reply {
    Ok(reply::json(&items(DEVICE_FIELDS, DEVICE_ATTRS)))
}

/// `GET /user/$metadata`.
pub async fn user() -> Reply {
    Ok(reply::json(&items(USER_FIELDS, USER_ATTRS)))
}

/// `GET /device/application/$metadata`.
pub async fn application() -> Reply {
    Ok(reply::json(&items(APP_FIELDS, &[])))
}

/// `GET /device/certificate/$metadata`.
pub async fn certificate() -> Reply {
    Ok(reply::json(&items(CERTIFICATE_FIELDS, &[])))
}

/// `GET /event/$metadata`.
pub async fn events() -> Reply {
    Ok(reply::json(&EventMetadata {
        topics: EVENTS
            .iter()
            .map(|(k, t)| (k.to_string(), format!("device/{t}")))
            .collect(),
        retention_period_minutes: Some(180),
    }))
}

/// `GET /version`.
pub async fn version() -> Reply {
    Ok(reply::json(&Version {
        minor_version: Some(MINOR_VERSION.to_string()),
    }))
}

/// `GET /device/registration`.
pub async fn registration(headers: HeaderMap) -> Reply {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("localhost");
    Ok(reply::json(&Registration {
        registration_url: Some(format!("https://{host}/go")),
    }))
}
