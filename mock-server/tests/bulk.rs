//! Bulk device actions and send message (EPMM V1 API guide, "Send Action to bulk devices" and "Send
//! message to devices").

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
async fn lock_two_valid_devices() {
    let st = state(100);
    let app = router(&st);
    let ids = uuids(&st, 2, |d| d.status == DeviceStatus::Active);
    // V1 guide, "Send Action to bulk devices", the example and its answer: <messages/>
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
async fn action_names_are_exact_capitals() {
    let st = state(30);
    let app = router(&st);
    let id = &uuids(&st, 1, |d| d.status == DeviceStatus::Active)[0];
    // "If you do not capitalize the action or misspell it, this field contains the value
    // “Invalid action”." (V1 guide, "Send Action to bulk devices": the response example)
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
async fn invalid_devices_are_listed_valid_ones_processed() {
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
    // WIPE then LOCK: the wiped device is skipped (only retire is valid after wipe, V1 guide, "Wipe
    // a Device") and the refusal is in its action log; the answer is sent before acting ("Send
    // Action to bulk devices").
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
async fn unlock_answers_passcodes_and_failures() {
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
    // passcodes: uuid, name, value Q (V1 guide, "Send Action to bulk devices": the response
    // example)
    assert_eq!(b.passcodes.items.len(), 1);
    assert_eq!(b.passcodes.items[0].uuid, android[0]);
    assert_eq!(b.passcodes.items[0].value, "Q");
    // failedDevices: "Message contents indicates the device for which the unlock failed" (the same
    // example)
    assert_eq!(b.failed_devices.items.len(), 1);
    assert!(b.failed_devices.items[0].contains(&wiped[0]));
    assert_eq!(b.invalid_devices.items, [UNKNOWN]);
    assert_eq!(b.messages.0, ["1 passcode(s) sent."]);
}

#[tokio::test]
async fn many_devices_and_the_parameter_name() {
    // The 20,000 limit (V1 guide, "Send Action to bulk devices": the request table) is checked by
    // `check_count` (unit test in src/v1/bulk.rs): over HTTP a URI is at most 64 KiB (the http
    // crate; hyper answers 414), about 1,300 uuids, so callers chunk long lists anyway.
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
    // "The name of the parameter is deviceUuids, with an “s” at the end" (the same table)
    let r = post(&app, "/api/v1/dm/bulk/devices/LOCK?deviceUuid=x").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("deviceUuids"));
    let r = post(&app, "/api/v1/dm/bulk/devices/LOCK").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // POST only (V1 guide, "Send Action to bulk devices").
    let r = get(&app, "/api/v1/dm/bulk/devices/LOCK?deviceUuids=x").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn wakeup_device_bulk() {
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
async fn send_message_by_uuid() {
    let (st, app) = common::hooked(120);
    let phone = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.phone.is_some()
    });
    let pda = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.phone.is_none()
    });
    // mode=sms&message=Hello World&deviceUuid=…&deviceUuid=… (V1 guide, "Send message to devices",
    // examples)
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hello%20World&deviceUuid={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let m: SendMessageResponse = parse(&r);
    // "Message sent successfully for all devices." (V1 guide, "Send message to devices": the
    // response example)
    assert_eq!(m.messages.0, ["Message sent successfully for all devices."]);
    assert!(!m.message_sent_failed);
    // A Wi-Fi-only device cannot get an SMS; an unknown uuid is listed (the same example).
    let r = post(&app, &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hi&deviceUuid={phone}&deviceUuid={pda}&deviceUuid={UNKNOWN}")).await;
    let m: SendMessageResponse = parse(&r);
    assert!(m.message_sent_failed);
    assert_eq!(m.invalid_devices.items, [UNKNOWN]);
    assert_eq!(m.messages.0, ["Message sent to 1 of 3 device(s)."]);
    // Email with a subject; push (V1 guide, "Send message to devices": the request table).
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
    // "The name of this parameter is deviceUuid, with no “s” at the end." (the same table)
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/sendmessage?mode=sms&message=Hi&deviceUuids={phone}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("no \"s\""));
    // mode and message are required (the same table).
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
async fn send_message_by_mac() {
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
    // mac/sendmessage?mode=sms&message=Hello World&deviceWiFiMacAddress=00237696635F (V1 guide,
    // "Send message to devices", examples)
    let r = post(&app, &format!("/api/v1/dm/bulk/mac/sendmessage?mode=email&message=Hello%20World&deviceWiFiMacAddress={mac}&deviceWiFiMacAddress=00237696635F")).await;
    assert_eq!(r.status, StatusCode::OK);
    let m: SendMessageResponse = parse(&r);
    assert_eq!(m.invalid_devices.items, ["00237696635F"]);
    assert!(m.message_sent_failed);
    // "…as a query parameter that has the name macAddress" (V1 guide, "Send message to devices":
    // the request table, which names the parameter deviceWiFiMacAddress)
    let r = post(
        &app,
        &format!("/api/v1/dm/bulk/mac/sendmessage?mode=email&message=Hi&macAddress={mac}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!parse::<SendMessageResponse>(&r).message_sent_failed);
}
