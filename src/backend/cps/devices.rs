//! Devices (CPS guide, "Device APIs") behind the portal's [`DeviceApi`]: the seven CPS statuses
//! and "All" as the status filter, the device search walked to the end with `/device/count` as
//! the total, one device by `deviceGuid`, the look-ups CPS can answer, force check-in, the
//! location, and the mapping of the CPS device into the portal's.

use super::{count, walk_search, CpsClient};
use crate::backend::device_details::tab;
use crate::backend::devices::{
    ActionInput, ActionOutcome, BulkAction, BulkProgress, DeviceApi, DeviceCaps, Progress, Quiet,
};
use crate::backend::ApiError;
use crate::domain::actions::{DeviceCommand, DeviceLocation};
use crate::domain::bulk::BulkOutcome;
use crate::domain::device::{
    shared, Device, DeviceInfo, Lifecycle, OsFamily, Ownership, Shared, StatusFilter,
};
use crate::domain::lookup::Lookup;
use crate::url::query_string;
use std::borrow::Cow;
use std::sync::Arc;
use wire::cps::{self, DevicePlatform, DeviceStatus, IdentifierRequest, NumberResult};

const fn status(key: &'static str, label: &'static str, lifecycle: Lifecycle) -> StatusFilter {
    StatusFilter {
        key,
        label,
        lifecycle,
    }
}

/// The status filter: "All" first (no `status`: "no status returns all", CPS guide, "Search
/// devices by status"), then the seven `DeviceStatus` values (CPS guide, "Enums").
pub const STATUSES: &[StatusFilter] = &[
    status("", "All", Lifecycle::Unknown),
    status("ACTIVE", "Active", Lifecycle::Active),
    status(
        "ENROLLMENT_PENDING",
        "Enrollment pending",
        Lifecycle::Enrolling,
    ),
    status("RETIRE_SENT", "Retire sent", Lifecycle::Retiring),
    status("RETIRED", "Retired", Lifecycle::Retired),
    status("WIPE_SENT", "Wipe sent", Lifecycle::Wiping),
    status("WIPED", "Wiped", Lifecycle::Wiped),
    status("UNKNOWN", "Unknown", Lifecycle::Unknown),
];

/// The filter entry of a CPS status.
fn filter_of(s: DeviceStatus) -> Option<&'static StatusFilter> {
    STATUSES.iter().find(|f| f.key == s.as_str())
}

/// The device page's tabs on CPS.
const TABS: &[(&str, &str)] = &[
    (tab::APPS, "Applications"),
    (tab::CERTIFICATES, "Certificates"),
    (tab::INSTALLED_PROFILES, "Profiles"),
    (tab::GROUPS, "Device groups"),
    ("location", "Location"),
    (tab::SETTINGS, "Hotspot and roaming"),
    (tab::ATTRIBUTES, "Custom attributes"),
];

/// CPS acts on one device only by a force check-in (CPS guide, "Force checkin"); it has no lock,
/// unlock, wipe or retire.
const CAPS: DeviceCaps = DeviceCaps {
    statuses: STATUSES,
    actions: &[DeviceCommand::CheckIn],
    reason_max: 0,
    tabs: TABS,
    lookups: true,
    // "the value returned by the API corresponds to the device state at the last device
    // check-in" (CPS guide, "Device APIs").
    as_of_check_in: true,
    bulk: super::bulk::ACTIONS,
    messages: super::bulk::MESSAGES,
};

/// The label of the MDM identifier on the device page; the CPS calls that take "UEM identifiers"
/// read it back from there ([`mdm_identifier`]).
pub const MDM_ID: &str = "MDM identifier";

/// The device's MDM (UEM) identifier; `None` when it has none (MAM-only devices, enrollment not
/// completed: CPS guide, "Device").
pub fn mdm_identifier(d: &Device) -> Option<&str> {
    d.extra
        .iter()
        .find(|(label, _)| label == MDM_ID)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Why a device cannot be asked a call that takes its MDM identifier.
pub const NO_MDM_ID: &str = "The device has not completed enrollment: CPS asks devices by their MDM identifier, which this one does not have yet.";

/// CPS's devices.
pub struct CpsDevices {
    api: CpsClient,
}

impl CpsDevices {
    pub fn new(api: CpsClient) -> Self {
        CpsDevices { api }
    }

    /// The calls of this server.
    pub(super) fn api(&self) -> &CpsClient {
        &self.api
    }

    /// `GET /device/count` with the same filter as the search.
    pub(super) async fn count(&self, filter: &[(&str, &str)]) -> Result<usize, ApiError> {
        let pairs = filter.iter().copied().filter(|(_, v)| !v.is_empty());
        let q = query_string(pairs);
        let path = if q.is_empty() {
            "/device/count".to_string()
        } else {
            format!("/device/count?{q}")
        };
        Ok(count(self.api.get::<NumberResult>(&path).await?))
    }

    /// Every device matching `filter` (`status`, `ruleId`), `/device/count` as the total.
    pub(super) async fn search(
        &self,
        filter: &[(&str, &str)],
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        let total = self.count(filter).await?;
        let rows = walk_search(
            &self.api,
            "/device",
            filter,
            Some(total),
            map_device,
            progress,
        )
        .await?;
        Ok(Arc::new(rows))
    }

    /// `POST /device/uuid` ("Get devices by MDM or deviceGuid identifiers").
    async fn by_ids(&self, req: &IdentifierRequest) -> Result<Vec<cps::Device>, ApiError> {
        self.api.post("/device/uuid", req).await
    }

    /// The device rules (device groups), every page of `GET /rule`, or of `GET /rule?name=` for a
    /// non-blank name prefix (a blank one is left out: the guide answers a blank `name` with no
    /// records).
    pub async fn rules(&self, name_prefix: &str) -> Result<Vec<cps::Rule>, ApiError> {
        walk_search(
            &self.api,
            "/rule",
            &[("name", name_prefix)],
            None,
            |r: cps::Rule| r,
            &Quiet,
        )
        .await
    }
}

#[async_trait::async_trait(?Send)]
impl DeviceApi for CpsDevices {
    fn caps(&self) -> &DeviceCaps {
        &CAPS
    }

    async fn list(
        &self,
        status: &str,
        progress: &dyn Progress<Device>,
    ) -> Result<Arc<Vec<Device>>, ApiError> {
        self.search(&[("status", status)], progress).await
    }

    /// By `deviceGuid`; a device listed without one was addressed by its MDM identifier.
    async fn get(&self, id: &str) -> Result<Device, ApiError> {
        let mut found = self.by_ids(&IdentifierRequest::guids([id])).await?;
        if found.is_empty() {
            found = self
                .by_ids(&IdentifierRequest {
                    identifier_type: Some(cps::IdentifierType::MdmIdentifier),
                    identifiers: vec![id.to_string()],
                })
                .await?;
        }
        found
            .into_iter()
            .next()
            .map(map_device)
            .ok_or_else(|| ApiError::not_found(format!("There is no device with id {id}.")))
    }

    async fn group_names(&self) -> Result<Vec<String>, ApiError> {
        Ok(self
            .rules("")
            .await?
            .into_iter()
            .filter_map(|r| r.name)
            .collect())
    }

    /// CPS can look up a Wi-Fi MAC (`POST /device/mac`) and a device group's members (`GET
    /// /device?ruleId=`); it has no device search by user or phone number, so those find nothing.
    async fn lookup(&self, l: &Lookup) -> Result<Arc<Vec<Device>>, ApiError> {
        match l {
            Lookup::Mac(m) => {
                let found: Vec<cps::Device> = self
                    .api
                    .post("/device/mac", &IdentifierRequest::mdm([colon_mac(m)]))
                    .await?;
                Ok(Arc::new(found.into_iter().map(map_device).collect()))
            }
            Lookup::Label(name) => {
                let rules = self.rules(name).await?;
                let id = rules
                    .iter()
                    .find(|r| {
                        r.name
                            .as_deref()
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })
                    .and_then(|r| r.id);
                match id {
                    Some(id) => self.search(&[("ruleId", &id.to_string())], &Quiet).await,
                    None => Ok(Arc::default()),
                }
            }
            Lookup::User(_) | Lookup::Phones(_) => Ok(Arc::default()),
        }
    }

    fn refusal(&self, d: &Device, action: DeviceCommand) -> Option<&'static str> {
        refusal(d, action)
    }

    async fn run(
        &self,
        d: &Device,
        action: DeviceCommand,
        _input: &ActionInput,
    ) -> Result<ActionOutcome, ApiError> {
        if let Some(why) = refusal(d, action) {
            return Err(ApiError::rejected(0, why));
        }
        let id = mdm_identifier(d).unwrap_or_default();
        let n: NumberResult = self
            .api
            .post("/device/forceCheckin", &IdentifierRequest::mdm([id]))
            .await?;
        if n.result == 0 {
            // Invalid identifiers are silently ignored (CPS guide, "Force checkin").
            return Err(ApiError::rejected(
                0,
                "The server started no check-in: it no longer knows this device by its MDM identifier, or cannot reach it.",
            ));
        }
        Ok(ActionOutcome {
            message: format!(
                "Force check-in sent to {}. The page shows the device as of its last check-in.",
                d.name
            ),
            ..Default::default()
        })
    }

    /// The last location the device reported (`POST /device/location`); CPS cannot ask for a
    /// fresh one, so `now` changes nothing.
    async fn locate(&self, id: &str, _now: bool) -> Result<Option<DeviceLocation>, ApiError> {
        let device = self.get(id).await?;
        let Some(mdm) = mdm_identifier(&device) else {
            return Ok(None);
        };
        let found: Vec<cps::DeviceLocation> = self
            .api
            .post("/device/location", &IdentifierRequest::mdm([mdm]))
            .await?;
        Ok(found.into_iter().find_map(map_location))
    }

    /// In parts of 100, each looked up and sent with MDM identifiers ([`super::bulk`]).
    async fn bulk(
        &self,
        action: &BulkAction,
        ids: &[String],
        progress: &dyn BulkProgress,
    ) -> BulkOutcome {
        super::bulk::run(&self.api, action, ids, progress).await
    }
}

/// Why an action is not possible on a device: CPS has only force check-in, and a device checks
/// in only while it is enrolled (ACTIVE, or a retire or wipe it has not picked up yet).
pub fn refusal(d: &Device, action: DeviceCommand) -> Option<&'static str> {
    if action != DeviceCommand::CheckIn {
        return Some("CPS does not offer this action.");
    }
    match DeviceStatus::parse(&d.status_key) {
        Some(DeviceStatus::Retired) => Some("The device is retired: it no longer checks in."),
        Some(DeviceStatus::Wiped) => Some("The device was wiped: it no longer checks in."),
        Some(DeviceStatus::EnrollmentPending) => {
            Some("The device has not completed enrollment: it cannot check in yet.")
        }
        _ if mdm_identifier(d).is_none() => Some(NO_MDM_ID),
        _ => None,
    }
}

/// `B8FF617F7926` → `b8:ff:61:7f:79:26`, the guide's form ("six groups of two hexadecimal digits
/// separated by colons", CPS guide, "Device").
pub fn colon_mac(hex12: &str) -> String {
    let hex: Vec<char> = hex12
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    hex.chunks(2)
        .map(|p| p.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(":")
}

fn os_of(p: Option<DevicePlatform>) -> (OsFamily, &'static str) {
    match p {
        Some(DevicePlatform::Android) => (OsFamily::Android, "Android"),
        Some(DevicePlatform::Ios) => (OsFamily::Ios, "iOS"),
        Some(DevicePlatform::Osx) => (OsFamily::MacOs, "macOS"),
        Some(DevicePlatform::Windows) => (OsFamily::Windows, "Windows"),
        Some(DevicePlatform::Unknown) | None => (OsFamily::Other, ""),
    }
}

/// Yes or No for a flag the server sent.
fn flag(v: Option<bool>) -> Option<String> {
    v.map(|b| if b { "Yes" } else { "No" }.to_string())
}

/// Maps a CPS device into the portal's. CPS sends only the properties that have a value (CPS
/// guide, "Pulling data"): every absent text is blank, an absent flag is "not reported" (so not
/// an issue). Decisions:
/// - the id is the `deviceGuid` (the MDM identifier where a server sends no `deviceGuid`);
/// - CPS devices have no name: the portal names them by model and serial number (by model and
///   user before enrollment has reported a serial number);
/// - CPS gives flags, not reasons: each flag that is set becomes one reason in words, the guide's
///   description of the flag ("Device", CPS guide). A compromised device and a blocked one (a
///   policy's compliance action) are compliance issues too; `blocked` is not an ActiveSync block,
///   so it is not one of the device's block reasons.
pub fn map_device(w: cps::Device) -> Device {
    let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_string();
    let (os, os_label) = os_of(w.os);
    let platform = [os_label, w.os_version.as_deref().unwrap_or_default().trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let model = text(&w.model);
    let serial = text(&w.serial_number);
    let user = text(&w.user_id);
    let what = if model.is_empty() {
        "Device".to_string()
    } else {
        model.clone()
    };
    let name = match (serial.is_empty(), user.is_empty()) {
        (false, _) => format!("{what} {serial}"),
        (true, false) => format!("{what} ({user})"),
        (true, true) => what,
    };
    let (status_key, status_label, lifecycle) = match w.status.and_then(filter_of) {
        Some(f) => (f.key.into(), f.label.into(), f.lifecycle),
        None => (Shared::default(), Shared::default(), Lifecycle::Unknown),
    };
    let compromised = w.compromised == Some(true);
    let mut compliance_reasons: Vec<Cow<'static, str>> = Vec::new();
    if w.compliant == Some(false) {
        compliance_reasons.push("Does not meet the administrator's compliance rules".into());
    }
    if compromised {
        compliance_reasons.push("OS compromised (jailbroken or rooted)".into());
    }
    if w.blocked == Some(true) {
        compliance_reasons.push("Blocked: violates a policy that has a compliance action".into());
    }
    let mut extra: Vec<(Cow<'static, str>, String)> = vec![(MDM_ID.into(), text(&w.identifier))];
    for (label, value) in [
        ("iOS UDID", w.ios_udid.clone()),
        ("IMSI", w.imsi.clone()),
        ("Jailbroken or rooted", flag(w.compromised)),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            extra.push((label.into(), v));
        }
    }
    Device::from(DeviceInfo {
        id: w
            .device_guid
            .clone()
            .or_else(|| w.identifier.clone())
            .unwrap_or_default(),
        name,
        user_display_name: String::new(),
        email: String::new(),
        platform: shared(&platform),
        os,
        manufacturer: shared(&text(&w.manufacturer)),
        model: shared(&model),
        lifecycle,
        status_key,
        status_label,
        phone: text(&w.phone_number),
        operator: Shared::default(),
        country: Shared::default(),
        last_seen: w.last_check_in_time,
        registered: w.registration_time,
        compliant: w.compliant != Some(false) && !compromised && w.blocked != Some(true),
        quarantined: w.quarantined == Some(true),
        blocked: w.blocked == Some(true),
        compromised,
        ownership: match w.ownership {
            Some(cps::Ownership::Employee) => Ownership::Employee,
            _ => Ownership::Company,
        },
        wifi_mac: text(&w.mac_address),
        imei: text(&w.imei),
        serial,
        os_version: shared(&text(&w.os_version)),
        client_version: Shared::default(),
        comment: String::new(),
        user_id: text(&w.user_uuid),
        home_operator: Shared::default(),
        mdm_managed: None,
        eas_id: String::new(),
        eas_last_sync: None,
        compliance_reasons,
        quarantine_reasons: if w.quarantined == Some(true) {
            vec!["Violates a policy whose compliance action is quarantine".into()]
        } else {
            Vec::new()
        },
        block_reasons: Vec::new(),
        extra,
        attributes: w
            .custom_attributes
            .unwrap_or_default()
            .into_iter()
            .collect(),
        details: Vec::new(),
        user,
    })
}

/// One answer of "Get device location details": coordinates come as strings. Coordinates that
/// cannot be a place (the guide's own second example has longitude 240.943423) are no position.
fn map_location(l: cps::DeviceLocation) -> Option<DeviceLocation> {
    let position = l
        .location
        .as_ref()
        .and_then(|p| p.degrees())
        .filter(|(lat, lon)| lat.abs() <= 90.0 && lon.abs() <= 180.0);
    if position.is_none() && l.last_captured.is_none() {
        return None;
    }
    Some(DeviceLocation {
        method: "Last reported by the device".into(),
        position,
        radius_m: None,
        captured: l.last_captured,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> cps::Device {
        serde_json::from_str(json).unwrap()
    }

    /// The first device of the guide's "Example list of devices" (CPS guide, "Common items"),
    /// with the missing comma added; its top-level custom attributes are not read (see
    /// `wire::cps`).
    const GUIDE_ANDROID: &str = r#"{
        "compliant":true, "quarantined": false, "compromised": false, "status":"ACTIVE",
        "lastCheckInTime":1469176919585, "registrationTime":1466449519230,
        "identifier":"24f048d3ec2b1d9f97921588f114b7f1fea9da35b685750bd072b395ba716",
        "imei": "35 2342342342345 64 1", "macAddress":"08:d4:2b:1f:1b:2a",
        "manufacturer":"samsung", "model":"Nexus 10", "os":"ANDROID", "osVersion":"5.1.1",
        "serialNumber": "F123431WN123", "userId":"e@m.d",
        "userUuid":"96bd909c-25f8-4434-b243-470e5ebcfb6e",
        "custom attribute 1":"custom attribute value"
    }"#;

    #[test]
    fn common_items_example_list_of_devices() {
        let d = map_device(parse(GUIDE_ANDROID));
        assert_eq!(d.name, "Nexus 10 F123431WN123");
        assert_eq!(
            (d.os, d.platform.as_ref()),
            (OsFamily::Android, "Android 5.1.1")
        );
        assert_eq!(
            (d.status_key.as_ref(), d.status_label.as_ref(), d.lifecycle),
            ("ACTIVE", "Active", Lifecycle::Active)
        );
        // Epoch ms as sent.
        assert_eq!(d.last_seen, Some(1_469_176_919_585));
        assert_eq!(d.registered, Some(1_466_449_519_230));
        assert_eq!(
            (d.user.as_str(), d.user_id.as_str()),
            ("e@m.d", "96bd909c-25f8-4434-b243-470e5ebcfb6e")
        );
        assert_eq!(d.wifi_mac, "08:d4:2b:1f:1b:2a");
        assert_eq!(d.imei, "35 2342342342345 64 1");
        assert!(d.compliant && !d.quarantined && !d.blocked && !d.compromised);
        assert_eq!(d.compliance_label(), "Compliant");
        // No deviceGuid in the guide's example: the MDM identifier addresses it.
        assert_eq!(
            d.id,
            "24f048d3ec2b1d9f97921588f114b7f1fea9da35b685750bd072b395ba716"
        );
        assert_eq!(mdm_identifier(&d), Some(d.id.as_str()));
        assert!(d.attributes.is_empty());
    }

    #[test]
    fn device_event_flags_become_reasons() {
        // The flags of the guide's "Device" model, all set.
        let d = map_device(parse(
            r#"{"compliant": false, "quarantined": true, "blocked": true, "compromised": true,
                "status": "ACTIVE", "deviceGuid": "g1", "os": "IOS", "model": "iPhone9,3",
                "iosUdid": "b9a0d7d05fb4563456f805932526b848ca61d",
                "customAttributes": {"nacCompliant": "false", "assetTag": "AT-7"}}"#,
        ));
        assert!(!d.compliant && d.quarantined && d.blocked && d.compromised);
        assert_eq!(
            d.compliance_reasons,
            [
                "Does not meet the administrator's compliance rules",
                "OS compromised (jailbroken or rooted)",
                "Blocked: violates a policy that has a compliance action"
            ]
        );
        assert_eq!(d.compliance_label(), "3 issues");
        assert_eq!(d.quarantine_reasons.len(), 1);
        // Not an ActiveSync block.
        assert!(d.block_reasons.is_empty());
        assert_eq!(d.id, "g1");
        assert_eq!(
            d.attributes,
            [
                ("assetTag".to_string(), "AT-7".to_string()),
                ("nacCompliant".to_string(), "false".to_string())
            ]
        );
        assert!(d
            .extra
            .iter()
            .any(|(l, v)| l == "iOS UDID" && v.starts_with("b9a0")));
        // Compromised alone is a compliance issue.
        let c = map_device(parse(r#"{"compliant": true, "compromised": true}"#));
        assert!(!c.compliant && c.compliance_issues() == 1);
    }

    #[test]
    fn pulling_data_sparse_devices_are_blanks() {
        // "API calls only return properties that have a value" (CPS guide, "Pulling data").
        let d = map_device(parse(
            r#"{"deviceGuid": "g2", "status": "ENROLLMENT_PENDING"}"#,
        ));
        assert_eq!(d.name, "Device");
        assert_eq!(
            (d.lifecycle, d.state_label().as_str()),
            (Lifecycle::Enrolling, "Enrollment pending")
        );
        for text in [
            d.user.as_str(),
            &d.platform,
            &d.model,
            &d.serial,
            &d.imei,
            &d.wifi_mac,
            &d.phone,
            &d.os_version,
            &d.email,
        ] {
            assert_eq!(text, "");
        }
        assert_eq!((d.last_seen, d.registered), (None, None));
        // Flags not reported are no issue.
        assert!(d.compliant && !d.quarantined && !d.blocked && !d.compromised);
        assert_eq!(mdm_identifier(&d), None);
        assert_eq!(d.extra, [(Cow::Borrowed(MDM_ID), String::new())]);
        let no_serial = map_device(parse(r#"{"model": "Pixel 8", "userId": "jdoe"}"#));
        assert_eq!(no_serial.name, "Pixel 8 (jdoe)");
        // An empty object maps without a placeholder word anywhere.
        let empty = map_device(parse("{}"));
        assert_eq!(
            (empty.id.as_str(), empty.state_label().as_str()),
            ("", "Unknown")
        );
    }

    #[test]
    fn the_status_filter_is_all_then_the_seven_cps_statuses() {
        // CPS guide, "Enums": DeviceStatus.
        assert_eq!((STATUSES[0].key, STATUSES[0].label), ("", "All"));
        let mut keys: Vec<&str> = STATUSES[1..].iter().map(|f| f.key).collect();
        let mut wire: Vec<&str> = DeviceStatus::ALL.iter().map(|s| s.as_str()).collect();
        keys.sort();
        wire.sort();
        assert_eq!(keys, wire);
        for s in DeviceStatus::ALL {
            let d = map_device(cps::Device {
                status: Some(*s),
                ..Default::default()
            });
            assert_eq!(d.status_key, s.as_str());
            assert_eq!(STATUSES.iter().filter(|f| f.key == d.status_key).count(), 1);
        }
        assert_eq!(
            filter_of(DeviceStatus::WipeSent).map(|f| f.lifecycle),
            Some(Lifecycle::Wiping)
        );
        assert_eq!(
            filter_of(DeviceStatus::RetireSent).map(|f| f.lifecycle),
            Some(Lifecycle::Retiring)
        );
    }

    #[test]
    fn force_checkin_only_for_devices_that_check_in() {
        let dev = |json: &str| map_device(parse(json));
        let active = dev(r#"{"status": "ACTIVE", "identifier": "abc", "deviceGuid": "g"}"#);
        assert_eq!(refusal(&active, DeviceCommand::CheckIn), None);
        // A retire not picked up yet: the device still checks in (and then picks it up).
        let sent = dev(r#"{"status": "RETIRE_SENT", "identifier": "abc"}"#);
        assert_eq!(refusal(&sent, DeviceCommand::CheckIn), None);
        for s in ["RETIRED", "WIPED", "ENROLLMENT_PENDING"] {
            let d = dev(&format!(r#"{{"status": "{s}", "identifier": "abc"}}"#));
            assert!(refusal(&d, DeviceCommand::CheckIn).is_some(), "{s}");
        }
        // "List of UEM identifiers" (CPS guide, "Force checkin"): none, no check-in.
        let no_id = dev(r#"{"status": "ACTIVE", "deviceGuid": "g"}"#);
        assert_eq!(refusal(&no_id, DeviceCommand::CheckIn), Some(NO_MDM_ID));
        // The other actions do not exist on CPS.
        for c in DeviceCommand::ALL {
            assert_eq!(
                refusal(&active, c).is_none(),
                c == DeviceCommand::CheckIn,
                "{c:?}"
            );
        }
        assert_eq!(CAPS.actions, &[DeviceCommand::CheckIn]);
    }

    #[test]
    fn get_devices_by_mac_addresses_in_the_guides_form() {
        assert_eq!(colon_mac("B065BD33FE2B"), "b0:65:bd:33:fe:2b");
    }

    #[test]
    fn get_device_location_details_strings_and_no_fix() {
        // CPS guide, "Get device location details", example response.
        let guide: Vec<cps::DeviceLocation> = serde_json::from_str(
            r#"[{"deviceMdmId": "id-1", "lastCaptured": 1525260287000,
                 "location": {"latitude": "-6.446318", "longitude": "8.305312"}},
                {"deviceMdmId": "id-2", "lastCaptured": 1525260287000,
                 "location": {"latitude": "5.178482", "longitude": "240.943423"}}]"#,
        )
        .unwrap();
        let m: Vec<DeviceLocation> = guide.into_iter().filter_map(map_location).collect();
        assert_eq!(m[0].position, Some((-6.446318, 8.305312)));
        assert_eq!(m[0].captured, Some(1_525_260_287_000));
        // Longitude 240: no place, but the time of the report is kept.
        assert_eq!(
            (m[1].position, m[1].captured),
            (None, Some(1_525_260_287_000))
        );
        let never: cps::DeviceLocation = serde_json::from_str(r#"{"deviceMdmId": "x"}"#).unwrap();
        assert_eq!(map_location(never), None);
    }
}
