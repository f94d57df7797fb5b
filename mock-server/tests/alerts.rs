//! Alerts (EPMM V1 API guide, "Alerts").

mod common;

use axum::http::StatusCode;
use common::{get, get_xml, parse, put, router, send, state};
use wire::v1::{
    AlertDefn, AlertListResponse, AlertSeverity, AlertStatus, AlertTransport, MessagesOnly,
};

#[tokio::test]
async fn get_all_alerts_and_the_read_filter() {
    let st = state(200);
    let app = router(&st);
    let r = get(&app, "/api/v1/alerts").await;
    assert_eq!(r.status, StatusCode::OK);
    let all: AlertListResponse = parse(&r);
    let n = all.alerts.items.len();
    // "1 alert(s) returned" (V1 guide, "Get All Alerts": the response example)
    assert_eq!(all.messages.0, [format!("{n} alert(s) returned")]);
    assert_eq!(n, st.read().alerts.len());
    // Every documented value is seeded (V1 guide, "Get All Alerts": the response example), both
    // read states.
    let items = &all.alerts.items;
    for d in AlertDefn::ALL {
        assert!(items.iter().any(|a| a.defn() == Some(*d)), "{d}");
    }
    for s in AlertSeverity::ALL {
        assert!(items.iter().any(|a| a.severity() == Some(*s)), "{s}");
    }
    for t in AlertTransport::ALL {
        assert!(items.iter().any(|a| a.transport() == Some(*t)), "{t}");
    }
    for s in AlertStatus::ALL {
        assert!(items.iter().any(|a| a.status() == Some(*s)), "{s}");
    }
    // "APNS (iPhone only)" (the same example)
    {
        let w = st.read();
        for a in items
            .iter()
            .filter(|a| a.transport() == Some(AlertTransport::Apns))
        {
            assert_eq!(
                w.device(&a.device_uuid).unwrap().platform(),
                mock_server::catalog::Platform::Ios
            );
        }
    }
    // isRead=true: read alerts (isActive false); isRead=false: unread (V1 guide, "Get All Alerts":
    // the request table and `isActive` in the response example).
    let read: AlertListResponse = parse(&get(&app, "/api/v1/alerts?isRead=true").await);
    let unread: AlertListResponse = parse(&get(&app, "/api/v1/alerts?isRead=false").await);
    assert!(!read.alerts.items.is_empty() && !unread.alerts.items.is_empty());
    assert!(read
        .alerts
        .items
        .iter()
        .all(|a| a.is_read() && !a.is_active && a.is_alert_read));
    assert!(unread.alerts.items.iter().all(|a| !a.is_read()));
    assert_eq!(read.alerts.items.len() + unread.alerts.items.len(), n);
    // The text has the guide's form (V1 guide, "Get All Alerts": the response example).
    let mem = items
        .iter()
        .find(|a| a.defn() == Some(AlertDefn::MemorySizeExceeded))
        .unwrap();
    assert!(
        mem.alert_text
            .starts_with("WARNING::Memory size exceeded 1% for Phone #: "),
        "{}",
        mem.alert_text
    );
    // id is an attribute in XML (V1 guide, "Get All Alerts": the response example).
    let x = get_xml(&app, "/api/v1/alerts?limit=1").await.text();
    assert!(x.contains(
        "<alertWebServiceResponse><messages><message>1 alert(s) returned</message></messages>"
    ));
    assert!(x.contains("<alerts><alert id=\""));
    assert_eq!(
        get(&app, "/api/v1/alerts?isRead=perhaps").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn alerts_by_phone_user_and_both() {
    let st = state(300);
    let app = router(&st);
    let (user, phone, code, count_user, count_phone) = {
        let w = st.read();
        let a = w
            .alerts
            .iter()
            .find(|a| w.devices[a.device as usize].phone.is_some())
            .unwrap();
        let d = &w.devices[a.device as usize];
        let user = w.owner(d).principal.clone();
        let cu = w
            .alerts
            .iter()
            .filter(|x| w.devices[x.device as usize].owner == d.owner)
            .count();
        let cp = w.alerts.iter().filter(|x| x.device == a.device).count();
        (user, d.phone_string(), d.country().code, cu, cp)
    };
    // /alerts/phones/6505551212 (V1 guide, "Get All Alerts for Phone Number", examples)
    let l: AlertListResponse = parse(&get(&app, &format!("/api/v1/alerts/phones/{phone}")).await);
    assert_eq!(l.alerts.items.len(), count_phone);
    // All of the user's devices (V1 guide, "Get all Alerts for User").
    let l: AlertListResponse = parse(&get(&app, &format!("/api/v1/alerts/users/{user}")).await);
    assert_eq!(l.alerts.items.len(), count_user);
    assert!(l.alerts.items.iter().all(|a| a.user_name == user));
    // /alerts/users/jdoe/phones/16505551212 (V1 guide, "Get All Alerts for a Phone Number of a
    // User", example), the phone with a leading country code ("Phone Number Formats" leaves it
    // out).
    let l: AlertListResponse = parse(
        &get(
            &app,
            &format!("/api/v1/alerts/users/{user}/phones/{code}{phone}"),
        )
        .await,
    );
    assert_eq!(l.alerts.items.len(), count_phone);
    // Another user's phone: no data.
    let r = get(&app, &format!("/api/v1/alerts/users/admin/phones/{phone}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
    assert_eq!(
        get(&app, "/api/v1/alerts/users/nobody").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/api/v1/alerts/phones/0000000000").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn update_alert_and_update_list_of_alerts_persist() {
    let st = state(100);
    let app = router(&st);
    let (unread, read) = {
        let w = st.read();
        (
            w.alerts.iter().find(|a| !a.read).unwrap().id,
            w.alerts.iter().find(|a| a.read).unwrap().id,
        )
    };
    // alerts/3936?isRead=false&comments=Reset (V1 guide, "Update Alert", example) — here: mark an
    // unread alert read.
    let r = put(
        &app,
        &format!("/api/v1/alerts/{unread}?isRead=true&comments=Seen"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // "Updated alert 3936 successfully" (V1 guide, "Update Alert": the response example)
    assert_eq!(
        parse::<MessagesOnly>(&r).messages.0,
        [format!("Updated alert {unread} successfully")]
    );
    let all: AlertListResponse = parse(&get(&app, "/api/v1/alerts?isRead=true").await);
    let a = all.alerts.items.iter().find(|a| a.id == unread).unwrap();
    // isActive = !isRead, updateBy = the caller, updatedAt = now (our reading of V1 guide, "Update
    // Alert").
    assert!(!a.is_active);
    assert_eq!(a.update_by, "admin");
    assert!(a.updated_at.starts_with("2026-11-01T00:00:"));
    assert_eq!(
        st.read().alerts[st.read().alert_index(unread).unwrap()].comments,
        "Seen"
    );
    // `Comments` as in the table (V1 guide, "Update Alert": the request table): 255 characters at
    // most.
    let r = put(
        &app,
        &format!(
            "/api/v1/alerts/{unread}?isRead=false&Comments={}",
            "c".repeat(256)
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = put(&app, &format!("/api/v1/alerts/{unread}?isRead=false")).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "Comments is required (Update Alert: the request table)"
    );
    let r = put(&app, &format!("/api/v1/alerts/{unread}?comments=x")).await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "isRead is required (Update Alert: the request table)"
    );
    assert_eq!(
        put(&app, "/api/v1/alerts/1?isRead=true&comments=x")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // alerts?id=3936&id=3934&isRead=true&comments="Jdoe read this alert" (V1 guide, "Update List of
    // Alerts", example); the count is the number updated (the example's "Updated 10 alert(s)" is
    // for two ids); the trailing-slash URI of the same section works too.
    let r = put(&app, &format!("/api/v1/alerts/?id={unread}&id={read}&id=12&isRead=false&comments=%22Jdoe%20read%20this%20alert%22")).await;
    assert_eq!(r.status, StatusCode::OK);
    let m = parse::<MessagesOnly>(&r).messages.0;
    assert_eq!(m[0], " Updated 2 alert(s) successfully");
    assert_eq!(m[1], "No alert found with id 12");
    let unread_now: AlertListResponse = parse(&get(&app, "/api/v1/alerts?isRead=false").await);
    assert!(unread_now.alerts.items.iter().any(|a| a.id == read));
    assert_eq!(
        put(&app, "/api/v1/alerts?isRead=true&comments=x")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // The self-service user sees their own alerts only.
    let r = send(
        &app,
        axum::http::Method::GET,
        "/api/v1/alerts/users/jdoe",
        Some(("jdoe", "abcd1234")),
        &[],
    )
    .await;
    assert!(matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND));
    let r = send(
        &app,
        axum::http::Method::GET,
        "/api/v1/alerts",
        Some(("jdoe", "abcd1234")),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
