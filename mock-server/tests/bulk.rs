//! Bulk device actions and send message (L4238-4506).

mod common;

use axum::http::StatusCode;
use common::{find_device, get, parse, post, router, state, status_of};
use mock_server::catalog::Platform;
use wire::v1::{BulkAction, BulkResponse, DeviceStatus, SendMessageResponse};

const UNKNOWN: &str = "1ac8bd81-4ab9-4e3e-b3a8-0c4f70521d23";

fn uuids(
    st: &mock_server::SharedState,
    n: usize,
    f: impl Fn(&mock_server::state::DeviceRec) -> bool,
) -> Vec<String> {
    st.read()
        .devices
        .iter()
        .filter(|d| f(d))
        .take(n)
        .map(|d| d.uuid.clone())
        .collect()
}

fn query(key: &str, values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("{key}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn lock_two_valid_devices_l4261_4270() {
    let st = state(100);
    let app = router(&st);
    let ids = uuids(&st, 2, |d| d.status == DeviceStatus::Active);
    // L4262-4263 and the answer L4266-4270: <messages/>
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/LOCK?{}",
            query("deviceUuids", &ids)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let b: BulkResponse = parse(&r);
    assert!(b.messages.0.is_empty() && b.invalid_devices.items.is_empty());
    let v = r.json();
    assert_eq!(v["messages"], serde_json::json!({"message": []}));
}

#[tokio::test]
async fn action_names_are_exact_capitals_l4283_4290_l4322() {
    let st = state(30);
    let app = router(&st);
    let id = &uuids(&st, 1, |d| d.status == DeviceStatus::Active)[0];
    // "If you do not capitalize the action or misspell it, this field contains the value
    // “Invalid action”." (L4322-4323)
    for bad in ["lock", "Lock", "WAKEUP", "wakeup_device", "DELETE"] {
        let r = post(
            &app,
            &format!("/api/v1/dm/bulk/devices/{bad}?deviceUuids={id}"),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        let b: BulkResponse = parse(&r);
        assert!(b.is_invalid_action(), "{bad}");
        assert_eq!(b.messages.0, ["Invalid action"]);
    }
    for a in BulkAction::ALL {
        let r = post(
            &app,
            &format!("{}?deviceUuids={UNKNOWN}", format_args!("/api{}", a.path())),
        )
        .await;
        // valid action, no valid device: 404 with the unknown uuid listed
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{a}");
    }
}

#[tokio::test]
async fn invalid_devices_are_listed_valid_ones_processed_l4253_4254() {
    let st = state(120);
    let app = router(&st);
    let ids = uuids(&st, 3, |d| d.status == DeviceStatus::Active);
    let mut all = ids.clone();
    all.insert(1, UNKNOWN.to_string());
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/RETIRE?{}",
            query("deviceUuids", &all)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let b: BulkResponse = parse(&r);
    assert_eq!(b.invalid_devices.trimmed(), [UNKNOWN]);
    // Same transition as the single call: RETIRED.
    for id in &ids {
        assert_eq!(status_of(&app, id).await, "RETIRED");
    }
    // WIPE then LOCK: the wiped device is skipped (only retire is valid after wipe, L3640) and
    // the refusal is in its action log; the answer is sent before acting (L4249-4251).
    let more = uuids(&st, 2, |d| d.status == DeviceStatus::Active);
    post(
        &app,
        &format!("/api/v1/dm/bulk/devices/WIPE?deviceUuids={}", more[0]),
    )
    .await;
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/LOCK?{}",
            query("deviceUuids", &more)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(status_of(&app, &more[0]).await, "WIPED");
    let i = st.read().device_index(&more[0]).unwrap();
    let log = st.read().extras[&i].log.clone();
    assert!(log.iter().any(|l| l.action == "LOCK" && !l.ok));
}

#[tokio::test]
async fn unlock_answers_passcodes_and_failures_l4335_4379() {
    let st = state(200);
    let app = router(&st);
    let android = uuids(&st, 1, |d| {
        d.status == DeviceStatus::Active && d.platform() == Platform::Android && d.compliance == 0
    });
    let wiped = uuids(&st, 1, |d| d.status == DeviceStatus::Wiped);
    let mut ids = android.clone();
    ids.extend(wiped.clone());
    ids.push(UNKNOWN.into());
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/UNLOCK?{}",
            query("deviceUuids", &ids)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let b: BulkResponse = parse(&r);
    // passcodes: uuid, name, value Q (L4337-4357)
    assert_eq!(b.passcodes.items.len(), 1);
    assert_eq!(b.passcodes.items[0].uuid, android[0]);
    assert_eq!(b.passcodes.items[0].value, "Q");
    // failedDevices: "Message contents indicates the device for which the unlock failed" (L4374-4375)
    assert_eq!(b.failed_devices.items.len(), 1);
    assert!(b.failed_devices.items[0].contains(&wiped[0]));
    assert_eq!(b.invalid_devices.items, [UNKNOWN]);
    assert_eq!(b.messages.0, ["1 passcode(s) sent."]);
}

#[tokio::test]
async fn many_devices_and_the_parameter_name_l4291_4304() {
    // The 20,000 limit (L4294-4295) is checked by `check_count` (unit test in src/v1/bulk.rs):
    // over HTTP a URI is at most 64 KiB (the http crate; hyper answers 414), about 1,300 uuids,
    // so callers chunk long lists anyway.
    let st = state(40);
    let app = router(&st);
    let mut many: Vec<String> = (0..1_000)
        .map(|i| format!("00000000-0000-4000-8000-{i:012}"))
        .collect();
    many.push(st.read().devices[0].uuid.clone());
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/WAKEUP_DEVICE?{}",
            query("deviceUuids", &many)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let b: BulkResponse = parse(&r);
    assert_eq!(b.invalid_devices.items.len(), 1_000);
    // "The name of the parameter is deviceUuids, with an “s” at the end" (L4303-4304)
    let r = post(&app, "/api/v1/dm/bulk/devices/LOCK?deviceUuid=x").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("deviceUuids"));
    let r = post(&app, "/api/v1/dm/bulk/devices/LOCK").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // POST only (L4275).
    let r = get(&app, "/api/v1/dm/bulk/devices/LOCK?deviceUuids=x").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn wakeup_device_bulk_l4246_4247() {
    let st = state(60);
    let app = router(&st);
    let ids = uuids(&st, 3, |d| d.status == DeviceStatus::Active);
    let r = post(
        &app,
        &format!(
            "/api/v1/dm/bulk/devices/WAKEUP_DEVICE?{}",
            query("deviceUuids", &ids)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let i = st.read().device_index(&ids[0]).unwrap();
    assert_eq!(st.read().extras[&i].log[0].action, "WAKEUP_DEVICE");
}

#[tokio::test]
async fn send_message_by_uuid_l4396_4446() {
    let (st, app) = common::hooked(120);
    let phone = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.phone.is_some()
    });
    let pda = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.phone.is_none()
    });
    // L4396-4398: mode=sms&message=Hello World&deviceUuid=…&deviceUuid=…
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hello%20World&deviceUuid={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let m: SendMessageResponse = parse(&r);
    // L4484-4485: "Message sent successfully for all devices."
    assert_eq!(m.messages.0, ["Message sent successfully for all devices."]);
    assert!(!m.message_sent_failed);
    // A Wi-Fi-only device cannot get an SMS; an unknown uuid is listed (L4491-4502).
    let r = post(&app, &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hi&deviceUuid={phone}&deviceUuid={pda}&deviceUuid={UNKNOWN}")).await;
    let m: SendMessageResponse = parse(&r);
    assert!(m.message_sent_failed);
    assert_eq!(m.invalid_devices.items, [UNKNOWN]);
    assert_eq!(m.messages.0, ["Message sent to 1 of 3 device(s)."]);
    // Email with a subject (L4439); push (L4446).
    let r = post(&app, &format!("/api/v1/dm/bulk/sendmessage?mode=email&subject=Policy&message=Please%20update&deviceUuid={pda}")).await;
    assert!(!parse::<SendMessageResponse>(&r).message_sent_failed);
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=PNS&message=Ping&deviceUuid={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let log = get(&app, &format!("/_mock/devices/{pda}/log")).await.json();
    assert_eq!(log["log"][1]["detail"], "email: [Policy] Please update");
    // "The name of this parameter is deviceUuid, with no “s” at the end." (L4434-4435)
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hi&deviceUuids={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("no \"s\""));
    // mode and message are required (L4437, L4441).
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=fax&message=Hi&deviceUuid={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&deviceUuid={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Only unknown devices: 404.
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hi&deviceUuid={UNKNOWN}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn send_message_by_mac_l4409_4411_l4457_4460() {
    let st = state(60);
    let app = router(&st);
    let mac = {
        let w = st.read();
        w.devices
            .iter()
            .find(|d| d.status == DeviceStatus::Active)
            .unwrap()
            .mac_string()
    };
    // L4410-4411: mac/sendmessage?mode=sms&message=Hello World&deviceWiFiMacAddress=00237696635F
    let r = post(&app, &format!("/api/v1/dm/bulk/mac/sendmessage?mode=email&message=Hello%20World&deviceWiFiMacAddress={mac}&deviceWiFiMacAddress=00237696635F")).await;
    assert_eq!(r.status, StatusCode::OK);
    let m: SendMessageResponse = parse(&r);
    assert_eq!(m.invalid_devices.items, ["00237696635F"]);
    assert!(m.message_sent_failed);
    // "…as a query parameter that has the name macAddress" (L4459-4460; digest §7 #36)
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/mac/sendmessage?mode=email&message=Hi&macAddress={mac}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!parse::<SendMessageResponse>(&r).message_sent_failed);
}
