//! The guide's own samples (the CPS guide), each test named after its section. Only the syntax of
//! broken samples is fixed, and each fix is said where it is made: the PDF text breaks long strings
//! across lines (joined again here), and some samples lack a comma or an enclosing array (CPS
//! guide, "Example list of devices"; the digest `cps-and-uem-api.md` lists them in "4.1 CPS
//! guide").

use super::*;
use serde_json::json;

fn parse<T: serde::de::DeserializeOwned>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{e}: {s}"))
}

#[test]
fn limitations_aw_23186_ldap_keys_differ_in_case_between_the_products() {
    // "Ivanti Neurons for MDM response" and "Ivanti EPMM response" (CPS guide, "Limitations").
    let inm: SearchResults<User> = parse(
        r#"{
"searchResults": [
{
"enabled": true,
"createdAt": 1520419288985,
"accountSource": "LDAP",
"displayName": "cloud user",
"emailAddress": "cloud.user@exchce.com",
"firstName": "cloud",
"lastName": "user",
"userId": "cloud.user12@exchce.com",
"userUuid": "a27c1b0e-96f6-4acc-af79-b3af881db1cd",
"ldapCustomAttributes": {
"objectguid":
"\\3f\\21\\d9\\5b\\1c\\ab\\cf\\49\\81\\11\\7a\\fa\\b7\\d2\\ab\\6a",
"userprincipalname": "cloud.user12@exchce.com"
}
}
],
"results": 1,
"offset": 0,
"limit": 50
}"#,
    );
    let epmm: SearchResults<User> = parse(
        r#"{
"searchResults": [
{
"enabled": true,
"createdAt": 1520553600000,
"accountSource": "LDAP",
"displayName": "testuser6771",
"emailAddress": "testuser6771@auto8.mobileiron.com",
"firstName": "testuser6771",
"userId": "testuser6771",
"userUuid": "bff6bf12-72ff-4524-97a0-064cc137f955",
"ldapCustomAttributes": {
"objectGUID": "9a34fe08e8041c47991c5a387efff6bb",
"userPrincipalName": "testuser6771@auto8.mobileiron.com"
}
}
],
"results": 1,
"offset": 0,
"limit": 50
}"#,
    );
    assert_eq!((inm.results, inm.offset, inm.limit), (1, 0, 50));
    let (a, b) = (&inm.search_results[0], &epmm.search_results[0]);
    assert_eq!(a.account_source, Some(AccountSource::Ldap));
    assert_eq!(
        a.ldap_custom("objectGUID"),
        Some(r"\3f\21\d9\5b\1c\ab\cf\49\81\11\7a\fa\b7\d2\ab\6a")
    );
    assert_eq!(
        b.ldap_custom("objectguid"),
        Some("9a34fe08e8041c47991c5a387efff6bb")
    );
    assert_eq!(a.ldap_custom("UserPrincipalName"), a.user_id.as_deref());
    assert_eq!(b.last_name, None);
}

#[test]
fn getting_event_subscription_metadata_both_products() {
    // Topic strings broken across lines by the PDF are joined again.
    let inm: EventMetadata = parse(
        r#"{
"topics": {
"device_profile_inventory_update": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/profile_inventory",
"device_cert_inventory_update": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/cert_inventory",
"device_compliant": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/compliant",
"device_check_in": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/check_in",
"device_app_inventory_update": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/app_inventory",
"device_wiped": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/wiped",
"device_not_compliant": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/not_compliant",
"device_enrolled": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/enrolled",
"device_retired": "18ccc64c-66e4-4e27-8bd6-9acc9c8d0224/device/retired"
},
"retentionPeriodMinutes": 180
}"#,
    );
    let epmm: EventMetadata = parse(
        r#"{
"topics": {
"device_not_compliant": "device/not_compliant",
"device_compliant": "device/compliant",
"device_retired": "device/retired",
"device_enrolled": "device/enrolled",
"device_app_inventory_update": "device/app_inventory",
"device_profile_inventory_update": "device/profile_inventory",
"device_cert_inventory_update": "device/cert_inventory",
"device_wiped": "device/wiped",
"device_check_in": "device/check_in"
},
"retentionPeriodMinutes": 180
}"#,
    );
    assert_eq!(inm.topics.len(), 9);
    assert_eq!(
        inm.topics.keys().collect::<Vec<_>>(),
        epmm.topics.keys().collect::<Vec<_>>()
    );
    assert_eq!(epmm.topics["device_check_in"], "device/check_in");
    assert_eq!(epmm.retention_period_minutes, Some(180));
}

#[test]
fn example_device_event_messages_app_install_and_retire() {
    let install: DeviceEvent = parse(
        r#"{
"timestamp": 1582796173229,
"eventType": "device.app_inventory",
"devices": [
{
"compliant": true,
"quarantined": false,
"blocked": false,
"compromised": false,
"status": "ACTIVE",
"lastCheckInTime": 1582796171062,
"registrationTime": 1582608427870,
"identifier": "f2e01873c6d96d87f1a34ff72e0e4143e42ee089",
"macAddress": "74:81:14:d6:f5:b7",
"manufacturer": "Apple Inc.",
"model": "iPad5,3",
"os": "IOS",
"osVersion": "12.2",
"serialNumber": "DMPPK6YVG5VT",
"userId": "rc@mi.com",
"userUuid": "5159964d-95a7-466f-9677-1b90877f045f",
"iosUdid": "f2e01873c6d96d87f1a34ff72e0e4143e42ee089",
"deviceGuid": "1d71e131-0487-4d1d-9a0d-89f2bd1a888d"
}
]
}"#,
    );
    let d = &install.devices[0];
    assert_eq!(install.event_type.as_deref(), Some("device.app_inventory"));
    assert_eq!(d.status, Some(DeviceStatus::Active));
    assert_eq!(d.os, Some(DevicePlatform::Ios));
    assert_eq!(d.blocked, Some(false));
    assert_eq!(d.identifier, d.ios_udid);
    // The retire example leaves `blocked` out (CPS guide, "Example Device Event messages": "Device
    // retire"): absent, not false.
    let retire: DeviceEvent = parse(
        r#"{
"timestamp": 1582796293479,
"eventType": "device.retired",
"devices": [
{
"compliant": true,
"quarantined": false,
"compromised": false,
"status": "RETIRED",
"lastCheckInTime": 1582796291883,
"registrationTime": 1582608427870,
"identifier": "f2e01873c6d96d87f1a34ff72e0e4143e42ee089",
"macAddress": "74:81:14:d6:f5:b7",
"manufacturer": "Apple Inc.",
"model": "iPad5,3",
"os": "IOS",
"osVersion": "12.2",
"serialNumber": "DMPPK6YVG5VT",
"userId": "rc@mi.com",
"userUuid": "5159964d-95a7-466f-9677-1b90877f045f",
"iosUdid": "f2e01873c6d96d87f1a34ff72e0e4143e42ee089",
"deviceGuid": "1d71e131-0487-4d1d-9a0d-89f2bd1a888d"
}
]
}"#,
    );
    assert_eq!(retire.devices[0].status, Some(DeviceStatus::Retired));
    assert_eq!(retire.devices[0].blocked, None);
}

#[test]
fn common_items_example_list_of_devices() {
    // Fixed: the comma after `"imei": "35 2342342342345 64 1"` and the enclosing `[ ]`.
    let devices: Vec<Device> = parse(
        r#"[{
"compliant":true,
"quarantined": false,
"compromised": false,
"status":"ACTIVE",
"lastCheckInTime":1469176919585,
"registrationTime":1466449519230,
"identifier":"24f048d3ec2b1d9f97921588f114b7f1fea9da35b685750bd072b395ba716",
"imei": "35 2342342342345 64 1",
"macAddress":"08:d4:2b:1f:1b:2a",
"manufacturer":"samsung",
"model":"Nexus 10",
"os":"ANDROID",
"osVersion":"5.1.1",
"serialNumber": "F123431WN123",
"userId":"e@m.d",
"userUuid":"96bd909c-25f8-4434-b243-470e5ebcfb6e",
"custom attribute 1":"custom attribute value",
"custom attribute 2":"custom attribute value"
},
{
"compliant": true,
"quarantined": false,
"compromised": false,
"status": "RETIRED",
"lastCheckInTime": 1493723182655,
"registrationTime": 1493712801136,
"identifier": "b9a0d7d05fb4204f52264f805932526b848ca61d",
"imei": "35 377808 345646 1",
"manufacturer": "Apple Inc.",
"model": "iPhone9,3",
"os": "IOS",
"osVersion": "10.2.1",
"serialNumber": "F17ST4356HG7F",
"userId": "sk@mi.com",
"userUuid": "7d191915-28d1-444563-bec8-456",
"iosUdid": "b9a0d7d05fb4563456f805932526b848ca61d"
}]"#,
    );
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0].os, Some(DevicePlatform::Android));
    assert_eq!(devices[0].imei.as_deref(), Some("35 2342342342345 64 1"));
    // Top-level custom attributes are unknown fields to the reader (see the module docs).
    assert_eq!(devices[0].custom_attributes, None);
    assert_eq!(devices[1].mac_address, None);
    // The sample's non-UUID userUuid (CPS guide, "Example list of devices") is kept as text.
    assert_eq!(
        devices[1].user_uuid.as_deref(),
        Some("7d191915-28d1-444563-bec8-456")
    );
}

#[test]
fn common_items_number_result_and_update_attributes() {
    let n: NumberResult = parse(r#"{ "result": 2 }"#);
    assert_eq!(n.result, 2);
    let u: UpdateAttributesRequest = parse(
        r#"{
"identifiers": [
"id-1",
"id-2"
],
"attributes": {
"key": "value"
}
}"#,
    );
    assert_eq!(u.target.identifiers, ["id-1", "id-2"]);
    assert_eq!(u.target.identifier_type, None);
    assert_eq!(u.attributes["key"], json!("value"));
    // "List of devices format": the PDF broke the line inside the key (joined again).
    let l: IdentifierRequest = parse(
        r#"{"
identifiers":["mdm-id-1", "mdm-id-2"]
}"#
        .replace("\"\n", "\"")
        .as_str(),
    );
    assert_eq!(l.identifiers, ["mdm-id-1", "mdm-id-2"]);
}

#[test]
fn get_application_inventory_example_response() {
    let apps: Vec<DeviceApplications> = parse(
        r#"[
{
"deviceMdmId": "e428c618933372785b0641d053c562021ef9cd49",
"applications": [
{
"identifier": "com.apple.Keynote",
"name": "Keynote",
"version": "5.2.1",
"managed": false,
"source": "UNKNOWN_APP_TYPE",
"adHocCodeSigned": false,
"appStoreVendable": true,
"betaApp": false,
"deviceBasedVPP": false,
"externalVersionIdentifier": 832990878,
"updateAvailable": false,
"installing": false,
"validated": true,
"shortVersion": "5.2.1",
"bundleVersion": "6733"
},
{
"identifier": "com.apple.Numbers",
"name": "Numbers",
"version": "5.2.1",
"managed": false,
"source": "UNKNOWN_APP_TYPE",
"adHocCodeSigned": false,
"appStoreVendable": true,
"betaApp": false,
"deviceBasedVPP": false,
"externalVersionIdentifier": 832990870,
"updateAvailable": false,
"installing": false,
"validated": true,
"shortVersion": "5.2.1",
"bundleVersion": "6733"
}
]
}
]"#,
    );
    let a = &apps[0].applications[0];
    assert_eq!(a.external_version_identifier, Some(832_990_878));
    assert_eq!(a.device_based_vpp, Some(false));
    assert_eq!(a.bundle_version.as_deref(), Some("6733"));
    // Written back: same field names, false flags kept.
    let out = serde_json::to_value(a).unwrap();
    assert_eq!(out["deviceBasedVPP"], json!(false));
    assert_eq!(out["externalVersionIdentifier"], json!(832_990_878));
    assert_eq!(out.as_object().unwrap().len(), 15);
}

#[test]
fn get_certificate_inventory_thumbprint_spellings() {
    // The Go Daddy issuer and subject are joined where the PDF broke the line.
    let certs: Vec<DeviceCertificates> = parse(
        r#"[
{
"deviceMdmId": "1cdacac686e39dd367a47f2286be436df0a37433",
"certificates": [
{
"identity": true,
"notAfter": 1812011724000,
"notBefore": 1496740310000,
"issuer": "CN=ppp819.auto.acme.com,OU=iOSMDMCA,UID=1496738424913",
"serialNumber": "1017",
"subject": "CN=1cdacac686e39dd367a47f2286be436df0a37433",
"thumbPrint": "BF0670CFC5B548D5837E9D078F4617D296C9577E"
},
{
"identity": false,
"notAfter": 2035213580000,
"notBefore": 1088528780000,
"issuer": "C=US,O=The Go Daddy Group\\, Inc.,OU=Go Daddy Class 2 Certification Authority",
"serialNumber": "0",
"subject": "C=US,O=The Go Daddy Group\\, Inc.,OU=Go Daddy Class 2 Certification Authority",
"thumbPrint": "2796BAE63F1801E277261BA0D77770028F20EEE4"
}
]
}
]"#,
    );
    let c = &certs[0].certificates;
    assert_eq!(c.len(), 2);
    assert_eq!(
        c[0].thumbprint.as_deref(),
        Some("BF0670CFC5B548D5837E9D078F4617D296C9577E")
    );
    assert_eq!(
        c[1].issuer.as_deref().map(|s| s.contains("Go Daddy")),
        Some(true)
    );
    // The object model's spelling reads too; the examples' spelling is written.
    let lower: Certificate = parse(r#"{"thumbprint": "AB"}"#);
    assert_eq!(lower.thumbprint.as_deref(), Some("AB"));
    assert_eq!(
        serde_json::to_value(&lower).unwrap(),
        json!({"thumbPrint": "AB"})
    );
}

#[test]
fn get_profile_inventory_example_response() {
    // Descriptions joined where the PDF broke the line.
    let p: Vec<DeviceProfiles> = parse(
        r#"[
{
"deviceMdmId": "8bfb639c2676ed8c4d55c8962773698fe2e04cd4",
"profiles": [
{
"encrypted": true,
"hasRemovalPasscode": false,
"managed": true,
"removalDisallowed": true,
"description": "Access the Apple App Catalog via this Web Clip.",
"displayName": "Apple App Catalog",
"identifier": "mi.webclip.35016.0",
"organization": "acme, Inc.",
"uuid": "e45473ff-bc98-4041-a220-94019fd2b9d9",
"version": "1"
},
{
"encrypted": true,
"hasRemovalPasscode": false,
"managed": false,
"removalDisallowed": false,
"description": "The top-level MDM payload containing the MDM profile, the identities and the trust certificates necessary to MDM-manage this device.",
"displayName": "Root MDM Profile",
"identifier": "com.acme.polaris.mdm",
"organization": "acme, Inc.",
"uuid": "3cdac85c-d56d-4d75-835c-dce062d66c9e",
"version": "1"
}
]
}
]"#,
    );
    let profiles = &p[0].profiles;
    assert_eq!(
        profiles[0].identifier.as_deref(),
        Some("mi.webclip.35016.0")
    );
    assert_eq!(profiles[1].managed, Some(false));
    // Encrypted: no content.
    assert!(profiles.iter().all(|x| x.content.is_none()));
}

#[test]
fn get_device_attributes_metadata_example_response() {
    let m: Vec<MetadataItem> = parse(
        r#"[
{ "name": "compliant", "dataType": "boolean", "readOnly": true },
{ "name": "status", "dataType": "devicestatus", "readOnly": true },
{ "name": "lastCheckInTime", "dataType": "long", "readOnly": true },
{ "name": "macAddress", "dataType": "string", "readOnly": true },
{ "name": "os", "dataType": "deviceplatform", "readOnly": true },
{ "name": "userId", "dataType": "string", "readOnly": true },
{ "name": "userUuid", "dataType": "string", "readOnly": true },
{ "name": "custom_device_attribute_1", "dataType": "string", "readOnly": false },
{ "name": "custom_device_attribute_2", "dataType": "string", "readOnly": false }
]"#,
    );
    let writable: Vec<&str> = m
        .iter()
        .filter(|i| i.writable())
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(
        writable,
        ["custom_device_attribute_1", "custom_device_attribute_2"]
    );
}

#[test]
fn get_devices_by_mdm_or_deviceguid_identifiers_example() {
    // The example request has no identifierType although the table calls it Required.
    let req: IdentifierRequest =
        parse(r#"{ "identifiers":["dbccbe70-7499-4676-88b0-a6d5d298752e"] }"#);
    assert_eq!(req.identifier_type, None);
    let req: IdentifierRequest =
        parse(r#"{ "identifierType":"GUID", "identifiers":["deviceGuid-1", "deviceGuid-2"] }"#);
    assert_eq!(req.identifier_type, Some(IdentifierType::Guid));
    let d: Vec<Device> = parse(
        r#"[
{
"compliant": true,
"quarantined": false,
"blocked": false,
"compromised": false,
"status": "ACTIVE",
"lastCheckInTime": 1581229664468,
"registrationTime": 1581229603492,
"identifier": "d0838fa7ba1ee023c9ece9192589088325d7aa08",
"macAddress": "8c:fe:57:b3:53:96",
"manufacturer": "Apple Inc.",
"model": "iPad7,5",
"os": "IOS",
"osVersion": "13.3",
"serialNumber": "GG7XP285JMVT",
"userId": "b2@m.com",
"userUuid": "b8e7fea0-4730-4bc5-a089-cfd631078b9e",
"iosUdid": "d0838fa7ba1ee023c9ece9192589088325d7aa08",
"ownership": "UNKNOWN",
"deviceGuid": "dbccbe70-7499-4676-88b0-a6d5d298752e"
}
]"#,
    );
    assert_eq!(d[0].ownership, Some(Ownership::Unknown));
    assert_eq!(
        d[0].device_guid.as_deref(),
        Some("dbccbe70-7499-4676-88b0-a6d5d298752e")
    );
    assert_eq!(d[0].last_check_in_time, Some(1_581_229_664_468));
}

#[test]
fn search_devices_by_device_group_identifier_example() {
    let r: SearchResults<Device> = parse(
        r#"{
"searchResults": [
{
"compliant": true,
"quarantined": false,
"blocked": false,
"compromised": false,
"status": "ACTIVE",
"lastCheckInTime": 1516619820303,
"registrationTime": 1516619792690,
"identifier": "f4aadce56d25edffggh4958484brr1c35f6b6d5",
"imei": "6733284512443420",
"macAddress": "fa:c6:7b:0f:eb:ff",
"manufacturer": "Apple Inc.",
"model": "iPhone6,1",
"os": "IOS",
"osVersion": "10.1",
"phoneNumber": "7171046951",
"serialNumber": "d028d4db2162",
"userId": "testuser@auto.automation.com",
"userUuid": "047rdee6-31c1-4e55a-898d-97de620d5f22",
"iosUdid": "f4aadce56d25edffggh4958484brr1c35f6b6d5",
"ownership": "UNKNOWN",
"customAttributes": {
"nacCompliant": "false"
}
}
],
"results": 1,
"offset": 0,
"limit": 50
}"#,
    );
    assert_eq!(r.results, 1);
    let d = &r.search_results[0];
    assert_eq!(d.custom_attribute("NACCOMPLIANT"), Some("false"));
    assert_eq!(d.phone_number.as_deref(), Some("7171046951"));
}

#[test]
fn get_device_location_details_coordinates_are_strings() {
    let l: Vec<DeviceLocation> = parse(
        r#"[
{ "deviceMdmId": "id-1", "lastCaptured": 1525260287000,
  "location": { "latitude": "-6.446318", "longitude": "8.305312" } },
{ "deviceMdmId": "id-2", "lastCaptured": 1525260287000,
  "location": { "latitude": "5.178482", "longitude": "240.943423" } }
]"#,
    );
    assert_eq!(
        l[0].location.as_ref().and_then(LatLong::degrees),
        Some((-6.446318, 8.305312))
    );
    // Numbers read as well.
    let n: DeviceLocation = parse(r#"{"location": {"latitude": 1.5, "longitude": -2}}"#);
    assert_eq!(n.location.and_then(|l| l.degrees()), Some((1.5, -2.0)));
}

#[test]
fn manage_device_settings_ios_only_requests() {
    let on: SettingsRequest = parse(
        r#"{
"identifiers": [
"b9a0d7d05fb4204f52264f805932526b848ca61d"
],
"settings": {
"type": "PERSONAL_HOTSPOT",
"value": {
"enabled": true
}
}
}"#,
    );
    let s = on.settings.unwrap();
    assert_eq!(s.kind, Some(SettingsType::PersonalHotspot));
    assert_eq!(s.value.and_then(|v| v.enabled), Some(true));
    // The parameter table's "value … Can be: true false" form reads too.
    for v in [json!(false), json!("false"), json!({"enabled": "false"})] {
        let r: SettingsRequest = serde_json::from_value(
            json!({"identifiers": ["x"], "settings": {"type": "data_roaming", "value": v}}),
        )
        .unwrap();
        let s = r.settings.unwrap();
        assert_eq!(s.kind, Some(SettingsType::DataRoaming));
        assert_eq!(s.value.and_then(|v| v.enabled), Some(false));
    }
    assert_eq!(
        serde_json::to_value(SettingValue {
            enabled: Some(false)
        })
        .unwrap(),
        json!({"enabled": false})
    );
}

#[test]
fn get_device_settings_ios_only_request_and_answers() {
    let req: GetSettingsRequest = parse(
        r#"{
"settingsType": "DATA_ROAMING",
"identifiers": [
"b9a0d7d05fb4204f52264f805932526b848ca61d",
"a9a0d7d05fb4204f52264f805932526b848ca61d"
]
}"#,
    );
    assert_eq!(req.settings_type, Some(SettingsType::DataRoaming));
    assert_eq!(req.target.identifiers.len(), 2);
    let res = DeviceSettings::from_body(
        br#"{
"settings": [
{ "identifier": "b9a0d7d05fb4204f52264f805932526b848ca61d",
  "settings": { "type": "DATA_ROAMING", "value": { "enabled": false } } },
{ "identifier": "a9a0d7d05fb4204f52264f805932526b848ca61d",
  "settings": { "type": "DATA_ROAMING", "value": { "enabled": true } } }
]
}"#,
    )
    .unwrap();
    let enabled: Vec<Option<bool>> = res
        .settings
        .iter()
        .map(|s| {
            s.settings
                .as_ref()
                .and_then(|x| x.value)
                .and_then(|v| v.enabled)
        })
        .collect();
    assert_eq!(enabled, [Some(false), Some(true)]);
    // "In case all the identifiers are invalid, then response code will still be 200, with an
    // empty response body."
    assert!(DeviceSettings::from_body(b"").unwrap().settings.is_empty());
}

#[test]
fn check_in_for_threat_response_matrix_update_url_spellings() {
    // The example payload says "URL", the parameter table `url`.
    let r: MtdRequest = parse(
        r#"{
"command": "CHECKIN",
"URL": "http://example.com/example",
"identifiers": [
"mdm-id-1",
"mdm-id-2"
]
}"#,
    );
    assert_eq!(r.command, Some(MtdCommand::Checkin));
    assert_eq!(r.url.as_deref(), Some("http://example.com/example"));
    assert_eq!(r.target.identifiers.len(), 2);
    let r: MtdRequest = parse(r#"{"command": "checkin", "url": "u", "identifiers": "one"}"#);
    assert_eq!(
        (r.command, r.url.as_deref(), r.target.identifiers),
        (
            Some(MtdCommand::Checkin),
            Some("u"),
            vec!["one".to_string()]
        )
    );
}

#[test]
fn get_all_device_groups_and_groups_of_devices() {
    let all: SearchResults<Rule> = parse(
        r#"{
"searchResults": [
{ "id": 38089, "name": "rule1", "description": "Rule 1 Description",
  "definition": "PLATFORMTYPE EQ 'IOS'" },
{ "id": 38090, "name": "rule2", "description": "Rule 2 Description",
  "definition": "PLATFORMTYPE EQ 'IOS'" }
],
"results": 2,
"offset": 0,
"limit": 10
}"#,
    );
    assert_eq!((all.results, all.limit), (2, 10));
    assert_eq!(all.search_results[1].id, Some(38090));
    let by_device: RulesByDevice = parse(
        r#"{
"errors": null,
"result": [
{
"deviceGuid": "6b8df48e-7778-4a33-97e4-1cc6b39de61c",
"rules": [
{ "id": 51173, "name": "jk Sandbox User Group", "definition": "DISPLAYNAME EQ 'jk Sandbox User'" },
{ "id": 390113, "name": "test#2", "definition": "CURRENTMCC NEQ 'test#'" },
{ "id": 361609, "name": "Bozo", "definition": "UNLOCK_TOKEN EQ 'TRUE'" },
{ "id": 40165, "name": "All Devices", "description": "Targets any type of device." },
{ "id": 118493, "name": "current country", "definition": "CURRENTCOUNTRYNAME EQ 'United States'" },
{ "id": 40167, "name": "iOS Devices", "description": "Targets all iOS devices",
  "definition": "PLATFORMTYPE EQ 'IOS'" }
]
}
]
}"#,
    );
    let rules = &by_device.result[0].rules;
    assert_eq!(rules.len(), 6);
    assert_eq!(rules[3].definition, None);
    // `errors` is written as the guide shows it.
    let out = serde_json::to_value(RulesByDevice::default()).unwrap();
    assert_eq!(out, json!({"errors": null, "result": []}));
    let one: Rule = parse(
        r#"{ "id": 38089, "name": "rule1", "description": "Rule 1 Description",
             "definition": "PLATFORMTYPE EQ 'IOS'" }"#,
    );
    assert_eq!(one.name.as_deref(), Some("rule1"));
}

#[test]
fn get_user_attributes_metadata_example_response() {
    let m: Vec<MetadataItem> = parse(
        r#"[
{ "name": "enabled", "dataType": "boolean", "readOnly": true },
{ "name": "createdAt", "dataType": "long", "readOnly": true },
{ "name": "accountSource", "dataType": "string", "readOnly": true },
{ "name": "displayName", "dataType": "string", "readOnly": true },
{ "name": "emailAddress", "dataType": "string", "readOnly": true },
{ "name": "firstName", "dataType": "string", "readOnly": true },
{ "name": "lastName", "dataType": "string", "readOnly": true },
{ "name": "userId", "dataType": "string", "readOnly": true },
{ "name": "userUuid", "dataType": "string", "readOnly": true },
{ "name": "customAttributes", "dataType": "map", "readOnly": true },
{ "name": "ldapCustomAttributes", "dataType": "map", "readOnly": true },
{ "dataType": "map", "name": "ldapStandardAttributes", "readOnly": true },
{ "name": "ios", "dataType": "string", "readOnly": false },
{ "name": "site", "dataType": "string", "readOnly": false }
]"#,
    );
    assert_eq!(m.len(), 14);
    assert_eq!(m[11].name, "ldapStandardAttributes");
    assert_eq!(m.iter().filter(|i| i.writable()).count(), 2);
}

#[test]
fn search_users_by_guid_examples() {
    let local: SearchResults<User> = parse(
        r#"{
"searchResults": [
{
"enabled": true,
"createdAt": 1580812767902,
"accountSource": "LOCAL",
"displayName": "John Doe",
"emailAddress": "admin@acme.com",
"firstName": "John",
"lastName": "Doe",
"userId": "admin@acme.com",
"userUuid": "dd8b7006-2780-49c1-9b03-f85aa57c9da4",
"guid": "dd8b7006-2780-49c1-9b03-f85aa57c9da4"
}
],
"results": 1,
"offset": 0,
"limit": 50
}"#,
    );
    let u = &local.search_results[0];
    assert_eq!(u.guid, u.user_uuid);
    // Fixed: the comma missing after `"ldapStandardAttributes": {…}`.
    let ldap: SearchResults<User> = parse(
        r#"{
"limit": 50,
"offset": 0,
"results": 1,
"searchResults": [
{
"accountSource": "LDAP",
"createdAt": 1500444347689,
"displayName": "Fred A",
"emailAddress": "Freda@auto8.mobileiron.com",
"enabled": true,
"firstName": "Fred",
"ldapCustomAttributes": {
"lastlogontimestamp": "131516814255658414",
"mailnickname": "Fred",
"mdbusedefaults": "TRUE",
"msexchmailboxguid": "k\ufffd\ufffdVt\ufffdN\ufffd\ufffdS)\u289e=",
"msexchrecipientdisplaytype": "1073741824",
"msexchwhenmailboxcreated": "20140407185418.0Z"
},
"ldapStandardAttributes": {
"distinguishedName": "foo",
"samAccountName": "bar",
"userPrincipalName": "baz"
},
"userId": "Freda@auto8.mobileiron.com",
"userUuid": "a3343fd0-c1f2-424f-a993-83b951c94246",
"guid": "dd8b7006-2780-49c1-9b03-f85aa57c9da4"
}
]
}"#,
    );
    let f = &ldap.search_results[0];
    assert_eq!(
        f.ldap_standard_attributes.as_ref().unwrap()["samAccountName"],
        "bar"
    );
    assert_eq!(f.ldap_custom("MailNickName"), Some("Fred"));
    assert_ne!(
        f.guid, f.user_uuid,
        "the guide's LDAP example (CPS guide, 'Search users by GUID')"
    );
}

#[test]
fn search_users_by_user_id_local_example() {
    let r: SearchResults<User> = parse(
        r#"{
"searchResults": [
{ "enabled": true, "createdAt": 1466202626423, "accountSource": "LOCAL", "displayName": "JGB",
  "emailAddress": "abc@mobileiron.com", "firstName": "Josh", "lastName": "Brit",
  "userId": "abc@mobileiron.com", "userUuid": "0aed8d85-6dfd-40ac-b3b5-82f629e3c168" },
{ "enabled": true, "createdAt": 1466525975950, "accountSource": "LOCAL",
  "displayName": "Bob Tarris", "emailAddress": "btarris@mobileiron.com", "firstName": "Bob",
  "lastName": "Tarris", "userId": "btarris@mobileiron.com",
  "userUuid": "b7149c70-30ef-4b88-b8f3-18ec273e8c80" },
{ "enabled": true, "createdAt": 1467161380058, "accountSource": "LOCAL",
  "displayName": "test user", "emailAddress": "test@mob.dev", "firstName": "test",
  "lastName": "user", "userId": "test@mob.dev",
  "userUuid": "e0ad3de5-2390-4bb3-afdf-acfa9838503b", "custom_user": "from rest 2" }
],
"results": 3,
"offset": 0,
"limit": 10
}"#,
    );
    assert_eq!(r.results as usize, r.search_results.len());
    assert_eq!(r.search_results[2].custom_attributes, None);
}

#[test]
fn app_catalog_example_responses_both_platform_spellings() {
    let r: SearchResults<AppCatalogApp> = parse(
        r#"{
"searchResults": [
{ "name": "Google Photos", "platformType": "Android", "version": "2019.02.19",
  "identifier": "com.google.android.apps.photos", "createdAt": 1550659389308 },
{ "name": "Facebook", "platformType": "iOS", "version": "208.0",
  "identifier": "com.facebook.Facebook", "createdAt": 1550659372336 },
{ "name": "Windows Scan", "platformType": "Windows",
  "identifier": "Microsoft.WindowsScan_8wekyb3d8bbwe", "createdAt": 1550659437232 },
{ "name": "MAC Address Scan", "platformType": "Mac OS X", "version": "2.6.9",
  "identifier": "com.Dandelion.MACAddressScan", "createdAt": 1550659454097 }
],
"results": 4,
"offset": 0,
"limit": 50
}"#,
    );
    let platforms: Vec<AppPlatform> = r.search_results.iter().map(|a| a.platform()).collect();
    assert_eq!(
        platforms,
        [
            AppPlatform::Android,
            AppPlatform::Ios,
            AppPlatform::Windows,
            AppPlatform::Osx
        ]
    );
    for p in AppPlatform::ALL {
        assert_eq!(AppPlatform::parse(p.as_str()), Some(*p));
        if *p != AppPlatform::Unknown {
            assert_eq!(AppPlatform::parse(p.display()), Some(*p));
        }
    }
    // In-house: one app shown with "results": 11 (CPS guide, "Get application inventory" of the App
    // Catalog APIs: "In-house app response"); read as sent.
    let inhouse: SearchResults<AppCatalogApp> = parse(
        r#"{
"searchResults": [
{ "name": "HAC-Extension", "platformType": "iOS", "version": "1.4.2.0.0.17",
  "identifier": "com.mobileiron.enterprise.HAC-Extension", "buildNumber": "1.4.2.0.0.17",
  "createdAt": 1550660326185 }
],
"results": 11,
"offset": 0,
"limit": 50
}"#,
    );
    assert_eq!(inhouse.results, 11);
    assert_eq!(
        inhouse.search_results[0].build_number.as_deref(),
        Some("1.4.2.0.0.17")
    );
}

#[test]
fn metadata_apis_version_registration_app_and_certificate_metadata() {
    let v: Version = parse(r#"{ "minorVersion": "1.0.0" }"#);
    assert_eq!(v.minor_version.as_deref(), Some("1.0.0"));
    let r: Registration = parse(r#"{ "registrationUrl": "https:<Ivanti EPMM host>/go" }"#);
    assert!(r.registration_url.unwrap().ends_with("/go"));
    let apps: Vec<MetadataItem> = parse(
        r#"[ { "name": "identifier", "dataType": "string", "readOnly": true },
             { "name": "name", "dataType": "string", "readOnly": true },
             { "name": "version", "dataType": "string", "readOnly": true } ]"#,
    );
    assert_eq!(apps.len(), 3);
    let certs: Vec<MetadataItem> = parse(
        r#"[ { "name": "identity", "dataType": "boolean", "readOnly": true },
             { "name": "notAfter", "dataType": "long", "readOnly": true },
             { "name": "notBefore", "dataType": "long", "readOnly": true },
             { "name": "issuer", "dataType": "string", "readOnly": true },
             { "name": "serialNumber", "dataType": "string", "readOnly": true },
             { "name": "subject", "dataType": "string", "readOnly": true },
             { "name": "thumbPrint", "dataType": "string", "readOnly": true } ]"#,
    );
    assert_eq!(certs[6].name, "thumbPrint");
}

#[test]
fn pulling_data_sparse_output_keeps_false_flags() {
    // "API calls only return properties that have a value" (CPS guide, "Pulling data").
    let d = Device {
        compliant: Some(false),
        blocked: Some(false),
        status: Some(DeviceStatus::WipeSent),
        device_guid: Some("g".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!({"compliant": false, "blocked": false, "status": "WIPE_SENT", "deviceGuid": "g"})
    );
    assert_eq!(serde_json::to_string(&Device::default()).unwrap(), "{}");
}

#[test]
fn object_models_tolerant_reader() {
    // "Do not perform strict type checking" (CPS guide, "Object models"): unknown fields and
    // enum values, scalars in the other type, lower-case enums.
    let d: Device = parse(
        r#"{"status": "quarantine_pending", "os": "tvos", "ownership": "employee",
            "compliant": "true", "lastCheckInTime": "1700000000000", "serialNumber": 12345,
            "brandNewField": {"x": [1, 2]}}"#,
    );
    assert_eq!(d.status, Some(DeviceStatus::Unknown));
    assert_eq!(d.os, Some(DevicePlatform::Unknown));
    assert_eq!(d.ownership, Some(Ownership::Employee));
    assert_eq!(d.compliant, Some(true));
    assert_eq!(d.last_check_in_time, Some(1_700_000_000_000));
    assert_eq!(d.serial_number.as_deref(), Some("12345"));
    // identifierType: case, the pre-2022 plural, and garbage.
    for (s, want) in [
        ("mdm_identifier", IdentifierType::MdmIdentifier),
        ("MDM_IDENTIFIERS", IdentifierType::MdmIdentifier),
        ("Guid", IdentifierType::Guid),
        ("serial", IdentifierType::Unrecognized),
    ] {
        let r: IdentifierRequest =
            serde_json::from_value(json!({"identifierType": s, "identifiers": []})).unwrap();
        assert_eq!(r.identifier_type, Some(want), "{s}");
    }
    // One identifier as a bare string, nulls as empty.
    let r: IdentifierRequest = parse(r#"{"identifiers": "abc"}"#);
    assert_eq!(r.identifiers, ["abc"]);
    let r: IdentifierRequest = parse(r#"{"identifiers": null}"#);
    assert!(r.identifiers.is_empty());
    let r: UpdateAttributesRequest = parse(r#"{"identifiers": ["a"], "attributes": null}"#);
    assert!(r.attributes.is_empty());
    // Every status writes back as read.
    for s in DeviceStatus::ALL {
        let v = serde_json::to_value(s).unwrap();
        assert_eq!(serde_json::from_value::<DeviceStatus>(v).unwrap(), *s);
    }
}
