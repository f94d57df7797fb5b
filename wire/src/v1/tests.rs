//! Contract tests: the guide's own examples (converted from its XML into the JSON shape the digest
//! `epmm-v1-api.md` documents) parse into the wire types, and what the types write parses back.

use super::*;
use serde_json::json;

/// The device list example of the V1 guide, "Get Devices by Status", converted to JSON by the rules
/// of digest `epmm-v1-api.md`, "1.5 Response formats and XML roots".
fn guide_device_list_example() -> serde_json::Value {
    json!({
        "messages": {"message": ["212 Device(s) returned"]},
        "devices": {"device": [{
            "id": 2,
            "uuid": "8d711cdc-e93c-49b1-88d6-222f54132445",
            "principal": "jdoe",
            "blockReason": 0,
            "clientId": 1073741831,
            "comment": "comment for the device",
            "compliance": 0,
            "countryCode": 1,
            "countryId": 183,
            "countryName": "United States",
            "details": [{"entry": [
                {"key": "device_model", "value": "DROIDX"},
                {"key": "platform_name", "value": "2.2"},
                {"key": "Client_version", "value": "4.2.0"}
            ]}],
            "deviceCount": 1,
            "easLastSyncAttempt": "2012-01-10T20:36:57+00:00",
            "easUuid": "4d22d6d7-29dc-4c35-8e67-23dee442cf85",
            "emailAddress": "jdoe@Ivanti.com",
            "emailDomain": "txt.att.net",
            "employeeOwned": false,
            "homeOperator": "Verizon",
            "languageCountryId": 0,
            "languageId": 1,
            "lastConnectedAt": "2011-07-08T01:52:33+00:00",
            "manufacturer": "Motorola",
            "mdmManaged": false,
            "mdmProfileUrlId": "",
            "model": "DROIDX",
            "name": "jdoe:Android 4.4:PDA 2",
            "notifyUser": true,
            "operator": "AT&T",
            "operatorId": 269,
            "phoneNumber": "4085551212",
            "pin": "",
            "platform": "Android 4.4",
            "quarantinedStatus": 0,
            "regCount": 0,
            "regType": "DEFAULT",
            "status": "ACTIVE",
            "statusCode": 97,
            "userDisplayName": "Joe Doe",
            "userFirstName": "Joe",
            "userLastName": "Doe",
            "userSource": 76,
            "userUUID": "de398fcb-a3a4-412c-a1dd-9be8bd46e728",
            "iPhoneVersion": "8J2"
        }]}
    })
}

#[test]
fn get_devices_by_status_example_parses() {
    let r: DeviceListResponse = serde_json::from_value(guide_device_list_example()).unwrap();
    assert_eq!(r.messages.0, ["212 Device(s) returned"]);
    let d = &r.devices.items[0];
    assert_eq!(d.id, 2);
    assert_eq!(d.uuid, "8d711cdc-e93c-49b1-88d6-222f54132445");
    assert_eq!(d.country_code, "1");
    assert_eq!(d.status.parse::<DeviceStatus>(), Ok(DeviceStatus::Active));
    assert_eq!(d.user_uuid, "de398fcb-a3a4-412c-a1dd-9be8bd46e728");
    // `Client_version` in the example, `client_version` in the table (V1 guide, "Get Devices by
    // Status" vs "Android Details Key-Value Descriptions").
    assert_eq!(d.details.get("client_version"), Some("4.2.0"));
    assert_eq!(d.details.get("Client_version"), Some("4.2.0"));
    assert_eq!(d.phone(), "4085551212");
}

#[test]
fn loose_jettison_shapes_parse() {
    // One device as an object instead of an array; numbers and booleans as strings; a single
    // detail entry as an object; messages as a bare string.
    let v = json!({
        "messages": "1 Device(s) returned",
        "devices": {"device": {
            "id": "7", "uuid": "u-1", "compliance": "16", "employeeOwned": "True",
            "details": {"entry": {"key": "WiFiMAC", "value": "b8:ff:61:7f:79:26"}}
        }}
    });
    let r: DeviceListResponse = serde_json::from_value(v).unwrap();
    let d = &r.devices.items[0];
    assert_eq!(d.id, 7);
    assert_eq!(d.compliance, 16);
    assert!(d.employee_owned);
    assert_eq!(d.wifi_mac().as_deref(), Some("B8FF617F7926"));
    // A missing container is an empty list, not an error.
    let r: DeviceListResponse = serde_json::from_value(json!({"messages": {}})).unwrap();
    assert!(r.devices.items.is_empty());
}

#[test]
fn strict_where_it_matters() {
    // A device without a uuid is useless to every call: reject it.
    assert!(serde_json::from_value::<Device>(json!({"id": 1})).is_err());
    // An object where a number belongs is a broken answer, not a loose one.
    assert!(
        serde_json::from_value::<Device>(json!({"uuid": "x", "compliance": {"a": 1}})).is_err()
    );
}

#[test]
fn single_device_example() {
    // The single-device call puts `device` straight under the root and uses `currentPhoneNumber`.
    let v = json!({"messages": {}, "device": {"id": 2, "uuid": "u", "currentPhoneNumber": "4085551212", "operator": "PDA"}});
    let r: DeviceResponse = serde_json::from_value(v).unwrap();
    assert_eq!(r.device.unwrap().phone(), "4085551212");
}

#[test]
fn get_all_labels_example() {
    // <label id="-3"><name>iOS</name><description>Label for all iOS devices.</description>
    // <staticLabel>false</staticLabel><query>"common.platform"="iOS" AND "common.retired"=false</query>
    // <deviceCount>3</deviceCount><isESSearch>116</isESSearch></label>
    let v = json!({"messages": {"message": ["1 Label (s) returned"]}, "labels": {"label": {
        "id": -3, "name": "iOS", "description": "Label for all iOS devices.", "staticLabel": false,
        "query": "\"common.platform\"=\"iOS\" AND \"common.retired\"=false", "deviceCount": 3, "isESSearch": 116
    }}});
    let r: LabelListResponse = serde_json::from_value(v).unwrap();
    let l = &r.labels.items[0];
    assert_eq!(
        (l.id, l.name.as_str(), l.device_count, l.static_label),
        (-3, "iOS", 3, false)
    );
    assert_eq!(l.is_es_search, Some(116));
}

#[test]
fn round_trip_keeps_the_documented_shape() {
    let r: DeviceListResponse = serde_json::from_value(guide_device_list_example()).unwrap();
    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(
        out["devices"]["device"][0]["details"][0]["entry"][2]["key"],
        "Client_version"
    );
    assert_eq!(out["messages"]["message"][0], "212 Device(s) returned");
    assert_eq!(
        out["devices"]["device"][0]["userUUID"],
        "de398fcb-a3a4-412c-a1dd-9be8bd46e728"
    );
    let back: DeviceListResponse = serde_json::from_value(out).unwrap();
    assert_eq!(back, r);
}

#[test]
fn total_count_hint_reads_the_count_before_the_devices() {
    // The guide's list example (V1 guide, "Get Devices by Status") has `messages` then `devices`
    // and no count; answers with `totalCount` (404 bodies read by PacketFence, digest
    // `epmm-v1-api.md`, "1.5 Response formats and XML roots"; mock-server's lists) give it before
    // the devices. No count, or one after the array, only means no hint.
    let head = br#"{"messages":{"message":["80018 Device(s) returned"]},"totalCount" : 80018,"devices":{"device":["#;
    assert_eq!(total_count_hint(head, 200_000), Some(80_018));
    assert_eq!(total_count_hint(head, 1_000), Some(1_000));
    assert_eq!(
        total_count_hint(br#"{"totalCount":"12","devices":{"device":["#, 9),
        None
    );
    assert_eq!(total_count_hint(br#"{"devices":{"device":["#, 9), None);
    assert_eq!(
        total_count_hint(br#"{"totalCount":99999999999999999999999,"#, 9),
        None
    );
}
