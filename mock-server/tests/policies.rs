//! Policies (EPMM V1 API guide, "Policies" and "Policy Rules") and app settings ("Application
//! Settings").

mod common;

use axum::http::StatusCode;
use common::{find_device, get, get_xml, parse, put, router, state};
use mock_server::catalog::Platform;
use wire::v1::{
    AppSettingListResponse, AppSettingOrigin, AppSettingType, DeviceStatus, MessagesOnly,
    PolicyListResponse, PolicyProfileType, PolicyType, ProfileListResponse,
};

#[tokio::test]
async fn get_policies() {
    let st = state(300);
    let app = router(&st);
    let r = get(&app, "/api/v1/policies").await;
    assert_eq!(r.status, StatusCode::OK);
    let l: PolicyListResponse = parse(&r);
    let items = &l.policies.items;
    // " 1 policy returned." (V1 guide, "Get Policies": the response example)
    assert_eq!(l.messages.0, [format!(" {} policy returned.", items.len())]);
    // Every profileType and policyType, Active and Inactive (the same example).
    for p in PolicyProfileType::ALL {
        assert!(items.iter().any(|x| x.profile() == Some(*p)), "{p}");
    }
    for t in PolicyType::ALL {
        assert!(items.iter().any(|x| x.kind() == Some(*t)), "{t}");
    }
    assert!(items.iter().any(|x| !x.active && x.status == "Inactive"));
    // The guide's default privacy policy, id -2, with PRIVACY_SYNC_CALLLOGS store/off (the same
    // example).
    let privacy = items.iter().find(|x| x.id == -2).unwrap();
    assert_eq!(privacy.policy_name, "Default Privacy Policy");
    let calllogs = privacy.rule("PRIVACY_SYNC_CALLLOGS").unwrap();
    assert_eq!(
        (calllogs.value.as_str(), calllogs.client_value.as_str()),
        ("store", "off")
    );
    // Only documented rule types (V1 guide, "Policy Rules"), resourceDTOs where documented (its
    // security and privacy rule tables).
    for p in items {
        for rule in &p.rules.items {
            let info = rule
                .info()
                .unwrap_or_else(|| panic!("undocumented rule {}", rule.rule_type));
            assert_eq!(
                Some(info.profile),
                p.profile(),
                "{} in {}",
                rule.rule_type,
                p.policy_name
            );
        }
    }
    let security = items.iter().find(|x| x.id == -3).unwrap();
    assert_eq!(
        security
            .rule("SECURITY_ENCRYPT_DATA_TYPE")
            .unwrap()
            .resource_dtos
            .len(),
        3
    );
    assert_eq!(
        privacy.rule("PRIVACY_EXCLUDE_DIR").unwrap().resource_dtos[0].resource_type,
        "DIR"
    );
    let sync = items
        .iter()
        .find(|x| x.profile() == Some(PolicyProfileType::Sync))
        .unwrap();
    assert_eq!(sync.rule("SYNC_HEARTBEAT_INTERVAL").unwrap().value, "14");
    // deviceCount: the managed devices in the policy's labels (All-Smartphones for -2).
    let managed = st
        .read()
        .devices
        .iter()
        .filter(|d| {
            !matches!(
                d.status,
                DeviceStatus::Retired | DeviceStatus::RetirePending | DeviceStatus::Wiped
            )
        })
        .count() as i64;
    assert_eq!(privacy.device_count + privacy.pending_count, managed);
    assert!(privacy.pending_count > 0);
    assert_eq!(privacy.label_names, ["All-Smartphones"]);
    // XML: <policy id="-2"> and <rules><rule> (V1 guide, "Get Policies": the response example).
    let x = get_xml(&app, "/api/v1/policies").await.text();
    assert!(x.contains("<policyWebServiceResponse><messages>"));
    assert!(x.contains("<policy id=\"-2\"><policyName>Default Privacy Policy</policyName>"));
    assert!(x.contains("<rules><rule><type>PRIVACY_SYNC_CALLLOGS</type><value>store</value><clientValue>off</clientValue></rule>"));
}

#[tokio::test]
async fn get_policies_by_device_uuid() {
    let st = state(200);
    let app = router(&st);
    let uuid = find_device(&st, |d| {
        d.status == DeviceStatus::Active && d.platform() == Platform::Android
    });
    let l: PolicyListResponse =
        parse(&get(&app, &format!("/api/v1/policies/devices/{uuid}")).await);
    // "This field is not applicable for this request." (V1 guide, "Get Policies by DeviceUUID": the
    // response example): counts 0.
    assert!(l
        .policies
        .items
        .iter()
        .all(|p| p.device_count == 0 && p.pending_count == 0));
    // The defaults apply through All-Smartphones, the default lockdown through Android.
    for id in [-2, -3, -5, -6] {
        assert!(l.policies.items.iter().any(|p| p.id == id), "{id}");
    }
    // A retired device has none: 404 with totalCount 0; an unknown one 404.
    let retired = find_device(&st, |d| d.status == DeviceStatus::Retired);
    let r = get(&app, &format!("/api/v1/policies/devices/{retired}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
    assert_eq!(
        get(&app, "/api/v1/policies/devices/nope").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn apply_and_remove_a_label_change_devices_and_counts() {
    let st = state(300);
    let app = router(&st);
    let count = |l: &PolicyListResponse, id: i64| {
        let p = l.policies.items.iter().find(|p| p.id == id).unwrap();
        (p.device_count + p.pending_count, p.label_names.clone())
    };
    // Policy 7 (Retail Lockdown) starts on no label.
    let before: PolicyListResponse = parse(&get(&app, "/api/v1/policies").await);
    assert_eq!(count(&before, 7), (0, vec![]));
    let ios = find_device(&st, |d| {
        d.status == DeviceStatus::Active
            && d.platform() == Platform::Ios
            && d.quarantined_status == 0
    });
    // /policies/-2?action=apply_label&label=Testlabel (V1 guide, "Apply/Remove policy for a label",
    // example) — here label iOS.
    let r = put(&app, "/api/v1/policies/7?action=apply_label&label=iOS").await;
    assert_eq!(r.status, StatusCode::OK);
    // "Policy applied to label Android successfully." (the response example), naming the label
    // asked (the example asks for Testlabel).
    assert_eq!(
        parse::<MessagesOnly>(&r).messages.0,
        ["Policy applied to label iOS successfully."]
    );
    let after: PolicyListResponse = parse(&get(&app, "/api/v1/policies").await);
    // Managed members of the label (wiped or being retired devices count for no policy).
    let ios_count = {
        let w = st.read();
        let label = w.label("iOS").unwrap();
        w.label_members(label)
            .into_iter()
            .filter(|&i| {
                !matches!(
                    w.devices[i].status,
                    DeviceStatus::RetirePending | DeviceStatus::Wiped
                )
            })
            .count() as i64
    };
    assert_eq!(count(&after, 7), (ios_count, vec!["iOS".to_string()]));
    // The device now has it, in /policies/devices and in its profiles.
    let l: PolicyListResponse = parse(&get(&app, &format!("/api/v1/policies/devices/{ios}")).await);
    assert!(l.policies.items.iter().any(|p| p.id == 7));
    let p: ProfileListResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/profiles/{ios}")).await);
    assert!(p
        .profiles
        .items
        .iter()
        .any(|x| x.id == 7 && x.policy_type == "LOCKDOWN"));
    // Applying again is refused; removing undoes it.
    assert_eq!(
        put(&app, "/api/v1/policies/7?action=apply_label&label=ios")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let r = put(&app, "/api/v1/policies/7?action=remove_label&label=iOS").await;
    assert_eq!(
        r.messages(),
        ["Policy removed from label iOS successfully."]
    );
    let l: PolicyListResponse = parse(&get(&app, &format!("/api/v1/policies/devices/{ios}")).await);
    assert!(!l.policies.items.iter().any(|p| p.id == 7));
    assert_eq!(
        put(&app, "/api/v1/policies/7?action=remove_label&label=iOS")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // Errors: bad action 400, missing label 400, unknown policy or label 404.
    assert_eq!(
        put(&app, "/api/v1/policies/7?action=apply&label=iOS")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(&app, "/api/v1/policies/7?action=apply_label")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        put(&app, "/api/v1/policies/999?action=apply_label&label=iOS")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        put(
            &app,
            "/api/v1/policies/7?action=apply_label&label=Testlabel"
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn app_settings_every_type_and_the_filter() {
    let st = state(200);
    let app = router(&st);
    let r = get(&app, "/api/v1/appsettings").await;
    assert_eq!(r.status, StatusCode::OK);
    let l: AppSettingListResponse = parse(&r);
    let items = &l.appsettings.items;
    // " 1 application settting(s) returned." (sic, V1 guide, "Get all Application Settings": the
    // response example)
    assert_eq!(
        l.messages.0,
        [format!(
            " {} application settting(s) returned.",
            items.len()
        )]
    );
    for t in AppSettingType::ALL {
        assert!(items.iter().any(|a| a.kind() == Some(*t)), "{t}");
    }
    assert!(items
        .iter()
        .any(|a| a.origin() == Some(AppSettingOrigin::System)));
    assert!(items
        .iter()
        .any(|a| a.origin() == Some(AppSettingOrigin::Admin)));
    // The guide's system CA certificate (the same example): id -4, label iOS (-4 in the guide's own
    // numbering is the label id; here the iOS label is -3), CERT_SERIAL_NUMBER0 and CERTPATH0.
    let ca = items.iter().find(|a| a.id == -4).unwrap();
    assert_eq!(ca.name, " System - iOS MDM CA Certificate");
    assert_eq!(ca.label_names, ["iOS"]);
    assert_eq!(
        ca.properties.get("CERT_SERIAL_NUMBER0"),
        Some("10863527040561121251")
    );
    assert!(ca
        .properties
        .get("CERTPATH0")
        .unwrap()
        .starts_with("/mi/files/groups/9002/"));
    assert!(ca.quarantined_count.is_some() && ca.state.is_none());
    // SCEP settings carry SUPPORT_MULTIPLE_CONSUMERS (the same example).
    let filtered: AppSettingListResponse = parse(&get(&app, "/api/v1/appsettings?type=SCEP").await);
    assert!(filtered
        .appsettings
        .items
        .iter()
        .all(|a| a.kind() == Some(AppSettingType::Scep)));
    assert!(filtered
        .appsettings
        .items
        .iter()
        .all(|a| a.properties.get("SUPPORT_MULTIPLE_CONSUMERS").is_some()));
    // The filter is on appType, not on `type` (V1 guide, "Get all Application Settings": the
    // request table), and is case-insensitive.
    let c: AppSettingListResponse = parse(&get(&app, "/api/v1/appsettings?type=certificate").await);
    assert!(c.appsettings.items.len() >= 2);
    assert_eq!(
        get(&app, "/api/v1/appsettings?type=SYSTEM").await.status,
        StatusCode::BAD_REQUEST
    );
    // JSON `properties` is one object with an entry array (digest `epmm-v1-api.md`, "8. Decisions
    // for the mock server and the client", 3).
    let v = get(&app, "/api/v1/appsettings?type=CERTIFICATE")
        .await
        .json();
    assert!(v["appsettings"]["appsetting"][0]["properties"]["entry"].is_array());
    // XML: repeated <labels>/<labelNames> (V1 guide, "Get all Application Settings": the response
    // example).
    let x = get_xml(&app, "/api/v1/appsettings?type=WIFI").await.text();
    assert!(x.contains("<appSettingsWebServiceResponse><messages><message> 2 application settting(s) returned.</message></messages>"), "{x}");
}

#[tokio::test]
async fn get_application_settings_by_device_uuid() {
    let st = state(300);
    let app = router(&st);
    let ios = find_device(&st, |d| {
        d.status == DeviceStatus::Active
            && d.platform() == Platform::Ios
            && d.quarantined_status == 0
    });
    let l: AppSettingListResponse =
        parse(&get(&app, &format!("/api/v1/appsettings/devices/{ios}")).await);
    // state 67 Current; counts not applicable (V1 guide, "Get Application Settings by Device
    // UUID": the response example).
    assert!(l
        .appsettings
        .items
        .iter()
        .all(|a| a.state == Some(67) && a.device_count == 0));
    assert!(l.appsettings.items.iter().any(|a| a.id == -4));
    // A quarantined device's configurations were removed: state 68 (`quarantinedStatus` in V1
    // guide, "Get Device Details for a Phone Number/User/Label/Wi-Fi MAC Address").
    let q = find_device(&st, |d| {
        d.quarantined_status != 0 && d.status == DeviceStatus::Active
    });
    let l: AppSettingListResponse =
        parse(&get(&app, &format!("/api/v1/appsettings/devices/{q}")).await);
    assert!(l.appsettings.items.iter().all(|a| a.is_deleted()));
    assert_eq!(
        get(&app, "/api/v1/appsettings/devices/nope").await.status,
        StatusCode::NOT_FOUND
    );
}
