//! CPS device, inventory and message calls over the shared world: look-ups, searches, the V1 →
//! CPS status mapping and the check-in model, location, attributes, settings, force check-in, the
//! MTD notification, email and push. Each test names the CPS guide's section it pins.

mod common;
mod cps_common;

use axum::http::StatusCode;
use cps_common::{get, guid, index_of, mdm_id, post, result, setup, BASE};
use mock_server::catalog::Platform;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wire::cps::{
    Device, DeviceApplications, DeviceCertificates, DeviceLocation, DeviceProfiles, DeviceSettings,
    DeviceStatus, SearchResults,
};
use wire::v1::DeviceStatus as V1;

fn devices(r: &common::Reply) -> Vec<Device> {
    common::parse(r)
}

async fn one(r: &axum::Router, guid: &str) -> Device {
    let res = post(
        r,
        "/device/uuid",
        json!({"identifierType": "GUID", "identifiers": [guid]}),
    )
    .await;
    devices(&res).pop().expect("the device")
}

#[tokio::test]
async fn get_devices_by_mdm_or_deviceguid_identifiers() {
    let (st, r) = setup(200);
    let a = index_of(&st, |d| !d.pending() && d.platform() == Platform::Ios);
    let b = index_of(&st, |d| !d.pending() && d.platform() == Platform::Android);
    let (ga, gb, ma, mb) = (guid(&st, a), guid(&st, b), mdm_id(&st, a), mdm_id(&st, b));
    // By GUID, by MDM identifier, in request order, invalid ones silently ignored, each once.
    let res = post(
        &r,
        "/device/uuid",
        json!({"identifierType": "GUID", "identifiers": [gb, "nope", ga, gb.to_uppercase()]}),
    )
    .await;
    let got: Vec<_> = devices(&res)
        .into_iter()
        .map(|d| d.device_guid.unwrap())
        .collect();
    assert_eq!(got, [gb.clone(), ga.clone()]);
    let res = post(
        &r,
        "/device/uuid",
        json!({"identifierType": "MDM_IDENTIFIER", "identifiers": [ma, mb]}),
    )
    .await;
    let got: Vec<_> = devices(&res)
        .into_iter()
        .map(|d| d.device_guid.unwrap())
        .collect();
    assert_eq!(got, [ga.clone(), gb.clone()]);
    // The type given is the type read: a GUID is not an MDM identifier.
    let res = post(
        &r,
        "/device/uuid",
        json!({"identifierType": "MDM_IDENTIFIER", "identifiers": [ga]}),
    )
    .await;
    assert!(devices(&res).is_empty());
    // Decision: without identifierType, MDM identifiers and deviceGuids are both found (the
    // guide's own example sends a deviceGuid without it).
    let res = post(&r, "/device/uuid", json!({"identifiers": [ma, gb]})).await;
    assert_eq!(devices(&res).len(), 2);
}

#[tokio::test]
async fn device_identifiers_per_os_and_the_same_device_as_v1() {
    // CPS guide, "Device": the identifier "is not consistently formatted across OSs"; deviceGuid
    // is the V1 uuid, iosUdid the V1 `iPhone UDID`.
    let (st, r) = setup(400);
    for (platform, len) in [
        (Platform::Ios, 40),
        (Platform::Android, 16),
        (Platform::Windows, 32),
        (Platform::Macos, 36),
    ] {
        let i = index_of(&st, |d| !d.pending() && d.platform() == platform);
        let g = guid(&st, i);
        let d = one(&r, &g).await;
        let id = d.identifier.clone().unwrap();
        assert_eq!(id.len(), len, "{platform:?}: {id}");
        let v1 = common::get(&r, &format!("/api/v1/dm/devices/{g}")).await;
        let v1: wire::v1::DeviceResponse = common::parse(&v1);
        let v1 = v1.device.unwrap();
        assert_eq!(d.user_id.as_deref(), Some(v1.principal.as_str()));
        assert_eq!(d.user_uuid.as_deref(), Some(v1.user_uuid.as_str()));
        assert_eq!(d.manufacturer.as_deref(), Some(v1.manufacturer.as_str()));
        let mac = d.mac_address.unwrap().replace(':', "").to_uppercase();
        assert_eq!(Some(mac), v1.wifi_mac());
        assert_eq!(d.serial_number.as_deref(), v1.details.get("SerialNumber"));
        if platform == Platform::Ios {
            assert_eq!(d.ios_udid.as_deref(), Some(id.as_str()));
            assert_eq!(v1.details.get("iPhone UDID"), Some(id.as_str()));
        } else {
            assert_eq!(d.ios_udid, None);
        }
    }
}

#[tokio::test]
async fn get_devices_by_mac_addresses_any_separator_any_case() {
    let (st, r) = setup(100);
    let i = index_of(&st, |d| !d.pending());
    let g = guid(&st, i);
    let mac = format!("{:012x}", st.read().devices[i].mac);
    let colon: String = mac
        .as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":");
    for form in [
        colon.clone(),
        colon.to_uppercase(),
        colon.replace(':', "-"),
        mac.clone(),
        mac.to_uppercase(),
        format!("{}.{}.{}", &mac[0..4], &mac[4..8], &mac[8..12]),
    ] {
        let res = post(&r, "/device/mac", json!({"identifiers": [form, "zz:zz"]})).await;
        let got = devices(&res);
        assert_eq!(got.len(), 1, "{form}");
        assert_eq!(got[0].device_guid.as_deref(), Some(g.as_str()));
        assert_eq!(got[0].mac_address.as_deref(), Some(colon.as_str()));
    }
    // A device reports its MAC once enrolled: a pending one is not found by it.
    let p = index_of(&st, |d| d.pending());
    let pmac = format!("{:012x}", st.read().devices[p].mac);
    let res = post(&r, "/device/mac", json!({"identifiers": [pmac]})).await;
    assert!(devices(&res).is_empty());
}

#[tokio::test]
async fn search_devices_by_status_maps_the_13_v1_states() {
    // CPS guide, "Search devices by status" and "Enums" (DeviceStatus); the mapping is the
    // mock's decision (module `cps::world`).
    let (st, r) = setup(600);
    let want = [
        (V1::Active, "ACTIVE"),
        (V1::Blocked, "ACTIVE"),
        (V1::Lost, "ACTIVE"),
        (V1::Infected, "ACTIVE"),
        (V1::Verified, "ACTIVE"),
        (V1::IenrollComplete, "ACTIVE"),
        (V1::VerificationPending, "ENROLLMENT_PENDING"),
        (V1::IenrollVerified, "ENROLLMENT_PENDING"),
        (V1::IenrollInprogress, "ENROLLMENT_PENDING"),
        (V1::RetirePending, "RETIRE_SENT"),
        (V1::Retired, "RETIRED"),
        (V1::Wiped, "WIPED"),
        (V1::Expired, "UNKNOWN"),
    ];
    for (v1, cps) in want {
        let i = index_of(&st, |d| d.status == v1);
        let d = one(&r, &guid(&st, i)).await;
        assert_eq!(d.status.map(|s| s.as_str()), Some(cps), "{v1}");
    }
    // Each status filter returns exactly the devices of that status; together, all devices.
    let mut total = 0;
    for s in DeviceStatus::ALL {
        let count = result(&get(&r, &format!("/device/count?status={s}")).await);
        let page: SearchResults<Device> =
            common::parse(&get(&r, &format!("/device?status={s}&limit=1000")).await);
        assert_eq!(page.results, count, "{s}");
        assert!(page.search_results.iter().all(|d| d.status == Some(*s)));
        total += count;
    }
    assert_eq!(total, 600);
    assert_eq!(result(&get(&r, "/device/count").await), 600);
    assert_eq!(
        get(&r, "/device?status=LOST").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn device_apis_state_as_of_the_last_check_in_v1_retire_and_wipe() {
    // CPS guide, "Device APIs": GET calls return "the device state at the last device check-in";
    // "Force checkin" makes the device check in. Decision: a V1 retire or wipe shows as
    // RETIRE_SENT / WIPE_SENT until then, and the check-in is immediate.
    let (st, r) = setup(200);
    let a = index_of(&st, |d| d.status == V1::Active && d.last_connected_at > 0);
    let b = index_of(&st, |d| {
        d.status == V1::Active && d.last_connected_at > 0 && d.id as usize > a + 1
    });
    let (ga, gb) = (guid(&st, a), guid(&st, b));
    let before = one(&r, &ga).await.last_check_in_time.unwrap();
    let sent_before = result(&get(&r, "/device/count?status=RETIRE_SENT").await);
    assert_eq!(
        common::put(&r, &format!("/api/v1/dm/devices/retire/{ga}"))
            .await
            .status,
        200
    );
    assert_eq!(
        common::put(&r, &format!("/api/v1/dm/devices/wipe/{gb}"))
            .await
            .status,
        200
    );
    assert_eq!(one(&r, &ga).await.status, Some(DeviceStatus::RetireSent));
    assert_eq!(one(&r, &gb).await.status, Some(DeviceStatus::WipeSent));
    assert_eq!(
        result(&get(&r, "/device/count?status=RETIRE_SENT").await),
        sent_before + 1
    );
    // V1 already says RETIRED (its own model).
    assert_eq!(common::status_of(&r, &ga).await, "RETIRED");
    let res = post(
        &r,
        "/device/forceCheckin",
        json!({"identifierType": "GUID", "identifiers": [ga, gb]}),
    )
    .await;
    assert_eq!(result(&res), 2);
    let after = one(&r, &ga).await;
    assert_eq!(after.status, Some(DeviceStatus::Retired));
    assert_eq!(one(&r, &gb).await.status, Some(DeviceStatus::Wiped));
    let t = after.last_check_in_time.unwrap();
    assert!(t > before);
    // V1 lastConnectedAt moved with it.
    let v1 = common::get(&r, &format!("/api/v1/dm/devices/{ga}")).await;
    let v1: wire::v1::DeviceResponse = common::parse(&v1);
    assert_eq!(
        wire::datetime::parse_to_epoch_ms(&v1.device.unwrap().last_connected_at),
        Some(t)
    );
    // A retired device no longer checks in.
    let res = post(&r, "/device/forceCheckin", json!({"identifiers": [ga]})).await;
    assert_eq!(result(&res), 0);
}

#[tokio::test]
async fn force_checkin_counts_the_check_ins_initiated() {
    // CPS guide, "Force checkin": "the count of devices for which force check-in action was
    // successfully initiated"; invalid identifiers are ignored. Decision: devices that cannot
    // check in (enrollment pending, retired, wiped, unknown) are not counted.
    let (st, r) = setup(300);
    let active = index_of(&st, |d| d.status == V1::Lost);
    let pending = index_of(&st, |d| d.status == V1::VerificationPending);
    let retired = index_of(&st, |d| d.status == V1::Retired);
    let expired = index_of(&st, |d| d.status == V1::Expired);
    let retiring = index_of(&st, |d| d.status == V1::RetirePending);
    let ids: Vec<String> = [active, pending, retired, expired, retiring]
        .iter()
        .map(|&i| guid(&st, i))
        .chain(["bogus".to_string(), String::new()])
        .collect();
    let res = post(&r, "/device/forceCheckin", json!({"identifiers": ids})).await;
    assert_eq!(result(&res), 2);
    // The seeded RETIRE_PENDING device picked up its retire: RETIRED in both APIs.
    let g = guid(&st, retiring);
    assert_eq!(one(&r, &g).await.status, Some(DeviceStatus::Retired));
    assert_eq!(common::status_of(&r, &g).await, "RETIRED");
    // The check-in is in the device's log.
    let log = common::send(
        &r,
        axum::http::Method::GET,
        &format!("/_mock/devices/{}/log", guid(&st, active)),
        None,
        &[],
    )
    .await;
    assert!(log.text().contains("CPS_FORCE_CHECKIN"));
}

#[tokio::test]
async fn get_device_location_details_strings_and_epoch_ms() {
    // CPS guide, "Get device location details": coordinates as strings, lastCaptured epoch ms.
    let (st, r) = setup(100);
    let i = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Android
    });
    let g = guid(&st, i);
    let res = post(
        &r,
        "/device/location",
        json!({"identifiers": [mdm_id(&st, i), "x"]}),
    )
    .await;
    let locs: Vec<DeviceLocation> = common::parse(&res);
    assert_eq!(locs.len(), 1);
    let loc = &locs[0];
    assert_eq!(loc.device_mdm_id.as_deref(), Some(mdm_id(&st, i).as_str()));
    let raw = res.json();
    assert!(raw[0]["location"]["latitude"].is_string());
    // The same fix V1 locate reports.
    let v1 = common::get(&r, &format!("/api/v1/dm/devices/locate/{g}")).await;
    let v1: wire::v1::LocateResponse = common::parse(&v1);
    let fix = &v1.locations.items[0];
    assert_eq!(loc.last_captured, fix.captured_at);
    let (lat, lon) = loc.location.as_ref().unwrap().degrees().unwrap();
    assert!((lat - fix.latitude.unwrap()).abs() < 1e-6);
    assert!((lon - fix.longitude.unwrap()).abs() < 1e-6);
}

#[tokio::test]
async fn update_device_attributes_by_device_uem_identifiers() {
    // CPS guide, "Update device attributes by device UEM identifiers": the count of devices
    // updated. Decisions: values are checked against the $metadata types (400, nothing written);
    // unknown and read-only keys are ignored; null clears.
    let (st, r) = setup(100);
    let a = index_of(&st, |d| !d.pending() && d.platform() == Platform::Ios);
    let b = index_of(&st, |d| !d.pending() && d.platform() == Platform::Android);
    let (ma, gb) = (mdm_id(&st, a), guid(&st, b));
    let res = post(
        &r,
        "/device",
        json!({"identifiers": [ma, gb, "nope"], "attributes": {
            "nacCompliant": false, "custom_device_attribute_1": "rack 7",
            "WARRANTYEXPIRES": "1900000000000", "status": "RETIRED", "noSuchKey": "x"}}),
    )
    .await;
    assert_eq!(result(&res), 2);
    for g in [guid(&st, a), gb.clone()] {
        let d = one(&r, &g).await;
        assert_eq!(d.custom_attribute("nacCompliant"), Some("false"));
        assert_eq!(
            d.custom_attribute("custom_device_attribute_1"),
            Some("rack 7")
        );
        assert_eq!(d.custom_attribute("warrantyExpires"), Some("1900000000000"));
        assert!(d.custom_attribute("noSuchKey").is_none());
        assert_ne!(d.status, Some(DeviceStatus::Retired));
    }
    // Only unknown keys: nothing to update.
    let res = post(
        &r,
        "/device",
        json!({"identifiers": [gb], "attributes": {"foo": 1}}),
    )
    .await;
    assert_eq!(result(&res), 0);
    // A value of the wrong type: 400, nothing written.
    let res = post(
        &r,
        "/device",
        json!({"identifiers": [gb], "attributes": {"custom_device_attribute_2": "x", "nacCompliant": "maybe"}}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"]
        .as_str()
        .unwrap()
        .contains("nacCompliant"));
    assert!(one(&r, &gb)
        .await
        .custom_attribute("custom_device_attribute_2")
        .is_none());
    // null clears.
    let res = post(
        &r,
        "/device",
        json!({"identifiers": [gb], "attributes": {"custom_device_attribute_1": null}}),
    )
    .await;
    assert_eq!(result(&res), 1);
    assert!(one(&r, &gb)
        .await
        .custom_attribute("custom_device_attribute_1")
        .is_none());
}

#[tokio::test]
async fn manage_and_get_device_settings_ios_only_applied_at_check_in() {
    // CPS guide, "Manage device settings - iOS only" / "Get device settings - iOS only": the get
    // call returns what the device reported at its last check-in.
    let (st, r) = setup(200);
    let ios = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Ios
    });
    let android = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Android
    });
    let (mi, ma, gi) = (mdm_id(&st, ios), mdm_id(&st, android), guid(&st, ios));
    let set = json!({"identifiers": [mi, ma, "bogus"],
        "settings": {"type": "PERSONAL_HOTSPOT", "value": {"enabled": true}}});
    assert_eq!(result(&post(&r, "/device/settings", set).await), 1);
    let read = |kind: &str| json!({"settingsType": kind, "identifiers": [mi, ma]});
    let s = DeviceSettings::from_body(
        &post(&r, "/device/getDeviceSettings", read("PERSONAL_HOTSPOT"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(s.settings.len(), 1, "iOS only");
    assert_eq!(s.settings[0].identifier.as_deref(), Some(mi.as_str()));
    let enabled = |s: &DeviceSettings| {
        s.settings[0]
            .settings
            .as_ref()
            .unwrap()
            .value
            .unwrap()
            .enabled
    };
    assert_eq!(enabled(&s), Some(false), "not before the check-in");
    assert_eq!(
        result(&post(&r, "/device/forceCheckin", json!({"identifiers": [mi]})).await),
        1
    );
    let s = DeviceSettings::from_body(
        &post(&r, "/device/getDeviceSettings", read("PERSONAL_HOTSPOT"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(enabled(&s), Some(true));
    // The same world: the V1 details show it, and V1 enable roaming shows in CPS.
    let v1 = common::get(&r, &format!("/api/v1/dm/devices/{gi}")).await;
    let v1: wire::v1::DeviceResponse = common::parse(&v1);
    assert_eq!(
        v1.device.unwrap().details.get("PersonalHotspotEnabled"),
        Some("true")
    );
    let res = common::put(
        &r,
        &format!("/api/v1/dm/devices/enableroaming/{gi}?voice=true&data=true"),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    // Decision (CPS guide, "Get device settings - iOS only": its request URI is
    // `/device/getDeviceSettings`): the example's POST /device/settings with a settingsType body is
    // the get call.
    let s = DeviceSettings::from_body(
        &post(&r, "/device/settings", read("DATA_ROAMING"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(enabled(&s), Some(true));
    // "In case all the identifiers are invalid … 200, with an empty response body."
    let res = post(
        &r,
        "/device/getDeviceSettings",
        json!({"settingsType": "DATA_ROAMING", "identifiers": ["x"]}),
    )
    .await;
    assert_eq!((res.status, res.body.len()), (StatusCode::OK, 0));
    // "In case all the identifiers are invalid … 200, with result as 0."
    let res = post(
        &r,
        "/device/settings",
        json!({"identifiers": ["x"], "settings": {"type": "DATA_ROAMING", "value": false}}),
    )
    .await;
    assert_eq!(result(&res), 0);
    for bad in [
        json!({"identifiers": [mi], "settings": {"type": "BLUETOOTH", "value": {"enabled": true}}}),
        json!({"identifiers": [mi], "settings": {"type": "DATA_ROAMING"}}),
        json!({"identifiers": [mi], "settingsType": "WIFI"}),
    ] {
        assert_eq!(
            post(&r, "/device/settings", bad).await.status,
            StatusCode::BAD_REQUEST
        );
    }
}

#[tokio::test]
async fn check_in_for_threat_response_matrix_update() {
    // CPS guide, "Check-in for Threat Response Matrix update": command CHECKIN, url or URL.
    let (st, r) = setup(100);
    let a = index_of(&st, |d| d.status == V1::Active);
    let p = index_of(&st, |d| d.status == V1::VerificationPending);
    let (ga, gp) = (guid(&st, a), guid(&st, p));
    let res = post(
        &r,
        "/device/mtd/notification",
        json!({"command": "checkin", "URL": "http://example.com/example",
               "identifierType": "GUID", "identifiers": [ga, gp, "x"]}),
    )
    .await;
    assert_eq!(result(&res), 1);
    let res = post(
        &r,
        "/device/mtd/notification",
        json!({"identifiers": [mdm_id(&st, a)], "url": "u2"}),
    )
    .await;
    assert_eq!(result(&res), 1);
    let res = post(
        &r,
        "/device/mtd/notification",
        json!({"command": "WIPE", "identifiers": [ga]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let log = common::send(
        &r,
        axum::http::Method::GET,
        "/_mock/cps/messages",
        None,
        &[],
    )
    .await
    .json();
    let mtd: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "mtd")
        .collect();
    assert_eq!(mtd.len(), 2);
    assert_eq!(mtd[0]["url"], "http://example.com/example");
    assert_eq!(mtd[0]["devices"], json!([ga]));
    assert_eq!(mtd[1]["url"], "u2");
    // "In case all the identifiers are invalid … 200, with result as 0."
    let res = post(
        &r,
        "/device/mtd/notification",
        json!({"command": "CHECKIN", "identifiers": ["x"]}),
    )
    .await;
    assert_eq!(result(&res), 0);
}

#[tokio::test]
async fn send_email_to_device_owners_limits_100_and_3000() {
    // CPS guide, "Send email to device owners": subject ≤ 100, body ≤ 3,000 characters.
    let (st, r) = setup(100);
    let a = index_of(&st, |d| d.status == V1::Active);
    let p = index_of(&st, |d| d.status == V1::Retired);
    let ids = json!([mdm_id(&st, a), guid(&st, p), "nobody"]);
    let ok = json!({"subject": "é".repeat(100), "body": "b".repeat(3000), "html": true, "identifiers": ids});
    assert_eq!(result(&post(&r, "/device/email", ok).await), 2);
    let res = post(
        &r,
        "/device/email",
        json!({"subject": "s".repeat(101), "identifiers": ids}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"].as_str().unwrap().contains("100"));
    let res = post(
        &r,
        "/device/email",
        json!({"body": "b".repeat(3001), "identifiers": ids}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"].as_str().unwrap().contains("3000"));
    let log = common::send(
        &r,
        axum::http::Method::GET,
        "/_mock/cps/messages",
        None,
        &[],
    )
    .await
    .json();
    let m = &log[0];
    assert_eq!(
        (m["kind"].as_str(), m["html"].as_bool()),
        (Some("email"), Some(true))
    );
    assert_eq!(m["subject"].as_str().unwrap().chars().count(), 100);
    assert_eq!(m["devices"].as_array().unwrap().len(), 2);
    assert_eq!(
        log.as_array().unwrap().len(),
        1,
        "refused messages are not sent"
    );
}

#[tokio::test]
async fn send_push_notification_to_devices_limit_140() {
    // CPS guide, "Send push notification to devices": message ≤ 140 characters. Decision: only
    // devices that talk to the server get a push.
    let (st, r) = setup(100);
    let a = index_of(&st, |d| d.status == V1::Active);
    let p = index_of(&st, |d| d.status == V1::Retired);
    let ids = json!([mdm_id(&st, a), guid(&st, p)]);
    assert_eq!(
        result(
            &post(
                &r,
                "/device/notification",
                json!({"message": "m".repeat(140), "identifiers": ids})
            )
            .await
        ),
        1
    );
    let res = post(
        &r,
        "/device/notification",
        json!({"message": "m".repeat(141), "identifiers": ids}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"].as_str().unwrap().contains("140"));
    let res = post(
        &r,
        "/device/notification",
        json!({"message": " ", "identifiers": ids}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn get_application_inventory_is_the_v1_inventory() {
    // CPS guide, "Get application inventory": the same apps V1 /apps/inventory/app counts.
    let (st, r) = setup(300);
    let i = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Ios
    });
    let g = guid(&st, i);
    let res = post(
        &r,
        "/device/application",
        json!({"identifierType": "GUID", "identifiers": [g]}),
    )
    .await;
    let inv: Vec<DeviceApplications> = common::parse(&res);
    assert_eq!(
        inv[0].device_mdm_id.as_deref(),
        Some(mdm_id(&st, i).as_str())
    );
    let apps = &inv[0].applications;
    assert!(!apps.is_empty());
    for name in mock_server::data::APPS.iter().map(|a| a.name) {
        let v1 = common::get(
            &r,
            &format!(
                "/api/v1/apps/inventory/app?appname={}&limit=-1",
                name.replace(' ', "%20")
                    .replace('!', "%21")
                    .replace('@', "%40")
            ),
        )
        .await;
        let listed = v1.text().contains(&g);
        let in_cps = apps.iter().any(|a| a.name.as_deref() == Some(name));
        assert_eq!(listed, in_cps, "{name}");
    }
    // iOS fields for iOS devices only.
    assert!(apps
        .iter()
        .all(|a| a.validated == Some(true) && a.identifier.is_some()));
    let j = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Android
    });
    let res = post(
        &r,
        "/device/application",
        json!({"identifiers": [mdm_id(&st, j)]}),
    )
    .await;
    let inv: Vec<DeviceApplications> = common::parse(&res);
    assert!(inv[0]
        .applications
        .iter()
        .all(|a| a.validated.is_none() && a.managed.is_some()));
}

#[tokio::test]
async fn get_certificate_and_profile_inventory_ios_only() {
    // CPS guide, "Get certificate inventory (iOS only)", "Get profile inventory (iOS only)".
    let (st, r) = setup(300);
    let ios = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Ios
    });
    let android = index_of(&st, |d| {
        d.status == V1::Active && d.platform() == Platform::Android
    });
    let body = json!({"identifiers": [mdm_id(&st, ios), mdm_id(&st, android)]});
    let res = post(&r, "/device/certificate", body.clone()).await;
    let certs: Vec<DeviceCertificates> = common::parse(&res);
    assert_eq!(certs.len(), 1);
    let c = &certs[0].certificates;
    assert!(c.iter().any(|x| x.identity == Some(true)));
    assert!(c.iter().all(|x| x
        .thumbprint
        .as_ref()
        .is_some_and(|t| t.len() == 40 && t.chars().all(|c| c.is_ascii_hexdigit()))));
    assert!(c.iter().all(|x| x.not_before < x.not_after));
    assert!(res.text().contains("\"thumbPrint\""));
    let res = post(&r, "/device/profile", body).await;
    let profiles: Vec<DeviceProfiles> = common::parse(&res);
    assert_eq!(profiles.len(), 1);
    let names: BTreeSet<String> = profiles[0]
        .profiles
        .iter()
        .filter_map(|p| p.display_name.clone())
        .collect();
    assert!(names.contains("Root MDM Profile"));
    // The V1 profiles applied to the device are there.
    let v1 = common::get(
        &r,
        &format!("/api/v1/dm/devices/profiles/{}", guid(&st, ios)),
    )
    .await;
    let v1: wire::v1::ProfileListResponse = common::parse(&v1);
    for p in v1.profiles.items.iter().filter(|p| p.status == "Applied") {
        assert!(names.contains(&p.name), "{}", p.name);
    }
}

#[tokio::test]
async fn count_devices_by_status_agrees_with_the_pages() {
    // CPS guide, "Count devices by status": no status counts all.
    let (_, r) = setup(250);
    let mut seen = BTreeSet::new();
    let mut offset = 0;
    loop {
        let page: SearchResults<Device> = common::parse(
            &get(
                &r,
                &format!("/device?status=ACTIVE&offset={offset}&limit=40"),
            )
            .await,
        );
        if page.results == 0 {
            break;
        }
        seen.extend(
            page.search_results
                .into_iter()
                .map(|d| d.device_guid.unwrap()),
        );
        offset += 40;
    }
    assert_eq!(
        result(&get(&r, "/device/count?status=ACTIVE").await),
        seen.len() as u64
    );
    let _ = BASE;
}
