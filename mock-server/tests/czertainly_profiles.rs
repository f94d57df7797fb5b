//! CZERTAINLY "SCEP Profile Management" (the CZERTAINLY reference; digest `certificates-api.md`
//! Part B): list, detail, create, edit, delete, enable/disable, the RA profile, the CA
//! certificates, the SCEP URL.

mod common;
mod czertainly;

use axum::http::{Method, StatusCode};
use czertainly::*;
use serde_json::{json, Value};
use wire::czertainly::certificates::Certificate;
use wire::czertainly::scep::{ScepProfileDetail, ScepProfileEditRequest};

const SCEP_CORPORATE: &str =
    "https://ca.example.com/api/v1/protocols/scep/corporate-users/pkiclient.exe";

fn messages(r: &common::Reply) -> Vec<String> {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|e| panic!("not a message array ({e}): {}", r.text()))
}

fn assert_no_secret(r: &common::Reply) {
    let t = r.text();
    for s in ["challengePassword", "intuneApplicationKey", "secret"] {
        assert!(!t.contains(s), "{s} in {t}");
    }
}

#[tokio::test]
async fn list_is_the_reference_list_sample_shape() {
    let cz = Cz::new();
    let r = cz.call(Method::GET, "", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_no_secret(&r);
    let raw = r.json();
    // Answers say `renewThreshold` (the CZERTAINLY reference's list sample), never the request's
    // `renewalThreshold`; the field is there even when unset.
    assert_eq!(raw[0]["renewThreshold"], json!(30));
    assert_eq!(raw[2]["renewThreshold"], Value::Null);
    assert!(raw
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p.get("renewalThreshold").is_none()));
    let list = cz.list().await;
    assert_eq!(
        Cz::names(&list),
        [
            "corporate-users",
            "kiosk-devices",
            "intune-devices",
            "lab-test"
        ]
    );
    let kiosk = &list[1];
    let ra = kiosk.ra_profile.as_ref().unwrap();
    assert_eq!(
        (ra.uuid.as_str(), ra.name.as_str(), ra.enabled),
        (RA_DEVICES, "devices-ra", Some(true))
    );
    assert!(ra.authority_instance_uuid.is_some());
    assert!(list[2].enable_intune);
    // The profile without an RA profile has no SCEP URL (the platform answers none then).
    assert_eq!(list[3].scep_url, None);
    assert!(!list[3].enabled);
}

#[tokio::test]
async fn detail_answers_the_scep_url_and_no_secret() {
    let cz = Cz::new();
    let r = cz.call(Method::GET, &format!("/{P_CORPORATE}"), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_no_secret(&r);
    let d: ScepProfileDetail = common::parse(&r);
    assert_eq!(d.profile.scep_url.as_deref(), Some(SCEP_CORPORATE));
    let names: Vec<(&str, Option<&str>)> = d
        .issue_certificate_attributes
        .iter()
        .map(|a| (a.name.as_str(), a.label.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("username", Some("End entity username")),
            ("sendNotifications", Some("Send notifications"))
        ]
    );
    assert_eq!(r.json()["issueCertificateAttributes"][0]["type"], "data");
    assert_eq!(r.json()["customAttributes"][1]["content"][0]["data"], 4100);
    let ca = d.ca_certificate.unwrap();
    assert_eq!(ca.uuid, CA_CORPORATE);
    // Dates are ISO 8601.
    assert_eq!(ca.not_after.as_deref(), Some("2033-03-01T00:00:00Z"));
    assert!(ca.not_before_ms().is_some() && ca.private_key_availability);
    let assoc = d.certificate_associations.unwrap();
    assert_eq!(assoc.group_uuids, ["497f6eca-6276-4993-bfeb-53cbbbba6f08"]);
}

#[tokio::test]
async fn the_reference_sample_uuid_is_an_opaque_id() {
    // The CZERTAINLY reference's sample uuid `7b55ge1c-…` is not hexadecimal: a seeded profile all
    // the same.
    let cz = Cz::new();
    let d = cz.detail(P_INTUNE).await;
    assert_eq!(d.profile.name, "intune-devices");
    assert_eq!(d.intune_tenant.as_deref(), Some("example.onmicrosoft.com"));
    // Compared without case, as UUIDs are.
    let upper = cz.detail(&P_INTUNE.to_ascii_uppercase()).await;
    assert_eq!(upper.profile.uuid, P_INTUNE);
    let r = cz
        .call(Method::PATCH, &format!("/{P_INTUNE}/disable"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(!cz.detail(P_INTUNE).await.profile.enabled);
    // An unknown id of any form: 404 with the platform's message.
    let r = cz.call(Method::GET, "/not-a-uuid", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.json(),
        json!({"message": "Object of type 'ScepProfile' identified by not-a-uuid is not found."})
    );
}

#[tokio::test]
async fn scep_urls_are_the_epmm_scep_settings_urls() {
    // The EPMM SCEP app settings enrol at the seeded CZERTAINLY profiles, so the portal can link
    // them (decision: default --czertainly-scep-base, V1 app settings 1011 and 1012).
    let cz = Cz::new();
    let r = common::get(&cz.app, "/api/v1/appsettings?type=SCEP").await;
    let settings: wire::v1::AppSettingListResponse = common::parse(&r);
    let url_of = |name: &str| {
        settings
            .appsettings
            .items
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.properties.get("SCEP_URL"))
            .map(str::to_string)
    };
    let list = cz.list().await;
    let scep = |name: &str| {
        list.iter()
            .find(|p| p.name == name)
            .and_then(|p| p.scep_url.clone())
    };
    assert_eq!(
        url_of("Corporate User Certificate"),
        scep("corporate-users")
    );
    assert_eq!(url_of("Kiosk Device Certificate"), scep("kiosk-devices"));
    assert_eq!(scep("corporate-users").as_deref(), Some(SCEP_CORPORATE));
}

#[tokio::test]
async fn scep_url_follows_the_base_flag() {
    let cz = Cz::new();
    cz.st
        .czertainly
        .configure(mock_server::czertainly::CzConfig {
            open: false,
            scep_base: "http://127.0.0.1:9999/czertainly/api/".into(),
        });
    assert_eq!(
        cz.detail(P_KIOSK).await.profile.scep_url.as_deref(),
        Some("http://127.0.0.1:9999/czertainly/api/v1/protocols/scep/kiosk-devices/pkiclient.exe")
    );
}

#[tokio::test]
async fn create_answers_201_disabled_and_stores_the_profile() {
    let cz = Cz::new();
    let r = cz
        .call(Method::POST, "", Some(&create_body("laptops")))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_no_secret(&r);
    let d: ScepProfileDetail = common::parse(&r);
    // New profiles are created disabled (digest `certificates-api.md`, "B.5 Behaviour and
    // validation").
    assert!(!d.profile.enabled);
    assert_eq!(
        r.header("location"),
        Some(format!("{BASE}/{}", d.profile.uuid).as_str())
    );
    assert_eq!(d.profile.renew_threshold, Some(20));
    assert!(d.profile.include_ca_certificate && !d.profile.include_ca_certificate_chain);
    assert_eq!(
        d.profile.scep_url.as_deref(),
        Some("https://ca.example.com/api/v1/protocols/scep/laptops/pkiclient.exe")
    );
    assert_eq!(
        d.issue_certificate_attributes[0].label.as_deref(),
        Some("Certificate template")
    );
    assert_eq!(d.custom_attributes[0].content[0].data, json!("QA"));
    // Read back through the API: the same detail, and in the list.
    assert_eq!(cz.detail(&d.profile.uuid).await, d);
    assert!(Cz::names(&cz.list().await).contains(&"laptops"));
    // The secret is stored, never answered.
    assert_eq!(
        cz.stored(&d.profile.uuid).challenge_password.as_deref(),
        Some("first-secret")
    );
}

#[tokio::test]
async fn duplicate_name_is_409() {
    let cz = Cz::new();
    let r = cz
        .call(Method::POST, "", Some(&create_body("kiosk-devices")))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.json(),
        json!({"message": "SCEP Profile with same name already exists"})
    );
    assert_eq!(cz.list().await.len(), 4);
}

#[tokio::test]
async fn the_reference_sample_name_is_refused_names_are_url_segments() {
    // Decision: the platform's rule (unreserved URI characters: the name is a segment of the
    // SCEP URL), so the CZERTAINLY reference's create sample name `Profile Name 1` is refused.
    let cz = Cz::new();
    let r = cz
        .call(Method::POST, "", Some(&create_body("Profile Name 1")))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        messages(&r),
        ["Name can contain only unreserved URI characters (alphanumeric, hyphen, period, underscore, and tilde)"]
    );
    let mut body = create_body("");
    body.as_object_mut().unwrap().remove("name");
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(messages(&r), ["Name cannot be empty"]);
    let r = cz
        .call(Method::POST, "", Some(&create_body("Profile_Name-1.v2~")))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn validation_is_422_with_every_message() {
    let cz = Cz::new();
    let body = json!({
        "name": "bad name",
        // EJBCA: `username` is required and missing.
        "raProfileUuid": RA_CORPORATE,
        "issueCertificateAttributes": [ attr("sendNotifications", "string", json!("yes")) ],
        // The root CA has no private key on the platform.
        "caCertificateUuid": CA_ROOT,
        "customAttributes": [
            attr("costCenter", "integer", json!("4100")),
            attr("colour", "string", json!("blue"))
        ],
        "renewalThreshold": -1,
        "enableIntune": true,
        "intuneApplicationId": "app"
    });
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        messages(&r),
        [
            "Name can contain only unreserved URI characters (alphanumeric, hyphen, period, underscore, and tilde)",
            "CA Certificate is not acceptable as SCEP CA certificate for this profile",
            "Renewal threshold must be 0 or more days",
            "Invalid Intune configuration. Missing Intune tenant and/or intune app identification",
            "Data attribute 'sendNotifications' of content type 'Boolean' has different content type in request attribute: 'String'",
            "Content for required Data attribute username is not provided.",
            "Wrong content for attribute costCenter of content type Integer number",
            "Content for custom attribute colour is provided but resource SCEP Profile is not associated with it",
        ]
    );
    // Nothing stored.
    assert_eq!(cz.list().await.len(), 4);
    // CA certificate missing.
    let mut body = create_body("no-ca");
    body["caCertificateUuid"] = Value::Null;
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(messages(&r), ["CA Certificate cannot be empty"]);
}

#[tokio::test]
async fn unknown_ra_profile_or_ca_certificate_is_404_unreadable_body_400() {
    let cz = Cz::new();
    let mut body = create_body("x1");
    body["raProfileUuid"] = json!("missing-ra");
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.json()["message"],
        "Object of type 'RaProfile' identified by missing-ra is not found."
    );
    let mut body = create_body("x1");
    body["caCertificateUuid"] = json!("string");
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.json()["message"],
        "Object of type 'Certificate' identified by string is not found."
    );
    for bad in [
        "{".to_string(),
        "[]".to_string(),
        String::new(),
        r#"{"name":"x","renewalThreshold":100000000000000000000}"#.to_string(),
        r#"{"name":"x","issueCertificateAttributes":"none"}"#.to_string(),
    ] {
        let r = common::send_body(
            &cz.app,
            Method::POST,
            BASE,
            None,
            &[(
                mock_server::czertainly::CLIENT_CERT_HEADER,
                cz.cert.as_str(),
            )],
            &bad,
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            r.json()["message"]
                .as_str()
                .unwrap()
                .starts_with("Unable to read HTTP message"),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn edit_stores_the_whole_profile_ignores_the_name_keeps_blank_secrets() {
    let cz = Cz::new();
    let body = json!({
        "name": "renamed",
        "raProfileUuid": RA_DEVICES,
        "caCertificateUuid": CA_DEVICES,
        "issueCertificateAttributes": [ attr("template", "string", json!("Kiosk2")) ],
        "includeCaCertificateChain": true,
        "challengePassword": ""
    });
    let r = cz
        .call(Method::PUT, &format!("/{P_KIOSK}"), Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_no_secret(&r);
    let d = cz.detail(P_KIOSK).await;
    // The name sent is ignored (a profile cannot be renamed).
    assert_eq!(d.profile.name, "kiosk-devices");
    // The whole profile is what was sent: absent fields are cleared.
    assert_eq!(d.profile.description, None);
    assert_eq!(d.profile.renew_threshold, None);
    assert!(d.custom_attributes.is_empty());
    assert!(!d.profile.include_ca_certificate && d.profile.include_ca_certificate_chain);
    assert_eq!(d.issue_certificate_attributes.len(), 1);
    assert_eq!(
        d.issue_certificate_attributes[0].content[0].data,
        json!("Kiosk2")
    );
    // `enabled` is not part of an edit.
    assert!(d.profile.enabled);
    // The blank secret kept the stored one; a new one replaces it.
    assert_eq!(
        cz.stored(P_KIOSK).challenge_password.as_deref(),
        Some("kiosk-challenge")
    );
    let mut body = body;
    body["challengePassword"] = json!("rotated");
    let r = cz
        .call(Method::PUT, &format!("/{P_KIOSK}"), Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        cz.stored(P_KIOSK).challenge_password.as_deref(),
        Some("rotated")
    );
    let r = cz.call(Method::PUT, "/missing", Some(&body)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn intune_key_left_blank_is_kept_and_needed_once() {
    let cz = Cz::new();
    let edit = |ca: &str| {
        json!({
            "raProfileUuid": RA_DEVICES,
            "caCertificateUuid": ca,
            "issueCertificateAttributes": [ attr("template", "string", json!("IntuneDevice")) ],
            "enableIntune": true,
            "intuneTenant": "example.onmicrosoft.com",
            "intuneApplicationId": "0f3c2a1e-6b7d-4c8e-9f10-2a3b4c5d6e7f"
        })
    };
    // intune-devices has a stored key: an edit without one keeps it.
    let r = cz
        .call(
            Method::PUT,
            &format!("/{P_INTUNE}"),
            Some(&edit(CA_DEVICES)),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        cz.stored(P_INTUNE).intune_application_key.as_deref(),
        Some("intune-app-secret")
    );
    // lab-test has none: Intune cannot be switched on without it, and its ECDSA CA is not
    // acceptable for Intune (RSA only).
    let r = cz
        .call(Method::PUT, &format!("/{P_LAB}"), Some(&edit(CA_ECC)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        messages(&r),
        [
            "CA Certificate is not acceptable as SCEP CA certificate for this profile",
            "Invalid Intune configuration. Missing Intune tenant and/or intune app identification",
        ]
    );
    let mut with_key = edit(CA_DEVICES);
    with_key["intuneApplicationKey"] = json!("k2");
    let r = cz
        .call(Method::PUT, &format!("/{P_LAB}"), Some(&with_key))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        cz.stored(P_LAB).intune_application_key.as_deref(),
        Some("k2")
    );
    assert!(cz.detail(P_LAB).await.profile.enable_intune);
}

#[tokio::test]
async fn renewal_threshold_in_requests_renew_threshold_in_answers() {
    // Decision (CZERTAINLY reference): requests say `renewalThreshold`, answers `renewThreshold`; a
    // request's `renewThreshold` is an unknown property and is ignored, as the platform ignores
    // them.
    let cz = Cz::new();
    let mut body = create_body("thresholds");
    body["renewalThreshold"] = json!(9);
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(r.json()["renewThreshold"], json!(9));
    let uuid = r.json()["uuid"].as_str().unwrap().to_string();
    let mut edit = create_body("thresholds");
    edit.as_object_mut().unwrap().remove("renewalThreshold");
    edit["renewThreshold"] = json!(5);
    let r = cz.call(Method::PUT, &format!("/{uuid}"), Some(&edit)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["renewThreshold"], Value::Null);
    // 0 is kept as 0 ("half of the validity" is the platform's reading of it).
    edit["renewalThreshold"] = json!(0);
    let r = cz.call(Method::PUT, &format!("/{uuid}"), Some(&edit)).await;
    assert_eq!(r.json()["renewThreshold"], json!(0));
    assert_eq!(cz.detail(&uuid).await.profile.renew_threshold, Some(0));
}

#[tokio::test]
async fn an_edit_of_the_detail_as_it_is_changes_nothing() {
    // The portal's edit form starts from the detail and sends the whole profile back.
    let cz = Cz::new();
    for uuid in [P_CORPORATE, P_KIOSK, P_INTUNE, P_LAB] {
        let before = cz.detail(uuid).await;
        let body: ScepProfileEditRequest = before.to_edit_request();
        let body = serde_json::to_value(&body).unwrap();
        let r = cz.call(Method::PUT, &format!("/{uuid}"), Some(&body)).await;
        assert_eq!(r.status, StatusCode::OK, "{uuid}: {}", r.text());
        assert_eq!(cz.detail(uuid).await, before, "{uuid}");
    }
    assert_eq!(
        cz.stored(P_CORPORATE).challenge_password.as_deref(),
        Some("corp-users-challenge")
    );
}

#[tokio::test]
async fn no_ra_profile_means_no_scep_url_and_no_issue_attributes() {
    let cz = Cz::new();
    for none in ["", "NONE"] {
        let mut body =
            serde_json::to_value(cz.detail(P_CORPORATE).await.to_edit_request()).unwrap();
        body["raProfileUuid"] = json!(none);
        let r = cz
            .call(Method::PUT, &format!("/{P_CORPORATE}"), Some(&body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let d = cz.detail(P_CORPORATE).await;
        assert_eq!(d.profile.ra_profile, None);
        assert_eq!(d.profile.scep_url, None);
        assert!(d.issue_certificate_attributes.is_empty());
    }
}

#[tokio::test]
async fn set_the_ra_profile() {
    let cz = Cz::new();
    let path = |p: &str, ra: &str| format!("/{p}/raProfiles/{ra}");
    let r = cz.call(Method::PATCH, &path(P_LAB, RA_WEB), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let d = cz.detail(P_LAB).await;
    assert_eq!(d.profile.ra_profile.unwrap().name, "web-servers-ra");
    assert_eq!(
        d.profile.scep_url.as_deref(),
        Some("https://ca.example.com/api/v1/protocols/scep/lab-test/pkiclient.exe")
    );
    // The same RA profile again keeps the issue attributes; another one drops them.
    let r = cz
        .call(Method::PATCH, &path(P_CORPORATE, RA_CORPORATE), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        cz.detail(P_CORPORATE)
            .await
            .issue_certificate_attributes
            .len(),
        2
    );
    // The disabled RA profile can be set; the answer shows it disabled.
    let r = cz
        .call(Method::PATCH, &path(P_CORPORATE, RA_LEGACY), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let d = cz.detail(P_CORPORATE).await;
    assert_eq!(d.profile.ra_profile.unwrap().enabled, Some(false));
    assert!(d.issue_certificate_attributes.is_empty());
    let r = cz
        .call(Method::PATCH, &path(P_CORPORATE, "nope"), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        r.json()["message"],
        "Object of type 'RaProfile' identified by nope is not found."
    );
    let r = cz.call(Method::PATCH, &path("nope", RA_WEB), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn enable_and_disable_one() {
    let cz = Cz::new();
    let r = cz
        .call(Method::PATCH, &format!("/{P_CORPORATE}/disable"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = cz
        .call(Method::PATCH, &format!("/{P_LAB}/enable"), None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = cz.list().await;
    let enabled: Vec<bool> = list.iter().map(|p| p.enabled).collect();
    assert_eq!(enabled, [false, true, true, true]);
    let r = cz.call(Method::PATCH, "/missing/enable", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["message"].as_str().unwrap().contains("missing"));
}

#[tokio::test]
async fn delete_refused_while_ra_profiles_use_it_names_them() {
    let cz = Cz::new();
    let r = cz.call(Method::DELETE, &format!("/{P_KIOSK}"), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        messages(&r),
        ["Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra"]
    );
    assert_eq!(cz.detail(P_KIOSK).await.profile.name, "kiosk-devices");
    // Not used by any RA profile: deleted.
    let r = cz.call(Method::DELETE, &format!("/{P_INTUNE}"), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = cz.call(Method::GET, &format!("/{P_INTUNE}"), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(cz.list().await.len(), 3);
    let r = cz.call(Method::DELETE, &format!("/{P_INTUNE}"), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn ca_certificates_eligible_for_scep() {
    let cz = Cz::new();
    let get = |q: &'static str| cz.call(Method::GET, q, None);
    let r = get("/caCertificates?intuneEnabled=false").await;
    assert_eq!(r.status, StatusCode::OK);
    let all: Vec<Certificate> = common::parse(&r);
    let uuids: Vec<&str> = all.iter().map(|c| c.uuid.as_str()).collect();
    // Not the root (no private key) nor the expired CA.
    assert_eq!(uuids, [CA_CORPORATE, CA_DEVICES, CA_ECC]);
    assert!(all.iter().all(|c| c.not_before_ms() < c.not_after_ms()));
    assert_eq!(r.json()[0]["notBefore"], "2023-03-01T00:00:00Z");
    // Intune: RSA only.
    let intune: Vec<Certificate> = common::parse(&get("/caCertificates?intuneEnabled=TRUE").await);
    let uuids: Vec<&str> = intune.iter().map(|c| c.uuid.as_str()).collect();
    assert_eq!(uuids, [CA_CORPORATE, CA_DEVICES]);
    // The parameter is required and boolean.
    for (q, msg) in [
        (
            "/caCertificates",
            "Required request parameter 'intuneEnabled'",
        ),
        (
            "/caCertificates?intuneEnabled=",
            "Required request parameter 'intuneEnabled'",
        ),
        (
            "/caCertificates?intuneEnabled=maybe",
            "Invalid boolean value [maybe]",
        ),
    ] {
        let r = get(q).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(r.json()["message"].as_str().unwrap().contains(msg), "{q}");
    }
    // The expired CA is refused as a profile's CA.
    let mut body = create_body("old-ca");
    body["caCertificateUuid"] = json!(CA_EXPIRED);
    let r = cz.call(Method::POST, "", Some(&body)).await;
    assert_eq!(
        messages(&r),
        ["CA Certificate is not acceptable as SCEP CA certificate for this profile"]
    );
}
