//! Lookups (EPMM V1 API guide, "Get Device Details for a Phone Number/User/Label/Wi-Fi MAC
//! Address"), CSV ("Exporting Device Information to a CSV"), operators, countries, register,
//! profiles and re-push.

mod common;

use axum::http::{Method, StatusCode};
use common::{find_device, get, get_xml, parse, put, router, send, state, status_of, ADMIN};
use mock_server::catalog::Platform;
use wire::v1::{
    CountryListResponse, DeviceListResponse, DeviceResponse, DeviceStatus, MacLookupResponse,
    MessagesOnly, OperatorListResponse, ProfileListResponse, ProfileType, RegisterResponse,
};

#[tokio::test]
async fn phone_lookup() {
    let st = state(120);
    let app = router(&st);
    let (uuid, phone, code, uuid2, phone2) = {
        let w = st.read();
        let mut it = w
            .devices
            .iter()
            .filter(|d| d.phone.is_some() && d.status == DeviceStatus::Active);
        let a = it.next().unwrap();
        let b = it.next().unwrap();
        (
            a.uuid.clone(),
            a.phone_string(),
            a.country().code,
            b.uuid.clone(),
            b.phone_string(),
        )
    };
    // One number: echoed as phoneNumber, messages empty (V1 guide, "Get Device Details for a Phone
    // Number/User/Label/Wi-Fi MAC Address": the response example).
    let r = get(&app, &format!("/api/v1/dm/phones/{phone}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let l: DeviceListResponse = parse(&r);
    assert_eq!(l.phone_number, phone);
    assert!(l.messages.0.is_empty());
    assert_eq!(l.devices.items[0].uuid, uuid);
    // With the country code in front, as the guide's examples write it (the same response example).
    let r = get(&app, &format!("/api/v1/dm/phones/{code}{phone}")).await;
    assert_eq!(r.status, StatusCode::OK);
    // Several, comma-separated (the section's examples): no echo, a count message.
    let l: DeviceListResponse =
        parse(&get(&app, &format!("/api/v1/dm/phones/{phone},{phone2}")).await);
    assert!(l.phone_number.is_empty());
    assert_eq!(l.messages.0, ["2 Device(s) returned"]);
    assert_eq!(
        l.devices
            .items
            .iter()
            .map(|d| d.uuid.clone())
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert!(l.devices.items.iter().any(|d| d.uuid == uuid2));
    // None found: 404, echoed, totalCount 0.
    let r = get(&app, "/api/v1/dm/phones/9999999999,8888888888").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let l: DeviceListResponse = parse(&r);
    assert_eq!(
        (l.phone_number.as_str(), l.total_count),
        ("9999999999,8888888888", Some(0))
    );
    // "Enter numbers only" (V1 guide, "Phone Number Formats")
    let r = get(&app, "/api/v1/dm/phones/408-555-1212").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn user_lookup() {
    let st = state(60);
    let app = router(&st);
    // /dm/users/jdoe (V1 guide, "Get Device Details for a Phone Number/User/Label/Wi-Fi MAC
    // Address", examples)
    let l: DeviceListResponse = parse(&get(&app, "/api/v1/dm/users/jdoe").await);
    assert!(!l.devices.items.is_empty());
    assert!(l.devices.items.iter().all(|d| d.principal == "jdoe"));
    assert!(
        l.phone_number.is_empty(),
        "user lookups are not echoed (the lookup section's response example)"
    );
    // Retired devices are left out: "This API applies only to registered devices." (the same
    // section)
    let first = l.devices.items[0].uuid.clone();
    put(&app, &format!("/api/v1/dm/devices/retire/{first}")).await;
    let after: DeviceListResponse = parse(&get(&app, "/api/v1/dm/users/jdoe").await);
    assert_eq!(after.devices.items.len(), l.devices.items.len() - 1);
    let r = get(&app, "/api/v1/dm/users/nobody-here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
}

#[tokio::test]
async fn mac_lookup_reads_as_device_or_devices() {
    let st = state(60);
    let app = router(&st);
    let (uuid, mac) = {
        let w = st.read();
        let d = w
            .devices
            .iter()
            .find(|d| d.status == DeviceStatus::Active)
            .unwrap();
        (d.uuid.clone(), d.mac_string())
    };
    // /dm/devices/mac/38AA3C62BFAD (the same examples)
    let r = get(&app, &format!("/api/v1/dm/devices/mac/{mac}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let m: MacLookupResponse = parse(&r);
    assert_eq!(m.device().unwrap().uuid, uuid);
    // Public clients read `device` (PacketFence's `mobileiron.pm`, digest `epmm-v1-api.md`, "1.5
    // Response formats and XML roots"); the guide's shape has `devices`.
    let v = r.json();
    assert_eq!(v["device"]["uuid"], uuid.as_str());
    assert_eq!(v["devices"]["device"][0]["uuid"], uuid.as_str());
    // A 404 body still has the envelope with totalCount 0 (what clients test for, the same digest
    // section).
    let r = get(&app, "/api/v1/dm/devices/mac/000000000000").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(parse::<MessagesOnly>(&r).total_count, Some(0));
}

#[tokio::test]
async fn devices_csv_28_columns_in_order() {
    let st = state(80);
    let app = router(&st);
    let r = get(&app, "/api/v1/dm/devices.csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    let text = r.text();
    let mut lines = text.split("\r\n");
    let header = lines.next().unwrap();
    assert_eq!(
        header,
        "Operator,Country,Device UUID,Phone Number,Principal,Name,Platform,Manufacturer,Model,Email Address,Status Code,Employee Owned,Compliance,Quarantine Status,IMSI,IMEI,UDID,Client Version,MDM Enabled,Serial Number,Last Connected At,Active Sync UUID,Active Sync Last Sync Attempt,Wi-Fi MAC Address,Device Encryption,Last MDM Check-In,Last Security State Changed On,Registered On"
    );
    // Every device (an export), one row each.
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 80);
    {
        let w = st.read();
        let first = &w.devices[0];
        let row0: Vec<&str> = rows[0].split(',').collect();
        assert_eq!(row0[2], first.uuid);
        assert_eq!(row0[10], first.status.code().to_string());
        assert_eq!(row0[23], first.mac_string());
    }
    // A status filter narrows it; "eas/devices.csv is not supported" (V1 guide, "Exporting Device
    // Information to a CSV").
    let r = get(&app, "/api/v1/dm/devices.csv?status=RETIRED").await;
    let n = st
        .read()
        .devices
        .iter()
        .filter(|d| d.status == DeviceStatus::Retired)
        .count();
    assert_eq!(
        r.text().split("\r\n").filter(|l| !l.is_empty()).count(),
        n + 1
    );
    let r = get(&app, "/api/v1/eas/devices.csv").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn list_of_operators() {
    let app = router(&state(20));
    let r = get(&app, "/api/v1/dm/operators").await;
    assert_eq!(r.status, StatusCode::OK);
    let o: OperatorListResponse = parse(&r);
    let n = o.operators.items.len();
    // "1 Operator (s) returned" (V1 guide, "List of Operators": the response example), with the
    // guide's space.
    assert_eq!(o.messages.0, [format!("{n} Operator (s) returned")]);
    assert_eq!(o.total_count, Some(n as u64));
    // AT&T, id 269, US 183 (the same example); enabled and disabled ones, Mobile and Fixed (the
    // same example).
    let att = o.operators.items.iter().find(|x| x.id == 269).unwrap();
    assert_eq!(
        (
            att.carrier_short_name.as_str(),
            att.country_id,
            att.country_code.as_str()
        ),
        ("AT&T", 183, "1")
    );
    assert!(o.operators.items.iter().any(|x| !x.enabled));
    assert!(o.operators.items.iter().any(|x| x.carrier_type == "Fixed"));
    assert!(o
        .operators
        .items
        .iter()
        .all(|x| x.carrier_short_name != "PDA"));
    // XML escapes AT&T (AT&amp;T in the same example).
    assert!(get_xml(&app, "/api/v1/dm/operators")
        .await
        .text()
        .contains("<carrierShortName>AT&amp;T</carrierShortName>"));
    // Paging.
    let p: OperatorListResponse = parse(&get(&app, "/api/v1/dm/operators?limit=2&offset=1").await);
    assert_eq!(p.operators.items.len(), 2);
    assert_eq!(p.operators.items[0], o.operators.items[1]);
}

#[tokio::test]
async fn list_of_countries() {
    let app = router(&state(20));
    let c: CountryListResponse = parse(&get(&app, "/api/v1/dm/countries").await);
    let n = c.countries.items.len();
    // "2 Countries returned" (V1 guide, "List of Countries": the response example)
    assert_eq!(c.messages.0, [format!("{n} Countries returned")]);
    let us = c
        .countries
        .items
        .iter()
        .find(|x| x.iso_alpha2_code == "US")
        .unwrap();
    assert_eq!((us.country_code.as_str(), us.country_id), ("1", Some(183)));
    // 116 enabled / 102 disabled (the same example): both present.
    assert!(c
        .countries
        .items
        .iter()
        .any(|x| x.enabled_for_registration == 116));
    assert!(c
        .countries
        .items
        .iter()
        .any(|x| x.enabled_for_registration == 102));
    // Written with the correct spelling `isoAlpha2Code` (not the isoAplha2Code of the same
    // example's second country).
    let v = get(&app, "/api/v1/dm/countries").await.json();
    assert!(v["countries"]["country"][0]["isoAlpha2Code"].is_string());
}

#[tokio::test]
async fn register_a_device_then_verify() {
    let (st, app) = common::hooked(40);
    // V1 guide, "Register a Device", examples, with the example's lower-case `countrycode` and
    // `notifyuserbysms`.
    let uri = "/api/v1/dm/register?phoneNumber=4155551212&userId=newuser&platform=A&userFirstName=Joe&userLastName=Doe&userEmailAddress=newuser@example.com&notifyUser=True&notifyuserbysms=True&countrycode=1&operator=Verizon";
    let r = put(&app, uri).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let reg: RegisterResponse = parse(&r);
    // The response example: phoneNumber with the country code, status SUCCESS, 5-digit passcode,
    // TTL, URL.
    assert_eq!(reg.phone_number, "14155551212");
    assert!(reg.registration.is_success());
    assert_eq!(reg.registration.status, "SUCCESS");
    assert_eq!(reg.registration.passcode.len(), 5);
    assert_eq!(reg.registration.passcode_ttl, Some(120));
    assert!(reg.registration.registration_url.contains("/v/"));
    let uuid = reg.registration.device_uuid.clone();
    // The new device is VERIFICATION_PENDING with empty details (V1 guide, "Get Devices by Status":
    // the response example).
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{uuid}")).await);
    let d = d.device.unwrap();
    assert_eq!(
        (d.status.as_str(), d.status_code),
        ("VERIFICATION_PENDING", 112)
    );
    assert!(d.details.0.is_empty());
    assert_eq!(d.operator, "Verizon");
    assert_eq!(d.principal, "newuser");
    // "Ivanti EPMM sets the password for a new local user to the userid." (V1 guide, "Register a
    // Device": the request table)
    {
        let w = st.read();
        let u = w.user("newuser").unwrap();
        assert_eq!(u.password.as_deref(), Some("newuser"));
        assert_eq!(u.user_source, 76);
    }
    // The phone is taken now.
    assert_eq!(put(&app, uri).await.status, StatusCode::BAD_REQUEST);
    // The user verifies (test hook): ACTIVE, details appear.
    let r = send(
        &app,
        Method::POST,
        &format!("/_mock/devices/{uuid}/verify"),
        None,
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(status_of(&app, &uuid).await, "ACTIVE");
    let d: DeviceResponse = parse(&get(&app, &format!("/api/v1/dm/devices/{uuid}")).await);
    assert!(!d.device.unwrap().details.0.is_empty());

    // A PDA may send PDA as its phone number (V1 guide, "Register a Device", examples); the
    // trailing slash of its URI (the examples have none); an existing user needs no names.
    let r = put(&app, "/api/v1/dm/register/?phoneNumber=PDA&deviceType=PDA&userId=jdoe&countryCode=33&importUserFromLdap=False&platform=I").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let reg: RegisterResponse = parse(&r);
    assert_eq!(reg.phone_number, "PDA");
    let d: DeviceResponse = parse(
        &get(
            &app,
            &format!("/api/v1/dm/devices/{}", reg.registration.device_uuid),
        )
        .await,
    );
    assert_eq!(d.device.unwrap().operator, "PDA");

    // Required parameters (V1 guide, "Register a Device": the request table): 400 each.
    for bad in [
        "phoneNumber=4155559999&platform=A&countryCode=1",
        "userId=x1&phoneNumber=4155559999&countryCode=1&userFirstName=a&userLastName=b&userEmailAddress=c",
        "userId=x1&phoneNumber=4155559999&platform=A&userFirstName=a&userLastName=b&userEmailAddress=c",
        "userId=x1&platform=A&countryCode=1&userFirstName=a&userLastName=b&userEmailAddress=c",
        "userId=x1&phoneNumber=4155559999&platform=A&countryCode=1",
        "userId=x1&phoneNumber=4155559999&platform=Z&countryCode=1&userFirstName=a&userLastName=b&userEmailAddress=c",
        "userId=x1&phoneNumber=4155559999&platform=A&countryCode=999&userFirstName=a&userLastName=b&userEmailAddress=c",
    ] {
        let r = put(&app, &format!("/api/v1/dm/register?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text());
    }
    // Import from LDAP of a user the directory does not have: 404.
    let r = put(&app, "/api/v1/dm/register?userId=ghost&phoneNumber=4155550000&platform=A&countryCode=1&importUserFromLdap=True").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn profiles_and_repush() {
    let st = state(200);
    let app = router(&st);
    let uuid = find_device(&st, |d| {
        d.status == DeviceStatus::Active
            && d.platform() == Platform::Ios
            && d.quarantined_status == 0
    });
    let r = get(&app, &format!("/api/v1/dm/devices/profiles/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let p: ProfileListResponse = parse(&r);
    // "<messages />" (V1 guide, "Get Profiles for a Device": the response example)
    assert!(p.messages.0.is_empty());
    let items = &p.profiles.items;
    // The same example: the default Docs@Work (-7), security (-3) and privacy (-2) policies, and
    // the iOS MDM configuration (APP, no uuid).
    let docs = items.iter().find(|x| x.id == -7).unwrap();
    assert_eq!(
        (docs.uuid.as_str(), docs.policy_type.as_str()),
        ("misystem-default-docs-policy", "DOCS")
    );
    assert!(items.iter().any(|x| x.id == -3
        && x.policy_type == "SECURITY"
        && x.kind() == Some(ProfileType::Policy)));
    assert!(items
        .iter()
        .any(|x| x.id == -2 && x.uuid == "misystem-default-privacy-policy"));
    let mdm = items.iter().find(|x| x.policy_type == "MDM").unwrap();
    assert_eq!(mdm.kind(), Some(ProfileType::App));
    assert!(mdm.uuid.is_empty());
    // Ids are unique per device (the guide's example has two profiles with id -2).
    let mut ids: Vec<(i64, String)> = items
        .iter()
        .map(|x| (x.id, x.profile_type.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), items.len());

    // Re-push everything (no id, no type), one profile (id & type), as the examples of V1 guide,
    // "Re-push Profiles for a Device" do.
    let r = put(&app, &format!("/api/v1/dm/devices/repushprofile/{uuid}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(parse::<MessagesOnly>(&r).messages.0[0].contains("profile(s) re-pushed"));
    let r = put(
        &app,
        &format!(
            "/api/v1/dm/devices/repushprofile/{uuid}?id={}&type=APP",
            mdm.id
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.messages()[0].contains("System - iOS MDM"));
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/repushprofile/{uuid}?id=424242&type=APP"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = put(
        &app,
        &format!("/api/v1/dm/devices/repushprofile/{uuid}?id=-3&type=CONFIG"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // Re-pushing policies clears "policy out of date" (0x10).
    let stale = {
        let mut w = st.write();
        let d = w
            .devices
            .iter_mut()
            .find(|d| d.status == DeviceStatus::Active && d.compliance == 0)
            .unwrap();
        d.compliance = 0x10;
        d.uuid.clone()
    };
    let p: ProfileListResponse =
        parse(&get(&app, &format!("/api/v1/dm/devices/profiles/{stale}")).await);
    assert!(p.profiles.items.iter().all(|x| x.status == "Pending"));
    put(
        &app,
        &format!("/api/v1/dm/devices/repushprofile/{stale}?type=POLICY"),
    )
    .await;
    assert_eq!(st.read().device(&stale).unwrap().compliance, 0);
    // A retired device has no profiles: 404 with totalCount 0.
    let retired = find_device(&st, |d| d.status == DeviceStatus::Retired);
    let r = get(&app, &format!("/api/v1/dm/devices/profiles/{retired}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["totalCount"], 0);
    let r = send(
        &app,
        Method::GET,
        "/api/v1/dm/devices/profiles/nope",
        Some(ADMIN),
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
