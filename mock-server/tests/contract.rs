//! Contract: every answer of the mock parses into its `wire` type and serialises back to the same
//! JSON, so the portal's types neither miss a field the mock sends nor read one differently.
//! (The guide's own examples are parsed by the unit tests of each `wire::v1` module.)

mod common;

use axum::http::Method;
use common::{get, router, send_body, state, ADMIN};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wire::v1::*;

fn round_trip<T: DeserializeOwned + Serialize>(r: &common::Reply, what: &str) {
    let original: serde_json::Value = r.json();
    let typed: T =
        serde_json::from_value(original.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, original, "{what}");
}

#[tokio::test]
async fn every_answer_round_trips_through_its_wire_type() {
    let st = state(200);
    let app = router(&st);
    let (uuid, mac, phone, eas, ios) = {
        let w = st.read();
        let d = w
            .devices
            .iter()
            .find(|d| {
                d.status == DeviceStatus::Active
                    && d.phone.is_some()
                    && d.platform() == mock_server::catalog::Platform::Android
            })
            .unwrap();
        let ios = w
            .devices
            .iter()
            .find(|d| {
                d.status == DeviceStatus::Active
                    && d.platform() == mock_server::catalog::Platform::Ios
            })
            .unwrap();
        (
            d.uuid.clone(),
            d.mac_string(),
            d.phone_string(),
            w.eas[0].uuid.clone(),
            ios.uuid.clone(),
        )
    };
    macro_rules! check {
        ($t:ty, $uri:expr) => {{
            let uri: String = $uri.into();
            round_trip::<$t>(&get(&app, &uri).await, &uri);
        }};
        ($t:ty, $m:expr, $uri:expr) => {{
            let uri: String = $uri.into();
            round_trip::<$t>(&send_body(&app, $m, &uri, Some(ADMIN), &[], "").await, &uri);
        }};
    }
    check!(DeviceListResponse, "/api/v1/dm/devices?limit=20");
    check!(DeviceListResponse, "/api/v1/dm/devices?status=LOST");
    check!(DeviceResponse, format!("/api/v1/dm/devices/{uuid}"));
    check!(DeviceResponse, format!("/api/v1/dm/devices/{ios}"));
    check!(MacLookupResponse, format!("/api/v1/dm/devices/mac/{mac}"));
    check!(DeviceListResponse, format!("/api/v1/dm/phones/{phone}"));
    check!(DeviceListResponse, "/api/v1/dm/users/jdoe");
    check!(DeviceListResponse, "/api/v1/dm/labels/iOS");
    check!(LabelListResponse, "/api/v1/dm/labels");
    check!(OperatorListResponse, "/api/v1/dm/operators");
    check!(CountryListResponse, "/api/v1/dm/countries");
    check!(
        ProfileListResponse,
        format!("/api/v1/dm/devices/profiles/{uuid}")
    );
    check!(LocateResponse, format!("/api/v1/dm/devices/locate/{uuid}"));
    check!(EasListResponse, "/api/v1/eas/devices");
    check!(EasDeviceDetail, format!("/api/v1/eas/devices/{eas}"));
    check!(UserResponse, "/api/v1/sm/users/admin");
    check!(UserListResponse, "/api/v1/sm/users/search/ldap/testuser000");
    check!(AlertListResponse, "/api/v1/alerts");
    check!(PolicyListResponse, "/api/v1/policies");
    check!(
        PolicyListResponse,
        format!("/api/v1/policies/devices/{uuid}")
    );
    check!(AppSettingListResponse, "/api/v1/appsettings");
    check!(
        AppSettingListResponse,
        format!("/api/v1/appsettings/devices/{uuid}")
    );
    check!(
        AppInventoryResponse,
        "/api/v1/apps/inventory/app?appname=Slack"
    );
    check!(MessagesOnly, "/api/v1/dm/devices/nope");
    // Actions.
    check!(
        ActionResponse,
        Method::PUT,
        format!("/api/v1/dm/devices/lock/{uuid}?Reason=x")
    );
    check!(
        UnlockResponse,
        Method::GET,
        format!("/api/v1/dm/devices/unlock/{uuid}?Reason=x")
    );
    check!(
        ActionResponse,
        Method::GET,
        format!("/api/v1/dm/devices/wakeup/{uuid}")
    );
    check!(
        LocateResponse,
        Method::GET,
        format!("/api/v1/dm/devices/locate/{uuid}?locatenow=true")
    );
    check!(
        RoamingResponse,
        Method::PUT,
        format!("/api/v1/dm/devices/enableroaming/{ios}?voice=true&data=true")
    );
    check!(
        BulkResponse,
        Method::POST,
        format!("/api/v1/dm/bulk/devices/UNLOCK?deviceUuids={uuid}&deviceUuids=nope")
    );
    check!(
        BulkResponse,
        Method::POST,
        "/api/v1/dm/bulk/devices/lock?deviceUuids=x"
    );
    check!(
        SendMessageResponse,
        Method::POST,
        format!(
            "/api/v1/dm/bulk/sendmessage?mode=sms&message=hi&deviceUuid={uuid}&deviceUuid=nope"
        )
    );
    check!(
        RepushResponse,
        Method::PUT,
        format!("/api/v1/dm/devices/repushprofile/{uuid}")
    );
    check!(
        EasActionResponse,
        Method::PUT,
        format!("/api/v1/eas/devices?action=BLOCK_DEVICE&uuids={eas}")
    );
    check!(
        PolicyLabelResponse,
        Method::PUT,
        "/api/v1/policies/7?action=apply_label&label=Sales"
    );
    check!(
        AlertUpdateResponse,
        Method::PUT,
        format!(
            "/api/v1/alerts/{}?isRead=true&comments=ok",
            st.read().alerts[0].id
        )
    );
    check!(
        RegisterResponse,
        Method::PUT,
        "/api/v1/dm/register?phoneNumber=4155550199&userId=jdoe&platform=I&countryCode=1"
    );
    check!(
        ActionResponse,
        Method::PUT,
        format!("/api/v1/dm/devices/wipe/{uuid}")
    );
    check!(
        ActionResponse,
        Method::PUT,
        format!("/api/v1/dm/devices/retire/{uuid}")
    );
    let r = send_body(
        &app,
        Method::PUT,
        "/api/v1/sm/authentication/users/jdoe",
        Some(ADMIN),
        &[],
        "newpassword=abcdefgh",
    )
    .await;
    round_trip::<PasswordChangeResponse>(&r, "change password");
    let r = send_body(
        &app,
        Method::POST,
        "/api/v1/sm/authentication",
        Some(ADMIN),
        &[],
        "username=jdoe&password=abcdefgh",
    )
    .await;
    round_trip::<UserResponse>(&r, "authenticate");
}

#[tokio::test]
async fn request_builders_reach_the_mock() {
    // The typed requests of `wire` produce what the mock accepts: no strings built by hand.
    let st = state(60);
    let app = router(&st);
    let uuid = st.read().devices[0].uuid.clone();
    let enc = |q: Vec<(&str, String)>| {
        q.iter()
            .map(|(k, v)| format!("{k}={}", encode_segment(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let req = ActionRequest::new(DeviceAction::Lock, DeviceRef::Uuid(uuid.clone()))
        .reason("Lost on the train");
    req.validate().unwrap();
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api{}?{}", req.path(), enc(req.query())),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let q = BulkAction::query(&[uuid.as_str()]).unwrap();
    let r = send_body(
        &app,
        Method::POST,
        &format!("/api{}?{}", BulkAction::WakeupDevice.path(), enc(q)),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200);
    let (p, q) = PolicyLabelAction::ApplyLabel.request(7, "Pilot Group");
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api{p}?{}", enc(q)),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let c = ChangePasswordRequest {
        username: "jdoe".into(),
        old_password: Some("abcd1234".into()),
        new_password: "s3cret pw!".into(),
    };
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api{}", c.path()),
        Some(ADMIN),
        &[("content-type", ChangePasswordRequest::CONTENT_TYPE)],
        &c.body(),
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let a = AuthenticateRequest {
        username: "jdoe".into(),
        password: "s3cret pw!".into(),
    };
    let r = send_body(
        &app,
        Method::POST,
        &format!("/api{}", AuthenticateRequest::PATH),
        Some(ADMIN),
        &[],
        &a.body(),
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let reg = RegisterRequest {
        phone_number: "(650) 555-0142".into(),
        user_id: "newbie".into(),
        platform: Some(RegisterPlatform::Ios),
        user_first_name: "New".into(),
        user_last_name: "Bie".into(),
        user_email_address: "newbie@example.com".into(),
        country_code: "1".into(),
        ..Default::default()
    };
    reg.validate(false).unwrap();
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api{}?{}", reg.path(), enc(reg.query())),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let s = SendMessageRequest {
        mode: MessageMode::Email,
        message: "Hello & bye".into(),
        subject: Some("Hi".into()),
        devices: vec![uuid.clone()],
        by_mac: false,
    };
    let r = send_body(
        &app,
        Method::POST,
        &format!("/api{}?{}", s.path(), enc(s.query())),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let (p, q) = AlertScope::User("jdoe".into()).request(Some(false));
    let r = get(&app, &format!("/api{p}?{}", enc(q))).await;
    assert!(matches!(r.status.as_u16(), 200 | 404));
    let eas = st.read().eas[0].uuid.clone();
    let (p, q) = EasAction::BlockDevice.request(&[eas.as_str()]);
    let r = send_body(
        &app,
        Method::PUT,
        &format!("/api{p}?{}", enc(q)),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(r.status.as_u16(), 200);
    let r = get(
        &app,
        &format!(
            "/api{}",
            wire::v1::sm::ldap_search_path("testuser000").unwrap()
        ),
    )
    .await;
    assert_eq!(r.status.as_u16(), 200);
    let r = get(
        &app,
        &format!(
            "/api{}",
            wire::v1::apps::appconnect_analytics_path("com.mycompany.myapp")
        ),
    )
    .await;
    assert_eq!(r.status.as_u16(), 200);
    let inv = InventoryRequest {
        app_name: "Frog Toss!_017 1.0".into(),
        platform: Some("A".into()),
        limit: Some(-1),
        offset: None,
    };
    let r = get(
        &app,
        &format!("/api{}?{}", InventoryRequest::PATH, enc(inv.query())),
    )
    .await;
    // 60 devices may have no Frog Toss player: then "no data" (found, but empty).
    assert!(matches!(r.status.as_u16(), 200 | 404), "{}", r.text());
    assert!(r.json()["totalCount"].is_u64());
}
