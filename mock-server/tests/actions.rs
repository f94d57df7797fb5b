//! Single-device actions by uuid and by Wi-Fi MAC (EPMM V1 API guide, "Retire a Device" to "Enable
//! Roaming"), their state machine, and the self-service rules.

mod common;

use axum::http::{Method, StatusCode};
use common::{find_device, get, get_xml, parse, put, router, send, state, status_of, ADMIN};
use mock_server::catalog::Platform;
use wire::v1::{
    ActionRequest, ActionResponse, DeviceAction, DeviceRef, DeviceResponse, DeviceStatus,
    LocateResponse, LookupResult, MessagesOnly, PasscodeCode, UnlockResponse,
};

fn active(p: Platform) -> impl Fn(&mock_server::state::DeviceRec) -> bool {
    move |d| d.status == DeviceStatus::Active && d.platform() == p && d.imei != 0
}

#[tokio::test]
async fn retire_a_device_by_uuid_and_reason_in_either_case() {
    let st = state(120);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    // V1 guide, "Retire a Device", examples: ".../retire/{uuid}?Reason=User%20replaced%20device";
    // "Parameter Formats" writes `reason`.
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/retire/{uuid}?reason=User%20replaced%20device"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let a: ActionResponse = parse(&r);
    // V1 guide, "Retire a Device": the response example, "<message> Device is retired
    // successfully.</message>"
    assert_eq!(a.messages.0, [" Device is retired successfully."]);
    assert_eq!(a.device_uuid, uuid);
    assert_eq!(status_of(&app, &uuid).await, "RETIRED");
    // The list by status follows (state visible through GET /dm/devices).
    let list: wire::v1::DeviceListResponse =
        parse(&get(&app, "/api/v1/dm/devices?status=RETIRED&limit=-1").await);
    assert!(list
        .devices
        .items
        .iter()
        .any(|d| d.uuid == uuid && d.status_code == 114));
    // A retired device takes no further action (decision, documented in ops).
    let r = put(&app, &format!("/api/v1/dm/devices/lock/{uuid}?Reason=x")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("retired"));
}

#[tokio::test]
async fn reason_rules_of_retire_lock_unlock_and_wipe() {
    let st = state(60);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Ios));
    // Lock and unlock require Reason (V1 guide, the request tables of "Lock a Device" and "Unlock a
    // Device").
    let r = put(&app, &format!("/api/v1/dm/devices/lock/{uuid}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.messages(), ["Reason is required"]);
    let r = get(&app, &format!("/api/v1/dm/devices/unlock/{uuid}?Reason=")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // "Free form text field (512 character limit)" (V1 guide, "Retire a Device": the request
    // table): 512 is fine, 513 is not.
    let ok = "a".repeat(512);
    let r = put(&app, &format!("/api/v1/dm/devices/lock/{uuid}?Reason={ok}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let long = "a".repeat(513);
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/wipe/{uuid}?Reason={long}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("512"));
    // Wipe without a reason is fine (optional in V1 guide, "Wipe a Device": the request table).
    let r = put(&app, &format!("/api/v1/dm/devices/wipe/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn wipe_a_device_then_only_retire() {
    // V1 guide, "Wipe a Device": "Once wiped, device status changes to “Wiped,” and the only valid
    // action to apply is Retire." No error is specified for the others: 400 with a message (the
    // guide gives none).
    let st = state(80);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/wipe/{uuid}?Reason=Device%20stolen"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let a: ActionResponse = parse(&r);
    // The guide's wipe answer has an empty message (V1 guide, "Wipe a Device": the response
    // example).
    assert_eq!(a.messages.0, [""]);
    assert_eq!(status_of(&app, &uuid).await, "WIPED");
    for (m, path) in [
        (Method::PUT, "lock"),
        (Method::GET, "unlock"),
        (Method::PUT, "wipe"),
        (Method::GET, "wakeup"),
        (Method::GET, "locate"),
    ] {
        let r = send(
            &app,
            m,
            &format!("/api/v1/dm/devices/{path}/{uuid}?Reason=x"),
            Some(ADMIN),
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(
            r.messages(),
            [format!(
                "Device {uuid} is wiped: the only valid action is Retire"
            )]
        );
    }
    let r = put(&app, &format!("/api/v1/dm/devices/retire/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(status_of(&app, &uuid).await, "RETIRED");
}

#[tokio::test]
async fn lock_unlock_keep_the_status_and_give_the_passcode_codes() {
    let st = state(200);
    let app = router(&st);
    // Android with a passcode (compliance bit 8 clear): Q, then F once unlock cleared it (V1 guide,
    // "Unlock a Device").
    let android = find_device(&st, |d| active(Platform::Android)(d) && d.compliance == 0);
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/lock/{android}?Reason=User%20lost%20device"),
    )
    .await;
    let a: ActionResponse = parse(&r);
    // "Device is locked successfully."; no unlockpasscode for Android/iOS (V1 guide, "Lock a
    // Device": the response example).
    assert_eq!(a.messages.0, ["Device is locked successfully."]);
    assert!(a.unlock_passcode.is_empty());
    assert_eq!(status_of(&app, &android).await, "ACTIVE");
    let r = get(
        &app,
        &format!("/api/v1/dm/devices/unlock/{android}?Reason=User%20forgot%20password"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let u: UnlockResponse = parse(&r);
    // "1 passcode(s) sent."; "Q – The device has a passcode." (V1 guide, "Unlock a Device": the
    // response example)
    assert_eq!(u.messages.0, ["1 passcode(s) sent."]);
    let pc = &u.passcodes.items[0];
    assert_eq!(pc.uuid, android);
    assert_eq!(pc.kind(), Some(PasscodeCode::Q));
    // name = user:platform:phone (V1 guide, "Unlock a Device": the response example)
    assert!(pc.name.starts_with(&format!(
        "{}:Android:",
        st.read()
            .owner(st.read().device(&android).unwrap())
            .principal
    )));
    let u: UnlockResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/unlock/{android}?Reason=again"),
        )
        .await,
    );
    assert_eq!(u.passcodes.items[0].kind(), Some(PasscodeCode::F));
    // The details show the cleared passcode; lock sets it again.
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{android}")).await);
    assert_eq!(d.device.unwrap().details.get("prv_password"), Some("OFF"));
    put(&app, &format!("/api/v1/dm/devices/lock/{android}?Reason=x")).await;
    let u: UnlockResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/unlock/{android}?Reason=y"),
        )
        .await,
    );
    assert_eq!(u.passcodes.items[0].kind(), Some(PasscodeCode::Q));
    assert_eq!(status_of(&app, &android).await, "ACTIVE");

    // iOS not MDM-managed: NA (V1 guide, "Unlock a Device": the response example). A device whose
    // MDM profile is removed (bit 0x800).
    let ios_unmanaged = {
        let mut w = st.write();
        let d = w
            .devices
            .iter_mut()
            .find(|d| d.status == DeviceStatus::Active && d.platform() == Platform::Ios)
            .unwrap();
        d.compliance |= 0x800;
        d.uuid.clone()
    };
    let u: UnlockResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/unlock/{ios_unmanaged}?Reason=x"),
        )
        .await,
    );
    assert_eq!(u.passcodes.items[0].kind(), Some(PasscodeCode::Na));

    // Windows: lock returns an EPMM-generated unlock passcode (V1 guide, "Lock a Device": the
    // response example).
    let win = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.platform() == Platform::Windows
    });
    let a: ActionResponse =
        parse(&put(&app, &format!("/api/v1/dm/devices/lock/{win}?Reason=x")).await);
    assert_eq!(a.unlock_passcode.len(), 6);
    assert!(a.unlock_passcode.chars().all(|c| c.is_ascii_digit()));
}

#[tokio::test]
async fn unlock_wakeup_locate_are_get() {
    // "Http Method: GET" (V1 guide, "Unlock a Device", "Wakeup Client", "Locate a Device"); a PUT
    // is a wrong method, 405 ("HTTP Response Codes").
    let st = state(50);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    for p in ["unlock", "wakeup", "locate"] {
        let r = put(&app, &format!("/api/v1/dm/devices/{p}/{uuid}?Reason=x")).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{p}");
    }
    for p in ["retire", "lock", "wipe", "enableroaming"] {
        let r = get(&app, &format!("/api/v1/dm/devices/{p}/{uuid}")).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{p}");
    }
}

#[tokio::test]
async fn wakeup_client_message_and_check_in() {
    let st = state(60);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    let before = st.read().device(&uuid).unwrap().last_connected_at;
    let r = get(&app, &format!("/api/v1/dm/devices/wakeup/{uuid}")).await;
    let a: ActionResponse = parse(&r);
    // "Wake up request sent to device with uuid:cf667a65-…" (no space after the colon)
    assert_eq!(
        a.messages.0,
        [format!("Wake up request sent to device with uuid:{uuid}")]
    );
    assert_eq!(a.device_uuid, uuid);
    // The client checked in: lastConnectedAt moves to the mock clock.
    assert!(st.read().device(&uuid).unwrap().last_connected_at >= before);
}

#[tokio::test]
async fn locate_a_device_and_locatenow() {
    let st = state(80);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    // V1 guide, "Locate a Device": the response example has deviceUuid, messages,
    // locations/location, locateNow.
    let first: LocateResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/locate/{uuid}")).await);
    assert_eq!(first.device_uuid, uuid);
    assert!(!first.locate_now);
    let l0 = first.latest().unwrap().clone();
    assert_eq!(l0.result(), Some(LookupResult::Cell));
    assert_eq!(l0.radius, Some(1500));
    assert!(l0.position().is_some());
    // Step 1 (V1 guide, "Locate a Device"): locatenow=true asks the device; the answer is still the
    // last fix.
    let now: LocateResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/locate/{uuid}?locatenow=true"),
        )
        .await,
    );
    assert!(now.locate_now);
    assert_eq!(now.latest().unwrap().captured_at, l0.captured_at);
    // Step 2 (the same section): a later call without it returns the new fix.
    let after: LocateResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/locate/{uuid}")).await);
    let l1 = after.latest().unwrap();
    assert_eq!(l1.result(), Some(LookupResult::Gps));
    assert!(l1.captured_ms() > l0.captured_ms());
    // The device details show the new position.
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{uuid}")).await);
    let lat: f64 = d
        .device
        .unwrap()
        .details
        .get("latitude")
        .unwrap()
        .parse()
        .unwrap();
    assert!((lat - l1.latitude.unwrap()).abs() < 1e-5);
    // "This parameter does not apply to iOS." (V1 guide, "Locate a Device": the request table)
    let ios = find_device(&st, active(Platform::Ios));
    let a: LocateResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/locate/{ios}?locatenow=true"),
        )
        .await,
    );
    let b: LocateResponse = parse(&get(&app, &format!("/api/v1/dm/devices/locate/{ios}")).await);
    assert_eq!(
        a.latest().unwrap().captured_at,
        b.latest().unwrap().captured_at
    );
    // A bad boolean is 400.
    let r = get(
        &app,
        &format!("/api/v1/dm/devices/locate/{uuid}?locatenow=maybe"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn enable_roaming_ios_only() {
    let st = state(120);
    let app = router(&st);
    let ios = find_device(&st, active(Platform::Ios));
    // enableroaming/{uuid}?voice=true&data=false (V1 guide, "Enable Roaming", example)
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/enableroaming/{ios}?voice=true&data=false"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let a: ActionResponse = parse(&r);
    // Two messages, voice then data (V1 guide, "Enable Roaming": the response example).
    assert_eq!(a.messages.0.len(), 2);
    assert!(a.messages.0[0].starts_with("Device voice roaming settings updated successfully."));
    assert_eq!(
        a.messages.0[1],
        "Device data roaming settings updated successfully."
    );
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{ios}")).await);
    let d = d.device.unwrap();
    assert_eq!(d.details.get("Voice Roaming Enabled"), Some("true"));
    assert_eq!(d.details.get("DataRoamingEnabled"), Some("false"));
    // "If you set the voice parameter to false, data roaming is disabled even if you set the data
    // parameter to true." (V1 guide, "Enable Roaming": the request table)
    put(
        &app,
        &format!("/api/v1/dm/devices/enableroaming/{ios}?voice=false&data=true"),
    )
    .await;
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{ios}")).await);
    let d = d.device.unwrap();
    assert_eq!(d.details.get("Voice Roaming Enabled"), Some("false"));
    assert_eq!(d.details.get("DataRoamingEnabled"), Some("false"));
    // Both parameters are required (V1 guide, "Enable Roaming": the request table).
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/enableroaming/{ios}?voice=true"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // "Unique ID of the iOS device" (V1 guide, "Enable Roaming": the request table): other
    // platforms are refused.
    let android = find_device(&st, active(Platform::Android));
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/enableroaming/{android}?voice=true&data=true"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("not an iOS device"));
    // No MAC variant (V1 guide, "Enable Roaming": the URI).
    let r = put(
        &app,
        "/api/v1/dm/devices/enableroaming/mac/38AA3C62BFAD?voice=true&data=true",
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_action_by_mac() {
    let st = state(120);
    let app = router(&st);
    let (uuid, mac) = {
        let w = st.read();
        let d = w
            .devices
            .iter()
            .find(|d| active(Platform::Android)(d))
            .unwrap();
        (d.uuid.clone(), d.mac_string())
    };
    // The MAC in lower case with colons works too.
    let colons = mac
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).to_lowercase())
        .collect::<Vec<_>>()
        .join(":");
    for action in [
        DeviceAction::Lock,
        DeviceAction::Unlock,
        DeviceAction::Wakeup,
        DeviceAction::Locate,
    ] {
        let req =
            ActionRequest::new(action, DeviceRef::Mac(colons.clone())).reason("User lost device");
        let q: Vec<String> = req
            .query()
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace(' ', "%20")))
            .collect();
        let uri = format!("/api{}?{}", req.path(), q.join("&"));
        let m = Method::from_bytes(req.method().as_bytes()).unwrap();
        let r = send(&app, m, &uri, Some(ADMIN), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.text());
        assert!(r.text().contains(&uuid), "{action}");
    }
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/wipe/mac/{mac}?Reason=stolen"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/retire/mac/{mac}?Reason=done"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(status_of(&app, &uuid).await, "RETIRED");
    // Unknown MAC: 404 with totalCount 0; a malformed one: 400.
    let r = put(&app, "/api/v1/dm/devices/lock/mac/000000000001?Reason=x").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
    let r = put(&app, "/api/v1/dm/devices/lock/mac/XYZ?Reason=x").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // V1 guide, "Wipe a Device" writes the MAC wipe example without /mac/: that is a uuid route,
    // not found.
    let r = put(&app, &format!("/api/v1/dm/devices/wipe/{mac}?Reason=x")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pending_devices_can_only_be_retired() {
    let st = state(200);
    let app = router(&st);
    let uuid = find_device(&st, |d| d.status == DeviceStatus::VerificationPending);
    let r = put(&app, &format!("/api/v1/dm/devices/lock/{uuid}?Reason=x")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("has not completed registration"));
    let r = put(&app, &format!("/api/v1/dm/devices/retire/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_device_is_404() {
    // "‘404 – No Data Found’ There is no data." (V1 guide, "Retire a Device": the status codes)
    let app = router(&state(20));
    let r = put(
        &app,
        "/api/v1/dm/devices/retire/00000000-0000-4000-8000-000000000000",
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let m: MessagesOnly = parse(&r);
    assert_eq!(m.total_count, Some(0));
}

#[tokio::test]
async fn device_calls_in_xml() {
    // "For xml output, set the ‘Accept’ header in the request to ‘application/xml’." (V1 guide,
    // "Response Formats")
    let st = state(60);
    let app = router(&st);
    let uuid = find_device(&st, active(Platform::Android));
    let r = get_xml(&app, "/api/v1/dm/devices?limit=2").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/xml"));
    let x = r.text();
    assert!(x.contains("<deviceManagementWebServiceResponse><messages><message>2 Device(s) returned</message></messages>"));
    assert!(x.contains("<devices><device id=\""));
    assert!(x.contains("<details><entry><key>"));
    let r = get_xml(&app, &format!("/api/v1/dm/devices/{uuid}")).await;
    let x = r.text();
    assert!(
        x.contains("<deviceManagementWebServiceResponse><messages/><device id=\""),
        "{x}"
    );
    assert!(x.contains(&format!("<uuid>{uuid}</uuid>")));
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/dm/devices/lock/{uuid}?Reason=x"),
        Some(ADMIN),
        &[("accept", "application/xml")],
    )
    .await;
    assert_eq!(
        r.text().split_once('\n').unwrap().1,
        format!("<deviceManagementWebServiceResponse><messages><message>Device is locked successfully.</message></messages><deviceUuid>{uuid}</deviceUuid></deviceManagementWebServiceResponse>")
    );
    // Errors too: the same envelope under the area's root.
    let r = get_xml(&app, "/api/v1/dm/devices/nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.header("content-type"), Some("application/xml"));
    assert!(r.text().contains("<deviceManagementWebServiceResponse><messages><message>No device found for uuid nope</message></messages><totalCount>0</totalCount>"));
    let r = send(
        &app,
        Method::GET,
        "/api/v1/dm/devices",
        None,
        &[("accept", "application/xml")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text().starts_with("<?xml"));
    // JSON stays the default.
    let r = get(&app, "/api/v1/dm/devices?limit=1").await;
    assert_eq!(r.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn self_service_user_reaches_only_the_self_service_calls() {
    // jdoe (ROLE_USER_PORTAL; the user of V1 guide, "Update Password for a User", example) owns the
    // first devices.
    let st = state(60);
    let app = router(&st);
    let jdoe = ("jdoe", "abcd1234");
    let (mine, other) = {
        let w = st.read();
        let mine = w.devices[0].uuid.clone();
        let other = w
            .devices
            .iter()
            .find(|d| w.owner(d).principal != "jdoe" && d.status == DeviceStatus::Active)
            .unwrap()
            .uuid
            .clone();
        (mine, other)
    };
    let ok = [
        (Method::GET, format!("/api/v1/dm/devices/{mine}")),
        (Method::GET, "/api/v1/dm/users/jdoe".to_string()),
        (Method::GET, "/api/v1/sm/users/jdoe".to_string()),
        (Method::GET, format!("/api/v1/dm/devices/locate/{mine}")),
        (
            Method::PUT,
            format!("/api/v1/dm/devices/lock/{mine}?Reason=lost"),
        ),
    ];
    for (m, uri) in ok {
        let r = send(&app, m.clone(), &uri, Some(jdoe), &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{m} {uri}: {}", r.text());
    }
    let denied = [
        (Method::GET, "/api/v1/dm/devices".to_string()),
        (Method::GET, format!("/api/v1/dm/devices/{other}")),
        (
            Method::PUT,
            format!("/api/v1/dm/devices/lock/{other}?Reason=x"),
        ),
        (Method::PUT, format!("/api/v1/dm/devices/retire/{mine}")),
        (Method::GET, "/api/v1/sm/users/admin".to_string()),
        (Method::GET, "/api/v1/dm/users/admin".to_string()),
        (Method::GET, "/api/v1/policies".to_string()),
        (
            Method::POST,
            format!("/api/v1/dm/bulk/devices/LOCK?deviceUuids={mine}"),
        ),
    ];
    for (m, uri) in denied {
        let r = send(&app, m.clone(), &uri, Some(jdoe), &[]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{m} {uri}");
        assert!(r
            .text()
            .contains("does not have the API or Mobile App role"));
    }
    // The Mobile App role may call everything (V1 guide, "Authentication").
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/dm/devices/lock/{other}?Reason=x"),
        Some(("mobileapp", "mobile1234")),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn actions_are_logged_for_the_hooks() {
    let (st, app) = common::hooked(40);
    let uuid = find_device(&st, active(Platform::Android));
    put(
        &app,
        &format!("/api/v1/dm/devices/lock/{uuid}?Reason=User%20lost%20device"),
    )
    .await;
    let r = get(&app, &format!("/_mock/devices/{uuid}/log")).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["log"][0]["action"], "LOCK");
    assert_eq!(v["log"][0]["by"], "admin");
    assert_eq!(v["log"][0]["detail"], "User lost device");
}
