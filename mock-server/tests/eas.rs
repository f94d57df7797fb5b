//! Exchange ActiveSync (EPMM V1 API guide, "Exchange ActiveSync (EAS)").

mod common;

use axum::http::StatusCode;
use common::{get, get_xml, parse, put, router, state, status_of};
use wire::v1::{ActionSource, EasDeviceDetail, EasGroup, EasListResponse, MessagesOnly};

#[tokio::test]
async fn list_in_five_groups() {
    let st = state(300);
    let app = router(&st);
    let r = get(&app, "/api/v1/eas/devices").await;
    assert_eq!(r.status, StatusCode::OK);
    let l: EasListResponse = parse(&r);
    // "212 Device(s) returned" (V1 guide, "List All ActiveSync Devices": the response example)
    assert_eq!(l.messages.0, [format!("{} Device(s) returned", l.len())]);
    assert_eq!(l.total_count, Some(l.len() as u64));
    // Every group is seeded (V1 guide, "List All ActiveSync Devices"), with every actionSource
    // ("Device Details for ActiveSync": the response example).
    let all = l.all();
    for g in EasGroup::ALL {
        assert!(all.iter().any(|(x, _)| x == g), "{g}");
    }
    for s in ActionSource::ALL {
        assert!(
            all.iter().any(|(_, d)| d.action_source() == Some(*s)),
            "{s}"
        );
    }
    // Registered ones link to their EPMM device and back (miDeviceUuid / easUuid: V1 guide, the
    // response examples of "List All ActiveSync Devices" and "Get Devices by Status").
    let (_, reg) = all
        .iter()
        .find(|(g, _)| *g == EasGroup::RegisteredAllowed)
        .unwrap();
    assert_eq!(reg.status, "Registered");
    assert_eq!(reg.active_sync_status, "Allowed");
    {
        let w = st.read();
        let d = w.device(&reg.mi_device_uuid).unwrap();
        assert_eq!(d.eas_uuid, reg.uuid);
        assert!(
            reg.first_sync_time.unwrap() > 1_000_000_000_000,
            "epoch ms (List All ActiveSync Devices: the response example)"
        );
    }
    let (_, un) = all
        .iter()
        .find(|(g, _)| *g == EasGroup::UnregisteredBlocked)
        .unwrap();
    assert_eq!(
        (un.status.as_str(), un.active_sync_status.as_str()),
        ("Unregistered", "Blocked")
    );
    assert!(un.mi_device_uuid.is_empty());
    // XML keeps the guide's root spelling `easWebServiceReponse` (V1 guide, "List All ActiveSync
    // Devices": the response example).
    let x = get_xml(&app, "/api/v1/eas/devices").await.text();
    assert!(x.contains("<easWebServiceReponse><messages><message>"));
    assert!(x.contains("<registeredAllowedDevices><registeredAllowedDevice><uuid>"));
    assert!(x.contains("<wipedDevices><wipedDevice>"));
}

#[tokio::test]
async fn device_details_for_activesync() {
    let st = state(100);
    let app = router(&st);
    let uuid = st.read().eas[0].uuid.clone();
    let r = get(&app, &format!("/api/v1/eas/devices/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let d: EasDeviceDetail = parse(&r);
    assert_eq!(d.uuid, uuid);
    // The Exchange keys of V1 guide, "Device Details for ActiveSync", in Exchange's own forms.
    for k in [
        "ActionSource",
        "DeviceID",
        "FirstSyncTime",
        "DeviceAccessState",
        "DeviceActiveSyncVersion",
        "RecoveryPassword",
    ] {
        assert!(d.details.get(k).is_some(), "{k}");
    }
    let first = d.details.get("FirstSyncTime").unwrap();
    assert!(first.ends_with(" AM") || first.ends_with(" PM"), "{first}");
    assert!(ActionSource::parse_any(d.details.get("ActionSource").unwrap()).is_some());
    // No envelope: root easDevice (V1 guide, "Device Details for ActiveSync": the response
    // example).
    let x = get_xml(&app, &format!("/api/v1/eas/devices/{uuid}"))
        .await
        .text();
    assert!(
        x.contains(&format!("<easDevice><uuid>{uuid}</uuid><details><entry>")),
        "{x}"
    );
    let r = get(&app, "/api/v1/eas/devices/nope").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
}

#[tokio::test]
async fn block_reinstate_wipe() {
    let st = state(200);
    let app = router(&st);
    let (eas, mdm) = {
        let w = st.read();
        let e = w
            .eas
            .iter()
            .find(|e| e.device.is_some() && e.access == mock_server::records::EasAccess::Allowed)
            .unwrap();
        (
            e.uuid.clone(),
            w.devices[e.device.unwrap() as usize].uuid.clone(),
        )
    };
    // ?action=BLOCK_DEVICE&uuids=…&uuids=… (V1 guide, "Request Action on ActiveSync Device",
    // example)
    let r = put(
        &app,
        &format!("/api/v1/eas/devices?action=BLOCK_DEVICE&uuids={eas}&uuids=unknown-eas"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // "1 device(s) modified to BLOCK_DEVICE status" (V1 guide, "Request Action on ActiveSync
    // Device": the response example)
    assert_eq!(
        parse::<MessagesOnly>(&r).messages.0,
        ["1 device(s) modified to BLOCK_DEVICE status"]
    );
    let l: EasListResponse = parse(&get(&app, "/api/v1/eas/devices").await);
    let (g, d) = l.all().into_iter().find(|(_, d)| d.uuid == eas).unwrap();
    assert_eq!(g, EasGroup::RegisteredBlocked);
    assert_eq!(d.action_source(), Some(ActionSource::Manual));
    // The linked EPMM device is "manually blocked": blockReason bit 512 (V1 guide, "Compliance,
    // quarantinedStatus, and blockReason values").
    let dev: wire::v1::DeviceResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/{mdm}")).await);
    assert!(dev.device.unwrap().block_reasons().has("MANUALLY_BLOCKED"));
    let detail: EasDeviceDetail = parse(&get(&app, &format!("/api/v1/eas/devices/{eas}")).await);
    assert_eq!(detail.details.get("DeviceAccessState"), Some("Blocked"));
    // Reinstate moves it back and clears the bit.
    let r = put(
        &app,
        &format!("/api/v1/eas/devices?action=REINSTATE_DEVICE&uuids={eas}"),
    )
    .await;
    assert_eq!(
        r.messages(),
        ["1 device(s) modified to REINSTATE_DEVICE status"]
    );
    let dev: wire::v1::DeviceResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/{mdm}")).await);
    assert!(!dev.device.unwrap().block_reasons().has("MANUALLY_BLOCKED"));
    // Wipe: wipedDevices, and the EPMM device was factory reset.
    put(
        &app,
        &format!("/api/v1/eas/devices?action=WIPE&uuids={eas}"),
    )
    .await;
    let l: EasListResponse = parse(&get(&app, "/api/v1/eas/devices").await);
    assert!(l.wiped_devices.items.iter().any(|d| d.uuid == eas));
    assert_eq!(status_of(&app, &mdm).await, "WIPED");
    // Errors: bad action 400, no uuids 400, unknown only 404.
    assert_eq!(
        put(
            &app,
            &format!("/api/v1/eas/devices?action=ERASE&uuids={eas}")
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(&app, "/api/v1/eas/devices?action=WIPE").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(&app, "/api/v1/eas/devices?action=WIPE&uuids=nope")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The action answer's XML root is easWebServiceResponse (V1 guide, "Request Action on
    // ActiveSync Device": the response example).
    let r = common::send(
        &app,
        axum::http::Method::PUT,
        &format!("/api/v1/eas/devices?action=BLOCK_DEVICE&uuids={eas}"),
        Some(common::ADMIN),
        &[("accept", "application/xml")],
    )
    .await;
    assert!(r.text().contains("<easWebServiceResponse><messages>"));
}
