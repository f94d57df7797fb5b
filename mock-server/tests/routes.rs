//! The whole V1 catalogue (EPMM V1 API guide; the catalogue of digest `epmm-v1-api.md`, "3.0
//! Catalogue"): every route answers, the WADL lists them, removed routes are 404, list calls page
//! and carry `totalCount`, auth and methods are enforced everywhere.

mod common;

use axum::http::{Method, StatusCode};
use common::{get, router, send, state, ADMIN};
use mock_server::v1::ROUTES;

/// A concrete URI for a catalogue path, with real ids from the world.
fn concrete(st: &mock_server::SharedState, path: &str) -> String {
    let w = st.read();
    let d = w
        .devices
        .iter()
        .find(|d| d.status == wire::v1::DeviceStatus::Active && d.phone.is_some())
        .unwrap();
    let p = path
        .replace("{deviceuuid}", &d.uuid)
        .replace("{deviceUuid}", &d.uuid)
        .replace("{macaddress}", &d.mac_string())
        .replace("{phonenumber}", &d.phone_string())
        .replace("{username}", &w.owner(d).principal)
        .replace("{labelname}", "iOS")
        .replace("{actiontype}", "WAKEUP_DEVICE")
        .replace("{EASDeviceUuid}", &w.eas[0].uuid)
        .replace("{userid}", "testuser000")
        .replace("{policyid}", "7")
        .replace("{id}", &w.alerts[0].id.to_string());
    let q = match path {
        "v1/apps/inventory/app" => "?appname=LinkedIn",
        "v1/apps/appconnect/analytics" => "?appid=com.mycompany.myapp",
        "v1/dm/bulk/devices/{actiontype}" => "?deviceUuids=x",
        "v1/dm/bulk/sendmessage" => "?deviceUuid=x&mode=sms&message=m",
        "v1/dm/bulk/mac/sendmessage" => "?deviceWiFiMacAddress=000000000001&mode=sms&message=m",
        _ => "",
    };
    format!("/api/{p}{q}")
}

#[tokio::test]
async fn every_catalogue_route_is_served() {
    let st = state(200);
    let app = router(&st);
    for (m, path) in ROUTES {
        let uri = concrete(&st, path);
        let r = send(
            &app,
            Method::from_bytes(m.as_bytes()).unwrap(),
            &uri,
            Some(ADMIN),
            &[],
        )
        .await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{m} {uri}");
        // Whatever the outcome, it is the handler's, not the unknown-path fallback.
        assert!(
            !r.text().contains("No such resource"),
            "{m} {uri}: {}",
            r.text()
        );
        // …and never without credentials (V1 guide, "Username/Password").
        let r = send(
            &app,
            Method::from_bytes(m.as_bytes()).unwrap(),
            &uri,
            None,
            &[],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{m} {uri}");
    }
}

#[tokio::test]
async fn wadl() {
    let app = router(&state(10));
    // "https://{host-name}/api/?_wadl&_type=xml" (V1 guide, "WADL")
    for uri in ["/api/?_wadl&_type=xml", "/api?_wadl"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.header("content-type"), Some("application/xml"));
        let x = r.text();
        assert!(x.contains("<application xmlns=\"http://wadl.dev.java.net/2009/02\">"));
        for (m, p) in ROUTES {
            assert!(x.contains(&format!("<resource path=\"{p}\">")), "{p}");
            let _ = m;
        }
    }
    assert_eq!(
        send(&app, Method::GET, "/api/?_wadl", None, &[])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(get(&app, "/api").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn removed_routes_are_not_swallowed() {
    let st = state(20);
    let app = router(&st);
    let uuid = st.read().devices[0].uuid.clone();
    // V1 guide, "Deprecation update - September 8, 2020" (label routes removed Sept 8, 2020): 404,
    // not /dm/labels/{name}.
    for (m, uri) in [
        (Method::GET, format!("/api/v1/dm/labels/devices/{uuid}")),
        (
            Method::PUT,
            "/api/v1/dm/labels/iOS/5?action=apply".to_string(),
        ),
        (
            Method::PUT,
            "/api/v1/dm/labels/iOS/5?action=remove".to_string(),
        ),
    ] {
        let r = send(&app, m.clone(), &uri, Some(ADMIN), &[]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{m} {uri}");
        assert!(r.messages()[0].contains("removed from the V1 API"));
    }
    // V1 guide, "Revision history" (certificate calls removed Aug 9, 2017): answered by the V2
    // module as gone (410, V2 guide, "Error checking and validation"), never by a V1 handler.
    for uri in [
        "/api/v1/sm/certificates/upload",
        "/api/v1/sm/certificates/delete",
        "/api/v1/sm/certificates/list",
    ] {
        let r = send(&app, Method::POST, uri, Some(ADMIN), &[]).await;
        assert!(
            matches!(r.status.as_u16(), 404 | 410),
            "{uri}: {}",
            r.status
        );
    }
}

#[tokio::test]
async fn list_calls_page_and_count() {
    let st = state(300);
    let app = router(&st);
    let uuid = {
        let w = st.read();
        w.devices
            .iter()
            .find(|d| d.status == wire::v1::DeviceStatus::Active)
            .unwrap()
            .uuid
            .clone()
    };
    let lists = [
        "/api/v1/dm/devices".to_string(),
        "/api/v1/dm/labels".into(),
        "/api/v1/dm/labels/All-Smartphones".into(),
        "/api/v1/dm/users/jdoe".into(),
        "/api/v1/dm/operators".into(),
        "/api/v1/dm/countries".into(),
        format!("/api/v1/dm/devices/profiles/{uuid}"),
        "/api/v1/alerts".into(),
        "/api/v1/policies".into(),
        format!("/api/v1/policies/devices/{uuid}"),
        "/api/v1/appsettings".into(),
        format!("/api/v1/appsettings/devices/{uuid}"),
        "/api/v1/apps/inventory/app?appname=Microsoft%20Outlook".into(),
    ];
    for uri in lists {
        let sep = if uri.contains('?') { '&' } else { '?' };
        let all = get(&app, &format!("{uri}{sep}limit=-1")).await;
        assert_eq!(all.status, StatusCode::OK, "{uri}");
        let v = all.json();
        let total = v["totalCount"]
            .as_u64()
            .unwrap_or_else(|| panic!("totalCount in {uri}"));
        assert!(total >= 2, "{uri}");
        let page = get(&app, &format!("{uri}{sep}limit=1&offset=1")).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let pv = page.json();
        assert_eq!(pv["totalCount"].as_u64(), Some(total), "{uri}");
        // The one item of the page is the second of the whole list.
        let container = v
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, x)| x.is_object() && *k != "messages")
            .unwrap()
            .0
            .clone();
        let inner = |x: &serde_json::Value| {
            x[&container]
                .as_object()
                .unwrap()
                .values()
                .next()
                .unwrap()
                .clone()
        };
        assert_eq!(inner(&pv).as_array().unwrap().len(), 1, "{uri}");
        assert_eq!(inner(&pv)[0], inner(&v)[1], "{uri}");
        // Past the end: 404, the envelope still there with the count.
        let r = get(&app, &format!("{uri}{sep}offset={total}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.json()["totalCount"].as_u64(), Some(total), "{uri}");
        assert_eq!(
            get(&app, &format!("{uri}{sep}limit=zero")).await.status,
            StatusCode::BAD_REQUEST,
            "{uri}"
        );
    }
}
