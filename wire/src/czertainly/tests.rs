//! The samples of the CZERTAINLY reference ("SCEP Profile Management"), read and written back.

use super::attributes::*;
use super::certificates::*;
use super::scep::*;
use super::*;
use serde_json::{json, Value};

/// The CZERTAINLY reference's response attribute (the detail sample's `issueCertificateAttributes`
/// item).
const RESPONSE_ATTRIBUTE: &str = r#"{ "content": [ { "reference": "string", "data": true } ],
    "uuid": "b11c9be1-b619-4ef5-be1b-a1cd9ef265b7", "name": "Attribute", "label": "Attribute Name",
    "type": "data", "contentType": "string", "version": "v2" }"#;

/// The CZERTAINLY reference's request attribute (the create and edit samples).
const REQUEST_ATTRIBUTE: &str = r#"{ "uuid": "b11c9be1-b619-4ef5-be1b-a1cd9ef265b7", "name": "Attribute",
    "contentType": "string", "content": [ { "reference": "string", "data": true, "contentType": "string" } ],
    "version": "v2" }"#;

/// The CZERTAINLY reference's `CertificateDto` (the detail's `caCertificate` and the CA certificate
/// list item).
fn certificate_sample() -> String {
    format!(
        r#"{{ "uuid": "string", "commonName": "string", "serialNumber": "string",
        "issuerCommonName": "string", "issuerDn": "string", "subjectDn": "string",
        "notBefore": "2019-08-24T14:15:22Z", "notAfter": "2019-08-24T14:15:22Z",
        "publicKeyAlgorithm": "string", "altPublicKeyAlgorithm": "string", "signatureAlgorithm": "string",
        "altSignatureAlgorithm": "string", "hybridCertificate": true, "keySize": 0, "altKeySize": 0,
        "state": "requested", "validationStatus": "not_checked",
        "raProfile": {{ "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "enabled": true, "authorityInstanceUuid": "string" }},
        "fingerprint": "string",
        "groups": [ {{ "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "description": "string",
            "email": "string", "customAttributes": [ {RESPONSE_ATTRIBUTE} ] }} ],
        "owner": "string", "ownerUuid": "string", "certificateType": "X.509", "issuerSerialNumber": "string",
        "complianceStatus": "not_checked", "issuerCertificateUuid": "string", "privateKeyAvailability": true,
        "trustedCa": true, "archived": false }}"#
    )
}

/// The CZERTAINLY reference's detail sample (also the answer of edit and create).
fn detail_sample() -> String {
    format!(
        r#"{{ "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "enabled": true,
        "description": "Sample description",
        "raProfile": {{ "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "enabled": true, "authorityInstanceUuid": "string" }},
        "includeCaCertificate": true, "includeCaCertificateChain": true, "renewThreshold": 30, "enableIntune": true,
        "issueCertificateAttributes": [ {RESPONSE_ATTRIBUTE} ], "customAttributes": [ {RESPONSE_ATTRIBUTE} ],
        "caCertificate": {cert}, "intuneTenant": "string", "intuneApplicationId": "string",
        "certificateAssociations": {{ "ownerUuid": "2f67a69d-7a41-4726-a25d-6a964681865a",
            "groupUuids": [ "497f6eca-6276-4993-bfeb-53cbbbba6f08" ], "customAttributes": [ {RESPONSE_ATTRIBUTE} ] }} }}"#,
        cert = certificate_sample()
    )
}

/// The CZERTAINLY reference's edit sample; the create sample is the same plus `"name": "Profile
/// Name 1"`.
fn edit_sample() -> String {
    format!(
        r#"{{ "description": "Sample description", "raProfileUuid": "6b55de1c-844f-11ec-a8a3-0242ac120002",
        "issueCertificateAttributes": [ {REQUEST_ATTRIBUTE} ], "caCertificateUuid": "string",
        "customAttributes": [ {REQUEST_ATTRIBUTE} ], "renewalThreshold": 0, "includeCaCertificate": false,
        "includeCaCertificateChain": false, "challengePassword": "string", "enableIntune": true,
        "intuneTenant": "string", "intuneApplicationId": "string", "intuneApplicationKey": "string",
        "certificateAssociations": {{ "ownerUuid": "2f67a69d-7a41-4726-a25d-6a964681865a",
            "groupUuids": [ "497f6eca-6276-4993-bfeb-53cbbbba6f08" ], "customAttributes": [ {REQUEST_ATTRIBUTE} ] }} }}"#
    )
}

#[test]
fn list_item_sample_nested_ra_profile() {
    // CZERTAINLY reference, the profile list sample: the RA profile nested.
    let text = r#"[ { "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "enabled": true,
        "description": "Sample description",
        "raProfile": { "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "enabled": true, "authorityInstanceUuid": "string" },
        "includeCaCertificate": true, "includeCaCertificateChain": true, "renewThreshold": 30, "enableIntune": true } ]"#;
    let list: Vec<ScepProfile> = serde_json::from_str(text).unwrap();
    let p = &list[0];
    // The sample's uuid is not hexadecimal (`g`): kept as an opaque string (the same in every
    // sample).
    assert_eq!(p.uuid, "7b55ge1c-844f-11dc-a8a3-0242ac120002");
    assert_eq!(p.renew_threshold, Some(30));
    assert!(p.enabled && p.enable_intune && p.include_ca_certificate);
    let ra = p.ra_profile_ref().unwrap();
    assert_eq!(
        (
            ra.name.as_str(),
            ra.enabled,
            ra.authority_instance_uuid.as_deref()
        ),
        ("Name", Some(true), Some("string"))
    );
    assert_eq!(p.scep_url, None);
    // Written back with the answer's spelling `renewThreshold`, never `renewalThreshold`.
    let back = serde_json::to_value(p).unwrap();
    assert_eq!(back["renewThreshold"], json!(30));
    assert!(back.get("renewalThreshold").is_none());
    assert!(back.get("raProfileUuid").is_none());
}

#[test]
fn list_item_flat_ra_profile_of_earlier_versions() {
    // The earlier platform shape (another platform version, digest `certificates-api.md`, "B.4
    // Schemas"): flat `raProfileName`/`raProfileUuid` and `requireManualApproval`, no
    // `enableIntune`.
    let text = r#"{ "uuid": "c2f685d4-6a3e-11ec-90d6-0242ac120003", "name": "Name", "enabled": false,
        "description": "Sample description", "requireManualApproval": false, "raProfileName": "RA Profile 1",
        "raProfileUuid": "6b55de1c-844f-11ec-a8a3-0242ac120002", "includeCaCertificate": true,
        "includeCaCertificateChain": false, "renewThreshold": null }"#;
    let p: ScepProfile = serde_json::from_str(text).unwrap();
    let ra = p.ra_profile_ref().unwrap();
    assert_eq!(ra.uuid, "6b55de1c-844f-11ec-a8a3-0242ac120002");
    assert_eq!(ra.name, "RA Profile 1");
    assert_eq!(ra.enabled, None);
    assert_eq!(p.require_manual_approval, Some(false));
    assert_eq!(p.renew_threshold, None);
    assert!(!p.enable_intune);
    // No RA profile in either shape.
    let none: ScepProfile = serde_json::from_str(r#"{"uuid":"u","name":"n"}"#).unwrap();
    assert_eq!(none.ra_profile_ref(), None);
}

#[test]
fn detail_sample_and_certificate() {
    let d: ScepProfileDetail = serde_json::from_str(&detail_sample()).unwrap();
    assert_eq!(d.profile.name, "Name");
    assert_eq!(d.profile.renew_threshold, Some(30));
    let a = &d.issue_certificate_attributes[0];
    assert_eq!(a.kind, Some(AttributeType::Data));
    assert_eq!(a.content_type, Some(AttributeContentType::String));
    assert_eq!(a.label.as_deref(), Some("Attribute Name"));
    // `data` is any JSON (`true` with content type `string`, in the CZERTAINLY reference's detail
    // sample).
    assert_eq!(a.content[0].data, Value::Bool(true));
    let c = d.ca_certificate.as_ref().unwrap();
    assert_eq!(c.state, Some(CertificateState::Requested));
    assert_eq!(c.validation_status, Some(ValidationStatus::NotChecked));
    assert_eq!(c.compliance_status, Some(ComplianceStatus::NotChecked));
    assert_eq!(c.certificate_type, Some(CertificateType::X509));
    // ISO-8601 dates: 2019-08-24T14:15:22Z.
    assert_eq!(c.not_before_ms(), Some(1_566_656_122_000));
    assert_eq!(c.groups[0].custom_attributes.len(), 1);
    let assoc = d.certificate_associations.as_ref().unwrap();
    assert_eq!(
        assoc.group_uuids,
        vec!["497f6eca-6276-4993-bfeb-53cbbbba6f08"]
    );
    // Read, written and read again: the same value; no secret appears in the written form.
    let back = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<ScepProfileDetail>(&back).unwrap(), d);
    assert!(!back.contains("challengePassword") && !back.contains("intuneApplicationKey"));
    let list: Vec<Certificate> =
        serde_json::from_str(&format!("[{}]", certificate_sample())).unwrap();
    assert_eq!(list[0], *c);
}

#[test]
fn create_and_edit_request_samples() {
    let edit: ScepProfileEditRequest = serde_json::from_str(&edit_sample()).unwrap();
    assert_eq!(edit.renewal_threshold, Some(0));
    assert_eq!(edit.challenge_password.as_deref(), Some("string"));
    let a = &edit.issue_certificate_attributes[0];
    assert_eq!(
        a.content[0].content_type,
        Some(AttributeContentType::String)
    );
    assert_eq!(a.version.as_deref(), Some(VERSION_V2));
    assert!(!edit.certificate_associations.as_ref().unwrap().is_empty());
    // The create sample is the edit sample plus `name`.
    let mut create: Value = serde_json::from_str(&edit_sample()).unwrap();
    create["name"] = json!("Profile Name 1");
    let create: ScepProfileRequest = serde_json::from_value(create).unwrap();
    assert_eq!(create.name, "Profile Name 1");
    assert_eq!(create.profile, edit);
    let back = serde_json::to_value(&create).unwrap();
    assert_eq!(back["name"], json!("Profile Name 1"));
    assert_eq!(back["renewalThreshold"], json!(0));
    assert!(back.get("renewThreshold").is_none());
}

#[test]
fn renew_threshold_spelling_in_a_request_is_not_read() {
    // `renewThreshold` in answers, `renewalThreshold` in requests (CZERTAINLY reference): a request
    // with the answer's spelling has no threshold (the platform ignores unknown properties).
    let r: ScepProfileEditRequest =
        serde_json::from_str(r#"{"caCertificateUuid":"x","renewThreshold":9}"#).unwrap();
    assert_eq!(r.renewal_threshold, None);
}

#[test]
fn nulls_read_as_defaults() {
    let r: ScepProfileRequest = serde_json::from_str(
        r#"{"name":null,"caCertificateUuid":null,"issueCertificateAttributes":null,"includeCaCertificate":null}"#,
    )
    .unwrap();
    assert_eq!(r.name, "");
    assert_eq!(r.profile.ca_certificate_uuid, "");
    assert!(r.profile.issue_certificate_attributes.is_empty());
    assert!(!r.profile.include_ca_certificate);
}

#[test]
fn detail_to_edit_request_keeps_the_profile_and_leaves_secrets_blank() {
    let d: ScepProfileDetail = serde_json::from_str(&detail_sample()).unwrap();
    let e = d.to_edit_request();
    assert_eq!(
        e.ra_profile_uuid.as_deref(),
        Some("7b55ge1c-844f-11dc-a8a3-0242ac120002")
    );
    assert_eq!(e.ca_certificate_uuid, "string");
    assert_eq!(e.renewal_threshold, Some(30));
    assert_eq!(e.enable_intune, Some(true));
    assert_eq!(e.challenge_password, None);
    assert_eq!(e.intune_application_key, None);
    // Each content item of a request carries the attribute's content type.
    let a = &e.issue_certificate_attributes[0];
    assert_eq!(
        a.content[0].content_type,
        Some(AttributeContentType::String)
    );
    assert_eq!(
        e.certificate_associations.unwrap().owner_uuid.as_deref(),
        Some("2f67a69d-7a41-4726-a25d-6a964681865a")
    );
}

#[test]
fn bulk_and_error_samples() {
    // CZERTAINLY reference: bulk delete / force delete answer, and the error body.
    let failures: Vec<BulkActionMessage> = serde_json::from_str(
        r#"[ { "uuid": "7b55ge1c-844f-11dc-a8a3-0242ac120002", "name": "Name", "message": "Object is associated with other items" } ]"#,
    )
    .unwrap();
    assert_eq!(failures[0].message, "Object is associated with other items");
    let e: ErrorMessage = serde_json::from_str(r#"{ "message": "Error message" }"#).unwrap();
    assert_eq!(e, ErrorMessage::new("Error message"));
    let v: ValidationMessages =
        serde_json::from_str(r#"["Error Message 1","Error Message 2"]"#).unwrap();
    assert_eq!(v.len(), 2);
    // The bulk request body: "SCEP Profile UUIDs".
    let uuids: Vec<String> = serde_json::from_str(
        r#"[ "c2f685d4-6a3e-11ec-90d6-0242ac120003", "b9b09548-a97c-4c6a-a06a-e4ee6fc2da98" ]"#,
    )
    .unwrap();
    assert_eq!(uuids.len(), 2);
}

#[test]
fn open_enums_keep_unknown_values() {
    assert_eq!(
        AttributeContentType::from("INTEGER"),
        AttributeContentType::Integer
    );
    assert_eq!(AttributeContentType::Integer.label(), "Integer number");
    let v: ComplianceStatus = serde_json::from_str(r#""partially_ok""#).unwrap();
    assert_eq!(v, ComplianceStatus::Other("partially_ok".into()));
    assert_eq!(serde_json::to_string(&v).unwrap(), r#""partially_ok""#);
    assert_eq!(
        serde_json::to_string(&CertificateType::X509).unwrap(),
        r#""X.509""#
    );
}

#[test]
fn content_type_accepts_its_data_shape() {
    use AttributeContentType as T;
    let cases: &[(T, Value, bool)] = &[
        (T::String, json!("x"), true),
        (T::String, json!(true), false),
        (T::Integer, json!(365), true),
        (T::Integer, json!(1.5), false),
        (T::Integer, json!(3_000_000_000i64), false),
        (T::Integer, json!("365"), false),
        (T::Float, json!(1.5), true),
        (T::Boolean, json!(false), true),
        (T::Boolean, json!("false"), false),
        (T::Date, json!("2026-11-01"), true),
        (T::Date, json!("2026-13-01"), false),
        (T::Time, json!("23:59:59"), true),
        (T::Time, json!("24:00"), false),
        (T::DateTime, json!("2026-11-01T10:00:00Z"), true),
        (T::DateTime, json!("2026-11-01"), false),
        (T::Secret, json!({"secret": "s"}), true),
        (T::Secret, json!("s"), false),
        (T::Object, json!([1]), true),
        (T::Object, Value::Null, false),
    ];
    for (t, data, ok) in cases {
        assert_eq!(t.accepts(data), *ok, "{t} {data}");
    }
}
