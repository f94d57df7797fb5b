//! The overview's samples, read and written back.

use super::certs::*;
use super::directory::*;
use super::entity::*;
use super::multipart::{self, MediaType};
use super::samples;
use super::*;
use serde_json::{json, Value};

#[test]
fn error_samples_errors() {
    // Overview, "Errors": both sample bodies, read and written back unchanged.
    for text in [
        r#"{"id":"APPLICATION_NOT_FOUND","subStatusCode":113,"message":"Application not found."}"#,
        r#"{"id":"NOT_AUTHORIZED","subStatusCode":403,"message":"Not authorized to complete the request."}"#,
    ] {
        let e: ErrorBody = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
    }
    let e = ErrorBody::new(
        errors::NOT_AUTHORIZED,
        "Not authorized to complete the request.",
    );
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"id":"NOT_AUTHORIZED","subStatusCode":403,"message":"Not authorized to complete the request."})
    );
    assert_eq!(errors::APPLICATION_NOT_FOUND.sub_status_code, 113);
    // Tolerant: a code as a string, no message, an unknown field.
    let e: ErrorBody =
        serde_json::from_str(r#"{"id":"X","subStatusCode":"7","extra":true}"#).unwrap();
    assert_eq!((e.sub_status_code, e.message.as_deref()), (Some(7), None));
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"id":"X","subStatusCode":7})
    );
    assert_eq!(errors::for_status(429), errors::TOO_MANY_REQUESTS);
    assert_eq!(errors::for_status(418), errors::INTERNAL_ERROR);
}

#[test]
fn property_errors_name_their_property() {
    let e = ErrorBody::new(
        errors::INVALID_PROPERTY_VALUE,
        "name: must be at most 64 characters",
    );
    assert_eq!(
        e.property(),
        Some(("name", "must be at most 64 characters"))
    );
    let e = ErrorBody::new(
        errors::MISSING_REQUIRED_PROPERTY,
        "allowedDomains[0].domainName: is required",
    );
    assert_eq!(
        e.property(),
        Some(("allowedDomains[0].domainName", "is required"))
    );
    // Other ids and free text have none.
    let e = ErrorBody::new(errors::NOT_AUTHORIZED, "x: y");
    assert_eq!(e.property(), None);
    let e = ErrorBody::new(errors::INVALID_PROPERTY_VALUE, "The value is bad: yes");
    assert_eq!(e.property(), None);
}

#[test]
fn authorization_request_sample_request_authentication_header() {
    // Overview, "Request Authentication Header".
    let text = samples::AUTHORIZATION_REQUEST;
    let r: AuthorizationRequest = serde_json::from_str(text).unwrap();
    assert_eq!(r, AuthorizationRequest::local("pmorley", "password"));
    assert_eq!(
        base64_decode(r.password.as_deref().unwrap()).unwrap(),
        b"password"
    );
    assert_eq!(base64_decode("cGFzc3dvcmQ"), Some(b"password".to_vec()));
    assert_eq!(base64_decode("not base64!"), None);
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"provider":"LOCAL","username":"pmorley","password":"cGFzc3dvcmQ="})
    );
}

#[test]
fn create_entity_sample_create_update_an_entity() {
    // Overview, "Create/update an entity" (its trailing `...` left out).
    let text = samples::CREATE_ENTITY;
    let e: EntityInstance = serde_json::from_str(text).unwrap();
    assert!(e
        .entity_def_id
        .ends_with(".profile.DynamicsSecurityProfile"));
    assert_eq!(e.entity_instance_id, None);
    assert_eq!(e.settings.len(), 13);
    assert_eq!(e.settings["allPwdExpirationX"], json!(60));
    // Written back without an `entityInstanceId`.
    let back = serde_json::to_value(&e).unwrap();
    assert!(back.get("entityInstanceId").is_none());
    assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn enclosed_entities_sample() {
    // Overview, "Enclosed entities": references and enclosed entities have the instance shape.
    let text = samples::ENCLOSED_ENTITIES;
    let e: EntityInstance = serde_json::from_str(text).unwrap();
    assert_eq!(e.name(), Some("Sample Dynamics Connectivity profile"));
    let route: EntityInstance =
        serde_json::from_value(e.settings["defaultDomains"][0].clone()).unwrap();
    assert_eq!(route.entity_instance_id, None);
    let cluster: EntityInstance =
        serde_json::from_value(route.settings["primaryCluster"].clone()).unwrap();
    assert_eq!(
        cluster.entity_instance_id.as_deref(),
        Some("e1433bc5-5523-4cd7-9c7b-96ee2b95b06f")
    );
    assert_eq!(cluster.name(), Some("First"));
    assert!(Format::Domain.check(route.text("domainName").unwrap()));
}

#[test]
fn group_assignment_body_assign_a_profile_to_a_group() {
    // Overview, "Assign a Profile to a Group".
    let text = samples::GROUP_ASSIGNMENT;
    let g: Groups = serde_json::from_str(text).unwrap();
    assert_eq!(
        g,
        Groups::assignment(["{Group GUID to assign from previous call}"])
    );
    assert_eq!(
        serde_json::to_value(&g).unwrap(),
        json!({"groups":[{"guid":"{Group GUID to assign from previous call}"}]})
    );
}

#[test]
fn multipart_sample_with_lf_uploading_certificate_for_a_user_credential_profile() {
    let file = [0x30, 0x82, 0x01, 0x02, b'\n', 0x0d, 0xff, 0x00];
    let parts = multipart::parse(
        samples::MULTIPART_CONTENT_TYPE,
        &samples::certificate_upload_lf("cGFzc3dvcmQ=", &file),
    )
    .unwrap();
    assert_eq!(parts.len(), 2);
    let meta = &parts[0];
    assert!(meta.content_type().unwrap().is(media::CERTIFICATE_METADATA));
    let m: CertificateMetadata = serde_json::from_slice(&meta.body).unwrap();
    assert_eq!(m.password.as_deref(), Some("cGFzc3dvcmQ="));
    let p12 = &parts[1];
    assert!(p12.content_type().unwrap().is(media::PKCS12));
    assert_eq!(p12.content_id(), Some(multipart::START));
    assert_eq!(p12.file_name().as_deref(), Some("pkcs12_file.p12"));
    // The first newline belongs to the delimiter; the second stays (overview, "Uploading
    // certificate for a User credential profile…": the shell sample).
    let mut expected = file.to_vec();
    expected.push(b'\n');
    assert_eq!(p12.body, expected);
}

#[test]
fn multipart_with_crlf_round_trips() {
    let file: Vec<u8> = (0..=255u8)
        .chain(b"\r\n--certParts".iter().copied())
        .collect();
    let body = multipart::certificate_upload("cGFzc3dvcmQ=", "my \"cert\".p12", &file);
    let ct = multipart::certificate_upload_content_type();
    assert_eq!(ct, samples::MULTIPART_CONTENT_TYPE);
    let parts = multipart::parse(&ct, &body).unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].body, file);
    assert_eq!(parts[1].file_name().as_deref(), Some("my _cert_.p12"));
    let m: CertificateMetadata = serde_json::from_slice(&parts[0].body).unwrap();
    assert_eq!(m.password.as_deref(), Some("cGFzc3dvcmQ="));
    // A preamble, no closing delimiter, transport padding: still read.
    let loose = b"preamble\r\n--b  \r\nContent-Type: text/plain\r\n\r\nhello";
    let parts = multipart::parse("multipart/related; boundary=b", loose).unwrap();
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].body, b"hello");
    assert_eq!(
        multipart::parse("application/json", b"x"),
        Err(multipart::MultipartError::NoBoundary)
    );
    assert_eq!(
        multipart::parse("multipart/related; boundary=b", b"nothing here"),
        Err(multipart::MultipartError::NoFirstBoundary)
    );
}

#[test]
fn media_types_and_accept_ranges_custom_media_types() {
    let m = MediaType::parse(samples::MULTIPART_CONTENT_TYPE).unwrap();
    assert_eq!(m.essence, "multipart/related");
    assert_eq!(m.param("BOUNDARY"), Some("certPartsBoundary"));
    assert_eq!(m.param("start"), Some("rootIdentifier"));
    let m = MediaType::parse("Application/VND.blackberry.groups-v1+json; charset=UTF-8").unwrap();
    assert!(m.is(media::GROUPS));
    assert_eq!(MediaType::parse("nonsense"), None);
    let ranges = multipart::accept_ranges("text/html, application/*;q=0.5, */*;q=0");
    assert_eq!(ranges.len(), 3);
    assert!(!ranges[0].covers(media::GROUPS));
    assert!(ranges[1].covers(media::GROUPS) && ranges[1].quality() == 0.5);
    assert!(ranges[2].covers(media::GROUPS) && ranges[2].quality() == 0.0);
    assert_eq!(
        multipart::disposition_file_name("attachment; filename=\"pkcs12_file.pfx\""),
        Some("pkcs12_file.pfx".into())
    );
    assert_eq!(
        multipart::disposition_file_name("attachment; filename=a.cer"),
        Some("a.cer".into())
    );
}

#[test]
fn tolerant_readers_absent_fields_omitted_data_types() {
    // "fields that are not assigned a value are not returned in the response and the client
    // should be programmed to check for null values" (overview, "Data types").
    let e: EmbeddedCertificate = serde_json::from_value(json!({
        "guid": "e1", "certificate": {"guid": "c1", "unknownField": 1},
        "state": "SOMETHING_NEW", "certificateBundle": null, "later": [1, 2]
    }))
    .unwrap();
    assert_eq!(
        e.state,
        Some(CertificateState::Other("SOMETHING_NEW".into()))
    );
    assert_eq!(e.certificate_bundle, None);
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"guid":"e1","certificate":{"guid":"c1"},"state":"SOMETHING_NEW"})
    );
    let e = CertificateEnrollment {
        guid: "x".into(),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&e).unwrap(), json!({"guid": "x"}));
    let d: EntityDefinition = serde_json::from_value(json!({
        "entityDefId": "a.B", "operations": ["DEFINITION", "list", "FUTURE"],
        "properties": [{"name": "x", "type": "STRING", "maxLength": 5, "whatever": true}]
    }))
    .unwrap();
    assert!(d.supports(&Operation::List));
    assert_eq!(d.operations[2], Operation::Other("FUTURE".into()));
    assert_eq!(d.short_name(), "B");
    assert_eq!(d.property("x").unwrap().max_length, Some(5));
    let back = serde_json::to_value(&d).unwrap();
    assert!(back.get("singleton").is_none() && back.get("licensed").is_none());
    assert_eq!(back["operations"], json!(["DEFINITION", "LIST", "FUTURE"]));
    let p: Profiles =
        serde_json::from_value(json!({"profiles": [{"guid": "p", "category": "user_credential"}]}))
            .unwrap();
    assert_eq!(
        p.profiles[0].category,
        Some(ProfileCategory::UserCredential)
    );
    let u: Users = serde_json::from_value(json!({})).unwrap();
    assert!(u.users.is_empty());
}

#[test]
fn formats() {
    for (f, good, bad) in [
        (Format::Hostname, "server01.example.com", "bad_host"),
        (Format::Domain, "*.example.com", "*.*.x"),
        (Format::Ipv4, "10.0.0.255", "10.0.0.256"),
        (Format::Email, "jdoe@example.com", "jdoe@"),
        (
            Format::Url,
            "https://example.com:8443/x",
            "ftp://example.com",
        ),
        (Format::PackageId, "com.good.gcs", "good"),
        (Format::Sha256, &"ab".repeat(32), "abc"),
        (Format::Version, "14.6.1", "14..1"),
        (Format::AppleId, "ABCDE12345", "abcde12345"),
    ] {
        assert!(f.check(good), "{f}: {good}");
        assert!(!f.check(bad), "{f}: {bad}");
    }
    assert!(Format::Other("X".into()).check("anything"));
}

#[test]
fn times_are_iso_utc_with_milliseconds() {
    assert_eq!(format_time(1_793_491_200_123), "2026-11-01T00:00:00.123Z");
    assert_eq!(
        parse_time("2026-11-01T00:00:00.123Z"),
        Some(1_793_491_200_123)
    );
    assert_eq!(base_path(DEFAULT_TENANT), "/SRP00000/api/v1");
}
