//! `GET /api/v1/dm/devices[?status=]` (L538-812) and `GET /api/v1/dm/devices/{uuid}` (L814-1091),
//! plus the device list writer shared by the lookups (`/dm/labels/{name}`, later `/dm/users/...`,
//! `/dm/phones/...`).

use super::envelope::{self, ApiError};
use super::params::{Paging, Params};
use crate::catalog::Platform;
use crate::details;
use crate::state::{DeviceRec, SharedState, World};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use wire::datetime::format_iso;
use wire::lenient::Messages;
use wire::v1::{Device, DeviceListResponse, DeviceResponse, DeviceStatus, Entries};

/// Which answer a device is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Lists and lookups: `phoneNumber`, the lean details.
    List,
    /// `GET /dm/devices/{uuid}`: `currentPhoneNumber` (L930) as well as `phoneNumber` (digest
    /// §7 #13), the full platform details.
    Single,
}

fn iso(epoch_s: i64) -> String {
    if epoch_s == 0 {
        String::new()
    } else {
        format_iso(epoch_s * 1000)
    }
}

/// The wire form of a device. Every view sends the full field superset (digest §2.1).
pub fn to_wire(world: &World, d: &DeviceRec, view: View) -> Device {
    let user = world.owner(d);
    let model = d.model();
    let os = d.os();
    let op = d.operator();
    let country = d.country();
    let platform = os.platform_string();
    let phone = d.phone_string();
    let name = if d.is_pda() {
        if d.pda_seq > 1 {
            format!("{}:{platform}:PDA {}", user.principal, d.pda_seq)
        } else {
            format!("{}:{platform}:PDA", user.principal)
        }
    } else {
        format!("{}:{platform}:{phone}", user.principal)
    };
    let details = match view {
        View::List => details::lean(d),
        View::Single => details::full(world, d),
    };
    // "This field applies only to iOS devices. For other devices, the value is always false."
    // (L706-710, L976-980); true while the device is enrolled and its profile is in place.
    let mdm_managed = d.platform() == Platform::Ios
        && d.compliance & 0x800 == 0
        && matches!(
            d.status,
            DeviceStatus::Active
                | DeviceStatus::Blocked
                | DeviceStatus::Lost
                | DeviceStatus::Infected
                | DeviceStatus::IenrollComplete
                | DeviceStatus::Verified
        );
    Device {
        id: d.id,
        uuid: d.uuid.clone(),
        principal: user.principal.clone(),
        block_reason: d.block_reason,
        client_id: 1_073_741_824 + d.id,
        comment: d.comment.clone(),
        compliance: d.compliance,
        country_code: country.code.to_string(),
        country_id: Some(country.id),
        country_name: country.name.to_string(),
        details: Entries(details),
        current_phone_number: if view == View::Single {
            phone.clone()
        } else {
            String::new()
        },
        // "Not used. Always 0." (L655; digest §7 #9)
        device_count: 0,
        eas_last_sync_attempt: iso(d.eas_last_sync),
        eas_uuid: d.eas_uuid.clone(),
        email_address: user.email.clone(),
        email_domain: op.email_domain.to_string(),
        employee_owned: d.employee_owned,
        home_operator: if d.is_pda() {
            String::new()
        } else {
            op.name.to_string()
        },
        language_country_id: d.language_country_id,
        language_id: 1,
        last_connected_at: iso(d.last_connected_at),
        manufacturer: model.manufacturer.to_string(),
        mdm_managed,
        mdm_profile_url_id: String::new(),
        model: model.model.to_string(),
        name,
        notify_user: d.notify_user,
        operator: op.name.to_string(),
        operator_id: Some(op.id),
        phone_number: phone,
        pin: String::new(),
        platform,
        quarantined_status: d.quarantined_status,
        reg_count: 0,
        reg_type: "DEFAULT".to_string(),
        registered_at: iso(d.registered_at),
        status: d.status.as_str().to_string(),
        status_code: d.status.code(),
        user_display_name: user.display_name(),
        user_first_name: user.first_name.clone(),
        user_last_name: user.last_name.clone(),
        user_source: user.user_source,
        user_uuid: user.uuid.clone(),
        iphone_version: if d.platform() == Platform::Ios {
            os.build.to_string()
        } else {
            String::new()
        },
    }
}

/// A `DeviceListResponse` whose devices are rendered while serialising, so a 100k answer never
/// holds 100k `Device` values at once. Field order and names are those of
/// [`wire::v1::DeviceListResponse`] (checked by a test).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LazyList<'a> {
    messages: Messages,
    total_count: u64,
    devices: LazyDevices<'a>,
}

struct LazyDevices<'a> {
    world: &'a World,
    indices: &'a [usize],
}

struct LazySeq<'a>(&'a LazyDevices<'a>);

impl Serialize for LazyDevices<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry("device", &LazySeq(self))?;
        m.end()
    }
}

impl Serialize for LazySeq<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let w = self.0.world;
        let mut seq = s.serialize_seq(Some(self.0.indices.len()))?;
        for &i in self.0.indices {
            seq.serialize_element(&to_wire(w, &w.devices[i], View::List))?;
        }
        seq.end()
    }
}

/// The list answer for the devices at `matching` (indices, in order): 200 with the page, or a 404
/// envelope when nothing matched (`totalCount` 0) or the page is past the end (`totalCount` = the
/// match count).
pub fn list_body(
    world: &World,
    matching: &[usize],
    paging: Paging,
    none_message: &str,
) -> (StatusCode, Vec<u8>) {
    let total = matching.len();
    let page = paging.page(matching);
    if page.is_empty() {
        let message = if total == 0 {
            none_message.to_string()
        } else {
            format!(
                "No devices found at offset {} ({total} matching)",
                paging.offset
            )
        };
        let body = DeviceListResponse {
            messages: Messages::one(message),
            total_count: Some(total as u64),
            ..Default::default()
        };
        return (
            StatusCode::NOT_FOUND,
            serde_json::to_vec(&body).unwrap_or_default(),
        );
    }
    let body = LazyList {
        messages: Messages::one(envelope::devices_returned(page.len())),
        total_count: total as u64,
        devices: LazyDevices {
            world,
            indices: page,
        },
    };
    let mut out = Vec::with_capacity(page.len() * 1700 + 128);
    match serde_json::to_writer(&mut out, &body) {
        Ok(()) => (StatusCode::OK, out),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            serde_json::to_vec(&ApiError::internal(e.to_string()).body).unwrap_or_default(),
        ),
    }
}

/// `GET /api/v1/dm/devices[?status=&offset=&limit=]`.
pub async fn list(
    State(state): State<SharedState>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // L541-542: "If the status is not specified, all devices with 'Active' status are returned."
    let status = match params.non_blank("status") {
        None => DeviceStatus::Active,
        Some(s) => s.parse::<DeviceStatus>().map_err(|_| {
            ApiError::bad_request(format!(
                "Invalid status: {s}. Valid values: {}",
                DeviceStatus::ALL.map(|s| s.as_str()).join(", ")
            ))
        })?,
    };
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/devices?status={status}&{}", paging.key());
    Ok(envelope::cached(&state, &headers, key, move |w| {
        let matching: Vec<usize> = w
            .devices
            .iter()
            .enumerate()
            .filter(|(_, d)| d.status == status)
            .map(|(i, _)| i)
            .collect();
        list_body(
            w,
            &matching,
            paging,
            &format!("No devices found with status {status}"),
        )
    })
    .await)
}

/// `GET /api/v1/dm/devices/{uuid}`.
pub async fn one(
    State(state): State<SharedState>,
    uuid: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(uuid) = uuid.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let world = state.read();
    let d = world
        .device(&uuid)
        .ok_or_else(|| ApiError::no_data(format!("No device found for uuid {uuid}")))?;
    let body = DeviceResponse {
        messages: Messages::none(),
        device: Some(to_wire(&world, d, View::Single)),
    };
    drop(world);
    Ok(envelope::json(StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed;

    #[test]
    fn lazy_list_is_byte_identical_to_the_wire_type() {
        let w = seed::generate(40, 3);
        let idx: Vec<usize> = (0..w.devices.len()).collect();
        let (status, lazy) = list_body(&w, &idx, Paging::default(), "none");
        assert_eq!(status, StatusCode::OK);
        let eager = DeviceListResponse {
            phone_number: String::new(),
            messages: Messages::one("40 Device(s) returned"),
            total_count: Some(40),
            devices: w
                .devices
                .iter()
                .map(|d| to_wire(&w, d, View::List))
                .collect::<Vec<_>>()
                .into(),
        };
        assert_eq!(
            String::from_utf8(lazy).unwrap(),
            serde_json::to_string(&eager).unwrap()
        );
    }
}
