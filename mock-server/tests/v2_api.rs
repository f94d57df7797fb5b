//! The V2 certificate API (the EPMM v2 REST API guide, "Certificate Management", cited as V2 guide;
//! digest `certificates-api.md`), end to end through the router: roles, filters, the export job,
//! revocation, uploads with real PKCS#12 files.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use base64::Engine;
use http_body_util::BodyExt;
use mock_server::v2::pkcs12::{fixture, FixtureKind};
use mock_server::v2::{now_ms, V2Config, V2State};
use mock_server::{app_with_v2, AppState};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

const ADMIN: (&str, &str) = ("admin", "admin1234");
const JDOE: (&str, &str) = ("jdoe", "abcd1234");
const MOBILE: (&str, &str) = ("mobileapp", "mobile1234");

const EXPORT_MS: u64 = 300;
const REVOKE_MS: u64 = 400;

fn setup() -> (Router, Arc<V2State>) {
    let state = AppState::seeded(300, 1, "/nonexistent/mock-server-test-dist");
    let v2 = V2State::new(
        &state.read(),
        V2Config {
            export_duration: Duration::from_millis(EXPORT_MS),
            revocation_duration: Duration::from_millis(REVOKE_MS),
            test_hooks: true,
        },
    );
    (app_with_v2(state, v2.clone()), v2)
}

struct Reply {
    status: StatusCode,
    content_type: String,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The first `localizedMessage`.
    fn message(&self) -> String {
        self.json()["messages"][0]["localizedMessage"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
    fn key(&self) -> String {
        self.json()["messages"][0]["messageKey"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

async fn call(
    router: &Router,
    method: Method,
    uri: &str,
    auth: Option<(&str, &str)>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Reply {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some((u, p)) = auth {
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
        req = req.header("authorization", format!("Basic {token}"));
    }
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        content_type,
        body,
    }
}

async fn post_json(router: &Router, uri: &str, who: (&str, &str), body: Value) -> Reply {
    call(
        router,
        Method::POST,
        uri,
        Some(who),
        Some("application/json"),
        body.to_string().into_bytes(),
    )
    .await
}

async fn get(router: &Router, uri: &str, who: (&str, &str)) -> Reply {
    call(router, Method::GET, uri, Some(who), None, Vec::new()).await
}

async fn search(router: &Router, filter: Value) -> Vec<Value> {
    let r = post_json(router, "/api/v2/certificates/search", ADMIN, filter).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()["results"].as_array().cloned().unwrap_or_default()
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----mdmportaltestboundary7d3a";
    let mut body = Vec::new();
    for (name, file, value) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/x-pkcs12\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    router: &Router,
    who: (&str, &str),
    ce: i64,
    principal: &str,
    file: &[u8],
    password: &str,
) -> Reply {
    let (ct, body) = multipart(&[
        ("file", Some("cert.p12"), file),
        ("principal", None, principal.as_bytes()),
        ("password", None, password.as_bytes()),
    ]);
    call(
        router,
        Method::POST,
        &format!("/api/v2/configuration/CE/USER_PROVIDED/{ce}/uploadCertificate"),
        Some(who),
        Some(&ct),
        body,
    )
    .await
}

async fn my_certs(router: &Router, who: (&str, &str), user: &str) -> Reply {
    post_json(
        router,
        "/api/v2/configuration/CE/USER_PROVIDED/all/getAllUserProvidedCertificateDetails",
        who,
        json!({ "userId": user }),
    )
    .await
}

fn p12(kind: FixtureKind, password: &str) -> Vec<u8> {
    fixture(kind, password, "jdoe", now_ms()).expect("fixture")
}

#[tokio::test]
async fn authentication_and_roles() {
    let (r, _) = setup();
    // No credentials: 401 with the V2 error envelope (digest `certificates-api.md`, "A.5 Error
    // envelope and status codes for our mock").
    let res = call(
        &r,
        Method::POST,
        "/api/v2/certificates/search",
        None,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.json()["messages"][0]["type"], "Error");
    assert!(res.message().starts_with("Authentication required."));
    let res = call(
        &r,
        Method::GET,
        "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation/status",
        Some(("jdoe", "wrong")),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    // The self-service user may not call admin endpoints: 403 (the same digest section; "Part F:
    // Open questions", 1).
    let filter = json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE"});
    for (m, uri) in [
        (Method::POST, "/api/v2/certificates/search"),
        (Method::POST, "/api/v2/certificates/search_export"),
        (Method::GET, "/api/v2/certificates/search_export_status?adminDeviceSpaceId=1"),
        (Method::POST, "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation"),
        (Method::GET, "/api/v2/configurations/CE/USER_PROVIDED/configurations"),
        (Method::GET, "/api/v2/configuration/SCEP/USER_PROVIDED/summary"),
        (Method::POST, "/api/v2/configurations/CE/11/users/withnocerts/search"),
        (Method::GET, "/api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=Test%20Scep"),
    ] {
        for who in [JDOE, MOBILE] {
            let res = call(&r, m.clone(), uri, Some(who), Some("application/json"), filter.to_string().into_bytes()).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{} {uri}", who.0);
            assert_eq!(res.message(), "You are not authorized to perform this operation.");
        }
    }
    // "Get list of all user provided certificate enrollment IDs' information…" is the user-portal
    // call (V2 guide, its "Required Roles"): own principal only.
    assert_eq!(my_certs(&r, JDOE, "jdoe").await.status, StatusCode::OK);
    assert_eq!(my_certs(&r, JDOE, "JDOE").await.status, StatusCode::OK);
    assert_eq!(
        my_certs(&r, JDOE, "admin").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        my_certs(&r, MOBILE, "mobileapp").await.status,
        StatusCode::FORBIDDEN
    );
    // Admins (User Management) may look at anyone.
    assert_eq!(my_certs(&r, ADMIN, "jdoe").await.status, StatusCode::OK);
    // `getCertificate` for someone else: 403 for the portal user.
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/10/getCertificate",
        JDOE,
        json!({"userId": "admin"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn removed_v1_api_answers_410() {
    let (r, _) = setup();
    for (m, uri) in [
        (Method::POST, "/api/v1/sm/certificates/upload"),
        (Method::POST, "/api/v1/sm/certificates/delete"),
        (Method::GET, "/api/v1/sm/certificates/list"),
    ] {
        let res = call(&r, m, uri, Some(ADMIN), None, Vec::new()).await;
        assert_eq!(res.status, StatusCode::GONE, "{uri}");
        assert_eq!(
            res.message(),
            "This API is no longer supported. Use the V2 API."
        );
    }
}

#[tokio::test]
async fn search_filters_and_shape() {
    let (r, _) = setup();
    let all = search(
        &r,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE"}),
    )
    .await;
    assert!(all.len() > 100, "{}", all.len());
    // The sample's shape (V2 guide, "Search/Retrieve certificate details": the sample response):
    // numeric serialNumber/userId, `deviceUUid` spelling.
    let first = &all[0];
    assert_eq!(first["id"], 2);
    assert_eq!(first["serialNumber"], 102);
    assert!(first["userId"].is_i64());
    assert!(first.get("deviceUUid").is_some());
    assert_eq!(first["ceSettingName"], "LocalCE");
    assert_eq!(first["ceId"], 8);
    assert_eq!(first["localCAId"], 3);
    assert!(first["expiredAt"].as_str().unwrap().len() == 10);

    // Status filter.
    let active = search(
        &r,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "certificateStatus": "ACTIVE"}),
    )
    .await;
    assert!(!active.is_empty());
    assert!(active.iter().all(|c| c["certificateStatus"] == "ACTIVE"));
    // Every status exists in a large external configuration.
    for s in [
        "ACTIVE",
        "EXPIRED",
        "PENDING_REVOCATION",
        "MANUAL_REVOCATION_REQUIRED",
        "REVOKED",
        "SENT",
        "WAITING_SEND",
        "GENERATING",
        "HIGH_GENERATING",
    ] {
        let rows = search(&r, json!({"adminDeviceSpaceId": 1, "ceSettingName": "Corporate Wi-Fi (SCEP)", "certificateStatus": s})).await;
        assert!(!rows.is_empty(), "{s}");
    }
    // userId: the numeric id and the principal (the guide does not say which) give the same rows.
    let uid = first["userId"].as_i64().unwrap();
    let by_id = search(
        &r,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "userId": uid.to_string()}),
    )
    .await;
    assert!(!by_id.is_empty());
    assert!(by_id.iter().all(|c| c["userId"] == uid));
    let principal = {
        let res = post_json(
            &r,
            "/api/v2/configurations/CE/8/users/withnocerts/search",
            ADMIN,
            json!({}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK);
        // a user with a LocalCE certificate is not in that list
        let without: Vec<i64> = res.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_i64().unwrap())
            .collect();
        assert!(!without.contains(&uid));
        uid
    };
    let _ = principal;
    // deviceUUID in any of the three spellings.
    let uuid = all
        .iter()
        .find_map(|c| c["deviceUUid"].as_str())
        .unwrap()
        .to_string();
    for key in ["deviceUUID", "deviceUuid", "deviceUUid"] {
        let rows = search(
            &r,
            json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", key: uuid.to_uppercase()}),
        )
        .await;
        assert!(!rows.is_empty(), "{key}");
        assert!(
            rows.iter().all(|c| c["deviceUUid"] == uuid.as_str()),
            "{key}"
        );
    }
    // Expiry range (epoch ms, V2 guide, "Initiate the processing of certificate details to be
    // exported": the request table): after < expiry < before.
    let now = now_ms();
    let soon = search(&r, json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "expiresAfter": now, "expiresBefore": now + 30 * 86_400_000i64})).await;
    assert!(!soon.is_empty());
    let today = wire::datetime::format_date(now);
    let limit = wire::datetime::format_date(now + 30 * 86_400_000);
    for c in &soon {
        let d = c["expiredAt"].as_str().unwrap();
        assert!(d >= today.as_str() && d <= limit.as_str(), "{d}");
    }
    // GET with query parameters works too (V2 guide, "Search/Retrieve certificate details" says
    // GET; its sample POSTs).
    let res = get(&r, "/api/v2/certificates/search?adminDeviceSpaceId=1&ceSettingName=LocalCE&certificateStatus=ACTIVE", ADMIN).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["resultCount"], active.len());
    assert_eq!(
        res.json()["messages"][0]["localizedMessage"],
        "Certificates successfully retrieved"
    );

    // Required and checked fields (digest `certificates-api.md`, "A.5 Error envelope and status
    // codes for our mock").
    let res = post_json(
        &r,
        "/api/v2/certificates/search",
        ADMIN,
        json!({"ceSettingName": "LocalCE"}),
    )
    .await;
    assert_eq!(
        (res.status, res.message()),
        (
            StatusCode::BAD_REQUEST,
            "adminDeviceSpaceId is required.".to_string()
        )
    );
    let res = post_json(
        &r,
        "/api/v2/certificates/search",
        ADMIN,
        json!({"adminDeviceSpaceId": 2, "ceSettingName": "LocalCE"}),
    )
    .await;
    assert_eq!(
        (res.status, res.message()),
        (StatusCode::BAD_REQUEST, "Invalid device space.".to_string())
    );
    let res = post_json(
        &r,
        "/api/v2/certificates/search",
        ADMIN,
        json!({"adminDeviceSpaceId": 1}),
    )
    .await;
    assert_eq!(res.message(), "ceSettingName is required.");
    let res = post_json(
        &r,
        "/api/v2/certificates/search",
        ADMIN,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "certificateStatus": "NOPE"}),
    )
    .await;
    assert_eq!(res.message(), "Invalid value 'NOPE' for certificateStatus.");
    let res = post_json(
        &r,
        "/api/v2/certificates/search",
        ADMIN,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LccalCE"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

/// One world behind both APIs: a certificate's numeric `userId` and `deviceId` are the V1 user's
/// and device's `id` attributes (V1 guide, "Find a User" and "Get Device Details for a Device
/// UUID": `<user id="9001">`, `<device id="2">`), and its `deviceUUid` the device's `uuid`, so the
/// portal names a row's device by its UUID and the device's user, whose id it checks against the
/// row's `userId`. Some rows have no UUID (the V2 guide's sample: `"deviceUUid": null`).
#[tokio::test]
async fn certificates_name_the_v1_users_and_devices() {
    let (r, _) = setup();
    let all = search(
        &r,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE"}),
    )
    .await;
    let with_uuid: Vec<&Value> = all
        .iter()
        .filter(|c| c["deviceUUid"].is_string())
        .take(20)
        .collect();
    assert_eq!(with_uuid.len(), 20);
    for c in with_uuid {
        let uuid = c["deviceUUid"].as_str().unwrap();
        let d = get(&r, &format!("/api/v1/dm/devices/{uuid}"), ADMIN).await;
        assert_eq!(d.status, StatusCode::OK, "{}", d.text());
        let device = &d.json()["device"];
        assert_eq!(device["id"], c["deviceId"], "{c}");
        assert_eq!(device["uuid"], uuid);
        let principal = device["principal"].as_str().unwrap();
        assert!(!device["name"].as_str().unwrap_or_default().is_empty());
        let u = get(&r, &format!("/api/v1/sm/users/{principal}"), ADMIN).await;
        assert_eq!(u.status, StatusCode::OK, "{}", u.text());
        let user = &u.json()["user"];
        assert_eq!(user["id"].to_string(), c["userId"].to_string(), "{c}");
        assert!(!user["displayName"].as_str().unwrap_or_default().is_empty());
    }
    // Every certificate search: some rows without a device UUID, the sample's null.
    let mut nulls = 0;
    for ce in ["LocalCE", "Test Scep"] {
        nulls += search(&r, json!({"adminDeviceSpaceId": 1, "ceSettingName": ce}))
            .await
            .iter()
            .filter(|c| c["deviceUUid"].is_null())
            .count();
    }
    assert!(nulls > 0);
}

async fn wait_export_done(r: &Router, status_uri: &str, post: bool) -> Value {
    for _ in 0..50 {
        let res = if post {
            post_json(r, status_uri, ADMIN, json!({})).await
        } else {
            get(r, status_uri, ADMIN).await
        };
        assert_eq!(res.status, StatusCode::OK);
        let s = res.json()["results"].clone();
        if s["isRunning"] == false {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the export never finished");
}

#[tokio::test]
async fn certificate_export_job() {
    let (r, v2) = setup();
    let status_uri = "/api/v2/certificates/search_export_status?adminDeviceSpaceId=1";
    let dl_uri = "/api/v2/certificates/search_download_csv?adminDeviceSpaceId=1";
    // Before any export.
    let s = get(&r, status_uri, ADMIN).await.json();
    assert_eq!(s["results"]["isExportStatusAvailable"], false);
    assert!(
        s.get("messages").is_none(),
        "no messages, as in the sample of Get status of the export process"
    );
    assert_eq!(get(&r, dl_uri, ADMIN).await.status, StatusCode::NOT_FOUND);
    // Initiate: the URLs inside `results` (V2 guide, "Initiate the processing of certificate
    // details to be exported": the sample response).
    let filter =
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "certificateStatus": "ACTIVE"});
    let res = post_json(
        &r,
        "/api/v2/certificates/search_export",
        ADMIN,
        filter.clone(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.json()["results"]["exportStatusPollUrl"],
        "/api/v2/certificates/search_export_status"
    );
    assert_eq!(
        res.json()["results"]["csvDownloadUrl"],
        "/api/v2/certificates/search_download_csv"
    );
    assert_eq!(
        res.message(),
        "Certificate details export process initiated successfully"
    );
    // A second request while running: no `results`, same key, the "already progress" text
    // (the same section's sample responses), even from another filter.
    let res = post_json(&r, "/api/v2/certificates/search_export", ADMIN, json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE", "certificateStatus": "EXPIRED"})).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.json().get("results").is_none());
    assert_eq!(res.key(), wire::v2::keys::PROCESS_INITIATED);
    assert_eq!(
        res.message(),
        "Certificate details export is already progress. It might be issued by a different user"
    );
    // Running.
    let s = get(&r, status_uri, ADMIN).await.json()["results"].clone();
    assert_eq!(s["isRunning"], true);
    assert_eq!(s["isExportStatusAvailable"], true);
    assert!(s["initiatedAt"].is_i64());
    assert_eq!(get(&r, dl_uri, ADMIN).await.status, StatusCode::CONFLICT);
    // Done.
    let s = wait_export_done(&r, status_uri, false).await;
    assert_eq!(s["exportStatusMsg"], "success");
    assert!(s["csvFileName"]
        .as_str()
        .unwrap()
        .starts_with("/mi/tomcat/temp/certificates-"));
    let res = get(&r, dl_uri, ADMIN).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.content_type.starts_with("text/csv"));
    let text = res.text();
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(lines.next().unwrap(), "id,serialNumber,type,trash,expiredAt,createdAt,userId,deviceId,deviceUuid,localCAId,ceSettingName,certificateStatus,ceId,consumerAppSettings");
    let csv_ids: Vec<i64> = lines
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    let api_ids: Vec<i64> = search(&r, filter.clone())
        .await
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        csv_ids, api_ids,
        "the CSV holds the rows of the same search"
    );

    // A failing export (fault switch): status "fail", no download.
    v2.lock().faults.export_fail_next = true;
    let res = post_json(&r, "/api/v2/certificates/search_export", ADMIN, filter).await;
    assert!(res.json().get("results").is_some());
    let s = wait_export_done(&r, status_uri, false).await;
    assert_eq!(s["exportStatusMsg"], "fail");
    let res = get(&r, dl_uri, ADMIN).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.message(), "The last export failed. Start a new export.");
    // The export needs a status ("Required" in its request table, not in the search's).
    let res = post_json(
        &r,
        "/api/v2/certificates/search_export",
        ADMIN,
        json!({"adminDeviceSpaceId": 1, "ceSettingName": "LocalCE"}),
    )
    .await;
    assert_eq!(res.message(), "certificateStatus is required.");
}

#[tokio::test]
async fn revocation_job() {
    let (r, _) = setup();
    let status = "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation/status";
    let res = get(&r, status, ADMIN).await;
    assert!(res.content_type.starts_with("text/plain"));
    assert_eq!(
        res.text(),
        "Pending revocation certs are not being processed."
    );
    let pending_filter = |name: &str| json!({"adminDeviceSpaceId": 1, "ceSettingName": name, "certificateStatus": "PENDING_REVOCATION"});
    let pending = search(&r, pending_filter("Corporate Wi-Fi (SCEP)")).await;
    assert!(!pending.is_empty());
    let res = call(
        &r,
        Method::POST,
        "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation",
        Some(ADMIN),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.json(),
        json!({"messages":[{"type":"Info","messageKey":"com.mobileiron.vsp.messages.http.200","localizedMessage":"Success"}]})
    );
    let res = get(&r, status, ADMIN).await;
    assert!(
        res.text()
            .starts_with("Pending revocation certs are being processed. Total duration so far "),
        "{}",
        res.text()
    );
    assert!(res.text().ends_with(" Seconds"));
    // A second POST while running starts nothing new and still says Success.
    let res = call(
        &r,
        Method::POST,
        "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation",
        Some(ADMIN),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(REVOKE_MS + 100)).await;
    assert_eq!(
        get(&r, status, ADMIN).await.text(),
        "Pending revocation certs are not being processed."
    );
    assert!(search(&r, pending_filter("Corporate Wi-Fi (SCEP)"))
        .await
        .is_empty());
    let revoked = search(&r, json!({"adminDeviceSpaceId": 1, "ceSettingName": "Corporate Wi-Fi (SCEP)", "certificateStatus": "REVOKED"})).await;
    for p in &pending {
        assert!(
            revoked.iter().any(|c| c["id"] == p["id"]),
            "{} moved on",
            p["id"]
        );
    }
}

#[tokio::test]
async fn revocation_can_need_manual_work() {
    let (r, v2) = setup();
    v2.lock().faults.revoke_manual = true;
    let f = json!({"adminDeviceSpaceId": 1, "ceSettingName": "Exchange identity (Entrust)", "certificateStatus": "PENDING_REVOCATION"});
    let pending = search(&r, f.clone()).await;
    assert!(!pending.is_empty());
    call(
        &r,
        Method::POST,
        "/api/v2/certificateCheckJob/attemptRevokeForPendingRevocation",
        Some(ADMIN),
        None,
        Vec::new(),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(REVOKE_MS + 100)).await;
    assert!(search(&r, f).await.is_empty());
    let manual = search(&r, json!({"adminDeviceSpaceId": 1, "ceSettingName": "Exchange identity (Entrust)", "certificateStatus": "MANUAL_REVOCATION_REQUIRED"})).await;
    assert!(pending
        .iter()
        .all(|p| manual.iter().any(|m| m["id"] == p["id"])));
}

#[tokio::test]
async fn self_service_upload_get_delete() {
    let (r, _) = setup();
    // jdoe's seeded cards: CE 11 missing (rows without upload have nulls, the mock's choice; digest
    // `certificates-api.md`, "A.7 Mock data seeded from the doc").
    let rows = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(rows.len(), 4);
    let ce11 = rows.iter().find(|c| c["ceId"] == 11).unwrap();
    assert_eq!(ce11["certificateId"], Value::Null);
    assert_eq!(ce11["requirePassword"], true);
    assert_eq!(ce11["displayName"], "Wi-Fi EAP-TLS identity");
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/getCertificate",
        JDOE,
        json!({"userId": "jdoe"}),
    )
    .await;
    assert_eq!(
        (res.status, res.message()),
        (
            StatusCode::NOT_FOUND,
            "No user provided certificate found.".to_string()
        )
    );

    // Upload as jdoe, for jdoe.
    let file = p12(FixtureKind::Valid, "s3cret");
    let res = upload(&r, JDOE, 11, "jdoe", &file, "s3cret").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    // Exactly the sample (V2 guide, "Upload user-provided certificate": the sample response):
    // messages only, no messageParameters.
    assert_eq!(
        res.json(),
        json!({"messages":[{"type":"Info","messageKey":"com.mobileiron.vsp.rest.controllers.UserProvidedCertificatesControllerV2.Messages.SUCCESS_UPLOAD","localizedMessage":"Certificate successfully uploaded."}]})
    );
    // `getAllUserProvidedCertificateDetails` and `getCertificate` reflect it at once.
    let rows = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .cloned()
        .unwrap();
    let ce11 = rows.iter().find(|c| c["ceId"] == 11).unwrap().clone();
    assert!(ce11["certificateId"].is_i64());
    assert_eq!(ce11["isPkcs12"], true);
    let uploaded = ce11["certificateUploadedDate"].as_i64().unwrap();
    assert!((now_ms() - uploaded).abs() < 60_000);
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/getCertificate",
        JDOE,
        json!({"usernId": "jdoe"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let c = &res.json()["results"];
    assert_eq!(c["version"], "3");
    assert_eq!(c["validTimeLine"], true);
    assert!(c["subject"].as_str().unwrap().contains("CN=jdoe"));
    assert_eq!(c["notAfter"], ce11["certificateExpirationDate"]);
    assert_eq!(c["cert"], Value::Null);
    // Users without certificates for CE 11 no longer lists jdoe.
    let res = post_json(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search",
        ADMIN,
        json!({}),
    )
    .await;
    assert!(!res.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["principal"] == "jdoe"));

    // Replace: a second upload for the same slot.
    let res = upload(
        &r,
        JDOE,
        11,
        "jdoe",
        &p12(FixtureKind::Valid, "other"),
        "other",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let id2 = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ceId"] == 11)
        .unwrap()["certificateId"]
        .clone();
    assert_ne!(id2, ce11["certificateId"]);

    // Delete (V2 guide, "Delete user-provided certificates"), then it is gone.
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/deleteCertificate",
        JDOE,
        json!({"userId": "jdoe"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.message(),
        "Successfully deleted private key from certificate."
    );
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/deleteCertificate",
        JDOE,
        json!({"userId": "jdoe"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let rows = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(
        rows.iter().find(|c| c["ceId"] == 11).unwrap()["certificateId"],
        Value::Null
    );

    // jdoe may not upload for someone else; the admin may (on their behalf).
    let res = upload(&r, JDOE, 11, "admin", &file, "s3cret").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = upload(&r, ADMIN, 11, "jdoe", &file, "s3cret").await;
    assert_eq!(res.status, StatusCode::OK);
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/deleteCertificate",
        ADMIN,
        json!({"userId": "jdoe"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
}

#[tokio::test]
async fn upload_validation_rules() {
    let (r, _) = setup();
    let check = |res: &Reply, status: StatusCode, key: &str, text: &str| {
        assert_eq!(res.status, status, "{}", res.text());
        assert_eq!(res.key(), format!("mock.{key}"));
        assert_eq!(res.message(), text);
    };
    let good = p12(FixtureKind::Valid, "s3cret");
    // Wrong password: the MAC does not verify.
    let res = upload(&r, JDOE, 11, "jdoe", &good, "nope").await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "upload.password.WRONG",
        "Incorrect password for the PKCS#12 file.",
    );
    // requirePassword (CE 11) without a password.
    let res = upload(&r, JDOE, 11, "jdoe", &good, "").await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "upload.password.REQUIRED",
        "A password is required for this certificate enrollment configuration.",
    );
    // A PEM file is not PKCS#12 (V2 guide, "Error checking and validation").
    let pem = b"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";
    let res = upload(&r, JDOE, 11, "jdoe", pem, "s3cret").await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "upload.file.NOT_PKCS12",
        "The file is not a valid PKCS#12 file. The certificate was not saved.",
    );
    // Two private keys (V2 guide, "Upload user-provided certificate": one private key only).
    let res = upload(&r, JDOE, 11, "jdoe", &p12(FixtureKind::TwoKeys, "pw"), "pw").await;
    check(&res, StatusCode::BAD_REQUEST, "upload.file.SEVERAL_PRIVATE_KEYS", "The PKCS#12 file contains more than one private key. Repackage it with only one private key.");
    // Version 1 certificate (the same note: version 3 and above).
    let res = upload(
        &r,
        JDOE,
        11,
        "jdoe",
        &p12(FixtureKind::V1Certificate, "pw"),
        "pw",
    )
    .await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "upload.file.VERSION",
        "Only version 3 certificates are supported.",
    );
    // Validity.
    let res = upload(&r, JDOE, 11, "jdoe", &p12(FixtureKind::Expired, "pw"), "pw").await;
    assert_eq!(res.key(), "mock.upload.file.EXPIRED");
    // Not a USER_PROVIDED configuration (V2 guide, "Error checking and validation").
    let res = upload(&r, JDOE, 8, "jdoe", &good, "s3cret").await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "ce.NOT_USER_PROVIDED",
        "The certificate enrollment ID is not a valid user provided configuration.",
    );
    // Not a user principal (the same section), as an admin.
    let res = upload(&r, ADMIN, 11, "nobody-here", &good, "s3cret").await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "user.NOT_A_PRINCIPAL",
        "The user ID is not a valid user principal.",
    );
    // Missing parts.
    let (ct, body) = multipart(&[("principal", None, b"jdoe"), ("password", None, b"x")]);
    let res = call(
        &r,
        Method::POST,
        "/api/v2/configuration/CE/USER_PROVIDED/11/uploadCertificate",
        Some(JDOE),
        Some(&ct),
        body,
    )
    .await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "upload.file.REQUIRED",
        "file is required.",
    );
    let (ct, body) = multipart(&[("file", Some("a.p12"), &good)]);
    let res = call(
        &r,
        Method::POST,
        "/api/v2/configuration/CE/USER_PROVIDED/11/uploadCertificate",
        Some(ADMIN),
        Some(&ct),
        body,
    )
    .await;
    check(
        &res,
        StatusCode::BAD_REQUEST,
        "request.principal.REQUIRED",
        "principal is required.",
    );
    // Not multipart.
    let res = post_json(
        &r,
        "/api/v2/configuration/CE/USER_PROVIDED/11/uploadCertificate",
        JDOE,
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // An unprotected file where no password is required (CE 12).
    let open = p12(FixtureKind::Valid, "");
    assert_eq!(
        upload(&r, JDOE, 12, "jdoe", &open, "").await.status,
        StatusCode::OK
    );
    // Nothing failed was saved: CE 11 is still missing.
    let rows = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(
        rows.iter().find(|c| c["ceId"] == 11).unwrap()["certificateId"],
        Value::Null
    );
}

#[tokio::test]
async fn configurations_challenge_and_test_certificate() {
    let (r, v2) = setup();
    // "Get CE configuration information" (both path forms: the URI and its sample) and "Get SCEP
    // configuration information": the sample row (V2 guide, their sample responses).
    for uri in [
        "/api/v2/configurations/CE/USER_PROVIDED/configurations",
        "/api/v2/configurations/CE/USER_PROVIDED",
        "/api/v2/configuration/SCEP/USER_PROVIDED/summary",
    ] {
        let res = get(&r, uri, ADMIN).await;
        assert_eq!(res.status, StatusCode::OK, "{uri}");
        let j = res.json();
        assert_eq!(
            j["results"][0],
            json!({"name":"user-provided","value":"10","appType":"SCEP","appSubType":"USER_PROVIDED","rowType":"ADMIN"})
        );
        assert_eq!(j["resultCount"], 4);
        assert!(j.get("messages").is_none());
    }
    // Every protocol has at least one configuration.
    for p in wire::v2::ce::CaProtocol::ALL {
        let j = get(
            &r,
            &format!("/api/v2/configurations/CE/{}/configurations", p.as_str()),
            ADMIN,
        )
        .await
        .json();
        assert!(j["resultCount"].as_u64().unwrap() >= 1, "{p}");
    }
    let res = get(&r, "/api/v2/configurations/CE/NOPE/configurations", ADMIN).await;
    assert_eq!(
        (res.status, res.message()),
        (
            StatusCode::BAD_REQUEST,
            "Invalid value 'NOPE' for caprotocol.".to_string()
        )
    );

    // "Change SCEP challenge password": text/plain body (V2 guide, its sample request); write-only.
    let uri = "/api/v2/configuration/SCEP/SCEP/1/challenge";
    let res = call(
        &r,
        Method::POST,
        uri,
        Some(ADMIN),
        Some("text/plain"),
        b"n3w-Secret!".to_vec(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.message(), "Success");
    assert_eq!(
        v2.lock().config(1).unwrap().challenge.as_deref(),
        Some("n3w-Secret!")
    );
    let res = call(
        &r,
        Method::POST,
        uri,
        Some(ADMIN),
        Some("text/plain"),
        b"  ".to_vec(),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = call(
        &r,
        Method::POST,
        "/api/v2/configuration/SCEP/SCEP/8/challenge",
        Some(ADMIN),
        Some("text/plain"),
        b"x".to_vec(),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    for uri in [
        "/api/v2/configuration/SCEP/SCEP/summary",
        "/api/v2/configurations/CE/SCEP/configurations",
    ] {
        assert!(!get(&r, uri, ADMIN).await.text().contains("n3w-Secret!"));
    }

    // "Verify Ivanti EPMM/SCEP Connectivity": a real certificate from the LOCAL CA.
    let res = get(&r, "/api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=Test%20Scep&email=alice%40example.com", ADMIN).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let j = res.json();
    assert_eq!(
        j["messages"][0]["localizedMessage"],
        "Successfully issued a test certificate for the provided configuration."
    );
    let pem = j["results"]["pem"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let info = mock_server::v2::pkcs12::cert_info(&der).unwrap();
    assert_eq!(info.version, 3);
    assert_eq!(info.issuer, "CN=LOCAL CA");
    assert!(
        info.subject.contains("CN=alice@example.com"),
        "{}",
        info.subject
    );
    assert!(j["results"]["certificate"]
        .as_str()
        .unwrap()
        .contains("IssuerDN: CN=LOCAL CA"));
    // Default e-mail (the CN of V2 guide, "Verify Ivanti EPMM/SCEP Connectivity": the sample
    // response).
    let j = get(
        &r,
        "/api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=LocalCE",
        ADMIN,
    )
    .await
    .json();
    assert!(j["results"]["certificate"]
        .as_str()
        .unwrap()
        .contains("testuser@yourcompany.com"));
    let res = get(
        &r,
        "/api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=Nope",
        ADMIN,
    )
    .await;
    assert_eq!(
        (res.status, res.message()),
        (
            StatusCode::NOT_FOUND,
            "Configuration not found.".to_string()
        )
    );
    v2.lock().faults.test_cert_fail_next = true;
    let res = get(&r, "/api/v2/configuration/CE/issue_test_certificate?adminDeviceSpaceId=1&ceConfigName=Test%20Scep", ADMIN).await;
    assert_eq!(res.status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        res.message(),
        "Could not issue a test certificate: the CA did not respond."
    );
}

#[tokio::test]
async fn users_without_certificates_and_export() {
    let (r, _) = setup();
    let res = post_json(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search",
        ADMIN,
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let j = res.json();
    assert_eq!(
        j["messages"][0]["localizedMessage"],
        "User details successfully retrieved."
    );
    let rows = j["results"].as_array().unwrap().clone();
    assert_eq!(j["resultCount"], rows.len());
    assert!(rows.iter().any(|u| u["principal"] == "jdoe"));
    // jdoe has a valid certificate on CE 10, an expired one on 13 (so still "without" there).
    let on = |ce: i64| {
        let r = r.clone();
        async move {
            post_json(
                &r,
                &format!("/api/v2/configurations/CE/{ce}/users/withnocerts/search"),
                ADMIN,
                json!({}),
            )
            .await
            .json()["results"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["principal"] == "jdoe")
        }
    };
    assert!(!on(10).await);
    assert!(on(13).await);

    // Export: URLs with the requested id (the sample's URLs say 9 for a request on 10), POST status
    // (V2 guide, "Export status summary for users without certificates").
    let res = post_json(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search_export",
        ADMIN,
        json!({}),
    )
    .await;
    assert_eq!(
        res.json()["results"]["csvDownloadUrl"],
        "/api/v2/configurations/CE/11/users/withnocerts/search_download_csv"
    );
    assert_eq!(
        res.message(),
        "User details export process initiated successfully."
    );
    let again = post_json(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search_export",
        ADMIN,
        json!({}),
    )
    .await;
    assert!(again.json().get("results").is_none());
    let s = wait_export_done(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search_export_status",
        true,
    )
    .await;
    assert_eq!(s["exportStatusMsg"], "success");
    assert!(s["csvFileName"]
        .as_str()
        .unwrap()
        .starts_with("/mi/tomcat/temp/userdetails-"));
    let res = get(
        &r,
        "/api/v2/configurations/CE/11/users/withnocerts/search_download_csv",
        ADMIN,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let text = res.text();
    assert!(text.starts_with("id,principal,displayName,firstName,lastName,emailAddress\r\n"));
    assert_eq!(
        text.split("\r\n").filter(|l| !l.is_empty()).count(),
        rows.len() + 1
    );
    let res = post_json(
        &r,
        "/api/v2/configurations/CE/999/users/withnocerts/search",
        ADMIN,
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn test_hook_serves_fixtures_and_resets() {
    let (r, _) = setup();
    let res = call(
        &r,
        Method::GET,
        "/_mock/pkcs12?kind=valid&password=pw&cn=Jane",
        None,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.content_type, "application/x-pkcs12");
    let info = mock_server::v2::pkcs12::validate(&res.body, "pw", true, now_ms()).unwrap();
    assert_eq!(info.common_name.as_deref(), Some("Jane"));
    let res = call(
        &r,
        Method::GET,
        "/_mock/pkcs12?kind=bogus",
        None,
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // Reset undoes changes.
    assert_eq!(
        upload(&r, JDOE, 11, "jdoe", &p12(FixtureKind::Valid, "pw"), "pw")
            .await
            .status,
        StatusCode::OK
    );
    let res = call(&r, Method::POST, "/_mock/v2/reset", None, None, Vec::new()).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let rows = my_certs(&r, JDOE, "jdoe").await.json()["results"]
        .as_array()
        .cloned()
        .unwrap();
    assert_eq!(
        rows.iter().find(|c| c["ceId"] == 11).unwrap()["certificateId"],
        Value::Null
    );
    // Without --test-hooks the routes do not exist (the portal's index would answer).
    let plain = mock_server::app(AppState::seeded(20, 1, "/nonexistent/x"));
    let res = call(&plain, Method::GET, "/_mock/pkcs12", None, None, Vec::new()).await;
    assert_ne!(res.content_type, "application/x-pkcs12");
}
