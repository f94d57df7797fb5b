//! CPS device groups, users and the app catalog over the shared world (a rule is an EPMM label, a
//! user the V1 user), and paging through 100,000 devices. Each test names the CPS guide's section
//! it pins.

mod common;
mod cps_common;

use axum::http::StatusCode;
use cps_common::{get, guid, index_of, mdm_id, post, result, setup};
use serde_json::json;
use std::collections::{BTreeSet, HashSet};
use wire::cps::{
    AccountSource, AppCatalogApp, AppPlatform, Device, Rule, RulesByDevice, SearchResults, User,
};

fn rules(r: &common::Reply) -> SearchResults<Rule> {
    common::parse(r)
}

fn users(r: &common::Reply) -> SearchResults<User> {
    common::parse(r)
}

#[tokio::test]
async fn get_all_device_groups_are_the_epmm_labels() {
    // CPS guide, "Get all Device Groups": device groups are "labels" on Ivanti EPMM.
    let (_, r) = setup(200);
    let all = rules(&get(&r, "/rule").await);
    let v1: wire::v1::LabelListResponse =
        common::parse(&common::get(&r, "/api/v1/dm/labels").await);
    let v1_ids: Vec<(i64, String)> = v1
        .labels
        .items
        .iter()
        .map(|l| (l.id, l.name.clone()))
        .collect();
    let cps_ids: Vec<(i64, String)> = all
        .search_results
        .iter()
        .map(|g| (g.id.unwrap(), g.name.clone().unwrap()))
        .collect();
    assert_eq!(cps_ids, v1_ids);
    assert_eq!(
        (all.offset, all.limit, all.results as usize),
        (0, 50, v1_ids.len())
    );
    // A dynamic label has a definition in the guide's syntax, a static one none ("All Devices").
    let ios = all
        .search_results
        .iter()
        .find(|g| g.id == Some(-3))
        .unwrap();
    assert_eq!(
        ios.definition.as_deref(),
        Some("PLATFORMTYPE EQ 'IOS' AND STATUS NEQ 'RETIRED'")
    );
    let sales = all
        .search_results
        .iter()
        .find(|g| g.name.as_deref() == Some("Sales"))
        .unwrap();
    assert_eq!(sales.definition, None);
    assert_eq!(sales.description.as_deref(), Some("Sales team devices."));
    // Paged like the other searches.
    let page = rules(&get(&r, "/rule?offset=2&limit=3").await);
    assert_eq!(page.results, 3);
    assert_eq!(page.search_results[0].id, all.search_results[2].id);
}

#[tokio::test]
async fn search_device_groups_by_device_group_name_prefix() {
    // CPS guide, "Search device groups by device group name": the name's start, "Not context
    // sensitive" (read: case-insensitive); "No records are returned if this parameter is blank".
    let (_, r) = setup(100);
    let names = |p: SearchResults<Rule>| -> Vec<String> {
        p.search_results
            .into_iter()
            .filter_map(|g| g.name)
            .collect()
    };
    assert_eq!(names(rules(&get(&r, "/rule?name=ios").await)), ["iOS"]);
    assert_eq!(
        names(rules(&get(&r, "/rule?name=EMPLOYEE").await)),
        ["Employee-Owned"]
    );
    let s = names(rules(&get(&r, "/rule?name=s").await));
    assert_eq!(s, ["Sales", "Samsung"]);
    // Paged like every search ("Handling Paged Responses"): `results` counts this page.
    let second = rules(&get(&r, "/rule?name=S&offset=1&limit=1").await);
    assert_eq!((second.results, second.offset, second.limit), (1, 1, 1));
    assert_eq!(names(second), ["Samsung"]);
    // A name with a space, encoded.
    assert_eq!(
        names(rules(&get(&r, "/rule?name=field%20o").await)),
        ["Field Ops"]
    );
    assert_eq!(rules(&get(&r, "/rule?name=").await).results, 0);
    assert_eq!(rules(&get(&r, "/rule?name=%20").await).results, 0);
    assert_eq!(rules(&get(&r, "/rule?name=zzz").await).results, 0);
}

#[tokio::test]
async fn get_device_group_by_device_group_identifier() {
    let (_, r) = setup(100);
    let g: Rule = common::parse(&get(&r, "/rule/1").await);
    assert_eq!(g.name.as_deref(), Some("Sales"));
    let g: Rule = common::parse(&get(&r, "/rule/-2").await);
    assert_eq!(g.name.as_deref(), Some("Android"));
    // Decision: an unknown or malformed id is 404 {"message"}.
    for id in ["424242", "abc"] {
        let res = get(&r, &format!("/rule/{id}")).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{id}");
        assert!(res.json()["message"].as_str().unwrap().contains(id));
    }
}

#[tokio::test]
async fn search_and_count_devices_by_device_group_identifier() {
    // CPS guide, "Search devices by device group identifier", "Count devices by device group
    // identifier": the parameter is `ruleId` (the tables say `id`; decision: the URI wins), the
    // members are the label's (V1 /dm/labels/{name}).
    let (_, r) = setup(300);
    for (id, name) in [(1, "Sales"), (-3, "iOS"), (7, "Non-Compliant")] {
        let v1 = common::get(
            &r,
            &format!("/api/v1/dm/labels/{}", name.replace(' ', "%20")),
        )
        .await;
        let v1: wire::v1::DeviceListResponse = common::parse(&v1);
        let want: BTreeSet<String> = v1.devices.items.iter().map(|d| d.uuid.clone()).collect();
        let page: SearchResults<Device> =
            common::parse(&get(&r, &format!("/device?ruleId={id}&limit=1000")).await);
        let got: BTreeSet<String> = page
            .search_results
            .into_iter()
            .filter_map(|d| d.device_guid)
            .collect();
        assert_eq!(got, want, "{name}");
        assert_eq!(
            result(&get(&r, &format!("/device/count?ruleId={id}")).await),
            want.len() as u64
        );
    }
    // `id`, the parameter tables' name, is read too.
    assert_eq!(
        result(&get(&r, "/device/count?id=-3").await),
        result(&get(&r, "/device/count?ruleId=-3").await)
    );
    // status and ruleId together: both apply.
    let both = result(&get(&r, "/device/count?ruleId=1&status=RETIRED").await);
    let page: SearchResults<Device> =
        common::parse(&get(&r, "/device?ruleId=1&status=RETIRED&limit=1000").await);
    assert_eq!(page.results, both);
    assert!(page
        .search_results
        .iter()
        .all(|d| d.status == Some(wire::cps::DeviceStatus::Retired)));
    // An unknown group has no members; a malformed id is 400.
    assert_eq!(result(&get(&r, "/device/count?ruleId=999999").await), 0);
    let none: SearchResults<Device> = common::parse(&get(&r, "/device?ruleId=999999").await);
    assert_eq!(none.results, 0);
    assert_eq!(
        get(&r, "/device?ruleId=ios").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn get_device_groups_associated_with_device_list() {
    // CPS guide, "Get device groups associated with device list": {"errors": null, "result": …}.
    let (st, r) = setup(200);
    let i = index_of(&st, |d| d.status == wire::v1::DeviceStatus::Active);
    let g = guid(&st, i);
    let res = post(&r, "/rule/deviceGuid", json!({"identifiers": [g, "nope"]})).await;
    assert!(res.json()["errors"].is_null() && res.json().get("errors").is_some());
    let by: RulesByDevice = common::parse(&res);
    assert_eq!(by.result.len(), 1);
    assert_eq!(by.result[0].device_guid.as_deref(), Some(g.as_str()));
    let got: Vec<i64> = by.result[0].rules.iter().filter_map(|r| r.id).collect();
    let want = st.read().labels_of(i);
    assert_eq!(got, want);
    assert!(got.contains(&-1), "All-Smartphones");
    // MDM identifiers are found too.
    let res = post(
        &r,
        "/rule/deviceGuid",
        json!({"identifiers": [mdm_id(&st, i)]}),
    )
    .await;
    let by: RulesByDevice = common::parse(&res);
    assert_eq!(by.result.len(), 1);
}

#[tokio::test]
async fn search_users_by_user_id_prefix_paging_and_count() {
    // CPS guide, "Search users by user id", "Count users by user id": a prefix of the user id;
    // decision: the user name or the email address, without regard to case.
    let (st, r) = setup(200);
    let all = users(&get(&r, "/user?uid=testuser&limit=1000").await);
    assert_eq!(all.results, 150);
    assert!(all.search_results.iter().all(|u| u
        .user_id
        .as_deref()
        .unwrap()
        .starts_with("testuser")));
    assert_eq!(result(&get(&r, "/user/count?uid=testuser").await), 150);
    assert_eq!(result(&get(&r, "/user/count?uid=TESTUSER00").await), 99);
    assert_eq!(
        result(&get(&r, "/user/count?uid=testuser0150@auto1").await),
        1
    );
    assert_eq!(
        result(&get(&r, "/user/count").await),
        st.read().users.len() as u64
    );
    let page = users(&get(&r, "/user?uid=testuser&offset=120&limit=40").await);
    assert_eq!((page.offset, page.limit, page.results), (120, 40, 30));
    // The email address form finds the user too.
    let jdoe = users(&get(&r, "/user?uid=jdoe@example.com").await);
    assert_eq!(jdoe.results, 1);
    let u = &jdoe.search_results[0];
    assert_eq!(u.account_source, Some(AccountSource::Local));
    assert_eq!(u.user_id.as_deref(), Some("jdoe"));
    assert_eq!(u.ldap_custom_attributes, None);
    assert_eq!(u.guid, None, "guid only in the GUID search");
    // The same user as V1.
    let v1 = common::get(&r, "/api/v1/sm/users/jdoe").await;
    let v1: wire::v1::UserResponse = common::parse(&v1);
    assert_eq!(u.user_uuid.as_deref(), Some(v1.user.unwrap().uuid.as_str()));
}

#[tokio::test]
async fn search_users_by_guid_with_ldap_standard_attributes() {
    // CPS guide, "Search users by GUID"; fields="ldapStandardAttributes" adds
    // distinguishedName, samAccountName, userPrincipalName; EPMM camelCase LDAP keys (AW-23186).
    let (st, r) = setup(200);
    let (uuid, principal, email) = {
        let w = st.read();
        let u = w
            .users
            .iter()
            .find(|u| u.principal.starts_with("testuser"))
            .unwrap();
        (u.uuid.clone(), u.principal.clone(), u.email.clone())
    };
    let res = get(
        &r,
        &format!(
            "/user?guid={}&fields=%22ldapStandardAttributes%22",
            uuid.to_uppercase()
        ),
    )
    .await;
    let found = users(&res);
    assert_eq!(found.results, 1);
    let u = &found.search_results[0];
    assert_eq!(u.guid.as_deref(), Some(uuid.as_str()));
    assert_eq!(u.guid, u.user_uuid);
    assert_eq!(u.account_source, Some(AccountSource::Ldap));
    assert_eq!(
        u.ldap_custom("objectGUID"),
        Some(uuid.replace('-', "").as_str())
    );
    let std = u.ldap_standard_attributes.as_ref().unwrap();
    assert_eq!(std["samAccountName"], principal);
    assert_eq!(std["userPrincipalName"], email);
    assert!(std["distinguishedName"].ends_with("DC=auto1,DC=example,DC=com"));
    let plain = users(&get(&r, &format!("/user?guid={uuid}")).await);
    assert_eq!(plain.search_results[0].ldap_standard_attributes, None);
    assert_eq!(users(&get(&r, "/user?guid=no-such-guid").await).results, 0);
}

#[tokio::test]
async fn update_user_attributes_by_uuid_name_or_email() {
    // CPS guide, "Update user attributes": invalid identifiers are ignored, the count of users
    // updated is returned.
    let (st, r) = setup(100);
    let (u1, u2) = {
        let w = st.read();
        let t: Vec<_> = w
            .users
            .iter()
            .filter(|u| u.principal.starts_with("testuser"))
            .take(2)
            .cloned()
            .collect();
        (t[0].clone(), t[1].clone())
    };
    let res = post(
        &r,
        "/user",
        json!({"identifiers": [u1.uuid, u2.principal, "jdoe@example.com", "ghost"],
               "attributes": {"site": "Lisbon", "ios": "17", "contractor": "TRUE", "displayName": "x"}}),
    )
    .await;
    assert_eq!(result(&res), 3);
    for uid in [u1.principal.as_str(), u2.principal.as_str(), "jdoe"] {
        let u = users(&get(&r, &format!("/user?uid={uid}")).await);
        let u = &u.search_results[0];
        assert_eq!(u.custom_attribute("site"), Some("Lisbon"), "{uid}");
        assert_eq!(u.custom_attribute("ios"), Some("17"));
        assert_eq!(u.custom_attribute("contractor"), Some("true"));
        assert_ne!(u.display_name.as_deref(), Some("x"));
    }
    let res = post(
        &r,
        "/user",
        json!({"identifiers": [u1.uuid], "attributes": {"accessExpires": "soon"}}),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.json()["message"].as_str().unwrap().contains("long"));
}

#[tokio::test]
async fn app_catalog_filters_and_platform_spellings() {
    // CPS guide, "App Catalog APIs". Decision: platformType in either spelling and any case;
    // answers in the examples' spelling; name prefix case-sensitive; one version per app
    // (AW-32833).
    let (_, r) = setup(50);
    let apps = |p: &str| {
        let r = r.clone();
        let p = p.to_string();
        async move {
            let res = get(&r, &format!("/appcatalog/apps{p}")).await;
            assert_eq!(res.status, StatusCode::OK, "{p}: {}", res.text());
            common::parse::<SearchResults<AppCatalogApp>>(&res)
        }
    };
    let all = apps("?limit=1000").await;
    let keys: HashSet<(String, String)> = all
        .search_results
        .iter()
        .map(|a| {
            (
                a.identifier.clone().unwrap(),
                a.platform_type.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys.len(),
        all.search_results.len(),
        "one entry per app and platform"
    );
    for q in ["IOS", "iOS", "ios"] {
        let ios = apps(&format!("?platformType={q}&limit=1000")).await;
        assert!(ios.results > 0);
        assert!(ios
            .search_results
            .iter()
            .all(|a| a.platform_type.as_deref() == Some("iOS")));
    }
    let mac = apps("?platformType=OSX").await;
    assert!(mac
        .search_results
        .iter()
        .all(|a| a.platform_type.as_deref() == Some("Mac OS X")));
    assert_eq!(
        apps("?platformType=Mac%20OS%20X").await.results,
        mac.results
    );
    // WINDOWS works (AW-32746), WEBAPPS is EPMM-only and served.
    assert!(apps("?platformType=WINDOWS").await.results > 0);
    assert_eq!(apps("?platformType=WEBAPPS").await.results, 1);
    let in_house = apps("?identifier=com.mobileiron.enterprise.HAC-Extension").await;
    assert_eq!(in_house.results, 1);
    assert_eq!(
        in_house.search_results[0].build_number.as_deref(),
        Some("1.4.2.0.0.17")
    );
    assert!(apps("?name=Micro").await.results >= 2);
    assert_eq!(apps("?name=micro").await.results, 0, "case-sensitive");
    assert_eq!(apps("?identifier=com.linkedin").await.results, 0, "exact");
    let res = get(&r, "/appcatalog/apps?platformType=BLACKBERRY").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // The example request's path.
    let alias: SearchResults<AppCatalogApp> =
        common::parse(&get(&r, "/appstore/apps?limit=1000").await);
    assert_eq!(alias, all);
    assert!(all
        .search_results
        .iter()
        .all(|a| a.platform() != AppPlatform::Unknown));
}

#[tokio::test]
async fn handling_paged_responses_through_100000_devices() {
    // Seeded sizes go up to 100,000 devices: walking every page of 1,000 returns every device
    // exactly once (speed is measured by the benchmark, not here).
    let (st, r) = setup(100_000);
    assert_eq!(result(&get(&r, "/device/count").await), 100_000);
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct G {
        device_guid: String,
    }
    let mut seen = HashSet::with_capacity(100_000);
    let mut offset = 0u64;
    loop {
        let page: SearchResults<G> =
            common::parse(&get(&r, &format!("/device?offset={offset}&limit=1000")).await);
        assert_eq!(page.limit, 1000);
        for d in page.search_results {
            assert!(seen.insert(d.device_guid), "a device twice");
        }
        if page.results < 1000 {
            break;
        }
        offset += 1000;
    }
    assert_eq!(seen.len(), 100_000);
    let w = st.read();
    assert!(w.devices.iter().all(|d| seen.contains(&d.uuid)));
}
