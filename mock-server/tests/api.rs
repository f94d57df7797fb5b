//! V1 endpoints through the whole router (auth, routing, envelope, cache), without a network.

mod common;

use axum::http::{Method, StatusCode};
use common::{get, router, send, state, ADMIN};
use std::io::Read;
use wire::v1::{DeviceListResponse, DeviceResponse, DeviceStatus, LabelListResponse, MessagesOnly};

fn device_list(r: &common::Reply) -> DeviceListResponse {
    serde_json::from_slice(&r.body).expect("a DeviceListResponse")
}

#[tokio::test]
async fn devices_without_status_are_the_active_ones() {
    // V1 guide, "Get Devices by Status": "If the status is not specified, all devices with 'Active'
    // status are returned."
    let st = state(300);
    let app = router(&st);
    let r = get(&app, "/api/v1/dm/devices").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let active = st
        .read()
        .devices
        .iter()
        .filter(|d| d.status == DeviceStatus::Active)
        .count();
    let list = device_list(&r);
    // "212 Device(s) returned" (V1 guide, "Get Devices by Status": the response example)
    assert_eq!(list.messages.0, [format!("{active} Device(s) returned")]);
    assert_eq!(list.total_count, Some(active as u64));
    assert_eq!(list.devices.items.len(), active);
    assert!(list
        .devices
        .items
        .iter()
        .all(|d| d.status == "ACTIVE" && d.status_code == 97));
    // JSON shape of digest `epmm-v1-api.md`, "1.5 Response formats and XML roots": root dropped,
    // containers keep their XML names.
    let v = r.json();
    assert!(v["devices"]["device"].is_array());
    assert!(v["devices"]["device"][0]["details"][0]["entry"].is_array());
}

#[tokio::test]
async fn every_status_filter_case_insensitive() {
    // All 13 statuses of V1 guide, "Status and statusCode values" are valid filters, and every one
    // is seeded.
    let st = state(200);
    let app = router(&st);
    for s in DeviceStatus::ALL {
        let uri = format!(
            "/api/v1/dm/devices?status={}",
            s.as_str().to_ascii_lowercase()
        );
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{s}");
        let list = device_list(&r);
        assert!(!list.devices.items.is_empty());
        for d in &list.devices.items {
            assert_eq!(d.status, s.as_str());
            assert_eq!(d.status_code, s.code());
        }
    }
}

#[tokio::test]
async fn unknown_status_is_400() {
    // 400: "The accompanying error message in the output explains the reason" (V1 guide, "HTTP
    // Response Codes")
    let app = router(&state(50));
    let r = get(&app, "/api/v1/dm/devices?status=GONE").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.messages()[0].contains("Invalid status: GONE"));
}

#[tokio::test]
async fn no_match_is_404_with_total_count_0_and_the_cache_follows_state_changes() {
    // V1 guide, "HTTP Response Codes": an empty result is 404 "No Data Found", same envelope,
    // totalCount 0.
    let st = state(200);
    let app = router(&st);
    let r = get(&app, "/api/v1/dm/devices?status=LOST").await;
    assert_eq!(r.status, StatusCode::OK);
    {
        let mut w = st.write();
        for d in w.devices.iter_mut() {
            if d.status == DeviceStatus::Lost {
                d.status = DeviceStatus::Active;
            }
        }
    }
    let r = get(&app, "/api/v1/dm/devices?status=LOST").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v = r.json();
    assert_eq!(v["totalCount"], 0);
    assert_eq!(r.messages(), ["No devices found with status LOST"]);
}

#[tokio::test]
async fn limit_and_offset_paging() {
    // "increase the offset value by the limit value in each request" (V1 guide, "Using offset and
    // limit Parameters to Cycle through Records"); totalCount is the whole match count whatever the
    // page.
    let st = state(300);
    let app = router(&st);
    let all = device_list(&get(&app, "/api/v1/dm/devices").await);
    let total = all.total_count.unwrap();
    let p1 = device_list(&get(&app, "/api/v1/dm/devices?limit=50").await);
    let p2 = device_list(&get(&app, "/api/v1/dm/devices?limit=50&offset=50").await);
    assert_eq!(p1.total_count, Some(total));
    assert_eq!(p2.total_count, Some(total));
    assert_eq!(p1.devices.items.len(), 50);
    assert_eq!(p1.messages.0, ["50 Device(s) returned"]);
    assert_eq!(p1.devices.items[..], all.devices.items[..50]);
    assert_eq!(p2.devices.items[..], all.devices.items[50..100]);
    // limit=-1 returns all records (the same section); keys are case-insensitive.
    let every = device_list(&get(&app, "/api/v1/dm/devices?LIMIT=-1&Offset=0").await);
    assert_eq!(every.devices.items.len() as u64, total);
    // Past the end: nothing to return, so 404, but the match count is still reported.
    let r = get(&app, &format!("/api/v1/dm/devices?offset={total}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], total);
    for bad in ["limit=0", "limit=abc", "offset=-3"] {
        let r = get(&app, &format!("/api/v1/dm/devices?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn get_device_details_for_a_specific_device() {
    // The single-device call puts one `device` under the root, messages empty when found, and
    // uses `currentPhoneNumber` (V1 guide, "Get Device details for a specific device": the response
    // example).
    let st = state(100);
    let app = router(&st);
    let (uuid, phone) = {
        let w = st.read();
        let d = w.devices.iter().find(|d| d.phone.is_some()).unwrap();
        (d.uuid.clone(), d.phone_string())
    };
    let r = get(&app, &format!("/api/v1/dm/devices/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let one: DeviceResponse = serde_json::from_slice(&r.body).unwrap();
    assert!(one.messages.0.is_empty());
    let d = one.device.unwrap();
    assert_eq!(d.uuid, uuid);
    assert_eq!(d.current_phone_number, phone);
    assert_eq!(d.phone(), phone);
    // Full details on the single call, lean ones in lists.
    assert!(d.details.0.len() >= 25, "{} keys", d.details.0.len());
    let list = device_list(&get(&app, "/api/v1/dm/devices?limit=20").await);
    for d in &list.devices.items {
        assert!(d.details.0.len() <= 8);
        assert!(d.current_phone_number.is_empty());
    }
    // Upper-case uuid finds the same device.
    let r = get(&app, &format!("/api/v1/dm/devices/{}", uuid.to_uppercase())).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_device_is_404_with_total_count_0() {
    // "404 – No Data Found" (V1 guide, "Get Device details for a specific device": the status
    // codes); messages name the missing device.
    let app = router(&state(20));
    let r = get(
        &app,
        "/api/v1/dm/devices/00000000-0000-4000-8000-000000000000",
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let m: MessagesOnly = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(m.total_count, Some(0));
    assert_eq!(
        m.messages.0,
        ["No device found for uuid 00000000-0000-4000-8000-000000000000"]
    );
}

#[tokio::test]
async fn get_all_labels_with_live_device_counts() {
    let st = state(400);
    let app = router(&st);
    let r = get(&app, "/api/v1/dm/labels").await;
    assert_eq!(r.status, StatusCode::OK);
    let labels: LabelListResponse = serde_json::from_slice(&r.body).unwrap();
    let n = labels.labels.items.len();
    // "1 Label (s) returned", with the guide's space (V1 guide, "Get all Labels": the response
    // example)
    assert_eq!(labels.messages.0, [format!("{n} Label (s) returned")]);
    assert!(n >= 15);
    // <label id="-3"><name>iOS</name>...<staticLabel>false</staticLabel>
    // <query>"common.platform"="iOS" AND "common.retired"=false</query> (V1 guide, "Get all
    // Labels": the response example)
    let ios = labels.labels.items.iter().find(|l| l.id == -3).unwrap();
    assert_eq!(ios.name, "iOS");
    assert!(!ios.static_label);
    assert_eq!(
        ios.query,
        "\"common.platform\"=\"iOS\" AND \"common.retired\"=false"
    );
    assert_eq!(ios.is_es_search, Some(116));
    // Negative ids are the defaults, positive ones admin-created (the same example); both kinds
    // exist.
    assert!(labels
        .labels
        .items
        .iter()
        .any(|l| l.id > 0 && l.static_label));
    assert!(labels
        .labels
        .items
        .iter()
        .any(|l| l.id > 0 && !l.static_label));
    // deviceCount = what the label lookup returns.
    for l in &labels.labels.items {
        let r = get(
            &app,
            &format!("/api/v1/dm/labels/{}", wire::v1::encode_segment(&l.name)),
        )
        .await;
        if l.device_count == 0 {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", l.name);
            assert_eq!(r.json()["totalCount"], 0);
        } else {
            assert_eq!(r.status, StatusCode::OK, "{}", l.name);
            assert_eq!(
                device_list(&r).devices.items.len() as i64,
                l.device_count,
                "{}",
                l.name
            );
        }
    }
    // Dynamic labels follow state changes: retiring an iOS device drops it from "iOS".
    {
        let mut w = st.write();
        let d = w
            .devices
            .iter_mut()
            .find(|d| d.platform() == mock_server::catalog::Platform::Ios && !d.retired())
            .unwrap();
        d.status = DeviceStatus::Retired;
    }
    let after: LabelListResponse =
        serde_json::from_slice(&get(&app, "/api/v1/dm/labels").await.body).unwrap();
    let ios_after = after.labels.items.iter().find(|l| l.id == -3).unwrap();
    assert_eq!(ios_after.device_count, ios.device_count - 1);
}

#[tokio::test]
async fn label_lookup() {
    // GET /api/v1/dm/labels/{labelname}: by name, all devices in the label.
    let st = state(300);
    let app = router(&st);
    let r = get(&app, "/api/v1/dm/labels/iOS").await;
    assert_eq!(r.status, StatusCode::OK);
    let list = device_list(&r);
    assert!(list
        .devices
        .items
        .iter()
        .all(|d| d.platform.starts_with("iOS ") && d.status != "RETIRED"));
    assert_eq!(list.total_count, Some(list.devices.items.len() as u64));
    // Names with spaces arrive percent-encoded.
    let r = get(&app, "/api/v1/dm/labels/Pilot%20Group").await;
    assert_eq!(r.status, StatusCode::OK);
    // Unknown or empty label: 404 with totalCount 0.
    for name in ["No-Such-Label", "Decommissioned"] {
        let r = get(&app, &format!("/api/v1/dm/labels/{name}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{name}");
        assert_eq!(r.json()["totalCount"], 0, "{name}");
    }
}

#[tokio::test]
async fn removed_label_routes_are_404() {
    // Removed on Sept 8, 2020 (V1 guide, "Deprecation update - September 8, 2020"):
    // GET /api/v1/dm/labels/devices/<device-uuid>,
    // PUT /api/v1/dm/labels/{label-name}/{device-id}?action=apply|remove.
    let st = state(20);
    let app = router(&st);
    let uuid = st.read().devices[0].uuid.clone();
    let cases = [
        (Method::GET, format!("/api/v1/dm/labels/devices/{uuid}")),
        (
            Method::PUT,
            "/api/v1/dm/labels/iOS/1?action=apply".to_string(),
        ),
        (
            Method::PUT,
            "/api/v1/dm/labels/iOS/1?action=remove".to_string(),
        ),
        (Method::GET, "/api/v1/dm/labels/iOS/1".to_string()),
    ];
    for (m, uri) in cases {
        let r = send(&app, m.clone(), &uri, Some(ADMIN), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{m} {uri}");
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert!(!r.messages().is_empty());
    }
}

#[tokio::test]
async fn unknown_api_paths_are_404_json() {
    let app = router(&state(20));
    for uri in [
        "/api/v1/dm/nothing",
        "/api/v1",
        "/api/v9/devices",
        "/api",
        "/api/v1/dm/devices/a/b/c",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.header("content-type"), Some("application/json"), "{uri}");
        assert!(r.messages()[0].starts_with("No such resource"), "{uri}");
    }
}

#[tokio::test]
async fn wrong_method_is_405() {
    // "405 Method Not Allowed: The HTTP request method that was specified is not the correct
    // method for the request." (V1 guide, "HTTP Response Codes")
    let app = router(&state(20));
    for (m, uri) in [
        (Method::POST, "/api/v1/dm/devices"),
        (Method::DELETE, "/api/v1/dm/labels"),
        (Method::PUT, "/api/v1/dm/labels/iOS"),
    ] {
        let r = send(&app, m.clone(), uri, Some(ADMIN), &[]).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{m} {uri}");
        assert_eq!(r.header("content-type"), Some("application/json"));
    }
}

#[tokio::test]
async fn healthz_needs_no_auth() {
    let app = router(&state(10));
    let r = send(&app, Method::GET, "/healthz", None, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "ok");
}

#[tokio::test]
async fn large_lists_come_gzipped_from_the_cache() {
    let st = state(400);
    let app = router(&st);
    let plain = get(&app, "/api/v1/dm/devices").await;
    assert!(plain.header("content-encoding").is_none());
    assert!(plain.body.len() > 64 * 1024);
    for _ in 0..2 {
        let r = send(
            &app,
            Method::GET,
            "/api/v1/dm/devices",
            Some(ADMIN),
            &[("accept-encoding", "gzip, deflate, br")],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.header("content-encoding"), Some("gzip"));
        assert_eq!(r.header("content-type"), Some("application/json"));
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&r.body[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, plain.body);
    }
    // Small answers are compressed by the compression layer (brotli preferred when offered).
    let r = send(
        &app,
        Method::GET,
        "/api/v1/dm/labels",
        Some(ADMIN),
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(r.header("content-encoding"), Some("br"));
}
