//! Device APIs (CPS guide, "Device APIs"): the device as CPS renders it, the look-ups by MDM
//! identifier or `deviceGuid` and by Wi-Fi MAC, the searches and counts by status and by device
//! group, the location, and the attribute update. Settings are in [`super::settings`], force
//! check-in and the MTD notification in [`super::checkin`].

use super::attributes::{self, Target};
use super::ids;
use super::reply::{self, Body, CpsError, Page, Query, Reply};
use crate::catalog::Platform;
use crate::ops;
use crate::state::{LabelRec, SharedState, World};
use axum::extract::State;
use wire::cps::{
    Device, DeviceLocation, DevicePlatform, DeviceStatus, IdentifierRequest, LatLong, Ownership,
    UpdateAttributesRequest,
};

/// The CPS `os` of a platform.
pub fn platform(p: Platform) -> DevicePlatform {
    match p {
        Platform::Android => DevicePlatform::Android,
        Platform::Ios => DevicePlatform::Ios,
        Platform::Windows => DevicePlatform::Windows,
        Platform::Macos => DevicePlatform::Osx,
    }
}

/// The device at index `i` as CPS sends it: only the properties that have a value, the four
/// flags always (a `false` is a value). Devices whose registration is not completed have not
/// reported their identifiers, MAC, IMEI, serial number or a check-in yet. `imsi` is never sent
/// ("imei, imsi and macAddress may not be present", CPS guide, "Device"): the mock's IMSI exists
/// only in the V1 details.
pub fn to_cps(w: &World, i: usize) -> Device {
    let d = &w.devices[i];
    let user = w.owner(d);
    let m = d.model();
    let enrolled = !d.pending();
    let identifier = ids::mdm_identifier(w.seed, d);
    let some = |s: String| (!s.is_empty()).then_some(s);
    Device {
        compliant: Some(d.compliance == 0),
        quarantined: Some(d.quarantined_status != 0),
        blocked: Some(d.block_reason != 0),
        compromised: Some(d.compliance & wire::v1::bitmap::flags::COMPROMISED != 0),
        status: Some(w.cps_status(i)),
        last_check_in_time: (d.last_connected_at > 0).then(|| d.last_connected_at * 1000),
        registration_time: Some(d.registered_at * 1000),
        ios_udid: identifier.clone().filter(|_| d.platform() == Platform::Ios),
        identifier,
        mac_address: enrolled.then(|| ids::colon_mac(d.mac)),
        manufacturer: Some(m.manufacturer.to_string()),
        // Apple devices report the hardware identifier (`iPhone15,4`, the guide's `iPad7,5`).
        model: Some(if m.platform.is_apple() { m.hw } else { m.model }.to_string()),
        os: Some(platform(d.platform())),
        os_version: Some(d.os().version.to_string()),
        serial_number: enrolled.then(|| d.serial_string()),
        user_id: Some(user.principal.clone()),
        user_uuid: Some(user.uuid.clone()),
        device_guid: Some(d.uuid.clone()),
        custom_attributes: attributes::values(w, Target::Device, i),
        ownership: Some(if d.employee_owned {
            Ownership::Employee
        } else {
            Ownership::Company
        }),
        imei: enrolled.then(|| d.imei_string()).and_then(some),
        imsi: None,
        phone_number: some(d.phone_string()),
    }
}

/// `POST /device/uuid` ("Get devices by MDM or deviceGuid identifiers").
pub async fn by_identifiers(
    State(app): State<SharedState>,
    Body(req): Body<IdentifierRequest>,
) -> Reply {
    let w = app.read();
    let found = ids::resolve(&w, &req)?;
    Ok(reply::json(
        &found.iter().map(|&i| to_cps(&w, i)).collect::<Vec<_>>(),
    ))
}

/// `POST /device/mac` ("Get devices by mac addresses"): Wi-Fi MACs in any separator style and
/// case; a device reports its MAC once enrolled.
pub async fn by_macs(State(app): State<SharedState>, Body(req): Body<IdentifierRequest>) -> Reply {
    let w = app.read();
    let found = ids::dedup(
        reply::identifiers(&req)?
            .into_iter()
            .filter_map(|m| w.device_index_by_mac(m)),
    );
    Ok(reply::json(
        &found.iter().map(|&i| to_cps(&w, i)).collect::<Vec<_>>(),
    ))
}

/// The `status` and `ruleId` (or `id`) filters of the searches and counts (both together: AND).
pub struct Filter<'a> {
    pub status: Option<DeviceStatus>,
    /// `Some(None)`: a `ruleId` that names no group (nothing matches).
    pub rule: Option<Option<&'a LabelRec>>,
}

impl<'a> Filter<'a> {
    pub fn from_query(w: &'a World, q: &Query) -> Result<Self, CpsError> {
        let status = q
            .non_blank("status")
            .map(|s| {
                DeviceStatus::parse(s).ok_or_else(|| {
                    CpsError::bad_request(format!(
                        "Invalid status: {s} (one of {})",
                        DeviceStatus::ALL
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })
            })
            .transpose()?;
        // The URI's `ruleId`; `id`, the name in the guide's parameter tables, is read too.
        let rule = q
            .non_blank("ruleId")
            .or_else(|| q.non_blank("id"))
            .map(|r| super::groups::parse_id(r).map(|id| w.label_by_id(id)))
            .transpose()?;
        Ok(Filter { status, rule })
    }

    /// The indices of the matching devices, in device order.
    pub fn matching(&self, w: &'a World) -> impl Iterator<Item = usize> + 'a {
        let status = self.status;
        let rule = self.rule;
        (0..w.devices.len()).filter(move |&i| {
            rule.is_none_or(|r| r.is_some_and(|l| l.contains(i, &w.devices[i])))
                && status.is_none_or(|s| w.cps_status(i) == s)
        })
    }
}

/// `GET /device?status=&ruleId=&offset=&limit=` ("Search devices by status", "Search devices by
/// device group identifier"): no filter returns every device.
pub async fn search(State(app): State<SharedState>, q: Query) -> Reply {
    let max = app.cps.max_limit();
    super::blocking(&app, move |w| {
        let page = Page::from_query(&q, max)?;
        let filter = Filter::from_query(w, &q)?;
        let devices: Vec<Device> = page.of(filter.matching(w)).map(|i| to_cps(w, i)).collect();
        Ok(reply::json(&page.envelope(devices)))
    })
    .await
}

/// `GET /device/count?status=&ruleId=` ("Count devices by status", "Count devices by device group
/// identifier").
pub async fn count(State(app): State<SharedState>, q: Query) -> Reply {
    let w = app.read();
    let filter = Filter::from_query(&w, &q)?;
    Ok(reply::count(filter.matching(&w).count()))
}

/// `POST /device/location` ("Get device location details"): the last fix, coordinates as strings
/// with six decimals; a device that was never located has no `location`. Devices without an MDM
/// identifier (registration not completed) are left out.
pub async fn location(State(app): State<SharedState>, Body(req): Body<IdentifierRequest>) -> Reply {
    let w = app.read();
    let out: Vec<DeviceLocation> = ids::resolve(&w, &req)?
        .into_iter()
        .filter_map(|i| {
            let id = ids::mdm_identifier(w.seed, &w.devices[i])?;
            let fix = ops::current_fix(&w, i)
                .filter(|f| f.result != wire::v1::LookupResult::LookupFailure);
            Some(DeviceLocation {
                device_mdm_id: Some(id),
                last_captured: fix.map(|f| f.captured_ms),
                location: fix.map(|f| LatLong {
                    latitude: Some(format!("{:.6}", f.lat)),
                    longitude: Some(format!("{:.6}", f.lon)),
                }),
            })
        })
        .collect();
    Ok(reply::json(&out))
}

/// `POST /device` ("Update device attributes by device UEM identifiers"); see
/// [`super::attributes`].
pub async fn update(
    State(app): State<SharedState>,
    Body(req): Body<UpdateAttributesRequest>,
) -> Reply {
    let n = attributes::update(&app, Target::Device, &req, |w| ids::resolve(w, &req.target))?;
    Ok(reply::count(n))
}
