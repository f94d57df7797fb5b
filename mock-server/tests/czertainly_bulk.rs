//! CZERTAINLY "SCEP Profile Management" bulk calls (CZERTAINLY reference: the "SCEP Profile UUIDs"
//! blocks): enable, disable, delete and force delete, with the reference's sample uuids.

mod common;
mod czertainly;

use axum::http::{Method, StatusCode};
use czertainly::*;
use serde_json::json;
use wire::czertainly::BulkActionMessage;

fn enabled(list: &[wire::czertainly::scep::ScepProfile]) -> Vec<(&str, bool)> {
    list.iter().map(|p| (p.name.as_str(), p.enabled)).collect()
}

#[tokio::test]
async fn bulk_enable_enables_and_bulk_disable_disables_unknown_uuids_skipped() {
    // Decision (the reference's two identical blocks): the call at `/enable` enables, the one at
    // `/disable` disables; unknown uuids are skipped and the answer is still 204.
    let cz = Cz::new();
    let r = cz
        .call(
            Method::PATCH,
            "/disable",
            Some(&json!([
                P_CORPORATE,
                "no-such-profile",
                P_INTUNE.to_ascii_uppercase()
            ])),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    assert_eq!(
        enabled(&cz.list().await),
        [
            ("corporate-users", false),
            ("kiosk-devices", true),
            ("intune-devices", false),
            ("lab-test", false)
        ]
    );
    let r = cz
        .call(
            Method::PATCH,
            "/enable",
            Some(&json!([P_LAB, P_CORPORATE, "nope"])),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        enabled(&cz.list().await),
        [
            ("corporate-users", true),
            ("kiosk-devices", true),
            ("intune-devices", false),
            ("lab-test", true)
        ]
    );
    // Only unknown uuids, or none: nothing changes, still 204.
    for body in [json!(["x", "y"]), json!([])] {
        let r = cz.call(Method::PATCH, "/enable", Some(&body)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
    }
}

#[tokio::test]
async fn bulk_delete_answers_only_the_failures() {
    // The CZERTAINLY reference's bulk delete sample: `[{uuid, name, "message": "Object is
    // associated with other items"}]`; the mock adds who depends on the profile.
    let cz = Cz::new();
    let r = cz
        .call(
            Method::DELETE,
            "/delete",
            Some(&json!([
                P_INTUNE,
                P_KIOSK,
                "c0ffee00-0000-4000-8000-000000000000"
            ])),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let failures: Vec<BulkActionMessage> = common::parse(&r);
    assert_eq!(
        failures,
        [
            BulkActionMessage {
                uuid: P_KIOSK.into(),
                name: "kiosk-devices".into(),
                message: "Object is associated with other items. Dependent RA Profiles (2): devices-ra, legacy-ra".into(),
            },
            BulkActionMessage {
                uuid: "c0ffee00-0000-4000-8000-000000000000".into(),
                name: String::new(),
                message: "Object of type 'ScepProfile' identified by c0ffee00-0000-4000-8000-000000000000 is not found.".into(),
            },
        ]
    );
    assert_eq!(
        Cz::names(&cz.list().await),
        ["corporate-users", "kiosk-devices", "lab-test"]
    );
    // Everything deleted: `[]`.
    let r = cz
        .call(Method::DELETE, "/delete", Some(&json!([P_LAB])))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), json!([]));
    assert_eq!(cz.list().await.len(), 2);
}

#[tokio::test]
async fn force_delete_detaches_the_ra_profiles_and_deletes() {
    // The CZERTAINLY reference's bulk sample uuids are the seeded `corporate-users` and
    // `kiosk-devices`, both used by RA profiles: refused by delete, done by force delete.
    let cz = Cz::new();
    let sample = json!([
        "c2f685d4-6a3e-11ec-90d6-0242ac120003",
        "b9b09548-a97c-4c6a-a06a-e4ee6fc2da98"
    ]);
    let r = cz.call(Method::DELETE, "/delete", Some(&sample)).await;
    let failures: Vec<BulkActionMessage> = common::parse(&r);
    assert_eq!(failures.len(), 2);
    assert!(failures[0]
        .message
        .ends_with("Dependent RA Profiles (1): corporate-users-ra"));
    let mut body = sample.clone();
    body.as_array_mut().unwrap().push(json!("gone"));
    let r = cz.call(Method::DELETE, "/delete/force", Some(&body)).await;
    assert_eq!(r.status, StatusCode::OK);
    let failures: Vec<BulkActionMessage> = common::parse(&r);
    assert_eq!(failures.len(), 1);
    assert_eq!(
        (failures[0].uuid.as_str(), failures[0].name.as_str()),
        ("gone", "")
    );
    assert_eq!(Cz::names(&cz.list().await), ["intune-devices", "lab-test"]);
    // The RA profiles no longer use a SCEP profile.
    let w = cz.st.czertainly.lock();
    assert!(w.ra_profiles.iter().all(|r| r.scep_profile.is_none()));
}

#[tokio::test]
async fn bulk_bodies_must_be_uuid_arrays() {
    let cz = Cz::new();
    for (method, path) in [
        (Method::PATCH, "/enable"),
        (Method::PATCH, "/disable"),
        (Method::DELETE, "/delete"),
        (Method::DELETE, "/delete/force"),
    ] {
        for body in [json!({"uuids": [P_LAB]}), json!([P_LAB, 7]), json!(null)] {
            let r = cz.call(method.clone(), path, Some(&body)).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{method} {path} {body}");
            assert!(r.json()["message"].is_string());
        }
    }
    assert_eq!(cz.list().await.len(), 4);
    assert!(!cz.detail(P_LAB).await.profile.enabled);
}
