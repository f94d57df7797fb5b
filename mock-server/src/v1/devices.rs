//! `GET /api/v1/dm/devices[?status=]` (V1 guide, "Get Devices by Status"), `GET
//! /api/v1/dm/devices/{uuid}` ("Get Device details for a specific device"), the lookups by phone,
//! user and Wi-Fi MAC ("Get Device Details for a Phone Number/User/Label/Wi-Fi MAC Address"), and
//! the device list writer they share with `/dm/labels/{name}` and the app inventory.

use super::envelope::{self, ApiError, Neg};
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
use wire::v1::{
    Device, DeviceListResponse, DeviceResponse, DeviceStatus, Entries, MacLookupResponse,
};

/// Which answer a device is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Lists and lookups: `phoneNumber`, the lean details.
    List,
    /// `GET /dm/devices/{uuid}`: `currentPhoneNumber` (V1 guide, "Get Device details for a specific
    /// device") as well as `phoneNumber` (that of the lists and lookups), the full platform
    /// details.
    Single,
}

fn iso(epoch_s: i64) -> String {
    if epoch_s == 0 {
        String::new()
    } else {
        format_iso(epoch_s * 1000)
    }
}

/// The wire form of a device. Every view sends the full field superset (digest `epmm-v1-api.md`,
/// "2.1 Device").
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
    let mdm_managed = d.mdm_managed();
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
        // "Not used. Always 0." (V1 guide, "Get Devices by Status": the response example, which
        // shows `1`)
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
    #[serde(skip_serializing_if = "String::is_empty")]
    phone_number: String,
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

/// How a device list answer is dressed.
#[derive(Debug, Clone, Default)]
pub struct ListOpts {
    /// The requested phone number, echoed by phone lookups (V1 guide, "Get Device Details for a
    /// Phone Number/User/Label/Wi-Fi MAC Address": the response example).
    pub phone_number: String,
    /// "If the request specified one valid phone number, the <messages> element is empty"
    /// (the same example).
    pub quiet: bool,
}

/// The list answer for the devices at `matching` (indices, in order): 200 with the page, or a 404
/// envelope when nothing matched (`totalCount` 0) or the page is past the end (`totalCount` = the
/// match count).
pub fn list_body(
    world: &World,
    matching: &[usize],
    paging: Paging,
    none_message: &str,
    neg: Neg,
) -> (StatusCode, Vec<u8>) {
    list_body_with(
        world,
        matching,
        paging,
        none_message,
        neg,
        ListOpts::default(),
    )
}

/// [`list_body`] with a phone number echo or without the count message.
pub fn list_body_with(
    world: &World,
    matching: &[usize],
    paging: Paging,
    none_message: &str,
    neg: Neg,
    opts: ListOpts,
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
            phone_number: opts.phone_number,
            messages: Messages::one(message),
            total_count: Some(total as u64),
            ..Default::default()
        };
        return envelope::body(neg, StatusCode::NOT_FOUND, &body);
    }
    let body = LazyList {
        phone_number: opts.phone_number,
        messages: if opts.quiet {
            Messages::none()
        } else {
            Messages::one(envelope::devices_returned(page.len()))
        },
        total_count: total as u64,
        devices: LazyDevices {
            world,
            indices: page,
        },
    };
    envelope::body(neg, StatusCode::OK, &body)
}

/// The `status` filter; without it only ACTIVE devices are returned (V1 guide, "Get Devices by
/// Status").
pub fn status_filter(params: &Params) -> Result<Option<DeviceStatus>, ApiError> {
    params
        .non_blank("status")
        .map(|s| {
            s.parse::<DeviceStatus>().map_err(|_| {
                ApiError::bad_request(format!(
                    "Invalid status: {s}. Valid values: {}",
                    DeviceStatus::ALL.map(|s| s.as_str()).join(", ")
                ))
            })
        })
        .transpose()
}

/// `GET /api/v1/dm/devices[?status=&offset=&limit=]`.
pub async fn list(
    State(state): State<SharedState>,
    neg: Neg,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    // V1 guide, "Get Devices by Status": "If the status is not specified, all devices with 'Active'
    // status are returned."
    let status = status_filter(&params)?.unwrap_or(DeviceStatus::Active);
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/devices?status={status}&{}", paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
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
            neg,
        )
    })
    .await)
}

/// A path parameter, or 400.
pub fn path_param(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    p.map(|Path(v)| v)
        .map_err(|e| ApiError::bad_request(e.body_text()))
}

/// `GET /api/v1/dm/devices/{uuid}`.
pub async fn one(
    State(state): State<SharedState>,
    neg: Neg,
    uuid: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let uuid = path_param(uuid)?;
    let world = state.read();
    let d = world
        .device(&uuid)
        .ok_or_else(|| ApiError::no_data(format!("No device found for uuid {uuid}")))?;
    let body = DeviceResponse {
        messages: Messages::none(),
        device: Some(to_wire(&world, d, View::Single)),
    };
    drop(world);
    Ok(envelope::ok(neg, &body))
}

/// Lookups find "only registered devices" (V1 guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address"): retired ones are left out.
fn registered(d: &DeviceRec) -> bool {
    !matches!(d.status, DeviceStatus::Retired)
}

/// `GET /api/v1/dm/phones/{phone#[,phone#…]}` (V1 guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address", URI 1): the devices of one or several phone numbers. One
/// number is echoed as `phoneNumber` and a match gives empty `messages`; several are echoed only
/// when nothing matched (the response example).
pub async fn by_phones(
    State(state): State<SharedState>,
    neg: Neg,
    phones: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let phones = path_param(phones)?;
    let paging = Paging::from_params(&params)?;
    let list: Vec<String> = phones
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if list.is_empty() || list.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(ApiError::bad_request(format!(
            "Invalid phone number: {phones} (digits only, comma-separated; V1 guide, Phone Number Formats)"
        )));
    }
    let key = format!("v1/dm/phones/{}?{}", list.join(","), paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        let mut matching: Vec<usize> = list
            .iter()
            .filter_map(|p| w.device_index_by_phone(p))
            .filter(|&i| registered(&w.devices[i]))
            .collect();
        matching.sort_unstable();
        matching.dedup();
        let one = list.len() == 1;
        let opts = ListOpts {
            phone_number: if one || matching.is_empty() {
                list.join(",")
            } else {
                String::new()
            },
            quiet: one,
        };
        list_body_with(
            w,
            &matching,
            paging,
            &format!("No devices found for phone number {}", list.join(",")),
            neg,
            opts,
        )
    })
    .await)
}

/// `GET /api/v1/dm/users/{username}` (V1 guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address", URI 2): all devices of the user.
pub async fn by_user(
    State(state): State<SharedState>,
    neg: Neg,
    user: Result<Path<String>, PathRejection>,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user = path_param(user)?;
    let paging = Paging::from_params(&params)?;
    let key = format!("v1/dm/users/{}?{}", user.to_ascii_lowercase(), paging.key());
    Ok(envelope::cached(&state, &headers, neg, key, move |w, neg| {
        let Some(u) = w.user_index(&user) else {
            return ApiError::no_data(format!("No user found with name {user}")).body_in(neg);
        };
        let matching: Vec<usize> = w
            .devices_of(u)
            .into_iter()
            .filter(|&i| registered(&w.devices[i]))
            .collect();
        list_body(
            w,
            &matching,
            paging,
            &format!("No devices found for user {user}"),
            neg,
        )
    })
    .await)
}

/// `GET /api/v1/dm/devices/mac/{macaddress}` (V1 guide, "Get Device Details for a Phone
/// Number/User/Label/Wi-Fi MAC Address", URI 4): the device as `device` (what public clients read:
/// PacketFence's `mobileiron.pm`, digest `epmm-v1-api.md`, "3.1.4 Device lookups") and in the
/// shared `devices` list shape of the guide.
pub async fn by_mac(
    State(state): State<SharedState>,
    neg: Neg,
    mac: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let mac = path_param(mac)?;
    check_mac(&mac)?;
    let world = state.read();
    let i = world
        .device_index_by_mac(&mac)
        .filter(|&i| registered(&world.devices[i]))
        .ok_or_else(|| ApiError::no_data(format!("No device found for Wi-Fi MAC address {mac}")))?;
    let d = &world.devices[i];
    let body = MacLookupResponse {
        messages: Messages::one(envelope::devices_returned(1)),
        total_count: Some(1),
        device: Some(to_wire(&world, d, View::Single)),
        devices: vec![to_wire(&world, d, View::List)].into(),
    };
    drop(world);
    Ok(envelope::ok(neg, &body))
}

/// A Wi-Fi MAC: 12 hex digits, separators allowed (`38AA3C62BFAD`, `38:aa:3c:62:bf:ad`).
pub fn check_mac(mac: &str) -> Result<(), ApiError> {
    let hex = wire::v1::normalize_mac(mac);
    let clean = mac
        .chars()
        .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '-' | '.'));
    if hex.len() == 12 && clean {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "Invalid Wi-Fi MAC address: {mac} (expected 12 hex digits, e.g. 38AA3C62BFAD)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed;

    #[test]
    fn lazy_list_is_byte_identical_to_the_wire_type() {
        let w = seed::generate(40, 3);
        let idx: Vec<usize> = (0..w.devices.len()).collect();
        let (status, lazy) = list_body(&w, &idx, Paging::default(), "none", Neg::json());
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
