//! CPS API: authentication, the catalogue of calls, errors, rate limits, paging, sparse objects,
//! liberal input, fault injection and the metadata calls. Each test names the CPS guide's
//! section it pins (or the decision where the guide is silent).

mod common;
mod cps_common;

use axum::http::{Method, StatusCode};
use common::{send_body, ADMIN};
use cps_common::{assert_no_nulls, get, post, result, setup, BASE};
use mock_server::cps::{catalogue, Cluster, CpsConfig};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wire::cps::{Device, EventMetadata, MetadataItem, SearchResults};

#[tokio::test]
async fn basic_authentication_needs_the_cps_role() {
    // CPS guide, "Basic authentication": "credentials … must correspond to a user with the
    // required CPS role".
    let (_, r) = setup(50);
    let uri = format!("{BASE}/version");
    let ok = send_body(&r, Method::GET, &uri, Some(ADMIN), &[], "").await;
    assert_eq!(ok.status, StatusCode::OK);
    // Decision: a valid user without the role is 403 with {"message"}.
    for user in [("jdoe", "abcd1234"), ("mobileapp", "mobile1234")] {
        let res = send_body(&r, Method::GET, &uri, Some(user), &[], "").await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", user.0);
        assert!(res.json()["message"].as_str().unwrap().contains("CPS"));
        assert!(res.header("www-authenticate").is_none());
    }
    // No or wrong credentials: 401 with the Basic challenge, except for XHR requests.
    for auth in [None, Some(("admin", "wrong")), Some(("nobody", "x"))] {
        let res = send_body(&r, Method::GET, &uri, auth, &[], "").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.header("www-authenticate"), Some("Basic realm=\"CPS\""));
        assert!(res.json()["message"].is_string());
        let xhr = [("x-requested-with", "XMLHttpRequest")];
        let res = send_body(&r, Method::GET, &uri, auth, &xhr, "").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert!(res.header("www-authenticate").is_none());
    }
}

#[tokio::test]
async fn endpoint_catalogue_every_call_is_answered_with_and_without_trailing_slash() {
    // Every call of the guide's catalogue (CPS guide, "Contents": Inventory, Device, Device Group,
    // Message, User, App Catalog and Metadata APIs).
    let (_, r) = setup(60);
    let calls = catalogue();
    // The guide's 29 calls and the app catalog example's path.
    assert_eq!(calls.len(), 30);
    // One body with what any call needs (message, subject, command, setting).
    let body = json!({
        "identifiers": [], "message": "m", "subject": "s", "command": "CHECKIN",
        "settingsType": "DATA_ROAMING",
        "settings": {"type": "DATA_ROAMING", "value": {"enabled": true}}, "attributes": {}
    });
    for (method, path, section) in calls {
        let path = path.replace("{id}", "-1");
        for p in [path.clone(), format!("{path}/")] {
            let res = if method == "GET" {
                get(&r, &p).await
            } else {
                post(&r, &p, body.clone()).await
            };
            assert_eq!(
                res.status,
                StatusCode::OK,
                "{method} {p} ({section}): {}",
                res.text()
            );
        }
    }
}

#[tokio::test]
async fn errors_are_a_json_message_decision() {
    // The guide documents no error body: the mock answers {"message"}.
    let (_, r) = setup(30);
    let res = get(&r, "/no/such/call").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.json()["message"]
        .as_str()
        .unwrap()
        .contains("/no/such/call"));
    let res = send_body(
        &r,
        Method::DELETE,
        &format!("{BASE}/device"),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(res.json()["message"].is_string());
    let res = post(&r, "/device/uuid", json!("not an object")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = send_body(
        &r,
        Method::POST,
        &format!("{BASE}/device/uuid"),
        Some(ADMIN),
        &[],
        "{broken",
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("Invalid JSON"));
}

#[tokio::test]
async fn aggregate_api_rate_limits_per_cluster_answer_429_with_retry_after() {
    // CPS guide, "Aggregate API rate limits per cluster": NA1 (the default) allows 100 force
    // check-ins a minute. Decision: the next call is 429 with Retry-After (seconds) and
    // {"message"}; other endpoints keep their own budgets.
    let (st, r) = setup(30);
    for k in 0..100 {
        let res = post(&r, "/device/forceCheckin", json!({"identifiers": []})).await;
        assert_eq!(res.status, StatusCode::OK, "call {k}");
    }
    let res = post(&r, "/device/forceCheckin", json!({"identifiers": []})).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let msg = res.json()["message"].as_str().unwrap().to_string();
    assert!(
        msg.contains("100 calls per minute") && msg.contains("NA1"),
        "{msg}"
    );
    assert_eq!(get(&r, "/version").await.status, StatusCode::OK);
    // Calls refused by authentication do not count.
    for _ in 0..120 {
        let uri = format!("{BASE}/device/mac");
        send_body(&r, Method::POST, &uri, None, &[], "{}").await;
    }
    assert_eq!(
        post(&r, "/device/mac", json!({})).await.status,
        StatusCode::OK
    );
    // --cps-rate-limit off.
    st.cps.configure(CpsConfig {
        rate_limit: false,
        ..CpsConfig::default()
    });
    for _ in 0..150 {
        let res = post(&r, "/device/forceCheckin", json!({})).await;
        assert_eq!(res.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn rate_limits_follow_the_cluster_and_each_remaining_api_has_its_own() {
    // AP2 allows 100 application inventory calls a minute and 200 of each remaining API.
    let (st, r) = setup(30);
    st.cps.configure(CpsConfig {
        cluster: Cluster::Ap2,
        ..CpsConfig::default()
    });
    for _ in 0..100 {
        let res = post(&r, "/device/application", json!({})).await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let res = post(&r, "/device/application", json!({})).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // A trailing slash is the same endpoint.
    let res = post(&r, "/device/application/", json!({})).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    for _ in 0..200 {
        assert_eq!(get(&r, "/device/count").await.status, StatusCode::OK);
    }
    assert_eq!(
        get(&r, "/device/count").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(get(&r, "/user/count").await.status, StatusCode::OK);
    // POST /_mock/reset forgets the calls.
    let res = send_body(&r, Method::POST, "/_mock/reset", None, &[], "").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(get(&r, "/device/count").await.status, StatusCode::OK);
}

#[tokio::test]
async fn handling_paged_responses_default_limit_and_cut_down_limit() {
    // CPS guide, "Handling Paged Responses": offset 0 and limit 50 by default. Decision: a limit
    // above the server's maximum (--cps-max-limit, 1,000) is cut down without an error, and
    // `results` counts the records of the answer.
    let (st, r) = setup(1200);
    let page: SearchResults<Device> = common::parse(&get(&r, "/device").await);
    assert_eq!((page.offset, page.limit, page.results), (0, 50, 50));
    assert_eq!(page.search_results.len(), 50);
    let big: SearchResults<Device> = common::parse(&get(&r, "/device?limit=5000").await);
    assert_eq!((big.limit, big.results), (1000, 1000));
    let huge = get(&r, "/device?limit=99999999999999999999999&offset=1100").await;
    let huge: SearchResults<Device> = common::parse(&huge);
    assert_eq!((huge.offset, huge.limit, huge.results), (1100, 1000, 100));
    let past: SearchResults<Device> = common::parse(&get(&r, "/device?offset=5000").await);
    assert_eq!(past.results, 0);
    st.cps.configure(CpsConfig {
        max_limit: 200,
        ..CpsConfig::default()
    });
    let cut: SearchResults<Device> = common::parse(&get(&r, "/device?limit=500").await);
    assert_eq!((cut.limit, cut.results), (200, 200));
    for bad in ["offset=-1", "limit=-5", "offset=abc", "limit=1.5"] {
        let res = get(&r, &format!("/device?{bad}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(res.json()["message"].is_string());
    }
    // Blank values are the defaults.
    let blank: SearchResults<Device> = common::parse(&get(&r, "/device?offset=&limit=").await);
    assert_eq!((blank.offset, blank.limit), (0, 50));
}

#[tokio::test]
async fn pulling_data_sparse_objects_epoch_ms_dates_and_false_flags() {
    // CPS guide, "Pulling data": only properties that have a value; dates are epoch ms.
    let (st, r) = setup(300);
    let res = get(&r, "/device?limit=300").await;
    let v = res.json();
    assert_no_nulls(&v, "$");
    let devices = v["searchResults"].as_array().unwrap();
    assert_eq!(devices.len(), 300);
    for d in devices {
        // Sparse means no nulls, not no false values: the four flags are always there.
        for flag in ["compliant", "quarantined", "blocked", "compromised"] {
            assert!(d[flag].is_boolean(), "{flag}: {d}");
        }
        let reg = d["registrationTime"].as_i64().unwrap();
        assert!(reg > 1_600_000_000_000, "epoch ms: {reg}");
        if let Some(t) = d["lastCheckInTime"].as_i64() {
            assert!(t >= reg);
        }
    }
    assert!(devices.iter().any(|d| d["blocked"] == json!(false)));
    // A device whose registration is not completed has not reported its identifiers.
    let pending = {
        let w = st.read();
        w.devices.iter().position(|d| d.pending()).unwrap()
    };
    let d = &devices[pending];
    assert_eq!(d["status"], "ENROLLMENT_PENDING");
    for absent in [
        "identifier",
        "macAddress",
        "serialNumber",
        "lastCheckInTime",
        "iosUdid",
    ] {
        assert!(d.get(absent).is_none(), "{absent}");
    }
    assert!(d["deviceGuid"].is_string());
}

#[tokio::test]
async fn liberal_input_as_a_production_server() {
    // Decision: what real integrations send is answered, not refused.
    let (st, r) = setup(80);
    let i = cps_common::index_of(&st, |d| !d.pending());
    let guid = cps_common::guid(&st, i);
    // A JSON body on a GET is ignored.
    let res = send_body(
        &r,
        Method::GET,
        &format!("{BASE}/device/count"),
        Some(ADMIN),
        &[("content-type", "application/json")],
        "{\"status\": \"RETIRED\"}",
    )
    .await;
    assert_eq!(result(&res), 80);
    // No Content-Type, lower-case identifierType, one identifier as a string.
    let res = send_body(
        &r,
        Method::POST,
        &format!("{BASE}/device/uuid"),
        Some(ADMIN),
        &[],
        &json!({"identifierType": "guid", "identifiers": guid}).to_string(),
    )
    .await;
    assert_eq!(res.json()[0]["deviceGuid"], json!(guid));
    // An empty body and empty identifiers: answered, nothing found.
    let res = send_body(
        &r,
        Method::POST,
        &format!("{BASE}/device/uuid"),
        Some(ADMIN),
        &[],
        "",
    )
    .await;
    assert_eq!(res.json(), json!([]));
    let res = post(
        &r,
        "/device/forceCheckin",
        json!({"identifiers": ["", "  ", null]}),
    )
    .await;
    assert_eq!(result(&res), 0);
    // `%24metadata` for `$metadata`, the status in any case.
    let res = get(&r, "/device/%24metadata").await;
    assert_eq!(res.status, StatusCode::OK);
    let res = get(&r, "/device/count?status=active").await;
    assert!(result(&res) > 0);
    // The pre-2022 spelling MDM_IDENTIFIERS (CPS guide, "Revision history").
    let id = cps_common::mdm_id(&st, i);
    let res = post(
        &r,
        "/device/uuid",
        json!({"identifierType": "MDM_IDENTIFIERS", "identifiers": [id]}),
    )
    .await;
    assert_eq!(res.json()[0]["deviceGuid"], json!(guid));
    // A bad identifierType is refused.
    let res = post(
        &r,
        "/device/uuid",
        json!({"identifierType": "IMEI", "identifiers": [id]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn batch_id_recommendation_more_than_200_refused_more_than_100_allowed() {
    // CPS guide, "Batch ID recommendation": 100 recommended, 200 at most.
    let (st, r) = setup(400);
    let guids: Vec<String> = st.read().devices.iter().map(|d| d.uuid.clone()).collect();
    let res = post(&r, "/device/uuid", json!({"identifiers": &guids[..150]})).await;
    assert_eq!(res.json().as_array().unwrap().len(), 150);
    let res = post(&r, "/device/uuid", json!({"identifiers": &guids[..200]})).await;
    assert_eq!(res.json().as_array().unwrap().len(), 200);
    let res = post(&r, "/device/uuid", json!({"identifiers": &guids[..201]})).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"].as_str().unwrap().contains("200"));
    let res = post(
        &r,
        "/device/email",
        json!({"subject": "s", "identifiers": &guids[..201]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn fault_injection_covers_cps_paths() {
    // The end2end fault tests inject answers on CPS paths through POST /_mock/faults.
    let (_, r) = setup(30);
    let set = |body: Value| {
        let r = r.clone();
        async move {
            let res = send_body(
                &r,
                Method::POST,
                "/_mock/faults",
                None,
                &[],
                &body.to_string(),
            )
            .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        }
    };
    set(json!({"status": 503, "paths": "/msa/v1/cps/device"})).await;
    let res = get(&r, "/device").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.json()["message"].as_str().unwrap().contains("injected"));
    assert_eq!(res.header("retry-after"), Some("1"));
    assert_eq!(get(&r, "/version").await.status, StatusCode::OK);
    assert_eq!(
        common::get(&r, "/api/v1/dm/labels").await.status,
        StatusCode::OK
    );
    set(json!({"status": 401})).await;
    let res = get(&r, "/version").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(res.header("www-authenticate"), Some("Basic realm=\"CPS\""));
    set(json!({"malformed": true, "paths": "/msa/v1/cps"})).await;
    let res = get(&r, "/version").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&res.body).is_err());
    set(json!({"htmlError": true})).await;
    let res = get(&r, "/version").await;
    assert_eq!(res.status, StatusCode::BAD_GATEWAY);
    set(json!({})).await;
    assert_eq!(get(&r, "/version").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_per_user_limit_applies_to_cps_too() {
    // security.rs: the per-user budget (--rate-limit) counts CPS calls; its 429 is CPS-shaped.
    let (st, r) = setup(30);
    st.rate_limiter.set(5);
    for _ in 0..5 {
        assert_eq!(get(&r, "/version").await.status, StatusCode::OK);
    }
    let res = get(&r, "/version").await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.header("retry-after").is_some());
    assert!(res.json()["message"].is_string());
}

#[tokio::test]
async fn metadata_apis_version_registration_and_event_topics() {
    let (_, r) = setup(30);
    // "Get current minor version of the API"
    assert_eq!(
        get(&r, "/version").await.json(),
        json!({"minorVersion": "1.0.0"})
    );
    // "Get device registration URI": EPMM's /go on the host the call was sent to.
    let res = send_body(
        &r,
        Method::GET,
        &format!("{BASE}/device/registration"),
        Some(ADMIN),
        &[("host", "epmm.example.com:8443")],
        "",
    )
    .await;
    assert_eq!(
        res.json(),
        json!({"registrationUrl": "https://epmm.example.com:8443/go"})
    );
    // "Getting event subscription metadata": EPMM topics, 180 minutes.
    let ev: EventMetadata = common::parse(&get(&r, "/event/$metadata").await);
    assert_eq!(ev.topics.len(), 9);
    assert_eq!(ev.topics["device_check_in"], "device/check_in");
    assert_eq!(
        ev.topics["device_cert_inventory_update"],
        "device/cert_inventory"
    );
    assert_eq!(ev.retention_period_minutes, Some(180));
    // "Get device app metadata", "Get device certificate metadata"
    let apps: Vec<MetadataItem> = common::parse(&get(&r, "/device/application/$metadata").await);
    assert_eq!(
        apps.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(),
        ["identifier", "name", "version"]
    );
    let certs: Vec<MetadataItem> = common::parse(&get(&r, "/device/certificate/$metadata").await);
    assert_eq!(certs.len(), 7);
    assert!(certs.iter().any(|m| m.name == "thumbPrint"));
    assert!(certs.iter().all(|m| !m.writable()));
}

#[tokio::test]
async fn get_device_attributes_metadata_covers_every_property_sent() {
    // "Get device attributes metadata": the mock lists every property it sends, and the custom
    // attributes as writable with their types.
    let (_, r) = setup(400);
    let meta: Vec<MetadataItem> = common::parse(&get(&r, "/device/$metadata").await);
    let names: BTreeSet<&str> = meta.iter().map(|m| m.name.as_str()).collect();
    let page = get(&r, "/device?limit=400").await.json();
    for d in page["searchResults"].as_array().unwrap() {
        for (k, v) in d.as_object().unwrap() {
            assert!(names.contains(k.as_str()), "{k} not in $metadata");
            if k == "customAttributes" {
                for ck in v.as_object().unwrap().keys() {
                    let m = meta
                        .iter()
                        .find(|m| &m.name == ck)
                        .expect("custom in $metadata");
                    assert!(m.writable(), "{ck}");
                }
            }
        }
    }
    let types: Vec<(&str, &str)> = meta
        .iter()
        .filter(|m| m.writable())
        .map(|m| (m.name.as_str(), m.data_type.as_str()))
        .collect();
    assert!(types.contains(&("custom_device_attribute_1", "string")));
    assert!(types.contains(&("nacCompliant", "boolean")));
    assert!(types.contains(&("warrantyExpires", "long")));
    let status = meta.iter().find(|m| m.name == "status").unwrap();
    assert_eq!(
        (status.data_type.as_str(), status.read_only),
        ("devicestatus", Some(true))
    );
}

#[tokio::test]
async fn get_user_attributes_metadata_covers_every_property_sent() {
    let (_, r) = setup(200);
    let meta: Vec<MetadataItem> = common::parse(&get(&r, "/user/$metadata").await);
    let names: BTreeSet<&str> = meta.iter().map(|m| m.name.as_str()).collect();
    let page = get(&r, "/user?limit=1000&fields=ldapStandardAttributes")
        .await
        .json();
    for u in page["searchResults"].as_array().unwrap() {
        for k in u.as_object().unwrap().keys() {
            assert!(names.contains(k.as_str()), "{k} not in $metadata");
        }
    }
    // The guide's writable user attributes.
    for name in ["ios", "site"] {
        let m = meta.iter().find(|m| m.name == name).unwrap();
        assert_eq!((m.data_type.as_str(), m.writable()), ("string", true));
    }
}

#[tokio::test]
async fn cps_test_hook_config() {
    let (_, r) = setup(30);
    let res = send_body(&r, Method::GET, "/_mock/cps/config", None, &[], "").await;
    assert_eq!(
        res.json(),
        json!({"cluster": "NA1", "rateLimit": true, "maxLimit": 1000})
    );
    let body = json!({"cluster": "EU1", "maxLimit": 10}).to_string();
    let res = send_body(&r, Method::POST, "/_mock/cps/config", None, &[], &body).await;
    assert_eq!(res.json()["cluster"], "EU1");
    let page: SearchResults<Device> = common::parse(&get(&r, "/device?limit=100").await);
    assert_eq!(page.limit, 10);
    let res = send_body(
        &r,
        Method::POST,
        "/_mock/cps/config",
        None,
        &[],
        "{\"x\":1}",
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}
