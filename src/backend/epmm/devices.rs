//! Devices (EPMM V1 `/dm/devices…`) behind the portal's [`DeviceApi`]: the 13 V1 statuses, the
//! streamed device list, one device, the server lookups, and the single-device actions with
//! EPMM's rules of when each is possible.

use super::{actions, EpmmCalls};
use crate::backend::devices::{
    ActionInput, ActionOutcome, BulkAction, BulkProgress, DeviceApi, DeviceCaps, Progress,
};
use crate::backend::http::Call;
use crate::backend::{ApiClient, ApiError};
use crate::domain::actions::{DeviceCommand, DeviceLocation};
use crate::domain::bulk::BulkOutcome;
use crate::domain::device::{
    shared, Device, DeviceInfo, Lifecycle, OsFamily, Ownership, Shared, StatusFilter,
};
use crate::domain::lookup::Lookup;
use crate::domain::profile::Profile;
use crate::url::{encode_path_segment, query_string};
use std::borrow::Cow;
use std::sync::Arc;
use wire::v1;

/// The V1 statuses as the status filter: all 13 are accepted by "Get devices by status" (EPMM
/// V1 API guide, "Device status values").
pub const STATUSES: &[StatusFilter] = &[
    status(v1::DeviceStatus::Active, "Active"),
    status(v1::DeviceStatus::Blocked, "Blocked"),
    status(v1::DeviceStatus::IenrollVerified, "Enrollment verified"),
    status(
        v1::DeviceStatus::IenrollInprogress,
        "Enrollment in progress",
    ),
    status(v1::DeviceStatus::IenrollComplete, "Enrollment complete"),
    status(v1::DeviceStatus::Infected, "Infected"),
    status(v1::DeviceStatus::Lost, "Lost"),
    status(
        v1::DeviceStatus::VerificationPending,
        "Verification pending",
    ),
    status(v1::DeviceStatus::Retired, "Retired"),
    status(v1::DeviceStatus::RetirePending, "Retire pending"),
    status(v1::DeviceStatus::Verified, "Verified"),
    status(v1::DeviceStatus::Wiped, "Wiped"),
    status(v1::DeviceStatus::Expired, "Expired"),
];

const fn status(s: v1::DeviceStatus, label: &'static str) -> StatusFilter {
    StatusFilter {
        key: s.as_str(),
        label,
        lifecycle: lifecycle(s),
    }
}

/// Where each V1 status sits in the portal's lifecycle.
pub const fn lifecycle(s: v1::DeviceStatus) -> Lifecycle {
    use v1::DeviceStatus as S;
    match s {
        S::Active | S::Verified | S::IenrollComplete => Lifecycle::Active,
        S::Blocked | S::Infected => Lifecycle::Blocked,
        S::IenrollVerified | S::IenrollInprogress | S::VerificationPending => Lifecycle::Enrolling,
        S::Lost => Lifecycle::Lost,
        S::Retired => Lifecycle::Retired,
        S::RetirePending => Lifecycle::Retiring,
        S::Wiped => Lifecycle::Wiped,
        S::Expired => Lifecycle::Expired,
    }
}

/// The device page's tabs on EPMM.
const TABS: &[(&str, &str)] = &[
    ("details", "Platform details"),
    ("profiles", "Profiles"),
    ("policies", "Policies"),
    ("app-settings", "App settings"),
    ("alerts", "Alerts"),
    ("location", "Location"),
    ("activesync", "ActiveSync"),
];

/// The single-device actions of the V1 API, in the order of their buttons.
pub const ACTIONS: [DeviceCommand; 7] = [
    DeviceCommand::Lock,
    DeviceCommand::Unlock,
    DeviceCommand::WakeUp,
    DeviceCommand::Locate,
    DeviceCommand::Roaming,
    DeviceCommand::Retire,
    DeviceCommand::Wipe,
];

const CAPS: DeviceCaps = DeviceCaps {
    statuses: STATUSES,
    actions: &ACTIONS,
    reason_max: v1::MAX_REASON_CHARS,
    tabs: TABS,
    lookups: true,
    as_of_check_in: false,
    bulk: super::bulk::ACTIONS,
    messages: super::bulk::MESSAGES,
};

/// EPMM's devices.
pub struct EpmmDevices {
    api: ApiClient,
}

impl EpmmDevices {
    pub fn new(api: ApiClient) -> Self {
        EpmmDevices { api }
    }
}

#[async_trait::async_trait(?Send)]
impl DeviceApi for EpmmDevices {
    fn caps(&self) -> &DeviceCaps {
        &CAPS
    }

    async fn list(
        &self,
        status: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        let path = format!("/v1/dm/devices?{}", query_string([("status", status)]));
        device_list(&self.api, &path, progress).await
    }

    async fn get(&self, id: &str) -> Result<Device, ApiError> {
        get(&self.api, id).await
    }

    async fn group_names(&self) -> Result<Vec<String>, ApiError> {
        let labels = super::labels::list(&self.api).await?;
        Ok(labels.iter().map(|l| l.name.clone()).collect())
    }

    async fn lookup(&self, l: &Lookup) -> Result<Arc<Vec<Device>>, ApiError> {
        lookup(&self.api, l).await
    }

    fn refusal(&self, d: &Device, action: DeviceCommand) -> Option<&'static str> {
        refusal(d, action)
    }

    async fn run(
        &self,
        d: &Device,
        action: DeviceCommand,
        input: &ActionInput,
    ) -> Result<ActionOutcome, ApiError> {
        match action {
            DeviceCommand::Unlock => {
                let codes = actions::unlock(&self.api, &d.id, &input.reason).await?;
                Ok(ActionOutcome {
                    message: "Unlock sent.".into(),
                    unlock_codes: Some(codes),
                    ..Default::default()
                })
            }
            DeviceCommand::Roaming => {
                let (voice, data) = input.roaming.unwrap_or((true, true));
                let message = actions::roaming(&self.api, &d.id, voice, data).await?;
                Ok(ActionOutcome {
                    message,
                    ..Default::default()
                })
            }
            _ => actions::run(&self.api, action, &d.id, &input.reason).await,
        }
    }

    async fn locate(&self, id: &str, now: bool) -> Result<Option<DeviceLocation>, ApiError> {
        actions::locate(&self.api, id, now).await
    }

    async fn profiles(&self, id: &str) -> Result<Arc<Vec<Profile>>, ApiError> {
        super::profiles::for_device(&self.api, id).await
    }

    async fn repush(&self, id: &str, profile: Option<&Profile>) -> Result<String, ApiError> {
        super::profiles::repush(&self.api, id, profile).await
    }

    async fn bulk(
        &self,
        action: &BulkAction,
        ids: &[String],
        progress: &dyn BulkProgress,
    ) -> BulkOutcome {
        super::bulk::run(&self.api, action, ids, progress).await
    }
}

/// Why an action is not possible on a device's status (EPMM V1 API guide, "Wipe a device": "the
/// only valid action to apply is Retire"; "Enable roaming": iOS only), or `None`.
pub fn refusal(d: &Device, action: DeviceCommand) -> Option<&'static str> {
    let status = d.status_key.parse::<v1::DeviceStatus>().ok();
    use v1::DeviceStatus as S;
    match status {
        Some(S::Retired) => return Some("The device is retired and no longer managed."),
        Some(S::RetirePending) => return Some("Retiring this device is already pending."),
        Some(S::Wiped) if action != DeviceCommand::Retire => {
            return Some("After a wipe, the only action left is Retire.");
        }
        Some(S::VerificationPending | S::IenrollInprogress) if action != DeviceCommand::Retire => {
            return Some("The device has not finished registering yet: only Retire is possible.");
        }
        Some(S::Expired) if action != DeviceCommand::Retire => {
            return Some("The device's registration has expired: only Retire is possible.");
        }
        _ => {}
    }
    if action == DeviceCommand::Roaming && d.os != OsFamily::Ios {
        return Some("Roaming settings can be changed only on iOS devices.");
    }
    None
}

/// The most devices a list is sized for in advance (the portal is built for 100,000).
const MAX_PRESIZE: usize = 200_000;

/// Devices are reported to the progress every this many.
const PROGRESS_EVERY: usize = 2_000;

/// A device list answer (`{"devices":{"device":[…]}}`, EPMM V1 API guide, "Get devices by
/// status"), read while it arrives: each device is parsed and mapped as soon as its bytes are in,
/// and the bytes dropped (100,000 devices are over 100 MB of JSON). A device given as one object
/// instead of a list, and every other tolerated shape, come from the rest of the answer. A 404 is
/// the empty list.
pub(super) async fn device_list(
    api: &ApiClient,
    path: &str,
    progress: &dyn Progress<Device>,
) -> Result<Arc<Vec<Device>>, ApiError> {
    let mut out = Vec::new();
    let mut total = None;
    let rest: v1::DeviceListResponse = super::empty_if_not_found(
        api.get_streamed(Call::get(path), v1::DEVICE_LIST_ARRAY, |element, head| {
            if out.capacity() == 0 {
                // Sized once from the answer's totalCount: no doubling peak in wasm memory.
                total = v1::total_count_hint(head, MAX_PRESIZE);
                if let Some(n) = total {
                    let _ = out.try_reserve_exact(n);
                }
            }
            // Read from the front of the chunk where the whole device is in it (no splitting, no
            // copy); else, or when it does not read, on its own once it is complete.
            let Some((device, taken)) = v1::ListDevice::from_element(element)? else {
                return Ok(None);
            };
            out.push(map(device, Details::Drop));
            if out.len() % PROGRESS_EVERY == 0 {
                progress.partial(&out, total);
            }
            Ok(taken)
        })
        .await,
    )?;
    out.extend(
        rest.devices
            .items
            .into_iter()
            .map(|w| map(w, Details::Drop)),
    );
    if out.capacity() > out.len() + out.len() / 8 + 16 {
        // A count above what came (a server's mistake) does not keep its room.
        out.shrink_to_fit();
    }
    Ok(Arc::new(out))
}

/// One device with all its details (`GET /api/v1/dm/devices/{uuid}`, EPMM V1 API guide, "Get
/// device details").
pub async fn get(api: &ApiClient, uuid: &str) -> Result<Device, ApiError> {
    let path = format!("/v1/dm/devices/{}", encode_path_segment(uuid));
    let r: v1::DeviceResponse = api.get_json(&path).await?;
    r.device
        .map(map_device)
        .ok_or_else(|| ApiError::malformed("the answer has no device"))
}

/// The devices of a label (`GET /api/v1/dm/labels/{name}`, EPMM V1 API guide, "Get Device
/// Details for a Phone Number/User/Label/Wi-Fi MAC Address").
pub async fn in_label(
    api: &ApiClient,
    label: &str,
    progress: &dyn Progress<Device>,
) -> Result<Arc<Vec<Device>>, ApiError> {
    let path = format!("/v1/dm/labels/{}", encode_path_segment(label));
    device_list(api, &path, progress).await
}

/// Devices found by a server lookup (any state): by label, Wi-Fi MAC, phone numbers or user
/// (EPMM V1 API guide, "Device lookups"). No match is an empty list.
pub async fn lookup(api: &ApiClient, l: &Lookup) -> Result<Arc<Vec<Device>>, ApiError> {
    let quiet = &crate::backend::devices::Quiet;
    match l {
        Lookup::Label(name) => in_label(api, name, quiet).await,
        Lookup::User(u) => {
            device_list(
                api,
                &format!("/v1/dm/users/{}", encode_path_segment(u)),
                quiet,
            )
            .await
        }
        Lookup::Phones(p) => {
            let path: Vec<String> = p.iter().map(|n| encode_path_segment(n)).collect();
            device_list(api, &format!("/v1/dm/phones/{}", path.join(",")), quiet).await
        }
        Lookup::Mac(m) => {
            let r: v1::MacLookupResponse = api
                .get_list(&format!("/v1/dm/devices/mac/{}", encode_path_segment(m)))
                .await?;
            Ok(Arc::new(
                r.device().cloned().map(map_device).into_iter().collect(),
            ))
        }
    }
}

fn status_of<S: AsRef<str>>(w: &v1::Device<S>) -> Option<v1::DeviceStatus> {
    w.status
        .as_ref()
        .parse::<v1::DeviceStatus>()
        .ok()
        .or_else(|| v1::DeviceStatus::from_code(w.status_code))
}

/// The reasons of a V1 bitmap (EPMM V1 API guide, "Compliance, quarantine and block reason
/// bitmaps") in words; nothing allocated when clear.
pub fn reasons(bits: u32) -> Vec<Cow<'static, str>> {
    if bits == 0 {
        return Vec::new();
    }
    let d = v1::bitmap::decode(bits);
    let mut out: Vec<Cow<'static, str>> = d.reasons.iter().map(|r| Cow::Borrowed(r.text)).collect();
    if d.unknown_bits != 0 {
        out.push(Cow::Owned(format!(
            "Undocumented reason bits 0x{:06x}",
            d.unknown_bits
        )));
    }
    out
}

/// Maps the V1 device into the portal's device.
pub fn map_device(w: v1::Device) -> Device {
    map(w, Details::Keep)
}

/// Whether a mapped device keeps every platform detail key and the internal id (the device page)
/// or only the facts drawn from them (a list: the keys are the same on every device, and 100,000
/// devices would hold them all once more; the internal id is shown on the device page only).
#[derive(Clone, Copy, PartialEq)]
enum Details {
    Keep,
    Drop,
}

/// Generic over the wire texts: a list's rows borrow theirs from the answer
/// ([`v1::ListDevice`]); only the texts kept become `String`s.
fn map<S: AsRef<str> + Into<String>>(w: v1::Device<S>, keep: Details) -> Device {
    let status = status_of(&w);
    let d = &w.details;
    let wifi_mac = w.wifi_mac().unwrap_or_default();
    let imei = d
        .first_of(&["imei", "iPhone IMEI"])
        .unwrap_or_default()
        .to_string();
    let serial = d
        .first_of(&["SerialNumber", "serial_number"])
        .unwrap_or_default()
        .to_string();
    let os_version = shared(
        d.first_of(&["OSVersion", "platform_name", "os_version"])
            .unwrap_or_default(),
    );
    let client_version = shared(d.first_of(&["Client_version"]).unwrap_or_default());
    let phone = w.phone().to_string();
    let display = if w.user_display_name.as_ref().trim().is_empty() {
        format!(
            "{} {}",
            w.user_first_name.as_ref(),
            w.user_last_name.as_ref()
        )
        .trim()
        .to_string()
    } else {
        w.user_display_name.into()
    };
    let (status_key, status_label): (Shared, Shared) = match status {
        Some(s) => (
            s.as_str().into(),
            STATUSES
                .iter()
                .find(|f| f.key == s.as_str())
                .map(|f| f.label)
                .unwrap_or_default()
                .into(),
        ),
        // A status this portal does not know is shown as the server sent it.
        None => (shared(w.status.as_ref()), shared(w.status.as_ref())),
    };
    Device::from(DeviceInfo {
        extra: match keep {
            Details::Keep => vec![(Cow::Borrowed("Internal id"), w.id.to_string())],
            Details::Drop => Vec::new(),
        },
        mdm_managed: Some(w.mdm_managed),
        eas_last_sync: wire::datetime::parse_to_epoch_ms(w.eas_last_sync_attempt.as_ref()),
        compliant: w.compliance == 0,
        quarantined: w.quarantined_status != 0,
        blocked: w.block_reason != 0,
        compromised: false,
        compliance_reasons: reasons(w.compliance),
        quarantine_reasons: reasons(w.quarantined_status),
        block_reasons: reasons(w.block_reason),
        eas_id: w.eas_uuid.into(),
        home_operator: shared(w.home_operator.as_ref()),
        user_id: w.user_uuid.into(),
        os: OsFamily::from_platform(w.platform.as_ref()),
        lifecycle: status.map(lifecycle).unwrap_or_default(),
        status_key,
        status_label,
        last_seen: wire::datetime::parse_to_epoch_ms(w.last_connected_at.as_ref()),
        registered: wire::datetime::parse_to_epoch_ms(w.registered_at.as_ref()),
        ownership: if w.employee_owned {
            Ownership::Employee
        } else {
            Ownership::Company
        },
        wifi_mac,
        imei,
        serial,
        os_version,
        client_version,
        phone,
        user_display_name: display,
        details: match keep {
            Details::Keep => w
                .details
                .0
                .into_iter()
                .map(|e| (e.key.into(), e.value.into()))
                .collect(),
            Details::Drop => Vec::new(),
        },
        attributes: Vec::new(),
        id: w.uuid.into(),
        name: w.name.into(),
        user: w.principal.into(),
        email: w.email_address.into(),
        platform: shared(w.platform.as_ref()),
        manufacturer: shared(w.manufacturer.as_ref()),
        model: shared(w.model.as_ref()),
        operator: shared(w.operator.as_ref()),
        country: shared(w.country_name.as_ref()),
        comment: w.comment.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_the_guide_example() {
        let w: v1::Device = serde_json::from_value(json!({
            "id": 2, "uuid": "8d711cdc-e93c-49b1-88d6-222f54132445", "principal": "jdoe",
            "status": "ACTIVE", "statusCode": 97, "platform": "Android 4.4", "employeeOwned": false,
            "lastConnectedAt": "2011-07-08T01:52:33+00:00", "userFirstName": "Joe", "userLastName": "Doe",
            "phoneNumber": "4085551212",
            "details": [{"entry": [{"key": "Client_version", "value": "4.2.0"},
                                   {"key": "wifi_mac_addr", "value": "f8:7b:7a:29:83:8f"},
                                   {"key": "imei", "value": "A00000226EBF9F"}]}]
        }))
        .unwrap();
        let d = map_device(w);
        assert_eq!(
            (d.lifecycle, d.status_key.as_ref()),
            (Lifecycle::Active, "ACTIVE")
        );
        assert_eq!(d.os, OsFamily::Android);
        assert_eq!(d.ownership, Ownership::Company);
        assert_eq!(d.last_seen, Some(1_310_089_953_000));
        assert_eq!(d.user_display_name, "Joe Doe");
        assert_eq!(d.client_version, "4.2.0");
        assert_eq!(d.wifi_mac, "F87B7A29838F");
        assert_eq!(d.imei, "A00000226EBF9F");
        assert_eq!(d.phone, "4085551212");
        assert!(d.compliance_reasons.is_empty());
    }

    #[test]
    fn a_list_row_leaves_out_what_only_the_device_page_shows() {
        let json = br#"{"id":2,"uuid":"u","details":[{"entry":[{"key":"imei","value":"35"}]}]}"#;
        let row = map(v1::ListDevice::from_json(json).unwrap(), Details::Drop);
        assert!(row.extra.is_empty() && row.details.is_empty());
        assert_eq!((row.id.as_str(), row.imei.as_str()), ("u", "35"));
        let page = map_device(serde_json::from_slice(json).unwrap());
        assert_eq!(
            page.extra,
            [(Cow::Borrowed("Internal id"), "2".to_string())]
        );
        assert_eq!(page.details, [("imei".to_string(), "35".to_string())]);
    }

    #[test]
    fn bitmaps_become_reasons() {
        // 0x000010 "policy out of date" + 0x000020 "out of contact"; 0x020000 is undocumented.
        let r = reasons(0x10 | 0x20 | 0x020000);
        assert_eq!(r[0], "Policy out of date");
        assert_eq!(r[1], "Out of contact");
        assert_eq!(r[2], "Undocumented reason bits 0x020000");
        assert!(reasons(0).is_empty());
    }

    #[test]
    fn status_from_code_when_name_missing_and_unknown_kept() {
        let w: v1::Device =
            serde_json::from_value(json!({"uuid": "u", "statusCode": 119})).unwrap();
        assert_eq!(map_device(w).lifecycle, Lifecycle::Wiped);
        let w: v1::Device =
            serde_json::from_value(json!({"uuid": "u", "status": "QUARANTINED"})).unwrap();
        let d = map_device(w);
        assert_eq!(d.lifecycle, Lifecycle::Unknown);
        assert_eq!(d.state_label(), "QUARANTINED");
    }

    fn device(status: v1::DeviceStatus, os: OsFamily) -> Device {
        Device::from(DeviceInfo {
            id: "u".into(),
            status_key: status.as_str().into(),
            lifecycle: lifecycle(status),
            os,
            ..Default::default()
        })
    }

    #[test]
    fn after_wipe_only_retire() {
        // EPMM V1 API guide, "Wipe a device": "the only valid action to apply is Retire".
        let d = device(v1::DeviceStatus::Wiped, OsFamily::Android);
        for c in ACTIONS {
            assert_eq!(
                refusal(&d, c).is_none(),
                c == DeviceCommand::Retire,
                "{c:?}"
            );
        }
    }

    #[test]
    fn unfinished_registration_only_retire() {
        use v1::DeviceStatus as S;
        for st in [S::VerificationPending, S::IenrollInprogress, S::Expired] {
            let d = device(st, OsFamily::Ios);
            for c in ACTIONS {
                assert_eq!(
                    refusal(&d, c).is_none(),
                    c == DeviceCommand::Retire,
                    "{st:?} {c:?}"
                );
            }
        }
    }

    #[test]
    fn retired_allows_nothing_and_active_everything_but_roaming_off_ios() {
        let d = device(v1::DeviceStatus::Retired, OsFamily::Ios);
        assert!(ACTIONS.iter().all(|c| refusal(&d, *c).is_some()));
        let a = device(v1::DeviceStatus::Active, OsFamily::Android);
        assert!(ACTIONS
            .iter()
            .all(|c| refusal(&a, *c).is_some() == (*c == DeviceCommand::Roaming)));
        let i = device(v1::DeviceStatus::Active, OsFamily::Ios);
        assert!(ACTIONS.iter().all(|c| refusal(&i, *c).is_none()));
    }

    #[test]
    fn every_v1_status_is_a_filter_with_its_lifecycle() {
        assert_eq!(STATUSES.len(), v1::DeviceStatus::ALL.len());
        for s in v1::DeviceStatus::ALL {
            let f = STATUSES.iter().find(|f| f.key == s.as_str()).unwrap();
            assert_eq!(f.lifecycle, lifecycle(s));
        }
        assert_eq!(STATUSES[0].key, "ACTIVE");
    }
}
